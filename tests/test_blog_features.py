"""The reader features of issue 26 in real builds, on Material and MkDocs' own theme: related
posts, the archive, the latest-posts block, comments behind a button, and cover images."""

from __future__ import annotations

import datetime
import html
import json
import re

import feedparser
import pytest
from conftest import broken_links, build_in_process, image_bytes, plugins, serve_build, write_site
from test_build import post

# One worker runs the module: its blogs are built once, by module-scoped fixtures.
pytestmark = pytest.mark.xdist_group("blog-features")

THEMES = ["material", "mkdocs"]

JPEG = image_bytes(1600, 900, "JPEG", quality=80)
BLOG = {
    "index.md": "# Home\n\nThe latest:\n\n/// latest-posts\n    count: 2\n///\n",
    "about.md": "# About\n\n/// latest-posts\n    category: Tooling\n///\n",
    "posts/a/index.md": post(
        title="Alpha",
        date="2021-03-01",
        category='"Deep Learning"',
        tags='["cnn", "nlp"]',
        slug="/posts/alpha",
        socialImage="./cover.jpg",
        body="Alpha text.",
    ),
    "posts/a/cover.jpg": JPEG,
    "posts/b/index.md": post(
        title="Beta",
        date="2021-02-01",
        category='"Deep Learning"',
        tags='["cnn", "nlp"]',
        slug="/posts/beta",
        body="Beta text.\n\n![A chart](./chart.jpg)",
    ),
    "posts/b/chart.jpg": image_bytes(1200, 800, "JPEG", seed=2, quality=80),
    "posts/c.md": post(
        title="Gamma", date="2020-12-01", category='"Deep Learning"', tags='["cnn"]'
    ),
    "posts/d.md": post(title="Delta", date="2020-06-01", category="Tooling"),
    "posts/e.md": post(title="Epsilon", date="2020-06-15", category="Tooling", comments="false"),
    "posts/lonely.md": post(title="Lonely", date="2019-01-01", category="Solo"),
    "posts/draft.md": post(
        title="DRAFTMARKER",
        date="2021-04-01",
        category='"Deep Learning"',
        tags='["cnn", "nlp"]',
        draft="true",
    ),
    "pages/about-me.md": "---\ntitle: Me\ntemplate: page\n---\n\nMe.\n",
}
# The responsive copies, where a test is not about images: Pillow's encoding is most of a
# small build's time.
NO_COPIES = {"enabled": False}
DISQUS = {"comments": "disqus", "disqus_shortname": "my-blog", "cover_images": True}


@pytest.fixture(scope="module", params=THEMES)
def built(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    write_site(
        root,
        BLOG,
        {"theme": request.param, "site_url": "https://example.org/", "plugins": plugins(**DISQUS)},
    )
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    return result


def test_no_broken_link_and_no_draft(built):
    assert broken_links(built.site) == []
    for path, data in built.outputs().items():
        assert b"DRAFTMARKER" not in data, path


# -- related posts ----------------------------------------------------------------------------


def related(built, page: str) -> list[str]:
    block = built.html(page).find(class_="perceptual-related")
    return [a.get_text() for a in block.find_all("a")] if block else []


def test_related_posts_share_tags_and_category(built):
    assert related(built, "posts/alpha/index.html") == ["Beta", "Gamma"]
    assert related(built, "posts/c/index.html") == ["Beta", "Alpha"]
    # Only the category shared: the nearest in date.
    assert related(built, "posts/d/index.html") == ["Epsilon"]
    # Nothing shared: no block at all; and none on a Lumen page.
    assert built.html("posts/lonely/index.html").find(class_="perceptual-related") is None
    assert built.html("pages/about-me/index.html").find(class_="perceptual-related") is None


def test_related_posts_link_their_posts_and_stay_out_of_search(built):
    block = built.html("posts/alpha/index.html").find(class_="perceptual-related")
    assert [a["href"] for a in block.find_all("a")] == ["../beta/", "../c/"]
    # Each date is the day it shows (the post's own page gives the time).
    for time in block.find_all("time"):
        day = datetime.date.fromisoformat(time["datetime"])
        assert (time["datetime"], day.strftime("%d %b %Y")) == (day.isoformat(), time.get_text())
    assert block.find_parent(attrs={"data-search-exclude": True}) is not None
    index = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("posts/alpha/"))
    assert "Alpha text" in text
    assert "Gamma" not in text
    assert "Related posts" not in text
    # No section of the index for the related posts' heading: Material's search starts one at
    # a heading with an id, left out or not, and it was a second result, titled as the post.
    locations = [d["location"] for d in index["docs"] if d["location"].startswith("posts/alpha/")]
    assert locations == ["posts/alpha/"]


