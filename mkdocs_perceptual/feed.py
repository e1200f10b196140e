"""The RSS 2.0 feed, with item guids exactly as Lumen's gatsby-plugin-feed formed them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from collections.abc import Sequence
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"
ET.register_namespace("content", CONTENT_NS)
ET.register_namespace("atom", ATOM_NS)

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    guid: str  # also the link, as in Lumen
    date: dt.datetime
    category: str | None
    description: str | None
    html: str  # the post's body, its URLs already absolute


def lumen_guid(site_url: str, lumen_path: str) -> str:
    """Lumen's item link and guid: the site URL (no trailing slash) followed by the slug."""
    return site_url.rstrip("/") + lumen_path


def absolute_urls(html: str, base: str) -> str:
    """Every href and src in `html` made absolute against `base` (the post's own URL)."""
    return _URL_ATTR.sub(lambda m: m[1] + urljoin(base, m[2]) + m[3], html)


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def rss(title: str, description: str, site_url: str, feed_url: str, items: Sequence[Item]) -> bytes:
    """An RSS 2.0 document. `items` come newest first."""
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = _text(title)
    ET.SubElement(channel, "link").text = site_url
    ET.SubElement(channel, "description").text = _text(description)
    ET.SubElement(
        channel,
        f"{{{ATOM_NS}}}link",
        {"href": feed_url, "rel": "self", "type": "application/rss+xml"},
    )
    if items:  # the newest post's date, so that two builds of one blog give one feed
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(items[0].date)
    for item in items:
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = _text(item.title)
        ET.SubElement(node, "link").text = item.guid
        ET.SubElement(node, "guid", {"isPermaLink": "false"}).text = item.guid
        ET.SubElement(node, "pubDate").text = format_datetime(item.date)
        if item.category:
            ET.SubElement(node, "category").text = _text(item.category)
        if item.description:
            # Readers take <description> as HTML; the front matter's is text.
            escaped = html.escape(item.description, quote=False)
            ET.SubElement(node, "description").text = _text(escaped)
        ET.SubElement(node, f"{{{CONTENT_NS}}}encoded").text = _text(item.html)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
