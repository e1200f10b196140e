"""A kept converter (`build/converter.py`) renders as MkDocs' `Page.render` with a new
`markdown.Markdown` for every page: a corpus rendered page after page, in two orders, under
every extension of `RESETTABLE` and the plugin's own readings, gives the same HTML, table of
contents, title, anchors and links as one converter a page."""

from __future__ import annotations

import functools
import types
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import SEED, mkdocs_config, need, plugins, post
from markdown.extensions.extra import ExtraExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import TocExtension
from markdown.extensions.wikilinks import WikiLinkExtension
from material.extensions.emoji import to_svg, twemoji
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from pymdownx.slugs import slugify
from pymdownx.superfences import fence_div_format
from pymdownx.tabbed import TabbedExtension

from mkdocs_perceptual.build import converter
from mkdocs_perceptual.build.worker import _Config
from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.markdown import extensions as our_extensions
from mkdocs_perceptual.markdown.headings import HeadingIdsExtension
from mkdocs_perceptual.markdown.latest import LatestPostsExtension

# Each page leaves something the next must not see: abbreviations, link references,
# footnotes, headings of the same text, tab sets, code blocks counted for line anchors, a title.
CORPUS = {
    "posts/one.md": """title: Meta one
tags: a

# Same heading

*[HTML]: Hyper Text Markup Language
[ref]: https://example.org/one "One"

HTML here, a [reference][ref] and a footnote[^1] and another[^note].
Some ==marked== ^^inserted^^ ~~deleted~~ H~2~O x^2^ ++ctrl+alt+del++ (c) --> 1/2 :smile:
{++added++} {--gone--} {~~old~>new~~} {==high==} {>>said<<}
A link to [two](two.md#same-heading-1) and [[WikiLink]] and https://example.com and @someone.
`#!python print("x")` and $a^2 + b^2$ and \\(x\\).

[^1]: The first.
[^note]: A named one.

## Same heading

Term
:   Its definition.

| a | b |
|---|---|
| 1 | 2 |

!!! note "An admonition"
    Inside.

??? tip "Details"
    Folded.

=== "Tab A"
    First tab.

=== "Tab B"
    Second tab.

- [x] done
- [ ] to do

```python linenums="1" hl_lines="2"
def f(x):
    return x * 2
```

    indented code

<div markdown="1" id="raw-anchor">**in HTML**</div>

$$
\\frac{1}{2}
$$

[=50% "Half"]

> [!NOTE]
> A callout.

/// admonition | A block
    type: warning
Inside a block.
///

/// details | Block details
Folded block.
///

/// tab | Block tab 1
One.
///

/// html | div.box
Raw-ish.
///

/// define
Apple
- A fruit.
///

/// caption
A figure's caption.
///

Line one
line two{: .cls }

#. fancy one
#. fancy two

i. roman
ii. roman two
""",
    "posts/two.md": """# Same heading

HTML again, not an abbreviation here, and [ref] is not a reference here.
A footnote[^1] numbered from one again.

[^1]: Another first.

## Same heading

## Same heading

=== "Tab C"
    Third tab.

```python linenums="1"
x = 1
```

```
plain
```

Back to [one](one.md#same-heading) and a [missing](nowhere.md) and [self](#same-heading-1).
""",
    "posts/three.md": """Same heading
============

No front matter, a setext heading, **strong** and _emphasis_ and __strong__ and *a*b*c*.

* a
* b

1. one
3. three

"Quotes" -- dashes --- and... <<angles>>

```{.python .extra title="t.py"}
import os
```

```text
{{ not jinja }}
```
""",
    "posts/four.md": SEED.read_text(encoding="utf-8").split("---", 2)[2],
}


def _files(tmp_path: Path) -> Files:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    return Files(
        [File(src, str(docs), str(tmp_path / "site"), True) for src in [*CORPUS, "index.md"]]
    )


def _config(extensions: list[Any], configs: dict[str, Any]) -> _Config:
    links = dict(not_found=20, absolute_links=20, unrecognized_links=20, anchors=20)
    return _Config(
        markdown_extensions=extensions,
        mdx_configs=configs,
        use_directory_urls=True,
        validation=types.SimpleNamespace(links=types.SimpleNamespace(**links)),
    )


