"""The feeds' three formats, each written a piece at a time: RSS 2.0 (Lumen's, its guids
unchanged), Atom 1.0 (RFC 4287) and JSON Feed 1.1. A `Format` gives its head, one entry per
post and its tail, so that one pass over the posts can feed every file at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A date for a feed without posts: every build of the same blog gives the same bytes.
_NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclasses.dataclass(frozen=True)
class Enclosure:
    """A post's image as feeds attach it: its absolute URL, MIME type and size in bytes
    (None where it is not a file of the site)."""

    url: str
    type: str
    length: int | None


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    guid: str  # Lumen's link and guid
    date: dt.datetime
    category: str | None
    description: str | None  # text
    html: str  # the post's body, its URLs already absolute
    tags: tuple[str, ...] = ()
    url: str = ""  # the page's own URL (Atom's and JSON Feed's link); the guid where empty
    image: Enclosure | None = None


@dataclasses.dataclass(frozen=True)
class Channel:
    """What a feed says of itself."""

    title: str
    description: str
    home: str  # the page the feed is the feed of (the site, or a category's page)
    feed_url: str
    last_date: dt.datetime | None  # the newest post's date: the same feed every build
    author: str = ""


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _element(name: str, value: str, attrs: str = "") -> str:
    return f"<{name}{attrs}>{_text(value)}</{name}>"


def rfc3339(date: dt.datetime) -> str:
    return date.isoformat().replace("+00:00", "Z")


class Rss:
    name = "RSS"
    media_type = "application/rss+xml"

    def head(self, channel: Channel) -> str:
        out = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"  {_element('title', channel.title)}\n  {_element('link', channel.home)}\n"
            f"  {_element('description', channel.description)}\n"
            f'  <atom:link href={_attr(channel.feed_url)} rel="self" type="{self.media_type}"/>\n'
        )
        if channel.last_date is not None:
            out += f"  {_element('lastBuildDate', format_datetime(channel.last_date))}\n"
        return out

    def entry(self, item: Item, first: bool) -> str:
        parts = [
            _element("title", item.title),
            # Where readers go: the page's own URL. The guid, which readers compare, stays
            # Lumen's, whose slug as written may lack the page's final slash or `.html`.
            _element("link", item.url or item.guid),
            _element("guid", item.guid, ' isPermaLink="false"'),
            _element("pubDate", format_datetime(item.date)),
        ]
        if item.category:
            parts.append(_element("category", item.category))
        if item.description:
            # Readers take <description> as HTML; the front matter's is text.
            parts.append(_element("description", html.escape(item.description, quote=False)))
        if item.image is not None and item.image.length is not None:
            # RSS needs the length; an image elsewhere on the web has none to give.
            image = item.image
            parts.append(
                f'<enclosure url={_attr(image.url)} length="{image.length}" '
                f"type={_attr(image.type)}/>"
            )
        parts.append(_element("content:encoded", item.html))
        return "  <item>\n    " + "\n    ".join(parts) + "\n  </item>\n"

    def tail(self) -> str:
        return "</channel>\n</rss>\n"


class Atom:
    name = "Atom"
    media_type = "application/atom+xml"

    def head(self, channel: Channel) -> str:
        updated = rfc3339(channel.last_date or _NO_DATE)
        author = channel.author or channel.title
        out = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"  {_element('title', channel.title)}\n"
        )
        if channel.description:
            out += f"  {_element('subtitle', channel.description)}\n"
        return out + (
            f"  {_element('id', channel.home)}\n"
            f'  <link rel="self" type="{self.media_type}" href={_attr(channel.feed_url)}/>\n'
            f'  <link rel="alternate" type="text/html" href={_attr(channel.home)}/>\n'
            f"  {_element('updated', updated)}\n"
            f"  <author>{_element('name', author)}</author>\n"
            f"  {_element('generator', 'mkdocs-perceptual')}\n"
        )

    def entry(self, item: Item, first: bool) -> str:
        date = rfc3339(item.date)
        parts = [
            _element("title", item.title, ' type="text"'),
            _element("id", item.guid),
            f'<link rel="alternate" type="text/html" href={_attr(item.url or item.guid)}/>',
            _element("published", date),
            _element("updated", date),
        ]
        parts += [
            f"<category term={_attr(name)}/>"
            for name in dict.fromkeys([*([item.category] if item.category else []), *item.tags])
        ]
        if item.image is not None:
            image = item.image
            length = f' length="{image.length}"' if image.length is not None else ""
            parts.append(
                f'<link rel="enclosure" type={_attr(image.type)} href={_attr(image.url)}{length}/>'
            )
        if item.description:
            parts.append(_element("summary", item.description, ' type="text"'))
        parts.append(_element("content", item.html, ' type="html"'))
        return "  <entry>\n    " + "\n    ".join(parts) + "\n  </entry>\n"

    def tail(self) -> str:
        return "</feed>\n"


def _json(value: object) -> str:
    # JSON allows U+2028 and U+2029 in strings; some JavaScript readers of feeds do not.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class JsonFeed:
    name = "JSON Feed"
    media_type = "application/feed+json"

    def head(self, channel: Channel) -> str:
        top: dict[str, object] = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": channel.title,
            "home_page_url": channel.home,
            "feed_url": channel.feed_url,
        }
        if channel.description:
            top["description"] = channel.description
        if channel.author:
            top["authors"] = [{"name": channel.author}]
        return _json(top)[:-1] + ',"items":[\n'

    def entry(self, item: Item, first: bool) -> str:
        data: dict[str, object] = {
            "id": item.guid,
            "url": item.url or item.guid,
            "title": item.title,
            "content_html": item.html,
            "date_published": rfc3339(item.date),
        }
        if item.description:
            data["summary"] = item.description
        tags = list(dict.fromkeys([*([item.category] if item.category else []), *item.tags]))
        if tags:
            data["tags"] = tags
        if item.image is not None:
            data["image"] = item.image.url
            attachment: dict[str, object] = {"url": item.image.url, "mime_type": item.image.type}
            if item.image.length is not None:
                attachment["size_in_bytes"] = item.image.length
            data["attachments"] = [attachment]
        return ("" if first else ",\n") + _json(data)

    def tail(self) -> str:
        return "\n]}\n"


Format = Rss | Atom | JsonFeed
