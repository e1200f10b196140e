"""Material's navigation rendered once for the pages it comes out the same for
(`build/templates.py`'s `NavMemo`, issue 27): every site is the same, byte for byte, with
and without it; pages whose navigation would differ are rendered as usual."""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from conftest import build_in_process, plugins, site_outputs, write_site
from test_parallel import blog

from mkdocs_perceptual.build import templates


def build(root: Path, files: dict, memo: bool, monkeypatch, **settings) -> tuple[dict, list]:
    made: list = []
    original = templates.memoize_nav

    def spy(*args, **kwargs):
        made.append(original(*args, **kwargs) if memo else None)
        return made[-1]

    with monkeypatch.context() as patch:
        patch.setattr(templates, "memoize_nav", spy)
        write_site(root, files, {"plugins": plugins(nav_posts_per_category=2), **settings})
        result = build_in_process(root, strict=False)
    assert result.returncode == 0, result.output
    return site_outputs(result.site), made


SETTINGS = [
    {},
    {"use_directory_urls": False},
    {"theme": {"name": "material", "features": ["navigation.indexes", "navigation.tabs"]}},
    {"theme": {"name": "material", "logo": "media/logo.png"}, "extra": {"homepage": "blog/"}},
]


@pytest.mark.parametrize("settings", SETTINGS)
def test_the_same_site_with_the_memo(tmp_path, monkeypatch, settings):
    files = blog(30)
    # A page in a folder the navigation links into, and one outside every section.
    files["posts/p001/more.md"] = "# More\n\nA page below a post's folder.\n"
    files["notes/aside.md"] = "# Aside\n\nText.\n"
    with_memo, made = build(tmp_path / "memo", files, True, monkeypatch, **settings)
    without, _ = build(tmp_path / "plain", files, False, monkeypatch, **settings)
    assert with_memo == without
    (memo,) = made
    assert memo is not None
    assert not memo.off
    assert memo.hits >= 10  # the posts outside their category's section, the listing pages


def test_a_navigation_that_shows_the_page_ends_the_memo(tmp_path, monkeypatch):
    """A custom_dir's partials/nav.html that prints something of the page: the first reuse
    finds the difference, and every page is rendered as usual from then on."""
    for name in ("memo", "plain"):
        folder = tmp_path / name / "over" / "partials"
        folder.mkdir(parents=True)
        (folder / "nav.html").write_text("<nav>{{ page.title }}</nav>\n", encoding="utf-8")
    theme = {"name": "material", "custom_dir": "over"}
    with_memo, made = build(tmp_path / "memo", blog(30), True, monkeypatch, theme=theme)
    without, _ = build(tmp_path / "plain", blog(30), False, monkeypatch, theme=theme)
    assert with_memo == without
    assert made[0].off
    assert b"<nav>Post 7</nav>" in with_memo["posts/p007/index.html"]


def test_mkdocs_theme_has_no_memo(tmp_path, monkeypatch):
    _, made = build(tmp_path, blog(30), True, monkeypatch, theme="mkdocs")
    assert made == [None]


def page(url: str) -> types.SimpleNamespace:
    return types.SimpleNamespace(url=url)


def test_which_pages_share_a_navigation():
    section = types.SimpleNamespace(active=False, children=[], url=None)
    item = types.SimpleNamespace(active=False, children=[], url="posts/a/x/")
    nav = types.SimpleNamespace(items=[section, item], pages=[item])
    memo = templates.NavMemo(nav, ["posts/a/x/", "", "blog/"])  # type: ignore[arg-type]

    def key(p, nav_=nav):
        return memo.key({"page": p, "nav": nav_})

    assert key(page("posts/b/")) == key(page("posts/c/")) == (("posts",), "folder", ())
    assert key(page("posts/a/")) is None  # a link leads into its folder
    assert key(page("blog/")) is None
    assert key(page("")) is None  # the site's root: every link leads into it
    assert key(item) is None  # in the navigation: its own markup
    assert key(page("posts/b/"), object()) is None  # another navigation
    assert key(None) is None
    # A file's links are made relative from its folder, even one a link leads into.
    assert key(page("posts/b.html")) == key(page("posts/c.html")) == (("posts",), "file", ())
    assert key(page("posts/a/c.html")) == (("posts", "a"), "file", ())
    section.active = True
    assert key(page("posts/b/")) == (("posts",), "folder", (0,))


@pytest.mark.slow
def test_the_demo_is_the_same_with_the_memo(tmp_path, monkeypatch):
    import shutil

    import yaml
    from conftest import ROOT

    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    sites = {}
    for memo in (True, False):
        root = tmp_path / str(memo)
        root.mkdir()
        config = dict(settings, docs_dir=str(ROOT / "docs"), site_dir=str(root / "site"))
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "perceptual" in plugin:
                static = plugin["perceptual"]["static_dir"]
                shutil.copytree(ROOT / static, root / static)
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        with monkeypatch.context() as patch:
            if not memo:
                patch.setattr(templates, "memoize_nav", lambda *args: None)
            result = build_in_process(root, strict=True)
        assert result.returncode == 0, result.output
        sites[memo] = site_outputs(root / "site")
    assert sites[True] == sites[False]
