"""The feeds beside Lumen's RSS (issue 26 item 1): Atom 1.0 and JSON Feed 1.1 of the same
posts, an RSS feed per category and tag at its listing's URL + rss.xml, their alternate links,
and the image each item attaches. Every feed is read back by feedparser (no bozo) or checked
against JSON Feed 1.1's required fields, from real builds."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import SEED_IMAGE, image_bytes, plugins
from test_build import post

from mkdocs_perceptual.site.feed_formats import Atom, Channel, Enclosure, Item, JsonFeed, Rss

# One worker runs the module: its blogs are built once, by module-scoped fixtures.
pytestmark = pytest.mark.xdist_group("feeds")

UTC = dt.timezone.utc
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def json_feed_problems(doc: object) -> list[str]:
    """What a JSON Feed 1.1 document lacks or gets wrong, by the specification's required
    fields and types (https://www.jsonfeed.org/version/1.1/)."""
    problems = []
    if not isinstance(doc, dict):
        return ["the document is no object"]
    if doc.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version: {doc.get('version')!r}")
    if not isinstance(doc.get("title"), str):
        problems.append("title: missing")
    for key in ("home_page_url", "feed_url"):
        if key in doc and not urlsplit(doc[key]).scheme:
            problems.append(f"{key}: not absolute")
    for author in doc.get("authors", []):
        if not any(isinstance(author.get(k), str) for k in ("name", "url", "avatar")):
            problems.append("an author without name, url or avatar")
    items = doc.get("items")
    if not isinstance(items, list):
        return [*problems, "items: missing"]
    ids = set()
    for i, item in enumerate(items):
        where = f"items[{i}]"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}.id: missing")
        ids.add(item.get("id"))
        if not isinstance(item.get("content_html", item.get("content_text")), str):
            problems.append(f"{where}: neither content_html nor content_text")
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(item[key]):
                problems.append(f"{where}.{key}: not RFC 3339: {item[key]!r}")
        for key in ("url", "image"):
            if key in item and not urlsplit(item[key]).scheme:
                problems.append(f"{where}.{key}: not absolute")
        if not all(isinstance(t, str) for t in item.get("tags", [])):
            problems.append(f"{where}.tags: not text")
        for attachment in item.get("attachments", []):
            if not isinstance(attachment.get("url"), str) or not isinstance(
                attachment.get("mime_type"), str
            ):
                problems.append(f"{where}: an attachment without url or mime_type")
            size = attachment.get("size_in_bytes")
            if size is not None and (not isinstance(size, int) or size < 0):
                problems.append(f"{where}: size_in_bytes {size!r}")
    if len(ids) != len(items):
        problems.append("two items share an id")
    return problems


# -- the formats, without a build -------------------------------------------------------------

HOSTILE = "A \x00bell\x07 & <b>bold</b> ]]> \u2028line </content> \"q\" 'q'"


def document(fmt, items, **channel) -> bytes:
    values = {
        "title": HOSTILE,
        "description": HOSTILE,
        "home": "https://example.org/blog/",
        "feed_url": "https://example.org/blog/feed",
        "last_date": items[0].date if items else None,
        "author": HOSTILE,
    }
    values.update(channel)
    head = fmt.head(Channel(**values))
    body = "".join(fmt.entry(item, i == 0) for i, item in enumerate(items))
    return (head + body + fmt.tail()).encode()


ITEMS = [
    Item(
        title=HOSTILE,
        guid="https://example.org/blog/posts/a",
        date=dt.datetime(2021, 2, 3, 4, 5, 6, tzinfo=UTC),
        category="Deep & Learning",
        description=HOSTILE,
        html=f"<p>{HOSTILE.replace('&', '&amp;').replace('<b>', '<b>')}</p>",
        tags=("cnn", "<tag>"),
        url="https://example.org/blog/posts/a/",
        image=Enclosure("https://example.org/blog/media/a.jpg", "image/jpeg", 1234),
    ),
    Item(
        title="Second",
        guid="https://example.org/blog/posts/b",
        date=dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        category=None,
        description=None,
        html="<p>b</p>",
        image=Enclosure("https://cdn.example.com/b.png", "image/png", None),
    ),
]


