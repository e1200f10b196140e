"""Material's search reads formulas and code blocks without their markup
(`build/searchtext.py`): its own index, given each page as it is and as `lighter` leaves it,
makes the same entries."""

from __future__ import annotations

import json
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import build_in_process, plugins, write_site
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc
from test_build import post

from mkdocs_perceptual.build import searchtext
from mkdocs_perceptual.markdown.mathml import MathError, to_mathml

DATA = Path(__file__).resolve().parent / "data"


def entries(content: str, title: str = "A page", add: Callable | None = None) -> list[dict]:
    """Material's own index's entries for a page holding `content`; with `add`, as
    `add(index, page)` has the index make them."""
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    page = types.SimpleNamespace(
        content=content, toc=get_toc([]), url="a/", title=title, meta={"tags": ["x"]}
    )
    if add is None:
        index.add_entry_from_context(page)
    else:
        add(index, page)
    assert page.content is content  # the page is left as it was
    return index.entries


M = "<math><msub><mi>L</mi><mn>1</mn></msub><mo>=</mo><mi>&#945;</mi></math>"

# (HTML, whether `lighter` takes the formula's inner tags out)
CASES = [
    (f"<p>The loss is {M} for each.</p>", True),
    (f"<h2 id='s'>Section {M}<a class='headerlink' href='#s'>&para;</a></h2><p>x</p>", True),
    (f"<ul><li>{M}</li><li>{M} and {M}</li></ul>", True),
    (f"<p>{M}{M}</p><pre><code>{M}</code></pre>", True),
    (f'<div class="arithmatex"><math display="block" alttext="a > b">{M[6:]}</div>', True),
    ("<p><math><mspace width='1em'/><mi>x</mi><mspace/></math></p>", True),
    ("<p><MATH><MI>x</MI><MO>+</MO></MATH></p>", True),
    (
        "<p><math><semantics><mi>x</mi><annotation encoding='application/x-tex'>x</annotation>"
        "</semantics></math></p>",
        True,
    ),
    # Whitespace alone between two tags: the parser collapses it, so the markup stays.
    ("<p>a <math><mi>x</mi> <mi>y</mi></math> b</p>", False),
    ("<p><math><mi>x</mi><mtext>&nbsp;</mtext><mi>y</mi></math></p>", False),
    ("<p><math><mi>x</mi><mtext>  </mtext><mi>y</mi></math></p>", False),
    ("<p><math><mi>x</mi>\n<mi>y</mi></math></p>", False),
    # Tags the parser looks at, or that are not MathML's.
    ("<p><math><mi data-search-exclude>secret</mi><mi>x</mi></math></p>", False),
    ("<p><math><mrow class='linenodiv'><mi>1</mi></mrow></math></p>", False),
    ("<p><math><mi>x</mi><sub>2</sub></math></p>", False),
    ("<p><math><mi>x</mi><b>bold</b></math></p>", False),
    ("<p><math><mi>x</mi><script>var a</script></math></p>", False),
    # Bad nesting, a comment, a reference cut by a tag, a stray '<'.
    ("<p><math><mi>x</mo><mi>y</mi></math></p>", False),
    ("<p><math><mrow><mi>x</mi></math></p>", False),
    ("<p><math><mi>x</mi><!-- a > b --><mi>y</mi></math></p>", False),
    ("<p><math><mi>a &amp</mi><mi>lt;</mi></math></p>", False),
    ("<p><math><mi>a &</mi><mi>#60;</mi></math></p>", False),
    ("<p><math><mi>a < b</mi></math></p>", False),
    ("<p>no formula at all</p>", False),
    ("<p><math-field><mi>x</mi></math-field></p>", False),  # not MathML's <math>
    # Code blocks: the spans go, whitespace and all (the parser keeps every piece in <pre>).
    (
        '<pre><code><span class="k">def</span> <span class="nf">f</span>():\n    '
        '<span class="k">return</span>  1\n</code></pre>',
        True,
    ),
    (
        '<div class="highlight"><pre><span></span><code><span class="hll"><span class="n">a</span>'
        '</span>\n<a id="l1" name="l1" href="#l1"></a><span class="n">b</span>\n</code></pre></div>',
        True,
    ),
    ("<pre><code><span>&lt;tag&gt; &amp; &#60;</span>\n\n<span> </span>\t</code></pre>", True),
    ('<PRE><CODE><SPAN CLASS="s">x</SPAN></CODE></PRE>', True),
    ("<pre><code>   </code></pre><p>a</p><pre><code><span> </span></code></pre>", True),
    ("<h2 id='c'>Code</h2><pre><code><span>only</span></code></pre><p>after</p>", True),
    # What the parser looks at, or a tag of another kind.
    ("<pre><code><span data-search-exclude>hidden</span>x</code></pre>", False),
    ("<pre><code><span DATA-SEARCH-EXCLUDE>hidden</span>x</code></pre>", False),
    ('<pre><span class="linenodiv">1</span></pre>', False),
    ("<pre><code><b>bold</b><span>x</span></code></pre>", False),
    ("<pre><code><span>x</code></span></pre>", False),
    ("<pre><code><span>a &amp</span><span>lt;</span></code></pre>", False),
    ("<pre><code><span>a < b</span></code></pre>", False),
    ("<pre-x><span>a</span> <span>b</span></pre-x>", False),
    # After a <plaintext> newer Pythons' parser reads everything as text.
    ("<plaintext></plaintext><pre><code><span>x</span></code></pre>", False),
]


