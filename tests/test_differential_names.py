"""Category/tag names and heading ids against Lumen's own JavaScript (lodash, github-slugger,
remark-parse 6), over generated names and headings. Goal and assertion: all equal."""

# Look-alike letters (dotless i, the times sign, dashes, curly quotes) are what is tested.
# ruff: noqa: RUF001

from __future__ import annotations

import random
import re

import markdown
import pytest
from jsrun import run_js

from mkdocs_perceptual.lumen.slugs import GithubSlugger, kebab_case
from mkdocs_perceptual.markdown.headings import HeadingIdsExtension

WORDS = [
    # Vietnamese (Latin Extended Additional stays, Latin-1 and Extended-A lose marks)
    *["Mã độc", "Tiếng Việt", "Học máy", "Đường đi", "Người dùng", "Ước lượng", "ưu tiên"],
    # Polish, Czech, Hungarian, Romanian
    *["Łódź", "Zażółć gęślą jaźń", "Świętokrzyskie", "Příliš žluťoučký", "Erdős", "Știință"],
    # French and ligatures, Dutch, Catalan
    *["Œuvre", "cœur", "Æsop", "ﬁnance", "IJsselmeer", "Ŀl", "ŉ", "Ĳssel", "Čaj"],
    # Turkish, German, Nordic, Icelandic
    *["ılık", "İstanbul", "Işık", "Straße", "GRÖẞE", "Größe", "Øresund", "Þórr", "Ðað"],
    # Greek, Cyrillic, CJK, Korean, Arabic, Hebrew, Devanagari
    *["ΟΔΟΣ", "Σίσυφος", "Машинное обучение", "Привет", "ЁЖИК", "機械学習", "深度学习"],
    *["한국어", "カタカナ", "العربية", "עברית", "हिन्दी", "ไทย"],
    # emoji, variation selectors, skin tones, ZWJ sequences, flags, keycaps
    *["❤️", "❤", "👍🏽", "👨‍👩‍👧", "🇺🇸", "🇦🇦", "🇬🇧🇫", "1️⃣", "☕️", "✨", "🥰", "🧠"],
    *["🏳️‍🌈", "✌🏿", "™", "©", "Ⓜ️", "⌚", "🀄"],
    # punctuation, quotes, dashes
    *["C++", "C#", "F#", "Node.js", "R&D", "a/b", "e.g.", "«quote»", "“smart”", "it’s"],
    *["rock'n'roll", "don't", "I'M", "x—y", "x–y", "(draft)", "[wip]", "#hash", "@user"],
    *["100%", "$5", "~tilde", "a|b", "a\\b", "key=value", "a_b_c", "__init__", "..."],
    # arrows and math
    *["→", "Spark → Graphite", "⇒", "∞", "∑", "×", "÷", "±", "≤", "½", "²", "√2", "∂x/∂t"],
    # digits and case mixtures
    *["word2vec", "TensorFlow 2.0", "GPT-3", "iOS", "XMLHttpRequest", "1st", "2ND", "3rd"],
    *["4th", "11th", "21ST", "v1.2.3", "ES2015", "HTML5", "mp3Player", "IPv6", "A1B2"],
    *["Deep Learning", "MachineLearning", "Machine Learning", "VIM", "Vim", "BigData"],
    *["fooBar", "FOOBar", "foo_bar", "foo-bar", "FooBAR", "aB", "ABc", "McDonald"],
]
SEPARATORS = [" ", "  ", "-", "_", "", "\t", "\u00a0", ", ", " & ", "\u3000", "\u200b", "/"]


