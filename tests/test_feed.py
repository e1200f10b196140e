"""The RSS feed, without a build: `rss` read back by feedparser and by xml.etree, the guids
and absolute URLs, `feed_file`'s checks and `write` to a temporary site folder."""

from __future__ import annotations

import datetime as dt
import logging
import xml.etree.ElementTree as ET
from typing import Any

import feedparser
import pytest
from conftest import make_post, mkdocs_config
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.site import feed, listings
from mkdocs_perceptual.site.feed import Item, absolute_urls, feed_file, lumen_guid, rss

UTC = dt.timezone.utc
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"


def document(items: list[Item], last_date: dt.datetime | None = None, **channel: str) -> bytes:
    values = {
        "title": "My blog",
        "description": "About things",
        "site_url": "https://example.org/blog/",
        "feed_url": "https://example.org/blog/rss.xml",
    }
    values.update(channel)
    return b"".join(rss(items=items, last_date=last_date, **values))


def item(**fields: Any) -> Item:
    values: dict[str, Any] = {
        "title": "A post",
        "guid": "https://example.org/blog/posts/a",
        "date": dt.datetime(2020, 1, 2, 10, 30, tzinfo=UTC),
        "category": None,
        "description": None,
        "html": "<p>Body.</p>",
    }
    values.update(fields)
    return Item(**values)


# -- lumen_guid, absolute_urls ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("site_url", "path", "guid"),
    [
        ("https://example.org/", "/posts/a", "https://example.org/posts/a"),
        ("https://example.org", "/posts/a/", "https://example.org/posts/a/"),
        ("https://example.org/blog/", "/posts/a", "https://example.org/blog/posts/a"),
        ("https://example.org/blog//", "/", "https://example.org/blog/"),
        ("https://example.org/", "/posts/café", "https://example.org/posts/café"),
        ("", "/posts/a", "/posts/a"),
    ],
)
def test_lumen_guid(site_url, path, guid):
    assert lumen_guid(site_url, path) == guid


BASE = "https://example.org/blog/posts/a/"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="../b/">', '<a href="https://example.org/blog/posts/b/">'),
        ('<img src="img.png">', '<img src="https://example.org/blog/posts/a/img.png">'),
        (
            '<img alt="" src="../../media/x.jpg">',
            '<img alt="" src="https://example.org/blog/media/x.jpg">',
        ),
        ('<a href="#h">', '<a href="https://example.org/blog/posts/a/#h">'),
        ('<a href="?q=1">', '<a href="https://example.org/blog/posts/a/?q=1">'),
        ('<a href="/root">', '<a href="https://example.org/root">'),
        ('<a href="https://other.org/x">', '<a href="https://other.org/x">'),
        ('<a href="//cdn.org/x.js">', '<a href="https://cdn.org/x.js">'),
        ('<a href="mailto:me@example.org">', '<a href="mailto:me@example.org">'),
        ('<a href="">', f'<a href="{BASE}">'),
        # Only href, src, poster and srcset attributes; raw HTML's single quotes too.
        ('<div data-src="x.png" data-href="y">', '<div data-src="x.png" data-href="y">'),
        ("<a href='x'>", f'<a href="{BASE}x">'),
        ('<a\nhref="x">', f'<a\nhref="{BASE}x">'),
        ('<p>href="x"</p>', '<p>href="x"</p>'),
        (
            '<a href="a"><img src="b"></a>',
            f'<a href="{BASE}a"><img src="{BASE}b"></a>',
        ),
    ],
)
def test_absolute_urls(html, expected):
    assert absolute_urls(html, BASE) == expected


# -- rss -------------------------------------------------------------------------------------


