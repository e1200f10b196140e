"""Material's search sections read by `searchparse` against Material's own parser: the same
entries for every page, on a table of the parser's rules, on the formula and code corpora of
`test_searchtext.py` and on pages a seeded fuzzer writes."""

from __future__ import annotations

import random
import time
import types

import pytest
from material.plugins.search.plugin import SearchIndex
from test_searchtext import HIGHLIGHT, M, code_pages, entries, formulas_as_mathml

from mkdocs_perceptual.build import searchparse


def read_here(content: str, title: str = "A page") -> list[dict]:
    """The entries of the same page as `entries` makes them, through `searchparse`."""

    def add(index: SearchIndex, page: types.SimpleNamespace) -> None:
        searchparse.add_entries(index, page, index.add_entry_from_context)

    return entries(content, title, add)


def same(html: str) -> None:
    try:
        expected = entries(html)
    except ValueError:  # Material's parser fails on some pages: then the same way
        with pytest.raises(ValueError, match="is not in list"):
            read_here(html)
        return
    assert read_here(html) == expected


# (HTML, whether it is read here rather than by Material's parser)
RULES = [
    ("<p>Plain text.</p>", True),
    ("Text before any tag, <b>bold</b>\nand after", True),
    ("<h1 id='t'>Title</h1><p>a</p><h2 id='s'>Sub</h2><p>b</p>", True),
    ("<h2 id='s'>No h1 first</h2><p>b</p><h3>no id</h3><p>c</p>", True),
    ("<p>before</p><h2 id='s'>Sub</h2><p>b</p>", True),
    ("<h2 id>an empty id</h2><p>b</p><h3 id='x' ID='y'>the last one</h3>", True),
    ("<div><h2 id='a'>In a div</h2><p>x</p></div><p>after the div</p>", True),
    ("<div><div><h2 id='a'>deep</h2></div><h3 id='b'>less</h3></div><p>out</p>", True),
    (f"<h2 id='s'>Section {M}<a class='headerlink' href='#s'>&para;</a></h2>", True),
    ("<h2 id='s'><a class='headerlink'>x</a>y</h2><h2 id='t'><a class=headerlink>z</a></h2>", True),
    ("<p>a</p><div data-search-exclude><p>hidden</p><div>x</div>shown?</div><p>b</p>", True),
    ("<div data-search-exclude><div>inner</div>after inner</div><div>c</div>", True),
    ("<table><tr><td class='linenodiv'><pre>1\n2</pre></td><td>code</td></tr></table>", True),
    ("<div class='linenod&#105;v'>1</div>x<p>y</p>", True),
    ("<p DATA-SEARCH-EXCLUDE>upper-case name</p><p>z</p>", True),
    ("<p class='LINENODIV'>not the class</p>", True),
    ("<p>a<br>b<br/>c<img src=x alt='y'>d<hr/>e</p>", True),
    ("<p/>x<div/>y</div><span/>", True),
    ("<p>  </p><p>\n</p><ul><li> </li><li>x</li></ul><code></code>", True),
    ("<p>a <code>b</code> <sub>c</sub><sup> </sup></p>", True),
    ("<h2 id='s'>a <code>b</code><code> </code></h2>", True),
    ("<pre><code>  keep\n\n  all   of\tit\n</code></pre>", True),
    ("<p>one\ntwo   three</p>  \n  <p>four</p>\n\n", True),
    ("<p>&lt;tag&gt; &amp; &#60; &#x3c; &nbsp; &#1; &#0; &copy</p>", True),
    ("<p title='a &amp; b' class=\"x&#32;y\">t</p>", True),
    ("<P>Upper</P><DIV ID=x>case</DIV>", True),
    ("<p>unclosed<div>tags<span>here", True),
    ("</p>stray end tags</div><p>x</p></span>", True),
    ("<p>a</p></p></li>", True),
    ("<ul><li>a<li>b</ul>", True),
    ("<hx>the preface's own name</hx><p>x</p>", True),
    ("<object><p>left out</p></object><p>in</p><object data-search-exclude>x</object>y", True),
    ("<p>\r\nwindows\r\nlines</p>", True),
    ("<p>\u00a0no-break\u2003spaces\u00a0</p>", True),
    ("<p>&#1;</p><h2 id='a'>&#1;</h2>", True),
    # Read by Material's parser: not plain, or an element read raw.
    ("<p>a <!-- comment --> b</p>", False),
    ("<p>a < b</p>", False),
    ("<script>var a = 1 && 2;</script><p>x</p>", False),
    ("<style>p { color: red }</style><p>x</p>", False),
    ("<p>a<?pi?>b</p>", False),
    ("<!DOCTYPE html><p>x</p>", False),
    ("<p>a</p><plaintext>b<p>c</p></plaintext><p>d</p>", False),  # text to its end, in 3.14
    # `searchtext._plain` leaves to the parser a class holding a reference in a `<span>`.
    ("<pre><span class='linenod&#105;v'>1</span>x</pre><p>y</p>", False),
    ("", False),
]


