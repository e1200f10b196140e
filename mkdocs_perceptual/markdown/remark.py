"""Lumen's Markdown as remark read it, for Python-Markdown: a pure text-to-text pass.

Lumen 2019 rendered posts with remark-parse 6 (CommonMark, GFM, pedantic) and remark-math 1.x.
Python-Markdown reads some of the same text otherwise: a list, fence or `$$` block right after
a paragraph line; lists nested by 2 spaces; any line right after an item's line (in the item);
`$$` and `$$$` blocks in list items; a table followed by a line without pipes; blockquotes (read
as posts of their own) with only a blank line between them; definitions in items, quotes and
paragraphs (text to remark); Markdown after a blank line in block HTML; `$$...$$` in a line.
`prepare` rewrites just those places, so that Python-Markdown (with `EXTENSIONS`) builds the
block structure remark built (`commonmark`: the inline rules). Code is only moved, as a whole.
Where remark was wrong (`snake_case_name` as emphasis, "$5 and $10" as math) nothing is done."""

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
    definition_as_text,
    html_block_markdown,
    indent_of,
    inline_math,
    is_blank,
    is_definition,
    is_fence,
    lazy_quote_line,
    list_marker,
    math_lines,
    starts_block,
    visible_indent,
)

# Added to the site's extensions for Lumen content; `tables` and `footnotes` are GFM and
# remark's `footnotes` option, `md_in_html` reads the `markdown="1"` that `prepare` adds.
EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "footnotes": {},
    "md_in_html": {},
    # GFM task list items, as remark-parse 6 made them: a disabled checkbox.
    "pymdownx.tasklist": {"custom_checkbox": False},
    # GFM strikethrough only: remark has no `~subscript~`.
    "pymdownx.tilde": {"subscript": False},
    # gatsby-remark-smartypants: curly quotes, `--` en dash, `---` em dash, ellipses.
    "smarty": {},
    # The same, faster: after smarty, it lets smarty's pass try only the patterns that can match.
    "mkdocs_perceptual.markdown.smartypants": {},
    # CommonMark's escapes, inline HTML, code spans, autolink literals and list item
    # paragraphs, as remark-parse 6 read them (last: it replaces other extensions' patterns).
    "mkdocs_perceptual.markdown.commonmark": {},
}


