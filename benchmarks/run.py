"""The benchmark: the same generated blog built as the floor (plain MkDocs), with this
plugin, and with Material's blog plugin, in one run and in turn.

    python benchmarks/run.py                      # N = 100, 1000, 5000; 3 runs each
    python benchmarks/run.py --sizes 10 --runs 1  # the smoke test CI runs

Prints a Markdown table (median wall time, peak RSS, site size, median post page, each with
its ratio to the floor; peak RSS is the build's process's peak plus each worker's, "at
once" the most they held together at one moment) and writes it, with a chart of time per
post against N, to --out.

With --rebuild it also measures the edit loop of the plugin's blog: in one process, as
`mkdocs serve` does, serve's first build and a rebuild after one post's body, title or category
is edited, with the render cache's misses and hits in each; `mkdocs build --dirty` after a
body edit (from what an earlier dirty build left) against the full `mkdocs build` measured
just before it; the same serve rebuilds as `mkdocs serve --dirty` makes them, against the full
build; and `mkdocs build` with `cache: true`, cold and then warm, against the floor
(benchmarks/measure_build.py says how). Each is a median of --runs runs, with its ratio to serve's first build (the dirty
build: to the full build).

Before the first build, the plugin's modules are compiled to bytecode where they are, as pip
does when it installs a wheel (MkDocs, Material and the rest were compiled so when they were
installed): an editable install run with PYTHONDONTWRITEBYTECODE set, as on this project's
machine, would otherwise compile every module in every build and in every worker.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

VARIANTS = ("floor", "perceptual", "perceptual-rss-only", "material", "zensical")
LABELS = {
    "floor": "plain MkDocs, posts not in nav (floor)",
    "perceptual": "mkdocs-perceptual, defaults",
    "perceptual-rss-only": "mkdocs-perceptual, Lumen's RSS feed only",
    "material": "Material's blog plugin",
    "zensical": "Zensical, the Material-blog posts",
}
POST_PAGES = {
    "floor": "posts/*/index.html",
    "perceptual": "posts/*/index.html",
    "perceptual-rss-only": "posts/*/index.html",
    "material": "blog/2*/**/index.html",
    "zensical": "blog/2*/**/index.html",
}
# Zensical in a virtual environment of its own, made by the harness once, beside it (ignored
# by git): it brings its own MkDocs-compatible stack.
ZENSICAL_VENV = HERE / ".venv-zensical"

# Runs a command as this script's child and prints its wall time and peak RSS as JSON.
_TIMED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
wall = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stdout[-2000:] + done.stderr[-2000:])
print(json.dumps({"wall": wall, "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))
"""


