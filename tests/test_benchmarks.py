"""The benchmark harness runs: a smoke test at a tiny N. The figures come from the runner
(docs/benchmarks.md), never from timed assertions here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

# Slow: the benchmark harness, in its own processes. `pytest -m "not slow"` leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_runner_smoke(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "10",
            "--runs",
            "1",
            "--rebuild",
            "--no-chart",
            # Zensical's own environment is installed the first time: not in CI's smoke test.
            "--variants",
            "floor",
            "perceptual",
            "perceptual-rss-only",
            "material",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    builds, _, loop = result.stdout.partition("The edit loop")
    rows = [line for line in builds.splitlines() if line.startswith("| 10 |")]
    assert len(rows) == 4
    assert "plain MkDocs" in rows[0]
    assert "mkdocs-perceptual, defaults" in rows[1]
    assert "Lumen's RSS feed only" in rows[2]
    assert "Material's blog plugin" in rows[3]
    edits = {
        cells[2]: cells[5]
        for line in loop.splitlines()
        if line.startswith("| 10 |") and (cells := [c.strip() for c in line.split("|")])
    }
    assert len(edits) == 11
    # The render cache's misses / hits: only the post whose Markdown changed is rendered again.
    assert edits["serve rebuild, one post's body edited"].startswith("1 / ")
    assert edits["serve rebuild, one post's title edited"].startswith("0 / ")
    assert edits["serve rebuild, one post's category changed"].startswith("0 / ")
    assert "`mkdocs build --dirty`, one post's body edited" in edits
    assert "`mkdocs build` with `cache: true`, first" in edits
    assert "`serve --dirty` rebuild, one post's body edited" in edits
    assert "`mkdocs build` with `cache: true`, second, blog unchanged" in edits
    assert (tmp_path / "results.json").is_file()


def test_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(30, tmp_path / "a")
    generate(30, tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.md"))
    assert files_a == files_b
    assert all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a
    )
    drafts = [
        f
        for f in (tmp_path / "a" / "perceptual" / "docs" / "posts").glob("*.md")
        if "draft: true" in f.read_text()
    ]
    assert len(drafts) == 2  # 5% of 30, rounded as the generator does (every 20th post)


def test_table_gives_no_ratio_without_a_floor():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import table

    row = {"n": 20, "variant": "perceptual", "wall": 2.0, "rss": 2**21, "site": 2**20, "page": 2048}
    floor = {**row, "variant": "floor", "wall": 1.0, "rss": 2**20, "page": 1024}
    with_floor, alone = table([floor, row]).splitlines()[-1], table([row]).splitlines()[-1]
    # Without a reading of both at once (no /proc), the sum of the peaks stands in for it.
    assert with_floor.count("2.00x") == 4
    at_once = table([{**floor, "at_once": 2**20}, {**row, "at_once": 3 * 2**19}])
    assert "| 1.50x |" in at_once.splitlines()[-1]
    assert "x |" not in alone
    assert alone.endswith("| 2.0 KiB | - |")


def test_images_benchmark_smoke(tmp_path):
    """The images benchmark at its smallest: two posts with one photograph each, built cold,
    warm and with images off, then looked at in Chromium at both viewports."""
    from conftest import CHROMIUM, need

    if not CHROMIUM.exists():
        need("Chromium is not installed (apt-get install chromium)")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "images.py"),
            *("--posts", "2", "--images", "1", "--runs", "1", "--pages", "2"),
            *("--out", str(tmp_path / "blog")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {
        cells[1]: cells[2:]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and (cells := [c.strip() for c in line.split("|")])
    }
    assert rows["images off (the originals)"][2] == "1.00x"
    for label in ("1280x800, DPR 1", "390x844, DPR 3"):
        assert 0 < float(rows[label][0]) < 1, rows[label]
    photos = list((tmp_path / "blog" / "docs" / "posts").rglob("photo-*.jpg"))
    assert len(photos) == 2
    with Image.open(photos[0]) as photo:
        assert 3000 <= photo.width <= 4000


def smoke(script: str, posts: int, timeout: float = 180) -> str:
    """What a benchmark script prints at its smallest (one run of `posts` posts)."""
    args = [sys.executable, str(ROOT / "benchmarks" / script), "--posts", str(posts)]
    result = subprocess.run([*args, "--runs", "1"], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_reading_benchmark_smoke():
    """The Lumen reading's benchmark at its smallest: it reads the generated posts' bodies."""
    assert smoke("reading.py", 5, timeout=120).startswith("5 posts: median ")


def test_search_sections_benchmark_smoke():
    """The search sections' benchmark at its smallest: the three ways, each a line, and the
    generated posts read by `searchparse` (none of them holds a script)."""
    out = smoke("search_sections.py", 5)
    assert out.startswith("5 post pages, 5 read by searchparse; ")
    rows = [line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ")]
    assert rows[1:] == [
        "Material's parser",
        "lighter, then Material's parser",
        "searchparse.sections",
    ]


def test_feeds_benchmark_smoke():
    """The feeds' benchmark at its smallest: both builds, and the feed step timed in each."""
    out = smoke("feeds.py", 10)
    assert "| every feed (defaults) |" in out
    assert "The extra feeds: " in out


