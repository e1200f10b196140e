import datetime as dt

from conftest import make_post

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.site.nav import Section, build_nav, newest_first

UTC = dt.timezone.utc


def p(src: str, day: int | None = None, category: str | None = None, kind: str = "post") -> Post:
    date = dt.datetime(2020, 1, day, tzinfo=UTC) if day else None
    return make_post(src, kind=kind, title=src, date=date, category=category)


def test_nav_layout():
    sections = [
        Section(
            "Deep Learning",
            "category/deep-learning/index.md",
            [p("posts/b.md", 2), p("posts/a.md", 3)],
        ),
        Section("apps", None, [p("posts/c.md", 1)]),
        Section("Zoo", "category/zoo/index.md", [p(f"posts/z{i}.md", i + 1) for i in range(5)]),
    ]
    pages = [p("pages/contact.md", kind="page"), p("pages/about.md", kind="page")]
    nav = build_nav(
        "index.md",
        "blog/index.md",
        sections,
        [p("posts/loose.md", 5)],
        pages,
        ["categories/index.md"],
        ["guide/one.md", "guide/two.md", "other.md"],
        limit=3,
    )
    assert nav == [
        "index.md",
        "blog/index.md",
        {"apps": ["posts/c.md"]},
        {"Deep Learning": ["category/deep-learning/index.md", "posts/a.md", "posts/b.md"]},
        {"Zoo": ["category/zoo/index.md", "posts/z4.md", "posts/z3.md", "posts/z2.md"]},
        "posts/loose.md",
        "pages/about.md",
        "pages/contact.md",
        "categories/index.md",
        {"Guide": ["guide/one.md", "guide/two.md"]},
        "other.md",
    ]


def test_no_home():
    nav = build_nav(None, None, [Section("X", None, [p("posts/a.md", 1)])], [], [], [], [], 10)
    assert nav == [{"X": ["posts/a.md"]}]


def test_same_date_posts_keep_file_order_whatever_order_they_come_in():
    posts = [p(f"posts/{name}.md", 1) for name in "dbca"]
    assert [x.src_uri for x in newest_first(posts)] == [f"posts/{n}.md" for n in "abcd"]
    assert newest_first(reversed(posts)) == newest_first(posts)


def test_offsets_are_compared_as_instants():
    east = make_post(
        "e.md", date=dt.datetime(2020, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    )
    west = make_post("w.md", date=dt.datetime(2019, 12, 31, 23, tzinfo=UTC))
    # 01:00+05:00 is 20:00 UTC the day before, so the "2019" post is newer.
    assert [x.src_uri for x in newest_first([east, west])] == ["w.md", "e.md"]
