"""Math and code in real builds, on Material and MkDocs' own themes."""

from __future__ import annotations

import pytest
from conftest import SEED, SEED_IMAGE, plugins, post

SEED_FILES = {
    **SEED_IMAGE,
    "index.md": "# Home\n",
    "posts/seed.md": SEED.read_text(encoding="utf-8"),
}
SEED_PAGE = "posts/perceptual-learning-text-sequences/index.html"

CODE_POST = post(
    title="Code",
    body="""
Costs 5 dollars, or $5, or \\$10 and $20 today; inline $a^2 + b^2 = c^2$ is math.

```js{1,3-4}
const a = 1;
const b = 2;
const c = 3;
const d = 4;
```

```js{numberLines: 5}
let x = 1; // highlight-line
// highlight-next-line
let y = 2;
let z = 3;
```

```python
# highlight-start
def f():
    return 1
# highlight-end
print(f())
```

## Repeat

## Repeat
""",
)


def plugin(**options):
    return {"plugins": plugins(**options)}


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_seed_math_and_code(build_site, theme):
    result = build_site(SEED_FILES, {"theme": theme})
    assert result.returncode == 0, result.output
    html = result.html(SEED_PAGE)
    raw = (result.site / SEED_PAGE).read_text(encoding="utf-8")
    assert len(html.find_all("math", attrs={"display": "block"})) == 2
    assert "$$" not in html.get_text()
    assert "\\dfrac" not in raw
    assert not html.find("script", src=lambda s: s and ("katex" in s or "mathjax" in s.lower()))
    css = html.select_one("div.language-css.highlight")
    assert {span["class"][0] for span in css.select("code span[class]")} >= {"nt", "k", "p"}
    assert html.find(id="about-the-dataset").name == "h2"
    assert html.find(id="perceptual-learning---deep-learning-for-text--sequences").name == "h1"
    assert html.find("link", href=lambda h: h and h.endswith("perceptual/math.css"))
    assert (result.site / "perceptual/math.css").is_file()


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_prism_code_and_dollars(build_site, theme):
    result = build_site({"posts/code.md": CODE_POST}, {"theme": theme})
    assert result.returncode == 0, result.output
    html = result.html("posts/code/index.html")
    text = html.get_text()
    for info in (
        "js{",
        "numberLines",
        "highlight-line",
        "highlight-next-line",
        "highlight-start",
        "highlight-end",
    ):
        assert info not in text
    blocks = html.select("div.highlight")
    assert len(blocks) == 3
    highlighted = [
        [line.get_text().strip() for line in block.select("span.hll")] for block in blocks
    ]
    assert highlighted == [
        ["const a = 1;", "const c = 3;", "const d = 4;"],
        ["let x = 1;", "let y = 2;"],
        ["def f():", "return 1"],
    ]
    numbers = blocks[1].select_one(".linenos").get_text().split()
    assert numbers == ["5", "6", "7"]
    prose = html.find("p", string=lambda s: s and "dollars" in s) or html.find(
        lambda tag: tag.name == "p" and "dollars" in tag.get_text()
    )
    assert "Costs 5 dollars, or $5, or $10 and $20 today" in prose.get_text()
    assert len(prose.find_all("math")) == 1
    assert [h["id"] for h in html.find_all("h2")] == ["repeat", "repeat-1"]


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_other_themes_get_pygments_colours_and_no_highlightjs(build_site, theme):
    result = build_site({"posts/code.md": CODE_POST}, {"theme": theme})
    assert result.returncode == 0, result.output
    html = result.html("posts/code/index.html")
    assert html.find("link", href=lambda h: h and h.endswith("perceptual/pygments.css"))
    css = (result.site / "perceptual/pygments.css").read_text()
    assert ".highlight .hll" in css
    assert "@media (prefers-color-scheme: dark)" in css
    assert not html.find("script", src=lambda s: s and "highlight" in s)


def test_material_brings_its_own_code_colours(build_site):
    result = build_site({"posts/code.md": CODE_POST})
    assert result.returncode == 0, result.output
    assert not (result.site / "perceptual/pygments.css").exists()


def test_formula_that_does_not_convert(build_site):
    files = {"posts/bad.md": post(title="Bad", body="$$\n\\frac{1}{\n$$\n\nAfter.")}
    strict = build_site(files)
    assert strict.returncode != 0
    assert "WARNING" in strict.output
    assert "posts/bad.md: formula '$$\\\\frac{1}{$$' was not converted to MathML" in strict.output
    relaxed = build_site(files, strict=False)
    assert relaxed.returncode == 0, relaxed.output
    html = relaxed.html("posts/bad/index.html")
    assert html.select_one("code.perceptual-math-error").get_text() == "$$\\frac{1}{$$"
    assert "After." in html.get_text()


