"""The benchmark: the same generated blog built as the floor (plain MkDocs), with this
plugin, and with Material's blog plugin, in one run and in turn.

    python benchmarks/run.py                      # N = 100, 1000, 5000; 3 runs each
    python benchmarks/run.py --sizes 10 --runs 1  # the smoke test CI runs

Prints a Markdown table (median wall time, peak RSS, site size, median post page, each with
its ratio to the floor) and writes it, with a chart of time per post against N, to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

VARIANTS = ("floor", "perceptual", "material")
LABELS = {
    "floor": "plain MkDocs, posts not in nav (floor)",
    "perceptual": "mkdocs-perceptual, defaults",
    "material": "Material's blog plugin",
}
POST_PAGES = {
    "floor": "posts/*/index.html",
    "perceptual": "posts/*/index.html",
    "material": "blog/2*/**/index.html",
}


def measure(folder: Path, rebuild: bool = False) -> dict:
    args = [sys.executable, str(HERE / "measure_build.py"), str(folder)]
    if rebuild:
        args.append("--rebuild")
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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
            serve: list[dict] = []
            for _ in range(runs):
                for variant in variants:  # in turn, so that drift hits all three alike
                    results[variant].append(measure(root / variant))
                    if rebuild and variant == "perceptual":
                        # As `mkdocs serve` builds (drafts shown, the live-reload script in
                        # every page), then the rebuild after one post is edited.
                        serve.append(measure(root / variant, rebuild=True))
            for variant in variants:
                size, page = site_stats(root / variant / "site", POST_PAGES[variant])
                row = {
                    "n": n,
                    "variant": variant,
                    "wall": statistics.median(r["wall"] for r in results[variant]),
                    "walls": [round(r["wall"], 2) for r in results[variant]],
                    "rss": statistics.median(r["rss"] for r in results[variant]),
                    "site": size,
                    "page": page,
                }
                if serve and variant == "perceptual":
                    row["serve_build"] = statistics.median(r["wall"] for r in serve)
                    row["rebuild"] = statistics.median(r["rebuild"] for r in serve)
                rows.append(row)
            print(f"N = {n} done", file=sys.stderr)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| N | build | median wall time | ratio | peak RSS | ratio | site size | median post page | ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    floors = {r["n"]: r for r in rows if r["variant"] == "floor"}
    for r in rows:
        f = floors.get(r["n"])

        def ratio(key: str, r: dict = r, f: dict | None = f) -> str:
            return f"{r[key] / f[key]:.2f}x" if f is not None else "-"  # no floor measured

        lines.append(
            f"| {r['n']} | {LABELS[r['variant']]} | {r['wall']:.2f} s | {ratio('wall')} "
            f"| {r['rss'] / 2**20:.0f} MiB | {ratio('rss')} | {r['site'] / 2**20:.1f} MiB "
            f"| {r['page'] / 1024:.1f} KiB | {ratio('page')} |"
        )
    return "\n".join(lines)


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    for variant in sorted({r["variant"] for r in rows}, key=VARIANTS.index):
        points = [(r["n"], r["wall"] / r["n"] * 1000) for r in rows if r["variant"] == variant]
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
    print(text)
    for r in rows:
        if "rebuild" in r:
            print(
                f"\nN = {r['n']}: one `mkdocs serve` rebuild after an edit: {r['rebuild']:.2f} s; "
                f"serve's first build {r['serve_build']:.2f} s ({r['rebuild'] / r['serve_build']:.2f}x); "
                f"`mkdocs build` {r['wall']:.2f} s ({r['rebuild'] / r['wall']:.2f}x)"
            )
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
