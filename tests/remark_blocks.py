"""The block structure of a rendered post, the same for remark's HTML and the plugin's.

What is compared: headings and their text, paragraphs, lists with their depth, number of
items and which items hold paragraphs (remark decides that per item), code blocks with their
language, tables with their size, blockquotes, display math in order, the inline structure
of each block (emphasis, strong, code spans, links, images, inline math, line breaks,
strikethrough, in order), and counts of inline math, links and footnotes. What is not: the
text of paragraphs (see `words`), and the markup each side wraps code, math and footnotes in.

`words` is the other measure: the words a reader sees outside math and code, so that the
words of remark's rendering missing from the plugin's can be counted.
"""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup, Tag

Token = tuple[object, ...]

_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_CONTAINERS = {"div", "details", "section", "article", "figure", "center", "aside", "span"}


def _text(tag: Tag) -> str:
    for link in tag.select("a.headerlink"):
        link.decompose()
    for math in tag.select("span.arithmatex"):  # Arithmatex's delimiters around the TeX
        math.string = math.get_text().removeprefix("\\(").removesuffix("\\)")
    text = tag.get_text().translate(_TYPOGRAPHY)
    text = text.replace("\u2014", "---").replace("\u2013", "--").replace("\u2026", "...")
    return " ".join(text.split())


def _classes(tag: Tag) -> list[str]:
    value: str | list[str] = tag.get("class") or []
    return value.split() if isinstance(value, str) else list(value)


def _language(tag: Tag) -> str:
    """The code's language from a `language-x` class on it or the elements around it."""
    node: Tag | None = tag
    while node is not None and node.name != "[document]":
        for name in _classes(node):
            if name.startswith("language-"):
                lang = name.removeprefix("language-")
                return "" if lang in ("text", "plaintext") else lang
        node = node.parent
    return ""


def _is_display_math(tag: Tag) -> bool:
    classes = _classes(tag)
    return tag.name == "div" and ("math" in classes or "arithmatex" in classes)


def _is_inline_math(tag: Tag) -> bool:
    classes = _classes(tag)
    if tag.name == "span" and ("inlineMath" in classes or "arithmatex" in classes):
        return True
    # The plugin's MathML: a bare <math> outside display blocks.
    return tag.name == "math" and tag.get("display") != "block"


def _is_footnotes(tag: Tag) -> bool:
    classes = _classes(tag)
    return tag.name == "div" and ("footnotes" in classes or "footnote" in classes)


