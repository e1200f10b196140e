"""`compact_html` (issue 27): pages written without the theme's indentation around their
content. The content is left byte for byte, the elements whose whitespace counts are left
whole, and a page renders the same: the same DOM once whitespace is set aside, and the same
pixels in headless Chromium on both themes, wide and at phone width."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build_in_process, plugins, post, write_site

from mkdocs_perceptual.site.compact import compact

CASES = [
    # (page, content, expected)
    ("<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>", None, "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("<div>\n\n\n  \t<p>x</p>\n\n</div>", None, "<div>\n<p>x</p>\n</div>"),
    ("a  b\tc", None, "a  b\tc"),  # no line break: nothing goes
    (
        "<pre>\n    kept\n\n  too\n</pre>\n   <p>x</p>",
        None,
        "<pre>\n    kept\n\n  too\n</pre>\n<p>x</p>",
    ),
    (
        '<code class="x">a\n    b</code>\n  <kbd>\n  k</kbd>\n  <samp>\n s</samp>',
        None,
        '<code class="x">a\n    b</code>\n<kbd>\n  k</kbd>\n<samp>\n s</samp>',
    ),
    (
        "<script>\n  var s = `\n    x`;\n</script>\n  <b>",
        None,
        "<script>\n  var s = `\n    x`;\n</script>\n<b>",
    ),
    (
        "<STYLE>\n  p {}\n</STYLE>\n  <textarea>\n  t\n</textarea>",
        None,
        "<STYLE>\n  p {}\n</STYLE>\n<textarea>\n  t\n</textarea>",
    ),
    # The content is left as it is, the markup around it compacted.
    (
        "<main>\n    <article>\n  <p>\n    kept</p>\n</article>\n    </main>",
        "<article>\n  <p>\n    kept</p>\n</article>",
        "<main>\n<article>\n  <p>\n    kept</p>\n</article>\n</main>",
    ),
    # Content not found whole in the page (another plugin changed it): the page as it is.
    ("<div>\n    <p>x</p>\n</div>", "<p>y</p>", "<div>\n    <p>x</p>\n</div>"),
    # <pre> inside a tag name's prefix is not <pre>: <prefix> is compacted.
    ("<prefix>\n    x</prefix>", None, "<prefix>\nx</prefix>"),
    ("\r\n    <p>", None, "\r\n<p>"),
]


@pytest.mark.parametrize(("page", "content", "expected"), CASES)
def test_compact(page, content, expected):
    assert compact(page, content) == expected


class _Tree(HTMLParser):
    """A page as its elements, attributes and text, each text's whitespace runs made one
    space and whitespace-only text set aside: what renders, for markup outside `pre`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[object] = []

    def handle_starttag(self, tag, attrs):
        self.items.append(("<", tag, attrs))

    def handle_endtag(self, tag):
        self.items.append((">", tag))

    def handle_data(self, data):
        if data.strip():
            self.items.append(re.sub(r"\s+", " ", data))


def tree(html: str) -> list[object]:
    parser = _Tree()
    parser.feed(html)
    return parser.items


