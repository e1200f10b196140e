"""The Markdown extensions a Lumen post needs, merged into the user's `markdown_extensions`."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from pygments.formatters import HtmlFormatter

from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen.slugs import title_slug
from mkdocs_perceptual.markdown import remark
from mkdocs_perceptual.markdown.headings import HeadingIdsExtension
from mkdocs_perceptual.markdown.latest import LatestPostsExtension

__all__ = ["Reading", "Readings", "code_colours_css", "setup", "title_slug"]


def our_extensions(math: str) -> dict[str, dict[str, Any]]:
    """The extensions and settings Lumen's rendering needs, before the user's own settings."""
    extensions: dict[str, dict[str, Any]] = {
        "toc": {"permalink": True},
        "pymdownx.highlight": {"use_pygments": True, "pygments_lang_class": True},
        "pymdownx.superfences": {},
        "pymdownx.inlinehilite": {},
    }
    if math != "none":
        # Lumen (remark-math) knows $...$ and $$...$$ only; "\(" in its prose is a parenthesis.
        extensions["pymdownx.arithmatex"] = {
            "generic": True,
            "inline_syntax": ["dollar"],
            "block_syntax": ["dollar"],
        }
    return extensions


def named(extensions: list[Any]) -> set[str]:
    """The extensions of a `markdown_extensions` list by name: a name as written, and an
    Extension object (which a hook or a plugin may add) by its module's name, as
    Python-Markdown would be given it (`footnotes` for `markdown.extensions.footnotes`)."""
    names = set()
    for extension in extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        names.add(name)
        if name.startswith("markdown.extensions."):
            names.add(name.removeprefix("markdown.extensions."))
    return names


def merge_extensions(config: MkDocsConfig, math: str) -> None:
    """Add our extensions to the site's; for every setting the user wrote, theirs wins (and an
    extension the user gave as an object keeps its own settings)."""
    names = named(config.markdown_extensions)
    for name, settings in our_extensions(math).items():
        theirs = config.mdx_configs.get(name, {})
        config.mdx_configs[name] = {**copy.copy(settings), **theirs}
        if name not in names:
            config.markdown_extensions.append(name)
    # Heading ids as Lumen's gatsby-remark-autolink-headers made them; toc keeps an id a
    # heading has. Markdown takes Extension objects beside names, and MkDocs passes them on.
    config.markdown_extensions.append(HeadingIdsExtension())  # type: ignore[arg-type]
    # `/// latest-posts` in any page (pymdown-extensions' Blocks).
    config.markdown_extensions.append(LatestPostsExtension())


def pygments_css(light: str = "default", dark: str = "monokai") -> str:
    """Code colours for themes that bring none: light, and dark when the reader prefers it."""
    light_rules = HtmlFormatter(style=light).get_style_defs(".highlight")
    dark_rules = HtmlFormatter(style=dark).get_style_defs(".highlight")
    dark_block = "\n".join("  " + line for line in dark_rules.splitlines())
    return f"{light_rules}\n@media (prefers-color-scheme: dark) {{\n{dark_block}\n}}\n"


PYGMENTS_CSS = "perceptual/pygments.css"
# Loads the comments when the reader asks (mkdocs_perceptual.site.comments).
COMMENTS_JS = "perceptual/comments.js"


def brings_code_colours(config: MkDocsConfig) -> bool:
    """Material styles Pygments' output itself; other themes need our stylesheet."""
    return config.theme.name == "material"


@dataclasses.dataclass(frozen=True)
class Reading:
    """A set of Markdown extensions and their settings, as MkDocs' config holds them."""

    extensions: list[Any]
    configs: dict[str, dict[str, Any]]

    def apply(self, config: MkDocsConfig) -> None:
        """Make the next page MkDocs renders read its Markdown this way."""
        config.markdown_extensions = self.extensions
        config.mdx_configs = self.configs


@dataclasses.dataclass(frozen=True)
class Readings:
    """How the site's pages are read, and how Lumen files are (remark's reading)."""

    site: Reading
    lumen: Reading


def setup(config: MkDocsConfig, options: PerceptualConfig) -> None:
    """The plugin's stylesheet; with `configure_markdown`, the extensions, stylesheets and
    scripts for math and code; with `prune_nav`, Material's pruned navigation."""
    config.extra_css.append("perceptual/blog.css")
    if config.theme.name == "mkdocs":
        # One header row, no empty table-of-contents box, code blocks as good as Material's.
        config.extra_css.append("perceptual/mkdocs-theme.css")
    if options.comments != "none":
        config.extra_javascript.append(COMMENTS_JS)
    if options.prune_nav and config.nav is None:
        prune_material_nav(config)
    if options.configure_markdown:
        _setup_markdown(config, options.math, options.katex_js, options.katex_css)


def readings(config: MkDocsConfig, options: PerceptualConfig) -> Readings | None:
    """The site's reading and Lumen files' (remark's), when Lumen files are read as remark
    read them (`lumen_markdown`). Taken once every plugin's and hook's `on_config` has run
    (MkDocs runs hooks after the plugins), so that the extensions they add are in both."""
    if not options.configure_markdown or not options.lumen_markdown:
        return None
    site = Reading(list(config.markdown_extensions), dict(config.mdx_configs))
    lumen = Reading(list(site.extensions), dict(site.configs))
    names = named(lumen.extensions)
    for name, settings in remark.EXTENSIONS.items():
        lumen.configs[name] = {**copy.copy(settings), **site.configs.get(name, {})}
        if name not in names:
            lumen.extensions.append(name)
    return Readings(site, lumen)


def code_colours_css(config: MkDocsConfig, options: PerceptualConfig) -> str | None:
    """The Pygments stylesheet, where the theme brings no code colours of its own."""
    if options.configure_markdown and not brings_code_colours(config):
        return pygments_css()
    return None


def _setup_markdown(config: MkDocsConfig, math: str, katex_js: str, katex_css: str) -> None:
    merge_extensions(config, math)
    if math == "mathml":
        config.extra_css.append("perceptual/math.css")
    elif math == "katex":
        config.extra_css.append(katex_css)
        config.extra_javascript.append(katex_js)
        config.extra_javascript.append("perceptual/katex-init.js")
    if not brings_code_colours(config):
        config.extra_css.append(PYGMENTS_CSS)
        # highlight.js would colour the code a second time, from a CDN.
        config.theme["highlightjs"] = False


def prune_material_nav(config: MkDocsConfig) -> None:
    """Material's `navigation.prune`: each page carries the items of its own section only.
    A blog's navigation holds a section per category; rendered whole into every page it
    makes the build several times slower and every page several times larger."""
    if config.theme.name != "material":
        return
    features = config.theme.get("features") or []
    if "navigation.prune" not in features and "navigation.expand" not in features:
        config.theme["features"] = [*features, "navigation.prune"]
