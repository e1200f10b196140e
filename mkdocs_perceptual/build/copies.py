"""What the build's process and its forked copy share (`split.py`): which pages each takes
(`Claims`), and how what happened in the copy is sent back (`outcome`, `portable_error`) and
said (`how_it_ended`)."""

from __future__ import annotations

import fcntl
import logging
import os
import pickle
import signal
import struct
from collections.abc import Callable

from mkdocs.exceptions import PluginError

from mkdocs_perceptual.build.processes import portable_records

# This process's next page and the copy's lowest, in the memory file `Claims` locks.
_BOUNDS = struct.Struct("ii")


class Claims:
    """Which pages each process takes: this one from the first on, the copy from the last
    back, each page once. The bounds are kept in a memory file that both lock (a POSIX record
    lock, which goes with a process that is killed holding it)."""

    def __init__(self, count: int) -> None:
        self.fd = os.memfd_create("perceptual-split", os.MFD_CLOEXEC)
        os.pwrite(self.fd, _BOUNDS.pack(0, count), 0)

    def take(self, index: int | None) -> int | None:
        """Page `index` for this process (None for the copy: the page before the lowest it
        took); None where the other process has it."""
        fcntl.lockf(self.fd, fcntl.LOCK_EX)
        try:
            front, back = self.bounds()
            if index is None:
                index, back = back - 1, back - 1
                taken = index >= front
            else:
                front, taken = max(front, index + 1), index < back
            if taken:
                os.pwrite(self.fd, _BOUNDS.pack(front, back), 0)
            return index if taken else None
        finally:
            fcntl.lockf(self.fd, fcntl.LOCK_UN)

    def bounds(self) -> tuple[int, int]:
        """This process's next page and the lowest the copy took (as last written)."""
        front, back = _BOUNDS.unpack(os.pread(self.fd, _BOUNDS.size, 0))
        return front, back

    def close(self) -> None:
        os.close(self.fd)


def outcome(
    task: Callable[[], None], records: list[logging.LogRecord]
) -> tuple[list[logging.LogRecord], BaseException | None]:
    """How `task` went: its log records, and its error if it failed."""
    try:
        task()
    except BaseException as e:
        return portable_records(records), portable_error(e)
    return portable_records(records), None


def portable_error(error: BaseException) -> BaseException:
    try:
        return pickle.loads(pickle.dumps(error))  # type: ignore[no-any-return]
    except Exception:
        return PluginError(f"{type(error).__name__}: {error}")


def how_it_ended(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return f"ended (exit status {code})"
    names = {int(s): s.name for s in signal.Signals}
    return f"was killed ({names.get(-code, f'signal {-code}')})"
