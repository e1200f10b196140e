"""What rendering a post's Markdown produced, kept between the builds of one `mkdocs serve`
(and, with the `cache` option or `--dirty`, on disk between builds), so that an edit renders
only the posts it changed.

A post's rendering depends on its Markdown (after every plugin's `on_page_markdown`), on the
Markdown extensions and their settings, on the plugin's options and version, on its own URL,
and on the files its links resolve to. The key holds the first four; the links are checked
when the entry is used: each file the rendering looked up must still be where it was. Anything
not provably unchanged is rendered again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

import mkdocs_perceptual
from mkdocs_perceptual.build import converter

# The loggers a rendering writes to: MkDocs' link checks, and the Markdown extensions.
_LOGGERS = ("mkdocs", "MARKDOWN")


@dataclasses.dataclass(frozen=True)
class Entry:
    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    # src_uri of a linked file -> {anchor: the link as written}
    links_to_anchors: dict[str, dict[str, str]] | None
    # src_uri looked up -> (its URL, whether it is built), or None when there is no such file
    lookups: dict[str, tuple[str, bool] | None]
    records: tuple[logging.LogRecord, ...]  # what the rendering logged, said again on reuse


def fingerprint(value: Any) -> str:
    """A stable text for extension settings: objects by their class, not their address."""
    if isinstance(value, dict):
        items = sorted((str(k), fingerprint(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(fingerprint(v) for v in value) + "]"
    if isinstance(value, (str, int, float, bool)) or value is None:
        return repr(value)
    kind = type(value)
    return f"<{kind.__module__}.{kind.__qualname__}>"


def settings_key(config: MkDocsConfig, options: Any) -> str:
    """Everything but the page that a rendering depends on."""
    parts = [
        mkdocs_perceptual.__version__,
        fingerprint(list(config.markdown_extensions)),
        fingerprint(dict(config.mdx_configs)),
        fingerprint(dict(options)),
        fingerprint(config.validation.links.absolute_links),
        str(config.use_directory_urls),
    ]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _Lookups:
    """The site's files, noting each one a rendering looks up (to resolve a link)."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.seen: dict[str, tuple[str, bool] | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.seen[path] = _where(file)
        return file

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)

    def __iter__(self) -> Iterator[File]:
        return iter(self._files)


def _where(file: File | None) -> tuple[str, bool] | None:
    return None if file is None else (file.url, bool(file.inclusion.is_included()))


class RenderCache:
    """Entries by key; kept by the plugin across the builds of one `mkdocs serve`, and
    written to disk by `store.py` where the cache is on."""

    def __init__(self, once: bool = False) -> None:
        self.entries: dict[str, Entry] = {}
        # For one build alone (the render pool's, where no state is kept): an entry is let go
        # of as its page takes it, so that a rendering is not held twice.
        self.once = once
        self.used: set[str] = set()
        self.hits = self.misses = 0
        self.fresh: set[str] = set()  # rendered this build by the render pool: misses too
        # The render pool as MkDocs reads the pages (`parallel.Ahead`), in the build it runs.
        self.ahead: Any = None

    def settings(self, config: MkDocsConfig, options: Any) -> str:
        # Made again for every page (some 35 microseconds): a hook may change the extensions
        # or their settings in place between two pages.
        return settings_key(config, options)

    def render(self, page: Page, config: MkDocsConfig, files: Files, options: Any) -> None:
        """`page.render(config, files)`, or what it produced last time, unchanged."""
        assert page.markdown is not None
        key = entry_key(self.settings(config, options), page.file, page.markdown)
        self.used.add(key)
        if self.ahead is not None:
            self.ahead.take(key)
        entry = self.entries.get(key)
        if entry is not None and all(
            _where(files.get_file_from_path(path)) == where for path, where in entry.lookups.items()
        ):
            if key in self.fresh:
                self.misses += 1
            else:
                self.hits += 1
            _restore(page, entry, files)
            if self.once:
                del self.entries[key]
            return
        self.misses += 1
        entry = render_entry(page, config, files)
        if not self.once:  # one build's cache keeps no rendering once its page has it
            self.entries[key] = entry

    def end_build(self) -> None:
        """Forget what this build did not use: an edited post's old rendering goes."""
        self.entries = {key: self.entries[key] for key in self.used if key in self.entries}
        self.used, self.fresh, self.ahead = set(), set(), None


