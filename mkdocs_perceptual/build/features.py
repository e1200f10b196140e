"""The blog's reader features, on the state `Build` holds: the feeds (written in
on_post_build) and their `<link rel="alternate">` tags, each post's cover, related posts and
comments, and the latest-posts blocks filled in as their pages are written."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import covers
from mkdocs_perceptual.build.state import Build
from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.posts import published_path
from mkdocs_perceptual.markdown.latest import ATTRIBUTE, NAME, read_options
from mkdocs_perceptual.site import comments, feed, listing_pages, listings
from mkdocs_perceptual.site.feed_formats import Item

log = get_plugin_logger(__name__)

# The cover beside a listing entry: 12rem wide on a wide screen, the column on a phone.
THUMB_SIZES = "(max-width: 44.9375em) 100vw, 12rem"

_PLACEHOLDER = re.compile(rf'<div class="perceptual-latest" {ATTRIBUTE}="([^"]*)"></div>')
# A block pymdown-extensions could not read (its options are no YAML): left as text.
_UNREAD = re.compile(rf"<p>///\s*{NAME}\b")


# -- covers -------------------------------------------------------------------------------


def capture_cover(build: Build, post: Post, page: Page, body: str) -> None:
    """Find a post's cover in its rendered body (before its pictures are made)."""
    if not (build.options.cover_images or post.social_image):
        return
    found = covers.find(
        post,
        page,
        body,
        first_image=build.options.cover_images,
        lookup=lambda path: build.by_path.get(path.strip("/")),
        images=build.images,
        # Its size is only shown with covers; a feed enclosure needs none.
        probes=build.probes if build.options.cover_images else None,
    )
    if found is not None:
        build.covers[post.src_uri] = found


def cover_markup(build: Build, src_uri: str, here: File, sizes: str | None) -> str | None:
    """A post's cover as a page shows it (with `cover_images`); None without one."""
    cover = build.covers.get(src_uri)
    if cover is None or not build.options.cover_images:
        return None
    files = build.files.src_uris

    def exists(path: str) -> bool:
        return path.lstrip("/") in files

    return covers.markup(cover, here, exists, sizes=sizes)


def top_cover(build: Build, post: Post, page: Page) -> str | None:
    """The cover above a post: not where the body shows the same image already."""
    cover = build.covers.get(post.src_uri)
    if cover is None or cover.in_body:
        return None
    return cover_markup(build, post.src_uri, page.file, None)


def listing_covers(build: Build, posts: tuple[Post, ...], here: File) -> dict[str, str]:
    made = {}
    for post in posts:
        markup = cover_markup(build, post.src_uri, here, THUMB_SIZES)
        if markup is not None:
            made[post.src_uri] = markup
    return made


# -- related posts and comments -----------------------------------------------------------


def related_links(
    build: Build, post: Post, url_of: Callable[[str], str | None]
) -> list[dict[str, str]]:
    found = []
    for other in build.related.get(post.src_uri, []):
        url = url_of(other.src_uri)
        if url is None or other.date is None:
            continue
        found.append(
            {
                "title": other.title,
                "url": url,
                # The day, as the text shows it; the post's own page gives the time.
                "date_iso": other.date.date().isoformat(),
                "date_text": other.date.strftime(build.options.date_format),
            }
        )
    return found


def comments_markup(build: Build, post: Post) -> str | None:
    lumen_url = feed.lumen_guid(build.site_url, published_path(post, build.options.post_url_format))
    return comments.markup(build.options, post, lumen_url)


# -- the latest-posts block ---------------------------------------------------------------


def _read(m: re.Match[str]) -> tuple[dict[str, Any] | None, list[str]]:
    """A placeholder's options (None where it is not one the block wrote: it is left as it
    is) and its problems, every option checked again: the page's raw HTML could hold one."""
    try:
        data = json.loads(html.unescape(m[1]))
    except ValueError:
        data = None
    options = data.get("options") if isinstance(data, dict) else None
    problems = data.get("problems", []) if isinstance(data, dict) else None
    if not isinstance(options, dict) or not isinstance(problems, list):
        return None, [
            "a perceptual-latest <div> that no /// latest-posts block wrote is left as it is"
        ]
    chosen, more = read_options(options)
    return chosen, [str(p) for p in problems] + more


def _chosen(build: Build, options: dict[str, Any]) -> tuple[list[Post], list[str]]:
    """The posts a block shows, and what is wrong with its category or tag."""
    posts = listings.newest_first(build.listed())
    problems = []
    for kind in ("category", "tag"):
        name = options.get(kind)
        if name is None:
            continue
        groups = build.plan.categories if kind == "category" else build.plan.tags
        shown = build.plan.aliases.get((kind, name), name)
        if shown not in groups:
            known = ", ".join(repr(n) for n in groups) or "none"
            problems.append(f"{kind}: no published post has the {kind} {name!r} (known: {known})")
            posts = []
        else:
            members = {p.src_uri for p in groups[shown]}
            posts = [p for p in posts if p.src_uri in members]
    return posts[: options.get("count", build.options.posts_per_page)], problems


