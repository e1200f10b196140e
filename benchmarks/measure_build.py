"""Run one `mkdocs build` in this process and print its wall time and peak RSS as JSON.

    python benchmarks/measure_build.py SITE_FOLDER [--rebuild]

With --rebuild, it builds as `mkdocs serve` does (drafts previewed, the live-reload script in
every page, into a temporary folder as serve does, so the site folder keeps the published
build), edits one post, builds again, and reports that second build's time as "rebuild".
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    folder = sys.argv[1]
    os.chdir(folder)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    rebuild = "--rebuild" in sys.argv
    serve_url = "http://127.0.0.1:8000/" if rebuild else None
    overrides = {"site_dir": tempfile.mkdtemp(prefix="perceptual-serve-")} if rebuild else {}
    start = time.perf_counter()
    config = load_config("mkdocs.yml", **overrides)
    config.plugins.on_startup(command="serve" if rebuild else "build", dirty=False)
    build(config, serve_url=serve_url)
    wall = time.perf_counter() - start
    # ru_maxrss is in KiB on Linux.
    result = {"wall": wall, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    if rebuild:
        post = sorted(Path("docs").rglob("*.md"))[-1]
        post.write_text(post.read_text(encoding="utf-8") + "\nAn edit.\n", encoding="utf-8")
        start = time.perf_counter()
        # As serve's builder() does: the configuration loaded afresh.
        build(load_config("mkdocs.yml", **overrides), serve_url=serve_url)
        result["rebuild"] = time.perf_counter() - start
    config.plugins.on_shutdown()
    if rebuild:
        shutil.rmtree(overrides["site_dir"], ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