def entry_key(settings: str, file: File, markdown: str) -> str:
    """The key of a rendering: the settings, the file and its URL, its Markdown."""
    parts = (settings, file.src_uri, file.url, markdown)
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def render_entry(page: Any, config: Any, files: Files) -> Entry:
    """Render `page` (a Page, or anything with its `markdown` and `file`) with MkDocs' own
    `Page.render`, noting the files it looked up and what it logged."""
    lookups, recorder = _Lookups(files), _Recorder()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        converter.render(page, config, lookups)
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
    assert page.content is not None
    links = getattr(page, "links_to_anchors", None)
    return Entry(
        page.content,
        page.toc,
        page._title_from_render,
        frozenset(page.present_anchor_ids or ()),
        None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
        lookups.seen,
        tuple(recorder.records),
    )


class _Packed(bytes):
    """A post's Markdown as `PostPage.pack_markdown` holds it (whatever else a plugin sets
    `page.markdown` to is given back as it was set)."""


class PostPage(Page):
    """A Lumen post's page, rendered through the render cache or a kept converter. Once
    rendered, its Markdown is held compressed (`pack_markdown`) and given back as the text it
    was whenever it is read: MkDocs keeps every page's Markdown until the build ends, and the
    plugin until the post is written (`memory.let_go`), while little reads it after the
    rendering."""

    cache: RenderCache | None = None
    options: Any = None

    @property
    def markdown(self) -> str | None:
        held = self.__dict__.get("_markdown")
        if isinstance(held, _Packed):
            return zlib.decompress(held).decode("utf-8", "surrogatepass")
        return held

    @markdown.setter
    def markdown(self, value: str | None) -> None:
        self.__dict__["_markdown"] = value

    def pack_markdown(self) -> None:
        """Hold the Markdown compressed (zlib's fastest level: a benchmark post's text takes
        2.4 times less, 20 microseconds to pack and unpack). The title is settled first (a
        weak property: set, it stays): MkDocs' `Page.title` reads the Markdown each time it
        is asked, and the navigation asks for every post's title on many pages."""
        held = self.__dict__.get("_markdown")
        if isinstance(held, str):
            self.title = self.title
            packed = zlib.compress(held.encode("utf-8", "surrogatepass"), 1)
            self.__dict__["_markdown"] = _Packed(packed)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.cache is None:
            converter.render(self, config, files)
        else:
            self.cache.render(self, config, files, self.options)


def render_through(
    cache: RenderCache | None,
    sources: Iterable[str],
    files: Files,
    config: MkDocsConfig,
    options: Any,
) -> None:
    """In `mkdocs serve`, with the cache and with workers, the Lumen files (`sources`) render
    through the render cache; without one, through a kept converter (`converter.py`). MkDocs
    makes the pages in get_navigation (titled as a hand-written nav says), so their class is
    set after it."""
    if cache is not None:
        cache.ahead = None  # an earlier build's, which failed before it ended
    for src in sources:
        file = files.get_file_from_path(src)
        if file is None:
            continue
        if file.page is None and file.inclusion.is_in_serve():
            # A draft shown by serve: MkDocs makes its page after on_nav, if none exists.
            PostPage(None, file, config)
        page = file.page
        if page is not None and type(page) in (Page, PostPage):
            if type(page) is Page:  # its Markdown goes where the class keeps it
                page.__dict__["_markdown"] = page.__dict__.pop("markdown", None)
            page.__class__ = PostPage
            assert isinstance(page, PostPage)
            page.cache, page.options = cache, options


def _restore(page: Page, entry: Entry, files: Files) -> None:
    page.content = entry.content
    page.toc = entry.toc
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors)
    if entry.links_to_anchors is not None:
        page.links_to_anchors = {
            file: dict(anchors)
            for src, anchors in entry.links_to_anchors.items()
            if (file := files.get_file_from_path(src)) is not None
        }
    for record in entry.records:
        logging.getLogger(record.name).handle(record)
