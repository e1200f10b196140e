"""A post's Markdown rendered as MkDocs' `Page.render` renders it, by a converter kept from one
post to the next.

MkDocs builds a new `markdown.Markdown` for every page: every extension is imported, made and
registered again (a fifth of the time a benchmark post takes to render). Here each thread keeps
the converter it made for a set of extensions and settings, and `reset()`s it between posts, as
Python-Markdown asks. That is the same rendering only where every extension's `reset()` forgets
all that a page left behind, so a converter is kept only where every extension is one of
`RESETTABLE` and footnotes do not number their ids by page (each tested: a corpus rendered page after page by one kept converter, in two
orders, equals one converter a page, `tests/test_converter.py`); with any other extension, and
with a `Page.render` that is not one of the two this mirrors (MkDocs 1.6's, ProperDocs'), each
post gets a new converter as MkDocs gives it, through `Page.render` itself.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

import markdown
from mkdocs.structure.pages import Page

# Extensions (by module) whose reset() forgets every page's state, as the test finds them.
RESETTABLE = frozenset(
    {
        *(
            f"markdown.extensions.{name}"
            for name in [
                "abbr",
                "admonition",
                "attr_list",
                "codehilite",
                "def_list",
                "extra",
                "fenced_code",
                "footnotes",
                "legacy_attrs",
                "legacy_em",
                "md_in_html",
                "meta",
                "nl2br",
                "sane_lists",
                "smarty",
                "tables",
                "toc",
                "wikilinks",
            ]
        ),
        *(
            f"pymdownx.{name}"
            for name in [
                "arithmatex",
                "betterem",
                "caret",
                "critic",
                "details",
                "emoji",
                "escapeall",
                "extra",
                "fancylists",
                "highlight",
                "inlinehilite",
                "keys",
                "magiclink",
                "mark",
                "progressbar",
                "quotes",
                "saneheaders",
                "smartsymbols",
                "superfences",
                "tabbed",
                "tasklist",
                "tilde",
                "blocks.admonition",
                "blocks.details",
                "blocks.tab",
                "blocks.html",
                "blocks.definition",
                "blocks.caption",
            ]
        ),
        *(
            f"mkdocs_perceptual.markdown.{name}"
            for name in ["commonmark", "headings", "latest", "smartypants"]
        ),
    }
)

# The names MkDocs 1.6's and ProperDocs' `Page.render` use; another is not mirrored here.
_MKDOCS = [
    "markdown",
    "RuntimeError",
    "Markdown",
    "_RawHTMLPreprocessor",
    "_register",
    "_ExtractAnchorsTreeprocessor",
    "file",
    "_RelativePathTreeprocessor",
    "_ExtractTitleTreeprocessor",
    "convert",
    "content",
    "get_toc",
    "getattr",
    "toc",
    "title",
    "_title_from_render",
    "present_anchor_ids",
]
_KNOWN = {
    tuple([*_MKDOCS, "log", "getEffectiveLevel", "logging", "DEBUG", "links_to_anchors"]): True,
    tuple([*_MKDOCS, "links_to_anchors"]): False,
}


def module_of(extension: Any) -> str:
    """The module an entry of `markdown_extensions` comes from, as Python-Markdown finds it."""
    if not isinstance(extension, str):
        return type(extension).__module__
    name = extension.partition(":")[0]
    return name if "." in name else f"markdown.extensions.{name}"


def keepable(extensions: list[Any], configs: dict[str, Any]) -> bool:
    """Whether a kept converter renders as new ones would: every extension resets all it
    holds, and footnotes do not number their ids by page (`UNIQUE_IDS`, which counts resets)."""
    if not all(module_of(e) in RESETTABLE for e in extensions):
        return False
    objects = [e.getConfigs() for e in extensions if hasattr(e, "getConfigs")]
    return not any(_unique_ids(value) for value in [configs, *objects])


def _unique_ids(value: Any) -> bool:
    if isinstance(value, dict):
        return any(
            (key == "UNIQUE_IDS" and bool(item)) or _unique_ids(item) for key, item in value.items()
        )
    return False


class _Kept(threading.local):
    def __init__(self) -> None:
        # (extensions list, settings) by their ids: the objects, what they held, the converter.
        self.converters: dict[tuple[int, int], tuple[Any, Any, Any, markdown.Markdown]] = {}


_kept = _Kept()
# For a configuration without settings: the same dict every time, so its converter is kept.
_NO_SETTINGS: dict[str, Any] = {}


def _converter(extensions: list[Any], configs: dict[str, Any]) -> markdown.Markdown:
    key = (id(extensions), id(configs))
    snapshot = (
        tuple(extensions),
        {k: dict(v) if isinstance(v, dict) else v for k, v in configs.items()},
    )
    held = _kept.converters.get(key)
    if held is not None and held[0] is extensions and held[1] is configs and held[2] == snapshot:
        return held[3].reset()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    if len(_kept.converters) >= 4:
        _kept.converters.pop(next(iter(_kept.converters)))
    _kept.converters[key] = (extensions, configs, snapshot, md)
    return md


def render(page: Any, config: Any, files: Any) -> None:
    """What `Page.render(page, config, files)` does, with a kept converter where it can."""
    conditional = _KNOWN.get(Page.render.__code__.co_names)
    extensions = config["markdown_extensions"]
    configs = config["mdx_configs"] or _NO_SETTINGS
    if conditional is None or page.markdown is None or not keepable(extensions, configs):
        Page.render(page, config, files)
        return
    pages = sys.modules[Page.__module__]
    md = _converter(extensions, configs)
    raw_html = pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative = pages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(md)
    title = pages._ExtractTitleTreeprocessor()
    title._register(md)
    try:
        page.content = md.convert(page.markdown)
    except BaseException:
        # Half a page may be left in it: the next post gets a new one.
        _kept.converters.pop((id(extensions), id(configs)), None)
        raise
    page.toc = pages.get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if not conditional or pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors
