"""The promises in docs/plugin/guarantees.md: drafts never leak, hostile text is escaped,
no output overwrites another, bad configuration is refused, state does not grow."""

from __future__ import annotations

import gzip
import html
import json
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import broken_links, plugins, post

MARK = "zzleakmarker"


def leak_corpus(draft: str = "true") -> dict[str, str]:
    """Drafts carrying the marker; `draft` is what their front matter says (with "false",
    MkDocs' own draft_docs makes them drafts)."""
    return {
        "index.md": "# Home\n",
        "posts/public.md": post(
            title="Public",
            date="2020-01-01",
            category="Shared",
            tags="[shared-tag]",
            description="A published post.",
        ),
        "posts/older.md": post(title="Older", date="2019-01-01", category="Shared"),
        # Drafts carry the marker in every field, and a category and tag no published post uses.
        "posts/draft-1.md": post(
            title=f"{MARK} title",
            date="2021-06-01",
            draft=draft,
            slug=f"/posts/{MARK}-slug",
            category=f"{MARK} category",
            tags=f"[{MARK}-tag, shared-tag]",
            description=f"{MARK} description",
            socialImage=f"/media/{MARK}.png",
            body=f"{MARK} body with [a link](/posts/public) and $x^2$.",
        ),
        "posts/draft-2.md": post(
            title=f"{MARK} second",
            date="2022-01-01",
            draft=draft,
            category="Shared",
            body=f"{MARK} in a shared category",
        ),
        "pages/draft-page.md": f"---\ntitle: {MARK} page\ntemplate: page\ndraft: {draft}\n---\n{MARK}\n",
    }


# MkDocs' own draft_docs makes a post a draft as surely as `draft: true` does.
DRAFT_DOCS = {"draft_docs": "posts/draft-*.md\npages/draft-page.md\n"}


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("how", ["front-matter", "draft_docs"])
def test_drafts_leak_into_no_output_file(build_site, theme, how):
    corpus = leak_corpus("true" if how == "front-matter" else "false")
    config = {"theme": theme, "site_url": "https://example.org/"}
    result = build_site(corpus, {**config, **(DRAFT_DOCS if how == "draft_docs" else {})})
    assert result.returncode == 0, result.output
    assert MARK not in result.output.lower()
    outputs = result.outputs()
    for expected in (
        "rss.xml",
        "sitemap.xml",
        "sitemap.xml.gz",
        "search/search_index.json",
        "404.html",
        "blog/index.html",
        "categories/index.html",
        "tags/index.html",
        "category/shared/index.html",
        "tag/shared-tag/index.html",
    ):
        assert expected in outputs, expected
    outputs["sitemap.xml.gz, decompressed"] = gzip.decompress(outputs["sitemap.xml.gz"])
    assert [name for name in outputs if MARK in name.lower()] == []
    assert [name for name, data in outputs.items() if MARK.encode() in data.lower()] == []
    # Counts do not count drafts either.
    counts = [
        li.get_text() for li in result.html("categories/index.html").select(".perceptual-groups li")
    ]
    assert counts == ["Shared (2)"]
    assert len(feedparser.parse(outputs["rss.xml"]).entries) == 2


HOSTILE = "<script>alert(\"x\")</script> & 'q' \u0001end"
CLEAN = "<script>alert(\"x\")</script> & 'q' end"


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_hostile_text_is_escaped_everywhere(build_site, theme):
    value = json.dumps(HOSTILE)  # a YAML double-quoted string
    files = {
        "posts/evil.md": post(
            title=value,
            date="2020-01-01",
            category=value,
            tags=f"[{value}]",
            description=value,
            slug="/posts/evil",
        ),
    }
    config = {
        "theme": theme,
        "site_url": "https://example.org/",
        "plugins": plugins(blog_index=None),
    }
    result = build_site(files, config)
    assert result.returncode == 0, result.output
    for name, data in result.outputs().items():
        if name.endswith(".html"):
            text = data.decode("utf-8")
            assert "<script>alert" not in text, name
            assert "\x01" not in text, name
            soup = BeautifulSoup(text, "html.parser")
            scripts = soup.find_all("script")
            # JSON-LD is data, not a script a browser runs: the text is in it, \u-escaped.
            code = [s for s in scripts if s.get("type") != "application/ld+json"]
            assert not [s for s in code if "alert(" in (s.string or "")], name
    page = result.html("posts/evil/index.html")
    (ld,) = page.find_all("script", type="application/ld+json")
    assert "<" not in ld.string
    assert json.loads(ld.string)["headline"] == CLEAN
    assert page.title.get_text().startswith(CLEAN)
    assert page.h1.get_text() == CLEAN
    assert page.find("meta", attrs={"name": "description"})["content"] == CLEAN
    assert page.find("meta", property="og:title")["content"] == CLEAN
    assert page.select_one(".perceptual-category").get_text() == CLEAN
    assert page.select_one(".perceptual-tags a").get_text() == CLEAN
    listing = result.html("index.html")
    assert listing.select_one("article h2").get_text() == CLEAN
    assert CLEAN in [
        a.get_text() for a in result.html("categories/index.html").select(".perceptual-groups a")
    ]
    assert broken_links(result.site) == []

    feed = (result.site / "rss.xml").read_bytes()
    ElementTree.fromstring(feed)  # well-formed XML
    parsed = feedparser.parse(feed)
    assert not parsed.bozo
    assert parsed.entries[0].title == CLEAN
    assert html.unescape(parsed.entries[0].summary) == CLEAN  # HTML that shows the text
    index = json.loads((result.site / "search/search_index.json").read_text())
    assert not [d for d in index["docs"] if "<script>" in d["title"]]


