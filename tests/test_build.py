"""Real `mkdocs build --strict` runs of small Lumen blogs."""

from __future__ import annotations

import os
import shutil
import time

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import SEED, SEED_IMAGE, mkdocs, plugins, post
from navtree import nav_tree, titles

SEED_TITLE = "Perceptual Learning - Deep Learning for Text & Sequences"
SEED_DESCRIPTION = "Explaining CNN from pracical and theoretical perspective."

BLOG = {
    **SEED_IMAGE,
    "index.md": "# Welcome\n\nThe blog.\n",
    "posts/perceptual-learning-text-sequences.md": SEED.read_text(encoding="utf-8"),
    "posts/2020-01-01---tooling.md": post(
        title="Moving to MkDocs", date="2020-01-01", category="Tooling", slug="/posts/moving/"
    ),
    "posts/2018-05-05---older.md": post(
        title="An older CNN post", date='"2018-05-05T10:00:00.000Z"', category='"Deep Learning"'
    ),
    "posts/2022-01-01---draft.md": post(
        title="DRAFTMARKER title",
        date="2022-01-01",
        category="DRAFTMARKER-category",
        slug="/posts/DRAFTMARKER-slug",
        draft="true",
        description="DRAFTMARKER description",
        tags="[DRAFTMARKER-tag]",
        body="DRAFTMARKER body",
    ),
    "pages/about.md": '---\ntitle: "About me"\ntemplate: "page"\nslug: "/pages/about"\n---\nHello.\n',
}


def page_path(url: str, directory_urls: bool) -> str:
    return f"{url}/index.html" if directory_urls else f"{url}.html"


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "flat-urls"])
def test_seed_post_is_published_at_its_slug(build_site, theme, directory_urls):
    result = build_site(BLOG, {"theme": theme, "use_directory_urls": directory_urls})
    assert result.returncode == 0, result.output
    html = result.html(page_path("posts/perceptual-learning-text-sequences", directory_urls))

    assert html.title.get_text() == f"{SEED_TITLE} - Test blog"
    assert [h.get_text(strip=True) for h in html.find_all("h1")] == [SEED_TITLE]
    descriptions = html.find_all("meta", attrs={"name": "description"})
    assert [m["content"] for m in descriptions] == [SEED_DESCRIPTION]
    meta = html.select_one(".perceptual-meta")
    assert meta.get_text(" ", strip=True) == "Published 24 Jun 2019 · Deep Learning · 2 min read"
    assert meta.time["datetime"] == "2019-06-24T09:06:04+00:00"
    assert (
        html.find("meta", property="article:published_time")["content"]
        == "2019-06-24T09:06:04+00:00"
    )
    # The body is the seed's own: its headings keep their anchors.
    assert html.find(id="about-the-dataset").get_text(strip=True).startswith("About the Dataset")
    # Read as remark read it: the "+" line right under the image line starts a list.
    items = [li.get_text(" ", strip=True) for li in html.select("article li, .col-md-9 li")]
    assert "A non-specialist perspective" in items

    # Slugs with and without trailing slash, and a page.
    assert (result.site / page_path("posts/moving", directory_urls)).is_file()
    about = result.html(page_path("pages/about", directory_urls))
    assert [h.get_text() for h in about.find_all("h1")] == ["About me"]
    assert about.select_one(".perceptual-meta") is None
    assert about.find("meta", property="article:published_time") is None
    # A post without a slug keeps the MkDocs path of its file (Lumen's rule too).
    assert (result.site / page_path("posts/2018-05-05---older", directory_urls)).is_file()


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_category_navigation(build_site, theme):
    files = dict(BLOG)
    files["posts/zeta.md"] = post(title="Zeta post", date="2021-01-01", category="zeta")
    files["posts/alpha.md"] = post(title="Alpha post", date="2021-01-01", category="Alpha")
    # Two posts of one date keep their file order, build after build.
    files["posts/same-b.md"] = post(title="Same day B", date="2017-03-03", category="Tooling")
    files["posts/same-a.md"] = post(title="Same day A", date="2017-03-03", category="Tooling")
    files["posts/loose.md"] = post(title="No category")
    files["guide/usage.md"] = "# Usage\n"
    result = build_site(files, {"theme": theme, "plugins": plugins(prune_nav=False)})
    assert result.returncode == 0, result.output
    # On Material (without navigation.indexes) a category's page is its section's "All posts",
    # not a second line with the section's name.
    first = (lambda name: "All posts") if theme == "material" else (lambda name: name)
    sections = [
        ("Alpha", [first("Alpha"), "Alpha post"]),
        ("Deep Learning", [first("Deep Learning"), SEED_TITLE, "An older CNN post"]),
        ("Tooling", [first("Tooling"), "Moving to MkDocs", "Same day A", "Same day B"]),
        ("zeta", [first("zeta"), "Zeta post"]),
    ]
    if theme == "material":
        expected = ["Welcome", "Blog", *sections, "No category", "About me", "Categories"]
        expected.append("Archive")
    else:
        # MkDocs' theme shows the navigation as one row of menus: more than two categories
        # go under one "Categories" menu, headed by the list of them.
        expected = ["Welcome", "Blog", ("Categories", ["All categories", *sections])]
        expected += ["No category", "About me", "Archive"]
    expected.append(("Guide", ["Usage"]))
    assert titles(nav_tree(result.html("pages/about/index.html"))) == expected
    # The draft's own category never shows.
    assert "DRAFTMARKER" not in str(nav_tree(result.html("index.html")))


