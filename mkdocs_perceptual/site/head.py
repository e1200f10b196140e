"""What the plugin adds to a written page's `<head>` (description, robots, the feeds'
`<link rel="alternate">`) and, on themes without a place for it, the feed's link in the
footer."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig

from mkdocs_perceptual.site.icons import icon

_DESCRIPTION_RE = re.compile(r"""<meta\s+name=["']description["'][^>]*>""", re.IGNORECASE)


def with_head_tags(
    output: str,
    description: str | None,
    feed_href: str | None,
    *,
    noindex: bool = False,
    alternates: Sequence[tuple[str, str, str]] | None = None,
) -> str:
    """The page with exactly one `<meta name="description">` holding `description` (where
    given: some themes print only the site's), a link to the feed (where there is one), and
    `<meta name="robots" content="noindex">` for a draft shown by `mkdocs serve`."""
    end = output.find("</head>")
    if end < 0 or (description is None and feed_href is None and not noindex and not alternates):
        return output
    head, tags = output[:end], []
    if noindex:
        tags.append('<meta name="robots" content="noindex">')
    if description is not None:
        head = _DESCRIPTION_RE.sub("", head)
        tags.append(f'<meta name="description" content="{html.escape(description, quote=True)}">')
    if alternates:
        # Each feed with its title: a reader offers the site's and this category's apart.
        tags += [
            f'<link rel="alternate" type="{kind}" title="{html.escape(title, quote=True)}" '
            f'href="{html.escape(href)}">'
            for kind, title, href in alternates
        ]
    elif feed_href is not None:
        tags.append(
            f'<link rel="alternate" type="application/rss+xml" href="{html.escape(feed_href)}">'
        )
    return head + "\n".join(tags) + "\n" + output[end:]


def with_feed_link(output: str, feed_href: str) -> str:
    """The page with a visible link to the feed (an RSS icon) in the theme's footer, the last
    `<footer>` of the page; a page without one is left as it is."""
    end = output.rfind("</footer>")
    if end < 0:
        return output
    link = (
        f'<p class="perceptual-feed-link"><a href="{html.escape(feed_href)}" '
        f'type="application/rss+xml">{icon("rss")} RSS feed</a></p>\n'
    )
    return output[:end] + link + output[end:]


def add_to_social(config: MkDocsConfig, feed_url: str) -> None:
    """On Material, the feed as an icon among the footer's social links (`extra.social`),
    unless one of them is a feed already. (Other themes get a link in their footer.)"""
    social = list(config.extra.get("social") or [])
    for link in social:
        if isinstance(link, dict) and (
            "rss" in str(link.get("icon", "")) or str(link.get("link", "")) == feed_url
        ):
            return
    # Material Design's RSS box, not Font Awesome's: Material inlines the icon's file into every
    # page, and Font Awesome's carries a 250-byte licence comment.
    social.append({"icon": "material/rss-box", "link": feed_url, "name": "RSS feed"})
    config.extra["social"] = social
