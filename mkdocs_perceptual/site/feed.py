"""The RSS 2.0 feed, with item guids exactly as Lumen's gatsby-plugin-feed formed them.

The feed holds every post's full HTML, so it is written a piece at a time: a blog of
thousands of posts never has its whole feed in memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.posts import published_path
from mkdocs_perceptual.lumen.urls import slug_segments
from mkdocs_perceptual.site.pictures import plain_images

log = get_plugin_logger(__name__)

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Inside a tag only: a post's text may show `href="x"` as code.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTR = re.compile(r"""(\s(?:href|src|poster)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SRCSET_ATTR = re.compile(r"""(\ssrcset\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# The permalink Python-Markdown's toc extension puts in every heading: not the post's text.
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    guid: str  # also the link, as in Lumen
    date: dt.datetime
    category: str | None
    description: str | None  # text
    html: str  # the post's body, its URLs already absolute


def lumen_guid(site_url: str, lumen_path: str) -> str:
    """Lumen's item link and guid: the site URL (no trailing slash) followed by the slug."""
    return site_url.rstrip("/") + lumen_path


def _srcset(value: str, base: str) -> str:
    """Each candidate's URL in a srcset ("a.jpg 1x, b.jpg 2x") made absolute."""
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([urljoin(base, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


def absolute_urls(html_text: str, base: str) -> str:
    """Every href, src, poster and srcset URL in the tags of `html_text` made absolute
    against `base` (the post's own URL), as feed readers need them (the W3C validator's
    ContainsRelRef)."""

    def url(m: re.Match[str]) -> str:
        value = html.unescape(m[2] if m[2] is not None else m[3])
        return f'{m[1]}"{html.escape(urljoin(base, value))}"'

    def srcset(m: re.Match[str]) -> str:
        value = html.unescape(m[2] if m[2] is not None else m[3])
        return f'{m[1]}"{html.escape(_srcset(value, base))}"'

    def tag(m: re.Match[str]) -> str:
        return _SRCSET_ATTR.sub(srcset, _URL_ATTR.sub(url, m[0]))

    return _TAG.sub(tag, html_text)


def feed_html(body: str, base: str) -> str:
    """A post's body as the feed carries it: without the headings' permalink signs, its
    pictures plain `<img>` elements, every URL absolute."""
    return absolute_urls(plain_images(_HEADERLINK.sub("", body)), base)


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _element(name: str, value: str, attrs: str = "") -> str:
    return f"<{name}{attrs}>{_text(value)}</{name}>"


def rss(
    title: str,
    description: str,
    site_url: str,
    feed_url: str,
    items: Iterable[Item],
    last_date: dt.datetime | None,
) -> Iterator[bytes]:
    """An RSS 2.0 document, a piece at a time. `items` come newest first; `last_date` is the
    newest post's date, so that two builds of one blog give the same feed."""
    yield (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"  {_element('title', title)}\n  {_element('link', site_url)}\n"
        f"  {_element('description', description)}\n"
        f'  <atom:link href={quoteattr(feed_url)} rel="self" type="application/rss+xml"/>\n'
    ).encode()
    if last_date is not None:
        yield f"  {_element('lastBuildDate', format_datetime(last_date))}\n".encode()
    for item in items:
        parts = [
            _element("title", item.title),
            _element("link", item.guid),
            _element("guid", item.guid, ' isPermaLink="false"'),
            _element("pubDate", format_datetime(item.date)),
        ]
        if item.category:
            parts.append(_element("category", item.category))
        if item.description:
            # Readers take <description> as HTML; the front matter's is text.
            parts.append(_element("description", html.escape(item.description, quote=False)))
        parts.append(_element("content:encoded", item.html))
        yield ("  <item>\n    " + "\n    ".join(parts) + "\n  </item>\n").encode()
    yield b"</channel>\n</rss>\n"


def feed_file(feed_path: str, config: MkDocsConfig) -> File | None:
    """Where the feed goes (`feed_path` is validated with the options), or None without
    site_url. Not added to MkDocs' files: the plugin writes it itself (`write`)."""
    if not config.site_url:
        log.warning(
            "no RSS feed is published: set site_url in mkdocs.yml, because a feed "
            "needs absolute links"
        )
        return None
    return File.generated(config, "/".join(slug_segments(feed_path)), content=b"")


def write(
    file: File,
    config: MkDocsConfig,
    posts: Sequence[Post],
    body_of: Callable[[str], str | None],
    url_of: Callable[[str], str | None],
    url_format: str | None = None,
) -> None:
    """Write the feed of `posts` (newest first) to `file`. `body_of` gives a post's rendered
    body as it was captured when the post was rendered, `url_of` its page's canonical URL."""
    site_url = config.site_url or ""

    def items() -> Iterator[Item]:
        for post in posts:
            body = body_of(post.src_uri)
            if body is None or post.date is None:
                continue
            guid = lumen_guid(site_url, published_path(post, url_format))
            yield Item(
                title=post.title,
                guid=guid,
                date=post.date,
                category=post.category,
                description=post.description,
                html=feed_html(body, url_of(post.src_uri) or guid),
            )

    feed_url = site_url.rstrip("/") + "/" + file.src_uri
    last = posts[0].date if posts else None
    os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
    with open(file.abs_dest_path, "wb") as out:
        out.writelines(
            rss(config.site_name, config.site_description or "", site_url, feed_url, items(), last)
        )


def add_to_social(config: MkDocsConfig, feed_url: str) -> None:
    """On Material, the feed as an icon among the footer's social links (`extra.social`),
    unless one of them is a feed already. (Other themes get a link in their footer.)"""
    social = list(config.extra.get("social") or [])
    for link in social:
        if isinstance(link, dict) and (
            "rss" in str(link.get("icon", "")) or str(link.get("link", "")) == feed_url
        ):
            return
    social.append({"icon": "fontawesome/solid/square-rss", "link": feed_url, "name": "RSS feed"})
    config.extra["social"] = social
