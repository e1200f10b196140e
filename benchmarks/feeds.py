"""What the feeds cost: the benchmark's generated blog built in this process with the plugin's
defaults (RSS, Atom, JSON Feed, a feed per category and tag) and with Lumen's one RSS feed, each
--runs times, in turn; the time of the step that writes the feeds is taken inside each build.

    python benchmarks/feeds.py --posts 1000 --runs 3

Prints, for each, the median build and the median feed step, and the extra feeds' cost as a
share of the defaults' build. A whole build's time moves too much with the machine's other
work to resolve a few percent; the step's own time does not.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from mkdocs_perceptual.build import features  # noqa: E402

VARIANTS = {"perceptual": "every feed (defaults)", "perceptual-rss-only": "Lumen's RSS feed only"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    spent: list[float] = []
    write = features.write_feeds

    def timed(*a: object, **k: object) -> None:
        start = time.perf_counter()
        write(*a, **k)  # type: ignore[arg-type]
        spent.append(time.perf_counter() - start)

    features.write_feeds = timed  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(args.posts, root)
        walls: dict[str, list[float]] = {v: [] for v in VARIANTS}
        steps: dict[str, list[float]] = {v: [] for v in VARIANTS}
        for _ in range(args.runs):
            for variant in VARIANTS:  # in turn, so that drift hits both alike
                config = load_config(str(root / variant / "mkdocs.yml"))
                config.plugins.on_startup(command="build", dirty=False)
                spent.clear()
                start = time.perf_counter()
                build(config)
                walls[variant].append(time.perf_counter() - start)
                steps[variant].append(sum(spent))
    wall = {v: statistics.median(w) for v, w in walls.items()}
    step = {v: statistics.median(s) for v, s in steps.items()}
    print("| build | median build | median feed step |\n|---|---|---|")
    for variant, label in VARIANTS.items():
        print(f"| {label} | {wall[variant]:.2f} s | {step[variant]:.3f} s |")
    extra = step["perceptual"] - step["perceptual-rss-only"]
    print(
        f"\nThe extra feeds: {extra:.3f} s, {extra / wall['perceptual']:.1%} of the defaults' "
        f"build ({args.posts} posts, medians of {args.runs})"
    )


if __name__ == "__main__":
    main()
