"""A post's cover image: its `socialImage`, or (with `cover_images`) the first image of its
body. Shown above the post and beside its listing entries (with `cover_images`), and
attached to its feed items with its real size and type."""

from __future__ import annotations

import dataclasses
import html
import os
import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urljoin

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_perceptual.build.images import Images, ProbeIndex
from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.urls import beside, link_key, site_path
from mkdocs_perceptual.site.feed_formats import Enclosure
from mkdocs_perceptual.site.page import unsafe_image
from mkdocs_perceptual.site.pictures import Candidates, Picture, attributes, picture_html

log = get_plugin_logger(__name__)

# The images a cover may be, by extension, and the MIME type their feed enclosure says (the
# same on every machine: Python's `mimetypes` reads the system's tables).
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
}
_IMG_RE = re.compile(r"<img\b([^<>]*)>", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Cover:
    """A post's cover: a file of the site (`path`, from the root) or a URL elsewhere."""

    path: str | None
    url: str | None
    alt: str
    in_body: bool  # the post's body shows it already
    picture: Picture | None  # its responsive copies, every URL a path from the site root
    width: int | None
    height: int | None
    length: int | None
    type: str

    def enclosure(self, site_url: str) -> Enclosure | None:
        url = self.url or (urljoin(site_url, self.path.lstrip("/")) if self.path else None)
        return Enclosure(url, self.type, self.length) if url else None


def _images(body: str) -> list[tuple[str, str]]:
    """The (src, alt) of every `<img>` in rendered HTML, unescaped, in order."""
    found = []
    for m in _IMG_RE.finditer(body):
        attrs = attributes(m[1])
        if attrs.get("src"):
            found.append((html.unescape(attrs["src"] or ""), html.unescape(attrs.get("alt") or "")))
    return found


def _from_page(url: str, page: Page) -> str:
    """A URL in a page's HTML as a path from the site root."""
    return unquote(urljoin("/" + page.file.url, url.split("#")[0].split("?")[0]))


def _moved(picture: Picture, move: Callable[[str], str]) -> Picture:
    """The picture with every URL it holds passed through `move`."""

    def moved(c: Candidates) -> Candidates:
        return Candidates(c.mime, tuple((move(url), width) for url, width in c.copies))

    return dataclasses.replace(
        picture,
        src=move(picture.src),
        fallback=moved(picture.fallback),
        sources=tuple(moved(c) for c in picture.sources),
        original=move(picture.original),
    )


def find(
    post: Post,
    page: Page,
    body: str,
    *,
    first_image: bool,
    lookup: Callable[[str], File | None],
    images: Images | None,
    probes: ProbeIndex | None,
) -> Cover | None:
    """The cover of `post`, whose page's rendered body (before its pictures) is `body`."""
    shown = _images(body)
    image, alt = post.social_image, ""
    field = "socialImage"
    if image and unsafe_image(image):
        image = None  # refused, with a warning, where the social metadata is made
    if not image and first_image and shown:
        image, alt = shown[0]
        field = "its first image"
        if not image.startswith(("http://", "https://")):
            image = _from_page(image, page)
    if not image:
        return None
    if image.startswith(("http://", "https://")):
        bare = image.split("?")[0].split("#")[0]
        kind = IMAGE_TYPES.get(posixpath.splitext(bare)[1].lower(), "image/jpeg")
        in_body = any(src == image for src, _ in shown)
        return Cover(None, image, alt, in_body, None, None, None, None, kind)
    # A socialImage is looked for beside the post first, as Gatsby did; the first image's
    # path is the site's already.
    path = beside(image, post.src_uri) if field == "socialImage" else None
    file = lookup(path) if path is not None else None
    if file is None:
        file = lookup(link_key(site_path(image, post.src_uri)))
    if file is None:
        if first_image:
            log.warning(
                f"{post.src_uri}: {field} {image!r} finds no file in the site, so the post has "
                "no cover image; expected a path such as '/media/image.jpg' or './image.jpg'"
            )
        return None
    kind = IMAGE_TYPES.get(posixpath.splitext(file.dest_uri)[1].lower(), "")
    if file.is_documentation_page() or not kind:
        what = "a page of the site" if file.is_documentation_page() else f"the file {file.src_uri}"
        log.warning(
            f"{post.src_uri}: {field} {image!r} is {what}, not an image, so the post has no "
            "cover and its feed items no image; expected a .jpg, .png, .webp, .gif, .avif or "
            ".svg file"
        )
        return None
    where = "/" + file.url
    in_body = any(_from_page(src, page) == where for src, _ in shown)
    picture = None
    if images is not None and not post.draft:
        found = images.find(file.url_relative_to(page.file), page)
        picture = _moved(found, lambda url: _from_page(url, page)) if found else None
    width = height = None
    if picture is not None:
        width, height = picture.width, picture.height
    elif probes is not None and file.abs_src_path and (probe := _probe(probes, file)) is not None:
        width, height = probe
    return Cover(where, None, alt, in_body, picture, width, height, _length(file), kind)


def _probe(probes: ProbeIndex, file: File) -> tuple[int, int] | None:
    assert file.abs_src_path is not None
    found = probes.probe(file.abs_src_path)
    return None if isinstance(found, str) else (found.width, found.height)


def _length(file: File) -> int | None:
    try:
        if file.abs_src_path is not None:
            return os.path.getsize(file.abs_src_path)
        return len(file.content_bytes)
    except (OSError, TypeError):
        return None


def markup(
    cover: Cover, here: File, exists: Callable[[str], bool], *, sizes: str | None = None
) -> str:
    """The cover as `<picture>` (or `<img>`) with URLs relative to the page `here`, shown at
    `sizes` (the post's column by default); `exists` says whether a copy is still among the
    build's files (a failed copy is not)."""

    def rel(path: str) -> str:
        return get_relative_url(path.lstrip("/"), here.url)

    attrs: dict[str, Any] = {"alt": html.escape(cover.alt, quote=True)}
    picture = cover.picture
    if picture is not None and all(
        exists(path) for c in (picture.fallback, *picture.sources) for path, _ in c.copies
    ):
        return picture_html({"src": "", **attrs}, _moved(picture, rel), False, sizes)
    src = cover.url or rel(cover.path or "")
    size = (
        f' width="{cover.width}" height="{cover.height}"'
        if cover.width is not None and cover.height is not None
        else ""
    )
    return (
        f'<img src="{html.escape(src)}" alt="{attrs["alt"]}"{size} loading="lazy" decoding="async">'
    )
