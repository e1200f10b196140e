"""When a build's pages are written by two processes (`split_pages`); `split.py` says how."""

from __future__ import annotations

import os
import sys
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import steps
from mkdocs_perceptual.build.search import SearchEntries
from mkdocs_perceptual.build.split import Split

log = get_plugin_logger(__name__)

# The fewest pages a build splits: the fork takes some milliseconds, a page about one.
SPLIT_FROM = 200
_PARAMETERS = ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]


def why_not(config: MkDocsConfig, ours: object, search: SearchEntries | None) -> str | None:
    """Why this build's pages cannot be split; None where they can. Another plugin (a hook
    is one) may keep what it sees of each page, which the copy would keep instead."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return "not on Linux"
    wrapped = getattr(search, "_plugin", None) if search is not None and search.wrapped else None
    for name, plugin in config.plugins.items():
        if plugin is not ours and plugin is not wrapped:
            return f"the plugin {name!r} may keep what it sees of each page"
    return None


def _writer(config: MkDocsConfig) -> ModuleType | None:
    """The module of the running MkDocs (or ProperDocs) that writes each page, if it is the
    one this module knows."""
    root = type(config).__module__.split(".")[0]
    module = sys.modules.get(f"{root}.commands.build")
    write = getattr(module, "_build_page", None)
    code = getattr(write, "__code__", None)
    if code is None or list(code.co_varnames[: code.co_argcount]) != _PARAMETERS:
        return None
    return module


def split_pages(config: MkDocsConfig, pages: list[Page], plugin: Any) -> Split | None:
    """The split of the pages `plugin` (this plugin, with its render pool) has MkDocs write,
    put in front of MkDocs' writing; None where there is none (serve and `--dirty` builds,
    whose state records each page written, are never split). With a split the render pool is
    closed: each process makes the search entries of the pages it writes."""
    build, search, pool = plugin.build, plugin.search, plugin.pool
    if not plugin.config.split_writing or plugin.serving or plugin.dirty or build is None:
        return None
    if len(pages) < SPLIT_FROM:
        return None
    reason = why_not(config, plugin, search)
    module = _writer(config) if reason is None else None
    if module is None:
        reason = reason or "this MkDocs writes its pages otherwise"
        log.debug(f"workers: the pages are written in this process alone: {reason}")
        return None
    pool.close()
    plugin.pool = None
    write_feeds = (lambda: steps.write_feed(build, config)) if build.feeds else None
    return Split(module, pages, build=build, search=search, feeds=write_feeds)
