"""When a build's pages are written by two processes, and where the copy's share begins
(`split_pages`); `split.py` says how."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import features, steps
from mkdocs_perceptual.build.search import SearchEntries
from mkdocs_perceptual.build.split import Split
from mkdocs_perceptual.build.state import Build

log = get_plugin_logger(__name__)

# The fewest pages a build splits: the fork takes some milliseconds, a page about one.
SPLIT_FROM = 200
# What a page the search plugin indexes costs beside one it does not, in pages: in one-process
# builds of the benchmark's blogs a post took 3.0 ms to write (Material's search parses its
# HTML), a listing page 1.8 ms, at 1,000 posts and at 5,000.
INDEXED = 0.6
# What writing the feeds costs, in pages: for each post they hold, and for each entry (a
# post in one feed). Fitted to the benchmark's blogs, where a page the search plugin does not
# index took 1.8 ms to write: at 1,000 posts 950 posts and 6,650 entries took 0.29 s, at
# 5,000 posts 4,750 and 22,000 (the site's feeds hold the newest 1,000) 1.19 s.
FEED_POST, FEED_ENTRY = 0.08, 0.0127
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


def share(pages: Sequence[Page], indexed: Callable[[Page], bool], after: float = 0.0) -> int:
    """Where the copy's pages begin: each process writes about half of what the pages cost,
    a page the search plugin indexes costing it `INDEXED` more, and the copy then does what
    costs `after` pages (the feeds)."""
    costs = [1 + (INDEXED if indexed(page) else 0.0) for page in pages]
    half, done = (sum(costs) + after) / 2, 0.0
    for at, cost in enumerate(costs):
        if done + cost / 2 >= half:
            return at
        done += cost
    return len(pages)


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
    indexed = search is not None and search.entries is not None
    feeds = feeds_cost(build)
    at = share(pages, lambda page: indexed and _indexed(page), feeds)
    if at >= len(pages):
        return None
    pool.close()
    plugin.pool = None
    write_feeds = (lambda: steps.write_feed(build, config)) if feeds else None
    return Split(module, pages, at, build=build, search=search, feeds=write_feeds)


def feeds_cost(build: Build) -> float:
    """What writing `build`'s feeds costs, in pages (`FEED_POST`, `FEED_ENTRY`)."""
    if not build.feeds:
        return 0.0
    held: Counter[tuple[str, str | None]] = Counter()  # each feed's posts, up to the limit
    posts, limit = 0, build.options.feed_limit
    for post in build.published():
        keys = [key for key in features.feed_keys(build, post) if key in build.feeds_by_key]
        kept = [key for key in keys if held[key] < limit]
        held.update(kept)
        posts += bool(kept)
    entries = sum(n * len(build.feeds_by_key[key]) for key, n in held.items())
    return posts * FEED_POST + entries * FEED_ENTRY


def _indexed(page: Page) -> bool:
    search = page.meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))
