"""What a build lets go of as it writes the pages (`let_go`), memory it has freed, given
back to the system (`give_back`), and Material's search texts with a formula held as UTF-8
(`Utf8Text`, `compact_entries`).

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

import contextlib
import ctypes
import sys
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from mkdocs_perceptual.build.state import Build

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


def body_of(build: Build, src_uri: str) -> str | None:
    """A post's rendered body, without the header and footer, as its page holds it (or held
    it, before it was written)."""
    if (kept := build.kept.get(src_uri)) is not None:
        return zlib.decompress(kept).decode()
    file = build.files.get_file_from_path(src_uri)
    body = build.bodies.get(src_uri)
    if file is None or file.page is None or file.page.content is None or body is None:
        return None
    content = file.page.content
    if len(content) != body.total:  # another plugin changed it after us: take it whole
        return content
    return content[body.start : body.end]


def let_go(build: Build, page: Page | None) -> None:
    """`page` is about to be written (None: the build's end): the post written before it lets
    go of its content and Markdown (MkDocs would keep every page's to the end of the build),
    once every plugin's and hook's `on_post_page` has seen them; its body, which the feeds
    take at the end, is kept compressed (all the bodies of the benchmark's 5,000 posts:
    9.3 MiB, where their pages' content held 74 MiB and their Markdown 15 MiB)."""
    page, build.writing = build.writing, page
    if page is not None:
        release(build, page)


def release(build: Build, page: Page) -> None:
    """`page` is written: a post lets go of its content and Markdown, its body kept
    compressed for the feeds (`let_go`)."""
    src = page.file.src_uri
    if src not in build.bodies or page.content is None:
        return
    if build.feeds and (body := body_of(build, src)) is not None:
        build.kept[src] = zlib.compress(body.encode(), 1)
        if len(build.kept) % EVERY == 0:
            give_back()
    page.content = None
    # MkDocs' `Page.title` is None once the Markdown is: the navigation of the pages still to
    # be written shows this one's title, so it is kept (a weak property: set, it stays).
    with contextlib.suppress(AttributeError):
        page.title = page.title
        page.markdown = None


class Utf8Text:
    """A search entry's text held as UTF-8. Python holds a string at one byte a character
    while every character is below U+0100, at two or four from the first beyond: a section
    with one formula (U+2212 minus, U+2211 sum) takes twice the memory of the same text
    without it. At 5,000 posts half of Material's 19,001 entries hold such a text, 20 MiB of
    the index's 26 MiB; as UTF-8 they take about half. Material writes its index with
    `json.dumps(..., default=str)`, which writes this text as it writes the string
    (`compact_entries`). Anything else asking for the text gets a string: it compares,
    hashes and answers string methods as its string does."""

    __slots__ = ("data",)

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8", "surrogatepass")

    def __str__(self) -> str:
        return self.data.decode("utf-8", "surrogatepass")

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other: object) -> bool:
        return str(self) == (str(other) if isinstance(other, Utf8Text) else other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __len__(self) -> int:
        return len(str(self))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # what pickle and copy look for: this class's own
            raise AttributeError(name)
        return getattr(str(self), name)

    def __reduce__(self) -> tuple[Any, ...]:
        return _from_utf8, (self.data,)


def _from_utf8(data: bytes) -> Utf8Text:
    text = Utf8Text.__new__(Utf8Text)
    text.data = data
    return text


def compact_entries(entries: list[dict[str, Any]]) -> None:
    """Hold the text of each of Material's search entries that has a character beyond U+00FF
    as UTF-8 (`Utf8Text`); other texts are at one byte a character already."""
    for entry in entries:
        text = entry.get("text")
        if isinstance(text, str) and not text.isascii() and max(text) > "\xff":
            entry["text"] = Utf8Text(text)


def json_value(value: object) -> str:
    """`json.dumps`' `default` for what holds `Utf8Text`: its string; anything else is an
    error, as without it."""
    if isinstance(value, Utf8Text):
        return str(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def plain_entries(entries: list[dict[str, Any]]) -> None:
    """Every entry's text a string again (`compact_entries` undone)."""
    for entry in entries:
        if isinstance(text := entry.get("text"), Utf8Text):
            entry["text"] = str(text)
