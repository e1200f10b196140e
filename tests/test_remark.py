"""`remark.prepare`: each rewrite it makes, and the text it must leave alone."""

from __future__ import annotations

import html as html_module
import os

import markdown
import pytest
from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_perceptual.markdown import remark
from mkdocs_perceptual.markdown.extensions import our_extensions


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # A list right after a paragraph line.
        ("Intro:\n- a\n- b", "Intro:\n\n- a\n- b"),
        ("![img](/x.jpg)\n+ A non-specialist", "![img](/x.jpg)\n\n+ A non-specialist"),
        ("Steps:\n1) one\n2) two", "Steps:\n\n1. one\n2. two"),
        # 2-space nesting becomes 4; remark's pedantic mode strips up to 4 spaces a level.
        ("- a\n  - b\n- c", "- a\n    - b\n- c"),
        ("1. a\n   1. b", "1. a\n    1. b"),
        ("- a\n  - b\n    - c", "- a\n    - b\n    - c"),
        ("* a\n    * b\n        * c", "* a\n    * b\n        * c"),
        ("- a\n\n  more of a", "- a\n\n    more of a"),
        ("- a\n\n        code", "- a\n\n        code"),
        ("- a\n\n  ```js\n  x\n  ```", "- a\n\n    ```js\n    x\n    ```"),
        # Display math after text, consecutive blocks, inline $$.
        ("Text\n$$\nx\n$$\nmore", "Text\n\n$$\nx\n$$\n\nmore"),
        ("$$\na\n$$\n$$\nb\n$$", "$$\na\n$$\n\n$$\nb\n$$"),
        ("$$\na\n\nb\n$$", "$$\na\nb\n$$"),
        ("so $$x^2$$ and $$ y $$.", "so $x^2$ and $y$."),
        ("`$$x$$` and $$x$$", "`$$x$$` and $x$"),
        # Fences after text, indented by up to 3 spaces.
        ("Run:\n```sh\nls\n```\nDone.", "Run:\n\n```sh\nls\n```\n\nDone."),
        ("Run:\n ```sh\n ls\n  -a\n ```", "Run:\n\n```sh\nls\n -a\n```"),
        # Two quotes stay two; a list ends a quote.
        ("> a\n\n> b", "> a\n\n<!-- -->\n\n> b"),
        ("> a\n- b", "> a\n\n- b"),
        # A table ends at a line without pipes.
        ("| a |\n|---|\n| 1 |\nafter", "| a |\n|---|\n| 1 |\n\nafter"),
        # Markdown after a blank line in block HTML.
        ("<div>\n\n*x*\n\n</div>", '<div markdown="1">\n\n*x*\n\n</div>'),
        (
            "<details>\n<summary>S</summary>\n\n- x\n\n</details>",
            '<details markdown="1">\n<summary>S</summary>\n\n- x\n\n</details>',
        ),
        # `$$` indented into a list item stays in it, at any indent up to the item's content.
        ("1. a\n   $$\n   x\n   $$\n2. b", "1. a\n\n    $$\n    x\n    $$\n\n2. b"),
        ("- a\n  $$\n  x\n  $$\n  more", "- a\n\n    $$\n    x\n    $$\n\n    more"),
        # ... and one indented less than the item's content ends the item.
        ("1. a\n  $$\n  x\n  $$", "1. a\n\n$$\nx\n$$"),
        # Three or more dollars open a block that as many close; text after them is kept.
        ("$$$\nx\n$$$", "$$\nx\n$$"),
        ("$$\nx\n$$$ where", "$$\nx\n$$\n\nwhere"),
        ("so $$$x$$$ is", "so \\$$x$\\$ is"),
        # In pedantic mode any line right after an item's line is in the item (not `$$`).
        ("- a\n## h", "- a\n\n    ## h"),
        ("- a\n<!-- c -->\n- b", "- a\n\n    <!-- c -->\n\n- b"),
        # Definitions count only at the top level, after a blank line.
        ("> [a]: /x", "> \\[a]: /x"),
        ("- [a]: /x", "- \\[a]: /x"),
        ("text\n[a]: /x", "text\n\\[a]: /x"),
        ("[a]: /x\n[b]:\n  /y", "[a]: /x\n[b]:\n  /y"),
        # A blockquote's content is read as a post of its own.
        ("> a\n> ```\n> x\n> ```", "> a\n>\n> ```\n> x\n> ```"),
        ("> 1. a\n>    $$\n>    x\n>    $$", "> 1. a\n>\n>     $$\n>     x\n>     $$"),
        # A fence on an item's first line is the item's code.
        ("- ```\n  x\n  ```\n- b", "- \n\n    ```\n    x\n    ```\n\n- b"),
        # `#` after up to 3 spaces is a heading.
        ("  ## h", "## h"),
    ],
)
def test_rewrites(source: str, expected: str) -> None:
    assert remark.prepare(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "Plain text.\n\nTwo paragraphs.",
        "A line - with a dash\nand * a star inside.",
        "1). Not a list<br/>\n2). Nor this",
        "Title\n-----\n\nText\n=====",
        "text\n    continued, not code",
        "    code\n    - not a list\n    $$x$$",
        "```\n$$\n- no\n> no\n```",
        "~~~\nText\n- no\n~~~",
        "Costs $5 and $10.",  # remark read math here; Python-Markdown is right
        "snake_case_name stays",
        "<div>\n*raw*\n</div>",
        "<div>closed</div>\n\ntext",
        "> quote\n> more\n\npara",
        "- a\n- b\n\n- c",
        "$$\nx\n$$",
    ],
)
def test_leaves_alone(source: str) -> None:
    assert remark.prepare(source) == source


def test_seed_posts_plus_line_becomes_a_list_item() -> None:
    body = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    extensions = {**our_extensions("katex"), **remark.EXTENSIONS}
    extensions["toc"] = {}
    html = markdown.markdown(
        remark.prepare(body), extensions=list(extensions), extension_configs=extensions
    )
    assert "<li>A non-specialist perspective</li>" in html
    assert "+ A non-specialist" not in html


_FRAGMENTS = [
    *("alpha", "beta", "gamma", "Mỗi", "cặp"),
    *(" ", " ", "\n", "\n", "\n\n", "    ", "  "),
    *("<", ">", "</", "<b>", "</b>", "<!--", "-->", "<img src=x>"),
    *("$", "$$", "$$$", "`", "``", "```", "\\", "*", "**", "_", "~~"),
    *("- ", "1. ", "> ", "# ", "| ", "---", "[", "]", "(", ")", "[^1]"),
    *("www.example.org", "https://example.org/a_(b)", "mailto:me@example.org"),
]


@settings(max_examples=int(os.environ.get("PERCEPTUAL_HYPOTHESIS_EXAMPLES", "300")))
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60))
def test_any_text_reads_without_losing_a_word(parts: list[str]) -> None:
    """Whatever a post holds, the Lumen reading renders it, and every word of it is somewhere
    in the HTML: shown, in a formula, in code or in an attribute, never dropped."""
    source = "".join(parts)
    extensions = {**our_extensions("katex"), **remark.EXTENSIONS}
    html = markdown.Markdown(extensions=list(extensions), extension_configs=extensions).convert(
        remark.prepare(source)
    )
    assert "\x02" not in html
    assert "\x03" not in html
    # Read as a browser would: an e-mail address in `<...>` is written as character
    # references (Python-Markdown's automail hides it from harvesters), its words still there.
    shown = html_module.unescape(html)
    for word in ("alpha", "beta", "gamma", "Mỗi", "cặp"):
        assert shown.count(word) >= source.count(word), (source, html)