def test_rss_read_by_feedparser():
    items = [
        item(
            title="Newest",
            guid="https://example.org/blog/posts/new",
            date=dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC),
            category="Notes",
            description="Said in the front matter.",
            html='<p>New <a href="https://example.org/blog/x/">x</a></p>',
        ),
        item(),
    ]
    parsed = feedparser.parse(document(items, items[0].date))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "My blog"
    assert parsed.feed.link == "https://example.org/blog/"
    assert parsed.feed.subtitle == "About things"
    assert parsed.feed.updated == "Thu, 04 Mar 2021 05:06:07 +0000"
    first, second = parsed.entries
    assert first.title == "Newest"
    assert first.link == "https://example.org/blog/posts/new"
    assert first.id == "https://example.org/blog/posts/new"
    assert first.guidislink is False
    assert first.published == "Thu, 04 Mar 2021 05:06:07 +0000"
    assert first.published_parsed[:6] == (2021, 3, 4, 5, 6, 7)
    assert [tag.term for tag in first.tags] == ["Notes"]
    assert first.summary == "Said in the front matter."
    assert first.content[0].value == '<p>New <a href="https://example.org/blog/x/">x</a></p>'
    assert second.title == "A post"
    assert "tags" not in second
    assert second.published == "Thu, 02 Jan 2020 10:30:00 +0000"


def test_rss_read_by_etree():
    root = ET.fromstring(document([item(category="C & D")], dt.datetime(2020, 1, 2, tzinfo=UTC)))
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    assert [child.tag for child in channel] == [
        "title",
        "link",
        "description",
        ATOM_LINK,
        "lastBuildDate",
        "item",
    ]
    self_link = channel.find(ATOM_LINK)
    assert self_link.attrib == {
        "href": "https://example.org/blog/rss.xml",
        "rel": "self",
        "type": "application/rss+xml",
    }
    assert channel.findtext("lastBuildDate") == "Thu, 02 Jan 2020 00:00:00 +0000"
    entry = channel.find("item")
    assert [child.tag for child in entry] == [
        "title",
        "link",
        "guid",
        "pubDate",
        "category",
        CONTENT,
    ]
    assert entry.find("guid").attrib == {"isPermaLink": "false"}
    assert entry.findtext("guid") == entry.findtext("link") == "https://example.org/blog/posts/a"
    assert entry.findtext("category") == "C & D"
    assert entry.findtext(CONTENT) == "<p>Body.</p>"


def test_rss_without_posts_has_no_last_build_date():
    text = document([], None)
    root = ET.fromstring(text)
    channel = root.find("channel")
    assert channel.find("lastBuildDate") is None
    assert channel.findall("item") == []
    assert channel.findtext("title") == "My blog"
    assert feedparser.parse(text).entries == []


def test_rss_comes_a_piece_at_a_time():
    pieces = list(rss("T", "", "https://e.org/", "https://e.org/rss.xml", [item(), item()], None))
    assert all(isinstance(piece, bytes) for piece in pieces)
    # Head, one piece per item, and the tail: never the whole feed in one piece.
    assert len(pieces) == 4
    assert pieces[-1] == b"</channel>\n</rss>\n"
    assert pieces[1].startswith(b"  <item>")
    assert pieces[2].startswith(b"  <item>")


def test_control_characters_are_stripped_and_whitespace_kept():
    text = document(
        [
            item(
                title="Bell\x07 and\x00 null",
                category="Tab\tok\x1b",
                description="Line\nbreak\x0b\x0c",
                html="<p>a\x08b\r\nc\ufffe\uffff</p>",
            )
        ],
        title="Site\x01",
        description="About\x1f",
    )
    root = ET.fromstring(text)  # would raise on any character XML 1.0 cannot hold
    channel = root.find("channel")
    assert channel.findtext("title") == "Site"
    assert channel.findtext("description") == "About"
    entry = channel.find("item")
    assert entry.findtext("title") == "Bell and null"
    assert entry.findtext("category") == "Tab\tok"
    assert entry.findtext("description") == "Line\nbreak"
    # XML parsers normalize \r\n to \n.
    assert entry.findtext(CONTENT) == "<p>ab\nc</p>"


