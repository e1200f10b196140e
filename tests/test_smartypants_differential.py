"""Quotes, dashes and dots as Lumen showed them: gatsby-remark-smartypants (retext-smartypants,
`dashes: oldschool`) over remark's tree, against a real build with the plugin (Python-Markdown's
`smarty`, which the plugin adds for Lumen files), paragraph by paragraph."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import build_in_process, post, write_site
from jsrun import run_js

# One pytest-xdist worker runs this module, so that its site is built once.
pytestmark = pytest.mark.xdist_group("smartypants-differential")

TEXTS = {
    "double": 'He said "hello" and left.',
    "single": "She wrote 'maybe' twice.",
    "apostrophe": "It's the model's loss, isn't it?",
    "en-dash": "Pages 10 -- 20 of the paper.",
    "em-dash": "The result --- surprisingly --- held.",
    "ellipsis": "And then... nothing.",
    "nested": "\"A 'quoted' word\" inside.",
    "parenthesis": 'The term ("attention") is old.',
    "code-span": 'Type `print("hi") -- now...` as is.',
    "after-colon": 'One word: "done".',
    "start": '"Quoted" at the start.',
    "possessive-plural": "The authors' code is public.",
    "numbers": "Between 3 -- 5 epochs, roughly.",
    "question": 'Is it "fine"?',
    "link": 'See [the "docs"](https://example.org/) -- now.',
    "emphasis": 'An *"emphasised"* quote.',
}


@pytest.fixture(scope="module")
def paragraphs(tmp_path_factory):
    theirs = run_js("smartypants.js", TEXTS)
    root = tmp_path_factory.mktemp("smartypants")
    write_site(
        root, {f"posts/{name}.md": post(title=name, body=text) for name, text in TEXTS.items()}
    )
    result = build_in_process(root, strict=True)
    assert result.returncode == 0, result.output
    ours = {}
    for name in TEXTS:
        page = BeautifulSoup((root / "site/posts" / name / "index.html").read_text(), "html.parser")
        body = page.select_one("article") or page
        ours[name] = [
            " ".join(p.get_text().split())
            for p in body.find_all("p")
            if not p.get("class") or not any(c.startswith("perceptual") for c in p["class"])
        ]
    return {name: (theirs[name], ours[name]) for name in TEXTS}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_typography_as_lumen_showed_it(name, paragraphs):
    theirs, ours = paragraphs[name]
    assert [" ".join(t.split()) for t in theirs] == ours[: len(theirs)]


def test_quotes_are_typographic_on_both_sides(paragraphs):
    assert paragraphs["double"] == (
        ["He said \u201chello\u201d and left."],
        ["He said \u201chello\u201d and left."],
    )
