"""What the blog looks like on the page: templates, header and footer, listings, meta tags."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.listings import Listing
from mkdocs_perceptual.markdown import title_slug
from mkdocs_perceptual.urls import listing_src

if TYPE_CHECKING:
    from mkdocs_perceptual.blog import Blog

POST_TEMPLATE = "post.html"
WORDS_PER_MINUTE = 200

_DESCRIPTION_RE = re.compile(r"""<meta\s+name=["']description["'][^>]*>""", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]+>")
# The permalink Python-Markdown's toc extension puts in every heading: not the post's text.
_HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def set_template(page: Page, post: Post) -> None:
    """Lumen's `template: post|page` is not a Jinja template: posts get ours, pages the theme's."""
    if post.is_post:
        page.meta["template"] = POST_TEMPLATE
        if post.date is not None:
            page.update_date = post.date.strftime("%Y-%m-%d")  # the sitemap's <lastmod>
    else:
        page.meta.pop("template", None)


def escape_title(page: Page, post: Post | None) -> None:
    """Themes print titles unescaped (`<title>`, the navigation, the search index's HTML);
    as Markup, a title such as "Text & Sequences" or "<notes>" reaches them escaped once."""
    title = post.title if post is not None else page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = Markup(html.escape(title, quote=True))


def text_of(body: str) -> str:
    """The words of rendered HTML, as plain text, without the headings' permalinks."""
    body = _HEADERLINK_RE.sub("", body)
    return " ".join(html.unescape(_TAG_RE.sub(" ", body)).split())


def reading_minutes(body: str) -> int:
    return max(1, round(len(text_of(body).split()) / WORDS_PER_MINUTE))


def excerpt(body: str, length: int = 200) -> str:
    """The first words of a rendered post, for a listing when it has no description."""
    text = text_of(body)
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "\u2026"


def _url(blog: Blog, src_uri: str, here: File) -> str | None:
    target = blog.file_of(src_uri)
    return target.url_relative_to(here) if target is not None else None


def decorate(page: Page, post: Post, blog: Blog, env: Environment, config: MkDocsConfig) -> None:
    """Title, date, category and reading time above the content; tags below; so that every
    theme shows them. The body itself is kept for the feed and the listings."""
    assert page.content is not None
    body = page.content
    options = blog.options
    title_id = title_slug(post.title)
    category = blog.plan.first_page("category", post.category) if post.category else None
    header = env.get_template("perceptual/header.html").render(
        post=post,
        with_title="\x3ch1" not in body,  # the test Material uses for its own <h1>
        title_id=None if f'id="{title_id}"' in body else title_id,
        date_text=post.date.strftime(options.date_format) if post.date else None,
        category_url=_url(blog, category.src_uri, page.file) if category else None,
        minutes=reading_minutes(body) if post.is_post else None,
    )
    tags = [
        {"name": tag, "url": _url(blog, listing.src_uri, page.file)}
        for tag in post.tags
        if (listing := blog.plan.first_page("tag", tag)) is not None
    ]
    footer = env.get_template("perceptual/footer.html").render(tags=tags) if post.is_post else ""
    page.content = header + body + footer
    if post.description is not None:
        # Themes print page.meta.description unescaped; Markup makes that output exact.
        page.meta["description"] = Markup(html.escape(post.description, quote=True))


def social(post: Post, page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """Open Graph and Twitter card values for a post; absolute URLs need site_url."""
    site_url = config.site_url or ""
    image = None
    if post.social_image:
        image = urljoin(site_url, post.social_image.lstrip("/")) if site_url else None
        if "://" in post.social_image:
            image = post.social_image
    return {
        "site_name": config.site_name,
        "title": post.title,
        "description": post.description,
        "url": page.canonical_url,
        "image": image,
        "card": "summary_large_image" if image else "summary",
    }


def listing_html(
    blog: Blog, listing: Listing, here: File, env: Environment, config: MkDocsConfig
) -> str:
    """The content of one generated page."""
    options = blog.options
    heading = (
        config.site_name
        if listing.kind == "index" and listing.src_uri == "index.md"
        else listing.title
    )
    groups = None
    if listing.kind in ("categories", "tags"):
        kind, source = (
            ("category", blog.plan.categories)
            if listing.kind == "categories"
            else ("tag", blog.plan.tags)
        )
        groups = [
            {"name": name, "url": _url(blog, first.src_uri, here), "count": len(posts)}
            for name, posts in source.items()
            if (first := blog.plan.first_page(kind, name)) is not None  # type: ignore[arg-type]
        ]
    entries = []
    for post in listing.posts:
        category = blog.plan.first_page("category", post.category) if post.category else None
        entries.append(
            {
                "title": post.title,
                "url": _url(blog, post.src_uri, here),
                "date_iso": post.date.isoformat() if post.date else "",
                "date_text": post.date.strftime(options.date_format) if post.date else "",
                "category": post.category,
                "category_url": _url(blog, category.src_uri, here) if category else None,
                "summary": post.description
                if post.description is not None
                else blog.excerpts.get(post.src_uri, ""),
            }
        )

    def page_url(number: int) -> str | None:
        if 0 <= number < listing.pages and number != listing.page:
            return _url(blog, listing_src(listing.prefix, number), here)
        return None

    return env.get_template("perceptual/listing.html").render(
        heading=heading,
        groups=groups,
        entries=entries,
        newer_url=page_url(listing.page - 1),
        older_url=page_url(listing.page + 1),
    )


def with_head_tags(output: str, description: str | None, feed_href: str | None) -> str:
    """The page with exactly one `<meta name="description">` holding `description` (where
    given), and a link to the feed (where there is one)."""
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
