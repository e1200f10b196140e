"""The hostile-input guarantees (docs/plugin/guarantees.md): every case of tests/attack.py as
a real `mkdocs build` in its own process (slow), and the pure checks behind them (fast)."""

from __future__ import annotations

import pytest
from attack import CASES, check

from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen.urls import find_collisions, fold, lumen_path
from mkdocs_perceptual.markdown.fences import rewrite_fences
from mkdocs_perceptual.markdown.mathml import MAX_NESTING, MathError, nesting, to_mathml


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_attack(case, tmp_path):
    assert check(case, tmp_path / "blog") == []


@pytest.mark.parametrize(
    ("tex", "depth"),
    [
        ("x", 0),
        (r"\frac{a}{b}", 1),
        (r"\left( \frac{a}{b} \right)", 2),
        (r"\{ x \}", 0),  # escaped braces are symbols, not groups
        ("}}}{", 1),
        ("{" * 300 + "}" * 300, 300),
    ],
)
def test_nesting(tex, depth):
    assert nesting(tex) == depth


def test_a_formula_nested_too_deep_is_refused_before_conversion():
    with pytest.raises(MathError, match=f"more than {MAX_NESTING} groups deep"):
        to_mathml("\\frac{" * 4000 + "x" + "}{y}" * 4000, True)
    assert to_mathml("{" * MAX_NESTING + "x" + "}" * MAX_NESTING, False).startswith("<math")


def test_fence_ranges_are_clamped_to_the_block():
    fence = "```js{1-999999999}\na\nb\n```"
    assert rewrite_fences(fence).splitlines()[0] == '```js hl_lines="1 2"'
    assert rewrite_fences("```js{numberLines: 99999999999999}\na\n```").startswith("```js\n")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("date_format", "\ud800%Y"),
        ("date_format", "%Y\0"),
        ("date_format", ""),
        ("blog_index", "../../escape"),
        ("blog_index", "b\0"),
        ("blog_index", "C:\\x"),
        ("blog_index", "%2e%2e/x"),
        ("blog_index", "index.md"),
        ("feed_path", "rss.md"),
        ("feed_path", "../rss.xml"),
    ],
)
def test_unsafe_options_are_refused_naming_the_option(option, value):
    options = PerceptualConfig()
    options.load_dict({option: value})
    errors, _ = options.validate()
    assert [name for name, _ in errors] == [option]


def test_slugs_are_published_in_nfc_with_single_slashes():
    assert lumen_path("/posts/cafe\u0301", "posts/a.md") == "/posts/caf\u00e9"
    assert lumen_path("//evil.com/x", "posts/a.md") == "/evil.com/x"


def test_paths_fold_as_file_systems_fold_them():
    assert fold("Posts/Caf\u00e9/index.html") == fold("posts/cafe\u0301/index.html")
    assert fold("posts/straße/") != fold("posts/strasse/")
    outputs = [("posts/Café/index.html", "a.md"), ("posts/café/index.html", "b.md")]
    assert find_collisions(outputs, {"a.md"}) != []
