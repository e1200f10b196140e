"""Run one `mkdocs build` in this process and print its wall time and peak RSS as JSON.

    python benchmarks/measure_build.py SITE_FOLDER
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def main() -> None:
    folder = sys.argv[1]
    os.chdir(folder)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    wall = time.perf_counter() - start
    # ru_maxrss is in KiB on Linux.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"wall": wall, "rss": rss}))


if __name__ == "__main__":
    main()
