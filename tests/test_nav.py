import datetime as dt

from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.nav import build_nav, newest_first

UTC = dt.timezone.utc


def p(src: str, day: int | None = None, category: str | None = None, kind: str = "post") -> Post:
    date = dt.datetime(2020, 1, day, tzinfo=UTC) if day else None
    return Post(src, kind, src, date, False, None, category, (), None, None)  # type: ignore[arg-type]


def test_nav_layout():
    posts = [
        p("posts/b.md", 2, "Deep Learning"),
        p("posts/a.md", 3, "Deep Learning"),
        p("posts/c.md", 1, "apps"),
        p("posts/loose.md", 5),
        p("posts/z.md", 9, "Zoo"),
    ]
    pages = [p("pages/contact.md", kind="page"), p("pages/about.md", kind="page")]
    nav = build_nav("index.md", posts, pages, ["guide/one.md", "guide/two.md", "other.md"])
    assert nav == [
        "index.md",
        {"apps": ["posts/c.md"]},
        {"Deep Learning": ["posts/a.md", "posts/b.md"]},
        {"Zoo": ["posts/z.md"]},
        "posts/loose.md",
        "pages/about.md",
        "pages/contact.md",
        {"Guide": ["guide/one.md", "guide/two.md"]},
        "other.md",
    ]


def test_no_home():
    assert build_nav(None, [p("posts/a.md", 1, "X")], [], []) == [{"X": ["posts/a.md"]}]


def test_same_date_posts_keep_file_order_whatever_order_they_come_in():
    posts = [p(f"posts/{name}.md", 1) for name in "dbca"]
    assert [x.src_uri for x in newest_first(posts)] == [f"posts/{n}.md" for n in "abcd"]
    assert newest_first(reversed(posts)) == newest_first(posts)


def test_offsets_are_compared_as_instants():
    east = Post(
        "e.md",
        "post",
        "e",
        dt.datetime(2020, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        False,
        None,
        None,
        (),
        None,
        None,
    )
    west = Post(
        "w.md",
        "post",
        "w",
        dt.datetime(2019, 12, 31, 23, tzinfo=UTC),
        False,
        None,
        None,
        (),
        None,
        None,
    )
    # 01:00+05:00 is 20:00 UTC the day before, so the "2019" post is newer.
    assert [x.src_uri for x in newest_first([east, west])] == ["w.md", "e.md"]