def test_katex_mode(build_site):
    result = build_site(SEED_FILES, plugin(math="katex"))
    assert result.returncode == 0, result.output
    html = result.html(SEED_PAGE)
    assert html.find("script", src="https://cdn.jsdelivr.net/npm/katex@0.16.22/dist/katex.min.js")
    assert html.find("link", href="https://cdn.jsdelivr.net/npm/katex@0.16.22/dist/katex.min.css")
    assert html.find("script", src=lambda s: s and s.endswith("perceptual/katex-init.js"))
    assert len(html.select("div.arithmatex")) == 2
    assert not html.find("math")

    own = build_site(
        SEED_FILES, plugin(math="katex", katex_js="/k/katex.js", katex_css="/k/katex.css")
    )
    assert own.returncode == 0, own.output
    assert own.html(SEED_PAGE).find("script", src="/k/katex.js")
    assert own.html(SEED_PAGE).find("link", href="/k/katex.css")


def test_no_math(build_site):
    result = build_site(SEED_FILES, plugin(math="none"))
    assert result.returncode == 0, result.output
    html = result.html(SEED_PAGE)
    assert not html.find("math")
    assert not html.select(".arithmatex")
    assert "$$" in html.get_text()


def test_users_own_extension_settings_win(build_site):
    config = {"markdown_extensions": [{"toc": {"permalink": False}}]}
    result = build_site(SEED_FILES, config)
    assert result.returncode == 0, result.output
    html = result.html(SEED_PAGE)
    assert not html.select("a.headerlink")
    assert html.find(id="about-the-dataset")


def test_configure_markdown_off_leaves_markdown_alone(build_site):
    result = build_site(
        {"posts/code.md": CODE_POST}, {"theme": "mkdocs", **plugin(configure_markdown=False)}
    )
    assert result.returncode == 0, result.output
    html = result.html("posts/code/index.html")
    assert not html.find("math")
    assert not (result.site / "perceptual/pygments.css").exists()
    assert "highlight-line" in html.get_text()


SHOUT_HOOK = """
from markdown import Extension
from markdown.postprocessors import Postprocessor


class Shout(Postprocessor):
    def run(self, text):
        return text.replace("gradient", "GRADIENT")


class ShoutExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(Shout(md), "shout", 0)


def on_config(config):  # MkDocs runs a hook's on_config after every plugin's
    config.markdown_extensions.append(ShoutExtension())
    return config
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_an_extension_a_hook_adds_reads_every_page(build_site, tmp_path, workers):
    """An extension a hook (or a later plugin) adds in on_config reads the posts and the other
    pages, as without the plugin: the plugin takes its readings after every on_config."""
    (tmp_path / "hooks.py").write_text(SHOUT_HOOK, encoding="utf-8")
    files = {"index.md": "# Home\n\nA gradient here.\n", "posts/a.md": post(body="A gradient.")}
    result = build_site(files, {"hooks": ["hooks.py"], **plugin(workers=workers)})
    assert result.returncode == 0, result.output
    assert "A GRADIENT here." in result.html("index.html").get_text()
    assert "A GRADIENT." in result.html("posts/a/index.html").get_text()


OBJECT_HOOK = """
from markdown.extensions.footnotes import FootnoteExtension


def on_config(config):
    config.markdown_extensions.append(FootnoteExtension(BACKLINK_TEXT="BACK"))
    return config
"""


def test_an_extension_object_keeps_its_settings_where_lumen_reads_it_too(build_site, tmp_path):
    """Lumen's reading needs `footnotes`; an object of that extension, from a hook, is that
    extension: posts and other pages read footnotes with its settings, not a second copy's."""
    (tmp_path / "hooks.py").write_text(OBJECT_HOOK, encoding="utf-8")
    body = "A claim.[^1]\n\n[^1]: The source.\n"
    files = {"index.md": "# Home\n\n" + body, "posts/a.md": post(body=body)}
    result = build_site(files, {"hooks": ["hooks.py"]})
    assert result.returncode == 0, result.output
    for page in ("index.html", "posts/a/index.html"):
        backrefs = result.html(page).select("a.footnote-backref")
        assert [a.get_text() for a in backrefs] == ["BACK"], page