@pytest.mark.parametrize(
    ("slug", "config", "other"),
    [
        ("/rss.xml", {}, "rss.xml"),
        ("/atom.xml", {}, "the Atom feed"),
        ("/category/dl/rss.xml", {}, "the RSS feed of the category 'DL'"),
        ("/category/dl/", {}, "the category page 'DL'"),
        (
            "/page/1/",
            {"plugins": plugins(blog_index=None, posts_per_page=1)},
            "the index page 'Posts - Page 2'",
        ),
        ("/tags/", {}, "the tags page 'Tags'"),
        ("/tag/t/", {}, "the tag page 'Posts tagged \u201ct\u201d'"),
        ("/archive/", {}, "the archive page 'Archive'"),
        ("/assets/images/favicon.png", {}, "assets/images/favicon.png"),
        ("/assets/javascripts/bundle.a5f9d56c.min.js", {}, "assets/javascripts/"),
        ("/search/search_index.json", {}, "the search plugin's index"),
        ("/404.html", {}, "the theme's 404.html"),
        ("/sitemap.xml", {}, "the theme's sitemap.xml"),
        ("/sitemap.xml.gz", {}, "the theme's sitemap.xml.gz"),
        ("/Posts/Other", {}, "posts/other.md"),
    ],
)
def test_slug_on_another_output_is_an_error_naming_both(build_site, slug, config, other):
    files = {
        "posts/other.md": post(title="Other", slug="/posts/other"),
        "posts/x.md": post(title="X", category="DL", tags="[t]"),
        "posts/evil.md": post(title="Evil", slug=slug, date="2021-01-01"),
    }
    result = build_site(files, config)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    line = next(
        (x for x in result.output.splitlines() if "posts/evil.md" in x and other in x), None
    )
    assert line is not None, result.output
    assert not list(result.site.rglob("*.html"))


@pytest.mark.parametrize("slug", ["/assets/", "/category/", "/page/9/", "/posts/rss.xml"])
def test_slug_beside_other_outputs_is_published_safely(build_site, slug):
    files = {
        "posts/x.md": post(title="X", category="DL"),
        "posts/safe.md": post(title="Safe", slug=slug),
    }
    result = build_site(files)
    assert result.returncode == 0, result.output
    assert (result.site / slug.strip("/") / "index.html").is_file()
    assert (result.site / "category/dl/index.html").is_file()
    assert (result.site / "rss.xml").is_file()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"postsperpage": 4}, "option 'postsperpage': unknown option; the options are: timezone,"),
        (
            {"posts_per_page": "ten"},
            "option 'posts_per_page': expected a whole number of at least 1",
        ),
        (
            {"posts_per_page": 0},
            "option 'posts_per_page': expected a whole number of at least 1, got 0",
        ),
        ({"feed_limit": True}, "option 'feed_limit': expected a whole number"),
        ({"math": "mathjax"}, "option 'math': Expected one of: ('mathml', 'katex', 'none')"),
        ({"timezone": 5}, "option 'timezone': expected a time zone name"),
        ({"drafts_on_serve": "yes"}, "option 'drafts_on_serve'"),
        ({"static_dir": 5}, "option 'static_dir'"),
        ({"unregister_service_worker": "no"}, "option 'unregister_service_worker'"),
        ({"compact_html": "yes"}, "option 'compact_html'"),
    ],
)
def test_bad_configuration_is_mkdocs_own_config_error(build_site, options, message):
    result = build_site({"posts/a.md": post()}, {"plugins": ["search", {"perceptual": options}]})
    assert result.returncode != 0
    assert (
        "Aborted with 1 configuration errors!" in result.output
        or "configuration error" in result.output
    )
    assert f"Plugin 'perceptual' {message}" in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.slow  # eight builds in a row, as `mkdocs serve` runs them