def test_search_previews_begin_with_the_posts_own_words(built):
    index = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    (entry,) = [d for d in index["docs"] if d["location"] == "posts/beta/"]
    if "theme: material" not in (built.root / "mkdocs.yml").read_text(encoding="utf-8"):
        # MkDocs' own search knows no data-search-exclude, and has no tags of its own: the
        # header stays, so that a post is found by its tags.
        assert "nlp" in entry["text"]
        return
    # Not "Published 01 Feb 2021 · Deep Learning · 1 min read" and a list of the tags first.
    assert entry["text"].startswith("<p>Beta text.")
    assert "Published" not in entry["text"]
    assert "min read" not in entry["text"]
    assert "nlp" not in entry["text"]
    assert entry["tags"] == ["cnn", "nlp"]  # the tags are the index's own field


def test_related_posts_option(build_site):
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/")}
    result = build_site(files, {"plugins": plugins(images=NO_COPIES, related_posts=1)})
    assert result.returncode == 0, result.output
    assert related(result, "posts/alpha/index.html") == ["Beta"]
    result = build_site(files, {"plugins": plugins(images=NO_COPIES, related_posts=0)})
    assert result.html("posts/alpha/index.html").find(class_="perceptual-related") is None
    for bad in (-1, "3", True):
        result = build_site(files, {"plugins": plugins(images=NO_COPIES, related_posts=bad)})
        assert result.returncode != 0
        assert "related_posts" in result.output


# -- the archive ------------------------------------------------------------------------------


def test_archive_lists_every_post_by_year_and_month(built):
    soup = built.html("archive/index.html")
    main = soup.find(class_="perceptual-archive-year").parent
    years = [h.get_text() for h in main.find_all("h2")]
    months = [h.get_text() for h in main.find_all("h3")]
    assert years == ["2021", "2020", "2019"]
    assert months == [
        "March 2021",
        "February 2021",
        "December 2020",
        "June 2020",
        "January 2019",
    ]
    titles = [a.get_text() for a in main.select("ul.perceptual-archive a")]
    assert titles == ["Alpha", "Beta", "Gamma", "Epsilon", "Delta", "Lonely"]
    nav = [a.get_text(strip=True) for a in soup.select(".navbar-nav a, .md-nav a")]
    assert "Archive" in nav


def test_archive_option(build_site):
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/")}
    result = build_site(files, {"plugins": plugins(images=NO_COPIES, archive="notes/all/")})
    assert result.returncode == 0, result.output
    assert (result.site / "notes/all/index.html").is_file()
    assert not (result.site / "archive").exists()
    result = build_site(files, {"plugins": plugins(images=NO_COPIES, archive=False)})
    assert result.returncode == 0, result.output
    assert not (result.site / "archive").exists()
    assert "Archive" not in result.html("blog/index.html").get_text()
    for bad, message in (("/", "the site's root"), ("../x/", "archive"), (3, "archive")):
        result = build_site(files, {"plugins": plugins(images=NO_COPIES, archive=bad)})
        assert result.returncode != 0
        assert message in result.output
    # The archive or the blog index on a category's page: an error naming both, never one
    # page silently written over the other.
    for options in ({"archive": "category/tooling/"}, {"blog_index": "category/tooling/"}):
        result = build_site(files, {"plugins": plugins(images=NO_COPIES, **options)})
        assert result.returncode != 0
        assert "would both be category/tooling/index.md" in result.output
        assert "Traceback" not in result.output
    # A page of the site where the archive goes: an error naming it.
    result = build_site(
        {**files, "archive/index.md": "# Mine\n"}, {"plugins": plugins(images=NO_COPIES)}
    )
    assert result.returncode != 0
    assert "archive/index.md" in result.output


