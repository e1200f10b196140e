"""Differential coverage: every name KaTeX 0.16 registers, in a minimal snippet KaTeX itself
renders, converted through the plugin's path (texcompat.convert); an ML and statistics list of
formulas; and the 148 CSS colour names, in the RGB CSS gives them (KaTeX passes names through)."""

from __future__ import annotations

import functools
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import math_core
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for `python tests/this_file.py`
from jsrun import run_js

from mkdocs_perceptual.markdown.texcompat import CSS_COLOURS, TexError, convert

DATA = Path(__file__).resolve().parent / "data"
PLAIN = math_core.LatexToMathML(fancy_error=False)
COLOUR = re.compile(r"color:#([0-9A-F]{6});")

# Coverage of KaTeX's public names (no internal "@" names) that KaTeX renders in a minimal
# snippet. The test fails below this: raise it when the layer learns more.
FLOOR = 0.995

# The first of these that KaTeX renders is a name's snippet; `N` stands for the name.
GENERIC = [
    "N",
    "N{x}",
    "N{x}{y}",
    "N{x}{y}{z}",
    "{a N b}",
    "\\sum N_0^1",
    "N(",
    "\\left( x N| y \\right)",
    "\\left N x \\right.",
    "N 1em",
    "N{1em}",
    "N\\foo{x}\\foo",
    "N{\\foo}{x}\\foo",
    "\\text{N}",
    "\\text{N{a}}",
    "N{x}{y}{z}{w}",
]
SPECIAL = {
    "\\begin": ["\\begin{matrix}x\\end{matrix}"],
    "\\end": ["\\begin{matrix}x\\end{matrix}"],
    "\\left": ["\\left( x \\right)"],
    "\\right": ["\\left( x \\right)"],
    "\\middle": ["\\left( x \\middle| y \\right)"],
    "\\\\": ["\\begin{matrix}a\\\\b\\end{matrix}"],
    "\\cr": ["\\begin{matrix}a\\cr b\\end{matrix}"],
    "\\hline": ["\\begin{array}{c}\\hline x\\end{array}"],
    "\\hdashline": ["\\begin{array}{c}\\hdashline x\\end{array}"],
    "\\tag": ["x \\tag{1}"],
    "\\tag*": ["x \\tag*{1}"],
    "\\char": ['\\char"41'],
    "\\verb": ["\\verb|x|"],
    "\\verb*": ["\\verb*|x|"],
    "\\color": ["\\color{red} x"],
    "\\nonumber": ["\\begin{align}x\\nonumber\\end{align}"],
    "\\notag": ["\\begin{align}x\\notag\\end{align}"],
    "\\limits": ["\\sum\\limits_0^1"],
    "\\above": ["{a \\above 1pt b}"],
    "\\genfrac": ["\\genfrac(){0pt}{0}{a}{b}"],
    "\\not": ["a \\not= b"],
    "\\let": ["\\let\\foo=x \\foo"],
    "\\futurelet": ["\\futurelet\\foo\\relax x"],
    "\\newcommand": ["\\newcommand{\\foo}{x}\\foo"],
    "\\renewcommand": ["\\renewcommand{\\alpha}{x}\\alpha"],
    "\\providecommand": ["\\providecommand{\\foo}{x}\\foo"],
    "\\kern": ["a\\kern1em b"],
    "\\mkern": ["a\\mkern18mu b"],
    "\\mskip": ["a\\mskip18mu b"],
    "\\hskip": ["a\\hskip1em b"],
    "\\nolimits": ["\\sum\\nolimits_0^1"],
}
# KaTeX's own helpers, named so that no author can type them: \\\\atopfrac, \\\\cdleft, ...
INTERNAL = re.compile(r"\\\\[A-Za-z]")
ARG = {"color": "{red}", "size": "{1em}", "url": "{https://example.org/}"}


def snippet_candidates(name: str, spec: dict[str, Any] | None) -> list[tuple[str, bool]]:
    found: list[str] = list(SPECIAL.get(name, []))
    if spec is not None and spec["numArgs"]:
        types = spec["argTypes"] or [None] * spec["numArgs"]
        found.append(name + "".join(ARG.get(t or "", "{x}") for t in types))
        if not spec["allowedInMath"]:
            found.append("\\text{" + found[-1] + "}")
    found += [g.replace("N", name) for g in GENERIC]
    return [(tex, display) for tex in found for display in (False, True)]


