"""The pages written by two processes (`Split`).

MkDocs writes the pages one after the other: at 1,000 posts that was 2.5 s of a 5.2 s build,
on one core. Where a build can be split, its process forks as MkDocs starts writing the pages.
The copy writes the feeds first (it holds every post's body, and this process would write
them at the build's end), then the pages from the last of MkDocs' order back, with MkDocs' own
`_build_page`; this process writes them from the first on. Each takes its next page from
`Claims`, so a page is written once and the two meet where their work does, whatever the
pages cost. The copy sends back what each page would have left here, its log records and its
search entries (kept in the state with `cache: true`), and this process takes them as MkDocs'
loop reaches each of the copy's pages, and the feeds' at the build's end: the log and the
search index are a serial build's, line for line, byte for byte.

Only where nothing else could keep what it sees of a page: on Linux, a `mkdocs build` (not
serve, not `--dirty`) with the render pool's workers, and no plugin or hook but this one and
the search plugin it wraps. A page that fails in the copy fails the build where a serial
build would; a failure here stops the copy. A copy that ends without its pages (killed, out
of memory) is said in an INFO line naming the page it was writing, and this process writes
the pages and the feeds it left.
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

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import memory
from mkdocs_perceptual.build.copies import Claims, how_it_ended, outcome, portable_error
from mkdocs_perceptual.build.processes import frame, portable_records, read_frame
from mkdocs_perceptual.build.search import SearchEntries
from mkdocs_perceptual.build.state import Build

log = get_plugin_logger(__name__)


class Split:
    """This build's pages written by this process and a copy of it (see the module)."""

    def __init__(
        self,
        module: ModuleType,
        pages: list[Page],
        *,
        build: Build,
        search: SearchEntries | None,
        feeds: Callable[[], None] | None = None,
    ) -> None:
        self.module, self.pages = module, pages
        self.build, self.search, self.feeds = build, search, feeds
        self.index = {id(page): i for i, page in enumerate(pages)}
        self.original = module._build_page
        self.pid: int | None = None  # the copy's, while it runs
        self.claims: Claims | None = None  # while the copy takes pages
        self.started = self.joined = False
        self.parent, self._fd, self._data = os.getpid(), -1, bytearray()
        self._reader: threading.Thread | None = None
        # What the copy did, once it has ended: its pages by index, the page it failed on,
        # the feeds' outcome (their records and any error).
        self.theirs: dict[int, tuple[list[logging.LogRecord], list[Any], Any]] = {}
        self.failed: tuple[int, list[logging.LogRecord], BaseException] | None = None
        self.fed: tuple[list[logging.LogRecord], BaseException | None] | None = None
        module._build_page = self.write  # type: ignore[attr-defined]

    def write(  # MkDocs' `_build_page`, for every page it writes
        self, page: Page, config: Any, doc_files: Any, nav: Any, env: Any, *rest: Any, **kw: Any
    ) -> None:
        context = (config, doc_files, nav, env)
        at = self.index.get(id(page))
        if not self.started:
            self.started = True
            if at != 0 or not self._fork(*context):  # another order than foreseen, or no fork
                self.joined = True
        if at is not None and not self.joined:
            assert self.claims is not None
            if self.claims.take(at) is None:  # the copy took it: the two have met
                self._join()
        if at is not None and self.joined:
            if at in self.theirs:
                self._take(page, *self.theirs.pop(at))
                return
            if self.failed is not None and self.failed[0] == at:
                self._say(self.failed[1])
                raise self.failed[2]
        try:
            self.original(page, *context, *rest, **kw)
        except BaseException:
            self.close()
            raise

    def _fork(self, *context: Any) -> bool:
        try:
            claims = Claims(len(self.pages))
        except OSError as e:
            log.debug(f"workers: the pages are written in this process alone: {e}")
            return False
        read, write = os.pipe()
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
            for fd in (read, write):
                os.close(fd)
            claims.close()
            log.debug(f"workers: the pages are written in this process alone: {e}")
            return False
        self.claims = claims
        if pid == 0:
            os.close(read)
            self._copy(write, *context)
        os.close(write)
        self.pid, self._fd = pid, read
        self._reader = threading.Thread(target=self._read, daemon=True, name="perceptual-split")
        self._reader.start()
        return True

    def _copy(self, fd: int, *context: Any) -> NoReturn:
        """The copy: writes the feeds, then takes pages from the last back until it meets
        this process, sending back what each left; and ends."""
        code = 1
        try:
            # Killed with the build's process (a CI job's timeout): Linux's PR_SET_PDEATHSIG.
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
            if os.getppid() != self.parent:
                os._exit(1)  # it ended meanwhile
            records: list[logging.LogRecord] = []
            logging.Logger.callHandlers = lambda _, record: records.append(record)  # type: ignore[method-assign,assignment]
            out = os.fdopen(fd, "wb")
            if self.feeds is not None:
                out.write(frame(("feeds", *outcome(self.feeds, records))))
                out.flush()
                records.clear()
            entries = self.search.entries if self.search is not None else None
            assert self.claims is not None
            while (at := self.claims.take(None)) is not None:
                page = self.pages[at]
                start = len(entries) if entries is not None else 0
                try:
                    self.original(page, *context, False, page.file.inclusion.is_excluded())
                    made = entries[start:] if entries is not None else []
                    key = self.search.key_of(page) if self.search is not None else None
                    out.write(frame(("page", at, portable_records(records), made, key)))
                    out.flush()  # what a killed copy wrote is known
                except BaseException as e:  # the build fails there, as it would serially
                    error = portable_error(e)
                    out.write(frame(("error", at, portable_records(records), error)))
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
        """The copy has met this process, or the build is at its end: wait for it to end and
        read what it did. One that ended without saying so is said here, the page it was
        writing named; this process writes what it left."""
        self.joined = True
        self._close_reader()
        stream, self._data = io.BytesIO(bytes(self._data)), bytearray()
        ended = False
        while True:
            try:
                kind, *rest = pickle.loads(read_frame(stream))
            except EOFError:
                break
            if kind == "page":
                self.theirs[rest[0]] = (rest[1], rest[2], rest[3])
            elif kind == "feeds":
                self.fed = (rest[0], rest[1])
            elif kind == "error":
                self.failed, ended = (rest[0], rest[1], rest[2]), True
            else:
                ended = True
        assert self.claims is not None
        lowest = self.claims.bounds()[1]
        status = self._wait()
        if not ended:
            where = self.pages[lowest].file.src_uri if lowest < len(self.pages) else "the feeds"
            log.info(
                f"workers: the process writing pages beside this one {how_it_ended(status)} while "
                f"writing {where}; this process writes what it left"
            )
        elif self.failed is None:
            copied = len(self.theirs)
            log.info(
                f"workers: {len(self.pages)} pages written in 2 processes ({copied} by the copy)"
            )

    def _take(
        self, page: Page, records: list[logging.LogRecord], made: list[Any], key: Any
    ) -> None:
        """One of the copy's pages, as MkDocs' loop reaches it: what writing it left here."""
        self._say(records)
        if self.search is not None:
            self.search.taken(page, key, made)
        memory.release(self.build, page)

    @staticmethod
    def _say(records: list[logging.LogRecord]) -> None:
        for record in records:
            logging.getLogger(record.name).handle(record)

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
        return status

    def finish(self) -> bool:
        """At the build's end: whether the copy wrote the feeds; their log lines said here,
        where this process would have written them, and their failure raised."""
        if self.pid is not None and not self.joined:
            self._join()  # this process took every page: the copy wrote the feeds alone
        if self.fed is None:
            return False
        records, error = self.fed
        self.fed = None
        self._say(records)
        if error is not None:
            raise error
        return True

    def close(self) -> None:
        """The copy stopped if it still runs, and MkDocs' writing as it was."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            self._close_reader()
            self._wait()
        self.joined = True
        if self.claims is not None:
            self.claims.close()
            self.claims = None
        if getattr(self.module, "_build_page", None) == self.write:
            self.module._build_page = self.original  # type: ignore[attr-defined]
