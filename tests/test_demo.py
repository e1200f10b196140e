"""Our own site, the demo blog, builds strictly with the plugin."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import mkdocs
from navtree import nav_tree, titles

ROOT = Path(__file__).resolve().parents[1]


def test_demo_site_builds_strictly(tmp_path):
    site = tmp_path / "site"
    result = mkdocs(ROOT, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    seed = BeautifulSoup(
        (site / "posts/perceptual-learning-text-sequences/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert seed.find("meta", attrs={"name": "description"})["content"] == (
        "Explaining CNN from pracical and theoretical perspective."
    )
    nav = titles(nav_tree(seed))
    # Lumen's menu first: the home page is the blog index (issue 13).
    assert nav[:2] == ["Articles", "About me"]
    assert nav[2] == (
        "Deep Learning",
        [
            "Reading notes: Attention Is All You Need",
            "Perceptual Learning - Deep Learning for Text & Sequences",
        ],
    )
    assert nav[3] == (
        "Tooling",
        [
            "Feeds, covers and comments that keep their threads",
            "Moving this blog from Gatsby to MkDocs",
        ],
    )
    # With navigation.indexes, each category section links its category page.
    section = seed.select("nav.md-nav--primary li.md-nav__item--nested")[0]
    assert section.find("a")["href"] == "../../category/deep-learning/"
    # The plugin's documentation in its own section, "Getting started" first (nav_order).
    plugin = next(item for item in nav if isinstance(item, tuple) and item[0] == "Plugin")
    assert plugin[1][:2] == ["Getting started", "Migrating from Gatsby"]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select("article.perceptual-entry h2")[0].get_text() == (
        "Feeds, covers and comments that keep their threads"
    )
    # The blog features of issue 26, each shown in the demo.
    assert home.select_one("article.perceptual-entry-cover picture") is not None
    features = BeautifulSoup(
        (site / "posts/feeds-covers-and-comments/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert features.select_one("figure.perceptual-cover picture") is not None
    related = [a.get_text() for a in features.select(".perceptual-related a")]
    assert related == ["Moving this blog from Gatsby to MkDocs"]
    comments = features.select_one(".perceptual-comments")
    assert comments["data-identifier"] == "Feeds, covers and comments that keep their threads"
    assert comments["data-url"] == (
        "https://example.org/mkdocs-perceptual/posts/feeds-covers-and-comments"
    )
    assert (site / "archive/index.html").is_file()
    for feed in ("rss.xml", "atom.xml", "feed.json", "category/tooling/rss.xml"):
        assert (site / feed).is_file(), feed
    guide = BeautifulSoup(
        (site / "plugin/blog/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert len(guide.select(".perceptual-latest article.perceptual-entry")) == 2
    assert "left as is" not in result.stdout + result.stderr
    everything = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert b"Unfinished thoughts on tokenizers" not in everything
    assert b"unfinished-thoughts-on-tokenizers" not in everything
