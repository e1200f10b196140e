"""Material's search reads a page's formulas without their MathML markup: the same entries,
made faster.

Material's search parses every page's HTML in Python, a call for each tag. A formula in
MathML is dozens of tags (`<msub><mi>L</mi><mn>876</mn></msub>…`), where the index keeps
only their text: a post of the benchmark's took 2.5 ms to parse, 1.9 ms with its formulas'
inner tags taken out first. `lighter` takes them out of each `<math>` element whose parsing
is known to give the same text without them, and leaves any other as it is:

- every inner tag is a MathML element's, and none carries `data-search-exclude` or the class
  the parser looks for (`linenodiv`);
- the tags nest properly, and the element holds no comment or processing instruction;
- no text between two tags is whitespace alone (the parser collapses such a piece) or ends in
  a cut character reference.

The `<math>` tags themselves stay, so the text around a formula is parsed as before. Only for
Material's search: MkDocs' own joins each piece of text with a space, so the pieces matter.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

_MATH = re.compile(r"""(<math\b(?:[^"'>]|"[^"]*"|'[^']*')*>)(.*?)(</math\s*>)""", re.S | re.I)
_TAG = re.compile(r"""<(/?)([a-zA-Z][-a-zA-Z0-9]*)((?:[^"'>]|"[^"]*"|'[^']*')*)>""")
# MathML Core's and MathML 3's presentation elements, and what a formula's source is kept in.
_NAMES = (
    "maction maligngroup malignmark menclose merror mfenced mfrac mglyph mi mlabeledtr "
    "mlongdiv mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mscarries "
    "mscarry msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup mtable mtd "
    "mtext mtr munder munderover none semantics annotation annotation-xml"
)
MATHML = frozenset(_NAMES.split())
_ANY = re.compile(r"<math\b", re.I)
_CUT_REFERENCE = re.compile(r"&#?[a-zA-Z0-9]*$")


def lighter(content: str) -> str:
    """`content` with the inner tags of its formulas taken out, where Material's search
    parser makes the same entries of it (see the module's text)."""
    if _ANY.search(content) is None:
        return content
    return _MATH.sub(_formula, content)


def _formula(match: re.Match[str]) -> str:
    inner = match[2]
    if "<!" in inner or "<?" in inner:
        return match[0]
    pieces: list[str] = []
    depth: list[str] = []
    at = 0
    for tag in _TAG.finditer(inner):
        closing, name, rest = tag[1], tag[2].lower(), tag[3]
        if name not in MATHML or "data-search-exclude" in rest or "linenodiv" in rest:
            return match[0]
        pieces.append(inner[at : tag.start()])
        at = tag.end()
        if closing:
            if not depth or depth.pop() != name:
                return match[0]
        elif not rest.rstrip().endswith("/"):
            depth.append(name)
    pieces.append(inner[at:])
    if depth:
        return match[0]
    for piece in pieces:
        if "<" in piece or (piece and _spaces(piece)):
            return match[0]
    if any(_CUT_REFERENCE.search(piece) for piece in pieces[:-1] if "&" in piece):
        return match[0]
    return match[1] + "".join(pieces) + match[3]


def _spaces(piece: str) -> bool:
    """Whether the parser reads `piece` as whitespace alone (`&nbsp;` included)."""
    return (html.unescape(piece) if "&" in piece else piece).isspace()


def for_material(index: Any) -> bool:
    """Whether `index` is Material's search index, which `lighter` is made for."""
    return type(index).__module__ == "material.plugins.search.plugin"


def lighten(plugins: Any) -> None:
    """Have Material's search index read each page's formulas without their markup (the
    page's own content is put back at once). Called once per build, before the plugin's
    search entries wrap the index; any other search plugin is left alone."""
    search = plugins.get("material/search") if hasattr(plugins, "get") else None
    index: Any = getattr(search, "search_index", None)
    if for_material(index):
        index_as(index, "lightened", lambda page: lighter(page.content))


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
