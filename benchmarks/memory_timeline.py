"""Where a build's memory goes: one `mkdocs build` in this process, its resident memory read
every 50 ms, and the moments MkDocs reads its first and last page and writes its first and
last (this process's: where the writing is split, the copy's pages are not marked), printed
as JSON (MiB, and seconds from the start).

    python benchmarks/memory_timeline.py SITE_FOLDER [--series]

Where the build splits its page writing (`split.py`), the copy's own pages (the private ones of
its smaps_rollup, as `measure_build.py` counts them) are read every 100 ms beside it, and
"at once" is the most the two held together. With --series every sample is printed too, as
[seconds, this process, the copy].

The floor and the plugin's variant of a generated blog (`generate.py`) set side by side show
which part of the build holds what the other does not (docs/benchmarks.md, "A cold build,
fourth part"). Children (the render pool's workers) are not counted here:
`measure_build.py` reports each one's peak.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure_build import _own, _resident, children

MIB = 1024 * 1024


def resident_mib() -> int:
    return _resident(Path("/proc/self/status").read_text()) // MIB


def copies_mib(command: bytes) -> int:
    """The own pages of this process's copies (a split build's), in MiB; the render pool's
    workers are programs of their own."""
    return sum(_own(proc, 0) for proc, copy in children(command) if copy) // MIB


def main() -> None:
    os.chdir(sys.argv[1])
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    start = time.perf_counter()
    samples: list[tuple[float, int]] = []
    series: list[tuple[float, int, int]] = []
    marks: dict[str, tuple[float, int]] = {}
    stop = threading.Event()
    command = Path("/proc/self/cmdline").read_bytes()

    def sample() -> None:
        while not stop.wait(0.05):
            samples.append((time.perf_counter() - start, resident_mib()))
            if len(samples) % 2 == 0:  # the kernel walks the whole copy to count its pages
                series.append((round(samples[-1][0], 2), samples[-1][1], copies_mib(command)))

    def marked(name: str, fn: Any) -> Any:
        # The first call's moment as "NAME first", the end of the last as "NAME last".
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            marks.setdefault(f"{name} first", (time.perf_counter() - start, resident_mib()))
            result = fn(*args, **kwargs)
            marks[f"{name} last"] = (time.perf_counter() - start, resident_mib())
            return result

        return wrapper

    mkdocs_build._populate_page = marked("read page", mkdocs_build._populate_page)
    write = marked("write page", mkdocs_build._build_page)

    # With MkDocs' own parameters, which the plugin looks for before it splits the writing.
    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):  # type: ignore[no-untyped-def]
        return write(page, config, doc_files, nav, env, dirty, excluded)

    mkdocs_build._build_page = _build_page
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build.build(config)
    config.plugins.on_shutdown()
    stop.set()
    sampler.join()
    marks["end"] = (time.perf_counter() - start, resident_mib())
    peak = max(samples or [marks["end"]], key=lambda s: s[1])
    together = max(series or [(0.0, 0, 0)], key=lambda s: s[1] + s[2])
    report: dict[str, Any] = {"marks": marks, "peak": peak, "at_once": together}
    if "--series" in sys.argv:
        report["series"] = series
    print(json.dumps(report))


# Spawned workers import this module again as __mp_main__: only the command runs the build.
if __name__ == "__main__":
    main()
