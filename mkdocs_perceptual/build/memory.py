"""Memory the build has freed, given back to the system.

Python's allocator and the C library's keep memory that was freed for later use, so a process
stays as large as it ever was: at 5,000 posts this build's process held 205 MiB when the last
page was written, where its Python objects took about 120 MiB. Where the C library is glibc,
`malloc_trim` hands the free pages back. The plugin calls it as the pages are written (every
`EVERY` posts whose bodies are kept for the feeds) and before the feeds and the search index
are written at the end, the build's largest allocations, so that they reuse pages the system
has rather than add to what the process holds. Elsewhere (macOS, Windows, musl) it does
nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

# Posts kept for the feeds between two trims: each trim walks the heap (a few milliseconds at
# 5,000 posts), and 500 posts free some 5 MiB.
EVERY = 500


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # this process's own symbols, the C library's among them
    except OSError:
        return None
    return getattr(libc, "malloc_trim", None)  # glibc's; musl has none


_TRIM = _malloc_trim()


def give_back() -> bool:
    """Hand the memory freed so far back to the system; False where that cannot be done."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
