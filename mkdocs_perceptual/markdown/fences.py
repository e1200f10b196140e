"""Gatsby's Prism fence syntax -> SuperFences options. Pure text in, text out.

Lumen posts highlight lines with ```js{1,3-5}, number them with ```js{numberLines: 5},
and mark lines with `// highlight-line`, `// highlight-next-line` and
`// highlight-start` ... `// highlight-end` comments, which Prism removes from the output.
SuperFences does not read that fence info, so these fences are rewritten to
```js hl_lines="1 3 4 5" linenums="5" before Python-Markdown sees them.
"""

from __future__ import annotations

import re

# The info string is stripped in Python: `[ \t]*(?P<info>.*?)[ \t]*$` backtracks quadratically
# on a long run of spaces.
_OPEN_RE = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)")
# remark splits "js {2}" into lang "js" and meta "{2}"; gatsby-remark-prismjs joins them again.
_PRISM_INFO_RE = re.compile(
    r"^(?P<lang>[\w#+.-]+)[ \t]*(?P<groups>(?:\{[^{}]*\}[ \t]*)+)(?P<rest>.*)$"
)
_LANG_RE = re.compile(r"[\w#+.-]+")
_GROUP_RE = re.compile(r"\{([^{}]*)\}")
_RANGES_RE = re.compile(r"^\s*\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*\s*$")
_DIRECTIVE = r"highlight-(?:line|next-line|start|end)"
# The comment forms gatsby-remark-prismjs recognises, at the end of a line.
_DIRECTIVE_RE = re.compile(
    rf"""(?:
        (?://|\#|--|;)\s*(?P<a>{_DIRECTIVE})
      | /\*\s*(?P<b>{_DIRECTIVE})\s*\*/
      | <!--\s*(?P<c>{_DIRECTIVE})\s*-->
      | \{{/\*\s*(?P<d>{_DIRECTIVE})\s*\*/\}}
    )\s*$""",
    re.VERBOSE,
)


def _ranges(text: str, last: int) -> set[int]:
    """The lines `1,3-5` names, clamped to the block's `last` line: `1-999999999` must not
    build a set of a billion numbers."""
    lines: set[int] = set()
    for part in text.split(","):
        start, _, end = part.strip().partition("-")
        lines.update(range(max(1, int(start)), min(int(end or start), last) + 1))
    return lines


def _options(text: str) -> dict[str, str]:
    options = {}
    for pair in text.split(","):
        key, _, value = pair.partition(":")
        options[key.strip()] = value.strip().strip("'\"")
    return options


def _directives(body: list[str]) -> tuple[list[str], set[int]]:
    """The code lines without highlight comments, and the (1-based) lines they mark."""
    kept: list[str] = []
    marked: set[int] = set()
    next_line = in_range = False
    for line in body:
        m = _DIRECTIVE_RE.search(line)
        if m is None:
            kept.append(line)
            if next_line or in_range:
                marked.add(len(kept))
            next_line = False
            continue
        kind = m["a"] or m["b"] or m["c"] or m["d"]
        code = line[: m.start()].rstrip()
        if code.strip():
            kept.append(code)
            if kind == "highlight-line" or in_range or next_line:
                marked.add(len(kept))
        next_line = kind == "highlight-next-line"
        in_range = kind == "highlight-start" or (in_range and kind != "highlight-end")
    return kept, marked


def _open_line(indent: str, fence: str, lang: str, rest: str, marked: set[int], start: str) -> str:
    parts = [f"{indent}{fence}{lang}"]
    if marked:
        parts.append('hl_lines="' + " ".join(str(n) for n in sorted(marked)) + '"')
    if start:
        parts.append(f'linenums="{start}"')
    if rest:
        parts.append(rest)
    return " ".join(parts)


def _rewrite(indent: str, fence: str, info: str, body: list[str]) -> tuple[str, list[str]]:
    """The opening line and body of one fence, in SuperFences' terms."""
    unchanged = (f"{indent}{fence}{info}", body)
    info = info.strip(" \t")
    m = _PRISM_INFO_RE.match(info)
    if m:
        lang, groups, rest = m["lang"], _GROUP_RE.findall(m["groups"]), m["rest"]
    else:
        lang, _, rest = info.partition(" ")
        groups = []
        if not _LANG_RE.fullmatch(lang):
            return unchanged  # no language: Prism left it alone, and so do we
    marked: set[int] = set()
    start = ""
    for group in groups:
        if _RANGES_RE.match(group):
            marked |= _ranges(group, len(body))
        elif ":" in group:
            number = _options(group).get("numberLines", "false")
            if number == "true":
                start = "1"
            elif number.isdigit() and len(number) <= 9:
                start = number
    kept, by_comment = _directives(body)
    if not groups and not by_comment:
        return unchanged
    return _open_line(indent, fence, lang, rest.strip(), marked | by_comment, start), kept


def rewrite_fences(markdown: str) -> str:
    """The page's Markdown with every Prism-style fence rewritten for SuperFences."""
    if "```" not in markdown and "~~~" not in markdown:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _OPEN_RE.fullmatch(lines[i])
        if m is None or (m["fence"][0] == "`" and "`" in m["info"]):
            out.append(lines[i])
            i += 1
            continue
        indent, fence = m["indent"], m["fence"]
        # A closing fence may be indented up to 3 spaces more than the opening one (CommonMark).
        most = len(indent) + 3
        close_re = re.compile(rf"[ \t]{{0,{most}}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*")
        end = next((j for j in range(i + 1, len(lines)) if close_re.fullmatch(lines[j])), None)
        if end is None:  # an unclosed fence runs to the end; leave it to Markdown
            out.extend(lines[i:])
            break
        opening, body = _rewrite(indent, fence, m["info"], lines[i + 1 : end])
        out.append(opening)
        out.extend(body)
        out.append(lines[end])
        i = end + 1
    return "\n".join(out)
