"""KaTeX's LaTeX in front of math-core: Lumen's posts were written for KaTeX 0.16.

Most formulas go to math-core as written. Those that use something KaTeX reads one way and
math-core another (CSS colour names, hex colours, top-level line breaks) or not at all
(`alignat`, starred matrices, `\\tag` outside an environment, size switches, ...) are rewritten
first into LaTeX that math-core converts to the same drawing. What LaTeX cannot ask math-core
for (a background, a zero-width box, a rule) is a marker colour switch, which `_Rewrite.finish`
replaces by the MathML element or style wanted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import math_core

from mkdocs_perceptual.markdown.texdata import CSS_COLOURS, MACROS

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
# `\color[HTML]{C0DExx}` reaches the output as `<mrow style="color:#C0DExx;">`; xx numbers
# the markers of one formula.
_MARK_RE = re.compile(r'<mrow style="color:#C0DE([0-9A-F]{2});">')
_MROW_RE = re.compile(r"<(/?)mrow\b[^>]*?(/?)>")
_SIZES = {
    "tiny": 0.5, "scriptsize": 0.7, "footnotesize": 0.8, "small": 0.9, "normalsize": 1.0,
    "sixptsize": 0.6, "large": 1.2, "Large": 1.44, "LARGE": 1.728, "huge": 2.074, "Huge": 2.488,
}  # fmt: skip
_SIZE_RE = re.compile(r"\\(" + "|".join(_SIZES) + r")(?![A-Za-z])")
_LENGTH = re.compile(r"\s*(-?(?:\d+\.?\d*|\.\d+))\s*(em|ex|pt|px|cm|mm|in|pc)\s*")
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})|#([0-9A-Fa-f]{8}|[0-9A-Fa-f]{3,4})")
_MATRIX = {"matrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"),
           "Bmatrix": (r"\{", r"\}"), "vmatrix": ("|", "|"), "Vmatrix": (r"\|", r"\|")}  # fmt: skip
_TYPED = {
    "∠": r"\angle ", "∡": r"\measuredangle ", "∢": r"\sphericalangle ",
    "∴": r"\therefore ", "∵": r"\because ",
}  # fmt: skip
_TEXT_RE = re.compile(r"\\(?:text(?:bf|it|rm|sf|tt|normal|up|md)?|mbox|hbox)(?![A-Za-z])")
_COLOUR_RE = re.compile(r"\\(color|textcolor|colorbox|fcolorbox)\s*\{([^{}]*)\}")
_ENV_RE = re.compile(r"\\begin\{(alignat\*?|alignedat|split|smallmatrix|[pbBvV]?matrix\*)\}")
_BOX_RE = re.compile(
    r"\\(substack|textcircled|llap|rlap|clap|mathllap|mathrlap|mathclap|smash|rule)(?![A-Za-z])"
)
# KaTeX takes these text-mode commands in math too (it warns); math-core only in \text.
_TEXT_ONLY_RE = re.compile(
    r"\\(?:([\"'.=^`~]|(?:[Hcruv]|sout)(?![A-Za-z]))|(?:AA|aa|ss|ae|AE|oe|OE|o|O|i|j|L|l"
    r"|textregistered)(?![A-Za-z]))"
)
_CHAR_RE = re.compile(r"\\char\s*(?:\"([0-9A-Fa-f]+)|'([0-7]+)|(\d+)|`\\?(.))")
_VERB_RE = re.compile(r"\\verb\*?([^A-Za-z\s*])(.*?)\1")
_SKIP_RE = re.compile(r"\\(kern|mkern|mskip|hskip)\s*\{([^{}]*)\}")
_QUIET_RE = re.compile(r"\\(?:message|errmessage|show)(?![A-Za-z])")
_DEFINE_RE = re.compile(r"\\(edef|xdef|providecommand)(?![A-Za-z])|\\let\s*(\\[A-Za-z]+)\s*=?\s*")
_ABOVE_RE = re.compile(r"\{([^{}]*)\\above\s*(" + _LENGTH.pattern + r")([^{}]*)\}")
_SAFE = set("+-=()[]<>|/*!?.,;:'@ ")
_OPTION_RE = re.compile(r"\s*\[([^\]]*)\]")
_TOKEN_RE = re.compile(r"\\(?:begin|end)\{[^}]*\}|\\(?:[A-Za-z]+|.)|[{}]")


def css_colour(spec: str) -> str | None:
    """RRGGBB (RRGGBBAA with alpha) of a colour as KaTeX writes it to CSS, or None."""
    spec = spec.strip()
    if spec.lower() in CSS_COLOURS:
        return CSS_COLOURS[spec.lower()]
    match = _HEX.fullmatch(spec)
    if match is None:
        return None
    digits = match.group(1) or match.group(2)
    return (digits if len(digits) > 4 else "".join(c * 2 for c in digits)).upper()


def group_end(tex: str, start: int) -> int:
    """The index after the argument that begins at `start`: a braced group or one token."""
    while start < len(tex) and tex[start].isspace():
        start += 1
    if start >= len(tex) or tex[start] != "{":
        token = _TOKEN_RE.match(tex, start)
        return token.end() if token else min(start + 1, len(tex))
    depth = 0
    for token in _TOKEN_RE.finditer(tex, start):
        depth += {"{": 1, "}": -1}.get(token.group(), 0)
        if depth == 0:
            return token.end()
    return len(tex)


def _arg(tex: str, start: int) -> tuple[str, int]:
    """The argument at `start` without its braces, and the index after it."""
    end = group_end(tex, start)
    arg = tex[start:end].strip()
    return (arg[1:-1] if arg.startswith("{") and arg.endswith("}") else arg), end


def _option(tex: str, start: int) -> tuple[str | None, int]:
    match = _OPTION_RE.match(tex, start)
    return (match.group(1), match.end()) if match else (None, start)


class _Rewrite:
    """One formula's rewrite, and what each of its markers stands for."""

    def __init__(self) -> None:
        self.marks: list[Callable[[str], str]] = []

    def mark(self, finish: Callable[[str], str]) -> str:
        """A colour switch that `finish` turns into other MathML: it is given the marked
        <mrow> element and returns its replacement."""
        self.marks.append(finish)
        return rf"\color[HTML]{{C0DE{len(self.marks) - 1:02X}}}"

    def finish(self, mathml: str) -> str:
        position = 0
        while (match := _MARK_RE.search(mathml, position)) is not None:
            index = int(match.group(1), 16)
            end = _element_end(mathml, match.end())
            new = self.marks[index](mathml[match.start() : end])
            mathml = mathml[: match.start()] + new + mathml[end:]
            position = match.start()
        return mathml


