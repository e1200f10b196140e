"""A blog's own URL code, read without running it: the Lumen starter built a post's URL in
`gatsby/on-create-node.js` (or `gatsby-node.js`) from its `slug`, or, without one, from its
file's path (`createFilePath`). Some blogs changed that code, for example to
`/${moment(date).format('YYYY/MM')}/${kebabCase(title)}` for posts without a slug: their
URLs and feed guids are not Lumen's. This finds such code, names the file, and where it
recognises the pattern gives the `post_url_format` that publishes the same URLs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from mkdocs_perceptual.lumen.frontmatter import read_post
from mkdocs_perceptual.lumen.post import FrontMatterError

# Where the starter's generations kept their node code.
PLACES = ("gatsby-node.js", "gatsby-node.ts", "gatsby/*.js", "gatsby/*.ts", "internal/gatsby/*")
_MAX_BYTES = 1 << 20
# `createNodeField({ node, name: 'slug', value: ... })`.
_CALL_RE = re.compile(r"createNodeField\s*\(\s*\{")
_NAME_RE = re.compile(r"\bname\s*:\s*['\"`](?:slug|path)['\"`]")
_VALUE_RE = re.compile(r"\bvalue\b\s*(:)?")
# The starter's own values: the file's path, or the slug as written / under its folder.
_LUMEN_VALUES = (
    re.compile(r"^value$"),
    re.compile(r"createFilePath\s*\("),
    re.compile(r"^`?/?\$\{\s*dirname\s*\}/\$\{\s*node\.frontmatter\.slug\s*\}`?$"),
    re.compile(r"^(?:node\.)?frontmatter\.(?:slug|path)$"),
    re.compile(r"^slug$"),
)
# Pieces of a template literal this recognises, and their placeholders.
_PIECES = (
    (re.compile(r"format\(\s*['\"]YYYY/MM/DD['\"]\s*\)"), "{year}/{month}/{day}"),
    (re.compile(r"format\(\s*['\"]YYYY/MM['\"]\s*\)"), "{year}/{month}"),
    (re.compile(r"format\(\s*['\"]YYYY['\"]\s*\)"), "{year}"),
    (re.compile(r"kebabCase\(\s*[\w.]*frontmatter\.title\s*\)"), "{title}"),
    (re.compile(r"kebabCase\(\s*[\w.]*frontmatter\.category\s*\)"), "{category}"),
)


@dataclasses.dataclass(frozen=True)
class UrlCode:
    """A file whose URL code differs from the starter's."""

    file: str  # relative to the repository
    line: int
    code: str  # the value as written, shortened
    url_format: str | None  # the post_url_format that gives the same URLs, if recognised


def _candidates(root: Path) -> list[Path]:
    found: list[Path] = []
    inside = root.resolve()
    for pattern in PLACES:
        for path in sorted(root.glob(pattern)):
            # Only regular files inside the repository: a link out of it is not read.
            real = path.resolve()
            if (
                real.is_relative_to(inside)
                and path.is_file()
                and not path.is_symlink()
                and path.stat().st_size <= _MAX_BYTES
            ):
                found.append(path)
    return found


def _until_close(text: str, start: int, *, comma: bool = True) -> str:
    """The text from `start` to the first closing bracket at its own depth (or `,`, with
    `comma`), strings and template literals (with their `${...}`) skipped whole."""
    depth, i, quote = 0, start, ""
    stack: list[str] = []
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if quote == "`" and text.startswith("${", i):
                stack.append("`")
                quote = ""
                depth += 1
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
            stack.append(ch)
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
            if stack and stack.pop() == "`":
                quote = "`"
        elif ch == "," and depth == 0 and comma:
            break
        i += 1
    return text[start:i].strip()


def translate(value: str) -> str | None:
    """The post_url_format of a template literal made of recognised pieces, or None."""
    value = value.strip()
    if not (value.startswith("`") and value.endswith("`")):
        return None
    out, rest = [], value[1:-1]
    for m in re.finditer(r"\$\{((?:[^{}]|\{[^{}]*\})*)\}|([^$]+)", rest):
        if m[2] is not None:
            if not re.fullmatch(r"[/A-Za-z0-9._-]+", m[2]):
                return None
            out.append(m[2])
            continue
        piece = next((p for pattern, p in _PIECES if pattern.search(m[1])), None)
        if piece is None:
            return None
        out.append(piece)
    made = "".join(out)
    return made if made.startswith("/") and "{" in made else None


def find(root: Path) -> list[UrlCode]:
    """The repository's URL code that differs from the starter's."""
    found = []
    for path in _candidates(root):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for m in _CALL_RE.finditer(text):
            body = _until_close(text, m.end(), comma=False)
            if not _NAME_RE.search(body) or (v := _VALUE_RE.search(body)) is None:
                continue
            value = " ".join((_until_close(body, v.end()) if v[1] else "value").split())
            if any(known.search(value) for known in _LUMEN_VALUES):
                continue
            line = text.count("\n", 0, m.start()) + 1
            shown = value if len(value) <= 100 else value[:97] + "..."
            found.append(UrlCode(path.relative_to(root).as_posix(), line, shown, translate(value)))
    return found


def unslugged_posts(root: Path, content: str = "content") -> list[str]:
    """The posts (`template: post`) under root/content without a slug: those a blog's own URL
    code placed. Files that cannot be read are left to the build's checks."""
    found = []
    folder = root / content
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
        try:
            post = read_post(path.read_text(encoding="utf-8"), path.name, dt.timezone.utc)
        except (OSError, UnicodeDecodeError, FrontMatterError):
            continue
        if post is not None and post.is_post and post.slug is None:
            found.append(path.relative_to(root).as_posix())
    return found
