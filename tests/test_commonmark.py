"""`mkdocs_perceptual.markdown.commonmark`: CommonMark's inline rules as remark-parse 6 read
them, each on its own, compared with what the pinned remark (tests/js) makes of the same
snippet: its inline structure and its text. The tables' expected values say what remark did,
for the reader; the differential test checks them against remark itself."""

from __future__ import annotations

import functools
import json

import markdown
import pytest
from bs4 import BeautifulSoup
from jsrun import run_js
from remark_blocks import blocks

from mkdocs_perceptual.markdown import remark
from mkdocs_perceptual.markdown.commonmark import PUNCTUATION
from mkdocs_perceptual.markdown.extensions import our_extensions


@functools.cache
def _markdown(*extensions: str) -> markdown.Markdown:
    """One Markdown instance per set of extensions: making one costs more than a test."""
    return markdown.Markdown(extensions=list(extensions))


def render(source: str) -> str:
    md = _markdown("tables", "pymdownx.magiclink", "mkdocs_perceptual.markdown.commonmark")
    return md.reset().convert(source)


@functools.cache
def _lumen() -> markdown.Markdown:
    """The whole Lumen reading's Markdown (with `remark.prepare` before it)."""
    extensions = {**our_extensions("none"), **remark.EXTENSIONS}
    return markdown.Markdown(extensions=list(extensions), extension_configs=extensions)


def text(source: str) -> str:
    return BeautifulSoup(render(source), "html.parser").get_text()


@pytest.mark.parametrize("char", sorted(PUNCTUATION))
def test_every_ascii_punctuation_mark_escapes(char: str) -> None:
    assert text(f"a \\{char} b") == f"a {char} b"


def test_punctuation_is_all_of_ascii() -> None:
    assert {chr(c) for c in range(33, 127) if not chr(c).isalnum()} == PUNCTUATION


NOT_ESCAPES = [("\\a \\1", "\\a \\1"), ("\\ x", "\\ x")]


@pytest.mark.parametrize(("source", "shown"), NOT_ESCAPES)
def test_a_backslash_before_anything_else_stays(source: str, shown: str) -> None:
    assert text(source) == shown


def test_a_backslash_at_a_line_end_is_a_break() -> None:
    html = render("one\\\ntwo")
    assert "<br" in html
    assert "\\" not in html


ANGLES = [
    "Mỗi cặp <từ ngữ, số lượng> quá lớn",
    "<Bear, 1> and <key, value>",
    "List<String> x",  # a valid tag to CommonMark too: see below
    "a <- b -> c <3 <= d",
    "x < y and y > z",
]


@pytest.mark.parametrize("source", ANGLES)
def test_text_in_angle_brackets_that_is_no_tag_is_shown(source: str) -> None:
    soup = BeautifulSoup(render(source), "html.parser")
    if "<String>" in source:  # `<String>` is an open tag, as remark read it
        assert soup.find("string") is not None
    else:
        assert soup.get_text() == source


TAGS = ['<span class="x">', "</span>", "<br/>", "<!-- note -->", "<?php x ?>", "<!DOCTYPE html>"]


@pytest.mark.parametrize("tag", TAGS)
def test_valid_inline_html_passes(tag: str) -> None:
    assert tag in render(f"a {tag} b")


CODE_SPANS = [
    ("`a`", ["a"], "a"),
    ("``a ` b``", ["a ` b"], "a ` b"),
    ("``quotes'' here", [""], "quotes'' here"),  # an unclosed even run: empty code
    ("a ` b", [], "a ` b"),  # an unclosed odd run: text
    ("```x``", ["x"], "`x"),  # an odd unclosed run: one backtick of text, then a run of 2
    ("\\`a`", [], "`a`"),
]