@pytest.mark.parametrize(("html", "taken_out"), CASES)
def test_the_index_is_the_same(html, taken_out):
    light = searchtext.lighter(html)
    assert (light != html) is taken_out
    assert entries(light) == entries(html)


# What a fuzzer found against an earlier, looser reading of the page: each gave other entries.
FOUND = [
    '<h1 id><pre><a class="headerlink">x</a></pre>',  # a permalink's text is no title
    '<pre><span class="linenod&#105;v">1</span></pre>',  # the class, once unescaped
    '<pre><span>x</span a=">"></pre>',  # an end tag ends at its first '>'
    '<pre><span a=b"c>x</span><span d=">y</span></pre>',  # a quote inside a bare value
    """<pre a=b"c></pre>">a<a></a>\t<a></a>b</pre>""",
    "<pre/>a<a></a>\t<a></a>b</pre>",  # opened and closed at once
    "<pre\xa0>a<a></a>\t<a></a>b</pre>",  # the name is 'pre\xa0' to the parser
    "<pre\x0b>a<a></a>\t<a></a>b</pre>",
    "<!--<pre>-->a<a></a>\t<a></a>b</pre>",  # in a comment
    '<p title="<pre>">a<a></a>\t<a></a>b</pre>',  # in an attribute's value
    "<b<pre>a<a></a>\t<a></a>b</pre>",  # in a tag's name
    "</<pre>a<a></a>\t<a></a>b</pre>",
    "<?x <pre>?>a<a></a>\t<a></a>b</pre>",
    "<pre><span.x></span></pre>a\nb",  # a name the parser reads to the next space
    '<pre><a""></a></pre>a\nb',
    "<pre><a\x0b></a></pre>a\nb",
    "<pre><a></a<a></pre>a\nb",
    '<pre><span></SPAN""></pre>a\nb',
    "<pre><span/ ></pre>a\nb",  # not self-closing to the parser
    "<pre><span a=b/></pre>a\nb",  # the bare value is 'b/'
    "<mrow data-search-exclude><math><mrow>a</mrow>b</math></mrow>",  # excluded by name
    "<pre>z</pre><span data-search-exclude><pre><span>a</span>b</pre></span>",
    '<pre>z</pre><span class="linenodiv"><pre><span>a</span>b</pre></span>',
    "<script>x = '<pre>'</script><pre><span>a</span> <span>b</span></pre>",
    # A second round, against the strict reading: a reference that decodes to nothing is a
    # piece of its own to the parser (so the <pre> is not empty)...
    "<pre>&#1;<a></a> </pre>",
    "<pre><code>&#127;<span></span> </code></pre>",
    "<h2 id=s><pre>&#1;<a></a> </pre></h2>",
    "<pre>&#xFDD0<span/>\n</pre>",
    # ...and a character that lowercases to two would move every later position.
    "\u0130" * 10 + "<mi class=linenodiv><math><mi>a</mi>b</math></mi>",
    "\u0130" * 10 + "<a class=linenodiv><pre><a>a</a>b</pre></a>",
    "\u0130" * 20 + "<span data-search-exclude><pre><span>a</span>b</pre></span>",
    "\u0130" * 23 + '<pre>z</pre><span class="linenod&#105;v"><pre><span>a</span>b</pre></span>',
]


