"""The MkDocs event hooks: each makes one call into the modules that do the work."""

from __future__ import annotations

import os
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.base import ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from mkdocs_perceptual import TEMPLATES
from mkdocs_perceptual.build import features, parallel, processes, searchparse, steps, templates
from mkdocs_perceptual.build.cache import RenderCache, render_through
from mkdocs_perceptual.build.clearing import Clearing, prepare_site
from mkdocs_perceptual.build.dirty import DirtyState
from mkdocs_perceptual.build.folders import Folders
from mkdocs_perceptual.build.images import ProbeIndex
from mkdocs_perceptual.build.memory import let_go
from mkdocs_perceptual.build.search import SearchEntries, leave_out_footers
from mkdocs_perceptual.build.split import Split
from mkdocs_perceptual.build.split_plan import split_pages
from mkdocs_perceptual.build.state import Build, BuildError
from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen.posts import read_source
from mkdocs_perceptual.markdown import extensions
from mkdocs_perceptual.site import comments, outputs
from mkdocs_perceptual.site.compact import compact
from mkdocs_perceptual.site.highlight import NavHighlight
from mkdocs_perceptual.site.listing_pages import ListingPage
from mkdocs_perceptual.site.page import social

log = get_plugin_logger(__name__)


class PerceptualPlugin(BasePlugin[PerceptualConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = self.dirty = False
        # The caches and the pages last written, across builds (dirty.py).
        self.state: DirtyState | None = None
        self.cache_dir: str | None = None  # set where the state is kept on disk
        # None outside a build: every hook below checks it once, first.
        self.build: Build | None = None
        self.env: Environment | None = None
        self.nav: Navigation | None = None
        self.probes = ProbeIndex()  # the originals' probes, across serve's rebuilds
        # The render pool (parallel.py) and its search entries, for this build alone.
        self.pool: processes.Pool | None = None
        self.folders: Folders | None = None  # the pages' folders, made ahead
        self.clearing: Clearing | None = None  # the previous site, removed beside the build
        self.search: SearchEntries | None = None
        self.split: Split | None = None  # the pages written by two processes

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        # MkDocs only warns about an unknown option; a misspelt one would silently do nothing.
        errors, warnings = super().load_config(options, config_file_path)
        if not errors:
            errors += [
                (key, ValidationError(message)) for key, message in comments.problems(self.config)
            ]
        known = ", ".join(name for name, _ in self.config._schema)
        for key, message in list(warnings):
            if isinstance(message, str) and message.startswith("Unrecognised configuration name"):
                warnings.remove((key, message))
                errors.append((key, ValidationError(f"unknown option; the options are: {known}")))
        return errors, warnings

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across serve's rebuilds: see on_config.
        self.serving = command == "serve"
        self.dirty = dirty
        # Renderings and search entries: kept across serve's rebuilds, on disk with cache/--dirty.
        keep = self.serving or dirty or self.config.cache
        self.state = DirtyState() if keep else None
        self.probes = ProbeIndex()

    @property
    def cache(self) -> RenderCache | None:
        """The render cache, where the state is kept."""
        return self.state.render if self.state is not None else None

    @property
    def search_cache(self) -> SearchEntries | None:
        """The search entries' cache, where the state is kept."""
        return self.state.search if self.state is not None else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._stop_helpers()  # an earlier build's, had it ended without on_post_build
        self.build = Build(
            self.config,
            serving=self.serving,
            user_nav=config.nav is not None,
            cache=self.cache,
            dirty=self.dirty,
        )
        self.env = None
        # Where the state is kept on disk (`cache`, `--dirty`); serve keeps it in memory.
        on_disk = self.state is not None and (self.config.cache or self.dirty)
        self.cache_dir = self._cache_folder(config) if on_disk else None
        self.build.probes = self.probes
        if self.config.images.enabled:
            self.build.images_folder = os.path.join(self._cache_folder(config), "images")
        if self.cache_dir is not None and self.state is not None:
            self.state.load(self.cache_dir)  # once: serve's rebuilds keep what it read
        if TEMPLATES not in config.theme.dirs:
            # Last, so the theme and the user's custom_dir can override our templates.
            config.theme.dirs.append(TEMPLATES)
        extensions.setup(config, self.config)
        templates.share_compiled_templates(config.theme)
        if self.config.static_dir is not None and config.config_file_path:
            root = os.path.dirname(config.config_file_path)
            config.watch.append(os.path.join(root, self.config.static_dir))
        return config

    @event_priority(-100)  # last: MkDocs empties the site folder next
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.clearing = prepare_site(config.site_dir, dirty=self.dirty)

    def _cache_folder(self, config: MkDocsConfig) -> str:
        """`cache_dir`, checked: the state and the images' copies are kept there."""
        root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        folder = os.path.normpath(os.path.join(root, self.config.cache_dir))
        problem = outputs.cache_dir_problem(folder, root, config.docs_dir, config.site_dir)
        if problem is not None:
            raise PluginError(
                f"perceptual: cache_dir {self.config.cache_dir!r} {problem}: give a folder "
                "inside the project, outside docs_dir and site_dir, such as "
                "'.cache/plugin/perceptual' (the default)"
            )
        return folder

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.build is None:
            return files
        self.build.readings = extensions.readings(config, self.config)
        self.pool = parallel.start_early(files, self.cache, self.config.workers, config)
        try:
            self.build.prepare(files, config)
        except BuildError as e:
            count = len(e.problems)
            raise PluginError(
                f"perceptual: {count} problem{'s' if count > 1 else ''} in the blog:\n{e}"
            ) from None
        if (css := extensions.code_colours_css(config, self.config)) is not None:
            files.append(File.generated(config, extensions.PYGMENTS_CSS, content=css))
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.build is None or self.build.post(page) is None:
            return None
        source = self.build.sources.pop(page.file.src_uri, None)
        if source is None:  # handed over already: the page is read again this build
            source = read_source(page.file)
        # MkDocs only finds front matter fenced by LF line endings.
        return source.replace("\r\n", "\n").replace("\r", "\n")

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.build is None:
            return markdown
        return steps.read_markdown(self.build, markdown, page, config)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.build is None:
            return html
        return steps.render_content(self.build, html, page, config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.build is not None:
            self.build.highlight = NavHighlight(nav)
            workers = parallel.worker_count(self.config.workers)
            # Without a cache kept across builds, the pool's go into one for this build alone.
            cache = self.cache or (RenderCache(once=True) if workers > 1 else None)
            render_through(cache, self.build.posts, self.build.files, config, self.config)
            if cache is not None and workers > 1:
                self.pool = parallel.render_posts(self.build, cache, config, workers, self.pool)
        searchparse.speed_up(config.plugins)  # under the search entries' own wrapping
        self.search = self.search_cache or (SearchEntries(saving=False) if self.pool else None)
        if self.search is not None:
            self.search.wrap(config.plugins, config.theme)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        if self.build is not None and self.nav is not None:
            templates.memoize_nav(env, self.nav, config)
        if (build := self.build) is not None and build.images is not None:
            # Before files are copied and a dirty build compares: failed images put back.
            build.images.process(
                lambda page, new, old: steps.undo_picture(build, page, new, old),
                parallel.worker_count(self.config.workers),
            )
        if (current := self.build) is not None:
            leave_out_footers(config.plugins, lambda page: features.body_end(current, page))
        pages = self._pages(files)
        if self.build is not None and not self.dirty:
            self.folders = Folders(page.file.abs_dest_path for page in pages).start()
        if self.build is not None and self.state and self.nav and self.dirty:
            self.state.choose(self.build, files, self.nav, config, pages)
        if self.pool is not None:
            parallel.after_reading(self.pool)
            self.split = split_pages(config, pages, self)  # which closes the pool if it splits
        if self.pool is not None and self.search is not None:
            # The pages are rendered: the workers make their search entries as they are written.
            self.search.prefetch(pages, self.pool)
        return env

    def _pages(self, files: Files) -> list[Page]:
        """The pages MkDocs writes, in the order it writes them."""
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        return [f.page for f in files.documentation_pages(inclusion=inclusion) if f.page]

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.build is None or self.env is None:
            return context
        if (listing := steps.listing_content(self.build, page, self.env, config)) is not None:
            page.content = listing
        steps.light_stand_in(self.build, page)
        let_go(self.build, page)  # the page written before this one
        if (post := self.build.post(page)) is not None:
            context["perceptual_post"] = post  # type: ignore[typeddict-unknown-key]
            context["perceptual_social"] = social(  # type: ignore[typeddict-unknown-key]
                post,
                page,
                config,
                fallback_image=self.config.social_image,
                author=self.config.author.name,
                beside=steps.beside_path(self.build, post.src_uri),
            )
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.build is None:
            return output
        if self.config.compact_html:
            output = compact(output, page.content)
        if isinstance(page, ListingPage):
            page.content = None  # written: a listing is rendered afresh for each build
        steps.unlight(self.build)
        if self.env is not None:
            output = features.fill_latest(self.build, output, page, self.env)
        return steps.head_tags(self.build, output, page)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.build is None or template_name != "404.html":
            return output_content
        return steps.not_found_page(self.build, output_content)

    # Before the search plugins write their index: the pages a dirty build left add theirs.
    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        fed = self.split is not None and self.split.finish()  # the copy wrote the feeds
        self._stop_helpers()
        if self.build is not None:
            let_go(self.build, None)
            if not fed:
                steps.write_feed(self.build, config)
            steps.prune(self.build, config)
        if self.state is not None and self.build is not None:
            if self.dirty:
                pages = self._pages(self.build.files)
                self.state.search.in_order(pages)
                self.state.record(pages)
            else:
                self.state.forget_pages()  # a clean build wrote every page afresh
        if self.state is not None:
            self.state.end_build()
            if self.cache_dir is not None and not self.serving:
                self.state.save(self.cache_dir)
        # Serve keeps this plugin between rebuilds: the next does not carry this one's pages.
        self.build = self.env = self.nav = self.search = None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_helpers()

    def _stop_helpers(self) -> None:
        for helper in (self.folders, self.clearing):
            if helper is not None:
                helper.finish()
        for running in (self.split, self.pool):
            if running is not None:
                running.close()
        self.folders = self.clearing = self.split = self.pool = None