@pytest.mark.parametrize(("source", "codes", "shown"), CODE_SPANS)
def test_code_spans_as_remark_found_them(source: str, codes: list[str], shown: str) -> None:
    soup = BeautifulSoup(render(source), "html.parser")
    assert [c.get_text() for c in soup.find_all("code")] == codes
    assert soup.get_text() == shown


LINKS = [
    ("see www.example.com now", []),
    ("mail me@example.com", []),
    ("see https://example.com/a.", ["https://example.com/a"]),
    ("(https://example.com/a_(b))", ["https://example.com/a_(b)"]),
    ("(see https://example.com)", ["https://example.com"]),
    ("go http://x.org/?q=1, then", ["http://x.org/?q=1"]),
    ("write mailto:me@example.com", ["mailto:me@example.com"]),
    ("mailto:nobody", []),
    ("[text](https://a.org/b) https://c.org", ["https://a.org/b", "https://c.org"]),
    ("<https://a.org>", ["https://a.org"]),
]


@pytest.mark.parametrize(("source", "links"), LINKS)
def test_autolink_literals_as_remark_found_them(source: str, links: list[str]) -> None:
    soup = BeautifulSoup(render(source), "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == links
    assert all(a.find("a") is None for a in soup.find_all("a"))


ITEMS = [
    ("- a\n- b\n\n- c", ["-", "-", "-"]),  # Python-Markdown: all loose
    ("- a\n\n    more\n\n- b", ["pp", "-"]),
    ("- a\n    - b\n- c", ["p", "-"]),  # text and a list: a paragraph
    ("- ```\n  x\n  ```", ["-"]),
]


@pytest.mark.parametrize(("source", "paragraphs"), ITEMS)
def test_each_item_is_a_paragraph_or_not_on_its_own(source: str, paragraphs: list[str]) -> None:
    md = _markdown("pymdownx.superfences", "mkdocs_perceptual.markdown.commonmark")
    soup = BeautifulSoup(md.reset().convert(source), "html.parser")
    items = soup.find("ul").find_all("li", recursive=False)  # type: ignore[union-attr]
    shape = ["p" * len(li.find_all("p", recursive=False)) or "-" for li in items]
    assert shape == paragraphs


TAG_LINES = [
    ('<img src="a.png" alt="x">', False),
    ("</span>", False),
    ('<img src="a.png"> and text', True),
    ("<Bear, 1>", True),
]


@pytest.mark.parametrize(("source", "wrapped"), TAG_LINES)
def test_a_line_of_one_tag_is_an_html_block(source: str, wrapped: bool) -> None:
    assert render(source).startswith("<p>") is wrapped


# Every example above, and a few more, through remark itself.
SNIPPETS = [
    *(f"a \\{char} b" for char in sorted(PUNCTUATION)),
    *(source for source, _ in NOT_ESCAPES),
    "one\\\ntwo",
    *ANGLES,
    *(f"a {tag} b" for tag in TAGS),
    *(source for source, *_ in CODE_SPANS),
    *(source for source, _ in LINKS),
    *(source for source, _ in ITEMS),
    *(source for source, _ in TAG_LINES),
    '<img src="a.png" alt="x">\n\ntext',
]


@pytest.fixture(scope="module")
def theirs() -> dict[str, str]:
    return run_js("remark_render.js", {str(i): source for i, source in enumerate(SNIPPETS)})


@pytest.mark.parametrize("index", range(len(SNIPPETS)))
def test_reads_as_remark_did(index: int, theirs: dict[str, str]) -> None:
    source = SNIPPETS[index]
    ours = _lumen().reset().convert(remark.prepare(source))
    expected, got = theirs[str(index)], ours
    assert blocks(got) == blocks(expected), f"{source!r}\nremark: {expected}\nours:   {got}"
    assert _text(got) == _text(expected), f"{source!r}\nremark: {expected}\nours:   {got}"


def _text(html: str) -> str:
    text = BeautifulSoup(html, "html.parser").get_text()
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return json.dumps(" ".join(text.split()), ensure_ascii=False)
