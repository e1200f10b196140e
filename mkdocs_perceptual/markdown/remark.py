"""Lumen's Markdown as remark read it, for Python-Markdown: a pure text-to-text pass.

Lumen 2019 rendered posts with remark-parse 6 (CommonMark and GFM rules) and remark-math 1.x.
Python-Markdown reads some of the same text otherwise, and no extension changes that: a list,
fence or `$$` block right after a paragraph line; lists nested by 2 spaces; a table followed
by a line without pipes; two blockquotes with only a blank line between them; Markdown after a
blank line inside block HTML; `$$...$$` inside a sentence. `prepare` rewrites just those
places, so that Python-Markdown (with `EXTENSIONS`) builds the block structure remark built.
Code is never rewritten, only moved as a whole when its list item is re-indented.
Where remark was wrong (`snake_case_name` as emphasis, "$5 and $10" as math) nothing is done.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs_perceptual.markdown.blocks import (
    FENCE_RE,
    HEADING_RE,
    HR_RE,
    HTML_START_RE,
    MATH_OPEN_RE,
    SETEXT_RE,
    TABLE_DELIMITER_RE,
    Item,
    html_block_markdown,
    indent_of,
    inline_math,
    is_blank,
    list_marker,
    starts_block,
    visible_indent,
)

# Added to the site's extensions for Lumen content; `tables` and `footnotes` are GFM and
# remark's `footnotes` option, `md_in_html` reads the `markdown="1"` that `prepare` adds.
EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "footnotes": {},
    "md_in_html": {},
    # GFM autolink literals. remark 10 links only http(s):// and mailto: URLs; MagicLink also
    # links `www.` and bare e-mail addresses, which we accept.
    "pymdownx.magiclink": {},
    # GFM strikethrough only: remark has no `~subscript~`.
    "pymdownx.tilde": {"subscript": False},
    # gatsby-remark-smartypants: curly quotes, `--` en dash, `---` em dash, ellipses.
    "smarty": {},
    # The same, faster: after smarty, it lets smarty's pass try only the patterns that can match.
    "mkdocs_perceptual.markdown.smartypants": {},
}


class _Preparer:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out: list[str] = []
        self.items: list[Item] = []
        self.prev = "blank"  # what the last line was: blank, text, item, quote, table, block
        self.i = 0

    def emit(self, line: str, kind: str) -> None:
        self.out.append(line)
        self.prev = kind

    def separate(self) -> None:
        """A blank line, where Python-Markdown needs one and remark did not."""
        if self.prev != "blank":
            self.out.append("")
            self.prev = "blank"

    def shift(self, indent: int) -> int:
        """The indent Python-Markdown needs for a line at `indent` inside the open items."""
        items = self.items
        if not items:
            return indent
        depth = items[-1].depth
        return 4 * depth + visible_indent(indent, depth)

    def leave_items(self, indent: int) -> None:
        """Close the items a line at `indent` is not inside of."""
        items = self.items
        while items and visible_indent(indent, items[-1].depth - 1) < items[-1].content:
            items.pop()

    def run(self) -> list[str]:
        while self.i < len(self.lines):
            self.step()
        return self.out

    def step(self) -> None:
        line = self.lines[self.i]
        s = self
        if is_blank(line):
            self.i += 1
            self.emit("", "blank")
            return
        indent = indent_of(line)
        text = line[indent:]
        after_blank = s.prev == "blank"
        marker = list_marker(text)
        lazy = bool(s.items) and s.prev in ("text", "item") and not after_blank
        if s.items and (after_blank or marker is not None):
            self.leave_items(indent)
        relative = visible_indent(indent, s.items[-1].depth) if s.items else indent
        if relative >= 4 and (after_blank or s.prev == "code"):
            return self.code_block()
        if relative >= 4 and not s.items:
            marker = None  # a paragraph's continuation line
        fence = FENCE_RE.match(text) if relative < 4 else None
        if fence and (fence["fence"][0] != "`" or "`" not in fence["info"]):
            return self.fence(indent)
        if marker is not None:
            return self.list_item(indent, text, marker)
        if lazy:
            self.i += 1
            return self.emit(" " * self.shift(indent) + inline_math(text), "text")
        if relative < 4 and MATH_OPEN_RE.fullmatch(text.rstrip()):
            return self.math(indent)
        pad = " " * self.shift(indent)
        if text.startswith(">"):
            if after_blank and self.was_quote():
                # Python-Markdown would join two quotes that only a blank line separates.
                self.emit(pad + "<!-- -->", "block")
                self.emit("", "blank")
            elif s.prev not in ("quote", "blank", "text"):
                self.separate()
            self.i += 1
            return self.emit(pad + inline_math(text), "quote")
        if after_blank and relative < 4 and HTML_START_RE.match(text) and not s.items:
            return self.html()
        if s.prev == "table" and "|" not in text:
            self.separate()
        setext = s.prev == "text" and SETEXT_RE.fullmatch(text.rstrip())
        if s.prev in ("text", "quote") and starts_block(text) and not setext:
            self.separate()
        kind = "text"
        if "|" in text and s.prev != "text":
            nxt = self.lines[self.i + 1] if self.i + 1 < len(self.lines) else ""
            if TABLE_DELIMITER_RE.fullmatch(nxt.strip()) and "|" in nxt:
                kind = "table"
        if s.prev == "table" and "|" in text:
            kind = "table"
        if HEADING_RE.match(text) or HR_RE.fullmatch(text.rstrip()):
            kind = "block"
        self.i += 1
        self.emit(pad + inline_math(text), kind)

    def was_quote(self) -> bool:
        out = self.out
        return len(out) >= 2 and out[-2].lstrip().startswith(">")

    def code_block(self) -> None:
        """Indented code: copied, re-indented only as a whole with its list item."""
        least = 4 * (len(self.items) + 1)  # pedantic: 4 spaces a level, then 4 for code
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not is_blank(line) and indent_of(line) < least:
                break
            self.i += 1
            self.out.append(" " * self.shift(indent_of(line)) + line.lstrip(" ") if line else "")
        # Trailing blank lines belong to what follows.
        self.prev = "blank" if is_blank(self.out[-1]) else "code"

    def fence(self, indent: int) -> None:
        opening = self.lines[self.i]
        m = FENCE_RE.match(opening[indent:])
        assert m is not None
        mark = m["fence"]
        if self.prev != "blank":
            self.separate()
        new = self.shift(indent) if self.items else 0
        # CommonMark removes the opening fence's indent from every line of the code.
        self.out.append(" " * new + opening[indent:])
        self.i += 1
        close = re.compile(rf"{re.escape(mark[0])}{{{len(mark)},}}[ \t]*")
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            strip = min(indent, indent_of(line))
            if indent_of(line) - indent < 4 and close.fullmatch(line.lstrip(" ")):
                self.out.append(" " * new + line.lstrip(" "))
                break
            self.out.append(" " * new + line[strip:] if line.strip() else "")
        self.prev = "block"
        self.after_block()

    def after_block(self) -> None:
        if self.i < len(self.lines) and not is_blank(self.lines[self.i]):
            self.separate()

    def math(self, indent: int) -> None:
        """A `$$` block: remark-math lets it follow text, and follow another one directly."""
        self.separate()
        self.out.append(self.lines[self.i][indent:].rstrip())
        self.i += 1
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if indent_of(line) < 4 and line.lstrip().startswith("$$"):
                self.out.append("$$")
                break
            if not is_blank(line):  # Arithmatex would end the block at a blank line
                self.out.append(line)
        self.prev = "block"
        self.after_block()

    def html(self) -> None:
        chunk = html_block_markdown(self.lines, self.i)
        self.i += len(chunk)
        self.out.extend(chunk)
        self.prev = "block"

    def list_item(self, indent: int, text: str, marker: tuple[int, str]) -> None:
        s = self
        width, bullet = marker
        if not s.items and s.prev not in ("blank", "item"):
            self.separate()
        depth = len(s.items)
        if bullet.endswith(")"):  # CommonMark's `1)`; Python-Markdown knows `1.` only
            text = bullet[:-1] + "." + text[len(bullet) :]
        s.items.append(Item(content=visible_indent(indent, depth) + width, depth=depth + 1))
        self.i += 1
        self.emit(" " * (4 * depth) + inline_math(text), "item")


def prepare(markdown: str) -> str:
    """A Lumen post's Markdown body, rewritten so that Python-Markdown reads its blocks as
    remark did. Text that both read alike is returned unchanged."""
    lines = markdown.split("\n")
    return "\n".join(_Preparer(lines).run())