# -- the latest-posts block -------------------------------------------------------------------


def entries(soup, where) -> list[str]:
    return [h.get_text(strip=True) for h in where.select(".perceptual-entry-title")]


def test_latest_posts_shows_the_blog_indexs_entries(built):
    home = built.html("index.html")
    block = home.find(class_="perceptual-latest")
    assert entries(home, block) == ["Alpha", "Beta"]
    blog = built.html("blog/index.html")
    # The same entries as the blog index, URLs relative to each page.
    first_here = block.find("article")
    first_there = blog.find("article", class_="perceptual-entry")
    assert first_here.get_text(" ", strip=True) == first_there.get_text(" ", strip=True)
    assert block.has_attr("data-search-exclude")
    about = built.html("about/index.html").find(class_="perceptual-latest")
    assert entries(None, about) == ["Epsilon", "Delta"]


BAD_BLOCKS = [
    ("/// latest-posts\n    cout: 3\n///", "unknown option 'cout'; the options are: count"),
    ("/// latest-posts\n    count: 0\n///", "count: expected a whole number of at least 1"),
    ("/// latest-posts\n    category: Nope\n///", "no published post has the category 'Nope'"),
    ("/// latest-posts\n    tag: DRAFTMARKER-tag\n///", "no published post has the tag"),
    ("/// latest-posts | x\n///", "takes no argument"),
    ("/// latest-posts\n    count: [\n///", "block is shown as text: write nothing after"),
    ("/// latest-posts 3\n///", "block is shown as text: write nothing after"),
    ("/// latest-posts\n    count: 2\n\nText.\n///", "holds text of its own"),
]


def test_a_bad_block_is_a_warning_naming_the_page(build_site):
    """Each bad block on a page of its own, all in one build: each a warning naming its page
    and what is wrong (so --strict fails), no traceback, no draft shown."""
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/")}
    for i, (block, _) in enumerate(BAD_BLOCKS):
        files[f"notes/page-{i}.md"] = f"# Notes\n\n{block}\n"
    # No responsive copies: this test is about the blocks.
    options = plugins(images={"enabled": False})
    result = build_site(files, {"plugins": options}, strict=False)
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    for i, (_, message) in enumerate(BAD_BLOCKS):
        assert any(f"notes/page-{i}.md" in w and message in w for w in warnings), message
        page = (result.site / f"notes/page-{i}/index.html").read_text("utf-8")
        assert "DRAFTMARKER" not in page
    assert build_site(files, {"plugins": options}).returncode != 0  # strict


def test_latest_posts_follow_an_edit_in_dirty_builds_and_serve(tmp_path):
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/") or k == "index.md"}
    write_site(tmp_path, files, {"plugins": plugins(images=NO_COPIES)})
    assert build_in_process(tmp_path, strict=False, dirty=True).returncode == 0
    (tmp_path / "docs/posts/zeta.md").write_text(post(title="Zeta", date="2022-01-01"))
    assert build_in_process(tmp_path, strict=False, dirty=True).returncode == 0
    home = (tmp_path / "site/index.html").read_text("utf-8")
    assert re.search(r"Zeta.*Alpha", home, re.DOTALL)
    # mkdocs serve: the instance kept across rebuilds sees the title change.
    kept: dict[str, object] = {}
    serve_build(tmp_path, kept, start=True)
    (tmp_path / "docs/posts/zeta.md").write_text(post(title="Zeta renamed", date="2022-01-01"))
    serve_build(tmp_path, kept, start=False)
    assert "Zeta renamed" in (tmp_path / "site/index.html").read_text("utf-8")


# -- comments ---------------------------------------------------------------------------------


def test_disqus_waits_for_the_reader(built):
    soup = built.html("posts/alpha/index.html")
    section = soup.find(class_="perceptual-comments")
    assert section["data-perceptual-comments"] == "disqus"
    assert section["data-identifier"] == "Alpha"
    assert section["data-url"] == "https://example.org/posts/alpha"
    assert section.find("button").get_text() == "Show comments"
    assert section.has_attr("data-search-exclude")
    # Nothing from Disqus on the page: only the plugin's own script, which waits for the click.
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert not [s for s in scripts if "disqus" in s]
    assert any(s.endswith("perceptual/comments.js") for s in scripts)
    # `comments: false` in front matter; a Lumen page has none either.
    assert built.html("posts/e/index.html").find(class_="perceptual-comments") is None
    assert built.html("pages/about-me/index.html").find(class_="perceptual-comments") is None


def test_giscus_and_drafts_in_serve(tmp_path):
    giscus = {
        "repo": "alice/blog",
        "repo_id": "R_1",
        "category": "Comments",
        "category_id": "DIC_1",
        "theme": "dark",
    }
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/")}
    write_site(
        tmp_path, files, {"plugins": plugins(images=NO_COPIES, comments="giscus", giscus=giscus)}
    )
    kept: dict[str, object] = {}
    serve_build(tmp_path, kept, start=True)
    soup = (tmp_path / "site/posts/alpha/index.html").read_text("utf-8")
    assert 'data-repo="alice/blog"' in soup
    assert 'data-mapping="pathname"' in soup
    assert 'data-theme="dark"' in soup
    assert "giscus.app" not in soup  # the client script comes with the click
    # A draft shown by mkdocs serve never loads comments.
    draft = (tmp_path / "site/posts/draft/index.html").read_text("utf-8")
    assert "DRAFTMARKER" in draft
    assert "perceptual-comments" not in draft


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"comments": "disqus"}, "comments: disqus needs your Disqus shortname"),
        ({"comments": "disqus", "disqus_shortname": "x.com/evil"}, "disqus_shortname"),
        ({"comments": "giscus", "giscus": {"repo": "a/b"}}, "repo_id, category, category_id"),
        ({"comments": "giscus", "giscus": {"repo": "not a repo"}}, "owner/name"),
        ({"comments": "facebook"}, "comments"),
        ({"giscus": {"theme": 'x" onload="alert(1)'}}, "theme"),
        ({"giscus": {"category": "a\x00b"}}, "category"),
        ({"giscus": {"colour": "red"}}, "colour"),
    ],
)
def test_bad_comment_settings_are_errors(build_site, options, message):
    result = build_site({"posts/a.md": post()}, {"plugins": plugins(**options)})
    assert result.returncode != 0
    assert message in result.output


# -- cover images -----------------------------------------------------------------------------


def test_cover_above_the_post_and_beside_its_entries(built):
    soup = built.html("posts/alpha/index.html")
    # Once, after the date and the tags, before the body.
    assert len(soup.select("figure.perceptual-cover")) == 1
    assert soup.select(".perceptual-meta figure, .perceptual-meta picture") == []
    cover = soup.find("figure", class_="perceptual-cover")
    assert cover.find_previous_sibling("ul", class_="perceptual-tags") is not None
    picture = cover.find("picture")
    img = picture.find("img")
    assert img["alt"] == ""
    assert (img["width"], img["height"]) == ("960", "540")
    assert "1600w" in img["srcset"] or "1440w" in img["srcset"]
    # Beta's cover is its first image, which its body shows already: not shown twice.
    assert built.html("posts/beta/index.html").find("figure", class_="perceptual-cover") is None
    blog = built.html("blog/index.html")
    thumbs = {
        a.find_parent("article").select_one(".perceptual-entry-title").get_text(strip=True): a
        for a in blog.select("a.perceptual-cover-thumb")
    }
    assert sorted(thumbs) == ["Alpha", "Beta"]
    assert thumbs["Alpha"].find("img")["sizes"] == "(max-width: 44.9375em) 100vw, 12rem"
    assert thumbs["Beta"].find("img")["alt"] == "A chart"


def test_a_cover_that_finds_no_file_is_a_warning(build_site):
    files = {"posts/x.md": post(title="X", socialImage="/media/nothing.jpg")}
    result = build_site(files, {"plugins": plugins(cover_images=True)})
    assert result.returncode != 0
    assert "posts/x.md: socialImage '/media/nothing.jpg' finds no file" in result.output
    # Off (the default): a link-preview image of a file not in the site is not checked.
    assert build_site(files, {"plugins": plugins()}).returncode == 0


def test_covers_are_off_by_default(build_site):
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/")}
    result = build_site(files, {"plugins": plugins(images=NO_COPIES)})
    assert result.returncode == 0, result.output
    assert result.html("posts/alpha/index.html").find(class_="perceptual-cover") is None
    assert result.html("blog/index.html").find(class_="perceptual-cover-thumb") is None


def test_a_block_in_a_post(build_site):
    files = {
        "posts/a.md": post(
            title="A",
            date="2020-01-01",
            body="Intro.\n\n/// latest-posts\n    count: 1\n///\n\nEnd.",
        ),
        "posts/b.md": post(title="B", date="2020-02-01"),
    }
    result = build_site(files, {"site_url": "https://example.org/"})
    assert result.returncode == 0, result.output
    block = result.html("posts/a/index.html").select_one("div.perceptual-latest")
    assert [h.get_text(strip=True) for h in block.select(".perceptual-entry-title")] == ["B"]
    # The feed carries the post's own words, not the site's list.
    feed = (result.site / "rss.xml").read_text("utf-8")
    assert "Intro." in feed
    assert "perceptual-latest" not in feed


def test_covers_without_responsive_copies(build_site):
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/") or k == "index.md"}
    result = build_site(files, {"plugins": plugins(cover_images=True, images={"enabled": False})})
    assert result.returncode == 0, result.output
    img = result.html("posts/alpha/index.html").select_one("figure.perceptual-cover img")
    # The original, with its own width and height, so nothing shifts as it loads.
    assert (img["src"], img["width"], img["height"]) == ("../a/cover.jpg", "1600", "900")
    thumb = result.html("blog/index.html").select_one(".perceptual-cover-thumb img")
    assert thumb["src"] == "../posts/a/cover.jpg"
    assert broken_links(result.site) == []


def test_a_placeholder_no_block_wrote_is_left_alone(build_site):
    """The page's own raw HTML may hold a <div> that looks like a block's placeholder: its
    options are checked again (a warning naming the page, never a traceback), one that is not
    the block's is left as it is, and every real block still gets its own entries."""
    files = {k: v for k, v in BLOG.items() if k.startswith("posts/")}
    forged = [
        '{"options": {"count": "3"}, "problems": []}',
        '{"options": {"category": ["a"]}, "problems": []}',
        '{"options": 5}',
        '{"options": {"count": -1}, "problems": "abc"}',
        "not json",
        "[1]",
    ]
    divs = "\n\n".join(
        f'<div class="perceptual-latest" data-perceptual-latest="{html.escape(f)}"></div>'
        for f in forged
    )
    files["notes/page.md"] = f"# Notes\n\n{divs}\n\n/// latest-posts\n    category: Tooling\n///\n"
    result = build_site(files, {"plugins": plugins(images=NO_COPIES)}, strict=False)
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    assert "notes/page.md: /// latest-posts: count: expected a whole number" in result.output
    assert "category: expected a category's name as text" in result.output
    assert "no /// latest-posts block wrote is left as it is" in result.output
    soup = result.html("notes/page/index.html")
    blocks = soup.select("div.perceptual-latest")
    filled = [b for b in blocks if b.select(".perceptual-entry-title")]
    # The real block (the last) shows Tooling's posts; the forged ones with readable options
    # show the blog's newest (their bad options left out), the others nothing.
    assert [h.get_text(strip=True) for h in filled[-1].select(".perceptual-entry-title")] == [
        "Epsilon",
        "Delta",
    ]
    assert "DRAFTMARKER" not in str(soup)


