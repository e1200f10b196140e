"""One build of the blog: the state the hooks in plugin.py share, from on_files to
on_post_build, and the few steps that need more than one concern's module."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build.cache import PostPage, RenderCache
from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen import posts
from mkdocs_perceptual.lumen.frontmatter import Post
from mkdocs_perceptual.lumen.urls import link_keys
from mkdocs_perceptual.markdown import extensions, fences, mathml, remark
from mkdocs_perceptual.site import author, feed, listings, nav, outputs
from mkdocs_perceptual.site.highlight import NavHighlight, listing_stand_ins, post_stand_ins
from mkdocs_perceptual.site.links import (
    hidden_links,
    raw_html_links,
    rewrite_links,
    site_link,
    unlink,
)
from mkdocs_perceptual.site.page import decorate, set_meta, with_feed_link, with_head_tags

log = get_plugin_logger(__name__)


def _warn_in(where: str) -> Callable[[str], None]:
    def warn(message: str) -> None:
        log.warning(f"{where}: {message}")

    return warn


def _read_everything(files: Files) -> None:
    """`--dirty` reads only the pages whose file changed since the last build. But a post's
    title, date, category, tags or draft flag also shows in the listings, in the navigation
    of every page, in its neighbours' links and in the feed: every page is read (through the
    render cache, so only changed posts render again). Which pages are then written is
    decided once all are read (dirty.py)."""
    for file in files:
        # Every page, the drafts `mkdocs serve` shows among them. Per file, as MkDocs asks
        # each: `--dirty` has no other way in.
        if file.is_documentation_page():
            file.is_modified = lambda: True  # type: ignore[method-assign]


class BuildError(Exception):
    """Problems that stop the build; one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclasses.dataclass(frozen=True)
class _Body:
    """Where a rendered post's body lies in its page's content (header + body + footer): the
    feed takes it from there, so no second copy of every post is held."""

    start: int
    end: int
    total: int


