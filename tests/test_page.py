"""A post's page without a build: head tags, its text and excerpt, the header and footer
around its body (rendered from the package's templates), and its social metadata."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import make_post, mkdocs_config, template_env
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from mkdocs_perceptual.markdown.extensions import title_slug
from mkdocs_perceptual.site import page as page_module
from mkdocs_perceptual.site.head import with_head_tags
from mkdocs_perceptual.site.page import decorate, excerpt, social, text_of

TEMPLATES = Path(page_module.__file__).parent / "templates"
UTC = dt.timezone.utc
FEED_LINK = '<link rel="alternate" type="application/rss+xml" href="{}">'

# -- with_head_tags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "description", "feed_href", "expected"),
    [
        (
            '<html><head><meta name="description" content="Site"><title>T</title></head>'
            "<body></body></html>",
            "Post",
            None,
            '<html><head><title>T</title><meta name="description" content="Post">\n</head>'
            "<body></body></html>",
        ),
        (
            "<head><META NAME='description' CONTENT='Site' /></head>",
            "Post",
            None,
            '<head><meta name="description" content="Post">\n</head>',
        ),
        (
            "<head><title>T</title></head>",
            'Quotes "and" <tags> & more',
            None,
            '<head><title>T</title><meta name="description" '
            'content="Quotes &quot;and&quot; &lt;tags&gt; &amp; more">\n</head>',
        ),
        (
            '<head><meta name="description" content="Site"></head>',
            None,
            "../rss.xml",
            '<head><meta name="description" content="Site">'
            + FEED_LINK.format("../rss.xml")
            + "\n</head>",
        ),
        (
            "<head></head>",
            "Post",
            "rss.xml?a=1&b=2",
            '<head><meta name="description" content="Post">\n'
            + FEED_LINK.format("rss.xml?a=1&amp;b=2")
            + "\n</head>",
        ),
        # A description meta in the body is the post's own text: left alone.
        (
            '<head></head><body><meta name="description" content="x"></body>',
            "Post",
            None,
            '<head><meta name="description" content="Post">\n</head>'
            '<body><meta name="description" content="x"></body>',
        ),
        ("<p>No head</p>", "Post", "rss.xml", "<p>No head</p>"),
        (
            '<head><meta name="description" content="Site"></head>',
            None,
            None,
            '<head><meta name="description" content="Site"></head>',
        ),
        # Both the theme's and an extra one are replaced: exactly one remains.
        (
            '<head><meta name="description" content="A">\n<meta  name="description">\n</head>',
            "B",
            None,
            '<head>\n\n<meta name="description" content="B">\n</head>',
        ),
    ],
)
def test_with_head_tags(output, description, feed_href, expected):
    assert with_head_tags(output, description, feed_href) == expected


# -- text_of, excerpt ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            '<h2 id="intro">Intro<a class="headerlink" href="#intro" title="Permanent link">'
            "&para;</a></h2>\n<p>A &amp; B &lt;c&gt;</p>",
            "Intro A & B <c>",
        ),
        ("<p>one</p><p>two</p>", "one two"),
        ("<p>  spread\n\n  over\tlines </p>", "spread over lines"),
        (
            '<p>An <a href="x">inline</a> link and <code>code</code>.</p>',
            "An inline link and code .",
        ),
        (
            '<h3 id="a">A<a class="headerlink" href="#a">\n<span>¶</span>\n</a></h3>',
            "A",
        ),
        ("", ""),
    ],
)
def test_text_of(body, text):
    assert text_of(body) == text


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("Short text.", 200, "Short text."),
        ("x" * 200, 200, "x" * 200),
        ("one two three four", 18, "one two three four"),
        ("one two three four", 12, "one two\u2026"),
        ("one two three four", 9, "one two\u2026"),
        ("one two three four", 4, "one\u2026"),
        ("unbreakable", 4, "unbr\u2026"),
        ("word " * 100, 200, ("word " * 40).strip() + "\u2026"),
    ],
)
def test_excerpt_cuts_at_a_word(text, length, expected):
    assert excerpt(text, length) == expected


def test_excerpt_default_length_is_200():
    text = " ".join(["abcd"] * 60)  # 299 characters; the 200th is the space after word 40
    assert excerpt(text) == " ".join(["abcd"] * 40) + "\u2026"
    assert excerpt(text[:200]) == text[:200]


# -- decorate --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env() -> Environment:
    return template_env()


def decorated(env: Environment, body: str, **fields: Any):
    post = make_post(
        "posts/a.md",
        **{
            "title": "Hello World",
            "date": dt.datetime(2020, 3, 4, 5, 6, tzinfo=UTC),
            "category": "Notes",
            "tags": ["x", "y", "z"],
            **fields,
        },
    )
    return decorate(
        body,
        post,
        env,
        date_format="%d %B %Y",
        category_url="../../category/notes/",
        tag_urls=[("x", "../../tag/x/"), ("y", None), ("z & <w>", "../../tag/z-w/")],
    )


BODY = '<h2 id="part">Part</h2>\n<p>Some <em>words</em> here.</p>\n'


def test_decorate_header_and_footer(env):
    done = decorated(env, BODY)
    assert done.content[done.body_start : done.body_end] == BODY
    assert done.content.startswith('<h1 id="hello-world">Hello World</h1>')
    header = BeautifulSoup(done.content[: done.body_start], "html.parser")
    meta = header.select_one("p.perceptual-meta")
    assert meta.time["datetime"] == "2020-03-04T05:06:00+00:00"
    assert meta.time.get_text() == "Published 04 March 2020"
    category = meta.select_one("a.perceptual-category")
    assert (category.get_text(), category["href"]) == ("Notes", "../../category/notes/")
    assert " ".join(meta.get_text().split()) == "Published 04 March 2020 · Notes · 1 min read"
    # Tags: chips in the header (issue 13; they were a line in the footer).
    tags = header.select("ul.perceptual-tags a")
    # A tag without a page (url None) is not linked.
    assert [(a.get_text(), a["href"], a["rel"]) for a in tags] == [
        ("x", "../../tag/x/", ["tag"]),
        ("z & <w>", "../../tag/z-w/", ["tag"]),
    ]
    # Without neighbours, a blog index or an author, there is no footer.
    assert done.content[done.body_end :] == ""
    # The excerpt is the post's paragraphs: the heading no longer runs into the text.
    assert done.excerpt == "Some words here."
    assert done.minutes == 1


def test_decorate_title_id_is_the_title_slug(env):
    done = decorated(env, "<p>x</p>", title="C++ & Rust: Part 2")
    soup = BeautifulSoup(done.content, "html.parser")
    assert soup.h1["id"] == title_slug("C++ & Rust: Part 2")
    assert soup.h1.get_text() == "C++ & Rust: Part 2"
    assert "C++ &amp; Rust: Part 2</h1>" in done.content


def test_decorate_title_id_left_out_when_the_body_has_it(env):
    done = decorated(env, '<h2 id="hello-world">Hello World</h2>')
    assert done.content.startswith("<h1>Hello World</h1>")
    assert done.content[done.body_start : done.body_end] == '<h2 id="hello-world">Hello World</h2>'


def test_decorate_no_title_when_the_body_has_an_h1(env):
    body = '<h1 id="own">Own title</h1><p>x</p>'
    done = decorated(env, body)
    soup = BeautifulSoup(done.content, "html.parser")
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Own title"]
    assert done.content[done.body_start : done.body_end] == body


def test_decorate_escapes_the_title_and_category(env):
    done = decorated(env, "<p>x</p>", title="<script>t</script>", category="<b>c</b>")
    assert "<script>" not in done.content
    assert "<b>" not in done.content
    soup = BeautifulSoup(done.content, "html.parser")
    assert soup.h1.get_text() == "<script>t</script>"
    assert soup.select_one("a.perceptual-category").get_text() == "<b>c</b>"


def test_decorate_category_without_a_page_and_no_date(env):
    post = make_post("posts/a.md", title="T", date=None, category="Notes")
    done = decorate("<p>x</p>", post, env, date_format="%Y", category_url=None, tag_urls=[])
    meta = BeautifulSoup(done.content, "html.parser").select_one("p.perceptual-meta")
    assert meta.time is None
    assert meta.select_one("span.perceptual-category").get_text() == "Notes"
    assert " ".join(meta.get_text().split()) == "Notes · 1 min read"
    assert done.content[done.body_end :] == ""  # no tags, no footer


def test_decorate_a_page_has_a_title_only(env):
    post = make_post("pages/about.md", kind="page", title="About", date=None, tags=["x"])
    body = "<p>About me.</p>"
    done = decorate(
        body, post, env, date_format="%Y", category_url=None, tag_urls=[("x", "../tag/x/")]
    )
    assert done.content == '<h1 id="about">About</h1>' + body
    assert (done.body_start, done.body_end) == (len('<h1 id="about">About</h1>'), len(done.content))
    assert done.excerpt == "About me."


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (99, 1), (200, 1), (399, 2), (1000, 5), (2100, 10)]
)
def test_decorate_reading_minutes(env, words, minutes):
    body = "<p>" + " ".join(["word"] * words) + "</p>"
    done = decorated(env, body)
    assert f"· {minutes} min read" in done.content[: done.body_start]
    assert done.content[done.body_start : done.body_end] == body


def test_decorate_excerpt_of_a_long_post(env):
    body = "<p>" + " ".join(f"w{i}" for i in range(300)) + "</p>"
    done = decorated(env, body)
    assert done.excerpt == excerpt(text_of(body))
    assert done.excerpt.endswith("\u2026")
    assert len(done.excerpt) <= 201


# -- social ----------------------------------------------------------------------------------


def page_for(tmp_path: Path, site_url: str | None) -> tuple[Page, MkDocsConfig]:
    config = mkdocs_config(tmp_path, "My blog", site_url=site_url)
    file = File("posts/a.md", config.docs_dir, config.site_dir, True)
    return Page(None, file, config), config


@pytest.mark.parametrize(
    ("site_url", "social_image", "image", "url"),
    [
        (None, None, None, None),
        (None, "/media/x.jpg", None, None),
        (None, "https://cdn.org/x.jpg", "https://cdn.org/x.jpg", None),
        (
            "https://example.org/blog/",
            "/media/x.jpg",
            "https://example.org/blog/media/x.jpg",
            "https://example.org/blog/posts/a/",
        ),
        # A relative path is beside the post (posts/a.md), as Gatsby resolved it.
        (
            "https://example.org/blog/",
            "./image.jpg",
            "https://example.org/blog/posts/image.jpg",
            "https://example.org/blog/posts/a/",
        ),
        (
            "https://example.org",
            "/media/x.jpg",
            "https://example.org/media/x.jpg",
            "https://example.org/posts/a/",
        ),
        (
            "https://example.org/",
            "http://other.org/y.png",
            "http://other.org/y.png",
            "https://example.org/posts/a/",
        ),
        ("https://example.org/", None, None, "https://example.org/posts/a/"),
    ],
)
def test_social(tmp_path, site_url, social_image, image, url, caplog):
    page, config = page_for(tmp_path, site_url)
    post = make_post(
        "posts/a.md", title="T & U", description="About <it>", social_image=social_image
    )
    values = social(post, page, config)
    assert {key: values[key] for key in values if key not in ("tags", "json_ld")} == {
        "site_name": "My blog",
        "title": "T & U",
        "description": "About <it>",
        "url": url,
        "image": image,
        "card": "summary_large_image" if image else "summary",
    }
    assert values["tags"] == []
    data = json.loads(values["json_ld"])
    assert (data["@type"], data["headline"], data.get("image")) == ("BlogPosting", "T & U", image)
    # What the head's tags say already is not said again.
    assert "description" not in data
    assert "url" not in data
    assert "mainEntityOfPage" not in data
    assert caplog.records == []


@pytest.mark.parametrize(
    "social_image", ["javascript:alert(1)", "data:image/png;base64,AA", "//cdn.org/x.jpg"]
)
def test_social_image_that_is_not_a_web_address_is_left_out(tmp_path, social_image, caplog):
    page, config = page_for(tmp_path, "https://example.org/")
    post = make_post("posts/a.md", social_image=social_image)
    with caplog.at_level(logging.WARNING):
        values = social(post, page, config)
    assert (values["image"], values["card"]) == (None, "summary")
    assert [r.getMessage() for r in caplog.records] == [
        f"mkdocs_perceptual: posts/a.md: socialImage {social_image!r} is left out; expected an "
        "http(s) URL or a path in the site such as '/media/image.jpg' or './image.jpg'"
    ]
