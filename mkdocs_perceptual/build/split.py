"""The pages written by two processes (`Split`).

MkDocs writes the pages one after the other: at 1,000 posts that was 2.5 s of a 5.2 s build,
on one core. Where a build can be split, its process forks as MkDocs starts writing the pages:
the copy writes the last pages of MkDocs' order with MkDocs' own `_build_page`, this process
the first ones. The copy sends back what each page would have left here, its log records and
its search entries (kept in the state with `cache: true`), and this process takes them in
MkDocs' order once its own pages are written: the log and the search index are a serial
build's, line for line, byte for byte. The copy then writes the feeds, as this process would
have at the build's end (it holds every post's body), while this process ends its share: the
shares are balanced with the feeds counted in the copy's.

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
import threading
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any, NoReturn

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import memory
from mkdocs_perceptual.build.processes import frame, portable_records, read_frame
from mkdocs_perceptual.build.search import SearchEntries
from mkdocs_perceptual.build.state import Build

log = get_plugin_logger(__name__)


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
        feeds: Callable[[], None] | None = None,
    ) -> None:
        self.module, self.pages, self.at = module, pages, at
        self.build, self.search, self.feeds = build, search, feeds
        self._feeds_fd = -1  # where the copy says how its feeds went, once it writes them
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
            if self._reader is not None:  # the first of the copy's pages
                self._join()
            return
        try:
            self.original(page, *context, *rest, **kw)
        except BaseException:
            self.close()
            raise

    def _fork(self, *context: Any) -> bool:
        (read, write), (fed, feeding) = os.pipe(), os.pipe()
        # Neither process's collections go through the objects both hold until the copy ends:
        # a collection writes to each object it goes through, and every memory page written
        # to is copied for the other process.
        gc.freeze()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12's, threads
                pid = os.fork()
        except OSError as e:
            gc.unfreeze()
            for fd in (read, write, fed, feeding):
                os.close(fd)
            log.debug(f"workers: the pages are written in this process alone: {e}")
            return False
        if pid == 0:
            os.close(read)
            os.close(fed)
            self._copy(write, feeding, *context)
        os.close(write)
        os.close(feeding)
        self.pid, self._fd, self._feeds_fd = pid, read, fed
        self._reader = threading.Thread(target=self._read, daemon=True, name="perceptual-split")
        self._reader.start()
        return True

    def _copy(self, fd: int, feeding: int, *context: Any) -> NoReturn:
        """The copy: writes its pages, sends back what each left, writes the feeds (if it
        does), says how they went, and ends."""
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
                out.close()  # this process's pages are taken while the copy writes the feeds
                records.clear()
                if self.feeds is not None:
                    with os.fdopen(feeding, "wb") as said:
                        said.write(frame(_outcome(self.feeds, records)))
            if not out.closed:
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
        self._close_reader()
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
                self._wait()
                raise rest[1]
            if kind == "end":
                log.info(f"workers: {len(self.pages)} pages written in 2 processes")
                if self.feeds is None:
                    self._wait()
                return
            if self.search is not None:
                self.search.taken(theirs[done], rest[2], rest[1])
            memory.release(self.build, theirs[done])
            done += 1
        at, status = theirs[min(done, len(theirs) - 1)].file.src_uri, self._wait()
        raise PluginError(
            f"perceptual: the process writing the pages from '{theirs[0].file.src_uri}' on "
            f"{_how(status)} while writing '{at}'; the site is incomplete. Build again, or "
            "set `workers: 1` to write every page in one process."
        )

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.join()
            self._reader = None
            os.close(self._fd)

    def _wait(self) -> int:
        """The copy's exit status, once it has ended."""
        assert self.pid is not None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        gc.unfreeze()
        if self._feeds_fd >= 0:
            os.close(self._feeds_fd)
            self._feeds_fd = -1
        return status

    def finish(self) -> bool:
        """At the build's end: whether the copy wrote the feeds, once it has; its log lines
        said here, where this process would have written them, and its failure raised."""
        if self.pid is None or self._feeds_fd < 0:
            return False
        said = bytearray()
        with contextlib.suppress(OSError):
            while chunk := os.read(self._feeds_fd, 1 << 16):
                said += chunk
        status = self._wait()
        try:
            kind, records, *error = pickle.loads(read_frame(io.BytesIO(bytes(said))))
        except EOFError:
            raise PluginError(
                f"perceptual: the process writing the feeds {_how(status)}; the site is "
                "incomplete. Build again, or set `workers: 1` to write them in one process."
            ) from None
        for record in records:
            logging.getLogger(record.name).handle(record)
        if kind == "error":
            raise error[0]
        return True

    def close(self) -> None:
        """The copy stopped if it still runs, and MkDocs' writing as it was."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            self._close_reader()
            self._wait()
        self.done = True
        if getattr(self.module, "_build_page", None) == self.write:
            self.module._build_page = self.original  # type: ignore[attr-defined]


def _outcome(task: Callable[[], None], records: list[logging.LogRecord]) -> tuple[Any, ...]:
    """The frame that says how `task` went: its log records and, if it failed, its error."""
    try:
        task()
    except BaseException as e:
        return ("error", portable_records(records), _portable_error(e))
    return ("done", portable_records(records))


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
