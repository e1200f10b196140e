"""The render pool's table: the benchmark's generated blog built with `workers: 1`, 2 and 4,
each in a fresh process, in turn, --runs times, beside the floor (plain MkDocs).

    python benchmarks/workers.py --posts 1000 --runs 3

Prints the median wall time and the peak memory of each (workers' memory counted: this
process's peak and each child process's own, `run.peak`; and the most they held at the same
moment, `measure_build.ChildPeaks`), with ratios to the floor.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import measure, peak  # noqa: E402

COUNTS = (1, 2, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(args.posts, root)
        settings = yaml.safe_load((root / "perceptual" / "mkdocs.yml").read_text("utf-8"))
        for count in COUNTS:
            config = dict(settings, docs_dir="../perceptual/docs")
            config["plugins"] = [
                "search",
                {"perceptual": {**settings["plugins"][1]["perceptual"], "workers": count}},
            ]
            target = root / f"workers-{count}"
            target.mkdir()
            (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        results: dict[str, list[dict]] = {name: [] for name in ("floor", *map(str, COUNTS))}
        for _ in range(args.runs):
            results["floor"].append(measure(root / "floor"))
            for count in COUNTS:  # in turn, so that drift hits all alike
                results[str(count)].append(measure(root / f"workers-{count}"))
    floor_wall = statistics.median(r["wall"] for r in results["floor"])
    floor_rss = statistics.median(r["rss"] for r in results["floor"])
    print(
        "| workers | median wall time | ratio | peak RSS, workers counted | ratio "
        "| peak RSS at once | ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    floor_mib = f"{floor_rss / 2**20:.0f} MiB | 1.00x"
    print(f"| floor (plain MkDocs) | {floor_wall:.2f} s | 1.00x | {floor_mib} | {floor_mib} |")
    for count in COUNTS:
        wall = statistics.median(r["wall"] for r in results[str(count)])
        rss = statistics.median(peak(r, count) for r in results[str(count)])
        once = statistics.median(r.get("at_once", peak(r, count)) for r in results[str(count)])
        print(
            f"| {count} | {wall:.2f} s | {wall / floor_wall:.2f}x | {rss / 2**20:.0f} MiB "
            f"| {rss / floor_rss:.2f}x | {once / 2**20:.0f} MiB | {once / floor_rss:.2f}x |"
        )
    print(f"\n({args.posts} posts, medians of {args.runs})")


if __name__ == "__main__":
    main()