@pytest.mark.parametrize(
    ("image", "what"),
    [
        ("./", "a page of the site"),
        ('"/"', "a page of the site"),
        ("./notes.txt", "the file posts/x/notes.txt"),
    ],
)
def test_a_cover_that_is_no_image_is_a_warning(build_site, image, what):
    files = {
        "posts/x/index.md": post(title="X", slug="/posts/x", socialImage=image),
        "posts/x/notes.txt": "text",
    }
    for options in ({"cover_images": True}, {}):
        result = build_site(
            files, {"site_url": "https://example.org/", "plugins": plugins(**options)}
        )
        assert result.returncode != 0
        assert f"posts/x/index.md: socialImage {image.strip(chr(34))!r} is {what}" in result.output
        result = build_site(
            files,
            {"site_url": "https://example.org/", "plugins": plugins(**options)},
            strict=False,
        )
        rss = (result.site / "rss.xml").read_text("utf-8")
        assert "<enclosure" not in rss
        assert result.html("posts/x/index.html").find(class_="perceptual-cover") is None


def test_rss_links_lead_to_pages_without_directory_urls(build_site):
    files = {
        "posts/b.md": post(title="B", date="2021-01-01"),
        "posts/a.md": post(title="A", date="2021-02-01", slug="/posts/a"),
    }
    result = build_site(files, {"site_url": "https://example.org/", "use_directory_urls": False})
    assert result.returncode == 0, result.output
    entries = feedparser.parse((result.site / "rss.xml").read_bytes()).entries
    # Lumen's guids; links to the pages as published.
    assert [e.id for e in entries] == [
        "https://example.org/posts/a",
        "https://example.org/posts/b/",
    ]
    assert [e.link for e in entries] == [
        "https://example.org/posts/a.html",
        "https://example.org/posts/b.html",
    ]
    for entry in entries:
        assert (result.site / entry.link.removeprefix("https://example.org/")).is_file()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"plugins": plugins(atom_feed_path=".htaccess")}, "a name starting with '.' is hidden"),
        ({"plugins": plugins(json_feed_path=".well-known/feed.json")}, "starting with '.'"),
        ({"site_url": "https://example.org/#top"}, "no feed is published: site_url"),
        ({"site_url": "https://example.org/?x=1"}, "has a query"),
    ],
)
def test_feed_paths_and_addresses_feeds_cannot_use(build_site, settings, message):
    result = build_site({"posts/a.md": post()}, {"site_url": "https://example.org/", **settings})
    assert result.returncode != 0
    assert message in result.output


def test_giscus_text_is_escaped_where_it_is_written(build_site):
    giscus = {
        "repo": "a/b",
        "repo_id": "R_1",
        "category": 'Ideas\'n "stuff" <b>',
        "category_id": "DIC_1",
    }
    result = build_site(
        {"posts/a.md": post(title="A")}, {"plugins": plugins(comments="giscus", giscus=giscus)}
    )
    assert result.returncode == 0, result.output
    section = result.html("posts/a/index.html").select_one(".perceptual-comments")
    assert section["data-category"] == 'Ideas\'n "stuff" <b>'
    assert section.find("b") is None
