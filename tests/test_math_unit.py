import html

import pytest

from mkdocs_perceptual.lumen.slugs import GithubSlugger, title_slug
from mkdocs_perceptual.markdown.mathml import MathError, convert_page, to_mathml


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("About the Dataset", "about-the-dataset"),
        (
            "Perceptual Learning - Deep Learning for Text & Sequences",
            "perceptual-learning---deep-learning-for-text--sequences",
        ),
        ("What's a CNN?", "whats-a-cnn"),
        ("Importing the data in csv format.", "importing-the-data-in-csv-format"),
        ("Café au lait", "café-au-lait"),
        ("Привет мир", "привет-мир"),
        ("Emoji 🎉 here", "emoji--here"),
        ("x—y “quoted”", "xy-quoted"),
    ],
)
def test_github_slugger_ids(heading, slug):
    assert GithubSlugger().slug(heading) == slug
    assert title_slug(heading) == slug


def test_repeats_count_per_page():
    slugger = GithubSlugger()
    assert [slugger.slug("Repeat") for _ in range(3)] == ["repeat", "repeat-1", "repeat-2"]
    slugger.reset()
    assert slugger.slug("Repeat") == "repeat"


def test_mathml():
    assert to_mathml(r"\dfrac{a}{b}", True).startswith('<math display="block">')
    for tex in [
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
        r"\left( x \right)",
        r"\mathbb{R}",
        r"\lVert x \rVert",
    ]:
        assert "<math" in to_mathml(tex, False)
    with pytest.raises(MathError, match="Unknown command"):
        to_mathml(r"\nosuchcommand", False)


def test_convert_page():
    page = (
        '<p>Inline <span class="arithmatex">\\(a &lt; b\\)</span>.</p>\n'
        '<div class="arithmatex">\\[\nx^2\n\\]</div>\n'
        '<div class="arithmatex">\\[\n\\frac{1}{\n\\]</div>'
    )
    warnings: list[str] = []
    out = convert_page(page, warnings.append)
    assert out.startswith("<p>Inline <math><mi>a</mi><mo>&lt;</mo><mi>b</mi></math>.</p>")
    assert '<div class="arithmatex"><math display="block"><msup>' in out
    assert '<pre><code class="perceptual-math-error">$$\\frac{1}{$$</code></pre>' in out
    assert len(warnings) == 1
    assert "formula '$$\\\\frac{1}{$$' was not converted to MathML" in warnings[0]
    assert convert_page("<p>no math</p>", warnings.append) == "<p>no math</p>"


def test_mathml_is_ascii_with_symbols_as_character_references():
    # A symbol outside ASCII would make Python hold the whole page at two bytes a character.
    mathml = to_mathml(r"\sum_{k} \alpha_k - \infty", False)
    assert mathml.isascii()
    assert "&#8721;" in mathml  # the sum sign
    text = html.unescape(mathml)
    assert {"\u2211", "\u03b1", "\u221e"} <= set(text)
