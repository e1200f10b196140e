"""The rewrites that make a formula written for KaTeX one that math-core draws the same:
colours, `\\text` with math inside, `\\char`, `\\verb`, definitions, `\\above`, typed symbols;
`rewrite` applies those a formula needs, with the layout rewrites of `texlayout`."""

from __future__ import annotations

import re

from mkdocs_perceptual.markdown.texlayout import (
    BOX_RE,
    ENV_RE,
    SIZE_RE,
    boxes,
    environments,
    line_breaks,
    size_style,
)
from mkdocs_perceptual.markdown.texscan import (
    LENGTH_RE,
    TEXT_RE,
    Rewrite,
    argument,
    css_colour,
    css_length,
    group_end,
    outside_text,
    restyle,
    text_spans,
)

_TYPED = {
    "∠": r"\angle ", "∡": r"\measuredangle ", "∢": r"\sphericalangle ",
    "∴": r"\therefore ", "∵": r"\because ",
}  # fmt: skip


_COLOUR_RE = re.compile(r"\\(color|textcolor|colorbox|fcolorbox)\s*\{([^{}]*)\}")


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


_ABOVE_RE = re.compile(r"\{([^{}]*)\\above\s*(" + LENGTH_RE.pattern + r")([^{}]*)\}")


_SAFE = set("+-=()[]<>|/*!?.,;:'@ ")


def _switch(rw: Rewrite, rgb: str) -> str:
    if len(rgb) == 6 and not rgb.startswith("C0DE"):
        return rf"\color[HTML]{{{rgb}}}"
    # With alpha, which \color[HTML] cannot take, or the author's own colour #C0DExx, which
    # `finish` would take for a marker.
    return rw.mark(restyle(f"color:#{rgb}"))


def _colours(tex: str, rw: Rewrite) -> str:
    out: list[str] = []
    pos = 0
    while (match := _COLOUR_RE.search(tex, pos)) is not None:
        command, rgb, frame = match.group(1), css_colour(match.group(2)), None
        out.append(tex[pos : match.start()])
        pos = match.end()
        if command == "fcolorbox":
            frame, (spec, pos) = rgb, argument(tex, pos)
            rgb = css_colour(spec)
        if rgb is None or (command == "fcolorbox" and frame is None):
            out.append(tex[match.start() : pos])  # a colour CSS does not know: math-core says
            continue
        if command == "color":
            out.append(_switch(rw, rgb))
            continue
        body, pos = argument(tex, pos)
        body = _colours(body, rw)
        if command == "textcolor":
            out.append("{" + _switch(rw, rgb) + " " + body + "}")
            continue
        border = f";border:0.04em solid #{frame}" if frame else ""
        style = f"background-color:#{rgb};padding:0.3em{border}"
        out.append("{" + rw.mark(restyle(style)) + r"\text{" + body + "}}")
    return "".join(out) + tex[pos:]


def _text_math(tex: str) -> str:
    """`\\text{if $x > 0$}` as text and math side by side: math-core has no math in text."""
    out: list[str] = []
    pos = 0
    for match in TEXT_RE.finditer(tex):
        if match.start() < pos:
            continue
        body, end = argument(tex, match.end())
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


def _text_only(tex: str) -> str:
    """Text accents and letters written in math (`\\"{a}`, `\\ss`) inside a \\text."""
    spans = text_spans(tex)
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
    return rf"{{\genfrac{{}}{{}}{{{css_length(match[2])}}}{{}}{{{match[1]}}}{{{match[5]}}}}}"


def _quiet(tex: str) -> str:
    """\\message and \\show print to KaTeX's console and draw nothing."""
    while (match := _QUIET_RE.search(tex)) is not None:
        tex = tex[: match.start()] + tex[group_end(tex, match.end()) :]
    return tex


_TYPED_RE = re.compile("[∠∡∢∴∵]")


_ROW_SPACE_RE = re.compile(r"\\\\\s*\[" + LENGTH_RE.pattern + r"\]")


def rewrite(tex: str, display: bool, rw: Rewrite | None = None) -> str:
    """The formula in LaTeX that math-core reads as KaTeX reads the original."""
    rw = rw or Rewrite()
    # Each step only where it can apply: formulas with `\\` or `\text` are common.
    if _TYPED_RE.search(tex):
        tex = outside_text(tex, _TYPED_RE, lambda m: _TYPED[m.group()])
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
    if ENV_RE.search(tex):
        tex = environments(tex)
    if BOX_RE.search(tex):
        tex = boxes(tex, rw)
    if SIZE_RE.search(tex):
        tex = outside_text(tex, SIZE_RE, lambda m: rw.mark(restyle(size_style(m.group(1)))))
    if "\\\\" in tex or "\\newline" in tex or (display and "\\tag" in tex):
        tex = line_breaks(tex, display)
    return tex
