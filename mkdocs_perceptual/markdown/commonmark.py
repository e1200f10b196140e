"""CommonMark's inline rules as remark-parse 6 applied them to Lumen posts, where
Python-Markdown's own differ, for Lumen's reading only:

- backslash escapes of every ASCII punctuation character (Python-Markdown escapes 16), and a
  backslash at the end of a line is a line break;
- inline HTML is only what is a valid tag, comment, processing instruction, declaration or
  CDATA section (remark's `util/html.js`): `<Bear, 1>` or `<từ ngữ, số lượng>` is text, shown
  as written, where Python-Markdown passed it to the browser as a tag and the words vanished;
- code spans: an opening run of backticks closes at the first run of the same length; an
  unclosed even run is an empty code span and an odd one is text, one backtick at a time
  (remark's `tokenize/code-inline.js`: ``` ``quotes'' ``` reads as an empty code span);
- GFM autolink literals start with `http://`, `https://` or `mailto:` only (a bare `www.`
  address or e-mail address is text), end at whitespace or `<`, and leave trailing
  punctuation and unbalanced brackets out (remark's `tokenize/url.js`);
- a paragraph that is only one complete open or closing tag (`<img src=...>` on a line of its
  own) is an HTML block, not wrapped in `<p>` (CommonMark's HTML block of type 7);
- a list item is shown as a paragraph unless its only content is one paragraph, item by item
  (mdast-util-to-hast 3's `list-item.js`): Python-Markdown made every item of a list with a
  blank line somewhere in it a paragraph, and none of the items of a list without one.

    markdown_extensions: [mkdocs_perceptual.markdown.commonmark]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown, util
from markdown.inlinepatterns import HtmlInlineProcessor, InlineProcessor
from markdown.treeprocessors import Treeprocessor

# remark-parse 6's escapes with `commonmark: true` (markdown-escapes): all ASCII punctuation.
PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_ATTRIBUTE = (
    r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
)
_OPEN_TAG = rf"<(?P<open>[A-Za-z][A-Za-z0-9\-]*){_ATTRIBUTE}*\s*/?>"
_CLOSING_TAG = r"</(?P<close>[A-Za-z][A-Za-z0-9\-]*)\s*>"
_TAG = (
    rf"{_OPEN_TAG}|{_CLOSING_TAG}"
    r"|<!---->|<!--(?:-?[^>-])(?:-?[^-])*-->"  # comment
    r"|<[?].*?[?]>"  # processing instruction
    r"|<![A-Za-z]+\s+[^>]*>"  # declaration
    r"|<!\[CDATA\[[\s\S]*?\]\]>"
)
_TYPE_7_RE = re.compile(rf"{_OPEN_TAG}|{_CLOSING_TAG}")
# Python-Markdown's own pattern is compiled with DOTALL; `.` in a processing instruction
# stays on its line, as in JavaScript.
HTML_RE = rf"((?:{_TAG}))"

_URL_STOP_IF_LAST = frozenset(".,:;\"')]")
_PLACEHOLDER = frozenset((util.STX, util.ETX))

# What a list item holds that is a block of its own, not part of a paragraph.
_BLOCKS = frozenset(
    {"p", "ul", "ol", "pre", "div", "blockquote", "table", "hr", "dl", "figure", "details"}
    | {"section"}
    | {f"h{level}" for level in range(1, 7)}
)


class EscapeProcessor(InlineProcessor):
    """`\\` before ASCII punctuation: the character as text; before a line end: a break."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str | etree.Element | None, int, int]:
        char = m.group(1)
        if char == "\n":
            return etree.Element("br"), m.start(0), m.end(0)
        if char in PUNCTUATION:
            return f"{util.STX}{ord(char)}{util.ETX}", m.start(0), m.end(0)
        return None, m.start(0), m.end(0)


class CodeSpanProcessor(InlineProcessor):
    """Code spans as remark-parse 6 found them (see the module's docstring)."""

    def __init__(self, pattern: str, md: Markdown) -> None:
        super().__init__(pattern, md)
        self.escaped_backslash = f"{util.STX}{ord(chr(92))}{util.ETX}"

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str | etree.Element | None, int, int]:
        if m.group(1):  # backslashes before the backticks escape each other
            return m.group(1).replace("\\\\", self.escaped_backslash), m.start(0), m.end(0)
        run_start, run_end = m.start(2), m.end(2)
        for start in range(run_start, run_end):
            length = run_end - start
            close = _closing_run(data, run_end, length)
            if close is not None:
                return _code(data[run_end:close].strip()), start, close + length
            if length % 2 == 0:
                return _code(""), start, run_end
        return None, run_start, run_end


def _code(text: str) -> etree.Element:
    code = etree.Element("code")
    code.text = util.AtomicString(util.code_escape(text))
    return code


def _closing_run(data: str, start: int, length: int) -> int | None:
    """Where the first run of exactly `length` backticks after `start` begins."""
    for found in re.finditer(r"`+", data[start:]):
        if len(found.group()) == length:
            return start + found.start()
    return None


