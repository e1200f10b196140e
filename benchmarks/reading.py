"""The speed of the Lumen reading alone: `remark.prepare` and Python-Markdown with the Lumen
extensions over the bodies of the benchmark's generated posts, in one process, without MkDocs.

    python benchmarks/reading.py --posts 1000 --runs 5

Prints the median of --runs passes over every body. To compare two commits, run it from a
checkout of each, in turn, on the same machine (`PYTHONPATH=<checkout> python
<checkout>/benchmarks/reading.py`): a full build's time moves too much with the machine's other
work to resolve a change of a few percent in one of its parts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import markdown  # noqa: E402
from generate import generate  # noqa: E402

from mkdocs_perceptual.markdown import remark  # noqa: E402
from mkdocs_perceptual.markdown.extensions import our_extensions  # noqa: E402


def bodies(n: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(n, root)
        texts = [p.read_text("utf-8") for p in sorted((root / "perceptual" / "docs").rglob("*.md"))]
    return [text.split("---\n", 2)[2] for text in texts if text.startswith("---\n")]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    posts = bodies(args.posts)
    extensions = {**our_extensions("katex"), **remark.EXTENSIONS}
    md = markdown.Markdown(extensions=list(extensions), extension_configs=extensions)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for body in posts:
            md.reset()
            md.convert(remark.prepare(body))
        times.append(time.perf_counter() - started)
    print(f"{len(posts)} posts: median {statistics.median(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
