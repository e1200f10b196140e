"""The speed of dividing a post's page into Material's search sections, three ways: Material's
parser on the page as it is, on the page after `searchtext.lighter` (how the plugin read it
before `searchparse`), and `searchparse.sections`.

    python benchmarks/search_sections.py --posts 400 --runs 5

Builds the benchmark's generated blog (`workers: 1`) in a temporary folder, takes each post's
`<article>` content from the built pages, and prints the median over --runs passes of the time
a page takes each way, and how many pages `searchparse` read itself. In one process, without
MkDocs' other work: the build's own time moves too much to resolve a part this size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from material.plugins.search.plugin import Parser  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from mkdocs_perceptual.build import searchparse, searchtext  # noqa: E402

OPENING = '<article class="md-content__inner md-typeset">'


def articles(n: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(n, root)
        site = root / "perceptual"
        config = site / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("perceptual:\n", "perceptual:\n    workers: 1\n", 1))
        build(load_config(str(config), site_dir=str(site / "site")))
        pages = sorted((site / "site" / "posts").rglob("index.html"))
        whole = [page.read_text(encoding="utf-8") for page in pages]
    return [page[page.index(OPENING) + len(OPENING) : page.index("</article>")] for page in whole]


def material(content: str) -> Any:
    parser = Parser()
    parser.feed(content)
    parser.close()
    return parser.data


def timed(read: Callable[[str], Any], pages: list[str], runs: int) -> float:
    """The median over `runs` passes of the milliseconds a page takes to read."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for content in pages:
            read(content)
        times.append((time.perf_counter() - started) / len(pages) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pages = articles(args.posts)
    ways = {
        "Material's parser": material,
        "lighter, then Material's parser": lambda content: material(searchtext.lighter(content)),
        "searchparse.sections": searchparse.sections,
    }
    read = sum(searchparse.sections(content) is not None for content in pages)
    print(f"{len(pages)} post pages, {read} read by searchparse; median of {args.runs} runs")
    print("| way | ms a page |\n|---|---|")
    for name, way in ways.items():
        print(f"| {name} | {timed(way, pages, args.runs):.3f} |")


if __name__ == "__main__":
    main()
