"""The math font the plugin ships (Latin Modern Math, woff2): its MATH table and characters, and
what Chromium makes of a built page on a machine with no math font of its own.

Chromium runs under a fontconfig that rejects every installed font whose file name says "math"
(DejaVu Math TeX Gyre, Latin Modern Math, STIX Math, ...), as most readers' machines have none.
The helpers here (a served site, a browser) are shared with test_screenshots.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS, build_in_process, need, post, write_site


def font_tools() -> Any:
    """fontTools, with brotli for woff2 (the test extras); skipped locally without it, a
    failure under CI=true."""
    try:
        import brotli  # noqa: F401
        from fontTools import ttLib
    except ImportError:
        need("fontTools and brotli are not installed: python -m pip install -e '.[test]'")
    return ttLib


pytestmark = pytest.mark.slow

FONTS = Path(__file__).resolve().parents[1] / "mkdocs_perceptual/site/templates/perceptual/fonts"
FONT = FONTS / "latinmodern-math.woff2"
FAMILY = "Perceptual Latin Modern Math"
ARGS = CHROMIUM_FLAGS
NO_MATH_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Math*</glob><glob>*math*</glob></rejectfont></selectfont>
</fontconfig>
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Quiet, and answers a missing path with the site's 404.html, as static hosts do."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1 at a free port, as http://127.0.0.1:port/."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def chromium(tmp: Path) -> Iterator[Any]:
    """Headless Chromium that sees no installed math font."""
    if not CHROMIUM.exists():
        need("Chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    conf = tmp / "fonts.conf"
    conf.write_text(NO_MATH_FONTS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_PATH"}
    env["FONTCONFIG_FILE"] = str(conf)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, env=env)
        try:
            yield browser
        finally:
            browser.close()


def math_fonts(page: Any) -> list[dict[str, str]]:
    """The page's @font-face fonts for math, each with its status, once fonts are settled."""
    return page.evaluate(
        """async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.family.includes('Math'))
          .map(f => ({family: f.family.replace(/"/g, ''), status: f.status})); }"""
    )


FORMULA = r"\left( \frac{a}{b} \right)"
INTEGRAL = r"\int_0^1 f"
FILES = {
    "index.md": "# Home\n\nNo formula here.\n",
    "posts/math.md": post(
        title="Math",
        body=f"Text before.\n\n$$\n{FORMULA}\n$$\n\n$$\n{INTEGRAL}\n$$\n\nText after.\n",
    ),
}
SIZES = """() => {
    const mo = text => [...document.querySelectorAll('math mo')]
      .find(e => e.textContent.trim() === text);
    const p = [...document.querySelectorAll('p')].find(e => e.textContent.includes('Text before'));
    const range = document.createRange();
    range.selectNodeContents(p);
    return {paren: mo('(').getBoundingClientRect().height,
            integral: mo('\u222b').getBoundingClientRect().height,
            line: range.getBoundingClientRect().height,
            used: getComputedStyle(mo('(')).fontFamily}; }"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mathfont")
    write_site(root, FILES, {"theme": "mkdocs"})
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    return root


def test_font_has_a_math_table_and_its_licence():
    fontTools = font_tools()
    font = fontTools.TTFont(FONT)
    assert "MATH" in font
    constructions = font["MATH"].table.MathVariants.VertGlyphCoverage.glyphs
    cmap = font.getBestCmap()
    for char in "()[]{}|\u2211\u222b\u221a":  # delimiters, sum, integral, radical stretch
        assert cmap[ord(char)] in constructions, char
    # math-auto italics, double-struck, script and bold letters
    for char in "\U0001d44e\U0001d6fc\U0001d538\U0001d49c\U0001d400\u210e":
        assert ord(char) in cmap, hex(ord(char))
    assert (FONTS / "GUST-FONT-LICENSE.txt").is_file()
    assert font["name"].getDebugName(1) == "Latin Modern Math"


def test_css_declares_the_font():
    css = (FONTS.parent / "math.css").read_text(encoding="utf-8")
    assert re.search(r'@font-face\s*{[^}]*"' + FAMILY + r'"[^}]*fonts/latinmodern-math\.woff2', css)
    assert re.search(r'math\s*{\s*font-family:\s*"' + FAMILY, css)


def test_font_loads_and_delimiters_stretch(site: Path, tmp_path: Path):
    assert (site / "site/perceptual/fonts/latinmodern-math.woff2").read_bytes() == FONT.read_bytes()
    with chromium(tmp_path) as browser, serve(site / "site") as url:
        page = browser.new_page()
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(url + "posts/math/", wait_until="load")
        assert {"family": FAMILY, "status": "loaded"} in math_fonts(page)
        sizes = page.evaluate(SIZES)
        assert sizes["used"].startswith(f'"{FAMILY}"')
        assert sizes["paren"] > 1.5 * sizes["line"], sizes
        # A display integral takes the font's larger variant (DisplayOperatorMinHeight).
        assert sizes["integral"] > 1.8 * sizes["line"], sizes
        assert any(u.endswith("latinmodern-math.woff2") for u in fetched)
        # A page without a formula does not fetch the font.
        fetched.clear()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => 0)")
        assert not [u for u in fetched if u.endswith("latinmodern-math.woff2")]
        # The control: without the shipped font, this browser has no math font to use, and
        # the integral stays at text size. (Parentheses still grow, from the bracket pieces
        # U+239B-U+23A0 of DejaVu Sans, without a MATH table.)
        page = browser.new_page()
        page.route("**/latinmodern-math.woff2", lambda route: route.abort())
        page.goto(url + "posts/math/", wait_until="load")
        assert {"family": FAMILY, "status": "error"} in math_fonts(page)
        bare = page.evaluate(SIZES)
        assert bare["integral"] < 1.5 * bare["line"], bare


def test_every_character_math_core_writes_is_kept():
    """What math-core writes for every KaTeX name it converts (tests/test_katex_coverage.py):
    each character the whole Latin Modern Math has is in the subset too."""
    import html

    from test_katex_coverage import katex

    from mkdocs_perceptual.markdown.texcompat import convert

    fontTools = font_tools()
    written: set[str] = set()
    registry = katex()
    for names in (registry["commands"], registry["typed"]):
        for tex, display in names.values():
            try:
                mathml = convert(tex, display)
            except Exception:  # not converted: test_katex_coverage's business
                continue
            written |= set(html.unescape(re.sub(r"<[^>]*>", " ", mathml)))
    assert len(written) > 1000
    cmap = fontTools.TTFont(FONT).getBestCmap()
    whole = Path("/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")
    had = fontTools.TTFont(whole).getBestCmap() if whole.is_file() else cmap
    missing = sorted(c for c in written if ord(c) in had and ord(c) not in cmap)
    assert not missing, missing