@pytest.mark.parametrize(("html", "here"), RULES)
def test_each_rule_gives_the_same_entries(html, here):
    assert (searchparse.sections(html) is not None) is here
    same(html)


def test_a_kept_end_tag_without_its_start_is_left_to_material():
    """Material's parser raises on it (`list.index`); so does the index read here. The
    `<code>` opens while its excluded `<div>` is left out, and the inner `</div>` takes the
    name `div` out again."""
    html = "<div data-search-exclude><code><div></div></code></div>"
    with pytest.raises(ValueError, match="is not in list"):
        entries(html)
    assert searchparse.sections(html) is None
    same(html)


def test_other_indexes_and_excluded_pages():
    calls = []
    index = types.SimpleNamespace(entries=[])
    page = types.SimpleNamespace(content="<p>x</p>", meta={})
    searchparse.add_entries(index, page, calls.append)
    assert calls == [page]  # not Material's index: its own method, as it was
    material = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    page.meta = {"search": {"exclude": True}}
    searchparse.add_entries(material, page, calls.append)
    assert material.entries == []
    assert len(calls) == 1


def test_every_formula_of_the_corpus_gives_the_same_entries():
    read = 0
    for tex, mathml in formulas_as_mathml():
        html = (
            f"<h2 id='h'>On {mathml}<a class='headerlink' href='#h'>&para;</a></h2>"
            f"<p>We have {mathml}, so</p><ul><li>{mathml}</li></ul>"
        )
        assert read_here(html) == entries(html), tex
        read += searchparse.sections(html) is not None
    assert read > 400


@pytest.mark.parametrize("options", HIGHLIGHT, ids=str)
def test_highlighted_code_gives_the_same_entries(options):
    for language, html in code_pages(options, permalink=True):
        assert read_here(html) == entries(html), (language, options)
        assert searchparse.sections(html) is not None or "<!--" in html


NAMES = ["p", "div", "span", "pre", "code", "li", "ul", "sub", "h1", "h2", "h3", "a", "math"]
NAMES += ["mi", "br", "img", "object", "hx", "P", "H2"]
ATTRIBUTES = [
    "",
    " id='a'",
    " id=b",
    " ID='c'",
    " id",
    " class='headerlink'",
    " class='header&#108;ink'",
    " class=linenodiv",
    " class='linenod&#105;v'",
    " data-search-exclude",
    " title='x &amp; y'",
    " class='a' class='headerlink'",
]
TEXTS = ["x", " ", "\n", "  \n ", "a b", "a\nb", "&amp;", "&#1;", "&lt;", "\t", "&copy", "é"]


def fuzzed(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randrange(1, 30)):
        roll = rng.random()
        name = rng.choice(NAMES)
        if roll < 0.4:
            slash = "/" if rng.random() < 0.05 else ""
            out.append(f"<{name}{rng.choice(ATTRIBUTES)}{slash}>")
        elif roll < 0.7:
            out.append(f"</{name}>")
        else:
            out.append(rng.choice(TEXTS))
    return "".join(out)


@pytest.mark.parametrize("seed", range(8))
def test_fuzzed_pages_give_the_same_entries(seed):
    """Pages of random tags, attributes and text: nested, crossed and unclosed."""
    rng = random.Random(seed)
    read = 0
    for _ in range(600):
        html = fuzzed(rng)
        same(html)
        read += searchparse.sections(html) is not None
    assert read > 400  # nearly all are read here, so the comparison is of the two readings


@pytest.mark.parametrize(
    "html",
    [
        "<h2 id='a'>" + "<a class='headerlink' href='#x'>t" * 20000 + "</h2>",
        "<h2 id='a'>" + "<a href='#x'>t" * 20000 + "</h2>",
        "<div data-search-exclude>" + "<div>t" * 20000,
        "<pre>" + "<span class='k'>x</span>" * 40000 + "</pre>",
        "<p>" + "<p " + "a " * 50000 + ">" + "linenodiv " * 10000,
    ],
    ids=["permalinks", "links", "excluded", "spans", "attributes"],
)
def test_a_page_of_many_tags_is_read_in_linear_time(html):
    """Every tag and piece of text costs the same however deep it is: an earlier reading
    looked through every open element for a permalink at each piece of a title's text (20,000
    nested links took minutes)."""
    started = time.perf_counter()
    searchparse.sections(html)
    assert time.perf_counter() - started < 10  # a quadratic reading would take minutes
