"""Text that may hold a little inline HTML (an author's bio, a copyright line, as some Lumen
forks wrote them and rendered them with `dangerouslySetInnerHTML`), made safe to put in a
page: its links and emphasis kept, every other tag dropped (its text kept, a script's or
style's not), everything else escaped. Pure: no I/O."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# The tags kept, and the attributes each may keep.
ALLOWED = {
    "a": ("href", "title"),
    "abbr": ("title",),
    "b": (),
    "br": (),
    "code": (),
    "em": (),
    "i": (),
    "small": (),
    "strong": (),
    "sub": (),
    "sup": (),
}
_VOID = {"br"}
# HTML's elements: a tag of another name (`<learning>`, `<T>`) is text, as browsers and remark
# show it, and is kept as text.
_ELEMENTS = set(
    [
        "a",
        "abbr",
        "address",
        "area",
        "article",
        "aside",
        "audio",
        "b",
        "base",
        "bdi",
        "bdo",
        "blockquote",
        "body",
        "br",
        "button",
        "canvas",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "datalist",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "map",
        "mark",
        "math",
        "menu",
        "meta",
        "meter",
        "nav",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "param",
        "picture",
        "pre",
        "progress",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "script",
        "section",
        "select",
        "slot",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
        "center",
        "marquee",
        "blink",
        "frame",
        "frameset",
    ]
)
_DROPPED_WITH_TEXT = {"script", "style", "template", "iframe", "object", "noscript", "textarea"}
_SAFE_HREF = re.compile(r"(?:https?://|mailto:|/|\./|\.\./|#)|[^:/?#]+(?:[/?#]|$)", re.I)


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ELEMENTS:
            self.handle_data(self.get_starttag_text() or f"<{tag}>")
            return
        if tag in _DROPPED_WITH_TEXT:
            self.skipping += 1
            return
        if self.skipping or tag not in ALLOWED:
            return
        kept = []
        for name, value in attrs:
            if name not in ALLOWED[tag] or value is None:
                continue
            if name == "href" and not _SAFE_HREF.match(value.strip()):
                continue
            kept.append(f' {name}="{html.escape(value.strip())}"')
        if tag == "a":
            kept.append(' rel="noopener"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _ELEMENTS:
            return
        if tag in self.open and tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _ELEMENTS:
            self.handle_data(f"</{tag}>")
            return
        if tag in _DROPPED_WITH_TEXT:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag not in self.open:
            return
        while self.open:  # close what was left open inside it
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))


def inline_html(text: str) -> str:
    """`text` as safe HTML: the tags of `ALLOWED` with their allowed attributes (a link only
    to http(s), mailto: or a path in the site), other tags dropped, the rest escaped."""
    if "<" not in text and "&" not in text:
        return html.escape(text, quote=False)
    cleaner = _Cleaner()
    cleaner.feed(text)
    cleaner.close()
    return "".join(cleaner.out) + "".join(f"</{tag}>" for tag in reversed(cleaner.open))


def has_markup(text: str) -> bool:
    """Whether `text` holds a tag `inline_html` keeps."""
    return inline_html(text) != html.escape(text, quote=False)