@pytest.mark.parametrize("fmt", [Rss(), Atom()], ids=["rss", "atom"])
@pytest.mark.parametrize("items", [ITEMS, []], ids=["posts", "empty"])
def test_xml_formats_read_back(fmt, items):
    parsed = feedparser.parse(document(fmt, items))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if isinstance(fmt, Rss) else "atom10")
    assert parsed.feed.title == HOSTILE.replace("\x00", "").replace("\x07", "")
    assert [e.id for e in parsed.entries] == [i.guid for i in items]
    if items:
        first = parsed.entries[0]
        assert first.title == parsed.feed.title
        assert "<b>bold</b>" in first.content[0].value
        enclosures = [(e.href, e.type, e.get("length")) for e in first.enclosures]
        assert enclosures == [("https://example.org/blog/media/a.jpg", "image/jpeg", "1234")]
        # RSS needs a length: an image elsewhere on the web gets no enclosure there.
        second = [e.href for e in parsed.entries[1].enclosures]
        assert second == ([] if isinstance(fmt, Rss) else ["https://cdn.example.com/b.png"])


def test_atom_has_what_rfc_4287_requires():
    parsed = feedparser.parse(document(Atom(), ITEMS))
    assert parsed.feed.id == "https://example.org/blog/"
    assert parsed.feed.updated == "2021-02-03T04:05:06Z"
    assert parsed.feed.author
    assert [link.rel for link in parsed.feed.links] == ["self", "alternate"]
    entry = parsed.entries[0]
    assert entry.link == "https://example.org/blog/posts/a/"
    assert [t.term for t in entry.tags] == ["Deep & Learning", "cnn", "<tag>"]
    assert parsed.entries[1].published == "2020-01-01T00:00:00+02:00"
    # A feed without posts still says when it was updated, the same every build.
    assert feedparser.parse(document(Atom(), [])).feed.updated == "1970-01-01T00:00:00Z"


@pytest.mark.parametrize("items", [ITEMS, []], ids=["posts", "empty"])
def test_json_feed_is_json_feed_1_1(items):
    text = document(JsonFeed(), items).decode()
    assert "\u2028" not in text  # escaped: some JavaScript readers choke on it
    doc = json.loads(text)
    assert json_feed_problems(doc) == []
    assert doc["title"] == HOSTILE
    assert [i["id"] for i in doc["items"]] == [i.guid for i in items]
    if items:
        first = doc["items"][0]
        assert first["tags"] == ["Deep & Learning", "cnn", "<tag>"]
        assert first["attachments"] == [
            {"url": ITEMS[0].image.url, "mime_type": "image/jpeg", "size_in_bytes": 1234}
        ]
        assert doc["items"][1]["attachments"] == [
            {"url": "https://cdn.example.com/b.png", "mime_type": "image/png"}
        ]


def test_the_checker_finds_what_json_feed_requires():
    assert json_feed_problems({"version": "x", "items": [{"id": ""}]}) == [
        "version: 'x'",
        "title: missing",
        "items[0].id: missing",
        "items[0]: neither content_html nor content_text",
    ]


# -- real builds --------------------------------------------------------------------------------