def test_material_navigation_is_pruned_by_default(build_site):
    files = dict(BLOG)
    files["guide/usage.md"] = "# Usage\n"
    result = build_site(files, {"theme": "material"})
    assert result.returncode == 0, result.output
    # Away from a category, its section is one link to the category page; the sections
    # of the page being read stay whole.
    about = nav_tree(result.html("pages/about/index.html"))
    assert titles(about) == [
        "Welcome",
        "Blog",
        ("Deep Learning", None),
        ("Tooling", None),
        "About me",
        "Categories",
        "Archive",
        ("Guide", None),
    ]
    assert dict(about)["Deep Learning"] is None
    seed = titles(nav_tree(result.html("posts/perceptual-learning-text-sequences/index.html")))
    assert ("Deep Learning", ["All posts", SEED_TITLE, "An older CNN post"]) in seed
    assert ("Tooling", None) in seed
    # With prune_nav: false, every page carries the whole navigation again.
    result = build_site(files, {"theme": "material", "plugins": plugins(prune_nav=False)})
    assert result.returncode == 0, result.output
    whole = titles(nav_tree(result.html("pages/about/index.html")))
    assert ("Tooling", ["All posts", "Moving to MkDocs"]) in whole


def test_own_nav_is_kept_and_unlisted_posts_raise_no_noise(build_site):
    nav = [{"Home": "index.md"}, {"About": "pages/about.md"}]
    result = build_site(BLOG, {"nav": nav, "validation": {"nav": {"omitted_files": "warn"}}})
    assert result.returncode == 0, result.output
    assert 'not included in the "nav"' not in result.output
    assert titles(nav_tree(result.html("index.html"))) == ["Home", "About"]
    assert (result.site / "posts/perceptual-learning-text-sequences/index.html").is_file()


def test_a_site_without_lumen_files_is_left_as_mkdocs_builds_it(build_site, tmp_path):
    files = {"index.md": "# Home\n", "b.md": "# B\n", "a/x.md": "---\ntitle: X\n---\nx\n"}
    with_plugin = build_site(files, {"theme": "mkdocs"})
    assert with_plugin.returncode == 0, with_plugin.output
    nav_with = nav_tree(with_plugin.html("index.html"))
    without = build_site(
        files,
        {
            "theme": "mkdocs",
            "plugins": ["search"],
            "markdown_extensions": ["toc", "pymdownx.highlight", "pymdownx.superfences"],
        },
    )
    assert without.returncode == 0, without.output
    assert nav_tree(without.html("index.html")) == nav_with


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_description_is_one_escaped_meta_tag_on_every_theme(build_site, theme):
    text = "Tom & Jerry say \"hi\" <script>alert(1)</script> 'quoted'"
    files = {
        "index.md": "# Home\n",
        "posts/p.md": post(title="P", description=f"'{text.replace(chr(39), chr(39) * 2)}'"),
    }
    result = build_site(files, {"theme": theme})
    assert result.returncode == 0, result.output
    raw = (result.site / "posts/p/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    metas = result.html("posts/p/index.html").find_all("meta", attrs={"name": "description"})
    assert [m["content"] for m in metas] == [text]


def test_template_ending_in_html_keeps_its_mkdocs_meaning(build_site, tmp_path):
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "custom.html").write_text(
        '{% extends "main.html" %}{% block content %}CUSTOM-TEMPLATE {{ page.content }}{% endblock %}'
    )
    files = {
        "index.md": "# Home\n",
        "special.md": "---\ntitle: Special\ntemplate: custom.html\n---\nBody\n",
    }
    result = build_site(files, {"theme": {"name": "mkdocs", "custom_dir": "overrides"}})
    assert result.returncode == 0, result.output
    assert "CUSTOM-TEMPLATE" in (result.site / "special/index.html").read_text()