def _element_end(mathml: str, after_open: int) -> int:
    depth = 1
    for match in _MROW_RE.finditer(mathml, after_open):
        if not match.group(2):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                return match.end()
    return len(mathml)


def _restyle(style: str) -> Callable[[str], str]:
    return lambda element: f'<mrow style="{style}">' + element[element.index(">") + 1 :]


def _constant(mathml: str) -> Callable[[str], str]:
    return lambda _element: mathml


def _retag(name: str, attributes: str) -> Callable[[str], str]:
    def finish(element: str) -> str:
        inner = element[element.index(">") + 1 : -len("</mrow>")]
        return f"<{name} {attributes}>{inner}</{name}>"

    return finish


def _text_spans(tex: str) -> list[tuple[int, int]]:
    return [(m.start(), group_end(tex, m.end())) for m in _TEXT_RE.finditer(tex)]


def _outside_text(tex: str, pattern: re.Pattern[str], new: Callable[[re.Match[str]], str]) -> str:
    spans = _text_spans(tex)

    def replace(match: re.Match[str]) -> str:
        inside = any(start < match.start() < end for start, end in spans)
        return match.group() if inside else new(match)

    return pattern.sub(replace, tex)


def _switch(rw: _Rewrite, rgb: str) -> str:
    if len(rgb) == 6 and not rgb.startswith("C0DE"):
        return rf"\color[HTML]{{{rgb}}}"
    # With alpha, which \color[HTML] cannot take, or the author's own colour #C0DExx, which
    # `finish` would take for a marker.
    return rw.mark(_restyle(f"color:#{rgb}"))


