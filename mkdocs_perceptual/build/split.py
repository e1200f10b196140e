"""The pages written by two processes (`Split`).

MkDocs writes the pages one after the other: at 1,000 posts that was 2.5 s of a 5.2 s build,
on one core. Where a build can be split, its process forks as MkDocs starts writing the pages:
the copy writes the last pages of MkDocs' order with MkDocs' own `_build_page`, this process
the first ones. The copy sends back what each page would have left here, its log records and
its search entries (kept in the state with `cache: true`), and this process takes them in
MkDocs' order once its own pages are written: the log and the search index are a serial
build's, line for line, byte for byte.

Only where nothing else could keep what it sees of a page: on Linux, a `mkdocs build` (not
serve, not `--dirty`) with the render pool's workers, and no plugin or hook but this one and
the search plugin it wraps. A copy that ends without its pages (killed, out of memory) ends
the build with an error naming the page it was writing; a page that fails there fails the
build as it would serially; a failure here stops the copy.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import io
import logging
import os
import pickle
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, NoReturn

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import memory
from mkdocs_perceptual.build.processes import frame, portable_records, read_frame
from mkdocs_perceptual.build.search import SearchEntries
from mkdocs_perceptual.build.state import Build

log = get_plugin_logger(__name__)

# The fewest pages a build splits: the fork takes some milliseconds, a page about one.
SPLIT_FROM = 200
# What making a page's search entries costs beside writing it, in pages (Material's search
# parses its HTML: 0.8 ms a page at 1,000 posts, where writing one takes about 1.75 ms).
INDEXED = 0.45
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


def share(pages: Sequence[Page], indexed: Callable[[Page], bool]) -> int:
    """Where the copy's pages begin: each process writes about half of what the pages cost,
    a page the search plugin indexes costing it `INDEXED` more."""
    costs = [1 + (INDEXED if indexed(page) else 0.0) for page in pages]
    half, done = sum(costs) / 2, 0.0
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
    at = share(pages, lambda page: indexed and _indexed(page))
    if at >= len(pages):
        return None
    pool.close()
    plugin.pool = None
    return Split(module, pages, at, build=build, search=search)


def _indexed(page: Page) -> bool:
    search = page.meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))


class Split:
    """This build's pages from `at` on written by a copy of this process (see the module)."""

    def __init__(
        self,
        module: ModuleType,
        pages: list[Page],
        at: int,
        *,
        build: Build,
        search: SearchEntries | None,
    ) -> None:
        self.module, self.pages, self.at = module, pages, at
        self.build, self.search = build, search
        self.theirs = {id(page) for page in pages[at:]}
        self.original = module._build_page
        self.pid: int | None = None  # the copy's, while it runs
        self.done, self.parent, self._fd, self._data = False, os.getpid(), -1, bytearray()
        self._reader: threading.Thread | None = None
        module._build_page = self.write  # type: ignore[attr-defined]

    def write(  # MkDocs' `_build_page`, for every page it writes
        self, page: Page, config: Any, doc_files: Any, nav: Any, env: Any, *rest: Any, **kw: Any
    ) -> None:
        context = (config, doc_files, nav, env)
        if self.pid is None and not self.done:
            self.done = page is not self.pages[0] or not self._fork(*context)
            if self.done:  # MkDocs writes in another order than foreseen, or no fork
                self.theirs = set()
        if id(page) in self.theirs:
            if self.pid is not None:
                self._join()
            return
        try:
            self.original(page, *context, *rest, **kw)
        except BaseException:
            self.close()
            raise

    def _fork(self, *context: Any) -> bool:
        read, write = os.pipe()
        gc.freeze()  # the copy's collections leave this process's objects untouched
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12's, threads
                pid = os.fork()
        except OSError as e:
            gc.unfreeze()
            os.close(read)
            os.close(write)
            log.debug(f"workers: the pages are written in this process alone: {e}")
            return False
        if pid == 0:
            os.close(read)
            self._copy(write, *context)
        gc.unfreeze()
        os.close(write)
        self.pid, self._fd = pid, read
        self._reader = threading.Thread(target=self._read, daemon=True, name="perceptual-split")
        self._reader.start()
        return True

    def _copy(self, fd: int, *context: Any) -> NoReturn:
        """The copy: writes its pages, sends back what each left, and ends."""
        code = 1
        try:
            # Killed with the build's process (a CI job's timeout): Linux's PR_SET_PDEATHSIG.
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
            if os.getppid() != self.parent:
                os._exit(1)  # it ended meanwhile
            records: list[logging.LogRecord] = []
            logging.Logger.callHandlers = lambda _, record: records.append(record)  # type: ignore[method-assign,assignment]
            out = os.fdopen(fd, "wb")
            entries = self.search.entries if self.search is not None else None
            for page in self.pages[self.at :]:
                start = len(entries) if entries is not None else 0
                try:
                    self.original(page, *context, False, page.file.inclusion.is_excluded())
                    made = entries[start:] if entries is not None else []
                    key = self.search.key_of(page) if self.search is not None else None
                    out.write(frame(("page", portable_records(records), made, key)))
                    out.flush()  # what a killed copy wrote is known
                except BaseException as e:  # the build fails there, as it would serially
                    out.write(frame(("error", portable_records(records), _portable_error(e))))
                    break
                records.clear()
            else:
                out.write(frame(("end",)))
            out.flush()
            code = 0
        finally:
            os._exit(code)

    def _read(self) -> None:
        with contextlib.suppress(OSError):
            while chunk := os.read(self._fd, 1 << 16):
                self._data += chunk

    def _join(self) -> None:
        """This process's pages are written: the copy's are taken, in MkDocs' order."""
        self.done = True
        assert self._reader is not None
        assert self.pid is not None
        self._reader.join()
        os.close(self._fd)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        stream, self._data = io.BytesIO(bytes(self._data)), bytearray()
        theirs, done = self.pages[self.at :], 0
        while True:
            try:
                kind, *rest = pickle.loads(read_frame(stream))
            except EOFError:
                break
            for record in rest[0] if kind != "end" else ():
                logging.getLogger(record.name).handle(record)
            if kind == "error":
                raise rest[1]
            if kind == "end":
                log.info(f"workers: {len(self.pages)} pages written in 2 processes")
                return
            if self.search is not None:
                self.search.taken(theirs[done], rest[2], rest[1])
            memory.release(self.build, theirs[done])
            done += 1
        at = theirs[min(done, len(theirs) - 1)].file.src_uri
        raise PluginError(
            f"perceptual: the process writing the pages from '{theirs[0].file.src_uri}' on "
            f"{_how(status)} while writing '{at}'; the site is incomplete. Build again, or "
            "set `workers: 1` to write every page in one process."
        )

    def close(self) -> None:
        """The copy stopped if it still runs, and MkDocs' writing as it was."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
            if self._reader is not None:
                self._reader.join()
            os.close(self._fd)
        self.done = True
        if getattr(self.module, "_build_page", None) == self.write:
            self.module._build_page = self.original  # type: ignore[attr-defined]


def _portable_error(error: BaseException) -> BaseException:
    try:
        return pickle.loads(pickle.dumps(error))  # type: ignore[no-any-return]
    except Exception:
        return PluginError(f"{type(error).__name__}: {error}")


def _how(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return f"ended (exit status {code})"
    names = {int(s): s.name for s in signal.Signals}
    return f"was killed ({names.get(-code, f'signal {-code}')})"
