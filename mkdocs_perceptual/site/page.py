"""A Lumen post's or page's own page: its template, the header and footer around its body,
its social metadata and head tags, and the text the listings and feed take from it."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.urls import site_path
from mkdocs_perceptual.markdown.extensions import title_slug

log = get_plugin_logger(__name__)

POST_TEMPLATE = "post.html"
WORDS_PER_MINUTE = 200

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


_SPACE_BEFORE_STOP_RE = re.compile(r"\s+([.,;:!?\u2026)])")
_PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
# Sentence ends: a paragraph that ends without one is followed by ". " in the excerpt.
_ENDS_SENTENCE = tuple(".!?:;\u2026\"'\u201d\u2019)]")


def summary_text(body: str) -> str:
    """The text a listing shows of a post without a description: its paragraphs, each ended
    as a sentence, without its headings, code or tables, so that no heading runs into the
    text after it. A post without a paragraph gives its whole text."""
    body = _HEADERLINK_RE.sub("", body)
    parts = []
    for paragraph in _PARAGRAPH_RE.findall(body):
        # "a <a>link</a>." is "a link ." to text_of: no space before a stop.
        text = _SPACE_BEFORE_STOP_RE.sub(r"\1", text_of(paragraph))
        if text:
            parts.append(text if text.endswith(_ENDS_SENTENCE) else text + ".")
    return " ".join(parts) if parts else text_of(body)


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
    minutes: int = 1  # reading time


def reading_minutes(text: str) -> int:
    return max(1, round(len(text.split()) / WORDS_PER_MINUTE))


def decorate(
    body: str,
    post: Post,
    env: Environment,
    *,
    date_format: str,
    category_url: str | None,
    tag_urls: list[tuple[str, str | None]],
    newer: Mapping[str, str] | None = None,
    older: Mapping[str, str] | None = None,
    index_url: str | None = None,
    author: Mapping[str, Any] | None = None,
    related: Sequence[Mapping[str, str]] = (),
    comments: str | None = None,
    cover: str | None = None,
) -> Decorated:
    """Title, date, category, reading time and tags above the body; below it, the newer and
    older posts (`{"title", "url"}`), the way back to the blog index and the author card; so
    that every theme shows them. The URLs are relative to the post's page."""
    text = text_of(body)
    title_id = title_slug(post.title)
    minutes = reading_minutes(text)
    tags = [{"name": name, "url": url} for name, url in tag_urls if url is not None]
    header = env.get_template("perceptual/header.html").render(
        post=post,
        with_title="<h1" not in body,  # the test Material uses for its own <h1>
        title_id=None if f'id="{title_id}"' in body else title_id,
        date_text=post.date.strftime(date_format) if post.date else None,
        category_url=category_url,
        minutes=minutes if post.is_post else None,
        tags=tags,
        cover=cover,
    )
    footer = (
        env.get_template("perceptual/footer.html").render(
            newer=newer,
            older=older,
            index_url=index_url,
            author=author,
            related=related,
            comments=comments,
        )
        if post.is_post
        else ""
    )
    content = header + body + footer
    return Decorated(
        content,
        len(header),
        len(header) + len(body),
        # Only the listings of a post without a description show an excerpt.
        excerpt(summary_text(body)) if post.description is None else "",
        minutes,
    )


_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def unsafe_image(image: str) -> bool:
    """An address that is not http(s) and not a path in the site: `javascript:`, `data:`,
    `file:`, or another host without a scheme (`//cdn.org/x.jpg`)."""
    web = image.startswith(("https://", "http://"))
    return (bool(_SCHEME_RE.match(image)) and not web) or image.startswith("//")


def image_url(
    image: str | None,
    site_url: str,
    src_uri: str = "",
    beside: Callable[[str], str | None] | None = None,
) -> str | None:
    """The absolute URL of an image for link previews: an http(s) URL as written; a site path
    ('/media/x.jpg', or './image.jpg' beside `src_uri`) under site_url; None for anything
    else, and for a path without site_url. `beside` gives the site path of the file a Lumen
    file's image path finds beside it, as gatsby-remark-images looked ('/image.jpg' beside
    posts/a/index.md), if there is one."""
    if not image or unsafe_image(image):
        return None
    if image.startswith(("https://", "http://")):
        return image
    path = (beside(image) if beside is not None else None) or site_path(image, src_uri)
    return urljoin(site_url, path.lstrip("/")) if site_url else None


def social_image(
    post: Post, site_url: str, beside: Callable[[str], str | None] | None = None
) -> str | None:
    """The absolute URL of a post's `socialImage`, looked for beside the post first (as the
    2022 starter wrote them, './image.jpg', and as Gatsby resolved '/image.jpg'); one that is
    no http(s) URL or site path is refused with a warning."""
    image = post.social_image
    if image and unsafe_image(image):
        log.warning(
            f"{post.src_uri}: socialImage {image!r} is left out; expected an http(s) URL or a "
            "path in the site such as '/media/image.jpg' or './image.jpg'"
        )
    return image_url(image, site_url, post.src_uri, beside)


def json_ld(data: Mapping[str, Any]) -> Markup:
    """`data` as JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` (and the
    JavaScript line separators) escaped as \\u sequences, so that no text in it can close the
    script element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return Markup(text)


def social(
    post: Post,
    page: Page,
    config: MkDocsConfig,
    *,
    fallback_image: str | None = None,
    author: str | None = None,
    beside: Callable[[str], str | None] | None = None,
) -> dict[str, Any]:
    """Open Graph and Twitter card values and the JSON-LD `BlogPosting` for a post; absolute
    URLs need site_url. Without a `socialImage`, `fallback_image` (the `social_image`
    option); `author` is the `author` option's name."""
    site_url = config.site_url or ""
    image = social_image(post, site_url, beside) or image_url(fallback_image, site_url)
    tags = list(dict.fromkeys(post.tags))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting" if post.is_post else "WebPage",
        "headline": post.title,
    }
    if post.date is not None:
        data["datePublished"] = post.date.isoformat()
    if author:
        data["author"] = {"@type": "Person", "name": author}
    if image:
        data["image"] = image
    # Not the page's URL: its canonical link and `og:url` give it, and a JSON-LD block
    # describes the page it is in (Google's Article data has no url).
    # Not the description: the page's `description`, `og:description` and `twitter:description`
    # carry it, and search engines read those (Google's Article data has no description).
    if post.category:
        data["articleSection"] = post.category
    if tags:
        data["keywords"] = tags
    return {
        "site_name": config.site_name,
        "title": post.title,
        "description": post.description,
        "url": page.canonical_url,
        "image": image,
        "card": "summary_large_image" if image else "summary",
        "tags": tags,
        "json_ld": json_ld(data),
    }
