"""`--dirty` builds write only the pages an edit changes, and give a clean build's output; the
`cache` option's warm builds render no Markdown; the state on disk is checked before use.
(The random edit sequences are in test_edit_loop.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import (
    build_in_process,
    plugins,
    serve_build,
    site_differences,
    site_outputs,
    write_site,
)
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import cache, dirty, fingerprint, stored
from mkdocs_perceptual.site import outputs
from mkdocs_perceptual.site.links import hidden_links

STATE = Path(".cache/plugin/perceptual/state.json")


def _post(title: str, category: str, day: int, body: str, draft: str = "false") -> str:
    return (
        f'---\ntitle: "{title}"\ndate: "2020-01-{day:02d}"\ntemplate: post\ndraft: {draft}\n'
        f'category: "{category}"\ntags: [nlp]\n---\n\nFirst words of {title}.\n\n{body}\n'
    )


BLOG = {
    "index.md": "# Home\n\nThe blog.\n",
    "posts/a.md": _post("Alpha", "Deep Learning", 1, "## Part\n\nMore of alpha."),
    "posts/b.md": _post("Beta", "Deep Learning", 2, "See [alpha](a.md#part)."),
    "posts/c.md": _post("Gamma", "Tooling", 3, "Code:\n\n```python\nx = 1\n```").replace(
        "template: post", "template: post\ndescription: All about gamma."
    ),
    "posts/d.md": _post("Delta", "Tooling", 4, "A draft.", draft="true"),
}


def stamps(site: Path) -> dict[str, int]:
    """Each page's output time; the theme's 404.html is not a page: MkDocs writes it always."""
    return {
        p.relative_to(site).as_posix(): p.stat().st_mtime_ns
        for p in site.rglob("*.html")
        if p.name != "404.html"
    }


def written_line(output: str) -> tuple[int, int] | None:
    m = re.search(r"--dirty: (\d+) of (\d+) pages written", output)
    return (int(m[1]), int(m[2])) if m else None


# MkDocs' own theme under `slow`: test_edit_loop.py draws both themes too.
@pytest.fixture(params=["material", pytest.param("mkdocs", marks=pytest.mark.slow)])
def theme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _write(root: Path, files: dict[str, str], theme: str, **options: object) -> None:
    for old in (root / "docs").rglob("*.md") if (root / "docs").exists() else ():
        old.unlink()
    write_site(root, dict(files), {"theme": theme, "plugins": plugins(**options)})


def _clean_build(tmp_path: Path, files: dict[str, str], theme: str) -> dict[str, bytes]:
    root = tmp_path / "clean"
    _write(root, files, theme)
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    return site_outputs(root / "site")


def test_dirty_build_writes_only_the_pages_an_edit_changes(tmp_path: Path, theme: str) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, theme)
    first = build_in_process(root, strict=False, dirty=True)
    assert first.returncode == 0, first.output
    assert (root / STATE).is_file()
    assert written_line(first.output) is None  # no earlier state: every page is written

    again = build_in_process(root, strict=False, dirty=True)
    assert again.returncode == 0, again.output
    count = written_line(again.output)
    assert count is not None
    assert count[0] == 0
    assert count[1] > 5
    before = stamps(root / "site")

    # A body edit past the excerpt: the post's page changes, and nothing else shows it.
    edited = dict(BLOG, **{"posts/c.md": BLOG["posts/c.md"] + "\nOne more line.\n"})
    _write(root, edited, theme)
    result = build_in_process(root, strict=False, dirty=True)
    assert result.returncode == 0, result.output
    assert written_line(result.output) == (1, count[1])
    after = stamps(root / "site")
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["posts/c/index.html"]
    assert site_outputs(root / "site") == _clean_build(tmp_path, edited, theme)
    index = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert any("One more line." in doc["text"] for doc in index["docs"])

    # A post without a description shows its first words in the listings that hold it.
    edited["posts/b.md"] = edited["posts/b.md"].replace("First words", "Opening words")
    _write(root, edited, theme)
    before = stamps(root / "site")
    result = build_in_process(root, strict=False, dirty=True)
    after = stamps(root / "site")
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [
        "blog/index.html",
        "category/deep-learning/index.html",
        "posts/b/index.html",
        "tag/nlp/index.html",
    ]
    assert site_outputs(root / "site") == _clean_build(tmp_path, edited, theme)

    # A title shows in the navigation of every page: every page is written again.
    retitled = dict(edited, **{"posts/a.md": edited["posts/a.md"].replace("Alpha", "Aleph")})
    _write(root, retitled, theme)
    result = build_in_process(root, strict=False, dirty=True)
    assert result.returncode == 0, result.output
    assert written_line(result.output) is None  # nothing was left as it was
    assert site_outputs(root / "site") == _clean_build(tmp_path, retitled, theme)


@pytest.mark.slow
def test_dirty_build_rewrites_a_page_changed_on_disk(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, "material")
    assert build_in_process(root, strict=False, dirty=True).returncode == 0
    page = root / "site/posts/a/index.html"
    page.write_text("tampered", encoding="utf-8")
    (root / "site/posts/b/index.html").unlink()
    result = build_in_process(root, strict=False, dirty=True)
    assert written_line(result.output) is not None
    assert written_line(result.output)[0] == 2  # type: ignore[index]
    assert site_outputs(root / "site") == _clean_build(tmp_path, BLOG, "material")


@pytest.mark.slow
def test_dirty_build_with_another_plugin_writes_every_page(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, "material")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("plugins:\n", "plugins:\n- tags\n"))
    assert build_in_process(root, strict=False, dirty=True).returncode == 0
    result = build_in_process(root, strict=False, dirty=True)
    assert result.returncode == 0, result.output
    assert "--dirty writes every page: the plugin material/tags may change pages" in result.output
    assert written_line(result.output) is None


def test_cache_option_renders_no_markdown_in_a_warm_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, "material", cache=True)
    assert build_in_process(root).returncode == 0
    rendered: list[str] = []
    original = Page.render

    def render(page: Page, config: object, files: object) -> None:
        rendered.append(page.file.src_uri)
        original(page, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", render)
    written = (root / STATE).stat().st_mtime_ns
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    assert [src for src in rendered if src.startswith("posts/")] == []
    assert (root / STATE).stat().st_mtime_ns == written  # nothing new to keep
    assert site_outputs(root / "site") == _clean_build(tmp_path, BLOG, "material")


def test_the_state_keeps_search_texts_with_formulas(tmp_path: Path) -> None:
    """Material's search holds a section's text with a formula as UTF-8 (`memory.Utf8Text`):
    the state keeps it as its text, and the warm build writes what a clean build writes."""
    files = {**BLOG, "posts/math.md": _post("Math", "Tooling", 6, "A sum $\\sum_k x_k$.")}
    root = tmp_path / "blog"
    _write(root, files, "material", cache=True)
    assert build_in_process(root).returncode == 0
    state = json.loads((root / STATE).read_text(encoding="utf-8"))
    texts = [entry["text"] for entries in state["search"].values() for entry in entries]
    assert any("\u2211" in text for text in texts)
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    assert site_outputs(root / "site") == _clean_build(tmp_path, files, "material")


def test_unreadable_state_is_set_aside(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, "material", cache=True)
    (root / STATE).parent.mkdir(parents=True)
    (root / STATE).write_text('{"format": 1, "versions"', encoding="utf-8")
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    assert "is not readable" in result.output
    assert "the build starts afresh" in result.output
    assert json.loads((root / STATE).read_text(encoding="utf-8"))["format"] == dirty.FORMAT


def test_no_state_is_written_without_cache_or_dirty(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, "material")
    assert build_in_process(root).returncode == 0
    assert not (root / ".cache").exists()


@pytest.mark.parametrize(
    ("cache_dir", "problem"),
    [
        ("../elsewhere", "is outside the project folder"),
        ("/tmp/perceptual-cache", "is outside the project folder"),
        ("docs/.cache", "overlaps docs_dir"),
        ("site", "overlaps site_dir"),
        (".", "overlaps docs_dir"),
    ],
)
def test_cache_dir_outside_the_project_is_an_error(
    tmp_path: Path, cache_dir: str, problem: str
) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, "material", cache=True, cache_dir=cache_dir)
    result = build_in_process(root)
    assert result.returncode == 1
    assert f"cache_dir {cache_dir!r} {problem}" in result.output
    assert not (tmp_path / "elsewhere").exists()


# -- the pure parts ---------------------------------------------------------------------------


def test_render_entry_survives_json(tmp_path: Path) -> None:
    import logging

    from mkdocs.structure.toc import get_toc

    toc = get_toc([{"level": 2, "id": "a", "name": "A", "html": "A", "children": [
        {"level": 3, "id": "b", "name": "B", "html": "B", "children": []}]}])  # fmt: skip
    record = logging.makeLogRecord(
        {"name": "mkdocs.x", "levelno": 30, "levelname": "WARNING", "msg": "w %s", "args": (1,)}
    )
    entry = cache.Entry(
        "<p>x</p>", toc, "T", frozenset({"a", "b"}), {"o.md": {"a": "o.md#a"}},
        {"o.md": ("o/", True), "gone.md": None}, (record,),
    )  # fmt: skip
    back = stored.entry_from(json.loads(json.dumps(stored.entry_data(entry))))
    assert (back.content, back.title, back.anchors) == (entry.content, "T", entry.anchors)
    assert back.links_to_anchors == entry.links_to_anchors
    assert back.lookups == entry.lookups
    assert [(r.name, r.levelno, r.getMessage()) for r in back.records] == [("mkdocs.x", 30, "w 1")]
    assert str(back.toc) == str(entry.toc)
    assert getattr(back.toc.items[0], "active", False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"b": 1, "a": [1, 2]}, [("a", [1, 2]), ("b", 1)]),
        ((1, "x", None), [1, "x", None]),
        ({3, 1}, ["1", "3"]),
    ],
)
def test_stable_values(value: object, expected: object) -> None:
    assert fingerprint.stable(value) == expected


def test_stable_objects_by_class_and_attributes_not_address() -> None:
    class Thing:
        def __init__(self, n: int) -> None:
            self.n, self._private = n, object()

    assert (
        fingerprint.stable(Thing(1)) == fingerprint.stable(Thing(1)) != fingerprint.stable(Thing(2))
    )
    assert "0x" not in json.dumps(fingerprint.stable(Thing(1)))


@pytest.mark.parametrize(
    ("html", "here", "expected"),
    [
        ('<a href="../d/">D</a>', "posts/a/", {"../d/": "posts/d.md"}),
        ('<a href="../d/#part">D</a>', "posts/a/", {"../d/": "posts/d.md"}),
        ('<a href="posts/d/">D</a>', "", {"posts/d/": "posts/d.md"}),
        ('<a href="../b/">B</a>', "posts/a/", {}),
        ('<a href="https://x.org/posts/d/">D</a>', "posts/a/", {}),
        ('<a href="//x.org/posts/d/">D</a>', "posts/a/", {}),
        ("<p>no links</p>", "posts/a/", {}),
    ],
)
def test_hidden_links(html: str, here: str, expected: dict[str, str]) -> None:
    class At:
        url = here

    assert hidden_links(html, At(), {"posts/d/": "posts/d.md"}) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("p/.cache/x", None),
        ("p/cache", None),
        ("elsewhere", "is outside the project folder"),
        ("p", "overlaps docs_dir"),
        ("p/docs/x", "overlaps docs_dir"),
        ("p/site", "overlaps site_dir"),
        ("p/sitemap", None),
        ("p/a-file", "is a file, not a folder"),
    ],
)
def test_cache_dir_problem(tmp_path: Path, folder: str, expected: str | None) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p/a-file").write_text("x")
    got = outputs.cache_dir_problem(
        str(tmp_path / folder), str(tmp_path / "p"), str(tmp_path / "p/docs"),
        str(tmp_path / "p/site"),
    )  # fmt: skip
    assert got == expected


@pytest.mark.parametrize(
    ("static_dir", "cache_dir"),
    [("static", "static/cache"), (".", "cache"), (".", ".cache/plugin/perceptual")],
)
def test_a_cache_inside_static_dir_is_never_published(
    tmp_path: Path, static_dir: str, cache_dir: str
) -> None:
    """static_dir is published as it is; the cache in it holds every post's rendering, a
    draft's among them: it is left out of the site (issue 24)."""
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "kept.txt").write_text("kept")
    _write(tmp_path, BLOG, "material", static_dir=static_dir, cache_dir=cache_dir, cache=True)
    for _ in range(2):  # the second build finds the state the first wrote
        built = build_in_process(tmp_path)
        assert built.returncode == 0, built.output
    assert (tmp_path / cache_dir / "state.json").is_file()
    outputs = site_outputs(tmp_path / "site")
    assert [name for name in outputs if "state.json" in name or "images/index" in name] == []
    assert [name for name, data in outputs.items() if b"A draft." in data] == []
    assert any(name.endswith("kept.txt") for name in outputs)