class UrlProcessor(InlineProcessor):
    """GFM autolink literals as remark-parse 6's `url` tokenizer found them."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int, int]:
        protocol = m.group(1).lower()
        end = _url_end(data, m.end(1))
        if end == m.end(1):
            return None, m.start(0), m.end(0)
        address = data[m.start(0) : end]
        text = address
        if protocol == "mailto:":
            if "@" not in address[len(protocol) :]:
                return None, m.start(0), m.end(0)
            text = address[len(protocol) :]
        link = etree.Element("a", {"href": self.unescape(address)})
        link.text = util.AtomicString(text)
        return link, m.start(0), end


def _url_end(data: str, index: int) -> int:
    depth = 0
    while index < len(data):
        char = data[index]
        if char.isspace() or char == "<" or char in _PLACEHOLDER:
            break
        if char in _URL_STOP_IF_LAST:
            following = data[index + 1 : index + 2]
            if not following or following.isspace():
                break
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth < 0:
                break
        index += 1
    return index


class TagLines(Treeprocessor):
    """A paragraph that is one complete tag, such as an `<img>` line, as an HTML block."""

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        if not stash:
            return
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "p" or len(child) or not child.text:
                    continue
                found = util.HTML_PLACEHOLDER_RE.fullmatch(child.text.strip())
                raw = stash[int(found[1])] if found else None
                if isinstance(raw, str) and _is_type_7(raw):
                    _unwrap(parent, index, child)


def _is_type_7(raw: str) -> bool:
    m = _TYPE_7_RE.fullmatch(raw.strip())
    name = m and (m["open"] or m["close"] or "").lower()
    return bool(name) and name not in ("script", "style", "pre", "textarea")


def _unwrap(parent: etree.Element, index: int, paragraph: etree.Element) -> None:
    """`paragraph` replaced by its text (a placeholder) and its tail."""
    text = (paragraph.text or "") + (paragraph.tail or "")
    siblings = list(parent)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = siblings[index - 1]
        before.tail = (before.tail or "") + text
    parent.remove(paragraph)


class ItemParagraphs(Treeprocessor):
    """Each list item a paragraph or not as mdast-util-to-hast 3 decided: an item whose only
    content is one paragraph is shown without `<p>`; in any other item, every run of inline
    content is a paragraph."""

    def run(self, root: etree.Element) -> None:
        for item in list(root.iter("li")):  # each item's children change
            if not (item.get("id") or "").startswith("fn"):  # footnotes keep their markup
                _settle(item)


def _runs(item: etree.Element) -> list[list[Any]]:
    """The item's content as a list of parts: [element] for a block, [text, inline...] for
    a run of inline content."""
    parts: list[list[Any]] = []
    inline: list[Any] | None = None
    if item.text and item.text.strip():
        inline = [item.text]
        parts.append(inline)
    for child in item:
        if child.tag in _BLOCKS:
            parts.append([child])
            inline = None
            if child.tail and child.tail.strip():
                inline = [child.tail]
                parts.append(inline)
        else:
            if inline is None:
                inline = [""]
                parts.append(inline)
            inline.append(child)
    return parts


def _settle(item: etree.Element) -> None:
    parts = _runs(item)
    if len(parts) == 1 and len(parts[0]) == 1 and not isinstance(parts[0][0], str):
        only = parts[0][0]
        if only.tag == "p" and not only.attrib:
            item.remove(only)
            item.text = only.text
            for child in only:
                item.append(child)
        return
    if len(parts) == 1 and isinstance(parts[0][0], str):
        return  # one run of inline content: already without `<p>`
    if all(not isinstance(part[0], str) for part in parts):
        return  # blocks only
    _wrap_runs(item, parts)


def _wrap_runs(item: etree.Element, parts: list[list[Any]]) -> None:
    for child in list(item):
        item.remove(child)
    item.text = None
    for part in parts:
        if isinstance(part[0], str):
            paragraph = etree.SubElement(item, "p")
            paragraph.text = part[0].strip("\n") or None
            for child in part[1:]:
                paragraph.append(child)
            if len(paragraph):
                last = paragraph[-1]
                last.tail = (last.tail or "").rstrip("\n") or None
            elif paragraph.text:
                paragraph.text = paragraph.text.rstrip("\n")
        else:
            block = part[0]
            block.tail = None
            item.append(block)


class CommonMarkExtension(Extension):
    """CommonMark's inline rules as remark-parse 6 applied them; see the module's docstring."""

    def extendMarkdown(self, md: Markdown) -> None:
        code_span = CodeSpanProcessor(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+))", md)
        md.inlinePatterns.register(code_span, "backtick", 190)
        md.inlinePatterns.register(EscapeProcessor(r"\\(.)", md), "escape", 180)
        md.inlinePatterns.register(HtmlInlineProcessor(HTML_RE, md), "html", 90)
        md.inlinePatterns.register(UrlProcessor(r"(?i)(https?://|mailto:)", md), "gfm-url", 85)
        for name in ("magic-link", "magic-mail"):
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        md.treeprocessors.register(ItemParagraphs(md), "item-paragraphs", 16)
        md.treeprocessors.register(TagLines(md), "tag-lines", 15.5)


def makeExtension(**kwargs: Any) -> CommonMarkExtension:
    return CommonMarkExtension(**kwargs)