def test_state_does_not_grow_across_serve_rebuilds(tmp_path, monkeypatch):
    """As `mkdocs serve` does: the config is loaded afresh for every rebuild, and the plugin
    instance is kept; whatever it holds is per build, and let go of when the build ends."""
    from conftest import write_site
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_perceptual import plugin as plugin_module

    blogs: list = []

    class RecordedBuild(plugin_module.Build):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            blogs.append(self)

    monkeypatch.setattr(plugin_module, "Build", RecordedBuild)
    files = {
        f"posts/p{i}.md": post(title=f"P{i}", date=f"2020-01-{i + 10}", category="C", tags="[t]")
        for i in range(5)
    }
    write_site(tmp_path, files)
    seen = []
    for round_ in range(8):
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        if round_ == 0:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        plugin = config.plugins["perceptual"]
        blog = blogs[-1]
        assert len(blogs) == round_ + 1
        seen.append(
            {
                "plugin": id(plugin),
                "holds after the build": (plugin.build, plugin.env),
                "sources left": len(blog.sources),
                "posts": len(blog.posts),
                "listings": len(blog.plan.listings),
                "theme dirs": len(config.theme.dirs),
                "extra_css": len(config.extra_css),
                "extensions": len(config.markdown_extensions),
                "plugin fields": sorted(vars(plugin)),
            }
        )
    assert all(s == seen[0] for s in seen[1:]), seen
    assert seen[0]["holds after the build"] == (None, None)
    assert seen[0]["posts"] == 5
    assert seen[0]["sources left"] == 0  # every source handed to MkDocs, none kept


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("menu", [{"label": "x", "path": "javascript:alert(1)"}]),
        ("menu", [{"label": "x", "path": "  JaVaScRiPt:alert(1)"}]),
        ("menu", [{"label": "x", "path": "java\tscript:alert(1)"}]),
        ("menu", [{"label": "x", "path": "data:text/html,<script>alert(1)</script>"}]),
        ("menu", [{"label": "x", "path": "DATA:image/svg+xml,x"}]),
        ("menu", [{"label": "x", "path": "vbscript:x"}]),
        ("author", {"name": "A", "photo": "javascript:alert(1)"}),
        ("author", {"name": "A", "photo": "data:image/png;base64,AAAA"}),
    ],
)
def test_unsafe_urls_in_options_are_refused(tmp_path, option, value):
    """`javascript:` and `data:` URLs (any case, with spaces or tabs) in the menu's paths and
    the author's photo stop the build with a message naming the option (issue 24)."""
    from conftest import build_in_process, post, write_site

    write_site(tmp_path, {"posts/a.md": post()}, {"plugins": [{"perceptual": {option: value}}]})
    built = build_in_process(tmp_path)
    assert built.returncode == 1
    assert f"Plugin 'perceptual' option '{option}'" in built.output
    assert "URL is refused" in built.output
    assert not (tmp_path / "site").exists() or "alert" not in "".join(
        p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*.html")
    )


def test_a_menu_entry_to_a_draft_is_left_out_with_a_warning(tmp_path):
    """A menu path that is a draft's slug is left out of every page, with a warning naming
    it, as a hand-written nav's entry is (issue 24)."""
    from conftest import build_in_process, post, write_site

    write_site(
        tmp_path,
        {
            "posts/a.md": post(title="Public"),
            "posts/secret.md": post(title="Secret", slug="/posts/secret-plan", draft="true"),
        },
        {
            "plugins": [
                {
                    "perceptual": {
                        "menu": [
                            {"label": "Plans", "path": "/posts/secret-plan"},
                            {"label": "Home", "path": "/"},
                        ]
                    }
                }
            ]
        },
    )
    built = build_in_process(tmp_path, strict=False)
    assert built.returncode == 0, built.output
    assert "menu: '/posts/secret-plan' ('Plans') is not published (a draft)" in built.output
    outputs = built.outputs()
    assert [name for name, data in outputs.items() if b"secret-plan" in data] == []
