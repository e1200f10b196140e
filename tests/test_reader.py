"""The blog as a reader meets it (issue 13): the author and menu, tags as chips, newer and older
posts, numbered listing pages, excerpts, drafts in `mkdocs serve`, link previews (JSON-LD and
Open Graph) and the feed. Unit tests for the pure helpers, then a few whole builds."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import Build, broken_links, post, write_site

from mkdocs_perceptual.site.author import contact_href, contacts
from mkdocs_perceptual.site.feed import absolute_urls, feed_html
from mkdocs_perceptual.site.inline_html import inline_html
from mkdocs_perceptual.site.listing_pages import page_window
from mkdocs_perceptual.site.nav import ordered
from mkdocs_perceptual.site.page import json_ld, summary_text

# -- pure helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "value", "href"),
    [
        # As Lumen's src/utils/get-contact-href.js built them.
        ("twitter", "alice", "https://www.twitter.com/alice"),
        ("github", "alice", "https://github.com/alice"),
        ("email", "alice@example.org", "mailto:alice@example.org"),
        ("telegram", "alice", "https://telegram.me/alice"),
        ("vkontakte", "alice", "https://vk.com/alice"),
        ("linkedin", "alice", "https://www.linkedin.com/in/alice"),
        ("instagram", "alice", "https://www.instagram.com/alice"),
        ("facebook", "alice", "https://www.facebook.com/alice"),
        ("codepen", "alice", "https://www.codepen.io/alice"),
        ("youtube", "UC123", "https://www.youtube.com/channel/UC123"),
        ("soundcloud", "alice", "https://soundcloud.com/alice"),
        ("medium", "@alice", "https://medium.com/@alice"),
        ("gitlab", "alice", "https://www.gitlab.com/alice"),
        ("weibo", "alice", "https://www.weibo.com/alice"),
        ("line", "alice", "line://ti/p/alice"),
        ("rss", "/rss.xml", "/rss.xml"),
        ("rss", "https://example.org/rss.xml", "https://example.org/rss.xml"),
        # A URL is kept whatever the service; an unknown service's value is a URL.
        ("github", "https://github.com/alice", "https://github.com/alice"),
        ("mastodon", "https://mastodon.social/@alice", "https://mastodon.social/@alice"),
        ("GitHub", "alice", "https://github.com/alice"),
        ("twitter", "", None),
        ("rss", "javascript:alert(1)", None),
        ("mastodon", "alice", None),  # no scheme, no service: no link to guess
    ],
)
def test_contact_href(service, value, href):
    assert contact_href(service, value) == href


def test_contacts_keep_order_skip_empty_and_name_the_refused():
    shown, problems, notes = contacts(
        {"github": "alice", "twitter": "", "telegram": None, "rss": "javascript:x", "email": 5}
    )
    assert notes == []
    assert [(c.service, c.href, c.name) for c in shown] == [
        ("github", "https://github.com/alice", "GitHub")
    ]
    # The icon comes from Material's Font Awesome set, read when the site is built.
    assert shown[0].icon.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')
    assert "<path" in shown[0].icon
    assert len(problems) == 2
    assert "author.contacts.rss" in problems[0]
    assert "author.contacts.email" in problems[1]


FA = "fontawesome/brands/"


@pytest.mark.parametrize(
    ("service", "value", "href", "icon_file"),
    [
        ("kofi", "alice", "https://ko-fi.com/alice", "simple/kofi"),
        ("mastodon", "@alice@example.social", "https://example.social/@alice", FA + "mastodon"),
        (
            "mastodon",
            "https://example.social/@alice",
            "https://example.social/@alice",
            FA + "mastodon",
        ),
        (
            "bluesky",
            "alice.bsky.social",
            "https://bsky.app/profile/alice.bsky.social",
            FA + "bluesky",
        ),
        ("orcid", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097", FA + "orcid"),
        ("x", "alice", "https://x.com/alice", FA + "x-twitter"),
    ],
)
def test_the_contact_kinds_forks_added_have_links_and_material_icons(
    service, value, href, icon_file
):
    import material

    shown, problems, notes = contacts({service: value})
    assert (problems, notes) == ([], [])
    assert shown[0].href == href
    svg = Path(material.__file__).parent / "templates" / ".icons" / f"{icon_file}.svg"
    path = svg.read_text(encoding="utf-8")
    drawn = path[path.index("<path") : path.index("</svg>")]
    assert drawn in shown[0].icon


def test_an_unknown_contact_kind_is_a_plain_link_with_a_note():
    shown, problems, notes = contacts({"myspace": "https://myspace.com/alice", "gopher": "alice"})
    assert [(c.service, c.href) for c in shown] == [("myspace", "https://myspace.com/alice")]
    assert "<path" in shown[0].icon  # the generic link icon
    assert notes == ["author.contacts.myspace: no icon for 'myspace'; a plain link"]
    assert len(problems) == 1  # a handle with no service to link it to
    assert "author.contacts.gopher" in problems[0]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Plain & simple <3", "Plain &amp; simple &lt;3"),
        ("Notes on <learning>, <T> and a<b", "Notes on &lt;learning&gt;, &lt;T&gt; and a&lt;b"),
        (
            'I <em>write</em> <a href="https://x.org" onclick="e()">maths</a>',
            'I <em>write</em> <a href="https://x.org" rel="noopener">maths</a>',
        ),
        ("<script>alert(1)</script>Hi", "Hi"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="JaVa&#x73;cript:x">y</a>', '<a rel="noopener">y</a>'),
        ('<a href="data:text/html,x">y</a>', '<a rel="noopener">y</a>'),
        ("<b>left open", "<b>left open</b>"),
        ("<img src=x onerror=y>text", "text"),
        (
            '<a href="/pages/about">About</a><br/>',
            '<a href="/pages/about" rel="noopener">About</a><br>',
        ),
        ("&copy; 2024 <strong>Me</strong>", "© 2024 <strong>Me</strong>"),
        ("<style>p{}</style><p>para</p><div onmouseover=x>div</div>", "paradiv"),
        ("<em><strong>nested</em> wrongly</strong>", "<em><strong>nested</strong></em> wrongly"),
    ],
)
def test_inline_html_keeps_links_and_emphasis_and_nothing_else(text, html):
    assert inline_html(text) == html


@pytest.mark.parametrize(
    ("current", "pages", "window"),
    [
        (1, 1, []),
        (1, 2, [1, 2]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 10, [1, None, 4, 5, 6, 7, 8, 9, 10]),  # a gap of one shows the number
        (10, 10, [1, None, 8, 9, 10]),
        (3, 5, [1, 2, 3, 4, 5]),
        (50, 100, [1, None, 48, 49, 50, 51, 52, None, 100]),
    ],
)
def test_page_window(current, pages, window):
    assert page_window(current, pages) == window


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"headline": "</script><script>alert(1)</script> & <!-- \u2028"})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert "\\u003c/script\\u003e" in text
    assert "\\u2028" in text
    assert json.loads(text) == {"headline": "</script><script>alert(1)</script> & <!-- \u2028"}


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            '<h2 id="a">Intro<a class="headerlink" href="#a">¶</a></h2><p>Text here.</p>',
            "Text here.",
        ),
        ("<p>No stop</p><p>Second.</p>", "No stop. Second."),
        ("<h2>Only a heading</h2><ul><li>item</li></ul>", "Only a heading item"),
        ("<p>A <em>b</em> &amp; c?</p>", "A b & c?"),
        ('<p>See <a href="x">this</a>.</p>', "See this."),
    ],
)
def test_summary_text_keeps_sentences_apart_from_headings(body, text):
    assert summary_text(body) == text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<img srcset="a.png 1x, ../b.png 2x" src="a.png">',
            '<img srcset="https://e.org/p/x/a.png 1x, https://e.org/p/b.png 2x" '
            'src="https://e.org/p/x/a.png">',
        ),
        ("<video poster='p.jpg'>", '<video poster="https://e.org/p/x/p.jpg">'),
        ('<a href="a?x=1&amp;y=2">', '<a href="https://e.org/p/x/a?x=1&amp;y=2">'),
    ],
)
def test_absolute_urls_srcset_poster_and_quotes(html, expected):
    assert absolute_urls(html, "https://e.org/p/x/") == expected


def test_feed_html_drops_the_permalink_signs():
    body = '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'
    assert feed_html(body, "https://e.org/") == '<h2 id="a">A</h2>'


def test_ordered_puts_the_named_pages_first_in_their_folder():
    src = ["index.md", "b.md", "z.md", "doc/index.md", "doc/a.md", "doc/start.md", "doc/m.md"]
    assert ordered(src, ["doc/start.md", "z.md", "doc/m.md"]) == [
        "index.md",
        "z.md",
        "b.md",
        "doc/index.md",
        "doc/start.md",
        "doc/m.md",
        "doc/a.md",
    ]


# -- whole builds ----------------------------------------------------------------------------


def blog(**extra: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        f"posts/p{i}.md": post(
            title=f"Post {i}",
            date=f'"2020-01-{10 + i} 10:00:00"',
            category="Deep Learning",
            tags="[ml, nlp]" if i % 2 else "[ml]",
            body=f"## Heading {i}\n\nText of post {i}, [about](/pages/about).\n\n"
            + " ".join(["word"] * 450 * (i + 1)),
        )
        for i in range(6)
    }
    files["pages/about.md"] = "---\ntitle: About\ntemplate: page\n---\nAbout me.\n"
    files["media/me.png"] = b"\x89PNG\r\n"
    files["media/card.png"] = b"\x89PNG\r\n"
    files.update(extra)
    return files


OPTIONS = {
    "posts_per_page": 1,
    "social_image": "/media/card.png",
    "author": {
        "name": "Alice",
        "photo": "/media/me.png",
        "bio": "Notes on <learning>.",
        "contacts": {"github": "alice", "twitter": "", "email": "a@example.org", "rss": "/rss.xml"},
    },
    "menu": [
        {"label": "Articles", "path": "/"},
        {"label": "About me", "path": "/pages/about"},
        {"label": "Code", "path": "https://github.com/alice"},
    ],
}
CONFIG = {
    "site_url": "https://example.org/sub/",
    "plugins": ["search", {"perceptual": OPTIONS}],
}


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def built(request, tmp_path_factory) -> Build:
    """One blog per theme, built once for the tests below."""
    from conftest import build_in_process

    root = tmp_path_factory.mktemp(request.param)
    write_site(root, blog(), {**CONFIG, "theme": request.param})
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    return result


def test_build_prints_no_left_as_is_lines_and_every_link_works(built):
    assert "left as is" not in built.output
    assert broken_links(built.site, "/sub/") == []


def test_listing_pages_are_numbered_with_rel_links(built):
    soup = built.html("page/2/index.html")  # the third page
    numbers = soup.select("nav.perceptual-pages li")
    assert [li.get_text(strip=True) for li in numbers] == ["1", "2", "3", "4", "5", "6"]
    current = soup.select('nav.perceptual-pages [aria-current="page"]')
    assert [c.get_text() for c in current] == ["3"]
    assert current[0].name == "span"
    links = {a.get_text(strip=True): a["href"] for a in soup.select("nav.perceptual-pages a")}
    assert links == {"1": "../../", "2": "../1/", "4": "../3/", "5": "../4/", "6": "../5/"}
    rel = {a["rel"][0]: a["href"] for a in soup.select("nav.perceptual-pagination a")}
    assert rel == {"prev": "../1/", "next": "../3/"}


def test_listing_entries_show_tags_reading_time_and_a_clean_excerpt(built):
    soup = built.html("index.html")
    (entry,) = soup.select("article.perceptual-entry")
    assert entry.h2.get_text() == "Post 5"
    assert entry.select_one(".perceptual-minutes").get_text() == "14 min read"
    chips = [(a.get_text(), a["href"], a["rel"]) for a in entry.select(".perceptual-chips a")]
    assert chips == [("ml", "tag/ml/", ["tag"]), ("nlp", "tag/nlp/", ["tag"])]
    summary = entry.find_all("p", recursive=False)[1].get_text()
    assert summary.startswith("Text of post 5, about. word word")
    assert "Heading" not in summary


def test_author_on_listings_and_at_the_foot_of_posts(built):
    for page, base in (("index.html", ""), ("category/deep-learning/index.html", "../../")):
        card = built.html(page).select_one("aside.perceptual-author")
        assert card.select_one(".perceptual-author-name").get_text() == "Alice"
        assert card.select_one(".perceptual-author-bio").get_text() == "Notes on <learning>."
        assert card.img["src"] == base + "media/me.png"
        icons = [(a["aria-label"], a["href"]) for a in card.select("a.perceptual-contact")]
        assert icons == [
            ("GitHub", "https://github.com/alice"),
            ("Email", "mailto:a@example.org"),
            # The feed is a file of the site: linked from here, as every other file is.
            ("RSS feed", base + "rss.xml"),
        ]
        assert all(a.svg and a.svg.path["d"] for a in card.select("a.perceptual-contact"))
    foot = built.html("posts/p3/index.html").select_one(".perceptual-post-footer")
    assert foot.select_one("aside.perceptual-author img")["src"] == "../../media/me.png"
    # A Lumen page is no post: no footer, no author.
    assert built.html("pages/about/index.html").select_one(".perceptual-post-footer") is None


def test_post_has_tag_chips_neighbours_and_the_way_back(built):
    soup = built.html("posts/p3/index.html")
    chips = soup.select("ul.perceptual-tags a")
    assert [(a.get_text(), a["href"]) for a in chips] == [
        ("ml", "../../tag/ml/"),
        ("nlp", "../../tag/nlp/"),
    ]
    nav = soup.select_one("nav.perceptual-post-nav")
    assert [
        (a["rel"], a["href"], a.select_one(".perceptual-post-nav-title").get_text())
        for a in nav.find_all("a")
    ] == [
        (["prev"], "../p4/", "Post 4"),
        (["next"], "../p2/", "Post 2"),
    ]
    assert soup.select_one(".perceptual-back a")["href"] == "../../"
    newest = built.html("posts/p5/index.html").select("nav.perceptual-post-nav a")
    assert [a["rel"] for a in newest] == [["next"]]


def test_menu_comes_first_in_the_navigation(built):
    soup = built.html("posts/p3/index.html")
    if built.html("index.html").select_one("nav.md-nav--primary"):
        items = soup.select("nav.md-nav--primary > ul > li > a")
    else:
        items = soup.select(".navbar-nav > li > a")
    titles = [(a.get_text(strip=True), a["href"]) for a in items]
    assert titles[:3] == [
        ("Articles", "../.."),
        ("About me", "../../pages/about/"),
        ("Code", "https://github.com/alice"),
    ]
    # The page the menu links is not listed a second time.
    assert [t for t, _ in titles].count("About") == 0


def test_link_previews(built):
    soup = built.html("posts/p3/index.html")
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Post 3",
        "datePublished": "2020-01-13T10:00:00+00:00",
        "author": {"@type": "Person", "name": "Alice"},
        "image": "https://example.org/sub/media/card.png",
        "articleSection": "Deep Learning",
        "keywords": ["ml", "nlp"],
    }

    def meta(prop: str) -> list[str]:
        return [m["content"] for m in soup.find_all("meta", property=prop)]

    assert meta("og:type") == ["article"]
    assert meta("og:image") == ["https://example.org/sub/media/card.png"]
    assert meta("article:published_time") == ["2020-01-13T10:00:00+00:00"]
    assert meta("article:tag") == ["ml", "nlp"]


def test_feed_is_absolute_without_permalink_signs_and_linked_on_every_page(built):
    raw = (built.site / "rss.xml").read_text(encoding="utf-8")
    assert "¶" not in raw
    assert "headerlink" not in raw
    assert '<atom:link href="https://example.org/sub/rss.xml" rel="self"' in raw
    feed = feedparser.parse(raw)
    assert not feed.bozo
    for entry in feed.entries:
        html = entry.content[0].value
        urls = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert urls, html
        assert all(u.startswith("https://example.org/sub/") for u in urls), urls
    # Every page, the 404 page too (served at any address: its link is absolute).
    for page in ("index.html", "posts/p3/index.html", "pages/about/index.html", "404.html"):
        soup = built.html(page)
        material = soup.select_one(".md-social")
        if material is not None:
            links = [a["href"] for a in material.find_all("a")]
            assert links == ["https://example.org/sub/rss.xml"], page
        else:
            link = soup.select_one("footer .perceptual-feed-link a")
            assert link is not None, page
            assert link["href"].endswith("rss.xml"), page
            assert link.svg is not None
            if page == "404.html":
                assert link["href"] == "https://example.org/sub/rss.xml"


def serve_build(root: Path) -> Build:
    """`mkdocs serve`'s build, in this process: drafts are built, marked."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(config, serve_url="http://127.0.0.1:8000/")
    return Build(root, 0, "")


