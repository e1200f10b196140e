"""The rewrites of a formula's layout for math-core: environments KaTeX has and math-core
lacks (`alignat`, `split`, starred and small matrices), boxes and rules (`\\llap`, `\\smash`,
`\\rule`, `\\colorbox`), top-level line breaks and tags, and size switches."""

from __future__ import annotations

import re

from mkdocs_perceptual.markdown.texscan import (
    TOKEN_RE,
    Rewrite,
    argument,
    constant_mathml,
    css_length,
    group_end,
    optional_argument,
    retag,
)

_SIZES = {
    "tiny": 0.5, "scriptsize": 0.7, "footnotesize": 0.8, "small": 0.9, "normalsize": 1.0,
    "sixptsize": 0.6, "large": 1.2, "Large": 1.44, "LARGE": 1.728, "huge": 2.074, "Huge": 2.488,
}  # fmt: skip


SIZE_RE = re.compile(r"\\(" + "|".join(_SIZES) + r")(?![A-Za-z])")


_MATRIX = {"matrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"),
           "Bmatrix": (r"\{", r"\}"), "vmatrix": ("|", "|"), "Vmatrix": (r"\|", r"\|")}  # fmt: skip


ENV_RE = re.compile(r"\\begin\{(alignat\*?|alignedat|split|smallmatrix|[pbBvV]?matrix\*)\}")


BOX_RE = re.compile(
    r"\\(substack|textcircled|llap|rlap|clap|mathllap|mathrlap|mathclap|smash|rule)(?![A-Za-z])"
)


def environments(tex: str) -> str:
    """KaTeX environments math-core lacks, as the nearest ones it has."""
    while (match := ENV_RE.search(tex)) is not None:
        name, start = match.group(1), match.end()
        end_tag = "\\end{" + name + "}"
        close = tex.find(end_tag, start)
        if close < 0:
            break
        if name.startswith("align"):
            _, start = argument(tex, start)  # the number of column pairs
        option = None
        if name.endswith("matrix*"):
            option, start = optional_argument(tex, start)
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


def boxes(tex: str, rw: Rewrite) -> str:
    """Overlaps, \\smash, \\rule and \\substack."""
    out: list[str] = []
    pos = 0
    while (match := BOX_RE.search(tex, pos)) is not None:
        out.append(tex[pos : match.start()])
        name = match.group(1)
        option, pos = optional_argument(tex, match.end())
        body, pos = argument(tex, pos)
        if name == "rule":
            height, pos = argument(tex, pos)
            width, tall, lift = css_length(body), css_length(height), css_length(option)
            if width is None or tall is None or (option is not None and lift is None):
                out.append(tex[match.start() : pos])
                continue
            rule = f'<mspace width="{width}" height="{tall}" style="background:currentColor"/>'
            if lift:
                rule = f'<mpadded voffset="{lift}">{rule}</mpadded>'
            out.append("{" + rw.mark(constant_mathml(rule)) + "}")
            continue
        body = boxes(body, rw)
        if name == "substack":
            out.append(r"\begin{subarray}{c}" + body + r"\end{subarray}")
            continue
        if name == "textcircled":
            circle = 'notation="circle"'
            out.append("{" + rw.mark(retag("menclose", circle)) + r" \text{" + body + "}}")
            continue
        if name == "smash":
            smash = {"t": 'height="0"', "b": 'depth="0"'}.get(option or "", 'height="0" depth="0"')
            out.append("{" + rw.mark(retag("mpadded", smash)) + " " + body + "}")
            continue
        # Overlaps are drawn as \rlap: zero width, ink to the right.
        content = body if name.startswith("math") else r"\text{" + body + "}"
        out.append("{" + rw.mark(retag("mpadded", 'width="0"')) + " " + content + "}")
    return "".join(out) + tex[pos:]


def line_breaks(tex: str, display: bool) -> str:
    """Top-level `\\\\` and `\\newline` as rows (KaTeX breaks the line there; math-core
    would drop them), and a lone display `\\tag` in the numbered environment it needs."""
    depth, breaks, tag = 0, [], None
    for token in TOKEN_RE.finditer(tex):
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


def size_style(name: str) -> str:
    return f"font-size:{_SIZES[name] * 100:g}%"