JPEG = image_bytes(300, 200, "JPEG", quality=80)
BLOG = {
    "index.md": "# Home\n",
    "posts/a/index.md": post(
        title="Alpha & more",
        date="2021-03-01",
        category='"Deep Learning"',
        tags='["CNN", "VIM"]',
        slug="/posts/alpha",
        socialImage="./cover.jpg",
        description="About alpha",
        body="Alpha text, see [beta](/posts/beta) and ![x](./cover.jpg).",
    ),
    "posts/a/cover.jpg": JPEG,
    "posts/b.md": post(
        title="Beta",
        date="2021-02-01",
        category='"Deep Learning"',
        tags='["Vim"]',
        slug="/posts/beta",
        socialImage="https://cdn.example.com/beta.png",
        body="Beta text ![seed](/media/image-3.jpg)",
    ),
    "posts/c.md": post(title="Gamma", date="2021-01-01", category="Tooling", slug="/posts/gamma"),
    "posts/d.md": post(
        title="DRAFTMARKER",
        date="2021-04-01",
        category='"Deep Learning"',
        tags='["CNN", "DRAFTMARKER-tag"]',
        draft="true",
        body="DRAFTMARKER body",
    ),
    **SEED_IMAGE,
}
FEEDS = [
    "rss.xml",
    "atom.xml",
    "feed.json",
    "category/deep-learning/rss.xml",
    "category/tooling/rss.xml",
    "tag/cnn/rss.xml",
    "tag/vim/rss.xml",
]


def parsed(site: Path, path: str):
    data = (site / path).read_bytes()
    if path.endswith(".json"):
        doc = json.loads(data)
        assert json_feed_problems(doc) == [], path
        return doc
    result = feedparser.parse(data)
    assert not result.bozo, (path, result.get("bozo_exception"))
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_in_process, write_site

    root = tmp_path_factory.mktemp("feeds")
    write_site(root, BLOG, {"site_url": "https://example.org/blog/"})
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    return result


def test_every_feed_is_published_and_reads(built):
    for path in FEEDS:
        parsed(built.site, path)
    rss = parsed(built.site, "rss.xml")
    atom = parsed(built.site, "atom.xml")
    doc = parsed(built.site, "feed.json")
    # The same posts, newest first, with Lumen's guids in all three.
    guids = [e.id for e in rss.entries]
    assert guids == [
        "https://example.org/blog/posts/alpha",
        "https://example.org/blog/posts/beta",
        "https://example.org/blog/posts/gamma",
    ]
    assert [e.id for e in atom.entries] == guids
    assert [i["id"] for i in doc["items"]] == guids
    # Their links are the pages' own URLs, where Lumen's slug had no final slash.
    assert atom.entries[0].link == "https://example.org/blog/posts/alpha/"
    assert doc["items"][0]["url"] == "https://example.org/blog/posts/alpha/"


def test_category_and_tag_feeds_hold_their_posts(built):
    def titles(path: str) -> list[str]:
        return [e.title for e in parsed(built.site, path).entries]

    assert titles("category/deep-learning/rss.xml") == ["Alpha & more", "Beta"]
    assert titles("category/tooling/rss.xml") == ["Gamma"]
    # "VIM" and "Vim" share Lumen's one page, and so one feed.
    assert titles("tag/vim/rss.xml") == ["Alpha & more", "Beta"]
    assert titles("tag/cnn/rss.xml") == ["Alpha & more"]
    feed = parsed(built.site, "category/deep-learning/rss.xml").feed
    assert feed.link == "https://example.org/blog/category/deep-learning/"
    assert "Deep Learning" in feed.title


def test_no_draft_in_any_feed(built):
    outputs = built.outputs()
    assert not (built.site / "tag/draftmarker-tag").exists()
    for path in FEEDS:
        assert b"DRAFTMARKER" not in outputs[path], path


def test_full_content_with_absolute_urls(built):
    for path in ("rss.xml", "atom.xml", "category/deep-learning/rss.xml"):
        entry = parsed(built.site, path).entries[0]
        content = entry.content[0].value
        assert "Alpha text" in content
        urls = re.findall(r'(?:href|src)="([^"]*)"', content)
        assert urls
        assert all(u.startswith("https://example.org/blog/") for u in urls), urls
    item = parsed(built.site, "feed.json")["items"][0]
    urls = re.findall(r'(?:href|src)="([^"]*)"', item["content_html"])
    assert urls
    assert all(u.startswith("https://example.org/blog/") for u in urls), urls


