"""The steps of one build that work on one page at a time, on the state `Build` holds: a
page's Markdown before it is converted, its HTML after, a listing's content as it is
written, its head tags, the fingerprint inputs of a `--dirty` build, and the feed made from
the captured bodies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import features, memory
from mkdocs_perceptual.build.cache import PostPage
from mkdocs_perceptual.build.prepare import absolute_links_for, prepared_markdown
from mkdocs_perceptual.build.state import KNOWN_PLUGINS, Body, Build
from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.urls import beside
from mkdocs_perceptual.markdown import mathml
from mkdocs_perceptual.site import listing_pages, outputs
from mkdocs_perceptual.site.head import with_feed_link, with_head_tags
from mkdocs_perceptual.site.highlight import listing_stand_ins, post_stand_ins
from mkdocs_perceptual.site.links import hidden_links, rewrite_links, unlink
from mkdocs_perceptual.site.page import decorate, set_meta
from mkdocs_perceptual.site.pictures import pictures

log = get_plugin_logger(__name__)


def read_markdown(build: Build, markdown: str, page: Page, config: MkDocsConfig) -> str:
    """A page's Markdown, as the page is about to be rendered: a Lumen file's template,
    title and description set, its Prism fences and remark's reading of its Markdown
    made Python-Markdown's; and the extensions its reading needs."""
    post = build.post(page)
    if post is not None or page.file.generated_by == "perceptual":
        set_meta(page, post)
    if build.readings is not None:
        (build.readings.site if post is None else build.readings.lumen).apply(config)
    absolute_links_for(build, post is not None, config)
    return markdown if post is None else prepared_markdown(build, markdown, post)


def render_content(build: Build, html: str, page: Page, config: MkDocsConfig) -> str:
    """A page's HTML with root links made relative and math converted; for a post, with
    its header and footer, its body and excerpt captured for the listings and feed."""
    src = page.file.src_uri

    def warn(message: str) -> None:
        log.warning(f"{src}: {message}")

    post = build.posts.get(src)
    html = rewrite_links(
        html, page.file, build.by_path.get, warn, _beside(build, src) if post else None
    )
    html = unlink(html, hidden_links(html, page.file, build.hidden), warn)
    if build.options.configure_markdown and build.options.math == "mathml":
        html = mathml.convert_page(html, warn)
    features.check_latest(build, html, page)
    if post is None:
        return html
    features.capture_cover(build, post, page, html)
    if (images := build.images) is not None and not post.draft:
        html, made = pictures(
            html,
            lambda image: images.find(image, page),
            link=build.options.images.link_to_original,
        )
        images.made(page, made)
    if build.env is None:
        build.env = config.theme.get_env()
    url_of = build.url_from(page.file)
    category = build.plan.first_page("category", post.category) if post.category else None
    tags = [(tag, build.plan.first_page("tag", tag)) for tag in dict.fromkeys(post.tags)]
    newer, older = build.neighbours.get(src, (None, None))
    index = build.plan.first_page("index")

    def link(other: Post | None) -> dict[str, str] | None:
        url = url_of(other.src_uri) if other is not None else None
        return {"title": other.title, "url": url} if other is not None and url else None

    done = decorate(
        html,
        post,
        build.env,
        date_format=build.options.date_format,
        category_url=url_of(category.src_uri) if category else None,
        tag_urls=[(tag, url_of(listing.src_uri)) for tag, listing in tags if listing],
        newer=link(newer),
        older=link(older),
        index_url=url_of(index.src_uri) if index is not None and post.is_post else None,
        author=build.author_card(page.file) if post.is_post else None,
        related=features.related_links(build, post, url_of) if post.is_post else [],
        comments=features.comments_markup(build, post),
        cover=features.top_cover(build, post, page),
    )
    build.bodies[src] = Body(done.body_start, done.body_end, len(done.content))
    build.minutes[src] = done.minutes
    if post.description is None:
        build.excerpts[src] = done.excerpt
    if isinstance(page, PostPage):
        page.pack_markdown()  # rendered: held compressed until the post is written
    return done.content


def beside_path(build: Build, src_uri: str) -> Callable[[str], str | None]:
    """The site path ('/posts/a/image.jpg') of the file an image path of a Lumen file finds
    beside it, if any."""
    find = _beside(build, src_uri)

    def path(url: str) -> str | None:
        file = find(url)
        return "/" + file.dest_uri if file is not None else None

    return path


def _beside(build: Build, src_uri: str) -> Callable[[str], File | None]:
    """The published file an image URL of the Lumen file `src_uri` finds beside it, as
    gatsby-remark-images looked for it (`lumen.urls.beside`)."""
    files = build.files.src_uris

    def found(url: str) -> File | None:
        path = beside(url, src_uri)
        file = files.get(path) if path is not None else None
        return file if file is not None and build.written(file) else None

    return found


