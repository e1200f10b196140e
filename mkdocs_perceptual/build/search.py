"""What the search plugin made of each page, kept between builds beside the render cache, and
handed back to the search plugins in a clean build's order (`SearchEntries`)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
import sys
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from mkdocs.structure.pages import Page

from mkdocs_perceptual.build.cache import fingerprint
from mkdocs_perceptual.build.searchtext import index_as
from mkdocs_perceptual.build.stored import toc_data
from mkdocs_perceptual.build.worker import search_chunk

if TYPE_CHECKING:
    from mkdocs_perceptual.build.processes import Pool

# Pages sent to a worker at a time for their search entries, and how many such chunks per
# worker are handed over ahead of the page being written.
SEARCH_CHUNK = 16
AHEAD = 4


class SearchEntries:
    """What the search plugin made of each page, kept across the rebuilds of one
    `mkdocs serve` (and on disk where the cache is on): Material's search parses every page's
    HTML again on each build (about a quarter of a rebuild at 1,000 posts). A page's entries
    depend on its HTML, URL, title, table of contents and front matter (tags, search boost);
    while those are the same, they are the same.

    A `--dirty` build that leaves a page as it was hands its entries in with `keep`, and
    `in_order` then puts every page's entries in the order a clean build adds them, so the
    index is whole: both search plugins write it from the pages of this build alone.

    With the render pool (`processes.Pool`) running, `prefetch` has its workers make the
    entries of Material's search while this process writes pages; each is taken when the
    search plugin asks for its page, under the same key, so it is what this process would
    have made."""

    # The search plugins, by their name in `plugins`, and the list their index holds.
    PLUGINS = (("material/search", "entries"), ("search", "_entries"))

    def __init__(self, saving: bool = True) -> None:
        # False for one build's entries (the pool's, where no state is kept): none is saved.
        self.saving = saving
        self.saved: dict[str, list[dict[str, Any]]] = {}
        self.used: set[str] = set()
        self.hits = self.misses = 0
        self.keys: dict[str, str] = {}  # src_uri -> key, for the pages of this build
        self._index: Any = None
        self._list = ""
        self._plugin: Any = None
        self._context = ""
        # What a worker needs to make entries as the index would (`search_spec`), if it can.
        self._spec: tuple[str, str, bytes] | None = None
        # Entries a worker is making: key -> (the future of its chunk, the page's place in it).
        self.pending: dict[str, tuple[Future[list[list[dict[str, Any]]]], int]] = {}
        # The pages handed over as they are written (`prefetch`): key -> its chunk's number.
        self._chunk_of: dict[str, int] = {}
        self._chunks: list[list[tuple[str, dict[str, Any]]]] = []
        self._pool: Pool | None = None
        self._sent = self._ahead = 0

    def wrap(self, plugins: Any, theme: Any = None) -> bool:
        """Put the cache in front of the search index, where there is one we know; any other
        search plugin is left alone. True where it is wrapped. The entries are kept per search
        plugin, its version and options, and the theme: another of any makes other entries."""
        self._index = None
        self.keys = {}
        for name, attr in self.PLUGINS:
            search = plugins.get(name) if hasattr(plugins, "get") else None
            index: Any = getattr(search, "search_index", None)
            options: Any = getattr(search, "config", None)
            if hasattr(options, "get") and options.get("enabled", True) is False:
                return False  # Material's `enabled: false`: it indexes nothing
            if isinstance(getattr(index, attr, None), list) and hasattr(
                index, "add_entry_from_context"
            ):
                break
        else:
            return False
        self._index, self._list, self._plugin = index, attr, search
        original = index.add_entry_from_context
        module = type(search).__module__.split(".")[0]
        try:
            version = importlib.metadata.version(
                "mkdocs-material" if module == "material" else module
            )
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        theme_data = (getattr(theme, "name", None), dict(theme) if theme is not None else {})
        context = fingerprint([name, version, dict(options or {}), theme_data])
        self._context, self._spec = context, search_spec(index)
        self.pending, self._chunk_of, self._chunks, self._pool = {}, {}, [], None

        def add_entry_from_context(page: Page) -> None:
            key = _page_key(page, context)
            self.keys[page.file.src_uri] = key
            self.used.add(key)
            entries = getattr(index, attr)
            saved = self.saved.get(key)
            if saved is not None:
                self.hits += 1
                entries.extend(dict(entry) for entry in saved)
                return
            self.misses += 1
            made = self._made_by_worker(key)
            if made is not None:
                entries.extend(made)
                if self.saving:
                    self.saved[key] = [dict(entry) for entry in made]
                return
            start = len(entries)
            original(page)
            if self.saving:
                self.saved[key] = [dict(entry) for entry in entries[start:]]

        index.add_entry_from_context = add_entry_from_context
        return True

    def prefetch(self, pages: list[Page], pool: Pool) -> int:
        """Have `pool`'s workers make the entries of `pages` (in the order they will be asked
        for) that are not kept already, a few chunks ahead of the page being written, so that
        no more than those wait here. Returns how many pages will be handed over."""
        if self._index is None or self._spec is None:
            return 0
        jobs: list[tuple[str, dict[str, Any]]] = []
        for page in pages:
            search = page.meta.get("search")
            if page.content is None or (isinstance(search, dict) and search.get("exclude")):
                continue  # not indexed
            key = _page_key(page, self._context)
            if key not in self.saved and key not in self._chunk_of:
                self._chunk_of[key] = len(jobs) // SEARCH_CHUNK
                jobs.append((key, _page_data(page)))
        self._chunks = [jobs[at : at + SEARCH_CHUNK] for at in range(0, len(jobs), SEARCH_CHUNK)]
        self._pool, self._sent, self._ahead = pool, 0, AHEAD * pool.count
        self._send(self._ahead)
        self._end_if_done()
        return len(jobs)

    def _send(self, upto: int) -> None:
        """Hand the workers the chunks before `upto` not handed over yet."""
        while self._pool is not None and self._sent < min(upto, len(self._chunks)):
            chunk, self._chunks[self._sent] = self._chunks[self._sent], []
            # Encoded only now, a few chunks ahead (all the pages' at once would be a second
            # copy of the site: 47 MiB at 5,000 posts), as UTF-8 bytes (pickling a str leaves a
            # UTF-8 copy cached inside it, where it has characters beyond ASCII).
            datas = [{**data, "content": data["content"].encode()} for _, data in chunk]
            future = self._pool.submit(search_chunk, self._spec, datas)
            if future is None:  # the pool broke: the rest is indexed here
                self._pool = None
                return
            for place, (key, _) in enumerate(chunk):
                self.pending[key] = (future, place)
            self._sent += 1

    def _made_by_worker(self, key: str) -> list[dict[str, Any]] | None:
        """The entries a worker made under `key`; None where none did, or it failed (a page
        that does not pickle, a worker that died): the page is then indexed here."""
        chunk = self._chunk_of.pop(key, None)
        if chunk is None:
            return None
        self._send(chunk + 1 + self._ahead)
        pending = self.pending.pop(key, None)
        if pending is None:
            return None
        future, place = pending
        try:
            return future.result()[place]
        except Exception:  # whatever the worker or the pickling raised
            return None
        finally:
            self._end_if_done()

    def _end_if_done(self) -> None:
        """Once every page handed over has taken its entries, the workers have nothing left to
        do in this build (they rendered the posts before the first page was written): they
        are stopped now, not when the build ends, so that the theme's last templates (the
        sitemap) and the end of the build do not add to the memory they hold."""
        if self._pool is not None and not self._chunk_of:
            self._pool.close()
            self._pool = None

    @property
    def wrapped(self) -> bool:
        return self._index is not None

    @property
    def entries(self) -> list[dict[str, Any]] | None:
        """The index's own list of entries, where it is wrapped."""
        return None if self._index is None else getattr(self._index, self._list)

    def taken(self, page: Page, key: str | None, made: list[dict[str, Any]]) -> None:
        """`page`'s entries as another process added them under `key` (split.py): added here
        as they would have been, and kept where the state is."""
        if (entries := self.entries) is None:
            return
        entries.extend(made)
        if key is not None:
            self.keys[page.file.src_uri] = key
            self.used.add(key)
            if self.saving and key not in self.saved:
                self.saved[key] = [dict(entry) for entry in made]

    def key_of(self, page: Page) -> str | None:
        """The key a page's entries were kept under in this build, if they were."""
        return self.keys.get(page.file.src_uri)

    def keep(self, page: Page, key: str) -> bool:
        """A page left as it was: its entries are those kept under `key`. False if there are
        none (the page must then be written, and indexed, again)."""
        if key not in self.saved:
            return False
        self.keys[page.file.src_uri] = key
        self.used.add(key)
        return True

    def in_order(self, pages: list[Page]) -> None:
        """Every page's entries, in the order of `pages` (the order a clean build indexes
        them), as the index's whole list. Material's merge with the previous index (its
        own `--dirty` reload) is turned off: this list is whole."""
        if self._index is None:
            return
        entries: list[dict[str, Any]] = []
        for page in pages:
            key = self.keys.get(page.file.src_uri)
            if key is not None:
                entries.extend(dict(entry) for entry in self.saved.get(key, ()))
        getattr(self._index, self._list)[:] = entries
        if hasattr(self._plugin, "search_index_prev"):
            self._plugin.search_index_prev = None

    def end_build(self) -> None:
        self.pending, self._chunk_of, self._chunks, self._pool = {}, {}, [], None
        self.saved = {key: self.saved[key] for key in self.used if key in self.saved}
        self.used = set()


