import datetime as dt
from pathlib import Path

import pytest

from mkdocs_perceptual.frontmatter import (
    FrontMatterError,
    Post,
    YamlError,
    read_post,
    split_front_matter,
)

UTC = dt.timezone.utc
SEED = (
    Path(__file__).resolve().parents[1] / "docs" / "posts" / "perceptual-learning-text-sequences.md"
)


def fm(*lines: str, body: str = "Body\n") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def test_seed_post():
    post = read_post(SEED.read_text(encoding="utf-8"), "posts/seed.md", UTC)
    assert post == Post(
        src_uri="posts/seed.md",
        kind="post",
        title="Perceptual Learning - Deep Learning for Text & Sequences",
        date=dt.datetime(2019, 6, 24, 9, 6, 4, tzinfo=UTC),
        draft=False,
        slug="/posts/perceptual-learning-text-sequences",
        category="Deep Learning",
        tags=(),
        description="Explaining CNN from pracical and theoretical perspective.",
        social_image=None,
    )


def test_every_field():
    post = read_post(
        fm(
            "title: Full",
            "date: 2016-09-01T23:46:37.121Z",
            "template: post",
            "draft: true",
            "slug: /posts/full/",
            "category: Machine Learning & AI",
            "tags:",
            "  - Handwriting",
            "  - Deep Learning",
            "description: Everything set.",
            "socialImage: /media/image-2.jpg",
            "unknownKey: left to other plugins",
        ),
        "posts/full.md",
        UTC,
    )
    assert post is not None
    assert (post.kind, post.draft, post.slug, post.category) == (
        "post",
        True,
        "/posts/full/",
        "Machine Learning & AI",
    )
    assert post.tags == ("Handwriting", "Deep Learning")
    assert post.social_image == "/media/image-2.jpg"
    assert post.date == dt.datetime(2016, 9, 1, 23, 46, 37, 121000, tzinfo=UTC)


@pytest.mark.parametrize(
    "source",
    [
        "# No front matter\n",
        fm("title: An ordinary MkDocs page"),
        fm("title: Own template", "template: custom.html"),
        "---\n- a list between rules\n---\n",
        "---\nplain text between rules\n---\n",
        "---\n---\nEmpty front matter\n",
        "Text first\n---\ntemplate: post\n---\n",
    ],
)
def test_ordinary_mkdocs_pages_are_left_alone(source):
    assert read_post(source, "page.md", UTC) is None


def test_page_needs_no_date():
    post = read_post(fm("title: About", "template: page"), "pages/about.md", UTC)
    assert post is not None
    assert post.kind == "page"
    assert post.date is None


def test_crlf_and_bom_are_read():
    source = "---\r\ntitle: Windows\r\ndate: 2020-01-01\r\ntemplate: post\r\n---\r\nBody\r\n"
    post = read_post(source, "posts/crlf.md", UTC)
    assert post is not None
    assert post.title == "Windows"
    assert split_front_matter("---\r\na: 1\r\n---\r\n")[0] == "a: 1\r\n"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["template: post", "date: 2020-01-01"], ["title: expected non-empty text, got nothing"]),
        (
            ["template: post", "title: 2019", "date: 2020-01-01"],
            ["title: expected non-empty text (put it in quotes), got 2019 (a number)"],
        ),
        (
            ["template: post", "title: '   '", "date: 2020-01-01"],
            ["title: expected non-empty text"],
        ),
        (
            ["template: post", "title: T"],
            ['date: a post needs a date, like date: "2019-06-24 09:06:04"'],
        ),
        (
            ["template: post", "title: T", "date: soon"],
            ["date: expected a date like 2019-06-24", "got 'soon' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", 'draft: "true"'],
            ["draft: expected true or false, without quotes, got 'true' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "draft: yes please"],
            ["draft: expected true or false"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "draft: 1"],
            ["draft: expected true or false, without quotes, got 1 (a number)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "draft:"],
            ["draft: expected true or false, without quotes, got nothing"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "slug:"],
            ["slug: expected a URL path like '/posts/my-post', got nothing"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "slug: ''"],
            ["slug: expected a URL path like '/posts/my-post', got '' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "slug: [a]"],
            ["slug: expected a URL path"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "tags: one"],
            ["tags: expected a list of text", "got 'one' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "tags: [a, 3]"],
            ["tags: expected a list of text"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "category: [a, b]"],
            ["category: expected non-empty text, got a list"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "description: {a: b}"],
            ["description: expected non-empty text, got a mapping"],
        ),
        (
            ["template: blog", "title: T"],
            [
                "template: expected 'post', 'page', or a theme template ending in '.html', got 'blog' (text)"
            ],
        ),
        (["template: 3", "title: T"], ["template: expected 'post', 'page'", "got 3 (a number)"]),
        (
            ["template: post", "title: [x]", 'draft: "no"'],
            [
                "title: expected non-empty text",
                "draft: expected true or false",
                "date: a post needs a date",
            ],
        ),
    ],
)
def test_bad_front_matter_names_file_field_value_and_what_is_accepted(lines, expected):
    with pytest.raises(FrontMatterError) as e:
        read_post(fm(*lines), "posts/bad.md", UTC)
    message = str(e.value)
    assert message.startswith("posts/bad.md: invalid front matter")
    for part in expected:
        assert part in message


def test_broken_yaml_names_the_line():
    source = fm("title: Fine", "template: post", "category: [unclosed", "date: 2020-01-01")
    with pytest.raises(
        YamlError, match=r"^posts/broken.md, line \d: the front matter is not valid YAML"
    ):
        read_post(source, "posts/broken.md", UTC)
    tab = "---\ntitle: x\n\ttemplate: post\n---\n"
    with pytest.raises(YamlError, match=r"^posts/tab.md, line 3: "):
        read_post(tab, "posts/tab.md", UTC)


def test_yaml_tags_are_not_executed():
    with pytest.raises(YamlError, match="not valid YAML"):
        read_post(
            fm("title: !!python/object/apply:os.system ['true']", "template: post"), "p.md", UTC
        )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("date: 2019-02-30", "day is out of range for month"),
        ("slug: !!timestamp '1921-01-01 00:00:00-07:04:20'", "not valid YAML"),
    ],
)
def test_values_pyyaml_cannot_construct(line, problem):
    with pytest.raises(YamlError, match=problem):
        read_post(fm("title: T", "template: post", line), "posts/bad.md", UTC)