def _generated(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        parts = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
        name = parts[0]
        for part in parts[1:]:
            name += rng.choice(SEPARATORS) + part
        if rng.random() < 0.1:
            name = rng.choice([" ", "\t", "-"]) + name + rng.choice([" ", "", "!"])
        names.append(name)
    return names


def _names() -> list[str]:
    singles = [chr(c) for c in [*range(0xC0, 0x180), *range(0x1EA0, 0x1EFA)]]
    in_words = [f"x{ch}y" for ch in singles[::3]] + [f"Ab{ch}Cd" for ch in singles[1::3]]
    return [*WORDS, *singles, *in_words, *_generated(11, 400)]


def _pages() -> list[list[str]]:
    texts = _generated(12, 360)
    repeats = ["Intro", "Intro", "Intro-1", "intro", "INTRO", "Intro 1", "Intro-1-1", "Intro"]
    pages = [texts[i : i + 12] for i in range(0, len(texts), 12)]
    return [repeats, *[[*page, *page[:3], page[0]] for page in pages]]


def test_names_and_slugs_equal_lodash_and_github_slugger() -> None:
    names, pages = _names(), _pages()
    theirs = run_js("names.js", {"kebab": names, "pages": pages})
    ours_kebab = [kebab_case(name) for name in names]
    ours_pages = []
    for texts in pages:
        slugger = GithubSlugger()
        ours_pages.append([slugger.slug(text) for text in texts])
    kebab_diff = [
        (n, t, o) for n, t, o in zip(names, theirs["kebab"], ours_kebab, strict=True) if t != o
    ]
    slug_diff = [
        (text, t, o)
        for texts, their, our in zip(pages, theirs["pages"], ours_pages, strict=True)
        for text, t, o in zip(texts, their, our, strict=True)
        if t != o
    ]
    total_slugs = sum(len(p) for p in pages)
    assert len(names) > 800
    assert total_slugs > 400
    assert not kebab_diff, f"{len(kebab_diff)} of {len(names)} names differ: {kebab_diff[:20]}"
    assert not slug_diff, f"{len(slug_diff)} of {total_slugs} slugs differ: {slug_diff[:20]}"


# Headings written as Markdown; each document is one page. Not here, being known differences:
# tabs inside a heading (Python-Markdown expands them), `$$…$$` inside a heading and headings
# indented by spaces (block reading, issue 11 item 4), `snake_case` read as emphasis by remark.
DOCS = [
    """# Perceptual Learning - Deep Learning for Text & Sequences
## About the Dataset
## What's a CNN?
## Setup ##
## Setup ## \n## Two  spaces
## Spark → Graphite
# ∞ Choose ∞
## 4. React Component <App />
## Résumé & Café -- naïve
## Mã độc: Łódź, Œuvre, ılık, Straße
## 機械学習 と 深度学习
## Машинное обучение
## ❤️ Love ☕️ and 👨‍👩‍👧 family 🇺🇸 🥰
## C++ / C# / F#
## 2.1 Results
## Results
## results
## Results-1
## Results
""",
    """## `code <b>` and **bold** and _em_
## A [link](http://example.com) here
## A [titled link](http://example.com "The Title")
## An ![image alt](x.png) image
## An ![](x.png "only title") image
## [Ref link][r] and ![ref image][r]
## Footnote[^1] after
## Inline math $x^2 + y_1$ here
## <span class="badge">New</span> &amp; &copy; &#169; stuff
## Escaped \\# hash and \\* star
## Trailing hashes ###
## C#
## Issue #42 fixed
## http://example.com/path and <http://example.com/auto>
## Ellipsis... and 'quotes' and "double"
## Arrows -> and => and <- here
## Multiple   spaces   inside
## Heading with trailing spaces   \nSetext heading
===============
Another setext  here
---

[r]: http://example.com "Ref Title"
[^1]: A note.
""",
    """#NoSpace heading
## Emoji :smile: shortcode
## 100% Coverage! (Really?)
## a---b and a--b
## ~~strike~~ and ==mark==
## Über Älter Öl
## Ελληνικά ΟΔΟΣ
## ½ × ÷ ± ≤ ≥ ≠ √
## Ünïcödé
## x
## x
## x-1
## x
""",
]

EXTENSIONS: list[str | markdown.Extension] = [
    "toc",
    "footnotes",
    "smarty",
    "pymdownx.arithmatex",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.inlinehilite",
    "pymdownx.magiclink",
]
CONFIGS = {
    "toc": {"permalink": True},
    "pymdownx.arithmatex": {
        "generic": True,
        "inline_syntax": ["dollar"],
        "block_syntax": ["dollar"],
    },
}


def _python_ids(source: str) -> list[str]:
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, HeadingIdsExtension()], extension_configs=CONFIGS
    )
    return re.findall(r'<h[1-6] id="([^"]*)"', md.convert(source))


def test_heading_ids_equal_remark_and_github_slugger() -> None:
    theirs = run_js("headings.js", {"docs": DOCS})["docs"]
    compared = differ = 0
    problems = []
    for source, their_headings in zip(DOCS, theirs, strict=True):
        their_ids = [h["id"] for h in their_headings]
        ours = _python_ids(source)
        assert len(ours) == len(their_ids), (ours, their_ids)
        for heading, our in zip(their_headings, ours, strict=True):
            compared += 1
            if heading["id"] != our:
                differ += 1
                problems.append((heading["text"], heading["id"], our))
    assert compared > 40
    assert not problems, f"{differ} of {compared} heading ids differ: {problems}"


@pytest.mark.parametrize("source", ["## Setup ## \n", "## Setup ##\n", "## Setup\n"])
def test_closing_hashes_are_not_shown(source: str) -> None:
    html = markdown.Markdown(extensions=[*EXTENSIONS, HeadingIdsExtension()]).convert(source)
    assert html.startswith('<h2 id="setup">Setup<')