def _colours(tex: str, rw: _Rewrite) -> str:
    out: list[str] = []
    pos = 0
    while (match := _COLOUR_RE.search(tex, pos)) is not None:
        command, rgb, frame = match.group(1), css_colour(match.group(2)), None
        out.append(tex[pos : match.start()])
        pos = match.end()
        if command == "fcolorbox":
            frame, (spec, pos) = rgb, _arg(tex, pos)
            rgb = css_colour(spec)
        if rgb is None or (command == "fcolorbox" and frame is None):
            out.append(tex[match.start() : pos])  # a colour CSS does not know: math-core says
            continue
        if command == "color":
            out.append(_switch(rw, rgb))
            continue
        body, pos = _arg(tex, pos)
        body = _colours(body, rw)
        if command == "textcolor":
            out.append("{" + _switch(rw, rgb) + " " + body + "}")
            continue
        border = f";border:0.04em solid #{frame}" if frame else ""
        style = f"background-color:#{rgb};padding:0.3em{border}"
        out.append("{" + rw.mark(_restyle(style)) + r"\text{" + body + "}}")
    return "".join(out) + tex[pos:]


def _text_math(tex: str) -> str:
    """`\\text{if $x > 0$}` as text and math side by side: math-core has no math in text."""
    out: list[str] = []
    pos = 0
    for match in _TEXT_RE.finditer(tex):
        if match.start() < pos:
            continue
        body, end = _arg(tex, match.end())
        pieces = re.split(r"(?<!\\)\$", body)
        if len(pieces) == 1:
            continue
        out.append(tex[pos : match.start()])
        for i, piece in enumerate(pieces):
            if i % 2:
                out.append("{" + piece + "}")
            elif piece:
                out.append(match.group() + "{" + piece + "}")
        pos = end
    return "".join(out) + tex[pos:]


def _environments(tex: str) -> str:
    """KaTeX environments math-core lacks, as the nearest ones it has."""
    while (match := _ENV_RE.search(tex)) is not None:
        name, start = match.group(1), match.end()
        end_tag = "\\end{" + name + "}"
        close = tex.find(end_tag, start)
        if close < 0:
            break
        if name.startswith("align"):
            _, start = _arg(tex, start)  # the number of column pairs
        option = None
        if name.endswith("matrix*"):
            option, start = _option(tex, start)
        body = tex[start:close]
        if name == "split" or name == "alignedat":
            new = r"\begin{aligned}" + body + r"\end{aligned}"
        elif name.startswith("alignat"):
            env = name.replace("alignat", "align")
            new = rf"\begin{{{env}}}{body}\end{{{env}}}"
        elif name == "smallmatrix":
            new = r"{\scriptstyle\begin{matrix}" + body + r"\end{matrix}}"
        elif option is None or option.strip() == "c":
            env = name[:-1]
            new = rf"\begin{{{env}}}{body}\end{{{env}}}"
        else:
            left, right = _MATRIX[name[:-1]]
            columns = 1 + max(row.count("&") for row in body.split("\\\\"))
            array = rf"\begin{{array}}{{{option.strip() * columns}}}{body}\end{{array}}"
            new = rf"\left{left}{array}\right{right}" if left else array
        tex = tex[: match.start()] + new + tex[close + len(end_tag) :]
    return tex


def _length(spec: str | None) -> str | None:
    match = _LENGTH.fullmatch(spec or "")
    return f"{float(match.group(1)):g}{match.group(2)}" if match else None