def environment_snippets(name: str, spec: dict[str, Any]) -> list[tuple[str, bool]]:
    arg = {"array": "{cc}", "darray": "{cc}", "subarray": "{c}"}.get(name, "{2}")
    body = "a & b \\\\ c & d"
    found = [
        f"\\begin{{{name}}}a\\\\b\\end{{{name}}}",
        f"\\begin{{{name}}}{body}\\end{{{name}}}",
        f"\\begin{{{name}}}{arg}a\\\\b\\end{{{name}}}",
        f"\\begin{{{name}}}{arg}{body}\\end{{{name}}}",
        f"\\begin{{{name}}}[r]{body}\\end{{{name}}}",
    ]
    return [(tex, display) for tex in found for display in (False, True)]


@functools.lru_cache(maxsize=1)
def katex() -> dict[str, Any]:
    """KaTeX's registry, with the first snippet KaTeX renders for each public name ("{env}"
    for an environment) and the ML formulas KaTeX renders."""
    registry: dict[str, Any] = run_js("katex_registry.js", {})
    functions: dict[str, Any] = registry["functions"]
    names = set(functions) | set(registry["macros"])
    names |= set(registry["symbols"]["math"]) | set(registry["symbols"]["text"])
    candidates: dict[str, list[tuple[str, bool]]] = {
        n: snippet_candidates(n, functions.get(n))
        for n in sorted(names)
        if n.startswith("\\") and "@" not in n and not INTERNAL.match(n)
    }
    for env, spec in registry["environments"].items():
        candidates["{" + env + "}"] = environment_snippets(env, spec)
    # Typed symbols (∠, ∴, ≤...): a separate figure, as KaTeX's docs list them apart.
    typed = sorted(n for n in names if len(n) == 1 and ord(n) > 127)
    for n in typed:
        candidates[n] = [(n, False), (rf"\text{{{n}}}", False)]
    answer = run_js(
        "katex_registry.js",
        {"candidates": candidates, "snippets": [[f, True] for f in ml_formulas()]},
    )
    first = {n: (c[0], c[1]) for n, c in answer["first"].items() if c is not None}
    registry["commands"] = {n: first[n] for n in candidates if n in first and n not in typed}
    registry["typed"] = {n: first[n] for n in typed if n in first}
    registry["ml_renders"] = answer["renders"]
    return registry


def failures(names: dict[str, tuple[str, bool]], convert: Any = convert) -> dict[str, str]:
    """The names whose snippet does not convert, with why."""
    bad: dict[str, str] = {}
    for name, (tex, display) in names.items():
        try:
            convert(tex, display)
        except (TexError, math_core.LatexError) as e:
            bad[name] = f"{tex!r}: {e}"
    return bad


def math_core_alone(tex: str, display: bool) -> str:
    return str(PLAIN.convert_with_local_state(tex, displaystyle=display))


