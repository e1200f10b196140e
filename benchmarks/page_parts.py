"""Where the bytes of a built page go: the page's parts, side by side for two pages.

    python benchmarks/page_parts.py FLOOR_PAGE.html PLUGIN_PAGE.html

Used to read the "median post page" ratio of the benchmark: the parts are Material's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup

PARTS = {
    "<head>": "head",
    "header bar": "header.md-header",
    "navigation": "nav.md-nav--primary",
    "table of contents": "nav.md-nav--secondary",
    "article": "article",
    "  of which math": "article math, article .arithmatex",
    "footer": "footer.md-footer",
    "scripts": "body script",
}


def parts(path: Path) -> dict[str, int]:
    html = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    sizes = {
        name: sum(len(str(tag).encode()) for tag in soup.select(selector))
        for name, selector in PARTS.items()
    }
    # Parts are measured as the parser writes them back (character references such as
    # MathML's `&#x2211;` become characters), so they are set against the page written back
    # the same way; the file's own size is the last row.
    whole = len(str(soup).encode())
    counted = sum(size for name, size in sizes.items() if not name.startswith(" "))
    sizes["everything else (the page's frame)"] = whole - counted
    sizes["whole page, as parsed"] = whole
    sizes["whole page, the file"] = len(html.encode())
    return sizes


def main() -> None:
    floor, plugin = (parts(Path(p)) for p in sys.argv[1:3])
    print("| part | floor | plugin | difference |")
    print("|---|---|---|---|")
    for name in floor:
        a, b = floor[name], plugin[name]
        print(f"| {name} | {a / 1024:.1f} KiB | {b / 1024:.1f} KiB | {(b - a) / 1024:+.1f} KiB |")


if __name__ == "__main__":
    main()