def test_enclosures_carry_the_images_real_length_and_type(built):
    rss = parsed(built.site, "rss.xml")
    alpha = rss.entries[0]
    # The file beside the post, published where MkDocs copies it.
    image = "https://example.org/blog/posts/a/cover.jpg"
    assert [(e.href, e.type, e.length) for e in alpha.enclosures] == [
        (image, "image/jpeg", str(len(JPEG)))
    ]
    # The image is published where the enclosure says.
    assert (built.site / "posts/a/cover.jpg").read_bytes() == JPEG
    # Beta's image is elsewhere on the web: RSS has no length to give, Atom and JSON do not
    # need one.
    assert rss.entries[1].enclosures == []
    atom = parsed(built.site, "atom.xml").entries[1]
    assert [e.href for e in atom.enclosures] == ["https://cdn.example.com/beta.png"]
    doc = parsed(built.site, "feed.json")["items"]
    assert doc[0]["image"] == image
    assert doc[0]["attachments"][0]["size_in_bytes"] == len(JPEG)
    assert doc[1]["image"] == "https://cdn.example.com/beta.png"
    assert "image" not in doc[2]


def alternates(built, page: str) -> dict[str, str]:
    soup = built.html(page)
    links = soup.select('head link[rel="alternate"]')
    found = {}
    for link in links:
        if link.get("type", "").startswith("application/"):
            found[link["title"]] = urljoin(f"https://example.org/blog/{page}", link["href"])
    return found


def test_alternate_links_lead_to_the_feeds(built):
    home = alternates(built, "index.html")
    assert sorted(home.values()) == [
        "https://example.org/blog/atom.xml",
        "https://example.org/blog/feed.json",
        "https://example.org/blog/rss.xml",
    ]
    category = alternates(built, "category/deep-learning/index.html")
    assert "https://example.org/blog/category/deep-learning/rss.xml" in category.values()
    tag = alternates(built, "tag/cnn/index.html")
    assert "https://example.org/blog/tag/cnn/rss.xml" in tag.values()
    # The listings carry the site's feed in each format.
    for listing in (category, tag):
        assert set(home.values()) < set(listing.values())
    # A post links the site's feed in its first format (RSS) and its category's feed, not
    # its tags' (those are on the tags' pages) nor the site's other formats (on the home page).
    alpha = set(alternates(built, "posts/alpha/index.html").values())
    assert alpha == {
        "https://example.org/blog/rss.xml",
        "https://example.org/blog/category/deep-learning/rss.xml",
    }
    # Every link leads to a published feed.
    pages = ("index.html", "category/deep-learning/index.html", "tag/cnn/index.html")
    for page in (*pages, "posts/alpha/index.html"):
        for url in alternates(built, page).values():
            assert (built.site / url.removeprefix("https://example.org/blog/")).is_file(), url


def test_feeds_can_be_turned_off(build_site):
    result = build_site(
        BLOG,
        {
            "site_url": "https://example.org/",
            "plugins": plugins(
                atom_feed_path=False, json_feed_path=False, category_feeds=False, tag_feeds=False
            ),
        },
    )
    assert result.returncode == 0, result.output
    assert not (result.site / "atom.xml").exists()
    assert not (result.site / "feed.json").exists()
    assert not (result.site / "category/deep-learning/rss.xml").exists()
    assert not (result.site / "tag/cnn/rss.xml").exists()
    assert [link["href"] for link in result.html("index.html").select('link[type$="xml"]')] == [
        "rss.xml"
    ]


def test_other_paths(build_site):
    result = build_site(
        BLOG,
        {
            "site_url": "https://example.org/",
            "plugins": plugins(atom_feed_path="feeds/atom.xml", json_feed_path="feeds/all.json"),
        },
    )
    assert result.returncode == 0, result.output
    assert parsed(result.site, "feeds/atom.xml").feed.links[0].href == (
        "https://example.org/feeds/atom.xml"
    )
    assert parsed(result.site, "feeds/all.json")["feed_url"] == "https://example.org/feeds/all.json"


