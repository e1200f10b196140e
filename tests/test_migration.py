"""A tree shaped like a Lumen repository publishes with only an mkdocs.yml beside it."""

from __future__ import annotations

import feedparser
import yaml
from conftest import SEED, broken_links, mkdocs, post

MKDOCS_YML = """\
site_name: My Lumen blog
site_url: https://user.github.io/blog/
docs_dir: content
plugins:
  - search
  - perceptual:
      static_dir: static
"""


def test_lumen_repository_publishes_unchanged(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "pages").mkdir()
    (tmp_path / "static" / "media").mkdir(parents=True)
    (content / "posts" / "2019-06-24---perceptual-learning.md").write_bytes(SEED.read_bytes())
    (content / "posts" / "2016-09-01---Humane-Typography.md").write_text(
        post(
            title="Humane Typography in the Digital Age",
            date='"2016-09-01T23:46:37.121Z"',
            slug='"/posts/humane-typography-in-the-digital-age/"',
            category='"Typography"',
            tags='["Design", "Typography", "Web Development"]',
            description='"An Essay on Typography by Eric Gill takes the reader back to the year 1930."',
            socialImage='"/media/image-2.jpg"',
            body="![Nulla faucibus](/media/image-2.jpg)\n\nSee [the CNN post](/posts/perceptual-learning-text-sequences).",
        ),
        encoding="utf-8",
    )
    (content / "pages" / "about.md").write_text(
        '---\ntitle: "About me"\ntemplate: "page"\nslug: "/pages/about"\n---\n\nHi.\n',
        encoding="utf-8",
    )
    (content / "pages" / "contacts.md").write_text(
        '---\ntitle: "Contact me"\ntemplate: "page"\nslug: "/pages/contacts"\n---\n\nMail me.\n',
        encoding="utf-8",
    )
    for name in ("image-2.jpg", "image-3.jpg"):
        (tmp_path / "static" / "media" / name).write_bytes(b"\xff\xd8\xff" + name.encode())
    (tmp_path / "static" / "favicon.png").write_bytes(b"\x89PNG")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}

    result = mkdocs(tmp_path, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for url in (
        "posts/perceptual-learning-text-sequences",
        "posts/humane-typography-in-the-digital-age",
        "pages/about",
        "pages/contacts",
        "category/deep-learning",
        "category/typography",
        "tag/web-development",
    ):
        assert (site / url / "index.html").is_file(), url
    assert (site / "index.html").is_file()  # the blog index is the home page
    assert (site / "media" / "image-2.jpg").read_bytes() == b"\xff\xd8\xffimage-2.jpg"
    assert (site / "favicon.png").is_file()
    assert broken_links(site, "/blog/") == []
    feed = feedparser.parse((site / "rss.xml").read_bytes())
    assert not feed.bozo
    assert [e.id for e in feed.entries] == [
        "https://user.github.io/blog/posts/perceptual-learning-text-sequences",
        "https://user.github.io/blog/posts/humane-typography-in-the-digital-age/",
    ]
    # Nothing in the Lumen tree was touched.
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    assert yaml.safe_load((tmp_path / "mkdocs.yml").read_text())["docs_dir"] == "content"
