"""The render cache of `mkdocs serve`: a rebuild renders only the posts whose rendering could
have changed, and a reused rendering is the one a fresh render would give."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import post, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_perceptual.build.cache import fingerprint

SERVE_URL = "http://127.0.0.1:8000/"


class Serve:
    """`mkdocs serve`'s rebuilds, in this process, by one plugin instance of their own."""

    def __init__(self, root) -> None:
        self.root = root
        self.plugins: dict[str, object] = {}
        self.started = False
        self.messages: list[str] = []

    def build(self):
        option = dict(MkDocsConfig._schema)["plugins"]
        saved, option.plugin_cache = option.plugin_cache, self.plugins
        handler = logging.Handler()
        handler.emit = lambda record: self.messages.append(record.getMessage())  # type: ignore[method-assign]
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.root / "site"))
            if not self.started:
                config.plugins.on_startup(command="serve", dirty=False)
                self.started = True
            self.messages.clear()
            build(config, serve_url=SERVE_URL)
        finally:
            logger.removeHandler(handler)
            option.plugin_cache = saved
        cache = config.plugins["perceptual"].cache
        counts = (cache.hits, cache.misses)
        cache.hits = cache.misses = 0
        return counts

    def page(self, path: str) -> str:
        return (self.root / "site" / path).read_text(encoding="utf-8")


BLOG = {
    "index.md": "# Home\n",
    "posts/a.md": post(title="A", date="2020-01-01", body="Read [B](b.md#part).", slug="/posts/a"),
    "posts/b.md": post(title="B", date="2020-01-02", body="## Part\n\nText.", slug="/posts/b"),
    "posts/c.md": post(title="C", date="2020-01-03", body="[Nowhere](/posts/missing) $x^2$"),
}


@pytest.fixture
def serve(tmp_path):
    write_site(tmp_path, BLOG)
    return Serve(tmp_path)


def edit(serve: Serve, name: str, old: str, new: str) -> None:
    path = serve.root / "docs" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_rebuild_renders_only_what_changed(serve):
    assert serve.build() == (0, 3)
    first = serve.page("posts/a/index.html")
    assert serve.build() == (3, 0)
    assert serve.page("posts/a/index.html") == first
    edit(serve, "posts/c.md", "$x^2$", "$y^2$")
    assert serve.build() == (2, 1)
    assert "y" in serve.page("posts/c/index.html")


def test_a_post_is_rendered_again_when_a_page_it_links_to_moves(serve):
    serve.build()
    edit(serve, "posts/b.md", "slug: /posts/b", "slug: /posts/bee")
    # B's own URL changed, and A links to B: both are rendered again, C is reused.
    assert serve.build() == (1, 2)
    assert 'href="../bee/#part"' in serve.page("posts/a/index.html")


def test_a_reused_rendering_says_its_warnings_again(serve):
    serve.build()
    warned = [m for m in serve.messages if "/posts/missing" in m]
    assert warned
    assert serve.build() == (3, 0)
    assert [m for m in serve.messages if "/posts/missing" in m] == warned


def test_options_and_extensions_are_part_of_the_key(serve):
    serve.build()
    config = serve.root / "mkdocs.yml"
    config.write_text(config.read_text() + "markdown_extensions:\n  - admonition\n")
    assert serve.build() == (0, 3)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"b": [1, "x"], "a": None}, "{a:None,b:[1,'x']}"),
        (logging.Handler(), "<logging.Handler>"),
    ],
)
def test_fingerprints_do_not_hold_addresses(value, text):
    assert fingerprint(value) == text


def test_a_draft_shown_by_serve_renders_through_the_cache_too(serve):
    edit(serve, "posts/c.md", 'template: "post"', 'template: "post"\ndraft: true')
    assert serve.build() == (0, 3)
    assert serve.build() == (3, 0)


def test_materials_search_entries_are_reused_while_a_page_is_the_same(serve):
    serve.build()
    index = serve.page("search/search_index.json")
    plugin = serve.plugins["perceptual"]
    plugin.search_cache.hits = plugin.search_cache.misses = 0
    serve.build()
    assert plugin.search_cache.misses == 0
    assert plugin.search_cache.hits >= 4  # the home page and the three posts
    assert serve.page("search/search_index.json") == index
    edit(serve, "posts/b.md", "Text.", "Other words.")
    plugin.search_cache.hits = plugin.search_cache.misses = 0
    serve.build()
    assert plugin.search_cache.misses == 1
    assert "Other words." in serve.page("search/search_index.json")


def test_a_second_build_in_one_process_compiles_no_template(tmp_path, monkeypatch):
    """The theme's templates are compiled once per process (`mkdocs serve` rebuilds reuse
    them), and a template whose source changes is compiled again."""
    from conftest import build_in_process
    from jinja2 import Environment

    overrides = tmp_path / "overrides"
    overrides.mkdir()
    write_site(
        tmp_path,
        {"posts/a.md": post(title="First")},
        {"theme": {"name": "material", "custom_dir": "overrides"}},
    )
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}<p id="mark">one</p>{% endblock %}'
    )
    compiled: list[str] = []
    original = Environment._compile

    def counting(self, source, filename):
        compiled.append(filename)
        return original(self, source, filename)

    monkeypatch.setattr(Environment, "_compile", counting)
    assert build_in_process(tmp_path).returncode == 0
    assert compiled, "the first build compiles the theme"
    compiled.clear()
    assert build_in_process(tmp_path).returncode == 0
    # Material's search plugin, listed before this one, loads its language partials in its
    # own on_config, before this plugin's: only those are compiled again.
    assert {Path(name).parent.name for name in compiled} <= {"partials", "languages"}
    assert not any(name.endswith(("main.html", "base.html", "post.html")) for name in compiled)
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}<p id="mark">two</p>{% endblock %}'
    )
    built = build_in_process(tmp_path)
    assert built.returncode == 0, built.output
    assert "main.html" in [Path(name).name for name in compiled]
    assert built.html("blog/index.html").find(id="mark").text == "two"
