"""The `compact_html` option: a page's markup without the indentation the theme's templates
write around its content. Material indents every navigation item, so about a fifth of a
post's page is spaces at the start of lines.

What goes is the whitespace after a line break (indentation, blank lines), outside the
elements whose whitespace is kept (`pre`, `code`, `kbd`, `samp`, `textarea`, `script`, `style`):
under `white-space: normal` and `nowrap`, which the themes' markup around the content has, a
run of whitespace holding a line break renders as that one line break does. (Under
`pre-line` blank lines would count; neither Material nor MkDocs' themes style their markup so,
and `compact_html: false` keeps it as written.) The page's own content (what its Markdown
became, as the theme is handed it) is left byte for byte: its raw HTML may style whitespace
any way it likes."""

from __future__ import annotations

import re

# Elements whose whitespace is kept, whole, with what they hold.
_KEPT = re.compile(
    r"<(pre|code|kbd|samp|textarea|script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
# A line break and the whitespace after it (more line breaks, spaces, tabs).
_INDENT = re.compile(r"\n[ \t\r\n\f]+")


def compact(html: str, content: str | None) -> str:
    """`html` (a whole page) without the indentation and blank lines outside `content` (the
    page's content as the page holds it) and the kept elements. Where `content` is not found
    whole in the page (another plugin changed it), the page is left as it is."""
    if content:
        at = html.find(content)
        if at < 0:
            return html
        end = at + len(content)
        return _compact_markup(html[:at]) + content + _compact_markup(html[end:])
    return _compact_markup(html)


def _compact_markup(markup: str) -> str:
    parts = []
    done = 0
    for kept in _KEPT.finditer(markup):
        parts.append(_INDENT.sub("\n", markup[done : kept.start()]))
        parts.append(kept.group())
        done = kept.end()
    parts.append(_INDENT.sub("\n", markup[done:]))
    return "".join(parts)
