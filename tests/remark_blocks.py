"""The block structure of a rendered post, the same for remark's HTML and the plugin's.

What is compared: headings and their text, paragraphs, lists with their depth and number of
items, code blocks with their language, tables with their size, blockquotes, display math in
order, and counts of inline math, links and footnotes. What is not: inline formatting, the
text of paragraphs, whether a list is loose (<p> in its items) or tight, and the markup each
side wraps code, math and footnotes in.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

Token = tuple[object, ...]

_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_CONTAINERS = {"div", "details", "section", "article", "figure", "center", "aside", "span"}


def _text(tag: Tag) -> str:
    for link in tag.select("a.headerlink"):
        link.decompose()
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
            self.tokens.append(("list", depth + 1, len(items)))
            for item in items:
                for child in item.children:
                    if isinstance(child, Tag):
                        self.item_child(child, depth + 1)
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

    def item_child(self, child: Tag, depth: int) -> None:
        """In a list item, paragraphs are not blocks: remark and Python-Markdown differ on
        which items of a list get <p>."""
        if child.name == "p":
            self.inline(child)
        else:
            self.block(child, depth)


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
