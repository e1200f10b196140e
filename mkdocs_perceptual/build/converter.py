"""A post's Markdown rendered as MkDocs' `Page.render` renders it, by a converter kept from one
post to the next.

MkDocs builds a new `markdown.Markdown` for every page: every extension is imported, made and
registered again (a fifth of the time a benchmark post takes to render). Here each thread keeps
the converter it made for a set of extensions and settings, and `reset()`s it between posts, as
Python-Markdown asks. That is the same rendering only where every extension's `reset()` forgets
all that a page left behind, so a converter is kept only where every extension is one of
`RESETTABLE` (each tested: a corpus rendered page after page by one kept converter, in two
orders, equals one converter a page, `tests/test_converter.py`) and footnotes do not number
their ids by the converter's resets (`UNIQUE_IDS`). With any other extension, and with a
`Page.render` that is not one of the two this mirrors (MkDocs 1.6's, ProperDocs'), each post
gets a new converter as MkDocs gives it, through `Page.render` itself; so does a site whose
settings hold a function from outside the packages whose functions are known to keep nothing
on the converter, or whose extensions include an object other than the plugin's own (see
`keepable`). A converter is made again when the extensions or their settings change (a hook
may change them between pages, in place, to any depth, or call an extension object's
`setConfig`).
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
from typing import Any

import markdown
from markdown.extensions.footnotes import FootnoteExtension
from mkdocs.structure.pages import Page

# Extensions (by module) whose reset() forgets every page's state, as the test finds them.
_BUILT_IN = """abbr admonition attr_list codehilite def_list extra fenced_code footnotes legacy_attrs
    legacy_em md_in_html meta nl2br sane_lists smarty tables toc wikilinks"""
_PYMDOWNX = """arithmatex betterem caret critic details emoji escapeall extra fancylists highlight
    inlinehilite keys magiclink mark progressbar quotes saneheaders smartsymbols superfences tabbed
    tasklist tilde blocks.admonition blocks.details blocks.tab blocks.html blocks.definition
    blocks.caption"""
_OURS = "commonmark headings latest smartypants"
RESETTABLE = frozenset(
    [f"markdown.extensions.{name}" for name in _BUILT_IN.split()]
    + [f"pymdownx.{name}" for name in _PYMDOWNX.split()]
    + [f"mkdocs_perceptual.markdown.{name}" for name in _OURS.split()]
)

# The names MkDocs 1.6's and ProperDocs' `Page.render` use (True: the links to anchors are
# noted above DEBUG only); another `Page.render` is not mirrored here.
_SAME = """markdown RuntimeError Markdown _RawHTMLPreprocessor _register
    _ExtractAnchorsTreeprocessor file _RelativePathTreeprocessor _ExtractTitleTreeprocessor convert
    content get_toc getattr toc title _title_from_render present_anchor_ids"""
_KNOWN = {
    (*_SAME.split(), "log", "getEffectiveLevel", "logging", "DEBUG", "links_to_anchors"): True,
    (*_SAME.split(), "links_to_anchors"): False,
}
# Settings deeper than this are not compared: such a configuration gets a new converter a page.
_DEPTH = 12


def module_of(extension: Any) -> str:
    """The module an entry of `markdown_extensions` comes from, as Python-Markdown finds it."""
    if not isinstance(extension, str):
        return type(extension).__module__
    name = extension.partition(":")[0]
    return name if "." in name else f"markdown.extensions.{name}"


# Packages whose functions in the settings (fence formatters, slugify, emoji generators) keep
# nothing on the converter they are handed.
_VETTED = ("markdown", "pymdownx", "material", "mkdocs_perceptual")


def keepable(extensions: list[Any], configs: Any) -> bool:
    """Whether a kept converter renders as a new one a page: every extension is one whose
    `reset()` forgets all a page left, named, or an object of the plugin's own (a hook's
    object is shared with whoever holds it, who may read its state back, or change it by its
    methods, between pages, and with every converter MkDocs makes for the other pages); and
    no function in the settings comes from elsewhere (one may keep its own state on the
    converter it is handed)."""
    for extension in extensions:
        if module_of(extension) not in RESETTABLE:
            return False
        if not isinstance(extension, str) and not plugins_own(extension):
            return False
    return not _foreign_code(configs, 0)


def plugins_own(extension: Any) -> bool:
    """Whether an extension object is one of the plugin's own, which keep nothing on
    themselves (every processor they make is the converter's)."""
    return _vetted(extension, ("mkdocs_perceptual",))


def _vetted(value: Any, packages: tuple[str, ...] = _VETTED) -> bool:
    if isinstance(value, functools.partial):  # pymdownx.slugs.slugify(case="lower"), say
        return _vetted(value.func, packages) and not _foreign_code([value.args, value.keywords], 1)
    module = getattr(value, "__module__", None) or type(value).__module__
    return isinstance(module, str) and module.split(".")[0] in packages


def _foreign_code(value: Any, depth: int) -> bool:
    if depth > _DEPTH:
        return True
    if isinstance(value, dict):
        return any(_foreign_code(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_foreign_code(v, depth + 1) for v in value)
    if isinstance(value, (str, bytes, int, float, bool, type(None))):
        return False
    return callable(value) and not _vetted(value)


class _Deeper:
    """Settings too deep to compare: equal to nothing, so the converter is made again."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


def snapshot(value: Any, depth: int = 0) -> Any:
    """What a converter was made from, to compare with what the next page would make one
    from: containers copied to any depth, an extension object with its settings, any other
    value as it is (compared by ==, which is identity for most objects)."""
    if depth > _DEPTH:
        return _Deeper()
    if isinstance(value, dict):
        return {k: snapshot(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(snapshot(v, depth + 1) for v in value))
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    if isinstance(value, markdown.Extension):
        return (value, snapshot(getattr(value, "config", None), depth + 1))
    return value


def _numbers_by_reset(md: markdown.Markdown) -> bool:
    """Footnotes with `UNIQUE_IDS` number their ids by the converter's resets: MkDocs numbers
    every page's alike, a kept converter each next page's one more. Asked of the footnotes the
    converter has, however the setting was given (by name, under `extra`, as pairs, on an
    object)."""
    return any(
        isinstance(ext, FootnoteExtension) and bool(ext.getConfig("UNIQUE_IDS"))
        for ext in md.registeredExtensions
    )


class _Kept(threading.local):
    def __init__(self) -> None:
        # By the ids of the extensions list and the settings: those objects, what they held,
        # and the converter (None: not to be kept, each page renders through Page.render).
        self.converters: dict[tuple[int, int], tuple[Any, Any, Any, markdown.Markdown | None]] = {}


_kept = _Kept()
# For a configuration without settings: the same dict every time, so its converter is kept.
_NO_SETTINGS: dict[str, Any] = {}


def _key(extensions: list[Any], configs: dict[str, Any]) -> tuple[int, int]:
    return id(extensions), id(configs)


def _converter(extensions: list[Any], configs: dict[str, Any]) -> markdown.Markdown | None:
    key = _key(extensions, configs)
    made_from = snapshot([extensions, configs])
    held = _kept.converters.get(key)
    if held is not None and held[0] is extensions and held[1] is configs and held[2] == made_from:
        return None if held[3] is None else held[3].reset()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    kept = None if _numbers_by_reset(md) else md
    if len(_kept.converters) >= 4:
        _kept.converters.pop(next(iter(_kept.converters)))
    # Taken again now: making the converter may have settled a setting in place.
    _kept.converters[key] = (extensions, configs, snapshot([extensions, configs]), kept)
    return kept


def render(page: Any, config: Any, files: Any) -> None:
    """What `Page.render(page, config, files)` does, with a kept converter where it can."""
    conditional = _KNOWN.get(Page.render.__code__.co_names)
    extensions = config["markdown_extensions"]
    configs = config["mdx_configs"] or _NO_SETTINGS
    md = None
    if conditional is not None and page.markdown is not None and keepable(extensions, configs):
        try:
            md = _converter(extensions, configs)
        except Exception:
            # Settings that cannot be compared (an object whose == raises), or that Markdown
            # refuses: Page.render makes of them what MkDocs makes, its error included.
            _kept.converters.pop(_key(extensions, configs), None)
    if md is None:
        Page.render(page, config, files)
        return
    pages = sys.modules[Page.__module__]
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
        _kept.converters.pop(_key(extensions, configs), None)
        raise
    page.toc = pages.get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if not conditional or pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors
