import pytest

from mkdocs_perceptual.fences import rewrite_fences


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
    ],
)
def test_prism_fences_become_superfences_options(source, expected):
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
    ],
)
def test_other_text_is_left_alone(source):
    assert rewrite_fences(source) == source
