"""What a `--dirty` build may leave as the last build wrote it, and the cache on disk.

MkDocs' `--dirty` rebuilds the pages whose Markdown file is newer than their output. That is
not enough for a blog: a post's title shows in every page's navigation, its excerpt in the
listings, its title in its neighbours' newer/older links; and the search plugins write their
index from the pages of the build alone. So here every page is read and rendered (through the
render cache, so only changed posts are rendered again), and then, before MkDocs writes the
pages, each page's *fingerprint* is taken: a hash of everything its template is given (its
HTML, table of contents, front matter, title and URLs, its neighbours, the whole navigation,
the configuration of MkDocs, the theme and every plugin, the installed versions, the files of
the theme's `custom_dir`) and of what this plugin adds as it writes it. A page whose fingerprint
is the one it had when it was last written, and whose output file is still the one written
then (same size and time), is left alone; every other page is written. Its search entries
are kept (search.SearchEntries), so the index stays whole.

A plugin this module does not know might change a page in a way no fingerprint shows, so with
any plugin besides search and this one, every page is written (as before).

The state lives in memory across the rebuilds of one `mkdocs serve --dirty`; for
`mkdocs build --dirty`, and with the `cache` option, it is kept in `cache_dir` (one JSON file).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import memory, steps
from mkdocs_perceptual.build.cache import Entry, RenderCache
from mkdocs_perceptual.build.fingerprint import (
    digest,
    nav_fingerprint,
    page_fingerprint,
    site_fingerprint,
    versions,
)
from mkdocs_perceptual.build.search import SearchEntries
from mkdocs_perceptual.build.state import KNOWN_PLUGINS, Build
from mkdocs_perceptual.build.stored import entry_data, entry_from

log = get_plugin_logger(__name__)

FORMAT = 1
STATE_FILE = "state.json"


def _stamp(path: str) -> list[int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


@dataclasses.dataclass
class Written:
    """A page as the last build wrote it."""

    fingerprint: str
    stamp: list[int]  # its output's size and time, then
    search: str | None  # the key its search entries are kept under


class DirtyState:
    """The written pages of the last build, and the caches, across builds."""

    def __init__(self) -> None:
        self.site_dir = ""
        self.pages: dict[str, Written] = {}  # dest_uri -> as last written
        self.render = RenderCache()
        self.search = SearchEntries()
        # This build's choices: each page's fingerprint, and the pages left as they were.
        self._fingerprints: dict[str, str] = {}
        self.kept: list[str] = []
        self._saved = ""  # the signature of what is on disk, as last read or written
        self._loaded = False

    # -- a build ----------------------------------------------------------------------------

    def choose(
        self, build: Build, files: Files, nav: Navigation, config: MkDocsConfig, pages: list[Page]
    ) -> None:
        """In a `--dirty` build: fingerprint every page, and leave alone the pages whose output
        is as it would be written now. Called in on_env: after every page is rendered, before
        MkDocs writes any."""
        self._fingerprints = {}
        self.kept = []
        site_dir = os.path.realpath(config.site_dir)
        if site_dir != self.site_dir:
            self.pages, self.site_dir = {}, site_dir
        others = sorted(set(config.plugins) - KNOWN_PLUGINS)
        if others:
            log.info(
                f"--dirty writes every page: the plugin{'s' if len(others) > 1 else ''} "
                f"{', '.join(others)} may change pages in ways this plugin cannot check"
            )
            for page in pages:
                _write(page.file)
            return
        site, nav_print = site_fingerprint(config), nav_fingerprint(nav)
        for page in pages:
            fingerprint = page_fingerprint(
                page, site, nav_print, steps.page_inputs(build, page, config)
            )
            self._fingerprints[page.file.src_uri] = fingerprint
            if self._unchanged(page, fingerprint):
                _leave(page.file)
                self.kept.append(page.file.src_uri)
            else:
                _write(page.file)
        if self.kept:
            log.info(
                f"--dirty: {len(pages) - len(self.kept)} of {len(pages)} pages written, "
                f"{len(self.kept)} unchanged since the last build"
            )

    def _unchanged(self, page: Page, fingerprint: str) -> bool:
        written = self.pages.get(page.file.dest_uri)
        if written is None or written.fingerprint != fingerprint:
            return False
        if _stamp(page.file.abs_dest_path) != written.stamp:
            return False  # removed, or written since by something else
        if self.search.wrapped:
            return written.search is not None and self.search.keep(page, written.search)
        return True

    def record(self, pages: list[Page]) -> None:
        """After the build: what each page's output now is."""
        kept = set(self.kept)
        recorded = {}
        for page in pages:
            src = page.file.src_uri
            fingerprint = self._fingerprints.get(src)
            stamp = _stamp(page.file.abs_dest_path)
            if fingerprint is None or stamp is None:
                continue
            if src in kept and (old := self.pages.get(page.file.dest_uri)) is not None:
                recorded[page.file.dest_uri] = old
                continue
            recorded[page.file.dest_uri] = Written(fingerprint, stamp, self.search.key_of(page))
        self.pages = recorded
        self._fingerprints = {}

    def end_build(self) -> None:
        """Forget the renderings and search entries this build did not use."""
        self.render.end_build()
        self.search.end_build()

    def forget_pages(self) -> None:
        """After a clean build: no page is as a dirty build last wrote it."""
        self.pages = {}

    # -- on disk ----------------------------------------------------------------------------

    def _signature(self) -> str:
        """What `save` would write, in brief: the keys of the caches, the pages, and whether
        anything was made afresh (an entry made again, its links moved, keeps its key)."""
        return digest(
            self.render.misses,
            self.search.misses,
            sorted(self.render.entries),
            sorted(self.search.saved),
            self.site_dir,
            sorted((k, dataclasses.astuple(v)) for k, v in self.pages.items()),
        )

    def load(self, folder: str) -> None:
        """The state `save` left in `folder`, if it is of this version; else nothing. Read
        once: later calls (the rebuilds of one `mkdocs serve`) keep what is in memory."""
        if self._loaded:
            return
        self._loaded = True
        path = os.path.join(folder, STATE_FILE)
        try:
            with open(path, encoding="utf-8") as stream:
                data = json.load(stream)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            if data.get("format") != FORMAT or data.get("versions") != versions():
                return
            render, search, pages, site_dir = _state_from(data)
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as e:
            reason = str(e) if not isinstance(e, RecursionError) else "nested too deep"
            log.info(f"the cache in {path} is not readable ({reason}); the build starts afresh")
            _set_aside(path)
            return
        self.render.entries, self.search.saved = render, search
        self.pages, self.site_dir = pages, site_dir
        self._saved = self._signature()

    def save(self, folder: str) -> None:
        """The caches and the written pages, as one JSON file in `folder`, replaced whole;
        not written again when nothing in it changed (a warm build of an unchanged blog)."""
        signature = self._signature()
        if signature == self._saved and os.path.isfile(os.path.join(folder, STATE_FILE)):
            return
        data = {
            "format": FORMAT,
            "versions": versions(),
            "site_dir": self.site_dir,
            "pages": {key: dataclasses.astuple(value) for key, value in self.pages.items()},
            "render": {key: entry_data(entry) for key, entry in self.render.entries.items()},
            "search": self.search.saved,
        }
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".state-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # In one piece: json.dump writes in small chunks, several times slower.
                text = json.dumps(
                    data, ensure_ascii=False, separators=(",", ":"), default=memory.json_value
                )
                stream.write(text)
            os.replace(temporary, os.path.join(folder, STATE_FILE))
            self._saved = signature
        except BaseException:
            os.unlink(temporary)
            raise


