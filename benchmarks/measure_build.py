"""Run one `mkdocs build` in this process and print its wall time and peak RSS as JSON.

    python benchmarks/measure_build.py SITE_FOLDER [--rebuild [--serve-dirty] [--profile FILE]
                                                    | --dirty [--prime] | --cache cold|warm]

With --rebuild, it does what `mkdocs serve` does, in one process: the plugins started once
with `command="serve"` (MkDocs keeps the instances of plugins that define on_startup in the
`plugins` option's plugin_cache, so the configuration loaded afresh for every build holds the
same instances), a first build (drafts previewed, the live-reload script in every page, into a
temporary folder as serve does, so the site folder keeps the published build), then a rebuild
after each of three edits to the newest post: its body, its title, its category. Each edit is
undone after its rebuild, and the site rebuilt again (as serve does when the undo is saved;
not reported), so every edit starts from the same blog and the same render cache. It reports
each rebuild's time and the render cache's hits and misses in it ("rebuilds"), and the body
edit's time also as "rebuild". --profile FILE writes a cProfile of the body edit's rebuild.
With --serve-dirty too, it does what `mkdocs serve --dirty` does: the plugins started with
`dirty=True` and every build made with `dirty=True`, into the same temporary folder.

With --dirty, it edits the newest post's body and runs what `mkdocs build --dirty` runs
(`on_startup(command="build", dirty=True)`, `build(config, dirty=True)`) over the site folder
as the last build left it, then undoes the edit. With --prime too, it runs the dirty build
without the edit: what a writer's previous `mkdocs build --dirty` left (the site and the
plugin's state in cache_dir), for the timed one to start from.

With --cache cold, it removes the plugin's cache_dir and runs `mkdocs build` with the plugin's
`cache` option on; with --cache warm, the same, keeping the cache the cold build wrote: the
second build of an unchanged blog. With --cold, it removes cache_dir (and with it the images'
copies) and runs a plain `mkdocs build`.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


def newest_post() -> Path:
    """The newest published post: the one a writer is working on."""
    posts = sorted(Path("docs").rglob("*.md"))
    return next(p for p in reversed(posts) if "\ndraft: false\n" in p.read_text(encoding="utf-8"))


def edit_body(text: str) -> str:
    return text + "\nAn edit.\n"


def edit_title(text: str) -> str:
    # 'Post 9: Measures ...' -> 'Post 9 (edited): Measures ...', quoted or not.
    return re.sub(r"^(title: '?Post \d+)", r"\1 (edited)", text, count=1, flags=re.M)


def edit_category(text: str) -> str:
    old = re.search(r"^category: (.*)$", text, flags=re.M)
    assert old is not None
    new = "Notes" if old.group(1) != "Notes" else "Tooling"
    return text[: old.start(1)] + new + text[old.end(1) :]


EDITS: dict[str, Callable[[str], str]] = {
    "body": edit_body,
    "title": edit_title,
    "category": edit_category,
}


def main() -> None:
    folder = sys.argv[1]
    os.chdir(folder)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    rebuild = "--rebuild" in sys.argv
    dirty = "--dirty" in sys.argv
    serve_dirty = rebuild and "--serve-dirty" in sys.argv
    prime = "--prime" in sys.argv
    cached = sys.argv[sys.argv.index("--cache") + 1] if "--cache" in sys.argv else None
    if cached == "cold" or "--cold" in sys.argv:
        shutil.rmtree(".cache/plugin/perceptual", ignore_errors=True)
    profile = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None
    serve_url = SERVE_URL if rebuild else None
    overrides = {"site_dir": tempfile.mkdtemp(prefix="perceptual-serve-")} if rebuild else {}
    post = newest_post() if rebuild or dirty else None
    original = post.read_text(encoding="utf-8") if post is not None else ""
    if dirty and not prime:
        assert post is not None
        post.write_text(edit_body(original), encoding="utf-8")
    try:
        start = time.perf_counter()
        config = load_config("mkdocs.yml", **overrides)
        if cached is not None:
            config.plugins["perceptual"].config.cache = True
        config.plugins.on_startup(
            command="serve" if rebuild else "build", dirty=dirty or serve_dirty
        )
        build(config, serve_url=serve_url, dirty=dirty or serve_dirty)
        wall = time.perf_counter() - start
    finally:
        if dirty:
            assert post is not None
            post.write_text(original, encoding="utf-8")
    # ru_maxrss is in KiB on Linux.
    result: dict = {"wall": wall, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    # The largest child process's peak (the render pool's workers, the images' pool): the
    # harness counts one for each worker that ran beside this process.
    result["rss_children"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    if rebuild:
        assert post is not None
        cache = config.plugins["perceptual"].cache
        result["first"] = {"hits": cache.hits, "misses": cache.misses}
        result["rebuilds"] = {}

        def serve_build(profiler=None) -> dict:
            cache.hits = cache.misses = 0
            start = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            # As serve's builder() does: the configuration loaded afresh, the plugins kept.
            again = load_config("mkdocs.yml", **overrides)
            assert again.plugins["perceptual"] is config.plugins["perceptual"]
            build(again, serve_url=serve_url, dirty=serve_dirty)
            if profiler is not None:
                profiler.disable()
            return {
                "wall": time.perf_counter() - start,
                "hits": cache.hits,
                "misses": cache.misses,
            }

        for name, edit in EDITS.items():
            edited = edit(original)
            assert edited != original, name
            post.write_text(edited, encoding="utf-8")
            profiler = None
            if profile is not None and name == "body":
                import cProfile

                profiler = cProfile.Profile()
            try:
                result["rebuilds"][name] = serve_build(profiler)
            finally:
                post.write_text(original, encoding="utf-8")
            if profiler is not None:
                profiler.dump_stats(profile)
            result["rebuilds"][name]["undo"] = serve_build()
        result["rebuild"] = result["rebuilds"]["body"]["wall"]
    config.plugins.on_shutdown()
    if rebuild:
        shutil.rmtree(overrides["site_dir"], ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