def _boxes(tex: str, rw: _Rewrite) -> str:
    """Overlaps, \\smash, \\rule and \\substack."""
    out: list[str] = []
    pos = 0
    while (match := _BOX_RE.search(tex, pos)) is not None:
        out.append(tex[pos : match.start()])
        name = match.group(1)
        option, pos = _option(tex, match.end())
        body, pos = _arg(tex, pos)
        if name == "rule":
            height, pos = _arg(tex, pos)
            width, tall, lift = _length(body), _length(height), _length(option)
            if width is None or tall is None or (option is not None and lift is None):
                out.append(tex[match.start() : pos])
                continue
            rule = f'<mspace width="{width}" height="{tall}" style="background:currentColor"/>'
            if lift:
                rule = f'<mpadded voffset="{lift}">{rule}</mpadded>'
            out.append("{" + rw.mark(_constant(rule)) + "}")
            continue
        body = _boxes(body, rw)
        if name == "substack":
            out.append(r"\begin{subarray}{c}" + body + r"\end{subarray}")
            continue
        if name == "textcircled":
            circle = 'notation="circle"'
            out.append("{" + rw.mark(_retag("menclose", circle)) + r" \text{" + body + "}}")
            continue
        if name == "smash":
            smash = {"t": 'height="0"', "b": 'depth="0"'}.get(option or "", 'height="0" depth="0"')
            out.append("{" + rw.mark(_retag("mpadded", smash)) + " " + body + "}")
            continue
        # Overlaps are drawn as \rlap: zero width, ink to the right.
        content = body if name.startswith("math") else r"\text{" + body + "}"
        out.append("{" + rw.mark(_retag("mpadded", 'width="0"')) + " " + content + "}")
    return "".join(out) + tex[pos:]


def _lines(tex: str, display: bool) -> str:
    """Top-level `\\\\` and `\\newline` as rows (KaTeX breaks the line there; math-core
    would drop them), and a lone display `\\tag` in the numbered environment it needs."""
    depth, breaks, tag = 0, [], None
    for token in _TOKEN_RE.finditer(tex):
        text = token.group()
        if text in ("{", r"\left") or text.startswith(r"\begin{"):
            depth += 1
        elif text in ("}", r"\right") or text.startswith(r"\end{"):
            depth -= 1
        elif depth == 0 and text in ("\\\\", r"\newline"):
            breaks.append(token.span())
        elif depth == 0 and text == r"\tag" and display and tag is None:
            star = tex.startswith("*", token.end())
            tag = (token.start(), group_end(tex, token.end() + star))
    label = ""
    if tag is not None:
        label = tex[tag[0] : tag[1]]
        tex = tex[: tag[0]] + tex[tag[1] :]
        breaks = [(s - len(label), e - len(label)) if s > tag[0] else (s, e) for s, e in breaks]
    if breaks:
        edges = [0, *(i for span in breaks for i in span), len(tex)]
        rows = [tex[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2)]
        while len(rows) > 1 and not rows[-1].strip():
            rows.pop()  # KaTeX draws no empty last line
        tex = (
            rows[0]
            if len(rows) == 1
            else r"\begin{gathered}" + "\\\\".join(rows) + r"\end{gathered}"
        )
    if label:
        tex = r"\begin{equation}" + tex + label + r"\end{equation}"
    return tex


def _text_only(tex: str) -> str:
    """Text accents and letters written in math (`\\"{a}`, `\\ss`) inside a \\text."""
    spans = _text_spans(tex)
    out: list[str] = []
    pos = 0
    for match in _TEXT_ONLY_RE.finditer(tex):
        if match.start() < pos or any(s < match.start() < e for s, e in spans):
            continue
        if match.start() and tex[match.start() - 1] == "\\":
            continue  # the second half of a `\\`
        end = group_end(tex, match.end()) if match.group(1) else match.end()
        out += [tex[pos : match.start()], r"\text{", tex[match.start() : end], "}"]
        pos = end
    return "".join(out) + tex[pos:]


def _char(match: re.Match[str]) -> str:
    hexadecimal, octal, decimal, quoted = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(octal, 8) if octal else int(decimal or 0)
    char = quoted or chr(min(code, 0x10FFFF))
    return char if char.isalnum() or char in _SAFE else match.group()


def _verb(match: re.Match[str]) -> str:
    text = match.group(2)
    return (
        r"\texttt{" + text + "}" if all(c.isalnum() or c in _SAFE for c in text) else match.group()
    )