class _Preparer:
    def __init__(self, lines: list[str], nested: bool = False) -> None:
        self.lines = lines
        self.nested = nested  # inside a blockquote: no definitions
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
        depth = self.depth()  # outside items: 0, and the indent is kept
        return 4 * depth + visible_indent(indent, depth)

    def leave_items(self, indent: int) -> bool:
        """Close the items a line at `indent` is not inside of; whether an item there would be
        shallower than the last one."""
        items = self.items
        before = len(items)
        while items and self.outside_items(indent):
            items.pop()
        return len(items) + 1 < before

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
        # remark-parse 6 (pedantic) keeps in the list item any line that follows one of its
        # lines directly, whatever it is; only a `$$` line interrupts a list.
        # (A blank line this pass added after a block does not count: remark never saw it.)
        source_blank = self.i > 0 and is_blank(self.lines[self.i - 1])
        lazy = bool(s.items) and not source_blank
        shallower = False
        if s.items and (source_blank or marker is not None):
            shallower = self.leave_items(indent)
        relative = visible_indent(indent, s.items[-1].depth) if s.items else indent
        if relative >= 4 and (after_blank or s.prev == "code"):
            return self.code_block()
        if relative >= 4 and not s.items:
            marker = None  # a paragraph's continuation line
        if relative < 4 and is_fence(text):
            return self.fence(indent)
        if marker is not None:
            return self.list_item(indent, text, marker, shallower)
        math = MATH_OPEN_RE.fullmatch(text.rstrip()) if relative < 4 else None
        if math:
            if s.items:  # a `$$` line interrupts a list item it is not indented into
                self.leave_items(indent)
            return self.math(indent, len(math["fence"]))
        if lazy:
            if s.prev in ("text", "item") and starts_block(text) and not HR_RE.fullmatch(text):
                self.separate()  # a heading, quote or HTML block in the item: not a paragraph
            self.i += 1
            line = " " * self.shift(indent) + inline_math(definition_as_text(text))
            return self.emit(line, "text")
        pad = " " * self.shift(indent)
        if text.startswith(">"):
            if after_blank and self.was_quote():
                # Python-Markdown would join two quotes that only a blank line separates.
                self.emit(pad + "<!-- -->", "block")
                self.emit("", "blank")
            elif s.prev not in ("quote", "blank", "text"):
                self.separate()
            return self.quote(pad)
        if after_blank and relative < 4 and HTML_START_RE.match(text) and not s.items:
            return self.html()
        if s.prev == "table" and "|" not in text:
            self.separate()
        setext = s.prev == "text" and SETEXT_RE.fullmatch(text.rstrip())
        if s.prev in ("text", "quote") and starts_block(text) and not setext:
            self.separate()
        kind = "text"
        if is_definition(text):
            if s.prev == "text" or s.items or self.nested:
                text = definition_as_text(text)
            else:
                kind = "definition"
        elif s.prev == "definition" and not starts_block(text):
            kind = "definition"  # its URL or title on a line of its own
        if "|" in text and s.prev != "text":
            nxt = self.lines[self.i + 1] if self.i + 1 < len(self.lines) else ""
            if TABLE_DELIMITER_RE.fullmatch(nxt.strip()) and "|" in nxt:
                kind = "table"
        if s.prev == "table" and "|" in text:
            kind = "table"
        if HEADING_RE.match(text) or HR_RE.fullmatch(text.rstrip()):
            kind = "block"
            # Up to 3 spaces before `#` are nothing to CommonMark; Python-Markdown wants none.
            pad = " " * (4 * self.depth())
        self.i += 1
        self.emit(pad + inline_math(text), kind)

    def quote(self, pad: str) -> None:
        """A blockquote: its lines without their `>`, and the lazy lines that continue its
        paragraphs, read as a post of their own (remark's `tokenizeBlock` of the quote)."""
        inner: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.lstrip(" ")
            if text.startswith(">"):
                inner.append(text[2:] if text.startswith("> ") else text[1:])
            elif inner and lazy_quote_line(line, inner[-1]):
                inner.append(text)
            else:
                break
            self.i += 1
        for quoted in _Preparer(inner, nested=True).run():
            self.out.append(f"{pad}> {quoted}" if quoted.strip() else f"{pad}>")
        self.prev = "quote"

    def indented(self) -> bool:
        """Whether the lines since the last blank one start indented."""
        start = len(self.out)
        while start and not is_blank(self.out[start - 1]):
            start -= 1
        return start < len(self.out) and self.out[start].startswith(" ")

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

    def math(self, indent: int, fence: int) -> None:
        """A `$$` block (two or more dollars): remark-math lets it follow text, and follow
        another one directly."""
        self.separate()
        depth = self.depth()
        pad = " " * (4 * depth)
        opening = self.lines[self.i][indent + fence :].strip()
        self.out.append(f"{pad}$$ {opening}".rstrip())
        ends = (lambda line: self.outside_items(indent_of(line))) if self.items else None
        tex, self.i, trailing = math_lines(self.lines, self.i + 1, indent, fence, depth, ends)
        self.out.extend([*(pad + line for line in tex), pad + "$$"])
        self.prev = "block"
        if re.search(r"\w", trailing):  # remark drops it; it is shown as text instead
            self.out.extend(["", pad + trailing])
            self.prev = "text"
        self.after_block()

    def outside_items(self, indent: int) -> bool:
        """Whether a line at `indent` ends the innermost open list item: it is indented less
        than the item's content."""
        item = self.items[-1]
        return visible_indent(indent, item.depth - 1) < item.content

    def depth(self) -> int:
        """How many list items the current line is in."""
        return self.items[-1].depth if self.items else 0

    def html(self) -> None:
        chunk = html_block_markdown(self.lines, self.i)
        self.i += len(chunk)
        self.out.extend(chunk)
        self.prev = "block"

    def list_item(self, indent: int, text: str, marker: tuple[int, str], shallower: bool) -> None:
        s = self
        width, bullet = marker
        if (not s.items and s.prev not in ("blank", "item")) or (shallower and self.indented()):
            # Python-Markdown would take the item into the list of the indented lines before
            # it, whatever its marker (paragraphs in items are decided per item afterwards)
            self.separate()
        depth = len(s.items)
        if bullet.endswith(")"):  # CommonMark's `1)`; Python-Markdown knows `1.` only
            text = bullet[:-1] + "." + text[len(bullet) :]
        text = text[:width] + definition_as_text(text[width:])
        s.items.append(Item(content=visible_indent(indent, depth) + width, depth=depth + 1))
        if is_fence(text[width:]):  # the item's content starts with a fence
            self.emit(" " * (4 * depth) + text[:width].rstrip() + " ", "item")
            return self.fence(indent + width)
        self.i += 1
        self.emit(" " * (4 * depth) + inline_math(text), "item")


def prepare(markdown: str) -> str:
    """A Lumen post's Markdown body, rewritten so that Python-Markdown reads its blocks as
    remark did. Text that both read alike is returned unchanged."""
    lines = markdown.split("\n")
    return "\n".join(_Preparer(lines).run())
