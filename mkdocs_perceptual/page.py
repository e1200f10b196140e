"""A Lumen post's or page's own page: its template, the header and footer around its body,
its social metadata and head tags, and the text the listings and feed take from it."""

from __future__ import annotations

import dataclasses
import html
import re
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_perceptual.extensions import title_slug
from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.urls import site_path

log = get_plugin_logger(__name__)

POST_TEMPLATE = "post.html"
WORDS_PER_MINUTE = 200

_DESCRIPTION_RE = re.compile(r"""<meta\s+name=["']description["'][^>]*>""", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]+>")
# The permalink Python-Markdown's toc extension puts in every heading: not the post's text.
_HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def set_meta(page: Page, post: Post | None) -> None:
    """Lumen's `template: post|page` is not a Jinja template: posts get ours, pages the
    theme's. Title and description become Markup: themes print them unescaped (`<title>`, the
    navigation, the search index's HTML), so "Text & Sequences" reaches them escaped once."""
    if post is not None and post.is_post:
        page.meta["template"] = POST_TEMPLATE
        if post.date is not None:
            page.update_date = post.date.strftime("%Y-%m-%d")  # the sitemap's <lastmod>
    elif post is not None:
        page.meta.pop("template", None)
    title = post.title if post is not None else page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = Markup(html.escape(title, quote=True))
    if post is not None and post.description is not None:
        page.meta["description"] = Markup(html.escape(post.description, quote=True))


def text_of(body: str) -> str:
    """The words of rendered HTML, as plain text, without the headings' permalinks."""
    body = _HEADERLINK_RE.sub("", body)
    return " ".join(html.unescape(_TAG_RE.sub(" ", body)).split())


def excerpt(text: str, length: int = 200) -> str:
    """The first words of a post's text, for a listing when it has no description."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "\u2026"


@dataclasses.dataclass(frozen=True)
class Decorated:
    """A post's page content, and where its body lies in it (for the feed)."""

    content: str
    body_start: int
    body_end: int
    excerpt: str


def decorate(
    body: str,
    post: Post,
    env: Environment,
    *,
    date_format: str,
    category_url: str | None,
    tag_urls: list[tuple[str, str | None]],
) -> Decorated:
    """Title, date, category and reading time above the body; tags below; so that every
    theme shows them. The URLs are relative to the post's page."""
    text = text_of(body)
    title_id = title_slug(post.title)
    header = env.get_template("perceptual/header.html").render(
        post=post,
        with_title="<h1" not in body,  # the test Material uses for its own <h1>
        title_id=None if f'id="{title_id}"' in body else title_id,
        date_text=post.date.strftime(date_format) if post.date else None,
        category_url=category_url,
        minutes=max(1, round(len(text.split()) / WORDS_PER_MINUTE)) if post.is_post else None,
    )
    tags = [{"name": name, "url": url} for name, url in tag_urls if url is not None]
    footer = env.get_template("perceptual/footer.html").render(tags=tags) if post.is_post else ""
    content = header + body + footer
    return Decorated(content, len(header), len(header) + len(body), excerpt(text))


_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def social_image(post: Post, site_url: str) -> str | None:
    """The absolute URL of a post's `socialImage`: an http(s) URL as written, a site path
    ('/media/x.jpg', or './image.jpg' beside the post, as the 2022 starter wrote it) under
    site_url. Anything else (`javascript:`, `data:`, `file:`) is refused with a warning."""
    image = post.social_image
    if not image:
        return None
    if image.startswith(("https://", "http://")):
        return image
    if _SCHEME_RE.match(image) or image.startswith("//"):
        log.warning(
            f"{post.src_uri}: socialImage {image!r} is left out; expected an http(s) URL or a "
            "path in the site such as '/media/image.jpg' or './image.jpg'"
        )
        return None
    return urljoin(site_url, site_path(image, post.src_uri).lstrip("/")) if site_url else None


def social(post: Post, page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """Open Graph and Twitter card values for a post; absolute URLs need site_url."""
    image = social_image(post, config.site_url or "")
    return {
        "site_name": config.site_name,
        "title": post.title,
        "description": post.description,
        "url": page.canonical_url,
        "image": image,
        "card": "summary_large_image" if image else "summary",
    }


def with_head_tags(output: str, description: str | None, feed_href: str | None) -> str:
    """The page with exactly one `<meta name="description">` holding `description` (where
    given: some themes print only the site's), and a link to the feed (where there is one)."""
    end = output.find("</head>")
    if end < 0 or (description is None and feed_href is None):
        return output
    head, tags = output[:end], []
    if description is not None:
        head = _DESCRIPTION_RE.sub("", head)
        tags.append(f'<meta name="description" content="{html.escape(description, quote=True)}">')
    if feed_href is not None:
        tags.append(
            f'<link rel="alternate" type="application/rss+xml" href="{html.escape(feed_href)}">'
        )
    return head + "\n".join(tags) + "\n" + output[end:]
