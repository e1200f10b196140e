"""The MkDocs event hooks; the work is done in the modules they call."""

from __future__ import annotations

import os
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.base import ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from mkdocs_perceptual import fences, render
from mkdocs_perceptual import markdown as extensions
from mkdocs_perceptual import math as mathml
from mkdocs_perceptual.blog import Blog, BuildError, ListingPage
from mkdocs_perceptual.collect import read_source
from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.links import rewrite_links

log = get_plugin_logger(__name__)

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")


class PerceptualPlugin(BasePlugin[PerceptualConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.blog: Blog | None = None
        self.env: Environment | None = None

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        # MkDocs only warns about an unknown option; a misspelt one would silently do nothing.
        errors, warnings = super().load_config(options, config_file_path)
        known = ", ".join(name for name, _ in self.config._schema)
        for key, message in list(warnings):
            if isinstance(message, str) and message.startswith("Unrecognised configuration name"):
                warnings.remove((key, message))
                errors.append((key, ValidationError(f"unknown option; the options are: {known}")))
        return errors, warnings

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds,
        # so every per-build field is reset in on_config.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.blog = Blog(self.config, serving=self.serving, user_nav=config.nav is not None)
        self.env = None
        if TEMPLATES not in config.theme.dirs:
            # Last, so the theme and the user's custom_dir can override our templates.
            config.theme.dirs.append(TEMPLATES)
        config.extra_css.append("perceptual/blog.css")
        if self.config.configure_markdown:
            options = self.config
            extensions.setup(config, options.math, options.katex_js, options.katex_css)
        if self.config.prune_nav and config.nav is None:
            extensions.prune_material_nav(config)
        if self.config.static_dir is not None and config.config_file_path:
            root = os.path.dirname(config.config_file_path)
            config.watch.append(os.path.join(root, self.config.static_dir))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.blog is not None
        try:
            self.blog.prepare(files, config)
        except BuildError as e:
            count = len(e.problems)
            raise PluginError(
                f"perceptual: {count} problem{'s' if count > 1 else ''} in the blog:\n{e}"
            ) from None
        if self.config.configure_markdown and not extensions.brings_code_colours(config):
            css = extensions.pygments_css()
            files.append(File.generated(config, extensions.PYGMENTS_CSS, content=css))
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.blog is None or self.blog.post(page) is None:
            return None
        source = self.blog.found.sources.pop(page.file.src_uri, None)
        if source is None:  # read already, in an earlier `mkdocs serve --dirty` pass
            source = read_source(page.file)
        # MkDocs only finds front matter fenced by LF line endings.
        return source.replace("\r\n", "\n").replace("\r", "\n")

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.blog is None:
            return markdown
        if (post := self.blog.post(page)) is not None:
            render.set_template(page, post)
            if self.config.configure_markdown:
                markdown = fences.rewrite_fences(markdown)
        if post is not None or page.file.generated_by == "perceptual":
            render.escape_title(page, post)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.blog is not None
        src = page.file.src_uri

        def warn(message: str) -> None:
            log.warning(f"{src}: {message}")

        html = rewrite_links(html, page.file, self.blog.lookup, warn)
        if self.config.configure_markdown and self.config.math == "mathml":
            html = mathml.convert_page(html, warn)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        if self.blog is not None:
            self.blog.fill_generated(env, config)
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.blog is None or self.env is None:
            return context
        listing = self.blog.listing_content(page, self.env, config)
        if listing is not None:
            page.content = listing
        post = self.blog.post(page)
        if post is not None:
            render.decorate(page, post, self.blog, self.env, config)
            context["perceptual_post"] = post  # type: ignore[typeddict-unknown-key]
            context["perceptual_social"] = render.social(post, page, config)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.blog is None:
            return output
        post = self.blog.post(page)
        description = post.description if post is not None else None
        if description is not None:
            page.meta["description"] = description
        if isinstance(page, ListingPage):
            page.content = None  # written; it is rendered again for the next build
        feed = self.blog.feed_file
        href = feed.url_relative_to(page.file) if feed is not None else None  # the <head> link
        return render.with_head_tags(output, description, href)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # `mkdocs serve` keeps this plugin between rebuilds: let go of the finished build's
        # posts, pages and listings, so the next build does not carry them beside its own.
        self.blog = None
        self.env = None
