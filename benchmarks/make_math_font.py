"""Regenerate the math font the plugin ships, from Debian's Latin Modern Math.

    apt-get install fonts-lmodern          # Latin Modern Math 1.959 (GUST Font License)
    pip install fonttools brotli
    python benchmarks/make_math_font.py    # writes mkdocs_perceptual/site/templates/perceptual/fonts/

The font is subset: the code points that only spell text in other languages (Latin Extended
A/B and Additional but the dotless i and j and the oe ligature, ligatures) are left out, and
every other code point is kept, with every glyph its MATH table (stretchy variants, assembly
parts) and its GSUB features (script-size forms) reach. Text in a formula (\\text{Łódź}) that
needs a left-out letter takes that letter from the next font in math.css' font-family list.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path

SOURCE = Path("/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")
LICENCE = Path("/usr/share/texmf/doc/fonts/lm-math/GUST-FONT-LICENSE.txt")
README = Path("/usr/share/doc/fonts-lmodern/README-Latin-Modern-Math.txt")
OUT = Path(__file__).resolve().parents[1] / "mkdocs_perceptual/site/templates/perceptual/fonts"
FONT = "latinmodern-math.woff2"

# Left out: letters of other languages' text, never written by math-core.
LEFT_OUT = [
    range(0x0100, 0x0250),  # Latin Extended-A and -B
    range(0x1E00, 0x1F00),  # Latin Extended Additional
    range(0xFB00, 0xFB50),  # Alphabetic Presentation Forms (ff, fi, fl ligatures)
    range(0x2E00, 0x2E80),  # Supplemental Punctuation
    range(0x3000, 0x3040),  # CJK Symbols and Punctuation
    range(0xFEFF, 0xFF00),  # the byte order mark
]
# Kept from those ranges: what math-core writes (\imath, \jmath, \OE, \oe).
WRITTEN = {0x0131, 0x0152, 0x0153, 0x0237}


def kept(code_point: int) -> bool:
    return code_point in WRITTEN or not any(code_point in r for r in LEFT_OUT)


def woff2(source: Path, subset_it: bool) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)  # the same bytes each run
    if subset_it:
        options = subset.Options()
        options.layout_features = ["*"]  # ssty (script sizes), flac, dtls...: all of them
        options.name_IDs = ["*"]  # the copyright and licence names stay
        options.name_languages = ["*"]
        options.notdef_outline = True
        unicodes = [cp for cp in font.getBestCmap() if kept(cp)]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
    if "MATH" not in font:
        raise SystemExit("the font has no MATH table")
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.source.is_file():
        sys.exit(f"{args.source} is missing: apt-get install fonts-lmodern")
    whole, subset_font = woff2(args.source, False), woff2(args.source, True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / FONT).write_bytes(subset_font)
    shutil.copyfile(LICENCE, args.out / "GUST-FONT-LICENSE.txt")
    shutil.copyfile(README, args.out / "README-Latin-Modern-Math.txt")
    print(f"{args.source}: {args.source.stat().st_size:,} bytes (OTF)")
    print(f"woff2, whole: {len(whole):,} bytes")
    print(f"woff2, subset: {len(subset_font):,} bytes -> {args.out / FONT}")


if __name__ == "__main__":
    main()
