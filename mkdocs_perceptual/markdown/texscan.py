"""Reading LaTeX as KaTeX groups it, for the rewrites of `texrewrite`: a group's end, an
argument, an option, text spans, CSS colours, and the marker colour switches that stand for
what LaTeX cannot ask math-core for (`Rewrite`), replaced in the MathML afterwards."""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs_perceptual.markdown.texdata import CSS_COLOURS

# `\color[HTML]{C0DExx}` reaches the output as `<mrow style="color:#C0DExx;">`; xx numbers
# the markers of one formula.
_MARK_RE = re.compile(r'<mrow style="color:#C0DE([0-9A-F]{2});">')


_MROW_RE = re.compile(r"<(/?)mrow\b[^>]*?(/?)>")


LENGTH_RE = re.compile(r"\s*(-?(?:\d+\.?\d*|\.\d+))\s*(em|ex|pt|px|cm|mm|in|pc)\s*")


_HEX = re.compile(r"#?([0-9A-Fa-f]{6})|#([0-9A-Fa-f]{8}|[0-9A-Fa-f]{3,4})")


TEXT_RE = re.compile(r"\\(?:text(?:bf|it|rm|sf|tt|normal|up|md)?|mbox|hbox)(?![A-Za-z])")


_OPTION_RE = re.compile(r"\s*\[([^\]]*)\]")


TOKEN_RE = re.compile(r"\\(?:begin|end)\{[^}]*\}|\\(?:[A-Za-z]+|.)|[{}]")


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
        token = TOKEN_RE.match(tex, start)
        return token.end() if token else min(start + 1, len(tex))
    depth = 0
    for token in TOKEN_RE.finditer(tex, start):
        depth += {"{": 1, "}": -1}.get(token.group(), 0)
        if depth == 0:
            return token.end()
    return len(tex)


def argument(tex: str, start: int) -> tuple[str, int]:
    """The argument at `start` without its braces, and the index after it."""
    end = group_end(tex, start)
    arg = tex[start:end].strip()
    return (arg[1:-1] if arg.startswith("{") and arg.endswith("}") else arg), end


def optional_argument(tex: str, start: int) -> tuple[str | None, int]:
    match = _OPTION_RE.match(tex, start)
    return (match.group(1), match.end()) if match else (None, start)


class Rewrite:
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


def restyle(style: str) -> Callable[[str], str]:
    return lambda element: f'<mrow style="{style}">' + element[element.index(">") + 1 :]


def constant_mathml(mathml: str) -> Callable[[str], str]:
    return lambda _element: mathml


def retag(name: str, attributes: str) -> Callable[[str], str]:
    def finish(element: str) -> str:
        inner = element[element.index(">") + 1 : -len("</mrow>")]
        return f"<{name} {attributes}>{inner}</{name}>"

    return finish


def text_spans(tex: str) -> list[tuple[int, int]]:
    return [(m.start(), group_end(tex, m.end())) for m in TEXT_RE.finditer(tex)]


def outside_text(tex: str, pattern: re.Pattern[str], new: Callable[[re.Match[str]], str]) -> str:
    spans = text_spans(tex)

    def replace(match: re.Match[str]) -> str:
        inside = any(start < match.start() < end for start, end in spans)
        return match.group() if inside else new(match)

    return pattern.sub(replace, tex)


def css_length(spec: str | None) -> str | None:
    match = LENGTH_RE.fullmatch(spec or "")
    return f"{float(match.group(1)):g}{match.group(2)}" if match else None