def ml_formulas() -> list[str]:
    lines = (DATA / "ml_formulas.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("%")]


def test_katex_commands_convert():
    names = katex()["commands"]
    assert len(names) > 1000
    bad = failures(names)
    coverage = 1 - len(bad) / len(names)
    listing = "\n".join(f"  {n}: {why}" for n, why in sorted(bad.items()))
    assert coverage >= FLOOR, f"{coverage:.2%} of {len(names)} KaTeX names convert:\n{listing}"


def test_ml_formulas_convert():
    formulas = ml_formulas()
    assert len(formulas) >= 200
    # The list is KaTeX's language: a formula KaTeX rejects would measure nothing.
    assert [f for f, ok in zip(formulas, katex()["ml_renders"], strict=True) if not ok] == []
    bad = []
    for tex in formulas:
        try:
            convert(tex, True)
        except TexError as e:
            bad.append(f"{tex!r}: {e}")
    assert not bad, "\n".join(bad)


# What math-core alone got wrong without an error, and the layer draws differently on purpose.
FIXED = re.compile(r"\\\\(?![^{}]*\})|\\(?:text)?color\{(?:purple|brown|green|orange|yellow)")


def test_what_converted_before_is_unchanged():
    snippets = [(tex, display) for tex, display in katex()["commands"].values()]
    snippets += [(tex, True) for tex in ml_formulas()]
    changed = []
    for tex, display in snippets:
        try:
            before = math_core_alone(tex, display)
        except math_core.LatexError:
            continue
        if convert(tex, display) != before and not FIXED.search(tex):
            changed.append(tex)
    assert changed == []


def test_css_colour_names_exact():
    assert len(CSS_COLOURS) == 148
    written = run_js("katex_registry.js", {"colors": sorted(CSS_COLOURS)})["colors"]
    # KaTeX accepts every name and writes it unchanged: the browser gives it CSS's RGB
    # (tests/test_math_browser.py holds the table to Chromium's).
    assert written == {name: name for name in CSS_COLOURS}
    for name, rgb in CSS_COLOURS.items():
        for tex in (rf"\color{{{name}}}{{x}}", rf"\textcolor{{{name.title()}}}{{x}}"):
            assert COLOUR.findall(convert(tex, False)) == [rgb], tex


@pytest.mark.parametrize(
    ("spec", "css", "rgb"),
    [("#1f77b4", "#1f77b4", "1F77B4"), ("#93d", "#93d", "9933DD"), ("1F77B4", "#1F77B4", "1F77B4")],
)
def test_hex_colours_exact(spec, css, rgb):
    tex = rf"\color{{{spec}}}{{x}}"
    assert run_js("katex_registry.js", {"colors": [spec]})["colors"] == {spec: css}
    assert COLOUR.findall(convert(tex, False)) == [rgb]


def test_katex_colour_macros_exact():
    macros = katex()["macros"]
    found = 0
    for name, expansion in macros.items():
        match = re.fullmatch(r"\\textcolor\{(#*)(\w+)\}\{#1\}", expansion or "")
        if match:
            found += 1
            rgb = CSS_COLOURS.get(match[2]) or match[2].upper()
            assert COLOUR.findall(convert(name + "{x}", False)) == [rgb], name
    assert found > 50


def report() -> None:
    """The figures in docs/plugin/math-and-code.md: `python tests/test_katex_coverage.py`."""
    registry = katex()
    formulas = ml_formulas()
    for label, names in [("KaTeX commands", registry["commands"]), ("typed", registry["typed"])]:
        for how, fn in [("math-core alone", math_core_alone), ("texcompat", convert)]:
            bad = failures(names, fn)
            done = len(names) - len(bad)
            print(f"{label}, {how}: {done} of {len(names)} ({done / len(names):.1%})")
            if how == "texcompat" and bad:
                print("  not converted:", ", ".join(sorted(bad)))
    for how, fn in [("math-core alone", math_core_alone), ("texcompat", convert)]:
        done = sum(1 for f in formulas if not failures({f: (f, True)}, fn))
        print(f"ML and statistics formulas, {how}: {done} of {len(formulas)}")
    for how, fn in [("math-core alone", math_core_alone), ("texcompat", convert)]:
        exact = wrong = 0
        for name, rgb in CSS_COLOURS.items():
            if not failures({name: (rf"\color{{{name}}}{{x}}", False)}, fn):
                found = COLOUR.findall(fn(rf"\color{{{name}}}{{x}}", False))
                exact, wrong = exact + (found == [rgb]), wrong + (found != [rgb])
        fail = len(CSS_COLOURS) - exact - wrong
        print(f"CSS colour names, {how}: {exact} exact, {wrong} another colour, {fail} fail")
    for label, fs in [("benchmarks/math_converters.py", BENCH), ("ML list", formulas)]:
        for how, fn in [("math-core alone", math_core_alone), ("texcompat", convert)]:
            usable = [f for f in fs if not failures({f: (f, True)}, fn)]
            print(f"median per formula, {label}, {how}: {median_time(fn, usable):.2f} µs")


def median_time(fn: Any, formulas: list[str], number: int = 200, repeat: int = 5) -> float:
    """The median over formulas of each one's best of `repeat` runs of `number` conversions."""
    times = []
    for tex in formulas:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(number):
                fn(tex, True)
            runs.append((time.perf_counter() - start) / number * 1e6)
        times.append(min(runs))
    return statistics.median(times)


BENCH = [
    r"f_{\alpha}(x) = \dfrac{x^2}{(x^2+x_{max}-x)^\alpha}",
    r"\alpha = \dfrac{t}{t_{max}}*\dfrac{\log(v)}{\log(v_{max})}",
    r"\dfrac{a}{b}",
    r"\begin{aligned} a &= b + c \\ d &= e \end{aligned}",
    r"\left( \frac{a}{b} \right)",
    r"\mathbb{R}^n",
    r"\lVert x \rVert_2",
    r"\sum_{i=1}^{n} x_i^2",
    r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
    r"f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \ge 0 \end{cases}",
    r"\text{loss} = -\log p",
    r"\operatorname{softmax}(z)_i",
    r"\sqrt[3]{x}",
    r"\hat{y} = W\vec{x} + b",
]

if __name__ == "__main__":
    report()
