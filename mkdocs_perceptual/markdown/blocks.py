"""How remark-parse 6 sees one line of Lumen's Markdown, for the text pass in `remark`: list
markers and their width, the lines that interrupt a paragraph, fences, `$$` blocks, tables,
HTML blocks (with the Markdown CommonMark reads after their blank line), and `$$x$$` inside a
line, which remark-math reads as inline math."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

FENCE_RE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")


_ITEM_RE = re.compile(r"(?P<marker>[*+-]|\d{1,9}[.)])(?P<space>[ \t]+|$)")


HR_RE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")


MATH_OPEN_RE = re.compile(r"(?P<fence>\${2,})[^$]*")


TABLE_DELIMITER_RE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")


SETEXT_RE = re.compile(r"=+|-+")


HEADING_RE = re.compile(r"#{1,6}(?:[ \t]|$)")


# CommonMark's HTML blocks of type 6: they end at a blank line, and Markdown may follow.
_BLOCK_TAGS = (
    "address|article|aside|blockquote|center|dd|details|dialog|dir|div|dl|dt|fieldset|"
    "figcaption|figure|footer|form|header|main|nav|ol|section|summary|table|ul"
)


_HTML_OPEN_RE = re.compile(rf"<(?P<tag>{_BLOCK_TAGS})(?=[\s/>])(?P<attrs>[^>]*?)(?P<end>/?>)", re.I)


HTML_START_RE = re.compile(rf"</?(?:{_BLOCK_TAGS}|p|h[1-6]|hr|img|iframe|!--)(?:[\s/>]|$)", re.I)


# Inline code spans, so that `$$` in them stays as written.
_CODE_SPAN_RE = re.compile(r"(`+).*?(?<!`)\1(?!`)")


# remark-math 1: `$$x$$` from the first `$` that starts one; in `$$$x$$$`, the dollars around it
# are text.
_INLINE_DOUBLE_MATH_RE = re.compile(
    r"(?<![\\$])(?P<pre>\$)?\$\$(?P<tex>(?:\\\$|[^$])+?)\$\$(?P<post>\$)?"
)


# A link or footnote definition's start, after any blockquote markers.
_DEFINITION_RE = re.compile(r"(?P<lead>(?:[ ]{0,3}>)*[ ]{0,3})\[(?=(?:[^\[\]\\]|\\.)*\]:)")


def definition_as_text(text: str) -> str:
    """A line that would be a link or footnote definition, with its `[` escaped: remark-parse 6
    reads definitions only at the top level (not in list items or blockquotes) and not inside
    a paragraph, where Python-Markdown reads them anywhere and takes the line out."""
    m = _DEFINITION_RE.match(text)
    return text if m is None else f"{m['lead']}\\{text[m.end('lead') :]}"


def is_definition(text: str) -> bool:
    return _DEFINITION_RE.match(text) is not None and not text.startswith(">")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def visible_indent(indent: int, depth: int) -> int:
    """A line's indent as seen inside `depth` list items: in pedantic mode remark removes up
    to 4 spaces from every line of an item's content, whatever the item's marker width."""
    return max(0, indent - 4 * depth)


def is_blank(line: str) -> bool:
    return not line.strip()


@dataclass
class Item:
    content: int  # where the item's content starts, as seen inside its parent item
    depth: int  # how many items enclose this one's content, itself included


def list_marker(text: str) -> tuple[int, str] | None:
    """The width of a list marker with its spaces, and the marker, or None."""
    m = _ITEM_RE.match(text)
    if m is None or HR_RE.fullmatch(text.rstrip()):
        return None
    marker, space = m["marker"], m["space"].replace("\t", "    ")
    # Five or more spaces after the marker: the content is indented code, one space in.
    width = len(marker) + (1 if not space or len(space) > 4 else len(space))
    return width, marker


def is_fence(text: str) -> bool:
    """Whether a line (without its indent) opens a fence: a backtick fence's info string
    holds no backtick (CommonMark; remark-parse 6 reads such a line as text)."""
    m = FENCE_RE.match(text)
    return m is not None and (m["fence"][0] != "`" or "`" not in m["info"])


def starts_block(text: str) -> bool:
    """Whether a line (without its indent) interrupts a paragraph in remark."""
    return bool(
        HEADING_RE.match(text)
        or is_fence(text)
        or text.startswith(">")
        or HR_RE.fullmatch(text.rstrip())
        or MATH_OPEN_RE.fullmatch(text.rstrip())
        or HTML_START_RE.match(text)
    )


def lazy_quote_line(line: str, last: str) -> bool:
    """Whether a line without `>` continues a blockquote whose last line (without its `>`) is
    `last`: it carries on a paragraph, and starts no block of its own."""
    text = line.lstrip(" ")
    return not (
        is_blank(line)
        or is_blank(last)
        or indent_of(line) >= 4
        or starts_block(text)
        or list_marker(text) is not None
    )


def _single(m: re.Match[str]) -> str:
    tex = m["tex"].strip()
    if not tex:
        return m.group()
    pre, post = ("\\$" if m[side] else "" for side in ("pre", "post"))
    return f"{pre}${tex}${post}"


def inline_math(line: str) -> str:
    """`$$x$$` inside a line is remark-math's inline math: `$x$` for Arithmatex."""
    if "$$" not in line:
        return line
    parts: list[str] = []
    last = 0
    for span in _CODE_SPAN_RE.finditer(line):
        parts.append(_INLINE_DOUBLE_MATH_RE.sub(_single, line[last : span.start()]))
        parts.append(span.group())
        last = span.end()
    parts.append(_INLINE_DOUBLE_MATH_RE.sub(_single, line[last:]))
    return "".join(parts)


