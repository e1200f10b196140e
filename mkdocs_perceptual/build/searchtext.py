"""Material's search reads a page's formulas and code blocks without their markup: the same
entries, made faster.

Material's search parses every page's HTML in Python, a call for each tag. A formula in
MathML is dozens of tags (`<msub><mi>L</mi><mn>876</mn></msub>…`), a highlighted code block a
`<span>` for every token, where the index keeps only their text: a benchmark post took 1.6 ms
to parse, 0.3 ms to read here and 0.6 ms to parse with those tags taken out (`lighter`). They
are taken out only where the parser is known to make the same entries without them:

- The page is read as Python's HTML parser reads it only where that is unambiguous: every `<`
  opens a plain start or end tag (a name of letters, digits and dashes; attributes separated
  by ASCII whitespace, quoted or of plain characters), script-like elements hold no `<`, and
  there is no `<plaintext>` (newer Pythons read all that follows it as text).
  A page with a comment, a processing instruction, a stray `<` or any other kind of tag is
  left as it is. (Positions are taken in the page lowered to ASCII: 'İ' lowers to two.) So
  is one where an element the tags taken out share a name with carries `data-search-exclude`
  or the class `linenodiv` (the parser remembers an excluded element by its name alone).
- In each `<math>` and `<pre>` element, every tag taken out is MathML's (in `<math>`) or a
  `<span>`, or an `<a>` that is no heading's permalink (in `<pre>`), with no `&` in its
  attributes; the only other tag a region may hold is `<code>` in `<pre>`, kept where it is;
  the tags nest properly; no text between two tags ends in a cut character reference or is
  a reference that decodes to nothing (`&#1;`, a piece of its own to the parser).
- In a formula, no text between two tags is whitespace alone, which the parser collapses (in
  `<pre>` it keeps every piece as it is, so the pieces may be joined).

The region's own tags stay, so the text around it is parsed as before. Any other region is left
as it is. Only for Material's search: MkDocs' own joins each piece of text with a space, so
the pieces matter there. Every region and tag is read a bounded number of times, so a page of
broken tags costs what a plain one does. `tests/test_searchtext.py` holds what two rounds of
fuzzing found against earlier, looser readings.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from mkdocs_perceptual.build import memory

_SPACE = "[ \t\n\r\f]"
_VALUE = r"""(?:"[^"]*"|'[^']*'|[-a-zA-Z0-9_.:#%+,;!?@~*()\[\]{}|^$]+(?=[ \t\n\r\f>]))"""
_ATTRIBUTE = rf"{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_SPACE}*={_SPACE}*{_VALUE})?"
_ATTRIBUTES = rf"((?:{_ATTRIBUTE})*)"
# A plain tag: (start name, attributes, "/" of `<mspace/>`) or (end name).
_TAG = re.compile(
    rf"<([a-zA-Z][a-zA-Z0-9-]*){_ATTRIBUTES}{_SPACE}*(/?)>|</([a-zA-Z][a-zA-Z0-9-]*){_SPACE}*>"
)
# MathML Core's and MathML 3's presentation elements, and what a formula's source is kept in.
_NAMES = (
    "maction maligngroup malignmark menclose merror mfenced mfrac mglyph mi mlabeledtr "
    "mlongdiv mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mscarries "
    "mscarry msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup mtable mtd "
    "mtext mtr munder munderover none semantics annotation annotation-xml"
)
MATHML = frozenset(_NAMES.split())
# By region: the tags taken out, the tags kept, whether whitespace-only text may be joined.
_RULES: dict[str, tuple[frozenset[str], frozenset[str], bool]] = {
    "math": (MATHML, frozenset(), False),
    "pre": (frozenset({"span", "a"}), frozenset({"code"}), True),
}
_DROPPED = MATHML | {"span", "a"}
# Elements whose text the parser reads raw, in one version of Python or another; after a
# `<plaintext>` newer ones read everything as text, so a page with one is never read here.
_RAW = re.compile(
    r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b"
)
# A class whose value holds a reference (`linenod&#105;v` is `linenodiv` to the parser).
_CLASS_REFERENCE = re.compile(r"""class[ \t\n\r\f]*=[ \t\n\r\f]*(?:"[^"&]*&|'[^'&]*&)""")
# The same, without its groups (to split text at tags).
_TAG_ANY = re.compile(
    rf"<[a-zA-Z][a-zA-Z0-9-]*(?:{_ATTRIBUTE})*{_SPACE}*/?>|</[a-zA-Z][a-zA-Z0-9-]*{_SPACE}*>"
)
_CLOSING = {name: re.compile(rf"</{name}{_SPACE}*>", re.I | re.A) for name in ("math", "pre")}
_DROPPED_IN_PRE = re.compile(
    rf"<(?:span|a){_ATTRIBUTES}{_SPACE}*/?>|</(?:span|a){_SPACE}*>", re.I | re.A
)
_REGION = re.compile(r"<(math|pre)(?=[ \t\n\r\f/>])", re.I | re.A)
_QUOTED_LT = re.compile(r"""=[ \t\n\r\f]*(?:"[^"]*<|'[^']*<)""")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CUT_REFERENCE = re.compile(r"&#?[a-zA-Z0-9]*$")


