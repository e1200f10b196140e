"""The render pool's worker processes (`parallel.py` says what they do for the build).

Each worker is a new Python, started as `spawn` starts one (`sys.executable`, this process's
`sys.path`), that talks with this process over its standard input and output: length-prefixed
pickles, a job one way and its result back, in the order given. Not `concurrent.futures`'
process pool, which also starts multiprocessing's resource tracker, a third process of 15 MiB
for a pool that shares no semaphore and no memory, and whose workers import the build's
`__main__` again (MkDocs' command line and click) before their first post.

A worker that dies (killed, out of memory) fails the jobs it held with `WorkerDied`, and the
pool counts as broken from then on. The workers end when the pool is closed, or when this
process is gone (`worker.main` watches for it).
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import logging
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

T = TypeVar("T")

_SIZE = struct.Struct("!Q")
# The folder this package is in, for a worker whose own `sys.path` would not find it (a
# plugin loaded from a path only this process was given); the build's own path follows.
_FOLDER = str(Path(__file__).resolve().parents[2])
_MAIN = "import sys; sys.path.append({!r}); from mkdocs_perceptual.build.worker import main; main()"


# While workers run, the interpreter lock passes between this process's threads every 0.5 ms,
# not every 5 ms (Python's default): a thread here reading a worker's reply takes the lock
# back after each pipe read while the build's thread computes without pause, and waited up to
# 5 ms each time, so replies came 100 ms apart where a worker made them in 18 ms (it sat idle).
SWITCH = 0.0005
_switching = {"pools": 0, "before": 0.005}
_switching_lock = threading.Lock()


def _fast_switching(on: bool) -> None:
    """Count a pool in (`on`) or out; the first in lowers the switch interval, the last out
    puts back what it was."""
    with _switching_lock:
        if on:
            if _switching["pools"] == 0:
                _switching["before"] = sys.getswitchinterval()
                sys.setswitchinterval(min(SWITCH, _switching["before"]))
            _switching["pools"] += 1
        else:
            _switching["pools"] -= 1
            if _switching["pools"] == 0:
                sys.setswitchinterval(_switching["before"])


class Reply(concurrent.futures.Future):  # type: ignore[type-arg]
    """A job's future. The thread reading the worker's pipe hands it the reply as it came
    (`deliver`): the thread that asks for the result loads it, so that the reading thread
    holds the interpreter lock for as short a time as it can, and what a reply holds is
    allocated where it is used."""

    _raw: bytes | None = None
    _loaded: tuple[bool, Any] | None = None

    def deliver(self, raw: bytes) -> None:
        self._raw = raw
        self.set_result(None)

    def _load(self) -> tuple[bool, Any]:
        if self._loaded is None:
            raw, self._raw = self._raw, None
            try:
                self._loaded = pickle.loads(raw or b"")
            except Exception as e:  # a reply that does not load
                self._loaded = (False, e)
        return self._loaded

    def result(self, timeout: float | None = None) -> Any:
        super().result(timeout)  # raises where the worker died
        ok, value = self._load()
        if not ok:
            raise value
        return value

    def exception(self, timeout: float | None = None) -> BaseException | None:
        error = super().exception(timeout)
        if error is not None:
            return error
        ok, value = self._load()
        return None if ok else value


class WorkerDied(RuntimeError):
    """A worker process ended (killed, out of memory) before it gave back a job it held."""


def frame(value: object) -> bytes:
    """`value` pickled, after its length."""
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return _SIZE.pack(len(data)) + data


def portable_records(records: Sequence[logging.LogRecord]) -> list[logging.LogRecord]:
    """Log records as they pickle, to be said again in another process: the message made,
    the traceback as text, an attribute that does not pickle left out."""
    return [_portable(record) for record in records]


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    record = logging.makeLogRecord(record.__dict__)
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        text = logging.Formatter().formatException(record.exc_info)
        record.exc_text, record.exc_info = record.exc_text or text, None
    for name, value in list(vars(record).items()):
        try:
            pickle.dumps(value)
        except Exception:  # one another library added; what fails to pickle raises many kinds
            delattr(record, name)
    return record


def read_frame(stream: IO[bytes]) -> bytes:
    """The next frame's pickle; EOFError where the stream ends first."""
    head = stream.read(_SIZE.size)
    if len(head) < _SIZE.size:
        raise EOFError
    (size,) = _SIZE.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return data