def test_a_cache_dir_that_is_a_file_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{}")
    _write(tmp_path, BLOG, "material", cache_dir="state.json", cache=True)
    built = build_in_process(tmp_path)
    assert built.returncode == 1
    assert "cache_dir 'state.json' is a file, not a folder" in built.output


def _copy_project(source: Path, target: Path) -> None:
    import shutil

    for name in ("docs", "static", "mkdocs.yml"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).exists():
            (target / name).write_bytes((source / name).read_bytes())


EDITED = {**BLOG, "posts/a.md": BLOG["posts/a.md"] + "\nAn edit.\n"}


@pytest.fixture(scope="module")
def edited_clean_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What a clean build of BLOG with one post edited writes, built once."""
    return _clean_build(tmp_path_factory.mktemp("edited"), EDITED, "material")


@pytest.mark.parametrize("link", ["posts/a/index.html", "rss.xml", "sitemap.xml", "category"])
def test_a_dirty_build_never_writes_through_a_link_in_the_site(
    tmp_path: Path, link: str, edited_clean_outputs: dict
) -> None:
    """A file or folder of site/ replaced by a symbolic link out of the project: the next
    dirty build removes the link and writes its own file; the outside stays as it was
    (issue 24)."""
    root = tmp_path / "blog"
    _write(root, BLOG, "material")
    assert build_in_process(root, strict=False, dirty=True).returncode == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("precious")
    target = root / "site" / link
    if target.is_dir():
        import shutil

        shutil.rmtree(target)
        target.symlink_to(outside, target_is_directory=True)
    else:
        target.unlink()
        target.symlink_to(outside / "victim.txt")
    _write(root, EDITED, "material")
    built = build_in_process(root, strict=False, dirty=True)
    assert built.returncode == 0, built.output
    assert f"removed the symbolic link {link}" in built.output
    assert (outside / "victim.txt").read_text() == "precious"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]
    assert site_differences(site_outputs(root / "site"), edited_clean_outputs) == ""


def test_a_dirty_build_holds_exactly_a_clean_builds_files(tmp_path: Path) -> None:
    """A file removed from static_dir, sw.js no longer asked for, a deleted folder post's
    image and its copies: gone after a dirty build, as after a clean one (issue 24)."""
    from conftest import image_bytes

    root = tmp_path / "blog"
    (root / "static" / "media").mkdir(parents=True)
    (root / "static" / "media" / "old.txt").write_text("old")
    (root / "static" / "media" / "kept.txt").write_text("kept")
    files = {
        **BLOG,
        "posts/photo/index.md": _post("Photo", "Tooling", 5, "![P](./p.png)"),
        "posts/photo/p.png": image_bytes(300, 200),
    }
    _write(root, files, "material", static_dir="static", unregister_service_worker=True)
    assert build_in_process(root, strict=False, dirty=True).returncode == 0
    assert (root / "site" / "sw.js").is_file()
    assert (root / "site" / "media" / "old.txt").is_file()
    (root / "static" / "media" / "old.txt").unlink()
    import shutil

    shutil.rmtree(root / "docs" / "posts" / "photo")
    files = {k: v for k, v in files.items() if not k.startswith("posts/photo")}
    _write(root, files, "material", static_dir="static")
    built = build_in_process(root, strict=False, dirty=True)
    assert built.returncode == 0, built.output
    clean = tmp_path / "clean"
    _copy_project(root, clean)
    assert build_in_process(clean).returncode == 0
    assert site_differences(site_outputs(root / "site"), site_outputs(clean / "site")) == ""
    assert not (root / "site" / "sw.js").exists()
    assert not list((root / "site").rglob("p-*.png"))


@pytest.fixture(scope="module")
def real_state(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The state file a build of BLOG leaves, read once for every kind of damage."""
    root = tmp_path_factory.mktemp("first")
    _write(root, BLOG, "material", cache=True)
    assert build_in_process(root).returncode == 0
    return json.loads((root / STATE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clean_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What a clean build of BLOG writes, built once for every kind of damage."""
    return _clean_build(tmp_path_factory.mktemp("blog"), BLOG, "material")


def _damaged(state: dict, damage: str) -> str:
    """The state file with one kind of damage the attack found (issue 24)."""
    import copy

    s = copy.deepcopy(state)
    key = next(iter(s["render"]))
    entry = s["render"][key]
    if damage == "a list":
        return "[]"
    if damage == "null":
        return "null"
    if damage == "nested 200,000 deep":
        return "[" * 200_000 + "]" * 200_000
    if damage == "render as a list":
        s["render"] = []
    elif damage == "a record's levelno as text":
        entry["records"] = [["mkdocs", "WARNING", "WARNING", "x"]]
    elif damage == "links as a list":
        entry["links"] = ["posts/a.md"]
    elif damage == "an anchors value as a list":
        entry["links"] = {"posts/a.md": {"part": ["x"]}}
    elif damage == "a malformed toc":
        entry["toc"] = [["T", "t", "one", False, []]]
    elif damage == "a toc nested deep":
        toc: list = []
        for _ in range(200):
            toc = [["T", "t", 2, False, toc]]
        entry["toc"] = toc
    elif damage == "a page record of another shape":
        s["pages"] = {"index.md": ["f", "not a stamp", None]}
    elif damage == "search entries as text":
        s["search"] = {"k": "entries"}
    return json.dumps(s)


DAMAGES = [
    "a list",
    "null",
    "nested 200,000 deep",
    "render as a list",
    "a record's levelno as text",
    "links as a list",
    "an anchors value as a list",
    "a malformed toc",
    "a toc nested deep",
    "a page record of another shape",
    "search entries as text",
]


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("how", ["cache", "dirty", "serve"])
def test_a_damaged_state_is_set_aside(
    tmp_path: Path, damage: str, how: str, real_state: dict, clean_outputs: dict
) -> None:
    """A state file of any other shape is set aside with the documented INFO line, and the
    build gives a clean build's output: never a traceback (issue 24)."""
    state = real_state
    root = tmp_path / "blog"
    _write(root, BLOG, "material", cache=True)
    (root / STATE).parent.mkdir(parents=True)
    (root / STATE).write_text(_damaged(state, damage), encoding="utf-8")
    if how == "serve":
        serve_build(root, {}, start=True)
    else:
        result = build_in_process(root, strict=False, dirty=how == "dirty")
        assert result.returncode == 0, result.output
        if damage != "null":
            assert "the build starts afresh" in result.output, result.output
    ours, theirs = site_outputs(root / "site"), clean_outputs
    if how == "serve":  # serve shows the draft, and its pages carry the live-reload script
        assert set(theirs) <= set(ours)
    else:
        assert site_differences(ours, theirs) == ""


@pytest.mark.parametrize("what", ["a folder", "a link"])
def test_a_state_file_that_is_no_file_is_set_aside(tmp_path: Path, what: str) -> None:
    root = tmp_path / "blog"
    _write(root, BLOG, "material", cache=True)
    (root / STATE).parent.mkdir(parents=True)
    if what == "a folder":
        (root / STATE).mkdir()
    else:
        (root / STATE).symlink_to(tmp_path / "nowhere.json")
    result = build_in_process(root)
    assert result.returncode == 0, result.output
    assert (root / STATE).is_file()  # this build's own, beside the one set aside


@pytest.mark.parametrize(
    ("theme", "change"),
    [
        ("mkdocs", {"search": {"indexing": "titles"}}),  # MkDocs' search, another option
        ("material", {"theme": "mkdocs"}),  # another theme, and MkDocs' own search
    ],
)
def test_the_search_cache_follows_the_search_plugin_and_the_theme(
    tmp_path: Path, theme: str, change: dict
) -> None:
    """With cache: true, a change to the search plugin's options or to the theme gives a
    clean build's search index, not the entries kept from before (issue 24)."""
    root = tmp_path / "blog"
    _write(root, BLOG, theme, cache=True)
    assert build_in_process(root).returncode == 0
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    if "search" in change:
        config["plugins"][0] = {"search": change["search"]}
    else:
        config["theme"] = change["theme"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert build_in_process(root).returncode == 0
    clean = tmp_path / "clean"
    clean.mkdir()
    import shutil

    shutil.copytree(root / "docs", clean / "docs")
    (clean / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert build_in_process(clean).returncode == 0
    index = "search/search_index.json"
    assert (root / "site" / index).read_bytes() == (clean / "site" / index).read_bytes()
