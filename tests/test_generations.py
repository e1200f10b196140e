"""A Lumen repository with a post or page of every generation of the starter, published as
Gatsby published it: one `mkdocs.yml` beside `content/` and `static/`, nothing edited."""

from __future__ import annotations

import textwrap
from pathlib import Path

import feedparser
import pytest
import yaml
from conftest import SEED, broken_links, build_in_process, image_bytes

from mkdocs_perceptual.lumen.urls import lumen_path, slug_dest_uri

PNG = image_bytes(300, 200)


@pytest.mark.parametrize(
    ("src_uri", "slug", "path"),
    [
        # 2016-2017 (`path:`, read as the slug) and 2018-2019: a full path, as written.
        ("posts/2016-09-01---hello.md", "/posts/hello/", "/posts/hello/"),
        ("posts/x.md", "/posts/perceptual-learning", "/posts/perceptual-learning"),
        # December 2019 to 2022: relative to the file's folder under content/.
        ("posts/2020-05-01---x.md", "relative-post", "/posts/relative-post"),
        ("pages/about.md", "about-me", "/pages/about-me"),
        ("top.md", "top-level", "/top-level"),
        # 2022 onward: folder posts with a full path.
        ("posts/folder-post/index.md", "/posts/folder", "/posts/folder"),
        # No slug: the file's path.
        ("pages/contact.md", None, "/pages/contact/"),
        ("posts/folder-post/index.md", None, "/posts/folder-post/"),
    ],
)
@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "flat-urls"])
def test_each_generations_url(src_uri, slug, path, directory_urls):
    assert lumen_path(slug, src_uri) == path
    if slug is not None:
        dest = slug_dest_uri(path, directory_urls)
        stem = path.strip("/")
        assert dest == (f"{stem}/index.html" if directory_urls else f"{stem}.html")


def lumen_repository(root: Path) -> None:
    content = {
        # 2016-2017: layout and path.
        "posts/2016-09-01---hello.md": """\
            ---
            title: Hello, world
            date: "2016-09-01T23:46:37.121Z"
            layout: post
            path: "/posts/hello-world/"
            category: "Łódź"
            tags: ["Œuvre", "Mã độc"]
            description: "The first post."
            ---

            ## Setup ##\x20

            See https://example.org/start for more.
            """,
        # 2018-2019: the seed post, slug as written, /media/ image from static/.
        "posts/2019-06-24---perceptual-learning.md": SEED.read_text(encoding="utf-8"),
        # December 2019 to 2022: a relative slug.
        "posts/2020-05-01---relative.md": """\
            ---
            title: A relative slug
            date: 2020-05-01
            template: post
            slug: relative-post
            category: "Machine Learning"
            tags: ["VIM"]
            ---

            ## Spark → Graphite

            Text.
            """,
        "posts/2021-02-01---camel.md": """\
            ---
            title: Camel case category
            date: "2021-02-01 10:00:00"
            template: post
            slug: camel-case
            category: "MachineLearning"
            tags: ["Vim"]
            ---

            ## 4. React Component <App />

            Text.
            """,
        # 2022 onward: a folder post with its image beside it.
        "posts/folder-post/index.md": """\
            ---
            title: A folder post
            date: "2022-03-01T10:00:00+02:00"
            template: post
            slug: /posts/folder-post-slug
            category: Photos
            socialImage: "./image.png"
            ---

            ![Markdown image](./image.png)

            <img src="./image.png" alt="Raw HTML image">
            """,
        "posts/folder-post/image.png": PNG,
        "pages/about.md": "---\ntitle: About me\ntemplate: page\n---\n\nAbout.\n",
    }
    for name, text in content.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "static" / "media").mkdir(parents=True)
    (root / "static" / "media" / "image-3.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    settings = {
        "site_name": "Lumen blog",
        "site_url": "https://example.org/blog/",
        "site_description": "Lumen's subtitle",
        "docs_dir": "content",
        "theme": "material",
        "plugins": ["search", {"perceptual": {"static_dir": "static", "posts_per_page": 4}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")


def test_a_blog_of_every_generation_publishes_as_lumen_did(tmp_path):
    lumen_repository(tmp_path)
    result = build_in_process(tmp_path, strict=True)
    assert result.returncode == 0, result.output
    site = result.site
    for page in (
        "posts/hello-world/index.html",
        "posts/perceptual-learning-text-sequences/index.html",
        "posts/relative-post/index.html",
        "posts/camel-case/index.html",
        "posts/folder-post-slug/index.html",
        "pages/about/index.html",
        "category/lodz/index.html",
        "category/machine-learning/index.html",
        "tag/oeuvre/index.html",
        "tag/ma-dộc/index.html",
        "tag/vim/index.html",
        "media/image-3.jpg",
        "posts/folder-post/image.png",
    ):
        assert (site / page).is_file(), page
    assert broken_links(site, "/blog/") == []

    hello = result.html("posts/hello-world/index.html")
    assert hello.find("h2", id="setup").get_text(strip=True).startswith("Setup")
    assert hello.find("a", href="https://example.org/start") is not None
    relative = result.html("posts/relative-post/index.html")
    assert relative.find("h2", id="spark-→-graphite") is not None
    camel = result.html("posts/camel-case/index.html")
    assert camel.find("h2", id="4-react-component-app-") is not None

    folder = result.html("posts/folder-post-slug/index.html")
    # Each image beside the post is a picture of responsive copies, linked to the original.
    images = {
        img["alt"]: (img["src"].rsplit("/", 1)[-1], img.find_parent("a")["href"])
        for img in folder.select("article img, .md-content img")
    }
    assert images == {
        "Markdown image": ("image-300.png", "../folder-post/image.png"),
        "Raw HTML image": ("image-300.png", "../folder-post/image.png"),
    }
    og = folder.find("meta", property="og:image")["content"]
    assert og == "https://example.org/blog/posts/folder-post/image.png"

    feed = feedparser.parse((site / "rss.xml").read_bytes())
    assert feed.feed.subtitle == "Lumen's subtitle"
    assert sorted(entry.id for entry in feed.entries) == [
        "https://example.org/blog/posts/camel-case",
        "https://example.org/blog/posts/folder-post-slug",
        "https://example.org/blog/posts/hello-world/",
        "https://example.org/blog/posts/perceptual-learning-text-sequences",
        "https://example.org/blog/posts/relative-post",
    ]


def test_a_date_with_a_slip_publishes_with_a_warning(build_site):
    # The reader is tested in test_dates.py; here, the build and its message.
    result = build_site(
        {"posts/a.md": '---\ntitle: A\ndate: "2022-01-01T08:00.000+07:00"\ntemplate: post\n---\n'},
        strict=False,
    )
    assert result.returncode == 0, result.output
    assert (
        "posts/a.md: date '2022-01-01T08:00.000+07:00' has a fraction of a second but no "
        "seconds; read as :00 seconds" in result.output
    )
    assert (result.site / "posts/a/index.html").is_file()


def test_front_matter_after_blank_lines_is_left_out_as_lumen_left_it(build_site):
    # Bytes: build_site would strip the leading blank lines of text.
    hidden = b"\n\n---\ntitle: Hidden\ndate: 2020-01-01\ntemplate: post\n---\nSECRET body\n"
    result = build_site({"posts/hidden.md": hidden, "index.md": "# Home\n"}, strict=False)
    assert result.returncode == 0, result.output
    assert "posts/hidden.md: its front matter follows blank lines" in result.output
    assert not any(b"SECRET" in data for data in result.outputs().values())
    strict = build_site({"posts/hidden.md": hidden, "index.md": "# Home\n"})
    assert strict.returncode != 0