def _rendered(page: Page) -> tuple[Any, ...]:
    links = getattr(page, "links_to_anchors", None)
    return (
        page.content,
        [(i.title, i.url, i.level) for i in page.toc],
        page._title_from_render,
        sorted(page.present_anchor_ids or ()),
        None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
    )


def _render_all(tmp_path: Path, config: _Config, order: list[str], kept: bool) -> dict:
    files = _files(tmp_path)
    out = {}
    for src in order:
        page = converter.Page(None, files.get_file_from_path(src), config)  # type: ignore[arg-type]
        page.markdown = CORPUS[src]
        if kept:
            converter.render(page, config, files)
        else:
            converter.Page.render(page, config, files)  # type: ignore[arg-type]
        out[src] = _rendered(page)
    return out


BUILTIN = "abbr admonition attr_list codehilite def_list fenced_code footnotes legacy_attrs md_in_html meta nl2br sane_lists smarty tables toc wikilinks"
PYMDOWNX = (
    "arithmatex betterem caret critic details emoji escapeall highlight inlinehilite keys "
    "magiclink mark progressbar quotes saneheaders smartsymbols superfences tabbed tasklist "
    "tilde blocks.admonition blocks.details blocks.tab blocks.html blocks.definition "
    "blocks.caption"
)
GROUPS: dict[str, tuple[list[Any], dict[str, Any]]] = {
    "Python-Markdown": (BUILTIN.split(), {"toc": {"permalink": True}}),
    "extra": (["extra", "toc", "legacy_em"], {"footnotes": {"UNIQUE_IDS": False}}),
    "pymdownx": (
        [f"pymdownx.{n}" for n in PYMDOWNX.split()]
        + ["toc", "abbr", "footnotes", "attr_list", "md_in_html", "def_list", "tables"],
        {
            "pymdownx.highlight": {"anchor_linenums": True, "line_spans": "__span"},
            "pymdownx.arithmatex": {"generic": True},
            "pymdownx.tabbed": {"alternate_style": True},
            "pymdownx.magiclink": {"repo_url_shorthand": True, "user": "u", "repo": "r"},
            "toc": {"permalink": True, "toc_depth": 3},
        },
    ),
    "pymdownx.extra": (
        ["pymdownx.extra", "pymdownx.fancylists", "pymdownx.highlight", "toc", "codehilite"],
        {"pymdownx.highlight": {"linenums": True}},
    ),
}


def _plugin_readings(tmp_path: Path) -> dict[str, tuple[list[Any], dict[str, Any]]]:
    config = mkdocs_config(tmp_path)
    options = PerceptualConfig()
    assert options.validate() == ([], [])
    our_extensions.setup(config, options)
    readings = our_extensions.readings(config, options)
    assert readings is not None
    return {
        "the plugin's site reading": (readings.site.extensions, readings.site.configs),
        "the plugin's Lumen reading": (readings.lumen.extensions, readings.lumen.configs),
    }


@pytest.mark.parametrize(
    "group", [*GROUPS, "the plugin's site reading", "the plugin's Lumen reading"]
)
def test_a_kept_converter_renders_every_page_as_a_new_one_does(tmp_path, group):
    extensions, configs = {**GROUPS, **_plugin_readings(tmp_path)}[group]
    assert converter.keepable(extensions, configs), [
        e for e in extensions if converter.module_of(e) not in converter.RESETTABLE
    ]
    config = _config(extensions, configs)
    for order in (list(CORPUS), list(reversed(CORPUS)), [*CORPUS, *CORPUS]):
        fresh = _render_all(tmp_path, config, order, kept=False)
        converter._kept.converters.clear()
        kept = _render_all(tmp_path, config, order, kept=True)
        assert len(converter._kept.converters) == 1  # one converter made, and kept
        for src in order:
            assert kept[src] == fresh[src], (group, order, src)


def test_under_properdocs_a_kept_converter_renders_as_its_page_render(tmp_path, monkeypatch):
    # ProperDocs' Page.render sets the links to anchors at every log level, MkDocs' above DEBUG.
    try:
        from properdocs.structure.pages import Page as ProperPage
    except ImportError:
        need("ProperDocs is not installed (pip install -e '.[test]')")
    monkeypatch.setattr(converter, "Page", ProperPage)
    assert ProperPage.render.__code__.co_names in converter._KNOWN
    for extensions, configs in _plugin_readings(tmp_path).values():
        config = _config(extensions, configs)
        order = [*CORPUS, *CORPUS]
        fresh = _render_all(tmp_path, config, order, kept=False)
        converter._kept.converters.clear()
        assert _render_all(tmp_path, config, order, kept=True) == fresh
        assert converter._kept.converters