def zensical() -> Path | None:
    """The `zensical` command in the harness's own environment, installed there the first
    time from the package index; None where it cannot be installed (the line says so)."""
    command = ZENSICAL_VENV / "bin" / "zensical"
    if command.exists():
        return command
    try:
        subprocess.run([sys.executable, "-m", "venv", str(ZENSICAL_VENV)], check=True)
        pip = [str(ZENSICAL_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "zensical"]
        subprocess.run(pip, check=True, capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as e:
        print(f"Zensical not measured: it could not be installed ({e})", file=sys.stderr)
        return None
    return command if command.exists() else None


def measure_zensical(folder: Path, command: Path) -> dict:
    """`zensical build --clean` of the Material-blog posts (the `material` variant's files,
    which Zensical reads as they are), timed as a child of a fresh process."""
    args = [sys.executable, "-c", _TIMED, str(folder), str(command), "build", "--clean"]
    args += ["-f", "zensical.yml"]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


EDITS = ("body", "title", "category")


@functools.cache
def compile_plugin() -> None:
    """The plugin's modules compiled to bytecode where they are, once per run."""
    import mkdocs_perceptual

    compileall.compile_dir(Path(mkdocs_perceptual.__file__).parent, quiet=1)


def measure(folder: Path, *flags: str) -> dict:
    compile_plugin()
    args = [sys.executable, str(HERE / "measure_build.py"), str(folder), *flags]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak(result: dict, workers: int | None = None) -> int:
    """A build's peak memory with its workers': this process's peak and each child process's
    own (measure_build.py reads them from /proc); without /proc, the largest child's for each
    worker that ran beside it (one fewer than the cores, or `workers`)."""
    if "children" in result:
        return result["rss"] + sum(result["children"])
    beside = (workers or os.cpu_count() or 1) - 1
    return result["rss"] + (result.get("rss_children", 0) * beside if beside > 0 else 0)


def site_stats(site: Path, pattern: str) -> tuple[int, float]:
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [p.stat().st_size for p in site.glob(pattern)]
    return total, statistics.median(pages) if pages else 0.0


def run(
    sizes: list[int], runs: int, rebuild: bool, variants: tuple[str, ...] = VARIANTS
) -> list[dict]:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"perceptual-bench-{n}-") as tmp:
            root = Path(tmp)
            generate(n, root)
            results: dict[str, list[dict]] = {v: [] for v in variants}
            command = zensical() if "zensical" in variants else None
            if command is not None:
                # The same posts, in the material folder (Zensical wants docs_dir inside its
                # project), its own configuration file and site folder.
                settings = yaml.safe_load((root / "material" / "mkdocs.yml").read_text("utf-8"))
                (root / "material" / "zensical.yml").write_text(
                    yaml.safe_dump({**settings, "site_dir": "site-zensical"}), "utf-8"
                )
            serve: list[dict] = []
            dirty: list[dict] = []
            cold: list[dict] = []
            serve_dirty: list[dict] = []
            warm: list[dict] = []
            for _ in range(runs):
                for variant in variants:  # in turn, so that drift hits all alike
                    if variant == "zensical":
                        if command is not None:
                            results[variant].append(measure_zensical(root / "material", command))
                        continue
                    results[variant].append(measure(root / variant))
                    if rebuild and variant == "perceptual":
                        # `mkdocs build --dirty` after a body edit, starting from what an
                        # earlier `mkdocs build --dirty` left (not timed).
                        measure(root / variant, "--dirty", "--prime")
                        dirty.append(measure(root / variant, "--dirty"))
                        # As `mkdocs serve` builds (drafts shown, the live-reload script in
                        # every page), then the rebuilds after one post is edited.
                        serve.append(measure(root / variant, "--rebuild"))
                        # The same as `mkdocs serve --dirty`.
                        serve_dirty.append(measure(root / variant, "--rebuild", "--serve-dirty"))
                        # `mkdocs build` with `cache: true`: the first, then a second of the
                        # unchanged blog.
                        cold.append(measure(root / variant, "--cache", "cold"))
                        warm.append(measure(root / variant, "--cache", "warm"))
            for variant in variants:
                if not results[variant]:
                    rows.append({"n": n, "variant": variant, "measured": False})
                    continue
                site = root / "material" / "site-zensical" if variant == "zensical" else None
                size, page = site_stats(site or root / variant / "site", POST_PAGES[variant])
                row = {
                    "n": n,
                    "variant": variant,
                    "wall": statistics.median(r["wall"] for r in results[variant]),
                    "walls": [round(r["wall"], 2) for r in results[variant]],
                    "rss": statistics.median(peak(r) for r in results[variant]),
                    # The most held at one moment (measure_build.py), where it was sampled.
                    "at_once": statistics.median(
                        r.get("at_once", peak(r)) for r in results[variant]
                    ),
                    "site": size,
                    "page": page,
                }
                if serve and variant == "perceptual":
                    row["serve_build"] = statistics.median(r["wall"] for r in serve)
                    row["serve_builds"] = [round(r["wall"], 2) for r in serve]
                    row["rebuild"] = statistics.median(r["rebuild"] for r in serve)
                    row["rebuilds"] = {
                        edit: {
                            "wall": statistics.median(r["rebuilds"][edit]["wall"] for r in serve),
                            "walls": [round(r["rebuilds"][edit]["wall"], 2) for r in serve],
                            # the render cache's (misses, hits), run by run
                            "cache": [
                                (r["rebuilds"][edit]["misses"], r["rebuilds"][edit]["hits"])
                                for r in serve
                            ],
                        }
                        for edit in EDITS
                    }
                    row["first_cache"] = [(r["first"]["misses"], r["first"]["hits"]) for r in serve]
                    row["dirty"] = statistics.median(r["wall"] for r in dirty)
                    row["dirties"] = [round(r["wall"], 2) for r in dirty]
                    row["serve_dirty"] = {
                        edit: {
                            "wall": statistics.median(
                                r["rebuilds"][edit]["wall"] for r in serve_dirty
                            ),
                            "walls": [round(r["rebuilds"][edit]["wall"], 2) for r in serve_dirty],
                        }
                        for edit in EDITS
                    }
                    row["cold"] = statistics.median(r["wall"] for r in cold)
                    row["colds"] = [round(r["wall"], 2) for r in cold]
                    row["warm"] = statistics.median(r["wall"] for r in warm)
                    row["warms"] = [round(r["wall"], 2) for r in warm]
                rows.append(row)
            print(f"N = {n} done", file=sys.stderr)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| N | build | median wall time | ratio | peak RSS | ratio | peak RSS at once | ratio "
        "| site size | median post page | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    # A row without a reading at once (no /proc; results from before it was measured): the
    # sum of the peaks stands in for it.
    rows = [{"at_once": r["rss"], **r} if "rss" in r else r for r in rows]
    floors = {r["n"]: r for r in rows if r["variant"] == "floor"}
    for r in rows:
        f = floors.get(r["n"])
        if r.get("measured") is False:
            lines.append(f"| {r['n']} | {LABELS[r['variant']]} | not measured (not installed) |")
            continue

        def ratio(key: str, r: dict = r, f: dict | None = f) -> str:
            return f"{r[key] / f[key]:.2f}x" if f is not None else "-"  # no floor measured

        lines.append(
            f"| {r['n']} | {LABELS[r['variant']]} | {r['wall']:.2f} s | {ratio('wall')} "
            f"| {r['rss'] / 2**20:.0f} MiB | {ratio('rss')} "
            f"| {r['at_once'] / 2**20:.0f} MiB | {ratio('at_once')} "
            f"| {r['site'] / 2**20:.1f} MiB "
            f"| {r['page'] / 1024:.1f} KiB | {ratio('page')} |"
        )
    return "\n".join(lines)


def _cache(counts: list[tuple[int, int]]) -> str:
    """Misses and hits, once if every run agrees."""
    if len(set(counts)) == 1:
        return "{} / {}".format(*counts[0])
    return ", ".join("{} / {}".format(*c) for c in counts)


def edit_loop_table(rows: list[dict]) -> str:
    floors = {r["n"]: r["wall"] for r in rows if r["variant"] == "floor"}
    lines = [
        "| N | build | median time | ratio | posts rendered / reused (render cache misses / hits) |",
        "|---|---|---|---|---|",
    ]
    labels = {
        "body": "serve rebuild, one post's body edited",
        "title": "serve rebuild, one post's title edited",
        "category": "serve rebuild, one post's category changed",
    }
    for r in rows:
        if "rebuilds" not in r:
            continue
        first = r["serve_build"]
        lines.append(
            f"| {r['n']} | serve's first build | {first:.2f} s | 1.00x | {_cache(r['first_cache'])} |"
        )
        for edit in EDITS:
            e = r["rebuilds"][edit]
            lines.append(
                f"| {r['n']} | {labels[edit]} | {e['wall']:.2f} s | {e['wall'] / first:.2f}x "
                f"| {_cache(e['cache'])} |"
            )
        lines.append(f"| {r['n']} | `mkdocs build` (full) | {r['wall']:.2f} s | 1.00x | - |")
        lines.append(
            f"| {r['n']} | `mkdocs build --dirty`, one post's body edited | {r['dirty']:.2f} s "
            f"| {r['dirty'] / r['wall']:.2f}x of the full build | - |"
        )
        for edit in EDITS:
            wall = r["serve_dirty"][edit]["wall"]
            lines.append(
                f"| {r['n']} | `serve --dirty` rebuild, {labels[edit].split(', ', 1)[1]} "
                f"| {wall:.2f} s | {wall / r['wall']:.2f}x of the full build | - |"
            )
        floor = floors.get(r["n"])
        for key, label in (("cold", "first"), ("warm", "second, blog unchanged")):
            ratio = f"{r[key] / floor:.2f}x of the floor" if floor else "-"
            lines.append(
                f"| {r['n']} | `mkdocs build` with `cache: true`, {label} | {r[key]:.2f} s "
                f"| {ratio} | - |"
            )
    return "\n".join(lines)


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    for variant in sorted({r["variant"] for r in rows}, key=VARIANTS.index):
        points = [
            (r["n"], r["wall"] / r["n"] * 1000)
            for r in rows
            if r["variant"] == variant and r.get("measured", True)
        ]
        if not points:
            continue
        ax.plot(*zip(*points, strict=True), marker="o", label=LABELS[variant])
    ax.set_xscale("log")
    ax.set_xlabel("posts (N)")
    ax.set_ylabel("median build time per post (ms)")
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--rebuild", action="store_true", help="also time a serve rebuild after an edit"
    )
    parser.add_argument(
        "--out", type=Path, help="folder for results.json, results.md and chart.png"
    )
    parser.add_argument("--no-chart", action="store_true")
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=VARIANTS,
        default=list(VARIANTS),
        help="the builds to measure (default: all three; ratios need the floor)",
    )
    args = parser.parse_args()
    started = time.monotonic()
    rows = run(args.sizes, args.runs, args.rebuild, tuple(args.variants))
    text = table(rows)
    if any("rebuilds" in r for r in rows):
        text += "\n\nThe edit loop (ratios: to serve's first build; the dirty build's: to the full build):\n\n"
        text += edit_loop_table(rows)
    print(text)
    print(
        f"\n({time.monotonic() - started:.0f} s, {os.cpu_count()} cores, Python {sys.version.split()[0]})"
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(json.dumps(rows, indent=1))
        (args.out / "results.md").write_text(text + "\n")
        if not args.no_chart:
            chart(rows, args.out / "chart.png")


if __name__ == "__main__":
    main()
