"""Material's search entries of a page, with its sections read here where Material's parser
would read the same ones.

Material's search divides each page into sections with a parser built on Python's
`html.parser`, in Python, a call for each tag and piece of text; it was the largest part of a
post's writing that plain MkDocs does not have. Where the page is one `searchtext._plain`
accepts (every `<` opens a plain start or end tag, so the two readings of it cannot differ) and
holds no element whose text that parser reads raw (`<script>`, `<style>`, ...), the sections
are read here in one pass over its tags, by the same rules as Material's parser:

- an element is pushed on the stack of open elements at its start tag (a void one is not),
  and popped by an end tag only if it is the innermost element of that name;
- a heading with an `id` starts a section (a first one that is no `<h1>` is preceded by one
  without a title); text before any section starts one;
- the names left out of search are a set of names: `object`, `script`, `style` and those of
  the elements with `data-search-exclude` or the class `linenodiv` (Material compares its
  elements by name); text and kept tags are left out while any open element has such a name,
  and a closing element of such a name takes its name out again (the first three stay);
- the kept tags (`<p>`, `<code>`, `<pre>`, lists, `<sub>`, `<sup>`) are written into the text,
  or into the title inside the section's heading, and an element that holds only whitespace
  is taken back out;
- text outside `<pre>` has its line breaks made spaces, whitespace alone is one space and is
  not repeated; the heading's permalink is not part of the title; text is escaped as Material
  escapes it.

Material's own `Section` and `Element` objects are made and Material makes the entries of
them (its tag lists, entries and Chinese segmentation are its own). Any other page, or one
where Material's parser would raise (a kept end tag whose start it looks for in vain), is read
by Material's parser, with `searchtext.lighter` first. `tests/test_searchparse.py` compares
the two readings on the corpora of `test_searchtext.py` and on fuzzed pages."""

from __future__ import annotations

import importlib
import re
from functools import cache
from html import escape, unescape
from typing import Any

from mkdocs_perceptual.build import searchtext

# One attribute of a tag `_TAG` matched: its name, and its value as written (quoted or not).
_ATTRIBUTE = re.compile(
    r"""[ \t\n\r\f]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)"""
    r"""(?:[ \t\n\r\f]*=[ \t\n\r\f]*("[^"]*"|'[^']*'|[^ \t\n\r\f>]+))?"""
)
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
# Attributes that may matter to the sections.
_NOTED = re.compile(r"data-search-exclude|linenodiv|headerlink", re.I)


class _Unread(Exception):
    """The page is one Material's parser must read (it would raise)."""


@cache
def _material() -> tuple[Any, Any, frozenset[str], frozenset[str], frozenset[str]]:
    """Material's `Section` and `Element` classes, and its parser's kept, always skipped and
    void tag names, as the installed Material has them."""
    plugin = importlib.import_module("material.plugins.search.plugin")
    parser = plugin.Parser()
    skipped = frozenset(name for name in parser.skip if isinstance(name, str))
    return plugin.Section, plugin.Element, frozenset(parser.keep), skipped, frozenset(plugin.void)