def _flags() -> list[str]:
    """This interpreter's own flags (`-X utf8`, `-O`…), as multiprocessing passes them on."""
    flags: Callable[[], list[str]] | None = getattr(
        subprocess, "_args_from_interpreter_flags", None
    )
    return flags() if flags is not None else []


class _Worker:
    """One worker process: a thread writes its jobs, another reads its results in order."""

    def __init__(self, start: bytes) -> None:
        self.process = subprocess.Popen(
            [sys.executable, *_flags(), "-c", _MAIN.format(_FOLDER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.waiting: collections.deque[Reply] = collections.deque()
        self.lock = threading.Lock()
        self.dead = False
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.outbox.put(start)
        self.threads = [
            threading.Thread(target=self._write, daemon=True, name="perceptual-worker-in"),
            threading.Thread(target=self._read, daemon=True, name="perceptual-worker-out"),
        ]
        for thread in self.threads:
            thread.start()

    def submit(self, job: bytes) -> concurrent.futures.Future[Any] | None:
        future = Reply()
        with self.lock:
            if self.dead:
                return None
            self.waiting.append(future)
        self.outbox.put(job)
        return future

    def _write(self) -> None:
        stream = self.process.stdin
        assert stream is not None
        try:
            while (job := self.outbox.get()) is not None:
                stream.write(job)
                stream.flush()
        except OSError:
            pass  # the worker is gone: its reader fails what it held
        finally:
            with contextlib.suppress(OSError):
                stream.close()  # the worker's input ends: it ends too

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            try:
                raw = read_frame(stream)
            except Exception:  # the stream ended: the worker died
                break
            with self.lock:
                future = self.waiting.popleft()
            future.deliver(raw)
        with self.lock:
            self.dead = True
            held = list(self.waiting)
            self.waiting.clear()
        code = self.process.poll()
        for future in held:
            future.set_exception(WorkerDied(f"a worker process ended (exit status {code})"))

    def close(self) -> None:
        """End the worker: at once if it still holds jobs (nobody waits for them now), else
        once it reads the end of its input."""
        with self.lock:
            busy = bool(self.waiting)
        if busy:
            self.process.kill()
        self.outbox.put(None)
        self.process.wait()
        for thread in self.threads:
            thread.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


class Pool:
    """A build's worker processes: started with `payload` (what `worker.start` makes the
    render pool's configuration from; None for jobs that need none), handed jobs (`submit`),
    and closed when the build ends or fails.

    `early=True` starts them before the payload is known (`begin` sends it): a worker imports
    this build's `sys.path` and `modules` meanwhile (MkDocs, the Markdown extensions), some
    tenths of a second a worker would otherwise spend before its first job."""

    def __init__(
        self,
        count: int,
        payload: bytes | None,
        modules: Sequence[str] = (),
        early: bool = False,
    ) -> None:
        self.count = count
        self.broken = self.begun = self.closed = self.switching = False
        # What the build has the pool do as MkDocs reads the pages (`parallel.Ahead`), if any.
        self.reading: Any = None
        start = frame((list(sys.path), list(modules)))
        self.workers: list[_Worker] = []
        try:
            for _ in range(count):
                self.workers.append(_Worker(start))
        except BaseException:  # no process can be started (OSError): none is left behind
            self.close()
            raise
        _fast_switching(True)
        self.switching = True
        if not early:
            self.begin(payload)

    def begin(self, payload: bytes | None) -> None:
        """Send the workers what they start from (once)."""
        if not self.begun:
            self.begun = True
            start = frame(payload)
            for worker in self.workers:
                worker.outbox.put(start)

    @property
    def pids(self) -> list[int]:
        return [worker.process.pid for worker in self.workers]

    def submit(self, fn: Callable[..., T], *args: object) -> concurrent.futures.Future[T] | None:
        """`fn(*args)` in the least busy worker; None where the pool is broken (a worker
        died). A job that does not pickle gets a future holding the error."""
        if self.closed or self.broken or any(worker.dead for worker in self.workers):
            self.broken = True
            return None
        try:
            job = frame((fn, args))
        except Exception as e:  # what fails to pickle raises many kinds
            failed: concurrent.futures.Future[T] = concurrent.futures.Future()
            failed.set_exception(e)
            return failed
        worker = min(self.workers, key=lambda w: len(w.waiting))
        future = worker.submit(job)
        if future is None:
            self.broken = True
        return future

    def close(self) -> None:
        """Stop the workers: what they were not done with is dropped. Again: nothing."""
        if self.closed:
            return
        self.closed = True
        for worker in self.workers:
            worker.close()
        if self.switching:
            self.switching = False
            _fast_switching(False)
