"""Responsive copies of a post's images, made with Pillow as gatsby-remark-images made them
with sharp: the widths it chose for `maxWidth` (a quarter, a half, one, one and a half, two
and three times it, never wider than the original), in the original's format and in WebP (or
AVIF), with the EXIF orientation applied and no metadata but the colour profile.

`probe` reads what the page needs (size, format) from the file's header; `make` decodes the
image once and writes every copy it needs, and runs in a worker process. Neither raises: a
file Pillow cannot read or convert is an `ImageProblem`, and the page links the original."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
import warnings
from collections.abc import Sequence

import PIL
from PIL import Image, ImageOps, UnidentifiedImageError

# The files processed, by extension; GIF and SVG are published as they are, as Gatsby did.
RASTER = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"),
           "WEBP": ("webp", "image/webp"), "AVIF": ("avif", "image/avif")}  # fmt: skip
# gatsby-plugin-sharp's fluid breakpoints, as multiples of maxWidth.
FACTORS = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0)
# Changes to how copies are made change this, and with it every copy's key.
RECIPE = "1"
_ROTATED = {5, 6, 7, 8}
_BombWarning = Image.DecompressionBombWarning  # EXIF orientations that swap width and height


class ImageProblem(Exception):
    """An image that is published as it is; the message says why."""


@dataclasses.dataclass(frozen=True)
class Probe:
    """What a page needs to know of an image before any copy exists."""

    digest: str  # of the file's bytes
    width: int  # as shown, after the EXIF orientation
    height: int
    format: str  # Pillow's name: JPEG, PNG, WEBP
    animated: bool


@dataclasses.dataclass(frozen=True)
class Copy:
    """One copy of an image: its width and format, and the file it is written to."""

    width: int
    format: str
    path: str


def widths(original: int, max_width: int) -> list[int]:
    """The widths of the copies: the breakpoints narrower than the original, and the
    original's own width where it is no wider than the largest breakpoint (never upscaled)."""
    points = sorted({round(max_width * f) for f in FACTORS})
    chosen = [w for w in points if w < original]
    if original <= points[-1]:
        chosen.append(original)
    return chosen


def presented(probe: Probe, max_width: int) -> tuple[int, int]:
    """The width and height an image is shown at: its own, at most `max_width` wide."""
    width = min(probe.width, max_width)
    return width, max(1, round(probe.height * width / probe.width))


def key(probe: Probe, width: int, fmt: str, quality: int) -> str:
    """A copy's name in the cache: everything the copy's bytes depend on."""
    text = "|".join((probe.digest, str(width), fmt, str(quality), PIL.__version__, RECIPE))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def probe(path: str) -> Probe:
    """The image's digest, size (as shown) and format, from its bytes and header; the pixels
    are not decoded. ImageProblem for a file Pillow cannot open."""
    try:
        digest = _digest(path)
        with _bombs_refused(), Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(0x0112) in _ROTATED:
                width, height = height, width
            fmt = image.format or ""
            animated = bool(getattr(image, "is_animated", False))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, _BombWarning) as e:
        raise ImageProblem(_reason(e)) from e
    if fmt not in ("JPEG", "PNG", "WEBP") or width < 1 or height < 1:
        raise ImageProblem(f"Pillow reads it as {fmt or 'an unknown format'}")
    return Probe(digest, width, height, fmt, animated)


def make(source: str, copies: Sequence[Copy], quality: int) -> str | None:
    """Write each copy of the image at `source`; None when all were written, else why not.
    Decodes the image once; the widest copy is resized from it, and each narrower one from
    the copy before it, so that the decoded original is let go of after the first: at most
    the original and one copy, then two copies, are held decoded at a time."""
    if not copies:
        return None
    widest = max(c.width for c in copies)
    try:
        with _bombs_refused(), Image.open(source) as opened:
            # A JPEG decodes at 1/2, 1/4 or 1/8 of its size where the copies are that small.
            shown = opened.height if opened.getexif().get(0x0112) in _ROTATED else opened.width
            scale = widest / shown
            opened.draft(None, (round(opened.width * scale), round(opened.height * scale)))
            ImageOps.exif_transpose(opened, in_place=True)
            profile = opened.info.get("icc_profile")
            current = _displayable(opened)
            del opened
        for copy in sorted(copies, key=lambda c: -c.width):
            if copy.width != current.width:
                height = max(1, round(current.height * copy.width / current.width))
                current = _resized(current, copy.width, height)
            _save(current, copy, quality, profile)
    except (
        OSError,
        ValueError,
        SyntaxError,
        MemoryError,
        Image.DecompressionBombError,
        _BombWarning,
    ) as e:
        return _reason(e)
    return None


_BAND = 256  # output rows resized at a time


def _resized(image: Image.Image, width: int, height: int) -> Image.Image:
    """`image` resized with Lanczos, in bands of output rows: Pillow resizes in two passes,
    and a whole-image first pass would hold an image of the new width and the old height
    besides the two. Each band reads the source rows its filter needs (Pillow's `box`), so
    the bands meet without a seam."""
    if image.width * image.height <= 4_000_000:
        return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = Image.new(image.mode, (width, height))
    scale = image.height / height
    for top in range(0, height, _BAND):
        rows = min(_BAND, height - top)
        box = (0.0, top * scale, float(image.width), (top + rows) * scale)
        out.paste(image.resize((width, rows), Image.Resampling.LANCZOS, box=box), (0, top))
    return out


def _digest(path: str) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def _displayable(image: Image.Image) -> Image.Image:
    """The image in a mode every format here writes: RGB, or RGBA where it has transparency
    (a palette PNG's included); 16-bit and CMYK images converted."""
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda v: v / 257).convert("L")
    transparent = image.mode in ("PA", "RGBa", "La") or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")


def _save(image: Image.Image, copy: Copy, quality: int, profile: bytes | None) -> None:
    """Write `image` to `copy.path` whole (a temporary file, then renamed)."""
    folder = os.path.dirname(copy.path)
    os.makedirs(folder, exist_ok=True)
    options: dict[str, object] = {"icc_profile": profile} if profile else {}
    # Converted only where the format needs it: a conversion is a copy of the pixels. JPEG
    # is written baseline, unoptimised: libjpeg holds a whole image's coefficients for
    # progressive or optimised files, for a few per cent of its size.
    if copy.format == "JPEG":
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        options.update(quality=quality)
    elif copy.format in ("WEBP", "AVIF"):
        wanted = "RGBA" if "A" in image.mode else "RGB"
        image = image.convert(wanted) if image.mode != wanted else image
        options.update(quality=quality)
    else:
        options.update(optimize=False, compress_level=6)
    fd, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            image.save(out, format=copy.format, **options)
        os.replace(temporary, copy.path)
    except BaseException:
        os.unlink(temporary)
        raise


class _bombs_refused(warnings.catch_warnings):
    """Pillow's decompression-bomb warning (an image over its pixel limit) as an error."""

    def __enter__(self) -> None:
        super().__enter__()
        warnings.simplefilter("error", Image.DecompressionBombWarning)


def _reason(e: BaseException) -> str:
    if isinstance(e, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return f"it is over Pillow's limit of {Image.MAX_IMAGE_PIXELS:,} pixels"
    if isinstance(e, MemoryError):
        return "there was not enough memory to decode it"
    if isinstance(e, UnidentifiedImageError):
        return "Pillow does not recognise it as an image"
    return f"Pillow cannot read it ({str(e) or type(e).__name__})"
