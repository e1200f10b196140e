"""The MkDocs event hooks; the work is done in the modules they call."""

from __future__ import annotations

import os
from typing import Literal

from jinja2 import Environment
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
from mkdocs_perceptual.collect import Collected, collect, navigation, place, read_source
from mkdocs_perceptual.config import PerceptualConfig

log = get_plugin_logger(__name__)

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")


class PerceptualPlugin(BasePlugin[PerceptualConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.found = Collected()
        self.user_nav = False
        self.env: Environment | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds,
        # so every per-build field is reset in on_config.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.found = Collected()
        self.env = None
        self.user_nav = config.nav is not None
        if TEMPLATES not in config.theme.dirs:
            # Last, so the theme and the user's custom_dir can override our templates.
            config.theme.dirs.append(TEMPLATES)
        if self.config.configure_markdown:
            options = self.config
            extensions.setup(config, options.math, options.katex_js, options.katex_css)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.found = collect(files, self.config.timezone)
        show_drafts = self.serving and self.config.drafts_on_serve
        place(files, self.found, config, show_drafts=show_drafts, user_nav=self.user_nav)
        if self.found.errors:
            count = len(self.found.errors)
            raise PluginError(
                f"perceptual: {count} problem{'s' if count > 1 else ''} in the blog's "
                "front matter:\n" + "\n".join(self.found.errors)
            )
        if not self.user_nav:
            config.nav = navigation(files, self.found)
        if self.config.configure_markdown and not extensions.brings_code_colours(config):
            files.append(
                File.generated(config, extensions.PYGMENTS_CSS, content=extensions.pygments_css())
            )
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri not in self.found.posts:
            return None
        # MkDocs only finds front matter fenced by LF line endings.
        return read_source(page.file).replace("\r\n", "\n").replace("\r", "\n")

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if post := self.found.posts.get(page.file.src_uri):
            render.set_template(page, post)
            if self.config.configure_markdown:
                markdown = fences.rewrite_fences(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.configure_markdown and self.config.math == "mathml":
            html = mathml.convert_page(html, lambda msg: log.warning(f"{page.file.src_uri}: {msg}"))
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        post = self.found.posts.get(page.file.src_uri)
        if post is not None and self.env is not None:
            render.add_header(page, post, self.env, self.config.date_format)
            context["perceptual_post"] = post  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        post = self.found.posts.get(page.file.src_uri)
        if post is not None and post.description is not None:
            page.meta["description"] = post.description
            return render.with_description(output, post.description)
        return output
