"""A post's `<img>` elements as gatsby-remark-images published them: a `<picture>` with a
`<source>` for each modern format and the original format's `srcset` on the `<img>`, its
width and height (no layout shift), lazy loading and async decoding, wrapped in a link to the
original. And back again for the feed, which carries a plain `<img>`."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable

# Tags that matter here, in document order: links (an image in one is not linked again),
# pictures (an author's own is left alone) and images.
_TAG_RE = re.compile(r"<(/?)(a|picture|img)\b([^<>]*)>", re.IGNORECASE)
_ATTR_RE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


@dataclasses.dataclass(frozen=True)
class Candidates:
    """One format's copies: its MIME type and (URL, width) pairs, narrowest first."""

    mime: str
    copies: tuple[tuple[str, int], ...]

    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for url, width in self.copies)


@dataclasses.dataclass(frozen=True)
class Picture:
    """What a page shows for one image: the `<img>` fallback and the other formats."""

    src: str  # the original format's copy at the presented width
    fallback: Candidates  # the original format
    sources: tuple[Candidates, ...]  # the modern formats, best first
    width: int  # presented
    height: int
    original: str  # the original file's URL, for the link
    source: str = ""  # the original, as the build knows it

    @property
    def sizes(self) -> str:
        return f"(max-width: {self.width}px) 100vw, {self.width}px"


def attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes, names lowercased, values as written (still escaped)."""
    found: dict[str, str | None] = {}
    for m in _ATTR_RE.finditer(text):
        value = m[2]
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        found.setdefault(m[1].lower(), value)
    return found


def _tag(name: str, attrs: dict[str, str | None]) -> str:
    parts = [k if v is None else f'{k}="{v}"' for k, v in attrs.items()]
    return f"<{name} {' '.join(parts)}>" if parts else f"<{name}>"


def picture_html(
    attrs: dict[str, str | None], picture: Picture, link: bool, sizes: str | None = None
) -> str:
    """The `<picture>` for an `<img>` with `attrs`; in a link to the original with `link`.
    `sizes` is where the page shows it, the width of the post's column by default."""
    sizes = html.escape(sizes or picture.sizes)
    img = {
        **attrs,
        "src": html.escape(picture.src),
        "srcset": html.escape(picture.fallback.srcset()),
        "sizes": sizes,
    }
    # The author's own size stays; ours is the image's, so the page does not shift.
    if "width" not in attrs and "height" not in attrs:
        img["width"], img["height"] = str(picture.width), str(picture.height)
    img.setdefault("loading", "lazy")
    img.setdefault("decoding", "async")
    sources = "".join(
        f'<source type="{c.mime}" srcset="{html.escape(c.srcset())}" sizes="{sizes}">'
        for c in picture.sources
    )
    made = f"<picture>{sources}{_tag('img', img)}</picture>"
    if not link:
        return made
    href = html.escape(picture.original)
    return f'<a class="perceptual-image" href="{href}" target="_blank" rel="noopener">{made}</a>'


def pictures(
    content: str, find: Callable[[str], Picture | None], *, link: bool
) -> tuple[str, list[tuple[str, str, Picture]]]:
    """`content` with each `<img>` that `find` (given its src, unescaped) has copies of made
    a `<picture>`; and each replacement as (the new markup, the `<img>` it replaced, the
    picture). An image
    inside a link is not linked to its original; one inside a `<picture>` is left alone."""
    if "<img" not in content and "<IMG" not in content:
        return content, []
    out: list[str] = []
    made: list[tuple[str, str, Picture]] = []
    links = pictures_open = last = 0
    for m in _TAG_RE.finditer(content):
        closing, name = m[1] == "/", m[2].lower()
        if name == "a":
            links = max(0, links + (-1 if closing else 1))
            continue
        if name == "picture":
            pictures_open = max(0, pictures_open + (-1 if closing else 1))
            continue
        if closing or pictures_open:
            continue
        attrs = attributes(re.sub(r"\s/\s*$", "", m[3]))
        src = attrs.get("src")
        picture = find(html.unescape(src)) if src else None
        if picture is None:
            continue
        new = picture_html(attrs, picture, link and not links)
        out += [content[last : m.start()], new]
        made.append((new, m[0], picture))
        last = m.end()
    out.append(content[last:])
    return "".join(out), made


_PICTURE_RE = re.compile(r"<picture>(.*?)</picture>", re.DOTALL)
_SOURCE_RE = re.compile(r"<source\b[^<>]*>")
_RESPONSIVE_RE = re.compile(r'\s(?:srcset|sizes|loading|decoding)="[^"]*"')


def plain_images(content: str) -> str:
    """The pictures made by `pictures` as plain `<img>` elements of their fallback copy, as
    feed readers show images (most ignore `srcset`, some `<picture>`)."""
    if "<picture>" not in content:
        return content

    def plain(m: re.Match[str]) -> str:
        inner = _SOURCE_RE.sub("", m[1])
        return re.sub(r"<img\b[^<>]*>", lambda img: _RESPONSIVE_RE.sub("", img[0]), inner)

    return _PICTURE_RE.sub(plain, content)
