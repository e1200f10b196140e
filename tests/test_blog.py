"""Listings, category and tag pages, the feed, social metadata, static files and links:
real builds, on Material and the mkdocs theme, both URL styles, under a sub-path."""

from __future__ import annotations

import gzip
import html

import feedparser
import pytest
from conftest import SEED, broken_links, plugins, post

SUB = "https://example.org/blog/"


def blog_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "posts/seed.md": SEED.read_text(encoding="utf-8"),
        "posts/ml.md": post(
            title="ML & AI <notes>",
            date="2020-05-01",
            category='"Machine Learning & AI"',
            tags='["word2vec", "Привет мир"]',
            slug="/posts/ml",
            description='"Vectors \\"quoted\\" & more"',
            socialImage="/media/card.png",
        ),
        "posts/2018-01-01---No-Slug.md": post(
            title="Old one", date="2018-01-01", category="Deep Learning"
        ),
        "posts/uncategorized.md": post(title="Loose", date="2017-01-01", slug="/posts/loose"),
        "posts/draft.md": post(
            title="Hidden",
            date="2021-01-01",
            draft="true",
            category="DraftOnly",
            tags="[draft-tag]",
            slug="/posts/hidden",
        ),
        "pages/about.md": "---\ntitle: About\ntemplate: page\nslug: /pages/about\n---\nSee [the ML post](/posts/ml).\n",
    }
    return files


def with_static(tmp_path, files):
    static = tmp_path / "static" / "media"
    static.mkdir(parents=True, exist_ok=True)
    (static / "image-3.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (static / "card.png").write_bytes(b"\x89PNG fake")
    return files


def site_path(url: str, directory_urls: bool) -> str:
    url = url.strip("/")
    if not url:
        return "index.html"
    return f"{url}/index.html" if directory_urls else f"{url}.html"


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "flat-urls"])
def test_blog_under_a_sub_path(build_site, tmp_path, theme, directory_urls):
    files = with_static(tmp_path, blog_files())
    config = {
        "theme": theme,
        "use_directory_urls": directory_urls,
        "site_url": SUB,
        "plugins": plugins(blog_index=None, posts_per_page=2, static_dir="static"),
    }
    result = build_site(files, config)
    assert result.returncode == 0, result.output
    site = result.site

    # Every link on every page leads to a file, served under /blog/.
    assert broken_links(site, "/blog/") == []

    # The blog index at the root, paged from zero as Lumen did: /, /page/1.
    index = result.html("index.html")
    titles = [h.get_text() for h in index.select("article.perceptual-entry h2")]
    assert titles == ["ML & AI <notes>", "Perceptual Learning - Deep Learning for Text & Sequences"]
    second = result.html("page/1/index.html")
    assert [h.get_text() for h in second.select("article.perceptual-entry h2")] == [
        "Old one",
        "Loose",
    ]
    assert not (site / "page/2").exists()
    # A post without a description is listed with the first words of its own text: not its
    # header (date, category, reading time) and not its tags.
    summaries = [
        entry.select("p")[1].get_text() for entry in second.select("article.perceptual-entry")
    ]
    assert summaries == ["Body.", "Body."]
    entry = index.select_one("article.perceptual-entry")
    assert entry.select_one("p:not(.perceptual-meta)").get_text() == 'Vectors "quoted" & more'
    assert (
        entry.select_one(".perceptual-meta").get_text(" ", strip=True).startswith("01 May 2020 ·")
    )

    # Category and tag pages at Lumen's kebab-case URLs, and the lists of both.
    for path in [
        "category/machine-learning-ai",
        "category/deep-learning",
        "tag/word-2-vec",
        "tag/привет-мир",
    ]:
        assert (site / path / "index.html").is_file(), path
    counts = {
        li.a.get_text(): li.get_text()
        for li in result.html("categories/index.html").select(".perceptual-groups li")
    }
    assert counts == {
        "Deep Learning": "Deep Learning (2)",
        "Machine Learning & AI": "Machine Learning & AI (1)",
    }
    assert {
        a.get_text() for a in result.html("tags/index.html").select(".perceptual-groups a")
    } == {"word2vec", "Привет мир"}
    # A category or tag only drafts use gets no page.
    assert not (site / "category/draft-only").exists()
    assert not (site / "tag/draft-tag").exists()

    # The post: header with category link and reading time, footer with tag links.
    ml = result.html(site_path("posts/ml", directory_urls))
    assert (
        ml.select_one(".perceptual-meta a.perceptual-category").get_text()
        == "Machine Learning & AI"
    )
    assert "min read" in ml.select_one(".perceptual-meta").get_text()
    assert [a.get_text() for a in ml.select(".perceptual-tags a")] == ["word2vec", "Привет мир"]

    # Root-absolute links in Markdown are relative now: they work under /blog/.
    about = result.html(site_path("pages/about", directory_urls))
    assert not about.select('a[href^="/"]')
    seed = result.html(site_path("posts/perceptual-learning-text-sequences", directory_urls))
    assert seed.find("img")["src"].endswith("media/image-3.jpg")
    assert not seed.find("img")["src"].startswith("/")

    # Static files at the site root; no service worker unless asked.
    assert (site / "media/card.png").read_bytes() == b"\x89PNG fake"
    assert not (site / "sw.js").exists()