_BLOCKS = ["p", "ul", "ol", "pre", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"]
_BLOCKS += ["hr", "div"]


class _Walker:
    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.inline_math = 0
        self.links = 0
        self.footnotes = 0
        self.images = 0

    def inline(self, tag: Tag) -> None:
        """Counts what sits inside a paragraph, heading, item or cell, `tag` included."""
        self.tokens.append(("inline", *_inline_shape(tag)))
        for node in [tag, *tag.find_all(True)]:
            if node.name == "img":
                self.images += 1
            elif _is_inline_math(node) and node.find_parent("math") is None:
                self.inline_math += 1
            elif node.name == "a" and "headerlink" not in _classes(node):
                # Footnote references and back-links are counted as footnotes.
                href = str(node.get("href") or "")
                self.links += bool(href) and not href.startswith(("#fn", "#fnref"))

    def walk(self, parent: Tag, depth: int = 0) -> None:
        for child in parent.children:
            if isinstance(child, Tag):
                self.block(child, depth)

    def block(self, tag: Tag, depth: int) -> None:
        name = tag.name
        if _is_footnotes(tag):
            for item in tag.find_all("li"):
                self.footnotes += 1
                self.inline(item)
        elif _is_display_math(tag):
            self.tokens.append(("math",))
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.inline(tag)
            self.tokens.append((name, _text(tag)))
        elif name == "p":
            self.inline(tag)
            if tag.get_text().strip():
                self.tokens.append(("p",))
        elif name in ("ul", "ol"):
            items = tag.find_all("li", recursive=False)
            spread = "".join("p" if item.find("p", recursive=False) else "-" for item in items)
            self.tokens.append(("list", depth + 1, len(items), spread))
            for item in items:
                self.inline(item)
                for child in item.children:
                    if isinstance(child, Tag) and child.name != "p" and _is_block(child):
                        self.block(child, depth + 1)
        elif name == "pre" or (name == "table" and "highlighttable" in _classes(tag)):
            # Numbered lines: Pygments puts the numbers and the code in a table's two cells.
            code = tag.select("td.code pre") or [tag]
            self.tokens.append(("code", _language(code[0].find("code") or code[0])))
        elif name == "table":
            rows = tag.find_all("tr")
            cells = len(rows[0].find_all(["th", "td"])) if rows else 0
            self.inline(tag)
            self.tokens.append(("table", len(rows), cells))
        elif name == "blockquote":
            self.tokens.append(("quote",))
            self.walk(tag, depth)
            self.tokens.append(("/quote",))
        elif name == "hr":
            self.tokens.append(("hr",))
        elif name in _CONTAINERS and tag.find(_BLOCKS) is not None:
            self.walk(tag, depth)
        else:
            self.inline(tag)


def _is_block(tag: Tag) -> bool:
    return tag.name in _BLOCKS or (tag.name in _CONTAINERS and tag.find(_BLOCKS) is not None)


def blocks(html: str) -> list[Token]:
    """The block structure of a rendered post's body, as a list of tokens."""
    walker = _Walker()
    walker.walk(BeautifulSoup(html, "html.parser"))
    return [
        *walker.tokens,
        ("inline math", walker.inline_math),
        ("links", walker.links),
        ("footnotes", walker.footnotes),
        ("images", walker.images),
    ]


_INLINE = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code", "a": "a"}
_INLINE |= {"img": "img", "del": "del", "s": "del", "br": "br", "input": "checkbox"}


_NESTED = {"ul", "ol", "pre", "blockquote", "table", "div"}


def _inline_shape(tag: Tag) -> list[str]:
    """The inline elements inside a block, in document order, not those inside code or math
    or inside a block nested in it (a list item's own list)."""
    shape = []
    for node in tag.find_all(True):
        if node.find_parent(["code", "math"]) is not None or _in_math(node.parent):
            continue
        if any(parent.name in _NESTED for parent in _parents_below(node, tag)):
            continue
        classes = _classes(node)
        if node.name == "a" and (
            "headerlink" in classes or "footnote-backref" in classes or node.find_parent("sup")
        ):
            continue
        if _is_inline_math(node):
            shape.append("math")
        elif node.name in _INLINE and node.find_parent("li", class_="footnote") is None:
            shape.append(_INLINE[node.name])
    return shape


def _parents_below(node: Tag, top: Tag) -> list[Tag]:
    """The elements between `node` and `top`."""
    parents = []
    for parent in node.parents:
        if parent is top:
            break
        parents.append(parent)
    return parents


def _in_math(node: Tag | None) -> bool:
    while node is not None and node.name != "[document]":
        if _is_inline_math(node) or _is_display_math(node):
            return True
        node = node.parent
    return False


_WORD = re.compile(r"[^\W_]+")  # `snake_case` is three words: remark may read `_` as emphasis


def words(html: str, everywhere: bool = False) -> Counter[str]:
    """The words a reader sees, outside math and code (or `everywhere`, math and code too)."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select("a.headerlink, a.footnote-backref, a.footnote-ref, sup"):
        link.decompose()
    if not everywhere:
        for tag in soup.find_all(["pre", "code", "math", "script", "style"]):
            tag.decompose()
        for tag in soup.find_all(True):
            if not tag.decomposed and (_is_display_math(tag) or _is_inline_math(tag)):
                tag.decompose()
    return Counter(_WORD.findall(soup.get_text(" ")))


def words_lost(theirs: str, ours: str) -> Counter[str]:
    """The words remark's rendering (`theirs`) shows as text that are nowhere in the
    plugin's (`ours`): not as text, and not in a formula or code either."""
    return words(theirs) - words(ours, everywhere=True)
