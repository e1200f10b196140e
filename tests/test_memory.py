"""`build/memory.py`: memory the build freed goes back to the system where the C library can
give it back (glibc's `malloc_trim`, on this machine and in CI)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import need, plugins, post

from mkdocs_perceptual.build import memory


def resident_kib() -> int:
    status = Path("/proc/self/status").read_text()
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, flags=re.M)
    assert found is not None
    return int(found.group(1))


def test_freed_memory_goes_back_to_the_system():
    if memory._TRIM is None:
        need("the C library has no malloc_trim (not glibc)")
    # 100 MiB in blocks the C library allocates (over pymalloc's 512 bytes), written to so that
    # they are resident, then one more after them, so the heap cannot just shrink from its top.
    blocks = [bytearray(b"x" * 1024) for _ in range(100_000)]
    last = bytearray(b"y" * 1024)
    del blocks
    before = resident_kib()
    assert memory.give_back()
    after = resident_kib()
    assert before - after > 50 * 1024, (before, after)
    assert last[0] == ord("y")


def test_a_build_gives_memory_back_as_it_writes_the_posts_and_before_the_feeds(
    build_site, monkeypatch
):
    calls = []
    monkeypatch.setattr(memory, "EVERY", 2)
    monkeypatch.setattr(memory, "give_back", lambda: calls.append(1) or True)
    files = {"index.md": "# Home\n"}
    for n in range(5):
        files[f"posts/p{n}.md"] = post(title=f"Post {n}", date=f'"2020-01-0{n + 1} 10:00:00"')
    result = build_site(files, {"plugins": plugins(workers=1)})
    assert result.returncode == 0, result.output
    # Two while the five posts are written (after the second and the fourth), one at the end.
    assert len(calls) == 3
