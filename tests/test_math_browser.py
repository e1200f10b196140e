"""What Chromium draws for the MathML that texcompat writes, with the plugin's math.css:
a box's border, a strike, two lines, and colours."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS, need

from mkdocs_perceptual.markdown.texcompat import CSS_COLOURS, convert

CSS = (
    Path(__file__).resolve().parents[1] / "mkdocs_perceptual/site/templates/perceptual/math.css"
).read_text(encoding="utf-8")
FORMULAS = {
    "boxed": r"\boxed{x}",
    "cancel": r"\cancel{x}",
    "lines": r"a = b \\ c = d",
    "colour": r"\textcolor{mediumpurple}{q} + \color{#1f77b4} r",
}

pytestmark = pytest.mark.slow


def pixels(png: bytes) -> list[list[tuple[int, int, int]]]:
    """The RGB rows of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    pos, chunks, header = 8, [], b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += [body] if kind == b"IDAT" else []
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8
    assert colour in (2, 6)
    size = 3 if colour == 2 else 4
    data, stride, rows = zlib.decompress(b"".join(chunks)), width * size, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            data[y * (stride + 1)],
            bytearray(data[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                best = min(
                    (abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner)
                )
                line[i] = (line[i] + best[2]) & 255
        rows.append(
            [(line[x * size], line[x * size + 1], line[x * size + 2]) for x in range(width)]
        )
        previous = line
    return rows


def ink(rows: list[list[tuple[int, int, int]]]) -> set[tuple[int, int]]:
    return {(x, y) for y, row in enumerate(rows) for x, rgb in enumerate(row) if sum(rgb) < 384}


@pytest.fixture(scope="module")
def page() -> Any:
    if not CHROMIUM.exists():
        need("Chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    formulas = "".join(f'<p id="{name}">{convert(tex, True)}</p>' for name, tex in FORMULAS.items())
    names = "".join(
        f'<span class="css" style="color:{n}">{n}</span>' + convert("\\color{" + n + "}x", False)
        for n in CSS_COLOURS
    )
    html = (
        f"<!doctype html><html><head><style>{CSS} body {{ background: white; color: black;"
        f" font-size: 40px }}</style></head><body>{formulas}<p id='names'>{names}</p></body></html>"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
        )
        page = browser.new_page()
        page.set_content(html)
        yield page
        browser.close()


def drawn_by(page: Any, selector: str, undo: str) -> tuple[dict[str, float], set[tuple[int, int]]]:
    """The element's box, and the ink that disappears when `undo` is set as its style."""
    element = page.locator(selector)
    box = element.bounding_box()
    clip = {k: box[k] for k in ("x", "y", "width", "height")}
    with_it = ink(pixels(page.screenshot(clip=clip)))
    element.evaluate(f"e => e.setAttribute('style', {undo!r})")
    without = ink(pixels(page.screenshot(clip=clip)))
    element.evaluate("e => e.removeAttribute('style')")
    return box, with_it - without


def test_boxed_draws_a_border(page):
    box, added = drawn_by(page, "#boxed menclose", "border: none")
    width, height = int(box["width"]), int(box["height"])
    assert {x for x, y in added if y <= 2} >= set(range(2, width - 2))  # the top edge
    assert {y for x, y in added if x <= 2} >= set(range(2, height - 2))  # the left edge


def test_cancel_draws_a_strike(page):
    box, added = drawn_by(page, "#cancel menclose", "background: none")
    width, height = box["width"], box["height"]
    assert len(added) > min(width, height)
    # From the bottom-left corner to the top-right one.
    assert any(x < width / 4 and y > height * 3 / 4 for x, y in added)
    assert any(x > width * 3 / 4 and y < height / 4 for x, y in added)


def test_two_lines(page):
    rows = page.eval_on_selector_all(
        "#lines mtr", "rows => rows.map(r => r.getBoundingClientRect().toJSON())"
    )
    assert len(rows) == 2
    assert rows[1]["top"] >= rows[0]["bottom"] - 1
    assert rows[0]["height"] > 20
    assert rows[1]["height"] > 20


def test_colours(page):
    colours = page.eval_on_selector_all(
        "#colour mi", "mis => mis.map(e => [e.textContent, getComputedStyle(e).color])"
    )
    assert colours == [["q", "rgb(147, 112, 219)"], ["r", "rgb(31, 119, 180)"]]
    # Every CSS name: Chromium's own colour for it, and the colour of the converted formula.
    found = page.eval_on_selector_all(
        "#names .css",
        "spans => spans.map(s => [s.textContent, getComputedStyle(s).color,"
        " getComputedStyle(s.nextElementSibling.querySelector('mi')).color])",
    )
    table = {n: "rgb({}, {}, {})".format(*bytes.fromhex(rgb)) for n, rgb in CSS_COLOURS.items()}
    assert {n: (css, mathml) for n, css, mathml in found} == {
        n: (rgb, rgb) for n, rgb in table.items()
    }