def test_without_site_url_there_is_no_feed_at_all(build_site):
    result = build_site(BLOG, {"site_url": None}, strict=False)
    assert result.returncode == 0, result.output
    assert "no RSS feed is published: set site_url" in result.output
    for path in FEEDS:
        assert not (result.site / path).exists(), path


@pytest.mark.parametrize(
    ("files", "options", "message"),
    [
        # A page of the site where a category's feed goes.
        (
            {"category/tooling/rss.xml": "not a feed"},
            {},
            "category/tooling/rss.xml",
        ),
        # A post whose slug is a feed's file, the site's or a category's.
        (
            {"posts/e.md": post(title="E", slug="/feed.json")},
            {},
            "feed.json",
        ),
        (
            {"posts/e.md": post(title="E", slug="/category/tooling/rss.xml")},
            {},
            "category/tooling/rss.xml",
        ),
        # The RSS feed moved onto a category's feed.
        ({}, {"feed_path": "category/tooling/rss.xml"}, "category/tooling/rss.xml"),
        # Two feeds on one path.
        ({}, {"atom_feed_path": "rss.xml"}, "rss.xml"),
        ({}, {"json_feed_path": "category/tooling/rss.xml"}, "category/tooling/rss.xml"),
    ],
)
def test_a_feed_on_anothers_path_is_an_error(build_site, files, options, message):
    result = build_site(
        {**BLOG, **files}, {"site_url": "https://example.org/", "plugins": plugins(**options)}
    )
    assert result.returncode != 0
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"atom_feed_path": "feeds/"}, "a file name is needed"),
        ({"json_feed_path": "../feed.json"}, "json_feed_path"),
        ({"category_feeds": "yes"}, "category_feeds"),
        ({"atom_feed_path": 3}, "atom_feed_path"),
    ],
)
def test_bad_feed_options_are_errors(build_site, options, message):
    result = build_site(BLOG, {"plugins": plugins(**options)})
    assert result.returncode != 0
    assert message in result.output


def test_a_post_may_link_the_feeds(build_site):
    files = dict(BLOG)
    files["posts/c.md"] = post(
        title="Gamma",
        date="2021-01-01",
        category="Tooling",
        slug="/posts/gamma",
        body="[rss](/rss.xml) [atom](/atom.xml) [json](/feed.json) "
        "[tooling](/category/tooling/rss.xml) [vim](/tag/vim/rss.xml)",
    )
    result = build_site(files, {"site_url": "https://example.org/"})
    assert result.returncode == 0, result.output
    names = {"rss", "atom", "json", "tooling", "vim"}
    soup = result.html("posts/gamma/index.html")
    links = [a["href"] for a in soup.select("article p a") if a.get_text() in names]
    assert links == [
        "../../rss.xml",
        "../../atom.xml",
        "../../feed.json",
        "../../category/tooling/rss.xml",
        "../../tag/vim/rss.xml",
    ]


LET_GO_HOOK = """
import json, os

SEEN = {}

def on_post_page(output, page, config):
    # Hooks run after the plugin: a post's content is still there for them.
    SEEN[page.file.src_uri] = page.content is not None and page.markdown is not None
    return output

def on_post_build(config):
    # After the plugin wrote the feeds (its on_post_build runs first): what each post's page
    # still holds.
    held = {
        f.src_uri: [f.page.content, f.page.markdown]
        for f in config.plugins["perceptual"].last_files
        if f.src_uri.startswith("posts/") and f.page is not None
    }
    path = os.path.join(os.path.dirname(config.config_file_path), "held.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"held": held, "seen": SEEN}, out)
"""