def _definitions(tex: str) -> str:
    """The TeX definitions math-core lacks, as \\def and \\newcommand."""
    out: list[str] = []
    pos = 0
    for match in _DEFINE_RE.finditer(tex):
        if match.start() < pos:
            continue
        out.append(tex[pos : match.start()])
        pos = match.end()
        if match.group(1):
            command = {"edef": r"\def", "xdef": r"\gdef", "providecommand": r"\newcommand"}
            out.append(command[match.group(1)])
        else:
            end = group_end(tex, pos)
            out.append(r"\def" + match.group(2) + "{" + tex[pos:end] + "}")
            pos = end
    return "".join(out) + tex[pos:]


def _above(match: re.Match[str]) -> str:
    """`{a \\above 1pt b}`, TeX's infix fraction, as the \\genfrac math-core has."""
    return rf"{{\genfrac{{}}{{}}{{{_length(match[2])}}}{{}}{{{match[1]}}}{{{match[5]}}}}}"


def _quiet(tex: str) -> str:
    """\\message and \\show print to KaTeX's console and draw nothing."""
    while (match := _QUIET_RE.search(tex)) is not None:
        tex = tex[: match.start()] + tex[group_end(tex, match.end()) :]
    return tex


_TYPED_RE = re.compile("[∠∡∢∴∵]")
_POSITION_RE = re.compile(r"^\d+:\s*")
_ROW_SPACE_RE = re.compile(r"\\\\\s*\[" + _LENGTH.pattern + r"\]")


def rewrite(tex: str, display: bool, rw: _Rewrite | None = None) -> str:
    """The formula in LaTeX that math-core reads as KaTeX reads the original."""
    rw = rw or _Rewrite()
    # Each step only where it can apply: formulas with `\\` or `\text` are common.
    if _TYPED_RE.search(tex):
        tex = _outside_text(tex, _TYPED_RE, lambda m: _TYPED[m.group()])
    if "\\\\" in tex:
        tex = _ROW_SPACE_RE.sub(r"\\\\", tex)  # math-core prints the [2pt] of \\[2pt] as text
    if "\\verb" in tex:
        tex = _VERB_RE.sub(_verb, tex)
    if "\\char" in tex:
        tex = _CHAR_RE.sub(_char, tex)
    if "kern" in tex or "skip" in tex:
        tex = _SKIP_RE.sub(r"\\\1 \2 ", tex)
    if "\\message" in tex or "\\errmessage" in tex or "\\show" in tex:
        tex = _quiet(tex)
    if "def" in tex or "\\let" in tex or "\\providecommand" in tex:
        tex = _definitions(tex)
    if "\\above" in tex:
        tex = _ABOVE_RE.sub(_above, tex)
    if "color" in tex:
        tex = _colours(tex, rw)
    if "$" in tex:
        tex = _text_math(tex)
    if _TEXT_ONLY_RE.search(tex):
        tex = _text_only(tex)
    if _ENV_RE.search(tex):
        tex = _environments(tex)
    if _BOX_RE.search(tex):
        tex = _boxes(tex, rw)
    if _SIZE_RE.search(tex):
        tex = _outside_text(tex, _SIZE_RE, lambda m: rw.mark(_restyle(_size(m.group(1)))))
    if "\\\\" in tex or "\\newline" in tex or (display and "\\tag" in tex):
        tex = _lines(tex, display)
    return tex


def _size(name: str) -> str:
    return f"font-size:{_SIZES[name] * 100:g}%"


def convert(tex: str, display: bool) -> str:
    """MathML Core for one formula written for KaTeX; TexError when it does not convert."""
    rw = None
    if _TRIGGER.search(tex):
        rw = _Rewrite()
        tex = rewrite(tex, display, rw)
    try:
        mathml = str(_converter.convert_with_local_state(tex, displaystyle=display))
    except math_core.LatexError as e:
        reason = str(e).strip() or "not valid LaTeX"
        # math-core's "12: ..." counts in the text it was given, which the author did not
        # write when the formula was rewritten; the reason still names the command.
        raise TexError(_POSITION_RE.sub("", reason) if rw else reason) from e
    return rw.finish(mathml) if rw is not None and rw.marks else mathml
