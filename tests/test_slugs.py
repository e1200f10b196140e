"""Category/tag URL names and heading ids as Lumen's JavaScript made them (fast, no node)."""

from __future__ import annotations

import re

import markdown
import pytest

from mkdocs_perceptual.lumen.slugs import GithubSlugger, github_slug, kebab_case, title_slug
from mkdocs_perceptual.markdown.headings import HeadingIdsExtension


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Deep Learning", "deep-learning"),
        ("Machine Learning & AI", "machine-learning-ai"),
        ("word2vec", "word-2-vec"),
        ("TensorFlow 2.0", "tensor-flow-2-0"),
        ("C++", "c"),
        ("Node.js", "node-js"),
        ("Café", "cafe"),
        ("Łódź", "lodz"),
        ("Œuvre", "oeuvre"),
        ("Mã độc", "ma-dộc"),
        ("\u0131", "i"),  # dotless i
        ("đ", "d"),
        ("ŉ", "n"),
        ("Straße", "strasse"),
        ("Машинное обучение", "машинное-обучение"),
        ("XMLHttpRequest", "xml-http-request"),
        ("MachineLearning", "machine-learning"),
        ("Machine Learning", "machine-learning"),
        ("__FOO_BAR__", "foo-bar"),
        ("1st place", "1st-place"),
        ("it's", "its"),
        ("👍🏽 ok", "👍🏽-ok"),
        ("", ""),
    ],
)
def test_kebab_case(name: str, expected: str) -> None:
    assert kebab_case(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About the Dataset", "about-the-dataset"),
        (
            "Perceptual Learning - Deep Learning for Text & Sequences",
            "perceptual-learning---deep-learning-for-text--sequences",
        ),
        ("What's a CNN?", "whats-a-cnn"),
        ("Two  spaces", "two--spaces"),
        ("Spark → Graphite", "spark-→-graphite"),
        ("∞ Choose ∞", "∞-choose-∞"),
        ("4. React Component <App />", "4-react-component-app-"),
        ("❤️ love", "\ufe0f-love"),  # the heart goes, its variation selector stays
        ("🇺🇸 flag", "-flag"),
        ("  padded\t", "padded"),
        ("a\u2003b", "ab"),  # U+2000-206F is deleted before spaces become '-'
        ("a\u3000b", "a-b"),
    ],
)
def test_github_slug(text: str, expected: str) -> None:
    assert github_slug(text) == expected


def test_title_slug_is_a_single_github_slug() -> None:
    assert title_slug("What's a CNN?") == "whats-a-cnn"


def test_slugger_counts_repeats_as_github_slugger() -> None:
    slugger = GithubSlugger()
    # A generated "a-1" that a literal heading took already is skipped: "a-1-1", then "a-2".
    assert [slugger.slug(t) for t in ["a", "a", "a-1", "a", "A"]] == [
        "a",
        "a-1",
        "a-1-1",
        "a-2",
        "a-3",
    ]
    slugger.reset()
    assert slugger.slug("a") == "a"


MATH = {"generic": True, "inline_syntax": ["dollar"], "block_syntax": ["dollar"]}


def _ids(source: str, *extensions: str) -> list[str]:
    md = markdown.Markdown(
        extensions=["toc", *extensions, HeadingIdsExtension()],
        extension_configs={"toc": {"permalink": True}, "pymdownx.arithmatex": MATH},
    )
    return re.findall(r'<h[1-6] id="([^"]*)"', md.convert(source))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("## Setup ## ", "setup"),
        ("## Two  spaces", "two--spaces"),
        ("## Spark → Graphite", "spark-→-graphite"),
        ("# ∞ Choose ∞", "∞-choose-∞"),
        ("## 4. React Component <App />", "4-react-component-app-"),
        ("## `a <b>` &amp; x", "a-b--x"),
        ('## See [the docs](http://x "Docs Title")', "see-docs-title"),
        ("## See [the docs][d]\n\n[d]: http://x 'Ref Title'", "see-the-docs"),
        ("## ☕️ Coffee", "️-coffee"),
        ("Setext  title\n---", "setext--title"),
    ],
)
def test_heading_ids(source: str, expected: str) -> None:
    assert _ids(source) == [expected]


def test_heading_text_loses_closing_hashes_and_keeps_permalink() -> None:
    md = markdown.Markdown(
        extensions=["toc", HeadingIdsExtension()], extension_configs={"toc": {"permalink": True}}
    )
    html = md.convert("## Setup ## \n\n## Setup\n")
    assert '<h2 id="setup">Setup<a class="headerlink" href="#setup"' in html
    assert '<h2 id="setup-1">Setup<a class="headerlink" href="#setup-1"' in html
    assert [t["id"] for t in md.toc_tokens] == ["setup", "setup-1"]  # type: ignore[attr-defined]
    # The count starts again on the next page.
    assert re.findall(r'id="([^"]*)"', md.reset().convert("## Setup")) == ["setup"]


def test_ids_come_before_smarty_as_autolink_headers_came_before_smartypants() -> None:
    assert _ids("## a -- b...", "smarty") == ["a----b"]


def test_inline_math_source_is_the_text() -> None:
    assert _ids("## Loss $x^2 + y$", "pymdownx.arithmatex") == ["loss-x2--y"]


def test_an_id_the_author_set_stays_and_is_not_reused() -> None:
    assert _ids("## First {: #own }\n\n## Own", "attr_list") == ["own", "own-1"]
