"""Compare LaTeX -> MathML converters: coverage of the constructs blog posts use, and speed.

    python benchmarks/math_converters.py [--repeat 5] [--number 200]

Prints, per converter, which formulas convert, and the median time per formula over
`--repeat` runs of `--number` conversions of the whole set.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from html.entities import html5
from xml.etree import ElementTree

HTML_ENTITIES = {name[:-1]: text for name, text in html5.items() if name.endswith(";")}

_ENTITY_RE = re.compile(r"&(\w+);")
_XML_ENTITIES = {"lt", "gt", "amp", "quot", "apos"}


def _html_entity(m: re.Match[str]) -> str:
    name = m.group(1)
    return m.group(0) if name in _XML_ENTITIES else HTML_ENTITIES.get(name, m.group(0))


FORMULAS = {
    "seed display 1": r"f_{\alpha}(x) = \dfrac{x^2}{(x^2+x_{max}-x)^\alpha}",
    "seed display 2": r"\alpha = \dfrac{t}{t_{max}}*\dfrac{\log(v)}{\log(v_{max})}",
    "dfrac": r"\dfrac{a}{b}",
    "aligned": r"\begin{aligned} a &= b + c \\ d &= e \end{aligned}",
    "left right": r"\left( \frac{a}{b} \right)",
    "mathbb": r"\mathbb{R}^n",
    "lVert": r"\lVert x \rVert_2",
    "sum limits": r"\sum_{i=1}^{n} x_i^2",
    "matrix": r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
    "cases": r"f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \ge 0 \end{cases}",
    "text": r"\text{loss} = -\log p",
    "operatorname": r"\operatorname{softmax}(z)_i",
    "sqrt": r"\sqrt[3]{x}",
    "hat vec": r"\hat{y} = W\vec{x} + b",
}


def converters() -> dict[str, Callable[[str, bool], str]]:
    found: dict[str, Callable[[str, bool], str]] = {}
    try:
        import math_core

        converter = math_core.LatexToMathML()
        found["math-core"] = lambda tex, display: converter.convert_with_local_state(
            tex, displaystyle=display
        )
    except ImportError:
        pass
    try:
        import latex2mathml.converter

        found["latex2mathml"] = lambda tex, display: latex2mathml.converter.convert(
            tex, display="block" if display else "inline"
        )
    except ImportError:
        pass
    return found


def coverage(convert: Callable[[str, bool], str]) -> dict[str, str]:
    """'ok', or what is wrong, for each formula; plus whether an unknown command is reported."""
    result = {}
    for name, tex in FORMULAS.items():
        try:
            out = convert(tex, True)
        except Exception as e:  # each converter raises its own kind
            result[name] = f"error: {type(e).__name__}: {str(e).strip().splitlines()[0][:60]}"
            continue
        try:
            # The page is HTML, where named entities such as &ApplyFunction; are fine.
            ElementTree.fromstring(_ENTITY_RE.sub(_html_entity, out))
        except ElementTree.ParseError as e:
            result[name] = f"output is not well-formed HTML/XML ({e})"
            continue
        if "<math" not in out:
            result[name] = "no <math>"
        elif name == "aligned" and "<mtable" not in out:
            result[name] = "no <mtable>: the alignment is lost"
        else:
            result[name] = "ok"
    try:
        out = convert(r"\nosuchcommand x", False)
        result["unknown command"] = f"no error: converted to {out[:70]}..."
    except Exception:
        result["unknown command"] = "ok"
    return result


def speed(convert: Callable[[str, bool], str], repeat: int, number: int) -> float:
    ok = [tex for tex in FORMULAS.values() if _converts(convert, tex)]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            for tex in ok:
                convert(tex, True)
        runs.append((time.perf_counter() - start) / (number * len(ok)))
    return statistics.median(runs)


def _converts(convert: Callable[[str, bool], str], tex: str) -> bool:
    try:
        convert(tex, True)
        return True
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--number", type=int, default=200)
    args = parser.parse_args()
    found = converters()
    for name, convert in found.items():
        cov = coverage(convert)
        per_formula = speed(convert, args.repeat, args.number)
        good = sum(v == "ok" for v in cov.values())
        print(
            f"## {name}: {good}/{len(cov)} formulas, median {per_formula * 1e6:.1f} µs per formula"
        )
        for formula, verdict in cov.items():
            if verdict != "ok":
                print(f"   {formula}: {verdict}")


if __name__ == "__main__":
    main()