FILES = {
    "index.md": "# Home\n\nWelcome.\n",
    "posts/a.md": post(
        title="Code and math",
        date="2021-03-04",
        category="Notes",
        tags="[python, math]",
        body="Text with $x^2$.\n\n```python\ndef f():\n    return 1\n\n\n    # indented\n```\n\n"
        '<div style="white-space: pre">raw HTML keeps\n   its spaces</div>\n',
    ),
    "posts/b.md": post(title="Second", date="2021-03-05", category="Notes"),
}


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_a_compacted_page_is_the_same_page(tmp_path: Path, theme: str):
    sites = {}
    for on in (True, False):
        root = tmp_path / str(on)
        write_site(root, FILES, {"theme": theme, "plugins": plugins(compact_html=on)})
        result = build_in_process(root)
        assert result.returncode == 0, result.output
        sites[on] = root / "site"
    pages = sorted(p.relative_to(sites[False]) for p in sites[False].rglob("*.html"))
    assert len(pages) >= 6
    smaller = 0
    for rel in pages:
        loose = (sites[False] / rel).read_text(encoding="utf-8")
        tight = (sites[True] / rel).read_text(encoding="utf-8")
        assert tree(tight) == tree(loose), rel
        smaller += len(tight) < len(loose)
        # What the post's Markdown became is there byte for byte: the code block's blank
        # lines and indentation, and the raw HTML's.
        if rel.as_posix() == "posts/a/index.html":
            assert "raw HTML keeps\n   its spaces</div>" in tight
            assert re.search(r"<pre[^>]*>.*\n\n\n.*# indented", tight, re.DOTALL)
    assert smaller >= len(pages) - 1  # 404.html is the theme's own
    post_page = (sites[True] / "posts/a/index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", post_page, flags=re.DOTALL)
    # The one indented line outside those elements is the post's own raw HTML.
    assert re.findall(r"\n[ \t].*", outside) == ["\n   its spaces</div>"]


@pytest.mark.slow
def test_compacted_pages_look_the_same(tmp_path: Path):
    """Every page of the screenshot test's blog, on each theme, at 1280 and 390 px wide: the
    same pixels with and without `compact_html`."""
    from PIL import Image, ImageChops
    from test_math_font import chromium, serve
    from test_screenshots import CHECKS, CONFIG, PAGES, THEMES, WIDTHS, blog

    built: dict[tuple[str, bool], Path] = {}
    for name, theme in THEMES.items():
        for on in (True, False):
            root = tmp_path / f"{name}-{on}"
            config = {**CONFIG, "theme": theme}
            config["plugins"] = [
                {key: dict(value, compact_html=on)} if key == "perceptual" else {key: value}
                for item in CONFIG["plugins"]
                for key, value in (item.items() if isinstance(item, dict) else [(item, {})])
            ]
            write_site(root, blog(), config)
            result = build_in_process(root)
            assert result.returncode == 0, result.output
            built[name, on] = root / "site"
    differ = []
    compared = 0
    with chromium(tmp_path) as browser:

        def shoot(url: str, viewport: dict[str, int], wait: int) -> Image.Image:
            # Each page in a context of its own: with the images of pages shown before in its
            # cache, Chromium may show a cover from a larger copy of it than the page's own
            # `srcset` picks, which scales to other pixels.
            context = browser.new_context(viewport=viewport)
            try:
                page = context.new_page()
                page.goto(url, wait_until="load")
                page.evaluate(CHECKS)
                page.wait_for_timeout(wait)
                png = page.screenshot(full_page=True, animations="disabled")
            finally:
                context.close()
            return Image.open(io.BytesIO(png)).convert("RGB")

        for name in THEMES:
            with serve(built[name, True]) as tight, serve(built[name, False]) as loose:
                for width, height in WIDTHS:
                    viewport = {"width": width, "height": height}
                    for label, path in PAGES.items():
                        # A page shot twice can differ by itself (an overlay scrollbar
                        # fading, an image still decoding), for longer on a loaded machine:
                        # a pair that is the same at one of a few tries, each page shot a
                        # longer while after it is shown, is the same page; a whitespace
                        # change that moved anything would differ at every try.
                        for wait in (0, 250, 1000, 2500):
                            shots = [shoot(url + path, viewport, wait) for url in (tight, loose)]
                            same = shots[0].size == shots[1].size and not (
                                ImageChops.difference(*shots).getbbox()
                            )
                            if same:
                                break
                        compared += 1
                        if not same:
                            differ.append(f"{name} {width}px {label}")
                            for shot, kind in zip(shots, ("compact", "loose"), strict=True):
                                shot.save(tmp_path / f"{name}-{width}-{label}-{kind}.png")
    assert compared == len(THEMES) * len(WIDTHS) * len(PAGES)
    assert not differ, (differ, f"the pairs are in {tmp_path}")
