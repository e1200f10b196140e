"""Where a build's memory goes: one `mkdocs build` in this process, its resident memory read
every 50 ms, and the moments MkDocs reads its first and last page and writes its first and
last, printed as JSON (MiB, and seconds from the start).

    python benchmarks/memory_timeline.py SITE_FOLDER

The floor and the plugin's variant of a generated blog (`generate.py`) set side by side show
which part of the build holds what the other does not (docs/benchmarks.md, "A cold build,
fourth part"). Children (the render pool's workers) are not counted here:
`measure_build.py` reports each one's peak.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import Any


def resident_mib() -> int:
    status = Path("/proc/self/status").read_text()
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, flags=re.M)
    return int(found.group(1)) // 1024 if found else 0


def main() -> None:
    os.chdir(sys.argv[1])
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    start = time.perf_counter()
    samples: list[tuple[float, int]] = []
    marks: dict[str, tuple[float, int]] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            samples.append((time.perf_counter() - start, resident_mib()))

    def marked(name: str, fn: Any) -> Any:
        # The first call's moment as "NAME first", the end of the last as "NAME last".
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            marks.setdefault(f"{name} first", (time.perf_counter() - start, resident_mib()))
            result = fn(*args, **kwargs)
            marks[f"{name} last"] = (time.perf_counter() - start, resident_mib())
            return result

        return wrapper

    mkdocs_build._populate_page = marked("read page", mkdocs_build._populate_page)
    mkdocs_build._build_page = marked("write page", mkdocs_build._build_page)
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
    print(json.dumps({"marks": marks, "peak": peak}))


# Spawned workers import this module again as __mp_main__: only the command runs the build.
if __name__ == "__main__":
    main()
