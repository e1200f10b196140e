from __future__ import annotations

import time

import pytest

from mkdocs_perceptual.markdown.fences import rewrite_fences


def fence(info: str, *lines: str, mark: str = "```") -> str:
    return "\n".join([f"{mark}{info}", *lines, mark])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            fence("js{1,3-5}", "a", "b", "c", "d", "e"),
            fence('js hl_lines="1 3 4 5"', "a", "b", "c", "d", "e"),
        ),
        (fence("js{numberLines: true}", "a"), fence('js linenums="1"', "a")),
        (fence("js{numberLines: 5}", "a"), fence('js linenums="5"', "a")),
        (fence("js{numberLines: false}", "a"), fence("js", "a")),
        (
            fence("js{2}{numberLines: true}", "a", "b"),
            fence('js hl_lines="2" linenums="1"', "a", "b"),
        ),
        (fence("js{numberLines: 3}{1}", "a"), fence('js hl_lines="1" linenums="3"', "a")),
        (fence("shell{promptUser: alice}", "ls"), fence("shell", "ls")),
        (
            fence("js{ 1 , 3 - 4 }", "a", "b", "c", "d"),
            fence('js hl_lines="1 3 4"', "a", "b", "c", "d"),
        ),
        (fence("js", "a; // highlight-line", "b"), fence('js hl_lines="1"', "a;", "b")),
        (fence("js", "// highlight-next-line", "a", "b"), fence('js hl_lines="1"', "a", "b")),
        (
            fence("python", "x", "# highlight-start", "y", "z", "# highlight-end", "w"),
            fence('python hl_lines="2 3"', "x", "y", "z", "w"),
        ),
        (fence("css", "a {} /* highlight-line */"), fence('css hl_lines="1"', "a {}")),
        (fence("html", "<p></p> <!-- highlight-line -->"), fence('html hl_lines="1"', "<p></p>")),
        (fence("jsx", "<A /> {/* highlight-line */}"), fence('jsx hl_lines="1"', "<A />")),
        (fence("sql", "SELECT 1 -- highlight-line"), fence('sql hl_lines="1"', "SELECT 1")),
        (fence("js{1}", "a", "b // highlight-line"), fence('js hl_lines="1 2"', "a", "b")),
        (
            fence("js{numberLines: 10}", "// highlight-next-line", "a", "b"),
            fence('js hl_lines="1" linenums="10"', "a", "b"),
        ),
        # Tildes, and an indented fence inside a list item.
        (fence("js{1}", "a", mark="~~~"), fence('js hl_lines="1"', "a", mark="~~~")),
        (
            "- item\n\n    ```js{1}\n    a\n    ```",
            '- item\n\n    ```js hl_lines="1"\n    a\n    ```',
        ),
        # Options after a space, as remark splits them into lang and meta.
        (fence("js {2}", "a", "b"), fence('js hl_lines="2"', "a", "b")),
        (fence("python {numberLines: 21}", "x"), fence('python linenums="21"', "x")),
        (fence("js {1} {numberLines: true}", "a"), fence('js hl_lines="1" linenums="1"', "a")),
        (fence("  js{1}  ", "a"), fence('js hl_lines="1"', "a")),
        # Opened or closed with up to 3 spaces of indent.
        (" ```js{1}\n a\n ```", ' ```js hl_lines="1"\n a\n ```'),
        ("   ```js {1}\n   a\n```", '   ```js hl_lines="1"\n   a\n```'),
        ("```js{1}\na\n   ```", '```js hl_lines="1"\na\n   ```'),
    ],
)
def test_prism_fences_become_superfences_options(source: str, expected: str) -> None:
    assert rewrite_fences(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        fence("css", "#header h1 a {", "  display: block;", "}"),  # '#' but no directive
        fence("", "no language: // highlight-line"),  # Prism left it alone
        fence('python hl_lines="1"', "x"),  # SuperFences' own syntax
        fence("{.python}", "x"),
        "````md\n```js{2}\n// highlight-line\n```\n````",  # a fence shown inside a longer one
        "```js{1}\nnever closed",
        "Inline ```js{1}``` code.",
        "No fences at all.",
        # Four spaces more than the opening fence: code, not the closing fence.
        "```js{1}\na\n    ```",
    ],
)
def test_other_text_is_left_alone(source: str) -> None:
    assert rewrite_fences(source) == source


def test_long_runs_of_spaces_take_linear_time() -> None:
    # The former opening-fence regex backtracked quadratically on such lines.
    text = "```" + " " * 50_000 + "x" + " " * 50_000 + "\n" + (" " * 100_000 + "\n") * 3
    start = time.perf_counter()
    assert rewrite_fences(text) == text
    assert time.perf_counter() - start < 1.0