def _set_aside(path: str) -> None:
    """Move an unreadable state out of the way (to `state.json.unreadable`), so that this
    build can write its own; a link is moved, never followed."""
    aside = path + ".unreadable"
    try:
        if os.path.isdir(aside) and not os.path.islink(aside):
            shutil.rmtree(aside)
        elif os.path.lexists(aside):
            os.unlink(aside)
        os.rename(path, aside)
    except OSError as e:
        log.info(f"{path} could not be set aside ({e})")


def _state_from(
    data: dict[str, Any],
) -> tuple[dict[str, Entry], dict[str, list[Any]], dict[str, Written], str]:
    """The caches and written pages of a state file, its shape checked before any of it is
    used: ValueError for anything `save` does not write."""
    render, search, pages = data.get("render"), data.get("search"), data.get("pages")
    site_dir = data.get("site_dir")
    if not (isinstance(render, dict) and isinstance(search, dict) and isinstance(pages, dict)):
        raise ValueError("render, search and pages must be objects")
    if not isinstance(site_dir, str):
        raise ValueError("site_dir must be text")
    entries = {str(key): entry_from(value) for key, value in render.items()}
    for value in search.values():
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise ValueError("a malformed search entry")
    written = {}
    for key, value in pages.items():
        if not (
            isinstance(value, list)
            and len(value) == 3
            and isinstance(value[0], str)
            and isinstance(value[1], list)
            and len(value[1]) == 2
            and all(type(n) is int for n in value[1])
            and (value[2] is None or isinstance(value[2], str))
        ):
            raise ValueError("a malformed page record")
        written[str(key)] = Written(*value)
    return entries, {str(k): list(v) for k, v in search.items()}, written, site_dir


def _leave(file: File) -> None:
    # MkDocs asks each file whether it changed; `--dirty` has no other way in.
    file.is_modified = lambda: False  # type: ignore[method-assign]


def _write(file: File) -> None:
    file.is_modified = lambda: True  # type: ignore[method-assign]