def html_block_markdown(lines: list[str], start: int) -> list[str]:
    """The HTML block from `start` to its blank line, with `markdown="1"` on every element
    still open at that blank line: CommonMark reads what follows it as Markdown."""
    end = start
    while end < len(lines) and not is_blank(lines[end]):
        end += 1
    if end == len(lines):
        return lines[start:end]
    chunk = "\n".join(lines[start:end])
    rest = "\n".join(lines[end:])

    def mark(m: re.Match[str]) -> str:
        tag = m["tag"].lower()
        after = chunk[m.end() :]
        opened = len(re.findall(rf"<{tag}[\s/>]", after, re.I)) + 1
        closed = len(re.findall(rf"</{tag}\s*>", after, re.I))
        if m["end"] == "/>" or "markdown=" in m["attrs"] or opened <= closed:
            return m.group()
        if not re.search(rf"</{tag}\s*>", rest, re.I):
            return m.group()
        return f'<{m["tag"]}{m["attrs"]} markdown="1"{m["end"]}'

    return _HTML_OPEN_RE.sub(mark, chunk).split("\n")


def math_lines(
    lines: list[str],
    start: int,
    indent: int,
    fence: int,
    depth: int,
    ends: Callable[[str], bool] | None,
) -> tuple[list[str], int, str]:
    """The TeX of a `$$` block opened by `fence` dollars at `indent`, `depth` list items in,
    from line `start`: remark-math ends it at a line of at least as many dollars indented
    less than 4, or where the list item it is in (`ends`) or the post ends. Returns the TeX
    lines (without the blank ones, which would end Arithmatex's block), the index of the
    line after the block, and the text after the closing dollars."""
    closing = re.compile(rf"[ ]{{0,3}}\${{{fence},}}(?P<rest>.*)")
    tex: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if ends is not None and not is_blank(line) and ends(line):
            break
        i += 1
        seen = line[min(indent_of(line), 4 * depth) :]
        end = closing.fullmatch(seen)
        if end is not None:
            return tex, i, end["rest"].strip()
        if not is_blank(line):
            tex.append(seen[min(indent, indent_of(seen)) :])
    return tex, i, ""
