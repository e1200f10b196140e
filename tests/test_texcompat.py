"""The KaTeX-compatibility pass in front of math-core, one rewrite at a time."""

from __future__ import annotations

import math_core
import pytest

from mkdocs_perceptual.markdown.texcompat import (
    MACROS,
    TexError,
    convert,
    css_colour,
    rewrite,
)
from mkdocs_perceptual.markdown.texscan import group_end


@pytest.mark.parametrize(
    ("spec", "rgb"),
    [
        ("green", "008000"),  # xcolor's green is 00FF00: math-core alone drew that
        ("MediumPurple", "9370DB"),
        (" purple ", "800080"),
        ("#1f77b4", "1F77B4"),
        ("1f77b4", "1F77B4"),
        ("#93d", "9933DD"),
        ("#93d8", "9933DD88"),
        ("#1f77b480", "1F77B480"),
        ("nosuchcolour", None),
        ("#12345", None),
    ],
)
def test_css_colour(spec, rgb):
    assert css_colour(spec) == rgb


@pytest.mark.parametrize(
    ("tex", "start", "end"),
    [("{a{b}c}d", 0, 7), (r"{a\}b}c", 0, 6), (r"\alpha b", 0, 6), ("  x", 0, 3), ("", 0, 0)],
)
def test_group_end(tex, start, end):
    assert group_end(tex, start) == end


REWRITES = [
    # Colours: CSS's RGB, as math-core's \color[HTML].
    (r"\color{green} x", r"\color[HTML]{008000} x"),
    (r"\textcolor{mediumpurple}{q}", r"{\color[HTML]{9370DB} q}"),
    (
        r"\textcolor{red}{a \textcolor{blue}{b}}",
        r"{\color[HTML]{FF0000} a {\color[HTML]{0000FF} b}}",
    ),
    (r"\color{#93d} x", r"\color[HTML]{9933DD} x"),
    (r"\color{RoyalBlue} x", r"\color[HTML]{4169E1} x"),
    (r"\color{nosuch} x", r"\color{nosuch} x"),
    # Environments math-core lacks.
    (r"\begin{alignat*}{2} a &= b \end{alignat*}", r"\begin{align*} a &= b \end{align*}"),
    (r"\begin{alignedat}{2} a &= b \end{alignedat}", r"\begin{aligned} a &= b \end{aligned}"),
    (r"\begin{split} a &= b \end{split}", r"\begin{aligned} a &= b \end{aligned}"),
    (r"\begin{pmatrix*} a \end{pmatrix*}", r"\begin{pmatrix} a \end{pmatrix}"),
    (
        r"\begin{bmatrix*}[r] a & b \\ c & d \end{bmatrix*}",
        r"\left[\begin{array}{rr} a & b \\ c & d \end{array}\right]",
    ),
    (r"\begin{smallmatrix} a \end{smallmatrix}", r"{\scriptstyle\begin{matrix} a \end{matrix}}"),
    (r"\substack{a \\ b}", r"\begin{subarray}{c}a \\ b\end{subarray}"),
    # Line breaks and tags at the top level.
    (r"a \\ b", r"\begin{gathered}a \\ b\end{gathered}"),
    (r"a \newline b", r"\begin{gathered}a \\ b\end{gathered}"),
    (r"a \\[2pt] b", r"\begin{gathered}a \\ b\end{gathered}"),
    (r"a \\", r"a "),
    (r"\begin{aligned} a \\ b \end{aligned}", r"\begin{aligned} a \\ b \end{aligned}"),
    (r"E = mc^2 \tag{1}", r"\begin{equation}E = mc^2 \tag{1}\end{equation}"),
    (
        r"a \tag*{A} \\ b",
        r"\begin{equation}\begin{gathered}a  \\ b\end{gathered}\tag*{A}\end{equation}",
    ),
    # Text.
    (r"\text{if $x > 0$}", r"\text{if }{x > 0}"),
    (r"\text{costs \$5}", r"\text{costs \$5}"),
    (r"\"{a} + \ss", r"\text{\"{a}} + \text{\ss}"),
    (r"\text{\"{a}}", r"\text{\"{a}}"),
    (r"\verb|x+y|", r"\texttt{x+y}"),
    (r'\char"41', "A"),
    (r"\char98", "b"),
    # Typed symbols and TeX primitives.
    ("∠A ∴ ∵", r"\angle A \therefore  \because "),
    (r"a\kern{1em}b", r"a\kern 1em b"),
    (r"\let\foo=x \foo", r"\def\foo{x} \foo"),
    (r"\edef\foo{x}", r"\def\foo{x}"),
    (r"\message{hi}x", "x"),
    (r"{a \above 1pt b}", r"{\genfrac{}{}{1pt}{}{a }{b}}"),
]