def check_latest(build: Build, content: str, page: Page) -> None:
    """Warn, naming the page, of every latest-posts block it cannot show as written."""
    if ATTRIBUTE not in content and NAME not in content:
        return
    where = page.file.src_uri
    for m in _PLACEHOLDER.finditer(content):
        options, problems = _read(m)
        if options is not None:
            problems += _chosen(build, options)[1]
        for problem in problems:
            log.warning(f"{where}: /// {NAME}: {problem}")
    if _UNREAD.search(content):
        log.warning(
            f"{where}: a /// {NAME} block is shown as text: write nothing after its name, and "
            "its options as YAML indented on the lines below it, like '    count: 3'"
        )


def _entries(build: Build, page: Page, options: dict[str, Any]) -> list[dict[str, Any]]:
    posts = _chosen(build, options)[0]
    return listing_pages.entries(
        build.plan,
        posts,
        date_format=build.options.date_format,
        url_of=build.url_from(page.file),
        excerpts=build.excerpts,
        minutes=build.minutes,
        covers=listing_covers(build, tuple(posts), page.file),
    )


def latest_values(build: Build, page: Page) -> list[list[dict[str, Any]] | None]:
    """What each latest-posts block of a page shows, for the page's fingerprint."""
    content = page.content or ""
    if ATTRIBUTE not in content:
        return []
    shown: list[list[dict[str, Any]] | None] = []
    for m in _PLACEHOLDER.finditer(content):
        options = _read(m)[0]
        shown.append(None if options is None else _entries(build, page, options))
    return shown


def fill_latest(build: Build, output: str, page: Page, env: Environment) -> str:
    """The written page with each latest-posts block's entries in its place."""
    if ATTRIBUTE not in output:
        return output
    template = env.get_template("perceptual/latest.html")

    def fill(m: re.Match[str]) -> str:
        options = _read(m)[0]
        if options is None:
            return m[0]
        return template.render(entries=_entries(build, page, options))

    return _PLACEHOLDER.sub(fill, output)


# -- search ---------------------------------------------------------------------------------


def body_end(build: Build, page: Page) -> int | None:
    """Where a post's body ends in its page's content (its footer follows), if known."""
    body = build.bodies.get(page.file.src_uri)
    content = page.content
    if body is None or content is None or len(content) != body.total:
        return None
    return body.end


# -- feeds ----------------------------------------------------------------------------------


def alternates(build: Build, page: Page) -> list[tuple[str, str, str]]:
    """The feeds a page links in its head, as (type, title, href). The site's feed in each of
    its formats on the listing pages and the home page, in its first format (RSS) on the
    other pages: a feed reader offered one page's feeds subscribes to one of them, and the
    other formats are one click away. A category's and a tag's feed on their listing pages;
    a category's on the posts it holds (not each tag's: a post with eight tags would offer a
    feed reader eleven feeds, in every page's bytes)."""
    names: set[tuple[str, str | None]] = {("site", None)}
    listing = build.plan.listings.get(page.file.src_uri)
    if listing is not None and listing.kind in ("category", "tag"):
        names.add((listing.kind, listing.name))
    if (post := build.post(page)) is not None and post.is_post:
        names |= {key for key in _keys(build, post) if key[0] != "tag"}
    every_format = listing is not None or page.file.src_uri == "index.md"
    found = []
    for key in sorted(names, key=lambda k: (k[0] != "site", k[0], k[1] or "")):
        targets = build.feeds_by_key.get(key, [])
        if key[0] == "site" and not every_format:
            targets = targets[:1]
        for target in targets:
            title = target.title
            if target.kind == "site":
                title = f"{title} ({target.format.name})"
            found.append((target.media_type, title, target.file.url_relative_to(page.file)))
    return found


def _keys(build: Build, post: Post) -> list[tuple[str, str | None]]:
    keys: list[tuple[str, str | None]] = [("site", None)]
    if post.category:
        keys.append(
            ("category", build.plan.aliases.get(("category", post.category), post.category))
        )
    keys += [("tag", build.plan.aliases.get(("tag", tag), tag)) for tag in dict.fromkeys(post.tags)]
    return keys


def write_feeds(build: Build, config: MkDocsConfig, body_of: Callable[[str], str | None]) -> None:
    if not build.feeds:
        return
    site_url = config.site_url or ""
    url_format = build.options.post_url_format

    def item_of(post: Post) -> Item | None:
        file = build.files.get_file_from_path(post.src_uri)
        url = file.page.canonical_url if file is not None and file.page else None
        cover = build.covers.get(post.src_uri)
        image = cover.enclosure(site_url) if cover is not None else None
        body = body_of(post.src_uri)
        if body is not None and ATTRIBUTE in body:
            body = _PLACEHOLDER.sub("", body)  # a latest-posts block: the site's, not the post's
        return feed.make_item(post, body, url, site_url, url_format, image)

    feed.write_feeds(
        build.feeds,
        listings.newest_first(build.published()),
        lambda post: _keys(build, post),
        item_of,
        build.options.feed_limit,
        build.options.author.name or "",
    )
