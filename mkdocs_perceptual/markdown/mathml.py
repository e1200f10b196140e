"""Math at build time: Arithmatex's generic output -> MathML Core, with math-core behind
KaTeX's LaTeX (texcompat.py)."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

from mkdocs_perceptual.markdown import texcompat

# What pymdownx.arithmatex writes in generic mode (its default wraps): \( \) inline, \[ \] display.
_INLINE_RE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.DOTALL)
_DISPLAY_RE = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.DOTALL)


class MathError(ValueError):
    """A formula that does not convert; the message says why."""


# math-core converts by recursion: a formula nested a few thousand groups deep overflows its
# stack and kills the process (signal 11, no message). No real formula nests 200 deep.
MAX_NESTING = 200
_NESTING_RE = re.compile(r"\\[{}]|\\(left|right)(?![A-Za-z])|([{}])")


def nesting(tex: str) -> int:
    """How deep the groups of a formula nest: braces, and \\left ... \\right."""
    depth = deepest = 0
    for m in _NESTING_RE.finditer(tex):
        opens = m[1] == "left" or m[2] == "{"
        closes = m[1] == "right" or m[2] == "}"
        depth = max(0, depth + (1 if opens else -1 if closes else 0))
        deepest = max(deepest, depth)
    return deepest


@functools.lru_cache(maxsize=2048)
def to_mathml(tex: str, display: bool) -> str:
    """MathML Core for one formula, in ASCII. Cached: blogs repeat their formulas."""
    if nesting(tex) > MAX_NESTING:
        raise MathError(f"it nests more than {MAX_NESTING} groups deep")
    try:
        mathml = texcompat.convert(tex, display)
    except texcompat.TexError as e:
        raise MathError(str(e).strip() or "not valid LaTeX") from e
    # Symbols such as '\u2211' written as character references ('&#8721;'): one of them in a
    # page otherwise ASCII makes Python hold the whole page at two bytes a character, through
    # every step of the build. At 1,000 posts this saves 6.5 MB of peak memory for 24 bytes
    # more on the median page (docs/benchmarks.md).
    return mathml.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _source(tex: str, display: bool) -> str:
    fence = "$$" if display else "$"
    return f"{fence}{tex}{fence}"


def convert_page(content: str, warn: Callable[[str], None]) -> str:
    """Every Arithmatex formula in a rendered page as MathML; one that fails is shown as its
    source in a <code> element, and `warn` is told the formula and why."""

    def replace(match: re.Match[str], display: bool) -> str:
        tex = html.unescape(match.group(1)).strip()
        try:
            mathml = to_mathml(tex, display)
        except MathError as e:
            warn(f"formula {_source(tex, display)!r} was not converted to MathML: {e}")
            code = (
                f'<code class="perceptual-math-error">{html.escape(_source(tex, display))}</code>'
            )
            return f"<pre>{code}</pre>" if display else code
        return f'<div class="arithmatex">{mathml}</div>' if display else mathml

    if 'class="arithmatex"' not in content:
        return content
    content = _DISPLAY_RE.sub(lambda m: replace(m, True), content)
    return _INLINE_RE.sub(lambda m: replace(m, False), content)