def lighter(content: str) -> str:
    """`content` with the inner tags of its formulas and code blocks taken out, where
    Material's search parser makes the same entries of it (see the module's text)."""
    regions = [m.start() for m in _REGION.finditer(content)]
    low = _plain(content) if regions else None
    if low is None:
        return content
    out: list[str] = []
    done = 0  # where the content not yet in `out` begins
    after = 0  # where the last region looked at ends: one inside it is left as it is
    for at in regions:
        if at < after:
            continue
        after, light = _region(content, low, at)
        if light is not None:
            out += [content[done:at], light]
            done = after
    if not out:
        return content
    out.append(content[done:])
    return "".join(out)


def _plain(content: str) -> str | None:
    """`content` in lower case, where the parser reads it as `_TAG` does (see the module's
    text): every `<` opens a plain tag (none is inside an attribute's value), script-like
    elements hold no `<` but their end tag's, and no element of a name taken out may be left
    out of search; None where it may read it otherwise."""
    if "<" in _TAG.sub("", content) or _QUOTED_LT.search(content):
        return None  # a '<' that opens no plain tag, or one in a value (no tag's start there)
    # As the parser reads names; values too, to be safe. Every character must stay where it
    # is: 'İ' is the one whose lower case is two characters.
    low = content.lower() if "\u0130" not in content else content.translate(_ASCII_LOWER)
    if "<plaintext" in low:
        return None
    for raw in _RAW.finditer(low):
        at = content.find("<", raw.end())
        close = _TAG.match(low, at) if at >= 0 else None
        if close is None or close[4] != low[raw.start() + 1 : raw.end()]:
            return None
    hits = sorted(
        [
            *_positions(low, "data-search-exclude"),
            *_positions(low, "linenodiv"),
            *(m.start() for m in _CLASS_REFERENCE.finditer(low)),
        ]
    )
    # Whether each falls in the start tag of an element of a name taken out somewhere; every
    # tag is read once, however many fall in it.
    looked = 0  # where the search for a tag's start resumes
    end, dropped = -1, False
    for at in hits:
        start = low.rfind("<", looked, at)
        looked = at
        if start >= 0:
            tag = _TAG.match(low, start)
            end = tag.end() if tag is not None else -1
            dropped = tag is not None and tag[1] in _DROPPED
        if dropped and at < end:
            return None
    return low