def test_drafts_in_serve_are_listed_with_a_badge_and_noindex(tmp_path, build_site):
    files = {
        "posts/a.md": post(title="Published one", date="2020-01-01", tags="[t]"),
        "posts/wip.md": post(title="Work in progress", date="2021-01-01", draft="true", tags="[t]"),
    }
    write_site(tmp_path, files)
    served = serve_build(tmp_path)
    index = served.html("blog/index.html")
    entries = index.select("article.perceptual-entry")
    assert [e.h2.get_text() for e in entries] == ["Work in progress", "Published one"]
    assert entries[0].select_one(".perceptual-draft").get_text() == "Draft"
    assert entries[1].select_one(".perceptual-draft") is None
    page = served.html("posts/wip/index.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.select_one(".perceptual-meta .perceptual-draft").get_text() == "Draft"
    assert "Published" not in page.select_one(".perceptual-meta").get_text()
    published = served.html("posts/a/index.html")
    assert published.find("meta", attrs={"name": "robots"}) is None
    # `mkdocs build` of the same files: the draft is nowhere.
    result = build_site(files)
    assert result.returncode == 0, result.output
    listed = result.html("blog/index.html").select("article.perceptual-entry")
    assert [e.h2.get_text() for e in listed] == ["Published one"]
    assert not [n for n, d in result.outputs().items() if b"Work in progress" in d]
    assert not [n for n, d in result.outputs().items() if b'"robots"' in d]


def test_no_author_no_card(build_site):
    result = build_site(
        {"posts/a.md": post(title="A"), "posts/b.md": post(title="B", date="2021-01-01")}
    )
    assert result.returncode == 0, result.output
    assert result.html("blog/index.html").select("aside.perceptual-author") == []
    soup = result.html("posts/a/index.html")
    assert soup.select("aside.perceptual-author") == []
    assert [a["rel"] for a in soup.select("nav.perceptual-post-nav a")] == [["prev"]]
    assert BeautifulSoup(str(soup), "html.parser").find("script", type="application/ld+json")


def test_search_finds_a_post_by_its_own_words_not_by_its_footer(built):
    """Search leaves out the footer: the author's bio and the neighbours' titles would
    otherwise match every post. Material's search honours data-search-exclude; MkDocs' own
    has no such attribute, so the plugin hands it each post up to the end of its body."""
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("posts/p3/"))
    assert "Text of post 3" in text
    assert "Notes on" not in text
    assert "Newer post" not in text
    assert "Post 4" not in text