def _attributes(written: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name, value in _ATTRIBUTE.findall(written):
        if not value:
            found[name.lower()] = None
            continue
        if value[0] in "\"'":
            value = value[1:-1]
        found[name.lower()] = unescape(value) if "&" in value else value
    return found


def _noted(written: str) -> bool:
    """Whether attributes written so may leave an element out of search or make it a
    heading's permalink."""
    return "&" in written or _NOTED.search(written) is not None


def sections(content: str) -> list[Any] | None:
    """The sections Material's search parser divides `content` into, as its `Section`
    objects; None where it is to read `content` itself (see the module's text)."""
    if not content:
        return None
    low = searchtext._plain(content)
    if low is None or searchtext._RAW.search(low):
        return None
    try:
        return _Reader(content).data
    except _Unread:
        return None


class _Reader:
    """One page's sections, read as `sections` says, tag by tag."""

    def __init__(self, content: str) -> None:
        self.Section, self.Element, self.keep, self.always, self.void = _material()
        self.skip = set(self.always)
        self.tags: list[str] = []  # the open elements' names, outermost first
        self.open: dict[str, int] = {}  # how many open elements have each name
        self.skipping = 0  # how many open elements have a name left out of search
        self.permalinks: list[int] = []  # where open permalinks (`a.headerlink`) are in `tags`
        self.section: Any = None
        self.data: list[Any] = []
        self._read(content)

    def _read(self, content: str) -> None:
        at = 0
        for tag in searchtext._TAG.finditer(content):
            if tag.start() > at:
                self.text(content[at : tag.start()])
            at = tag.end()
            if not tag[1]:
                self.end(tag[4].lower())
            elif (name := tag[1].lower()) not in self.void:
                self.start(name, tag[2])
                if tag[3]:
                    self.end(name)
        if at < len(content):
            self.text(content[at:])

    def into(self) -> list[str]:
        """The list the current text goes to: the title inside the section's heading."""
        section = self.section
        into: list[str] = section.title if self.open.get(section.el.tag) else section.text
        return into

    def preface(self) -> None:
        if self.section is None:
            self.section = self.Section(self.Element("hx"))
            self.data.append(self.section)

    def start(self, tag: str, written: str) -> None:
        """A start tag (not a void element's), its attributes as written."""
        self.tags.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in self.skip:
            self.skipping += 1
        if tag not in self.keep and tag not in _HEADINGS and not (written and _noted(written)):
            self.preface()  # nearly every tag: nothing else it can do
            return
        attrs = _attributes(written) if written else {}
        if tag == "a" and attrs.get("class") == "headerlink":
            self.permalinks.append(len(self.tags) - 1)
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.tags)
            if tag != "h1" and not self.data:
                self.section = self.Section(self.Element("hx"), depth)
                self.data.append(self.section)
            had = bool(self.data)
            self.section = self.Section(self.Element(tag, attrs), depth)
            if had:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        self.preface()
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            if tag not in self.skip:
                self.skip.add(tag)
                self.skipping += self.open[tag]
            return
        if tag in self.keep and not self.skipping:
            self.into().append(f"<{tag}>")

    def end(self, tag: str) -> None:
        """An end tag, or the end of a start tag written `<x/>`."""
        tags = self.tags
        if not tags or tags[-1] != tag:
            return
        depth = len(tags)
        if self.section.depth > depth:
            for section in reversed(self.data):
                if section.depth <= depth:
                    self.section.depth = float("inf")
                    self.section = section
                    break
        tags.pop()
        self.open[tag] -= 1
        if self.permalinks and self.permalinks[-1] == len(tags):
            self.permalinks.pop()
        if tag in self.skip:
            self.skipping -= 1
            if tag not in self.always:
                self.skip.remove(tag)
                self.skipping -= self.open[tag]
            return
        if tag not in self.keep or self.skipping:
            return
        data = self.into()
        try:
            index = data.index(f"<{tag}>")
        except ValueError:
            raise _Unread from None
        if all(piece.isspace() for piece in data[index + 1 :]):
            del data[index:]
        else:
            data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        """A piece of text between two tags, as written."""
        if self.skipping:
            return
        if "&" in data:
            data = unescape(data)
        in_pre = bool(self.open.get("pre"))
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        self.preface()
        section = self.section
        if self.open.get(section.el.tag):
            if not self.permalinks:
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


def add_entries(index: Any, page: Any, add: Any) -> None:
    """Material's `index` adds the entries of `page` (`add`: its own `add_entry_from_context`,
    called for any page read by its parser), with the sections read here where they may be."""
    if not searchtext.for_material(index):
        add(page)
        return
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    found = sections(page.content)
    if found is None:
        whole = page.content
        page.content = searchtext.lighter(whole) if whole else whole
        try:
            add(page)
        finally:
            page.content = whole
        return
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


def speed_up(plugins: Any) -> None:
    """Have Material's search index read each page's sections here where it may
    (`add_entries`), and hold its texts as UTF-8 (`searchtext.hold_as_utf8`). Called once per
    build, before the plugin's search entries wrap the index; any other search plugin is left
    alone."""
    search = plugins.get("material/search") if hasattr(plugins, "get") else None
    index: Any = getattr(search, "search_index", None)
    if not searchtext.for_material(index):
        return
    add = index.add_entry_from_context
    if not getattr(add, "reads_sections", False):

        def add_entry_from_context(page: Any) -> None:
            add_entries(index, page, add)

        add_entry_from_context.reads_sections = True  # type: ignore[attr-defined]
        index.add_entry_from_context = add_entry_from_context
    searchtext.hold_as_utf8(index)