@pytest.mark.parametrize("html", FOUND)
def test_what_a_fuzzer_found(html):
    try:
        expected = entries(html)
    except ValueError:  # Material's parser fails on some of them: then the same way
        with pytest.raises(ValueError, match="is not in list"):
            entries(searchtext.lighter(html))
        return
    assert entries(searchtext.lighter(html)) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<pre>" + "<a " * 60000 + "</pre>",
        "<pre>" + '<span "' * 30000 + "</pre>",
        "<pre " * 40000,
        "<math>" + "<mi>x</mi>" * 20000 + "</math>" + "<" * 20000,
        "<pre>" * 40000 + "</pre>",  # each start would look to the same far end
        "<math>" * 33000 + "</math>",
        "<pre><span>" * 18000 + "</pre>",
        "<pre></pre><p " + "class='&' " * 20000 + ">",  # many needles in one long tag
        "<pre></pre><p " + "a " * 50000 + ">" + "linenodiv " * 10000,
        "<pre></pre><p " + "linenodiv " * 20000 + ">",
        "<pre></pre><p" + " data-search-exclude" * 10000 + ">",
    ],
)
def test_a_page_of_broken_tags_is_read_in_linear_time(html):
    """Every '<', region and tag is read a bounded number of times: a page of unclosed tags,
    nested regions or needles costs what a plain one does (earlier readings were quadratic:
    2.9 s at 20 KB, 182 s for 200 KB of '<pre>')."""
    started = time.perf_counter()
    searchtext.lighter(html)
    assert time.perf_counter() - started < 10  # a quadratic reading would take minutes


