"""The feeds: the site's RSS 2.0 feed, with item guids exactly as Lumen's gatsby-plugin-feed
formed them, its Atom and JSON Feed twins, and an RSS feed per category and per tag.

Feeds hold every post's full HTML, so they are written a piece at a time, all in one pass
over the posts: a blog of thousands of posts never has a whole feed in memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Literal
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.posts import published_path
from mkdocs_perceptual.lumen.urls import slug_segments
from mkdocs_perceptual.site.feed_formats import (
    Atom,
    Channel,
    Enclosure,
    Format,
    Item,
    JsonFeed,
    Rss,
)
from mkdocs_perceptual.site.listings import Plan
from mkdocs_perceptual.site.pictures import plain_images

log = get_plugin_logger(__name__)

# The most feed files open at once (a blog may have thousands of tags).
_OPEN = 200

# Inside a tag only: a post's text may show `href="x"` as code.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTR = re.compile(r"""(\s(?:href|src|poster)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SRCSET_ATTR = re.compile(r"""(\ssrcset\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# The permalink Python-Markdown's toc extension puts in every heading: not the post's text.
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


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
    writer = Rss()
    yield writer.head(Channel(title, description, site_url, feed_url, last_date)).encode()
    for i, item in enumerate(items):
        yield writer.entry(item, i == 0).encode()
    yield writer.tail().encode()


@dataclasses.dataclass(frozen=True)
class Target:
    """One feed file: the site's (`kind` "site"), or a category's or tag's (its `name`)."""

    file: File
    format: Format
    kind: str  # "site", "category" or "tag"
    name: str | None
    title: str
    description: str
    home: str  # the absolute URL of the page it is the feed of
    url: str  # its own absolute URL

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def what(self) -> str:
        """What the feed is, for messages and for its link's title."""
        name = self.format.name if self.format.name.endswith("Feed") else self.format.name + " feed"
        if self.kind == "site":
            return f"the {name}"
        return f"the {name} of the {self.kind} {self.name!r}"


def feed_file(feed_path: str, config: MkDocsConfig, what: str = "RSS feed") -> File | None:
    """Where a feed goes (`feed_path` is validated with the options), or None without
    site_url. Not added to MkDocs' files: the plugin writes it itself (`write_feeds`)."""
    if not config.site_url:
        if what == "RSS feed":
            log.warning(
                "no RSS feed is published: set site_url in mkdocs.yml, because a feed "
                "needs absolute links"
            )
        return None
    return File.generated(config, "/".join(slug_segments(feed_path)), content=b"")


def _url(config: MkDocsConfig, file: File) -> str:
    """A feed file's own absolute URL."""
    return (config.site_url or "").rstrip("/") + "/" + file.src_uri


def site_targets(options: PerceptualConfig, config: MkDocsConfig) -> list[Target]:
    """The site's feeds: RSS at `feed_path`, Atom and JSON Feed where their paths are set."""
    site_url = config.site_url or ""
    parts = urlsplit(site_url)
    if parts.query or parts.fragment:
        log.warning(
            f"no feed is published: site_url {site_url!r} has a "
            f"{'query' if parts.query else 'fragment'}, which every feed's links would carry; "
            "expected an address like 'https://example.org/blog/'"
        )
        return []
    made = []
    for path, fmt, what in (
        (options.feed_path, Rss(), "RSS feed"),
        (options.atom_feed_path, Atom(), "Atom feed"),
        (options.json_feed_path, JsonFeed(), "JSON Feed"),
    ):
        if path and (file := feed_file(path, config, what)) is not None:
            description = config.site_description or ""
            url = _url(config, file)
            made.append(
                Target(file, fmt, "site", None, config.site_name, description, site_url, url)
            )
    return made


def targets(options: PerceptualConfig, config: MkDocsConfig, plan: Plan) -> list[Target]:
    """Every feed of the site: its own, then one for each category and tag (where on)."""
    made = site_targets(options, config)
    if not made:
        return made  # no site_url: no feed at all
    kinds: list[tuple[Literal["category", "tag"], bool, dict[str, list[Post]]]] = [
        ("category", options.category_feeds, plan.categories),
        ("tag", options.tag_feeds, plan.tags),
    ]
    for kind, wanted, groups in kinds:
        for name in groups if wanted else ():
            if (first := plan.first_page(kind, name)) is not None:
                made.append(listing_target(config, kind, name, first.src_uri))
    return made


def listing_target(config: MkDocsConfig, kind: str, name: str, listing_src: str) -> Target:
    """A category's or tag's RSS feed: its listing's URL + rss.xml, as Hugo publishes them."""
    folder = listing_src.rsplit("/", 1)[0]
    file = File.generated(config, f"{folder}/rss.xml", content=b"")
    site_url = config.site_url or ""
    home = urljoin(site_url, folder + "/")
    title, posts = ("Category", "in the category") if kind == "category" else ("Tag", "tagged")
    return Target(
        file,
        Rss(),
        kind,
        name,
        f"{config.site_name} \u2013 {title}: {name}",
        f"Posts {posts} {name} on {config.site_name}",
        home,
        _url(config, file),
    )


def make_item(
    post: Post,
    body: str | None,
    page_url: str | None,
    site_url: str,
    url_format: str | None = None,
    image: Enclosure | None = None,
) -> Item | None:
    """A post's feed item: its guid Lumen's, its body's URLs absolute against its page's
    URL (or the guid); None for a post without a body or a date."""
    if body is None or post.date is None:
        return None
    guid = lumen_guid(site_url, published_path(post, url_format))
    return Item(
        title=post.title,
        guid=guid,
        date=post.date,
        category=post.category,
        description=post.description,
        html=feed_html(body, page_url or guid),
        tags=tuple(dict.fromkeys(post.tags)),
        url=page_url or guid,
        image=image,
    )


def write_feeds(
    targets: Sequence[Target],
    posts: Sequence[Post],
    keys_of: Callable[[Post], list[tuple[str, str | None]]],
    item_of: Callable[[Post], Item | None],
    limit: int,
    author: str = "",
) -> None:
    """Write every feed of `targets`: each the newest `limit` of `posts` (newest first) whose
    `keys_of` (kind, name) pairs name it. One pass over the posts per batch of files, each
    post's item made once per pass; at most `_OPEN` files are open at a time."""
    by_key: dict[tuple[str, str | None], list[Post]] = {(t.kind, t.name): [] for t in targets}
    for post in posts:
        for key in keys_of(post):
            held = by_key.get(key)
            if held is not None and len(held) < limit:
                held.append(post)
    for start in range(0, len(targets), _OPEN):
        batch = targets[start : start + _OPEN]
        wanted: dict[str, list[int]] = {}
        for i, target in enumerate(batch):
            for post in by_key[(target.kind, target.name)]:
                wanted.setdefault(post.src_uri, []).append(i)
        outs = []
        try:
            for target in batch:
                os.makedirs(os.path.dirname(target.file.abs_dest_path), exist_ok=True)
                out = open(target.file.abs_dest_path, "wb")  # noqa: SIM115 (closed below)
                outs.append(out)
                held = by_key[(target.kind, target.name)]
                channel = Channel(
                    target.title,
                    target.description,
                    target.home,
                    target.url,
                    held[0].date if held else None,
                    author,
                )
                out.write(target.format.head(channel).encode())
            counts = [0] * len(batch)
            for post in posts:
                which = wanted.get(post.src_uri)
                if not which or (item := item_of(post)) is None:
                    continue
                # An item is the same bytes in every feed of one format (the site's RSS, its
                # category's, its tags'): made once each.
                made: dict[tuple[str, bool], bytes] = {}
                for i in which:
                    fmt, first = batch[i].format, counts[i] == 0
                    shape = (fmt.name, first)
                    if shape not in made:
                        made[shape] = fmt.entry(item, first).encode()
                    outs[i].write(made[shape])
                    counts[i] += 1
            for i, target in enumerate(batch):
                outs[i].write(target.format.tail().encode())
        finally:
            for out in outs:
                out.close()