def search_spec(index: Any) -> tuple[str, str, bytes] | None:
    """How a worker makes an index of the same kind: its class's module and name, and its
    options, pickled. Only Material's index, whose entries depend on nothing but the page,
    and not where it segments Chinese with jieba (a worker would lack its dictionaries)."""
    cls = type(index)
    module = sys.modules.get(cls.__module__)
    if cls.__module__ != "material.plugins.search.plugin" or getattr(module, "jieba", None):
        return None
    try:
        options = pickle.dumps(dict(getattr(index, "config", {}) or {}))
    except Exception:  # options that do not pickle: the index is made here
        return None
    return cls.__module__, cls.__qualname__, options


def _page_data(page: Page) -> dict[str, Any]:
    """What the index reads of a page, as its key was made from; the content is the page's
    own string, not a copy, until it is sent (`_send`)."""
    return {
        "content": page.content or "",
        "toc": toc_data(page.toc),
        "url": page.url,
        "title": page.title,
        "meta": page.meta,
    }


def _page_key(page: Page, context: str) -> str:
    parts = (
        context,
        page.content or "",
        page.url,
        str(page.title),
        repr(sorted(page.meta.items(), key=str)),
        repr(toc_data(page.toc)),
    )
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def leave_out_footers(plugins: Any, body_end: Callable[[Page], int | None]) -> None:
    """MkDocs' own search plugin knows no `data-search-exclude`: it is handed each post's
    content up to the end of its body, so that the footer (neighbours, related posts, the
    author, comments) does not make every post match. Material's search honours the
    attribute itself and is left alone. Called once per build, after the search plugin made
    its index."""
    search = plugins.get("search") if hasattr(plugins, "get") else None
    if search is None or type(search).__module__.split(".")[0] != "mkdocs":
        return
    index: Any = getattr(search, "search_index", None)

    def body(page: Page) -> str | None:
        end = body_end(page)
        return None if end is None else (page.content or "")[:end]

    index_as(index, "leaves_out_footers", body)
