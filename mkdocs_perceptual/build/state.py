"""One build of the blog: the state plugin.py's hooks share, from on_files to on_post_build:
the posts, their places, the listings' plan, the navigation, what rendering them captured."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build.cache import RenderCache
from mkdocs_perceptual.build.images import Images, ProbeIndex
from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen import posts
from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.urls import link_key, link_keys
from mkdocs_perceptual.markdown import extensions
from mkdocs_perceptual.site import author, feed, listing_pages, listings, nav, outputs, related
from mkdocs_perceptual.site.head import add_to_social
from mkdocs_perceptual.site.highlight import NavHighlight
from mkdocs_perceptual.site.links import site_link

log = get_plugin_logger(__name__)

# The plugins whose outputs this plugin knows (a `--dirty` build's fingerprints, its pruning).
KNOWN_PLUGINS = frozenset({"search", "material/search", "perceptual"})


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
class Body:
    """Where a rendered post's body lies in its page's content (header + body + footer)."""

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
        self.prepared: dict[str, tuple[bytes, str]] = {}  # prepare.lumen_markdown's, used once
        self.plan = listings.Plan()
        self.feed_file: File | None = None  # the site's RSS feed
        self.feeds: list[feed.Target] = []  # every feed: the site's, each category's and tag's
        self.feeds_by_key: dict[tuple[str, str | None], list[feed.Target]] = {}
        self.by_path: dict[str, File] = {}
        # Lumen files this build does not publish (drafts), URL -> src_uri: no link or nav entry
        # may lead there.
        self.hidden: dict[str, str] = {}
        # Captured as each post is rendered; once it is written, its body alone (`memory.let_go`).
        self.bodies: dict[str, Body] = {}
        self.kept: dict[str, bytes] = {}
        self.writing: Page | None = None  # the page being written (`memory.let_go`)
        self.excerpts: dict[str, str] = {}
        self.minutes: dict[str, int] = {}
        # Each listed post's newer and older neighbour, in the blog index's order.
        self.neighbours: dict[str, tuple[Post | None, Post | None]] = {}
        self.contacts: list[author.Contact] = []
        self.site_url = ""
        self.material = False
        # The user's `validation.links.absolute_links`, kept while Lumen files ignore it.
        self.user_absolute_links: int | None = None
        self.env: Environment | None = None
        self.highlight: NavHighlight | None = None  # set in on_nav
        # Set in on_config: how Lumen files and other pages read their Markdown.
        self.readings: extensions.Readings | None = None
        # Set in on_config where images are on: where their copies are kept, and the probes
        # of the originals (kept by the plugin across `mkdocs serve` rebuilds).
        self.images_folder: str | None = None
        self.probes: ProbeIndex | None = None
        self.images: Images | None = None  # made in prepare
        # Each post's cover (captured as it is rendered) and related posts (planned).
        self.covers: dict[str, Any] = {}
        self.related: dict[str, list[Post]] = {}

    # -- on_files -------------------------------------------------------------------------

    def prepare(self, files: Files, config: MkDocsConfig) -> None:
        """Read and place the posts, plan the listings, add the generated files, and check
        that no two outputs collide. Raises BuildError."""
        self.files = files
        found = posts.collect(files, self.options.timezone)
        self.posts, self.sources = found.posts, found.sources
        errors = found.errors + posts.place(
            files,
            self.posts,
            config,
            show_drafts=self.show_drafts,
            user_nav=self.user_nav,
            url_format=self.options.post_url_format,
        )
        if self.posts:
            errors += self._add_outputs(files, config)
        if errors:
            raise BuildError(errors)
        if self.dirty:
            _read_everything(files)
        if self.posts:
            self._blog_parts(config)
        self.by_path = {key: f for f in files if self.written(f) for key in link_keys(f.dest_uri)}
        # The feeds are written after the pages, but a post may link them.
        self.by_path |= {key: t.file for t in self.feeds for key in link_keys(t.file.dest_uri)}
        if self.images_folder is not None and self.probes is not None and self.posts:
            self.images = Images(
                self.options.images,
                config,
                files,
                self.images_folder,
                self.probes,
                lambda path: self.by_path.get(link_key(path)),
            )
        self.hidden = {
            file.url: src
            for src in self.posts
            if (file := files.get_file_from_path(src)) is not None and not self.written(file)
        }
        if self.user_nav and config.nav is not None:
            warn = _warn_in("mkdocs.yml nav")

            def left_out(path: str) -> None:
                warn(f"{path} is not published (a draft), so it is left out of the navigation")

            hidden = set(self.hidden.values())
            config.nav = nav.without(config.nav, hidden, left_out, drop_empty=False)
        elif self.posts:
            hidden = {link_key(url) for url in self.hidden}
            menu = nav.menu_entries(self.options.menu, self.by_path.get, self.site_url, hidden)
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
        self.contacts, problems, notes = author.contacts(dict(self.options.author.contacts))
        for problem in problems:
            log.warning(problem)
        for note in notes:
            log.info(note)
        if self.options.related_posts:
            self.related = related.related(
                self.published(),
                self.options.related_posts,
                tag_of=lambda name: self.plan.aliases.get(("tag", name), name),
                category_of=lambda name: self.plan.aliases.get(("category", name), name),
            )
        order = listings.newest_first(self.listed())
        for i, post in enumerate(order):
            newer = order[i - 1] if i > 0 else None
            self.neighbours[post.src_uri] = (newer, order[i + 1] if i + 1 < len(order) else None)
        if self.feed_file is not None and self.material:
            add_to_social(config, urljoin(self.site_url, self.feed_file.url))

    def _add_outputs(self, files: Files, config: MkDocsConfig) -> list[str]:
        options = self.options
        prefix = listings.index_prefix(options.blog_index, files)
        self.plan = listings.plan(
            self.listed(), options.posts_per_page, prefix, archive=options.archive
        )
        for note in self.plan.notes:
            log.info(note)
        out = outputs.Outputs(files, set(self.posts))
        out.errors += self.plan.errors
        for file, what in listing_pages.generated_files(self.plan, config, user_nav=self.user_nav):
            out.add(file, what)
        if options.static_dir is not None:
            found = outputs.static_files(options.static_dir, config, out.errors, options.cache_dir)
            for file in found:
                out.add(file, f"static_dir's {file.src_uri}")
        if options.unregister_service_worker:
            out.add(outputs.service_worker(config), "sw.js")
        self.feeds = feed.targets(options, config, self.plan)
        self.feed_file = next((t.file for t in self.feeds if t.format.name == "RSS"), None)
        for target in self.feeds:
            self.feeds_by_key.setdefault((target.kind, target.name), []).append(target)
            out.add_written_later(target.file.dest_uri, target.what)
        return out.errors + out.collisions(config, self.written)

    def written(self, file: File) -> bool:
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

    def author_card(self, here: File) -> dict[str, Any] | None:
        """The author card's values for a page, its URLs relative to it; None without an
        author."""
        index = self.plan.first_page("index")

        def link(url: str) -> str:
            return site_link(url, here, self.by_path.get, self.site_url)

        home = self.url_from(here)(index.src_uri) if index is not None else None
        return author.card(self.options.author, self.contacts, link, home)
