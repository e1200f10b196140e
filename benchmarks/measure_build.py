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
import threading
import time
from collections.abc import Callable, Iterator
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


class ChildPeaks:
    """Each child process's own peak memory, read from Linux's /proc while it runs.

    `RUSAGE_CHILDREN` cannot give it: a spawned worker starts as a fork (or vfork) of this
    process, and the kernel keeps the larger of that copy's peak and the new program's, so a
    worker started while this process held 120 MiB reports at least 120 MiB however little it
    uses. /proc/PID/status's VmHWM is the peak of the program the child runs since its exec:
    sampled every 20 ms, the last reading before the child exits is its peak, short of what it
    took in its last 20 ms (a child that lives less than 20 ms after its exec may be counted
    at the size of the copy it was forked as).

    `at_once` is the most memory this process and its children held at the same moment (the
    sum of their VmRSS, sampled with the peaks): what the machine needed. A child that is a
    copy of this process (the one a split build forks to write pages, `split.py`) shares its
    memory with it until either writes to a page: it counts only its own pages (the private
    ones of Linux's smaps_rollup, read every fifth sample: the kernel walks the whole copy
    for it), the shared ones being this process's VmRSS already. The sum of each one's peak
    overstates it where they peak at different times (the workers while the pages are
    rendered, this process as the search index is written, after they ended), and counts
    what the copy shares with this process twice (its VmHWM counts it)."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.at_once = 0
        self.available = Path("/proc/self/status").exists()
        self._own: dict[int, int] = {}  # a copy's own pages, as last read
        self._samples = 0
        self._command = Path("/proc/self/cmdline").read_bytes() if self.available else b""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        if self.available:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()
            self._sample()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self._sample()

    def _sample(self) -> None:
        now = _resident(Path("/proc/self/status").read_text())
        self._samples += 1
        for proc, copy in children(self._command):
            try:
                status = (proc / "status").read_text()
            except OSError:
                continue  # gone meanwhile
            pid = int(proc.name)
            if not copy:
                now += _resident(status)
            else:
                if pid not in self._own or self._samples % 5 == 0:
                    self._own[pid] = _own(proc, self._own.get(pid, 0))
                now += self._own[pid]
            found = re.search(r"^VmHWM:\s+(\d+) kB", status, flags=re.M)
            if found:
                # The last reading, not the largest: one taken between the child's fork and
                # its exec is this process's copy's.
                self.peaks[pid] = int(found.group(1)) * 1024
        self.at_once = max(self.at_once, now)


def children(command: bytes) -> Iterator[tuple[Path, bool]]:
    """This process's children as /proc has them now: each one's folder, and whether it is a
    copy of this process (`command`, this process's command line, is its own)."""
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # After the command's closing parenthesis: the state, then the parent's pid.
            if stat.read_text().rpartition(")")[2].split()[1] != me:
                continue
            copy = (stat.parent / "cmdline").read_bytes() == command
        except (OSError, IndexError):
            continue  # gone meanwhile
        yield stat.parent, copy


def _resident(status: str) -> int:
    """A process's resident memory now (VmRSS), in bytes, from its /proc status."""
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, flags=re.M)
    return int(found.group(1)) * 1024 if found else 0


def _own(proc: Path, last: int) -> int:
    """A copy's own pages, in bytes (`ChildPeaks`); `last` where it is gone meanwhile."""
    try:
        rollup = (proc / "smaps_rollup").read_text()
    except OSError:
        return last
    found = re.findall(r"^Private_(?:Clean|Dirty):\s+(\d+) kB", rollup, flags=re.M)
    return sum(int(kb) for kb in found) * 1024 if found else last


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
    children = ChildPeaks()
    children.start()
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
        children.stop()
        if dirty:
            assert post is not None
            post.write_text(original, encoding="utf-8")
    # ru_maxrss is in KiB on Linux.
    result: dict = {"wall": wall, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    # Each child process's own peak (the render pool's workers; the images' pool and the
    # resource tracker it starts), largest first: the harness adds them to this process's.
    # Without /proc, the largest child's peak by RUSAGE_CHILDREN, which counts this process
    # as it was when that child was spawned (the harness counts it once per worker).
    if children.available:
        result["children"] = sorted(children.peaks.values(), reverse=True)
        # A moment between two samples is missed; this process's own peak is not.
        result["at_once"] = max(children.at_once, result["rss"])
    else:
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
