"""Material's search reads a page's formulas and code blocks without their markup: the same
entries, made faster.

Material's search parses every page's HTML in Python, a call for each tag. A formula in
MathML is dozens of tags (`<msub><mi>L</mi><mn>876</mn></msub>…`), a highlighted code block a
`<span>` for every token, where the index keeps only their text: a benchmark post took 1.5 ms
to parse, 0.6 ms with those tags taken out first (`lighter`). They are taken out of a region
only where the parser is known to make the same entries without them:

- every tag taken out is MathML's (in `<math>`) or a `<span>` or `<a>` (in `<pre>`); the only
  other tag a region may hold is `<code>` in `<pre>`, kept where it is;
- none carries `data-search-exclude` or the class the parser looks for (`linenodiv`); the
  tags nest properly; the region holds no comment or processing instruction, and no text
  between two tags ends in a cut character reference;
- in a formula, no text between two tags is whitespace alone, which the parser collapses
  (in `<pre>` it keeps every piece as it is, so the pieces may be joined).

The region's own tags stay, so the text around it is parsed as before. Any other region is left
as it is. Only for Material's search: MkDocs' own joins each piece of text with a space, so
the pieces matter there.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

_REGION = re.compile(
    r"""(<(math|pre)(?=[\s/>])(?:[^"'>]|"[^"]*"|'[^']*')*>)(.*?)(</\2\s*>)""", re.S | re.I
)
_TAG = re.compile(r"""<(/?)([a-zA-Z][-a-zA-Z0-9]*)((?:[^"'>]|"[^"]*"|'[^']*')*)>""")
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
_ANY = re.compile(r"<(?:math|pre)(?=[\s/>])", re.I)
_CUT_REFERENCE = re.compile(r"&#?[a-zA-Z0-9]*$")


def lighter(content: str) -> str:
    """`content` with the inner tags of its formulas and code blocks taken out, where
    Material's search parser makes the same entries of it (see the module's text)."""
    if _ANY.search(content) is None:
        return content
    return _REGION.sub(_region, content)


def _region(match: re.Match[str]) -> str:
    inner = match[3]
    if "<!" in inner or "<?" in inner:
        return match[0]
    dropped, kept, joined_spaces = _RULES[match[2].lower()]
    pieces: list[str] = []
    text = ""  # the text since the last tag kept
    depth: list[str] = []
    at = 0
    for tag in _TAG.finditer(inner):
        closing, name, rest = tag[1], tag[2].lower(), tag[3]
        if "data-search-exclude" in rest.lower() or "linenodiv" in rest:
            return match[0]
        piece = inner[at : tag.start()]
        if not _fits(piece, joined_spaces, last=False):
            return match[0]
        text += piece
        at = tag.end()
        if name in kept:
            pieces += [text, tag[0]]
            text = ""
        elif name not in dropped:
            return match[0]
        if closing:
            if not depth or depth.pop() != name:
                return match[0]
        elif not rest.rstrip().endswith("/"):
            depth.append(name)
    last = inner[at:]
    if depth or not _fits(last, joined_spaces, last=True):
        return match[0]
    return match[1] + "".join(pieces) + text + last + match[4]


def _fits(piece: str, joined_spaces: bool, last: bool) -> bool:
    """Whether `piece`, text between two tags, may be joined to the next."""
    if "<" in piece:
        return False
    if not piece:
        return True
    if "&" in piece and not last and _CUT_REFERENCE.search(piece):
        return False
    return joined_spaces or not _spaces(piece)


def _spaces(piece: str) -> bool:
    """Whether the parser reads `piece` as whitespace alone (`&nbsp;` included)."""
    return (html.unescape(piece) if "&" in piece else piece).isspace()


def for_material(index: Any) -> bool:
    """Whether `index` is Material's search index, which `lighter` is made for."""
    return type(index).__module__ == "material.plugins.search.plugin"


def lighten(plugins: Any) -> None:
    """Have Material's search index read each page's formulas and code without their markup (the
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