class Build:
    """The posts of one build, the pages generated for them, and what their rendering left."""

    def __init__(
        self,
        options: PerceptualConfig,
        *,
        serving: bool,
        user_nav: bool,
        cache: RenderCache | None = None,
        dirty: bool = False,
    ) -> None:
        self.options = options
        self.cache = cache
        self.dirty = dirty
        self.show_drafts = serving and options.drafts_on_serve
        self.user_nav = user_nav
        self.files = Files([])
        self.posts: dict[str, Post] = {}
        self.sources: dict[str, str] = {}
        self.plan = listings.Plan()
        self.feed_file: File | None = None
        self.by_path: dict[str, File] = {}
        # Lumen files this build does not publish (drafts), URL -> src_uri: no link or nav entry
        # may lead there.
        self.hidden: dict[str, str] = {}
        # Captured as each post is rendered (on_page_content), read by the listings and feed.
        self.bodies: dict[str, _Body] = {}
        self.excerpts: dict[str, str] = {}
        self.minutes: dict[str, int] = {}
        # Each listed post's newer and older neighbour, in the blog index's order.
        self.neighbours: dict[str, tuple[Post | None, Post | None]] = {}
        self.contacts: list[author.Contact] = []
        self.site_url = ""
        self.material = False
        # The user's `validation.links.absolute_links`, kept while Lumen files ignore it.
        self._absolute_links: int | None = None
        self._env: Environment | None = None
        self.highlight: NavHighlight | None = None  # set in on_nav
        # Set in on_config: how Lumen files and other pages read their Markdown.
        self.readings: extensions.Readings | None = None

    # -- on_files -------------------------------------------------------------------------

    def prepare(self, files: Files, config: MkDocsConfig) -> None:
        """Read and place the posts, plan the listings, add the generated files, and check
        that no two outputs collide. Raises BuildError."""
        self.files = files
        found = posts.collect(files, self.options.timezone)
        self.posts, self.sources = found.posts, found.sources
        errors = found.errors + posts.place(
            files, self.posts, config, show_drafts=self.show_drafts, user_nav=self.user_nav
        )
        if self.posts:
            errors += self._add_outputs(files, config)
        if errors:
            raise BuildError(errors)
        if self.dirty:
            _read_everything(files)
        if self.posts:
            self._blog_parts(config)
        self.by_path = {key: f for f in files if self._written(f) for key in link_keys(f.dest_uri)}
        self.hidden = {
            file.url: src
            for src in self.posts
            if (file := files.get_file_from_path(src)) is not None and not self._written(file)
        }
        if self.user_nav and config.nav is not None:
            warn = _warn_in("mkdocs.yml nav")

            def left_out(path: str) -> None:
                warn(f"{path} is not published (a draft), so it is left out of the navigation")

            hidden = set(self.hidden.values())
            config.nav = nav.without(config.nav, hidden, left_out, drop_empty=False)
        elif self.posts:
            menu = nav.menu_entries(self.options.menu, self.by_path.get, self.site_url)
            config.nav = nav.navigation(
                files,
                self.posts,
                self.plan,
                self.options.nav_posts_per_category,
                menu=menu,
                first=self.options.nav_order,
                all_posts=config.theme.name == "material"
                and "navigation.indexes" not in (config.theme.get("features") or []),
                # MkDocs' own theme shows the navigation as one row of menus.
                group_over=2 if config.theme.name == "mkdocs" else None,
            )
            for entry in menu:
                # A generated page has its Page already, and MkDocs keeps that page's title.
                target = files.get_file_from_path(entry.target) if entry.is_page else None
                if target is not None and target.page is not None:
                    target.page.title = entry.label

    def _blog_parts(self, config: MkDocsConfig) -> None:
        """What the author card, the posts' footers and the feed link need."""
        self.site_url = config.site_url or ""
        self.material = config.theme.name == "material"
        self.contacts, problems = author.contacts(dict(self.options.author.contacts))
        for problem in problems:
            log.warning(problem)
        order = listings.newest_first(self.listed())
        for i, post in enumerate(order):
            newer = order[i - 1] if i > 0 else None
            self.neighbours[post.src_uri] = (newer, order[i + 1] if i + 1 < len(order) else None)
        if self.feed_file is not None and self.material:
            feed.add_to_social(config, urljoin(self.site_url, self.feed_file.url))

    def _add_outputs(self, files: Files, config: MkDocsConfig) -> list[str]:
        options = self.options
        prefix = listings.index_prefix(options.blog_index, files)
        self.plan = listings.plan(self.listed(), options.posts_per_page, prefix)
        for note in self.plan.notes:
            log.info(note)
        out = outputs.Outputs(files, set(self.posts))
        out.errors += self.plan.errors
        for file, what in listings.generated_files(self.plan, config, user_nav=self.user_nav):
            out.add(file, what)
        if options.static_dir is not None:
            for file in outputs.static_files(options.static_dir, config, out.errors):
                out.add(file, f"static_dir's {file.src_uri}")
        if options.unregister_service_worker:
            out.add(outputs.service_worker(config), "sw.js")
        self.feed_file = feed.feed_file(options.feed_path, config)
        if self.feed_file is not None:
            out.add_written_later(self.feed_file.dest_uri, "the RSS feed")
        return out.errors + out.collisions(config, self._written)

    def _written(self, file: File) -> bool:
        written = InclusionLevel.is_in_serve if self.show_drafts else InclusionLevel.is_included
        return bool(written(file.inclusion))

    def listed(self) -> list[Post]:
        """The posts the listings show: the published ones, and in `mkdocs serve` (with
        drafts_on_serve) the drafts it shows too. `mkdocs build` lists the published only."""
        if not self.show_drafts:
            return self.published()
        return [
            post
            for post in self.posts.values()
            if post.is_post
            and (
                posts.is_published(post, file := self.files.get_file_from_path(post.src_uri))
                or (post.draft and file is not None and file.inclusion.is_in_serve())
            )
        ]

    def published(self) -> list[Post]:
        """The published posts (not pages), in file order."""
        return [
            post
            for post in self.posts.values()
            if post.is_post
            and posts.is_published(post, self.files.get_file_from_path(post.src_uri))
        ]

    # -- pages ----------------------------------------------------------------------------

    def render_through_cache(self, config: MkDocsConfig) -> None:
        """In `mkdocs serve`, posts render through the render cache. MkDocs makes the pages in
        get_navigation (titled as a hand-written nav says), so their class is set after it."""
        if self.cache is None:
            return
        for src in self.posts:
            file = self.files.get_file_from_path(src)
            if file is None:
                continue
            if file.page is None and file.inclusion.is_in_serve():
                # A draft shown by serve: MkDocs makes its page after on_nav, if none exists.
                PostPage(None, file, config)
            page = file.page
            if page is not None and type(page) in (Page, PostPage):
                page.__class__ = PostPage
                assert isinstance(page, PostPage)
                page.cache, page.options = self.cache, self.options

    def post(self, page: Page) -> Post | None:
        return self.posts.get(page.file.src_uri)

    def url_from(self, here: File) -> Callable[[str], str | None]:
        """A function giving the URL of a file (by src_uri) relative to `here`."""

        # By src_uri directly: get_file_from_path normalises its path each time, and the
        # listings ask tens of thousands of times a build.
        src_uris = self.files.src_uris

        def url_of(src_uri: str) -> str | None:
            target = src_uris.get(src_uri)
            return target.url_relative_to(here) if target is not None else None

        return url_of

    def read_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """A page's Markdown, as the page is about to be rendered: a Lumen file's template,
        title and description set, its Prism fences and remark's reading of its Markdown
        made Python-Markdown's; and the extensions its reading needs."""
        post = self.post(page)
        if post is not None or page.file.generated_by == "perceptual":
            set_meta(page, post)
        if self.readings is not None:
            (self.readings.site if post is None else self.readings.lumen).apply(config)
        self._absolute_links_for(post is not None, config)
        if post is None:
            return markdown
        markdown = raw_html_links(markdown, post.src_uri)
        if not self.options.configure_markdown:
            return markdown
        markdown = fences.rewrite_fences(markdown)
        return remark.prepare(markdown) if self.options.lumen_markdown else markdown

    def _absolute_links_for(self, lumen: bool, config: MkDocsConfig) -> None:
        """MkDocs logs each root link ('/posts/x') of a page as "left as is. Did you mean
        ...?"; in a Lumen file the plugin rewrites every one (and warns of those that point
        at nothing), so that line is noise there. Other pages keep the user's setting."""
        links = config.validation.links
        if self._absolute_links is None:
            self._absolute_links = links.absolute_links
        user = self._absolute_links
        # `relative_to_docs` (-1): MkDocs resolves root links itself, and says when it cannot.
        links.absolute_links = logging.DEBUG if lumen and user >= 0 else user

    def author_card(self, here: File) -> dict[str, Any] | None:
        """The author card's values for a page, its URLs relative to it; None without an
        author."""
        index = self.plan.first_page("index")

        def link(url: str) -> str:
            return site_link(url, here, self.by_path.get, self.site_url)

        home = self.url_from(here)(index.src_uri) if index is not None else None
        return author.card(self.options.author, self.contacts, link, home)

    def render_content(self, html: str, page: Page, config: MkDocsConfig) -> str:
        """A page's HTML with root links made relative and math converted; for a post, with
        its header and footer, its body and excerpt captured for the listings and feed."""
        src = page.file.src_uri

        def warn(message: str) -> None:
            log.warning(f"{src}: {message}")

        html = rewrite_links(html, page.file, self.by_path.get, warn)
        html = unlink(html, hidden_links(html, page.file, self.hidden), warn)
        if self.options.configure_markdown and self.options.math == "mathml":
            html = mathml.convert_page(html, warn)
        post = self.posts.get(src)
        if post is None:
            return html
        if self._env is None:
            self._env = config.theme.get_env()
        url_of = self.url_from(page.file)
        category = self.plan.first_page("category", post.category) if post.category else None
        tags = [(tag, self.plan.first_page("tag", tag)) for tag in dict.fromkeys(post.tags)]
        newer, older = self.neighbours.get(src, (None, None))
        index = self.plan.first_page("index")

        def link(other: Post | None) -> dict[str, str] | None:
            url = url_of(other.src_uri) if other is not None else None
            return {"title": other.title, "url": url} if other is not None and url else None

        done = decorate(
            html,
            post,
            self._env,
            date_format=self.options.date_format,
            category_url=url_of(category.src_uri) if category else None,
            tag_urls=[(tag, url_of(listing.src_uri)) for tag, listing in tags if listing],
            newer=link(newer),
            older=link(older),
            index_url=url_of(index.src_uri) if index is not None and post.is_post else None,
            author=self.author_card(page.file) if post.is_post else None,
        )
        self.bodies[src] = _Body(done.body_start, done.body_end, len(done.content))
        self.minutes[src] = done.minutes
        if post.description is None:
            self.excerpts[src] = done.excerpt
        return done.content

    def body_of(self, src_uri: str) -> str | None:
        """A post's rendered body, without the header and footer, as its page holds it."""
        file = self.files.get_file_from_path(src_uri)
        body = self.bodies.get(src_uri)
        if file is None or file.page is None or file.page.content is None or body is None:
            return None
        content = file.page.content
        if len(content) != body.total:  # another plugin changed it after us: take it whole
            return content
        return content[body.start : body.end]

    # -- on_page_context ------------------------------------------------------------------

    def listing_content(self, page: Page, env: Environment, config: MkDocsConfig) -> str | None:
        """The HTML of a listing page, or None for any other page."""
        values = self.listing_values(page, config)
        if values is None:
            return None
        return listings.render(env, values)

    def listing_values(self, page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
        """What the listing template is given for a listing page; None for other pages."""
        listing = self.plan.listings.get(page.file.src_uri)
        if listing is None or not isinstance(page, listings.ListingPage):
            return None
        return listings.context(
            self.plan,
            listing,
            site_name=config.site_name,
            date_format=self.options.date_format,
            url_of=self.url_from(page.file),
            excerpts=self.excerpts,
            minutes=self.minutes,
            author=self.author_card(page.file),
        )

    def page_inputs(self, page: Page, config: MkDocsConfig) -> str:
        """What this plugin gives a page as MkDocs writes it, beyond what the page holds
        then (its HTML, title, URLs): for the fingerprint of a `--dirty` build (dirty.py).
        The templates themselves are fingerprinted with the site."""
        parts = []
        if (post := self.post(page)) is not None:
            parts += [repr(post), repr(post_stand_ins(post, self.plan))]
        listing = self.plan.listings.get(page.file.src_uri)
        if listing is not None:
            parts += [
                repr(listing_stand_ins(listing, self.plan)),
                repr(self.listing_values(page, config)),
            ]
        return "\x00".join(parts)

    # -- the navigation's lit item -------------------------------------------------------

    def light_stand_in(self, page: Page) -> None:
        """While a page outside the navigation is written (a listing's page 2, a tag page, a
        post beyond its category's first posts), light the item it stands under."""
        if self.highlight is None:
            return
        listing = self.plan.listings.get(page.file.src_uri)
        post = self.post(page)
        if listing is not None:
            self.highlight.light(page, listing_stand_ins(listing, self.plan))
        elif post is not None:
            self.highlight.light(page, post_stand_ins(post, self.plan))

    def unlight(self) -> None:
        if self.highlight is not None:
            self.highlight.clear()

    # -- on_post_page, on_post_build --------------------------------------------------------

    def head_tags(self, output: str, page: Page) -> str:
        post = self.post(page)
        description = post.description if post is not None else None
        href = self.feed_file.url_relative_to(page.file) if self.feed_file is not None else None
        return self._with_feed(output, href, description, noindex=post is not None and post.draft)

    def not_found_page(self, output: str) -> str:
        """The theme's 404 page, with the feed's link where the theme has no place for it
        (MkDocs' own themes; Material shows it among its social links). It is served at any
        address, so the link is absolute."""
        if self.feed_file is None or self.material or not self.site_url:
            return output
        return self._with_feed(output, urljoin(self.site_url, self.feed_file.url))

    def _with_feed(
        self, output: str, href: str | None, description: str | None = None, noindex: bool = False
    ) -> str:
        output = with_head_tags(output, description, href, noindex=noindex)
        # Material shows the feed among its footer's social links (`feed.add_to_social`).
        return with_feed_link(output, href) if href is not None and not self.material else output

    def prune(self, config: MkDocsConfig) -> None:
        """After a `--dirty` build, the pages no file of this build writes are removed."""
        if not self.dirty:
            return
        written = {f.dest_uri for f in self.files if self._written(f)}
        written |= set(config.theme.static_templates)
        for rel in outputs.prune_stale_pages(config.site_dir, written):
            log.debug(f"removed {rel}: no file of this build writes it")

    def write_feed(self, config: MkDocsConfig) -> None:
        if self.feed_file is None:
            return
        newest = listings.newest_first(self.published())[: self.options.feed_limit]

        def url_of(src_uri: str) -> str | None:
            file = self.files.get_file_from_path(src_uri)
            return file.page.canonical_url if file is not None and file.page else None

        feed.write(self.feed_file, config, newest, self.body_of, url_of)
