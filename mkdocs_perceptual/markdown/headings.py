"""Heading ids as Lumen gave them: github-slugger over remark's text of each heading.

gatsby-remark-autolink-headers slugged `mdast-util-to-string` of every heading: the text, the
source of inline code and math, the raw text of inline HTML, the alt of images, and (a quirk
of that function) the title instead of the text of an inline link that has one. This
extension rebuilds that text from Python-Markdown's tree after the inline patterns ran, and
sets the ids before `toc` looks at the headings; `toc` keeps an id a heading has, so its
permalinks, its table of contents and Material's use these ids.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown, util
from markdown.blockprocessors import HashHeaderProcessor
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    LINK_RE,
    ImageInlineProcessor,
    LinkInlineProcessor,
)
from markdown.treeprocessors import Treeprocessor

from mkdocs_perceptual.lumen.slugs import GithubSlugger

_HEADING = re.compile(r"h[1-6]")
_ESCAPED = re.compile(f"{util.STX}([0-9]+){util.ETX}")
_STASHED = re.compile(util.HTML_PLACEHOLDER_RE.pattern)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_INLINE_MATH = re.compile(r"\A\\\((.*)\\\)\Z", re.DOTALL)


class _AtxHeading(HashHeaderProcessor):
    """Closing `#`s followed by spaces end the heading too (`## Setup ## `), and so does a
    run of spaces and `#`s, as in remark's pedantic mode: Python-Markdown would show them."""

    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)[ \t#]*(?:\n|$)"
    )


class _NotesTitled(LinkInlineProcessor):
    """Notes the links (and images: ImageInlineProcessor is a LinkInlineProcessor) that carry
    a title: for those, mdast-util-to-string, Lumen's heading text, returns the title."""

    def __init__(self, pattern: str, md: Markdown, titled: dict[int, etree.Element]) -> None:
        super().__init__(pattern, md)
        self.titled = titled

    def handleMatch(  # type: ignore[override]  # as in Markdown's own stubs
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        el, start, end = super().handleMatch(m, data)
        if isinstance(el, etree.Element) and el.get("title"):
            self.titled[id(el)] = el
        return el, start, end


class _InlineLink(_NotesTitled):
    def __init__(self, md: Markdown, titled: dict[int, etree.Element]) -> None:
        super().__init__(LINK_RE, md, titled)


class _InlineImage(_NotesTitled, ImageInlineProcessor):
    """Without alt text, an image's title is its text."""

    def __init__(self, md: Markdown, titled: dict[int, etree.Element]) -> None:
        super().__init__(IMAGE_LINK_RE, md, titled)


def _unescape_code(text: str) -> str:
    # Python-Markdown escapes exactly these three in code; remark kept the source.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class HeadingIds(Treeprocessor):
    """Gives every heading of a page github-slugger's id of remark's text of it."""

    def __init__(self, md: Markdown, titled: dict[int, etree.Element]) -> None:
        super().__init__(md)
        self.slugger = GithubSlugger()
        self.titled = titled

    def run(self, root: etree.Element) -> None:
        # gatsby-remark-autolink-headers started the count afresh for every page.
        self.slugger.reset()
        try:
            for el in root.iter():
                if isinstance(el.tag, str) and _HEADING.fullmatch(el.tag):
                    own = el.get("id")
                    if own is None:
                        el.set("id", self.slugger.slug(self.heading_text(el)))
                    else:
                        # An id the author set (attr_list) stays, and no later heading takes it.
                        self.slugger.occurrences.setdefault(own, 0)
        finally:
            self.titled.clear()

    def heading_text(self, heading: etree.Element) -> str:
        """mdast-util-to-string of the heading remark would have read."""
        return self.children_text(heading)

    def children_text(self, el: etree.Element) -> str:
        parts = [self.resolve(el.text or "")]
        for child in el:
            parts.append(self.element_text(child))
            parts.append(self.resolve(child.tail or ""))
        return "".join(parts)

    def element_text(self, el: etree.Element) -> str:
        css = (el.get("class") or "").split()
        if el.tag == "code":
            return _unescape_code(self.resolve("".join(el.itertext())))
        if el.tag == "img":
            if {"emoji", "twemoji", "gemoji"} & set(css) and el.get("title"):
                # pymdownx.emoji: remark saw the `:shortcode:`.
                return el.get("title") or ""
            alt = self.resolve(el.get("alt") or "")
            if alt or id(el) not in self.titled:
                return alt
            return el.get("title") or ""
        if el.tag == "a" and id(el) in self.titled:
            return el.get("title") or ""
        if el.tag == "sup" and (el.get("id") or "").startswith("fnref"):
            # A footnote reference has no text in mdast.
            return ""
        if "arithmatex" in css:
            text = self.children_text(el)
            math = _INLINE_MATH.match(text)
            return math.group(1) if math else text
        if {"emoji", "twemoji", "gemoji"} & set(css) and el.get("title"):
            return el.get("title") or ""
        return self.children_text(el)

    def resolve(self, text: str) -> str:
        """Text with Python-Markdown's placeholders replaced by what remark had there."""
        if util.STX not in text:
            return text
        text = _STASHED.sub(self.stashed, text)
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        if util.AMP_SUBSTITUTE in text:
            # Obfuscated mail addresses: entities written with a stand-in for `&`.
            text = _ENTITY.sub(_entity, text.replace(util.AMP_SUBSTITUTE, "&"))
        return text

    def stashed(self, m: re.Match[str]) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(m.group(1))
        if index >= len(blocks):
            return ""
        raw = blocks[index]
        if not isinstance(raw, str):
            return "".join(raw.itertext())
        # remark decoded character references; raw inline HTML it kept as written.
        return html.unescape(raw) if _ENTITY.fullmatch(raw) else raw


def _entity(m: re.Match[str]) -> str:
    return html.unescape(m.group(0))


class HeadingIdsExtension(Extension):
    """Lumen's heading ids; add it to `markdown_extensions` beside `toc`."""

    def extendMarkdown(self, md: Markdown) -> None:
        titled: dict[int, etree.Element] = {}
        # Python-Markdown's own processors only: an extension that replaced one knows better.
        blocks, inline = md.parser.blockprocessors, md.inlinePatterns
        if "hashheader" in blocks and type(blocks["hashheader"]) is HashHeaderProcessor:
            blocks.register(_AtxHeading(md.parser), "hashheader", 70)
        if "link" in inline and type(inline["link"]) is LinkInlineProcessor:
            inline.register(_InlineLink(md, titled), "link", 160)
        if "image_link" in inline and type(inline["image_link"]) is ImageInlineProcessor:
            inline.register(_InlineImage(md, titled), "image_link", 150)
        # After the inline patterns (20) and attr_list (8); before smarty (6), because
        # gatsby-remark-smartypants ran after the ids were made (`a -- b` is `a----b`); and
        # before toc (5), which keeps the ids it finds.
        md.treeprocessors.register(HeadingIds(md, titled), "perceptual_heading_ids", 7)


def makeExtension(**kwargs: object) -> HeadingIdsExtension:
    return HeadingIdsExtension(**kwargs)