def undo_picture(build: Build, page: Page, picture: str, img: str) -> None:
    """Put back the `<img>` a picture replaced in a page's content (its copies could not be
    made), keeping the captured body's place right."""
    content = page.content
    if content is None or picture not in content:
        return
    at = content.index(picture)
    page.content = content[:at] + img + content[at + len(picture) :]
    body = build.bodies.get(page.file.src_uri)
    if body is not None and body.start <= at < body.end:
        delta = len(img) - len(picture)
        build.bodies[page.file.src_uri] = Body(body.start, body.end + delta, body.total + delta)


def listing_content(build: Build, page: Page, env: Environment, config: MkDocsConfig) -> str | None:
    """The HTML of a listing page, or None for any other page."""
    values = listing_values(build, page, config)
    if values is None:
        return None
    return listing_pages.render(env, values)


def listing_values(build: Build, page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
    """What the listing template is given for a listing page; None for other pages."""
    listing = build.plan.listings.get(page.file.src_uri)
    if listing is None or not isinstance(page, listing_pages.ListingPage):
        return None
    return listing_pages.context(
        build.plan,
        listing,
        site_name=config.site_name,
        date_format=build.options.date_format,
        url_of=build.url_from(page.file),
        excerpts=build.excerpts,
        minutes=build.minutes,
        author=build.author_card(page.file),
        covers=features.listing_covers(build, listing.posts, page.file),
    )


def page_inputs(build: Build, page: Page, config: MkDocsConfig) -> str:
    """What this plugin gives a page as MkDocs writes it, beyond what the page holds
    then (its HTML, title, URLs): for the fingerprint of a `--dirty` build (dirty.py).
    The templates themselves are fingerprinted with the site."""
    parts = []
    if (post := build.post(page)) is not None:
        parts += [repr(post), repr(post_stand_ins(post, build.plan))]
    listing = build.plan.listings.get(page.file.src_uri)
    if listing is not None:
        parts += [
            repr(listing_stand_ins(listing, build.plan)),
            repr(listing_values(build, page, config)),
        ]
    parts += [repr(features.latest_values(build, page)), repr(features.alternates(build, page))]
    return "\x00".join(parts)


def light_stand_in(build: Build, page: Page) -> None:
    """While a page outside the navigation is written (a listing's page 2, a tag page, a
    post beyond its category's first posts), light the item it stands under."""
    if build.highlight is None:
        return
    listing = build.plan.listings.get(page.file.src_uri)
    post = build.post(page)
    if listing is not None:
        build.highlight.light(page, listing_stand_ins(listing, build.plan))
    elif post is not None:
        build.highlight.light(page, post_stand_ins(post, build.plan))


def unlight(build: Build) -> None:
    if build.highlight is not None:
        build.highlight.clear()


def head_tags(build: Build, output: str, page: Page) -> str:
    post = build.post(page)
    description = post.description if post is not None else None
    href = build.feed_file.url_relative_to(page.file) if build.feed_file is not None else None
    return _with_feed(
        build,
        output,
        href,
        description,
        noindex=post is not None and post.draft,
        alternates=features.alternates(build, page),
    )


def not_found_page(build: Build, output: str) -> str:
    """The theme's 404 page, with the feed's link where the theme has no place for it
    (MkDocs' own themes; Material shows it among its social links). It is served at any
    address, so the link is absolute."""
    if build.feed_file is None or build.material or not build.site_url:
        return output
    return _with_feed(build, output, urljoin(build.site_url, build.feed_file.url))


def _with_feed(
    build: Build,
    output: str,
    href: str | None,
    description: str | None = None,
    noindex: bool = False,
    alternates: list[tuple[str, str, str]] | None = None,
) -> str:
    output = with_head_tags(output, description, href, noindex=noindex, alternates=alternates)
    # Material shows the feed among its footer's social links (`head.add_to_social`).
    return with_feed_link(output, href) if href is not None and not build.material else output


def write_feed(build: Build, config: MkDocsConfig) -> None:
    memory.give_back()  # before the feeds and the search index, the build's largest writes
    features.write_feeds(build, config, lambda src: memory.body_of(build, src))


def prune(build: Build, config: MkDocsConfig) -> None:
    """After a `--dirty` build, what no file of this build writes is removed: every file,
    where the build has no plugin this one does not know (their files are unknown), else
    the pages this plugin's earlier builds wrote."""
    if not build.dirty:
        return
    written = {f.dest_uri for f in build.files if build.written(f)}
    written |= set(config.theme.static_templates)
    written |= {t + ".gz" for t in config.theme.static_templates if t.endswith(".xml")}
    written |= {target.file.dest_uri for target in build.feeds}
    if set(config.plugins) <= KNOWN_PLUGINS:
        # The search plugins write search/ after this plugin's on_post_build.
        stale = outputs.prune_stale_files(config.site_dir, written, ("search/",))
    else:
        stale = outputs.prune_stale_pages(config.site_dir, written)
    for rel in stale:
        log.debug(f"removed {rel}: no file of this build writes it")
