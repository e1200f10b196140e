"""One build of the blog: the state the hooks in plugin.py share, from on_files to
on_post_build, and the few steps that need more than one concern's module."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from jinja2 import Environment
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from mkdocs_perceptual import (
    extensions,
    feed,
    fences,
    listings,
    mathml,
    nav,
    outputs,
    posts,
    remark,
)
from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.links import raw_html_links, rewrite_links
from mkdocs_perceptual.page import decorate, set_meta, with_head_tags
from mkdocs_perceptual.urls import link_keys

log = get_plugin_logger(__name__)


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

    def __init__(self, options: PerceptualConfig, *, serving: bool, user_nav: bool) -> None:
        self.options = options
        self.show_drafts = serving and options.drafts_on_serve
        self.user_nav = user_nav
        self.files = Files([])
        self.posts: dict[str, Post] = {}
        self.sources: dict[str, str] = {}
        self.plan = listings.Plan()
        self.feed_file: File | None = None
        self.by_path: dict[str, File] = {}
        # Captured as each post is rendered (on_page_content), read by the listings and feed.
        self.bodies: dict[str, _Body] = {}
        self.excerpts: dict[str, str] = {}
        self._env: Environment | None = None
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
        self.by_path = {key: f for f in files if self._written(f) for key in link_keys(f.dest_uri)}
        if self.posts and not self.user_nav:
            config.nav = nav.navigation(
                files, self.posts, self.plan, self.options.nav_posts_per_category
            )

    def _add_outputs(self, files: Files, config: MkDocsConfig) -> list[str]:
        options = self.options
        prefix = listings.index_prefix(options.blog_index, files)
        self.plan = listings.plan(self.published(), options.posts_per_page, prefix)
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
        self.feed_file = feed.feed_file(options.feed_path, config, out.errors)
        if self.feed_file is not None:
            out.add_written_later(self.feed_file.dest_uri, "the RSS feed")
        return out.errors + out.collisions(config, self._written)

    def _written(self, file: File) -> bool:
        written = InclusionLevel.is_in_serve if self.show_drafts else InclusionLevel.is_included
        return bool(written(file.inclusion))

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

        def url_of(src_uri: str) -> str | None:
            target = self.files.get_file_from_path(src_uri)
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
        if post is None:
            return markdown
        markdown = raw_html_links(markdown, post.src_uri)
        if not self.options.configure_markdown:
            return markdown
        markdown = fences.rewrite_fences(markdown)
        return remark.prepare(markdown) if self.options.lumen_markdown else markdown

    def render_content(self, html: str, page: Page, config: MkDocsConfig) -> str:
        """A page's HTML with root links made relative and math converted; for a post, with
        its header and footer, its body and excerpt captured for the listings and feed."""
        src = page.file.src_uri

        def warn(message: str) -> None:
            log.warning(f"{src}: {message}")

        html = rewrite_links(html, page.file, self.by_path.get, warn)
        if self.options.configure_markdown and self.options.math == "mathml":
            html = mathml.convert_page(html, warn)
        post = self.posts.get(src)
        if post is None:
            return html
        if self._env is None:
            self._env = config.theme.get_env()
        url_of = self.url_from(page.file)
        category = self.plan.first_page("category", post.category) if post.category else None
        tags = [(tag, self.plan.first_page("tag", tag)) for tag in post.tags]
        done = decorate(
            html,
            post,
            self._env,
            date_format=self.options.date_format,
            category_url=url_of(category.src_uri) if category else None,
            tag_urls=[(tag, url_of(listing.src_uri)) for tag, listing in tags if listing],
        )
        self.bodies[src] = _Body(done.body_start, done.body_end, len(done.content))
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

    # -- on_env ---------------------------------------------------------------------------

    def render_missing(self, config: MkDocsConfig, files: Files) -> None:
        """Render the published posts MkDocs did not (`--dirty` renders changed files only):
        the listings' excerpts and the feed need every one."""
        for post in self.published():
            file = files.get_file_from_path(post.src_uri)
            if post.src_uri not in self.bodies and file is not None and file.page is not None:
                _populate_page(file.page, config, files)

    def listing_content(self, page: Page, env: Environment, config: MkDocsConfig) -> str | None:
        """The HTML of a listing page, or None for any other page."""
        listing = self.plan.listings.get(page.file.src_uri)
        if listing is None or not isinstance(page, listings.ListingPage):
            return None
        return listings.html(
            self.plan,
            listing,
            env=env,
            site_name=config.site_name,
            date_format=self.options.date_format,
            url_of=self.url_from(page.file),
            excerpts=self.excerpts,
        )

    # -- on_post_page, on_post_build --------------------------------------------------------

    def head_tags(self, output: str, page: Page) -> str:
        post = self.post(page)
        description = post.description if post is not None else None
        href = self.feed_file.url_relative_to(page.file) if self.feed_file is not None else None
        return with_head_tags(output, description, href)

    def write_feed(self, config: MkDocsConfig) -> None:
        if self.feed_file is None:
            return
        newest = listings.newest_first(self.published())[: self.options.feed_limit]

        def url_of(src_uri: str) -> str | None:
            file = self.files.get_file_from_path(src_uri)
            return file.page.canonical_url if file is not None and file.page else None

        feed.write(self.feed_file, config, newest, self.body_of, url_of)