HOSTILE = "</title><script>alert(\"x\")</script> & <![CDATA[ ]]> 'q'"


def test_hostile_text_is_escaped():
    text = document(
        [item(title=HOSTILE, category=HOSTILE, description=HOSTILE, html=HOSTILE)],
        title=HOSTILE,
        description=HOSTILE,
        feed_url='https://example.org/rss.xml?a="b"&c',
    )
    assert b"<script>" not in text
    assert b"<![CDATA[" not in text
    channel = ET.fromstring(text).find("channel")
    assert channel.findtext("title") == HOSTILE
    assert channel.findtext("description") == HOSTILE
    assert channel.find(ATOM_LINK).get("href") == 'https://example.org/rss.xml?a="b"&c'
    entry = channel.find("item")
    assert entry.findtext("title") == HOSTILE
    assert entry.findtext("category") == HOSTILE
    # The front matter's description is text; <description> is read as HTML: escaped twice.
    assert entry.findtext("description") == (
        "&lt;/title&gt;&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;![CDATA[ ]]&gt; 'q'"
    )
    # The body is HTML already: escaped once, for XML.
    assert entry.findtext(CONTENT) == HOSTILE
    parsed = feedparser.parse(text)
    assert parsed.entries[0].title == HOSTILE
    assert parsed.entries[0].tags[0].term == HOSTILE


# -- feed_file -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> MkDocsConfig:
    return mkdocs_config(
        tmp_path_factory.mktemp("feed"), "My blog", site_url="https://example.org/blog/"
    )


@pytest.mark.parametrize(
    "feed_path",
    [
        "",
        "/",
        "   ",
        "../rss.xml",
        "feeds/../../rss.xml",
        "./rss.xml",
        "feeds//rss.xml",
        "rss?.xml",
        "rss#.xml",
        "C:/rss.xml",
        "feeds\\rss.xml",
        "rss\x00.xml",
        "feeds/%2e%2e/rss.xml",
        "rss.xml.",
        "rss.md",
        "feeds/",
    ],
)
def test_feed_path_outside_the_site_or_not_a_file_name_is_an_option_error(feed_path):
    options = PerceptualConfig()
    options.load_dict({"feed_path": feed_path})
    errors, _ = options.validate()
    assert [name for name, _ in errors] == ["feed_path"]
    assert str(errors[0][1]).startswith("expected a file inside the site, like 'rss.xml'")


@pytest.mark.parametrize(
    ("feed_path", "dest_uri"),
    [
        ("rss.xml", "rss.xml"),
        ("feeds/all.xml", "feeds/all.xml"),
        ("feed.rss", "feed.rss"),
        ("/rss.xml", "rss.xml"),  # as Lumen's gatsby-config wrote it
    ],
)
@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_feed_file(feed_path, dest_uri, use_directory_urls, tmp_path):
    config = mkdocs_config(
        tmp_path, "My blog", site_url="https://example.org/", use_directory_urls=use_directory_urls
    )
    file = feed_file(feed_path, config)
    assert (file.dest_uri, file.url) == (dest_uri, dest_uri)
    assert file.abs_dest_path == str(tmp_path / "site" / dest_uri)
    assert file.generated_by == "perceptual"


def test_no_feed_without_site_url(tmp_path, caplog):
    config = mkdocs_config(tmp_path, "My blog")
    with caplog.at_level(logging.WARNING):
        assert feed_file("rss.xml", config) is None
    assert [r.getMessage() for r in caplog.records] == [
        "mkdocs_perceptual: no RSS feed is published: set site_url in mkdocs.yml, because a feed "
        "needs absolute links"
    ]


# -- write -----------------------------------------------------------------------------------