def _positions(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _region(content: str, low: str, at: int) -> tuple[int, str | None]:
    """The region whose start tag is at `at` (`low`: the content in lower case): where it
    ends, and its text with the inner tags taken out, or None where they may not be."""
    opening = _TAG.match(content, at)
    if opening is None or opening[3]:
        return at + 1, None  # `<pre/>`: opened and closed at once
    name = opening[1].lower()
    closing = _CLOSING[name].search(content, opening.end())
    if closing is None:
        return len(content), None
    after = closing.end()
    inner = content[opening.end() : closing.start()]
    dropped, kept, joined_spaces = _RULES[name]
    depth: list[str] = []
    for start, attributes, alone, end in _TAG.findall(low, opening.end(), closing.start()):
        tag = start or end
        if tag in kept:
            pass
        elif tag not in dropped or "&" in attributes or "headerlink" in attributes:
            return after, None  # another kind of tag, or attributes the parser looks into
        if end:
            if not depth or depth.pop() != tag:
                return after, None
        elif not alone:
            depth.append(tag)
    if depth:
        return after, None
    pieces = _TAG_ANY.split(inner)
    if not joined_spaces and any(map(str.isspace, pieces)):
        return after, None  # whitespace alone, which the parser collapses outside <pre>
    last = len(pieces) - 1
    references = [n for n, piece in enumerate(pieces) if "&" in piece] if "&" in inner else []
    for n in references:
        if n < last and _CUT_REFERENCE.search(pieces[n]):
            return after, None  # a reference cut by a tag: the parser unescapes each piece alone
        text = html.unescape(pieces[n])
        if not text or (not joined_spaces and text.isspace()):
            return after, None  # nothing ('&#1;'), which the parser keeps as a piece, or spaces
    light = _TAG_ANY.sub("", inner) if not kept else _DROPPED_IN_PRE.sub("", inner)
    return after, opening[0] + light + closing[0]


def for_material(index: Any) -> bool:
    """Whether `index` is Material's search index, which `lighter` is made for."""
    return type(index).__module__ == "material.plugins.search.plugin"


def hold_as_utf8(index: Any) -> None:
    """Have Material's search index hold the texts of its entries with a character beyond
    U+00FF as UTF-8 (`memory.Utf8Text`, about half the memory) until it writes them, where
    they are written as their strings are; if its JSON writer takes no such object (another
    Material than the ones tested), they are made strings again first. Called once per build
    (`searchparse.speed_up`), under the plugin's search entries' wrapping (the workers'
    entries come held so)."""
    add: Callable[[Any], None] | None = getattr(index, "add_entry_from_context", None)
    generate: Callable[..., Any] | None = getattr(index, "generate_search_index", None)
    if not for_material(index) or add is None or generate is None or hasattr(add, "utf8"):
        return

    def add_entry_from_context(page: Any) -> None:
        start = len(index.entries)
        add(page)
        memory.compact_entries(index.entries[start:])

    def generate_search_index(*args: Any, **kwargs: Any) -> Any:
        try:
            return generate(*args, **kwargs)
        except TypeError:
            memory.plain_entries(index.entries)
            return generate(*args, **kwargs)

    add_entry_from_context.utf8 = True  # type: ignore[attr-defined]
    index.add_entry_from_context = add_entry_from_context
    index.generate_search_index = generate_search_index


def index_as(index: Any, mark: str, content_of: Callable[[Any], str | None]) -> None:
    """Have `index` read each page with the content `content_of(page)` gives it (None: the
    page's own), the page's own put back at once. Once per index: `mark` names the wrapping."""
    original: Callable[[Any], None] | None = getattr(index, "add_entry_from_context", None)
    if original is None or getattr(original, mark, False):
        return

    def add_entry_from_context(page: Any) -> None:
        whole = page.content
        shown = None if not whole else content_of(page)
        if shown is None or shown is whole:
            original(page)
            return
        page.content = shown
        try:
            original(page)
        finally:
            page.content = whole

    setattr(add_entry_from_context, mark, True)
    index.add_entry_from_context = add_entry_from_context
