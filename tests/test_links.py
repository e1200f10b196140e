"""`rewrite_links`: root-absolute links made relative, for both `use_directory_urls` values,
with the lookup the build makes (`link_keys` of every published file)."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File

from mkdocs_perceptual.lumen.urls import link_keys
from mkdocs_perceptual.site.links import rewrite_links

SOURCES = [
    "index.md",
    "about.md",
    "posts/a.md",
    "posts/b.md",
    "posts/café.md",
    "media/x.jpg",
    "media/with space.png",
    "rss.xml",
]


def site(use_directory_urls: bool) -> tuple[dict[str, File], dict[str, File]]:
    """The files by src_uri, and the lookup by link key, as the build makes it."""
    files = {src: File(src, "/docs", "/site", use_directory_urls) for src in SOURCES}
    lookup = {key: f for f in files.values() for key in link_keys(f.dest_uri)}
    return files, lookup


MISSING = None  # the link is kept as written, with a warning

# (href in posts/a.md, with directory URLs, without)
CASES = [
    ("/posts/b", "../b/", "b.html"),
    ("/posts/b/", "../b/", "b.html"),
    ("/posts/b/index.html", "../b/", MISSING),
    ("/posts/b.html", MISSING, "b.html"),
    ("/posts/a", "./", "a.html"),
    ("/about", "../../about/", "../about.html"),
    ("/", "../../", "../index.html"),
    ("/index.html", "../../", "../index.html"),
    ("/#top", "../../#top", "../index.html#top"),
    ("/posts/b#part-2", "../b/#part-2", "b.html#part-2"),
    ("/posts/b/?x=1&y=2#h", "../b/?x=1&y=2#h", "b.html?x=1&y=2#h"),
    ("/posts/b?q=a#b?c", "../b/?q=a#b?c", "b.html?q=a#b?c"),
    ("/media/x.jpg", "../../media/x.jpg", "../media/x.jpg"),
    ("/media/with%20space.png", "../../media/with%20space.png", "../media/with%20space.png"),
    ("/posts/caf%C3%A9", "../caf%C3%A9/", "caf%C3%A9.html"),
    ("/rss.xml", "../../rss.xml", "../rss.xml"),
    ("/missing", MISSING, MISSING),
    ("/media/x.jpg/", "../../media/x.jpg", "../media/x.jpg"),
]


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory", "flat"])
@pytest.mark.parametrize(("href", "directory", "flat"), CASES)
def test_root_absolute_link_made_relative(href, directory, flat, use_directory_urls):
    files, lookup = site(use_directory_urls)
    expected = directory if use_directory_urls else flat
    warnings: list[str] = []
    for attr, template in (("href", '<a href="{}">x</a>'), ("src", '<img alt="" src="{}">')):
        html = f"<p>{template.format(href)}</p>"
        got = rewrite_links(html, files["posts/a.md"], lookup.get, warnings.append)
        if expected is MISSING:
            assert got == html, attr
        else:
            assert got == f"<p>{template.format(expected)}</p>", attr
    if expected is MISSING:
        assert warnings == [f"the link '{href}' points at nothing in the site"] * 2
    else:
        assert warnings == []


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory", "flat"])
@pytest.mark.parametrize(
    "html",
    [
        '<a href="//cdn.example.org/x.js">',
        '<script src="//cdn.example.org/x.js"></script>',
        '<a href="https://example.org/posts/b">',
        '<a href="../b/">',
        '<a href="#top">',
        '<a href="mailto:me@example.org">',
        # Not an href or src attribute as Markdown writes them.
        '<div data-href="/posts/b" data-src="/media/x.jpg">',
        "<a href='/posts/b'>",
        "<p>No links.</p>",
        # Text that looks like a link: `<a href="/about">` and `<img src="/nowhere.png">` in
        # backticks, as Markdown renders them, and the words in prose.
        '<p>Write <code>&lt;a href="/about"&gt;</code> here.</p>',
        '<p>Or <code>&lt;img src="/nowhere.png"&gt;</code>.</p>',
        '<p>In prose: write href="/about" in the tag.</p>',
    ],
)
def test_other_links_are_left_alone(html, use_directory_urls):
    files, lookup = site(use_directory_urls)
    warnings: list[str] = []
    assert rewrite_links(html, files["posts/a.md"], lookup.get, warnings.append) == html
    assert warnings == []


@pytest.mark.parametrize(
    ("use_directory_urls", "expected"),
    [
        (True, '<a href="posts/b/">b</a><img src="media/x.jpg"><a href="/nowhere">n</a>'),
        (False, '<a href="posts/b.html">b</a><img src="media/x.jpg"><a href="/nowhere">n</a>'),
    ],
)
def test_every_link_of_a_page_at_the_root(use_directory_urls, expected):
    files, lookup = site(use_directory_urls)
    warnings: list[str] = []
    html = '<a href="/posts/b">b</a><img src="/media/x.jpg"><a href="/nowhere">n</a>'
    assert rewrite_links(html, files["index.md"], lookup.get, warnings.append) == expected
    assert warnings == ["the link '/nowhere' points at nothing in the site"]


def test_lookup_is_asked_with_the_link_key():
    files, _ = site(True)
    asked: list[str] = []

    def lookup(key: str) -> File | None:
        asked.append(key)
        return files["posts/b.md"]

    html = '<a href="/posts/b/?x#y"></a><img src="/Posts/caf%C3%A9/">'
    got = rewrite_links(html, files["posts/a.md"], lookup, lambda message: None)
    assert asked == ["posts/b", "Posts/café"]
    assert got == '<a href="../b/?x#y"></a><img src="../b/">'