def test_workers_benchmark_smoke():
    """The workers' table at its smallest: the floor and 1, 2 and 4 workers, each a line."""
    rows = [line for line in smoke("workers.py", 10).splitlines() if line.startswith("| ")]
    assert [row.split("|")[1].strip() for row in rows[1:]] == [
        "floor (plain MkDocs)",
        "1",
        "2",
        "4",
    ]


def test_zensical_that_cannot_be_installed_is_not_measured(tmp_path, monkeypatch):
    """Where Zensical's environment cannot be made, its line says so; the run goes on."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import run

    monkeypatch.setattr(run, "ZENSICAL_VENV", tmp_path / "venv")

    def fails(*args, **kwargs):
        raise subprocess.CalledProcessError(1, args[0])

    monkeypatch.setattr(run.subprocess, "run", fails)
    assert run.zensical() is None
    rows = [
        {"n": 10, "variant": "floor", "wall": 1.0, "rss": 2**20, "site": 2**20, "page": 1024},
        {"n": 10, "variant": "zensical", "measured": False},
    ]
    assert "| 10 | Zensical, the Material-blog posts | not measured (not installed) |" in (
        run.table(rows)
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_child_peaks_are_the_childrens_own():
    """measure_build.py counts a child process at its own peak: a small child started while
    this process holds 200 MiB is counted small (RUSAGE_CHILDREN would count the 200 MiB), and
    a child that takes 150 MiB is counted at least that."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from measure_build import ChildPeaks
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    held = b"x" * (200 * 2**20)  # resident while the children run
    children = ChildPeaks()
    children.start()
    pids = []
    try:
        for code in (
            "import time; time.sleep(0.3)",
            "import time; b = b'x' * (150 * 2**20); time.sleep(0.3)",
        ):
            child = subprocess.Popen([sys.executable, "-c", code])
            pids.append(child.pid)
            assert child.wait() == 0
    finally:
        children.stop()
    # Only these two: this pytest process may have other children still running (a resource
    # tracker or a render pool's worker from an earlier test), and they are counted too.
    small, large = (children.peaks[pid] for pid in pids)
    assert small < 60 * 2**20 < len(held)
    assert 150 * 2**20 <= large < 300 * 2**20
    # At once: this process's 200 MiB and the large child's 150 MiB, counted together. (No
    # upper bound: this process's other children count too, and a child sampled between its
    # fork and its exec is a copy of this process.)
    assert children.at_once >= len(held) + 150 * 2**20


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_memory_timeline_smoke(tmp_path):
    """memory_timeline.py builds a generated blog and marks, in order, MkDocs reading its first
    and last page and writing its first and last, each with this process's memory."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(10, tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "memory_timeline.py"), tmp_path / "perceptual"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    names = ["read page first", "read page last", "write page first", "write page last", "end"]
    assert list(report["marks"]) == names
    moments = [report["marks"][name][0] for name in names]
    assert moments == sorted(moments)
    assert all(report["marks"][name][1] > 10 for name in names)  # MiB: MkDocs is loaded
    assert (tmp_path / "perceptual" / "site" / "index.html").is_file()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_memory_timeline_counts_the_copys_own_pages(tmp_path):
    """With the render pool (`parallel.SMALLEST` posts and more) the build forks a copy to
    write pages: the timeline reads its own pages beside this process's, sample by sample."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no render pool, so the pages are not split")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(400, tmp_path)
    script = str(ROOT / "benchmarks" / "memory_timeline.py")
    result = subprocess.run(
        [sys.executable, script, tmp_path / "perceptual", "--series"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    copies = [copy for _, _, copy in report["series"]]
    assert max(copies) > 0, report["series"]
    moment, mine, copy = report["at_once"]
    assert [moment, mine, copy] in report["series"]
    assert mine + copy == max(m + c for _, m, c in report["series"])