@pytest.mark.parametrize(("tex", "rewritten"), REWRITES)
def test_rewrite(tex, rewritten):
    assert rewrite(tex, True) == rewritten


def test_inline_tag_is_left_to_math_core():
    # KaTeX refuses \tag in inline math too.
    assert rewrite(r"x \tag{1}", False) == r"x \tag{1}"
    with pytest.raises(TexError, match="tag"):
        convert(r"x \tag{1}", False)


@pytest.mark.parametrize(
    ("tex", "mathml"),
    [
        (r"\colorbox{yellow}{A}", '<mrow style="background-color:#FFFF00;padding:0.3em">'),
        (r"\fcolorbox{red}{white}{A}", "padding:0.3em;border:0.04em solid #FF0000"),
        (r"\color{#93d8} x", '<mrow style="color:#9933DD88">'),
        (r"\rlap{x}", '<mpadded width="0"><mtext>x</mtext></mpadded>'),
        (r"\smash[b]{y}", '<mpadded depth="0"><mi>y</mi></mpadded>'),
        (r"\smash{y}", '<mpadded height="0" depth="0"><mi>y</mi></mpadded>'),
        (r"\rule{1em}{2pt}", '<mspace width="1em" height="2pt" style="background:currentColor"/>'),
        (r"\rule[1ex]{1em}{2pt}", '<mpadded voffset="1ex"><mspace width="1em"'),
        (r"\tiny x", '<mrow style="font-size:50%"><mi>x</mi></mrow>'),
        (r"{\Large x} y", '<mrow style="font-size:144%"><mi>x</mi></mrow><mi>y</mi>'),
        (r"\textcircled{a}", '<menclose notation="circle"><mtext>a</mtext></menclose>'),
        (r"a \\ b", "<mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr>"),
        (r"\blueA{x}", '<mrow style="color:#CCFAFF;"><mi>x</mi></mrow>'),
    ],
)
def test_mathml(tex, mathml):
    assert mathml in convert(tex, True)


def test_authors_marker_like_colour_is_kept():
    # #C0DE00 is the first marker colour; an author's own use of it stays a colour.
    assert 'style="color:#C0DE00"' in convert(r"\color{#C0DE00} x", False)
    both = convert(r"\color{#C0DE00} x \tiny y", False)
    assert 'style="color:#C0DE00"' in both
    assert 'style="font-size:50%"' in both


def test_macros_only_name_what_math_core_lacks():
    plain = math_core.LatexToMathML(fancy_error=False)
    for name in MACROS:
        with pytest.raises(math_core.LatexError, match="Unknown command"):
            plain.convert_with_local_state(f"\\{name}{{x}}{{y}}", displaystyle=False)


def test_error_names_the_command():
    with pytest.raises(TexError, match=r"\\nosuchcommand"):
        convert(r"a + \nosuchcommand", True)
    with pytest.raises(TexError, match="CD"):
        convert(r"\begin{CD} a @>>> b \end{CD}", True)
    # The position math-core gives counts in the rewritten text: left out when rewritten.
    with pytest.raises(TexError, match=r'^Unknown command "\\nosuchcommand"'):
        convert(r"\color{green} \nosuchcommand", True)


def test_untouched_formulas_skip_the_rewrite():
    plain = math_core.LatexToMathML(fancy_error=False)
    tex = r"\sum_{i=1}^n \frac{x_i}{\sqrt{n}}"
    assert convert(tex, True) == plain.convert_with_local_state(tex, displaystyle=True)