def formulas() -> list[str]:
    lines = (DATA / "ml_formulas.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("%")]


def formulas_as_mathml() -> Iterator[tuple[str, str]]:
    """Each formula of the corpus that converts, inline and displayed: (TeX, MathML)."""
    for tex in formulas():
        for display in (False, True):
            try:
                yield tex, to_mathml(tex, display)
            except MathError:
                continue


def test_every_formula_of_the_corpus_indexes_the_same():
    """The converter's MathML for 240-odd machine-learning formulas, inline and displayed,
    in running text, in a heading and in a list: the same entries, and the markup taken out
    of nearly all of them."""
    taken = total = 0
    for tex, mathml in formulas_as_mathml():
        html = (
            f"<h2 id='h'>On {mathml}</h2><p>We have {mathml}, so</p>"
            f"<ul><li>{mathml}</li></ul><div class='arithmatex'>{mathml}</div>"
        )
        light = searchtext.lighter(html)
        assert entries(light) == entries(html), tex
        total += 1
        taken += light != html
    assert total > 400
    assert taken > 0.9 * total


FENCES = [
    ("python", "def f(x):\n    return x  # a comment\n\n\nclass A:\n    pass\n"),
    ("js", "const a = `t ${b}`;\nif (a < 2 && b > 1) { console.log('<x>') }\n"),
    ("html", '<p class="a">Text &amp; more</p>\n<!-- a comment -->\n'),
    ("bash", "for f in *.md; do\n  echo \"$f\" | tr -s ' '\ndone\n"),
    ("text", "   indented\n\ttabbed\n\n"),
    ("", "no language <at> all &amp;\n"),
]
HIGHLIGHT = [
    {},
    {"linenums": True},
    {"linenums": True, "linenums_style": "pymdownx-inline"},
    {"linenums": True, "linenums_style": "inline"},
    {"anchor_linenums": True},
    {"line_spans": "__span", "line_anchors": "__line"},
]


def code_pages(options: dict, **toc: object) -> list[tuple[str, str]]:
    """A page of each of `FENCES`, highlighted with `options`: (language, HTML)."""
    import markdown

    md = markdown.Markdown(
        extensions=["toc", "pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite"],
        extension_configs={"pymdownx.highlight": options, "toc": toc},
    )
    pages = []
    for language, code in FENCES:
        text = (
            f"# Title\n\nText `#!python x = 1` here.\n\n## Part\n\n"
            f'```{language} title="a.txt" hl_lines="1 2"\n{code}```\n\n'
            f"- item\n\n    ```{language}\n    {code.splitlines()[0]}\n    ```\n"
        )
        pages.append((language, md.reset().convert(text)))
    return pages


@pytest.mark.parametrize("options", HIGHLIGHT, ids=str)
def test_highlighted_code_indexes_the_same(options):
    """pymdown-extensions' highlighting, as configured in the wild: line numbers as a table
    (left as they are: the parser skips `linenodiv`), inline, as anchors, lines in spans;
    lines marked; titles; in a heading's section and in a list."""
    for language, html in code_pages(options):
        light = searchtext.lighter(html)
        assert entries(light) == entries(html), (language, options)
        if not options.get("linenums"):
            assert light.count("<span") < html.count("<span"), (language, options)


def test_the_seed_post_indexes_the_same(tmp_path):
    """The demo's main post, built: its page indexed as it is and lightened."""
    seed = Path(__file__).resolve().parents[1] / "docs/posts/perceptual-learning-text-sequences.md"
    files = {"posts/seed.md": seed.read_text(encoding="utf-8")}
    write_site(tmp_path, files, {"plugins": plugins()})
    result = build_in_process(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    page = next(result.site.rglob("perceptual-learning-text-sequences/index.html"))
    whole = page.read_text(encoding="utf-8")
    opening = '<article class="md-content__inner md-typeset">'
    content = whole[whole.index(opening) + len(opening) : whole.index("</article>")]
    assert content.count("<math") >= 2
    light = searchtext.lighter(content)
    assert len(light) < len(content)
    assert entries(light) == entries(content)


BLOG = {
    "index.md": "# Home\n",
    **{
        f"posts/p{i:02d}.md": post(
            title=f"Post {i}",
            date=f"2020-01-{1 + i:02d}",
            body=f"# Part {i}\n\nThe loss $L_{i} = -\\sum_k y_k \\log p_k$ and\n\n"
            f"$$\n\\frac{{x^{i}}}{{1 + e^{{-x}}}}\n$$\n\n## On $\\alpha_{i}$\n\nMore.\n",
        )
        for i in range(12)
    },
}


@pytest.mark.parametrize(
    "workers",
    # Two starts a worker process: in the whole suite, not the fast tier.
    [1, pytest.param(2, marks=pytest.mark.slow)],
)
def test_a_builds_index_is_what_it_was_without(tmp_path, monkeypatch, workers):
    """A real build's search index (this process's entries with one process, the workers'
    with two), against a build where Material's parser reads every page as it is (no
    `lighter`, no `searchparse.sections`)."""
    from mkdocs_perceptual.build import parallel, searchparse

    monkeypatch.setattr(parallel, "SMALLEST", 2)
    indexes = {}
    for name in ("light", "plain"):
        if name == "plain":
            monkeypatch.setattr(searchtext, "lighter", lambda content: content)
            monkeypatch.setattr(searchparse, "sections", lambda content: None)
        root = tmp_path / name
        write_site(root, BLOG, {"plugins": plugins(workers=workers)})
        result = build_in_process(root, strict=False)
        assert result.returncode == 0, result.output
        indexes[name] = json.loads((result.site / "search/search_index.json").read_bytes())
    assert indexes["light"] == indexes["plain"]
    assert "L" in json.dumps(indexes["light"])