def write(file, config, posts, body_of, url_of, fmt=None) -> None:
    """The site's one feed of `posts`, newest first, written as the build writes it."""
    site_url = config.site_url or ""
    target = feed.Target(
        file,
        fmt or feed.Rss(),
        "site",
        None,
        config.site_name,
        config.site_description or "",
        site_url,
        site_url.rstrip("/") + "/" + file.src_uri,
    )
    feed.write_feeds(
        [target],
        listings.newest_first(posts),
        lambda post: [("site", None)],
        lambda post: feed.make_item(post, body_of(post.src_uri), url_of(post.src_uri), site_url),
        1000,
    )


def test_write(tmp_path):
    config = mkdocs_config(
        tmp_path, "My blog", site_url="https://example.org/blog/", site_description="Notes & more"
    )
    file = feed_file("feeds/rss.xml", config)
    posts = [
        make_post(
            "posts/new.md",
            title="New",
            date="2021-02-03",
            slug="/posts/new-one",
            category="Notes",
            description="Front <matter>",
        ),
        make_post("posts/unrendered.md", title="Unrendered", date="2021-01-01"),
        make_post("posts/undated.md", title="Undated", date=None),
        make_post("posts/old/index.md", title="Old", date="2020-05-06"),
    ]
    bodies = {
        "posts/new.md": '<p><img src="../../media/x.jpg"> <a href="#h">h</a></p>',
        "posts/undated.md": "<p>no date</p>",
        "posts/old/index.md": '<p><a href="../new-one/">new</a></p>',
    }
    urls = {"posts/new.md": "https://example.org/blog/posts/new-one/"}
    write(file, config, posts, bodies.get, urls.get)
    text = (tmp_path / "site" / "feeds" / "rss.xml").read_bytes()
    channel = ET.fromstring(text).find("channel")
    assert channel.findtext("title") == "My blog"
    assert channel.findtext("link") == "https://example.org/blog/"
    assert channel.findtext("description") == "Notes & more"
    assert channel.find(ATOM_LINK).get("href") == "https://example.org/blog/feeds/rss.xml"
    assert channel.findtext("lastBuildDate") == "Wed, 03 Feb 2021 00:00:00 +0000"
    got = [
        {child.tag: (child.text, child.attrib) for child in entry}
        for entry in channel.findall("item")
    ]
    assert got == [
        {
            "title": ("New", {}),
            # The page's own URL; the guid is Lumen's.
            "link": ("https://example.org/blog/posts/new-one/", {}),
            "guid": ("https://example.org/blog/posts/new-one", {"isPermaLink": "false"}),
            "pubDate": ("Wed, 03 Feb 2021 00:00:00 +0000", {}),
            "category": ("Notes", {}),
            "description": ("Front &lt;matter&gt;", {}),
            CONTENT: (
                '<p><img src="https://example.org/blog/media/x.jpg"> '
                '<a href="https://example.org/blog/posts/new-one/#h">h</a></p>',
                {},
            ),
        },
        {
            # No slug: Lumen's path from the file's; no page URL: relative to the guid.
            "title": ("Old", {}),
            "link": ("https://example.org/blog/posts/old/", {}),
            "guid": ("https://example.org/blog/posts/old/", {"isPermaLink": "false"}),
            "pubDate": ("Wed, 06 May 2020 00:00:00 +0000", {}),
            CONTENT: ('<p><a href="https://example.org/blog/posts/new-one/">new</a></p>', {}),
        },
    ]
    assert not feedparser.parse(text).bozo


def test_write_without_posts(tmp_path):
    config = mkdocs_config(tmp_path, "My blog", site_url="https://example.org/")
    file = feed_file("rss.xml", config)
    write(file, config, [], lambda src: None, lambda src: None)
    channel = ET.fromstring((tmp_path / "site" / "rss.xml").read_bytes()).find("channel")
    assert channel.find("lastBuildDate") is None
    assert channel.findall("item") == []
    assert channel.findtext("description") == ""  # no site_description
    assert channel.find(ATOM_LINK).get("href") == "https://example.org/rss.xml"