def test_feed(build_site, tmp_path):
    files = with_static(tmp_path, blog_files())
    config = {"site_url": SUB, "plugins": plugins(static_dir="static", blog_index="posts-list/")}
    result = build_site(files, config)
    assert result.returncode == 0, result.output
    raw = (result.site / "rss.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Test blog"
    assert parsed.feed.link == SUB
    guids = [entry.id for entry in parsed.entries]
    # site_url without its slash, then the slug exactly as written, as Lumen formed them.
    assert guids == [
        "https://example.org/blog/posts/ml",
        "https://example.org/blog/posts/perceptual-learning-text-sequences",
        "https://example.org/blog/posts/2018-01-01---No-Slug/",
        "https://example.org/blog/posts/loose",
    ]
    assert b'<guid isPermaLink="false">https://example.org/blog/posts/ml</guid>' in raw
    # The links are the pages' own URLs, each a page of the site.
    assert [e.link for e in parsed.entries] == [
        "https://example.org/blog/posts/ml/",
        "https://example.org/blog/posts/perceptual-learning-text-sequences/",
        "https://example.org/blog/posts/2018-01-01---No-Slug/",
        "https://example.org/blog/posts/loose/",
    ]
    for entry in parsed.entries:
        assert (result.site / entry.link.removeprefix(SUB) / "index.html").is_file()
    ml = parsed.entries[0]
    assert ml.title == "ML & AI <notes>"
    assert html.unescape(ml.summary) == 'Vectors "quoted" & more'
    assert ml.tags[0].term == "Machine Learning & AI"
    assert ml.published_parsed[:3] == (2020, 5, 1)
    seed_html = parsed.entries[1].content[0].value
    assert 'src="https://example.org/blog/media/image-3.jpg"' in seed_html
    assert "<math" in seed_html
    assert b"Hidden" not in raw
    # Every page links the feed.
    link = result.html("pages/about/index.html").find("link", type="application/rss+xml")
    assert link["href"] == "../../rss.xml"


def test_feed_options_and_no_site_url(build_site):
    files = {f"posts/p{i}.md": post(title=f"P{i}", date=f"2020-01-0{i}") for i in range(1, 6)}
    result = build_site(files, {"plugins": plugins(feed_path="feeds/all.xml", feed_limit=2)})
    assert result.returncode == 0, result.output
    parsed = feedparser.parse((result.site / "feeds/all.xml").read_bytes())
    assert [e.title for e in parsed.entries] == ["P5", "P4"]
    assert not (result.site / "rss.xml").exists()

    no_url = build_site(files, {"site_url": None}, strict=False)
    assert no_url.returncode == 0, no_url.output
    assert "no RSS feed is published: set site_url" in no_url.output
    assert not (no_url.site / "rss.xml").exists()
    assert build_site(files, {"site_url": None}).returncode != 0  # a warning: --strict fails


def test_social_metadata_and_sitemap(build_site, tmp_path):
    files = with_static(tmp_path, blog_files())
    result = build_site(files, {"site_url": SUB, "plugins": plugins(static_dir="static")})
    assert result.returncode == 0, result.output
    html = result.html("posts/ml/index.html")

    def meta(key: str) -> list[str]:
        return [m["content"] for m in html.find_all("meta", attrs={"property": key})] + [
            m["content"] for m in html.find_all("meta", attrs={"name": key})
        ]

    assert meta("og:title") == ["ML & AI <notes>"]
    assert meta("og:description") == ['Vectors "quoted" & more']
    assert meta("og:type") == ["article"]
    assert meta("og:url") == ["https://example.org/blog/posts/ml/"]
    assert meta("og:image") == ["https://example.org/blog/media/card.png"]
    assert meta("twitter:card") == ["summary_large_image"]
    assert meta("twitter:image") == ["https://example.org/blog/media/card.png"]
    assert meta("twitter:title") == ["ML & AI <notes>"]
    assert meta("og:site_name") == ["Test blog"]
    assert [c["href"] for c in html.find_all("link", rel="canonical")] == [
        "https://example.org/blog/posts/ml/"
    ]
    raw = (result.site / "posts/ml/index.html").read_text()
    assert "<notes>" not in raw.split("</head>")[0]

    seed = result.html("posts/perceptual-learning-text-sequences/index.html")
    assert seed.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"

    sitemap = gzip.decompress((result.site / "sitemap.xml.gz").read_bytes()).decode()
    entry = sitemap.split("https://example.org/blog/posts/ml/</loc>")[1].split("</url>")[0]
    assert "<lastmod>2020-05-01</lastmod>" in entry


def test_blog_index_needs_a_place_when_the_site_has_a_home_page(build_site):
    files = {"index.md": "# My home\n", "posts/a.md": post(title="A")}
    result = build_site(files, {"plugins": ["search", "perceptual"]}, strict=False)
    assert result.returncode == 0, result.output
    assert "docs_dir has its own index.md, so the blog index" in result.output
    assert "blog_index: blog/" in result.output
    assert "My home" in result.html("index.html").get_text()
    strict = build_site(files, {"plugins": ["search", "perceptual"]})
    assert strict.returncode != 0

    placed = build_site(files, {"plugins": plugins(blog_index="/writing/")})
    assert placed.returncode == 0, placed.output
    assert (
        placed.html("writing/index.html").select_one("article.perceptual-entry h2").get_text()
        == "A"
    )


def test_nav_links_category_pages_and_keeps_sections_small(build_site):
    files = {
        f"posts/p{i}.md": post(title=f"P{i}", date=f"2020-01-{i + 10}", category="Big")
        for i in range(6)
    }
    result = build_site(files, {"theme": "mkdocs", "plugins": plugins(nav_posts_per_category=3)})
    assert result.returncode == 0, result.output
    from navtree import nav_tree, titles

    nav = titles(nav_tree(result.html("blog/index.html")))
    assert ("Big", ["Big", "P5", "P4", "P3"]) in nav
    assert "not included in the" not in result.output
    assert len(result.html("category/big/index.html").select("article.perceptual-entry")) == 6


def test_names_with_one_kebab_share_one_page_as_in_lumen(build_site):
    """Real Lumen blogs have "Machine Learning" beside "MachineLearning", "VIM" beside "Vim":
    Lumen published both on one page. The page takes the spelling most posts use."""
    files = {
        "posts/a.md": post(title="A", date="2020-01-01", category='"Machine Learning"'),
        "posts/b.md": post(title="B", date="2020-01-02", category='"Machine Learning"'),
        "posts/c.md": post(
            title="C", date="2020-01-03", category="MachineLearning", tags="[VIM, Vim, vim, VIM]"
        ),
        "posts/d.md": post(title="D", date="2020-01-04", tags='[BigData, "Big Data", Vim]'),
    }
    result = build_site(files)
    assert result.returncode == 0, result.output
    assert (
        "category names 'Machine Learning', 'MachineLearning' share the page "
        "'category/machine-learning/' (as in Lumen), named 'Machine Learning'" in result.output
    )
    assert "tag names 'Vim', 'VIM', 'vim' share the page 'tag/vim/'" in result.output
    page = result.html("category/machine-learning/index.html")
    assert page.h1.get_text() == "Machine Learning"
    assert [h.get_text() for h in page.select(".perceptual-entry h2")] == ["C", "B", "A"]
    vim = result.html("tag/vim/index.html")
    assert [h.get_text() for h in vim.select(".perceptual-entry h2")] == ["D", "C"]
    big = result.html("tag/big-data/index.html")
    assert [h.get_text() for h in big.select(".perceptual-entry h2")] == ["D"]
    groups = [li.get_text() for li in result.html("categories/index.html").select("li")]
    assert "Machine Learning (3)" in groups
    assert not any("MachineLearning" in g for g in groups)
    # The post's own spelling links to the shared page.
    c = result.html("posts/c/index.html")
    assert c.select_one("a.perceptual-category")["href"] == "../../category/machine-learning/"


def test_a_name_without_letters_or_digits_is_an_error(build_site):
    result = build_site({"posts/a.md": post(category='"++"')})
    assert result.returncode != 0
    assert "category '++' (in posts/a.md) has no letter or digit" in result.output
    assert "Traceback" not in result.output


def test_link_to_nothing_is_a_warning(build_site):
    files = {"posts/a.md": post(body="See [this](/posts/missing) and ![x](/media/nope.png).")}
    result = build_site(files)
    assert result.returncode != 0
    assert "posts/a.md: the link '/posts/missing' points at nothing in the site" in result.output
    assert "posts/a.md: the link '/media/nope.png' points at nothing in the site" in result.output


def test_generated_page_on_a_users_file_is_an_error(build_site):
    files = {"posts/a.md": post(category="X"), "category/x/index.md": "# Mine\n"}
    result = build_site(files)
    assert result.returncode != 0
    assert (
        "category/x/index.md in docs_dir is where the plugin puts the category page 'X'"
        in result.output
    )


def test_service_worker(build_site):
    result = build_site(
        {"posts/a.md": post()}, {"plugins": plugins(unregister_service_worker=True)}
    )
    assert result.returncode == 0, result.output
    sw = (result.site / "sw.js").read_text()
    assert "registration" in sw
    assert "unregister()" in sw


def test_listing_excerpt_of_a_post_without_description(build_site):
    words = " ".join(f"word{i}" for i in range(80))
    body = f"## First part\n\nSome *emphasis* and `code` then {words}.\n"
    files = {
        "index.md": "# Home\n",
        "posts/long.md": post(title="Long post", date="2020-02-02", category="C", body=body),
    }
    result = build_site(files)
    assert result.returncode == 0, result.output
    (entry,) = result.html("blog/index.html").select("article.perceptual-entry")
    summary = entry.select("p")[1].get_text()
    # The post's own first words, as plain text, cut at a word within 200 characters; its
    # paragraphs, without the heading that ran into them before.
    assert summary.startswith("Some emphasis and code then word0 word1")
    assert "First part" not in summary
    assert summary.endswith("\u2026")
    assert len(summary) <= 201
    assert summary[:-1].split()[-1].startswith("word")
    for header_text in ("min read", "Published", "2020"):
        assert header_text not in summary


def test_post_url_format_for_posts_without_a_slug(build_site):
    """A blog whose gatsby-node code built `/yyyy/MM/<kebab title>` for posts without a slug:
    those posts and their feed guids follow post_url_format; posts with a slug and pages keep
    Lumen's URLs."""
    result = build_site(
        {
            "posts/2019-06-24---any-name.md": post(
                title="Hello World", date='"2019-06-24 09:06:04"', category="Notes"
            ),
            "posts/with-slug.md": post(title="Slugged", slug="/posts/kept"),
            "pages/about.md": "---\ntitle: About\ntemplate: page\n---\n\nMe.\n",
        },
        {"plugins": [{"perceptual": {"post_url_format": "/{year}/{month}/{title}/"}}]},
    )
    assert result.returncode == 0, result.output
    assert (result.site / "2019/06/hello-world/index.html").is_file()
    assert (result.site / "posts/kept/index.html").is_file()
    assert (result.site / "pages/about/index.html").is_file()
    guids = {
        e.title: e.id for e in feedparser.parse((result.site / "rss.xml").read_bytes()).entries
    }
    assert guids["Hello World"] == "https://example.org/2019/06/hello-world/"
    assert guids["Slugged"] == "https://example.org/posts/kept"


@pytest.mark.parametrize(
    ("url_format", "message"),
    [
        ("{year}/{title}", "expected a path such as '/{year}/{month}/{title}/'"),
        ("/{year}/{slug}", "unknown placeholder {slug}"),
        ("/{title", "expected a path"),
        ("/../{title}", "expected a path"),
        (42, "expected a path"),
    ],
)
def test_post_url_format_is_validated(build_site, url_format, message):
    result = build_site(
        {"posts/a.md": post()}, {"plugins": [{"perceptual": {"post_url_format": url_format}}]}
    )
    assert result.returncode == 1
    assert "post_url_format" in result.output
    assert message in result.output