def test_a_written_post_lets_go_of_its_content_and_the_feeds_keep_its_body(tmp_path, monkeypatch):
    """MkDocs keeps every page's content and Markdown to the end of the build; the plugin
    lets go of a post's once it is written, and keeps only its body, compressed, for the feeds written at
    the end. Each feed's item is the post's body as its page shows it, every character kept
    (text beyond Latin-1, astral characters, MathML)."""
    from conftest import build_in_process, write_site

    from mkdocs_perceptual.plugin import PerceptualPlugin

    # The hook reads the files MkDocs built from the plugin, where the test leaves them.
    monkeypatch.setattr(
        PerceptualPlugin,
        "on_files",
        _remember_files(PerceptualPlugin.on_files),
    )
    bodies = {
        "posts/a.md": "Mỗi cặp từ — “quoted” 🦜 and $x^2 + \\alpha$.\n\n## Section\n\nMore.",
        "posts/b.md": "Plain ASCII only.\n\n```python\nprint('x')\n```",
    }
    files = {
        src: post(
            title=f"Post {i}",
            date=f'"2020-01-0{i + 1} 10:00:00"',
            slug=f'"/posts/p{i}"',
            body=body,
        )
        for i, (src, body) in enumerate(bodies.items())
    }
    files["index.md"] = "# Home\n"
    config = {"plugins": plugins(), "hooks": ["hooks.py"]}
    config["site_url"] = "https://example.org/"
    write_site(tmp_path, files, config)
    (tmp_path / "hooks.py").write_text(LET_GO_HOOK, encoding="utf-8")
    result = build_in_process(tmp_path)
    assert result.returncode == 0, result.output
    report = json.loads((tmp_path / "held.json").read_text(encoding="utf-8"))
    assert report["held"] == {"posts/a.md": [None, None], "posts/b.md": [None, None]}
    assert {src: report["seen"][src] for src in ("index.md", *bodies)} == {
        "index.md": True,
        "posts/a.md": True,
        "posts/b.md": True,
    }
    feed = feedparser.parse((result.site / "rss.xml").read_bytes())
    assert not feed.bozo
    items = {entry.title: entry.content[0].value for entry in feed.entries}
    for i in range(len(bodies)):
        article = result.html(f"posts/p{i}/index.html").select_one("article")
        # The page's header and footer, and its headings' permalinks (which feeds leave out).
        shown = "h1, .perceptual-meta, .perceptual-tags, .perceptual-post-footer, .headerlink"
        for part in article.select(shown):
            part.decompose()
        item = BeautifulSoup(items[f"Post {i}"], "html.parser")
        assert item.get_text().strip() == article.get_text().strip(), items[f"Post {i}"]
    assert "🦜" in items["Post 0"]
    assert "<math" in items["Post 0"]


def _remember_files(on_files):
    def remembering(self, files, **kwargs):
        self.last_files = files
        return on_files(self, files, **kwargs)

    return remembering


LATE_HOOK = """
def on_post_page(output, page, config):
    if page.file.src_uri.startswith("posts/"):
        page.content += "<p>ADDED-IN-ON-POST-PAGE</p>"
    return output
"""


def test_what_a_hook_adds_to_a_post_in_on_post_page_reaches_the_feeds(tmp_path):
    """A post's content is let go of only once every plugin's and hook's on_post_page has run:
    what a hook adds to it there is in the post's feed items, as it was before the plugin let
    go of anything."""
    from conftest import build_in_process, write_site

    files = {"index.md": "# Home\n", "posts/a.md": post(title="A", slug='"/posts/a"')}
    config = {"plugins": plugins(), "hooks": ["hooks.py"], "site_url": "https://example.org/"}
    write_site(tmp_path, files, config)
    (tmp_path / "hooks.py").write_text(LATE_HOOK, encoding="utf-8")
    result = build_in_process(tmp_path)
    assert result.returncode == 0, result.output
    for path in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((result.site / path).read_bytes())
        assert not feed.bozo, path
        (entry,) = feed.entries
        assert "ADDED-IN-ON-POST-PAGE" in entry.content[0].value, path
    (item,) = json.loads((result.site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert "ADDED-IN-ON-POST-PAGE" in item["content_html"]
