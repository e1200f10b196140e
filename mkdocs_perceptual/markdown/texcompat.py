"""KaTeX's LaTeX in front of math-core: Lumen's posts were written for KaTeX 0.16.

Most formulas go to math-core as written. Those that use something KaTeX reads one way and
math-core another (CSS colour names, hex colours, top-level line breaks) or not at all
(`alignat`, starred matrices, `\\tag` outside an environment, size switches, ...) are rewritten
first into LaTeX that math-core converts to the same drawing. What LaTeX cannot ask math-core
for (a background, a zero-width box, a rule) is a marker colour switch, which `Rewrite.finish`
replaces by the MathML element or style wanted.
"""

from __future__ import annotations

import re

import math_core

from mkdocs_perceptual.markdown.texdata import CSS_COLOURS, MACROS
from mkdocs_perceptual.markdown.texrewrite import rewrite
from mkdocs_perceptual.markdown.texscan import Rewrite, css_colour

__all__ = ["CSS_COLOURS", "MACROS", "TexError", "convert", "css_colour", "rewrite"]


class TexError(ValueError):
    """A formula that does not convert; the message is math-core's, naming the command."""


_converter = math_core.LatexToMathML(
    fancy_error=False, macros=MACROS, allow_unreliable_rendering=True
)


# Only a formula holding one of these is rewritten: the rest cost one search.
_TRIGGER = re.compile(
    r"\\(?:color|textcolor|colorbox|fcolorbox|begin\{(?:alignat|alignedat|split|smallmatrix"
    r"|[pbBvV]?matrix\*)|tag|[lrc]lap|math[lrc]lap|smash|rule|newline|tiny|scriptsize"
    r"|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge|sixptsize|substack|textcircled"
    r"|char|verb|message|errmessage|show|kern|mkern|mskip|hskip|let|edef|xdef|sout|above"
    r"|providecommand|textregistered|[\"'.=^`~]|(?:[Hcruv]|AA|aa|ss|ae|AE|oe|OE|o|O|i|j|L|l)"
    r"(?![A-Za-z])|\\)|[$∠∡∢∴∵]"
)


_POSITION_RE = re.compile(r"^\d+:\s*")


def convert(tex: str, display: bool) -> str:
    """MathML Core for one formula written for KaTeX; TexError when it does not convert."""
    rw = None
    if _TRIGGER.search(tex):
        rw = Rewrite()
        tex = rewrite(tex, display, rw)
    try:
        mathml = str(_converter.convert_with_local_state(tex, displaystyle=display))
    except math_core.LatexError as e:
        reason = str(e).strip() or "not valid LaTeX"
        # math-core's "12: ..." counts in the text it was given, which the author did not
        # write when the formula was rewritten; the reason still names the command.
        raise TexError(_POSITION_RE.sub("", reason) if rw else reason) from e
    return rw.finish(mathml) if rw is not None and rw.marks else mathml