def test_user_can_override_post_template(build_site, tmp_path):
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "post.html").write_text(
        '{% extends "main.html" %}{% block content %}MY-POST {{ perceptual_post.category }}{% endblock %}'
    )
    files = {"posts/p.md": post(title="P", category="Cat")}
    result = build_site(files, {"theme": {"name": "mkdocs", "custom_dir": "overrides"}})
    assert result.returncode == 0, result.output
    assert "MY-POST Cat" in (result.site / "posts/p/index.html").read_text()


def test_bom_and_crlf_front_matter(build_site):
    source = "\ufeff---\r\ntitle: Written on Windows\r\ndate: 2020-01-01\r\ntemplate: post\r\n"
    source += "slug: /posts/windows\r\ncategory: OS\r\n---\r\n\r\nBody line.\r\n"
    result = build_site({"posts/win.md": source.encode("utf-8")})
    assert result.returncode == 0, result.output
    html = result.html("posts/windows/index.html")
    assert [h.get_text() for h in html.find_all("h1")] == ["Written on Windows"]
    assert "template:" not in html.get_text()


def test_timezone_and_date_format_options(build_site):
    files = {"posts/p.md": post(title="P", date='"2019-06-24 09:06:04"')}
    options = plugins(timezone="Europe/Berlin", date_format="%Y-%m-%d")
    result = build_site(files, {"plugins": options})
    assert result.returncode == 0, result.output
    time = result.html("posts/p/index.html").select_one(".perceptual-meta time")
    assert time["datetime"] == "2019-06-24T09:06:04+02:00"
    assert time.get_text() == "Published 2019-06-24"


def test_two_builds_give_identical_output(build_site):
    first = build_site(BLOG).outputs()
    second = build_site(BLOG).outputs()
    assert first == second


def test_dirty_build_keeps_the_feed_and_index_whole(build_site, tmp_path):
    """`mkdocs build --dirty` renders only the changed post; the feed and the listings still
    hold every post's body and excerpt, as a clean build's do."""
    files = {
        f"posts/p{i}.md": post(title=f"P{i}", date=f"2020-01-{i + 10}", body=f"Body of {i}.")
        for i in range(4)
    }
    files["index.md"] = "# Home\n"
    assert build_site(files).returncode == 0
    changed = tmp_path / "docs" / "posts" / "p1.md"
    changed.write_text(changed.read_text().replace("Body of 1.", "Body of 1, edited."))
    later = time.time() + 5
    os.utime(changed, (later, later))
    dirty = mkdocs(tmp_path, "build", "--dirty")
    assert dirty.returncode == 0, dirty.stderr

    clean_root = tmp_path / "clean"
    shutil.copytree(tmp_path / "docs", clean_root / "docs")
    shutil.copy(tmp_path / "mkdocs.yml", clean_root / "mkdocs.yml")
    clean = mkdocs(clean_root, "build")
    assert clean.returncode == 0, clean.stderr
    site, clean_site = tmp_path / "site", clean_root / "site"
    assert (site / "rss.xml").read_text() == (clean_site / "rss.xml").read_text()

    def listing(root):
        # The listing itself: the navigation's titles of pages a dirty build did not read
        # are MkDocs' own (the edit-loop issue).
        page = BeautifulSoup((root / "blog/index.html").read_text(), "html.parser")
        return [str(entry) for entry in page.select("article.perceptual-entry")]

    assert len(listing(site)) == 4
    assert listing(site) == listing(clean_site)
    feed = feedparser.parse((tmp_path / "site" / "rss.xml").read_bytes())
    assert [e.content[0].value.strip() for e in feed.entries] == [
        f"<p>Body of {i}{', edited' if i == 1 else ''}.</p>" for i in (3, 2, 1, 0)
    ]
