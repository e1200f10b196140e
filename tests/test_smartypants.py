"""`mkdocs_perceptual.markdown.smartypants` gives what Python-Markdown's `smarty` gives, on any text: it
only skips patterns that cannot match. (What `smarty` gives against Lumen's
gatsby-remark-smartypants is test_smartypants_differential.py.)"""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_perceptual.markdown.smartypants import QuickInline, needs

PIECES = ["a", "b", " ", "'", '"', "-", "--", "---", ".", "...", "....", "'s", "90's", "\n",
          "\n\n", "&nbsp;", "**", "_", "`x`", "[l](u)", "<<", ">>", "<b>", "&amp;", "\\'", "1"]  # fmt: skip


def both(text: str, **config: object) -> tuple[str, str]:
    configs = {"smarty": config} if config else {}
    plain = markdown.markdown(text, extensions=["smarty"], extension_configs=configs)
    quick = markdown.markdown(
        text,
        extensions=["smarty", "mkdocs_perceptual.markdown.smartypants"],
        extension_configs=configs,
    )
    return plain, quick


@pytest.mark.parametrize(
    "text",
    [
        "He said \"hello\" -- and 'quoted' it... it's the '90s",
        "a --- b -- c ... d.... e",
        "plain text, no quote, dash or dots",
        "'Twas \"x\"' '\"y\"' <<angled>>",
        '`code "x" -- y` and "z"',
    ],
)
def test_same_as_smarty(text: str) -> None:
    plain, quick = both(text)
    assert quick == plain


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.booleans())
def test_same_as_smarty_on_any_text(text: str, angled: bool) -> None:
    plain, quick = both(text, smart_angled_quotes=angled)
    assert quick == plain


def test_it_replaces_smartys_pass() -> None:
    md = markdown.Markdown(extensions=["smarty", "mkdocs_perceptual.markdown.smartypants"])
    assert type(md.treeprocessors["smarty"]) is QuickInline
    alone = markdown.Markdown(extensions=["mkdocs_perceptual.markdown.smartypants"])
    assert "smarty" not in alone.treeprocessors  # without smarty, it does nothing


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("smarty-quotes-7", ("'", '"')),
        ("smarty-em-dashes", ("---",)),
        ("smarty-ellipses", ("...",)),
        ("smarty-something-new", None),
    ],
)
def test_needs(name: str, expected: tuple[str, ...] | None) -> None:
    assert needs(name) == expected
