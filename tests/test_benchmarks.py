"""The benchmark harness runs: a smoke test at a tiny N. The figures come from the runner
(docs/benchmarks.md), never from timed assertions here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 10 |")]
    assert len(rows) == 3
    assert "plain MkDocs" in rows[0]
    assert "mkdocs-perceptual" in rows[1]
    assert "Material's blog plugin" in rows[2]
    assert "one `mkdocs serve` rebuild after an edit" in result.stdout
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