def test_an_unknown_page_render_is_called_as_it_is(tmp_path, monkeypatch):
    calls = []

    class OtherPage(Page):
        def render(self, config: Any, files: Any) -> None:  # another MkDocs' rendering
            calls.append(self.file.src_uri)
            super().render(config, files)

    monkeypatch.setattr(converter, "Page", OtherPage)
    converter._kept.converters.clear()
    _render_all(tmp_path, _config(["toc"], {"toc": {}}), list(CORPUS), kept=True)
    assert calls == list(CORPUS)
    assert not converter._kept.converters


def test_every_resettable_extension_is_tested(tmp_path):
    tested = {
        converter.module_of(e)
        for extensions, _ in {**GROUPS, **_plugin_readings(tmp_path)}.values()
        for e in extensions
    }
    assert tested >= converter.RESETTABLE, sorted(converter.RESETTABLE - tested)


class _Counting(markdown.Extension):
    """An extension that numbers the pages it has seen and never forgets."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        outer = self

        class Count(markdown.preprocessors.Preprocessor):
            def run(self, lines: list[str]) -> list[str]:
                outer.seen += 1
                return [*lines, "", f"page {outer.seen}"]

        md.preprocessors.register(Count(md), "count", 0)


def test_an_extension_not_known_to_reset_gets_a_new_converter_for_every_page(tmp_path):
    counting = _Counting()
    config = _config(["toc", counting], {})
    assert not converter.keepable(config["markdown_extensions"], {})
    converter._kept.converters.clear()
    kept = _render_all(tmp_path, config, list(CORPUS), kept=True)
    assert not converter._kept.converters
    # Each page made a new converter, as MkDocs does: the count is the extension's own.
    assert [kept[src][0].rsplit("<p>", 1)[1] for src in CORPUS] == [
        f"page {n}</p>" for n in range(1, len(CORPUS) + 1)
    ]
    assert kept == _render_all(tmp_path, _config(["toc", _Counting()], {}), list(CORPUS), False)


def test_changed_settings_make_a_new_converter(tmp_path):
    configs: dict[str, Any] = {"toc": {"permalink": True}}
    config = _config(["toc"], configs)
    converter._kept.converters.clear()
    first = _render_all(tmp_path, config, ["posts/two.md"], kept=True)["posts/two.md"][0]
    configs["toc"]["permalink"] = False  # a hook changing a setting between builds
    second = _render_all(tmp_path, config, ["posts/two.md"], kept=True)["posts/two.md"][0]
    assert 'class="headerlink"' in first
    assert 'class="headerlink"' not in second
    assert second == _render_all(tmp_path, config, ["posts/two.md"], kept=False)["posts/two.md"][0]


def test_a_page_that_fails_leaves_no_converter_behind(tmp_path):
    class Failing(markdown.postprocessors.Postprocessor):
        def run(self, text: str) -> str:
            raise ValueError("boom")

    config = _config(["toc"], {})
    converter._kept.converters.clear()
    _render_all(tmp_path, config, ["posts/two.md"], kept=True)
    ((*_, md),) = converter._kept.converters.values()
    md.postprocessors.register(Failing(md), "failing", 0)
    with pytest.raises(ValueError, match="boom"):
        _render_all(tmp_path, config, ["posts/two.md"], kept=True)
    assert not converter._kept.converters
    again = _render_all(tmp_path, config, ["posts/two.md"], kept=True)
    assert again == _render_all(tmp_path, config, ["posts/two.md"], kept=False)


def _converters_kept() -> list[Any]:
    """The converters kept (None where a configuration's are not to be kept)."""
    return [held[3] for held in converter._kept.converters.values()]


@pytest.mark.parametrize(
    ("extensions", "configs"),
    [
        (["footnotes"], {"footnotes": {"UNIQUE_IDS": True}}),
        (["extra"], {"extra": {"footnotes": {"UNIQUE_IDS": True}}}),
        # Python-Markdown takes settings as pairs too.
        (["extra"], {"extra": {"footnotes": [["UNIQUE_IDS", True]]}}),
        (["footnotes"], {"footnotes": [("UNIQUE_IDS", True)]}),
        (
            ["pymdownx.extra"],
            {"pymdownx.extra": {"markdown.extensions.footnotes": {"UNIQUE_IDS": True}}},
        ),
        ([FootnoteExtension(UNIQUE_IDS=True)], {}),
        ([ExtraExtension(footnotes={"UNIQUE_IDS": True})], {}),
    ],
)
def test_footnotes_numbered_by_page_get_a_new_converter_for_every_page(
    tmp_path, extensions, configs
):
    # Footnotes' UNIQUE_IDS numbers the ids by the converter's resets: a kept converter
    # would number them 3, 4, ... where MkDocs numbers every page's 2.
    config = _config(extensions, configs)
    converter._kept.converters.clear()
    order = [*CORPUS, *CORPUS]
    kept = _render_all(tmp_path, config, order, kept=True)
    assert all(held is None for held in _converters_kept())
    if configs:  # an Extension object counts its own resets, in MkDocs as here
        assert kept == _render_all(tmp_path, config, order, kept=False)
        assert all('id="fn:2-1"' in kept[src][0] for src in order if "[^1]" in CORPUS[src])


def test_extension_objects_other_than_the_plugins_get_a_new_converter_for_every_page(tmp_path):
    # A hook's object is shared with the hook, which may read its state back (FN.footnotes)
    # or change it by its methods (abbr's load_glossary) between pages: as MkDocs renders.
    extensions = [ExtraExtension(abbr={"glossary": {"HTML": "Hyper Text"}}), "toc"]
    assert not converter.keepable(extensions, {})
    config = _config(extensions, {})
    converter._kept.converters.clear()
    kept = _render_all(tmp_path, config, [*CORPUS, *CORPUS], kept=True)
    assert not converter._kept.converters
    assert kept == _render_all(tmp_path, config, [*CORPUS, *CORPUS], kept=False)
    assert 'title="Hyper Text"' in kept["posts/two.md"][0]
    # The plugin's own objects keep nothing between pages, and are kept.
    ours = [HeadingIdsExtension(), LatestPostsExtension(), "toc"]
    assert converter.keepable(ours, {})


class _Diagrams:
    """A fence formatter that numbers the diagrams of a page on the converter it is handed."""

    def __call__(self, source, language, css_class, options, md, **kwargs):
        md.diagrams = getattr(md, "diagrams", 0) + 1
        return f'<div class="diagram" id="diagram-{md.diagrams}">{source}</div>'


def test_functions_from_elsewhere_in_the_settings_get_a_new_converter_for_every_page(tmp_path):
    fence = {"name": "diagram", "class": "diagram", "format": _Diagrams()}
    configs: dict[str, Any] = {"pymdownx.superfences": {"custom_fences": [fence]}}
    extensions = ["pymdownx.superfences"]
    assert not converter.keepable(extensions, configs)
    config = _config(extensions, configs)
    files = _files(tmp_path)
    converter._kept.converters.clear()
    for _ in range(3):
        page = Page(None, files.get_file_from_path("posts/one.md"), config)  # type: ignore[arg-type]
        page.markdown = "```diagram\nA\n```\n"
        converter.render(page, config, files)
        assert 'id="diagram-1"' in page.content  # each page's first, as MkDocs numbers them
    # pymdown-extensions' own formatters and slugify, Material's emoji functions: kept.
    vetted = {
        "pymdownx.superfences": {"custom_fences": [{**fence, "format": fence_div_format}]},
        "toc": {"slugify": slugify(case="lower")},
        "pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg},
    }
    assert converter.keepable(["pymdownx.superfences", "toc", "pymdownx.emoji"], vetted)
    assert not converter.keepable(["toc"], {"toc": {"slugify": functools.partial(str.lower)}})


def test_settings_changed_in_place_between_pages_make_a_new_converter(tmp_path):
    fence = {"name": "diagram", "class": "diagram", "format": fence_div_format}
    configs: dict[str, Any] = {"pymdownx.superfences": {"custom_fences": [fence]}}
    wiki = WikiLinkExtension(base_url="https://wiki.example.org/")
    config = _config(["pymdownx.superfences", wiki], configs)
    files = _files(tmp_path)
    converter._kept.converters.clear()
    for n in range(3):
        # As a hook's on_page_markdown may: a nested setting, and an object's setConfig.
        fence["class"] = f"diagram-{n}"
        wiki.setConfig("base_url", f"https://wiki.example.org/{n}/")
        page = Page(None, files.get_file_from_path("posts/one.md"), config)  # type: ignore[arg-type]
        page.markdown = "```diagram\nA -> B\n```\n\nSee [[Topic]].\n"
        converter.render(page, config, files)
        assert f'<div class="diagram-{n}">' in page.content
        assert f'href="https://wiki.example.org/{n}/Topic/"' in page.content


def test_settings_too_deep_to_compare_get_a_new_converter_for_every_page(tmp_path):
    deep: Any = "leaf"
    for _ in range(converter._DEPTH + 2):
        deep = {"d": deep}
    config = _config(["toc"], {"toc": {"permalink": True, "unused": deep}})
    # toc takes no setting "unused": Python-Markdown would refuse it; compare the snapshots.
    assert converter.snapshot(config["mdx_configs"]) != converter.snapshot(config["mdx_configs"])
    shallow = {"toc": {"permalink": True}}
    assert converter.snapshot(shallow) == converter.snapshot(shallow)


HOOKS = """
from markdown.extensions.wikilinks import WikiLinkExtension
from material.extensions.emoji import to_svg, twemoji
from pymdownx.slugs import slugify
from pymdownx.superfences import fence_div_format
from pymdownx.tabbed import TabbedExtension

WIKI = WikiLinkExtension(base_url="https://wiki.example.org/")


def on_config(config):
    config.markdown_extensions.append(WIKI)
    fence = {"name": "diagram", "class": "diagram", "format": fence_div_format}
    config.mdx_configs["pymdownx.superfences"] = {"custom_fences": [fence]}
    return config


def on_page_markdown(markdown, page, config, files):
    name = page.file.name
    config.mdx_configs["pymdownx.superfences"]["custom_fences"][0]["class"] = "diagram-" + name
    WIKI.setConfig("base_url", f"https://wiki.example.org/{name}/")
    return markdown
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_hook_changing_settings_between_posts_reaches_every_post(build_site, workers):
    body = "```diagram\nA -> B\n```\n\nSee [[Topic]].\n"
    files = {
        "index.md": "# Home\n",
        "hooks.py": HOOKS,
        **{
            f"posts/{name}.md": post(title=name, slug=f"/posts/{name}", body=body)
            for name in ("alpha", "beta", "gamma")
        },
    }
    result = build_site(
        files,
        {
            "hooks": ["docs/hooks.py"],
            "plugins": plugins(workers=workers),
            "markdown_extensions": ["pymdownx.superfences"],
        },
    )
    assert result.returncode == 0, result.output
    for name in ("alpha", "beta", "gamma"):
        page = (result.site / "posts" / name / "index.html").read_text(encoding="utf-8")
        assert f'<div class="diagram-{name}">' in page
        assert f'href="https://wiki.example.org/{name}/Topic/"' in page


class _Touchy:
    """A setting whose == raises, as a NumPy array's does."""

    def __eq__(self, other: object) -> bool:
        raise ValueError("ambiguous")

    __hash__ = object.__hash__


def test_settings_that_cannot_be_compared_render_as_mkdocs_renders(tmp_path):
    # pymdownx.emoji keeps its options as given; a new object among them before each page
    # (as a hook might set) is compared with the last, and its == raises.
    options: dict[str, Any] = {}
    config = _config(["pymdownx.emoji", "toc"], {"pymdownx.emoji": {"options": options}})
    files = _files(tmp_path)
    converter._kept.converters.clear()
    for src in [*CORPUS, *CORPUS]:
        options["touchy"] = _Touchy()
        rendered = []
        for kept in (True, False):
            page = Page(None, files.get_file_from_path(src), config)  # type: ignore[arg-type]
            page.markdown = CORPUS[src]
            if kept:
                converter.render(page, config, files)
            else:
                Page.render(page, config, files)  # type: ignore[arg-type]
            rendered.append(_rendered(page))
        assert rendered[0] == rendered[1], src


def test_settings_markdown_refuses_fail_as_mkdocs_fails(tmp_path):
    config = _config(["toc"], {"toc": {"no_such_setting": True}})
    converter._kept.converters.clear()
    with pytest.raises(KeyError) as ours:
        _render_all(tmp_path, config, ["posts/two.md"], kept=True)
    with pytest.raises(KeyError) as theirs:
        _render_all(tmp_path, config, ["posts/two.md"], kept=False)
    assert str(ours.value) == str(theirs.value)
    assert not converter._kept.converters


def _hooks_objects(tmp_path: Path) -> tuple[list[Any], dict[str, Any]]:
    return [TabbedExtension(alternate_style=True), TocExtension(permalink=True)], {}


def _lumen_reading(tmp_path: Path) -> tuple[list[Any], dict[str, Any]]:
    return _plugin_readings(tmp_path)["the plugin's Lumen reading"]


@pytest.mark.parametrize("reading", [_hooks_objects, _lumen_reading])
def test_extension_objects_shared_with_other_pages_converters(tmp_path, reading):
    # MkDocs renders the site's other pages with a new converter each, from the same extension
    # objects, whose extendMarkdown points their state at the newest converter: the tabs'
    # counter, toc's `md`. A hook's objects get a new converter a page; the plugin's own
    # (HeadingIdsExtension, LatestPostsExtension) keep nothing on themselves, so a kept
    # converter made from them renders each post as MkDocs renders it, whatever other pages'
    # converters did with them in between.
    extensions, configs = reading(tmp_path)
    config = _config(extensions, configs)
    files = _files(tmp_path)
    order = ["posts/one.md", "index.md", "posts/two.md", "index.md", "posts/empty.md"]
    sources = {**CORPUS, "index.md": '# A page\n\n=== "T"\n    t\n', "posts/empty.md": ""}
    converter._kept.converters.clear()
    rendered = {}
    for kept in (True, False):
        for src in order:
            file = files.get_file_from_path(src) or File(src, str(tmp_path / "docs"), "s", True)
            page = Page(None, file, config)  # type: ignore[arg-type]
            page.markdown = sources[src]
            if kept and src.startswith("posts/"):
                converter.render(page, config, files)
            else:
                Page.render(page, config, files)  # type: ignore[arg-type]
            rendered[kept, src] = _rendered(page)
    for src in order:
        assert rendered[True, src] == rendered[False, src], src
    assert rendered[True, "posts/empty.md"][1] == []  # no table of contents left from before
    if reading is _hooks_objects:
        assert 'id="__tabbed_1_1"' in rendered[True, "posts/two.md"][0]
        assert not converter._kept.converters
    else:
        assert [held is not None for held in _converters_kept()] == [True]


SHARING_HOOKS = """
from markdown.extensions.toc import TocExtension
from pymdownx.tabbed import TabbedExtension


def on_config(config):
    config.markdown_extensions.remove("toc")
    config.markdown_extensions += [TabbedExtension(alternate_style=True), TocExtension()]
    return config
"""


def test_a_hooks_extension_objects_render_every_post_as_its_own(build_site):
    tabs = '=== "One"\n    one\n\n=== "Two"\n    two\n'
    files = {
        "index.md": "# Home\n",
        "hooks.py": SHARING_HOOKS,
        "posts/a.md": post(title="A", slug="/posts/a", body="## First\n\n" + tabs),
        "posts/b.md": "# A plain page\n\n" + tabs,  # rendered by MkDocs between the posts
        "posts/c.md": post(title="C", slug="/posts/c", body=tabs),
        "posts/d.md": post(title="D", slug="/posts/d", body=""),
    }
    config = {"hooks": ["docs/hooks.py"], "plugins": plugins(workers=1)}
    result = build_site(files, config)
    assert result.returncode == 0, result.output
    for name in ("a", "c"):
        page = result.html(f"posts/{name}/index.html")
        assert page.find(id="__tabbed_1_1") is not None, name
        assert page.find(id="__tabbed_2_1") is None, name
    toc = result.html("posts/d/index.html").find(attrs={"data-md-component": "toc"})
    assert toc is None or not toc.find_all("a")
