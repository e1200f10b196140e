"""The pages written by two processes (`split_writing`, issue 27): a split build writes a
serial build's site byte for byte and says its log lines in the same order; a page that fails
in either process fails the build as serially; the two processes meet where their work does;
a copy that is killed leaves its pages and the feeds to this process, in an INFO line naming
the page; builds that another plugin could watch are never split."""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import re
import shutil
import signal
import sys
import time
from pathlib import Path

import mkdocs.commands.build as mkdocs_build
import pytest
from conftest import ROOT, build_in_process, plugins, site_outputs, write_site
from test_parallel import blog

from mkdocs_perceptual.build import copies, features, parallel, split_plan
from mkdocs_perceptual.build.processes import portable_records

SPLIT = "pages written in 2 processes"
# A custom_dir template that renders nothing (MkDocs logs that it skips the page) and one
# that fails as it renders.
TEMPLATES = {"empty.html": "", "broken.html": "{{ page.meta.missing.deeper }}"}


@pytest.fixture(autouse=True)
def small_blogs_split(monkeypatch):
    """The pool and the split start only for blogs of hundreds of pages."""
    monkeypatch.setattr(parallel, "SMALLEST", 2)
    monkeypatch.setattr(split_plan, "SPLIT_FROM", 2)


def site(extra: dict[str, str] | None = None) -> dict[str, str]:
    files = {**blog(), **(extra or {})}
    # Pages that log as they are written, first and last in MkDocs' order.
    for name in ("aaa/skipped", "zzz/skipped"):
        files[f"{name}.md"] = f"---\ntemplate: empty.html\n---\n\n# {name}\n"
    return files


def build(root: Path, files: dict, workers: int, theme: str = "material", listed=None, **options):
    """`listed`: the plugins before ours (search alone if None)."""
    ours = plugins(workers=workers, **options)
    settings = {"theme": {"name": theme, "custom_dir": "overrides"}}
    write_site(root, files, {**settings, "plugins": [*listed, ours[-1]] if listed else ours})
    for name, text in TEMPLATES.items():
        (root / "overrides").mkdir(exist_ok=True)
        (root / "overrides" / name).write_text(text, encoding="utf-8")
    return build_in_process(root, strict=False)


def written_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "Page skipped" in line or "Error" in line]


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_a_split_build_writes_a_serial_builds_site_and_log(tmp_path, theme):
    serial = build(tmp_path / "one", site(), 1, theme)
    both = build(tmp_path / "two", site(), 2, theme)
    assert serial.returncode == both.returncode == 0, both.output
    assert SPLIT in both.output
    assert SPLIT not in serial.output
    assert site_outputs(both.site) == site_outputs(serial.site)
    # The copy's lines come back in MkDocs' order, after this process's.
    lines = written_lines(serial.output)
    assert [line.split("'")[1] for line in lines] == ["aaa/skipped.md", "zzz/skipped.md"]
    assert written_lines(both.output) == lines
    assert gc.get_freeze_count() == 0  # frozen while the copy ran, as it was after


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
@pytest.mark.parametrize("where", ["aaa", "zzz"])
def test_a_page_that_fails_fails_the_build_as_serially(tmp_path, where):
    """In this process's share (the copy is stopped) or in the copy's (its error comes back)."""
    files = site({f"{where}/broken.md": "---\ntemplate: broken.html\n---\n\n# Broken\n"})
    serial = build(tmp_path / "one", files, 1)
    both = build(tmp_path / "two", files, 2)
    assert serial.returncode == both.returncode == 1
    assert "Error building page" in serial.output
    assert written_lines(both.output) == written_lines(serial.output)
    assert "Documentation built" not in both.output
    assert SPLIT not in both.output
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no copy left behind


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
def test_a_copy_that_is_killed_leaves_its_pages_to_this_process(tmp_path, monkeypatch):
    """Killed at its first page (the last of MkDocs' order): this process writes every page
    it left, and the site and the log lines are a serial build's."""
    me = os.getpid()
    original = mkdocs_build._build_page

    # MkDocs' own parameters: the split takes only the writing it knows.
    def dying(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if os.getpid() != me and page.file.src_uri == "zzz/skipped.md":
            os.kill(os.getpid(), signal.SIGKILL)
        return original(page, config, doc_files, nav, env, dirty, excluded)

    monkeypatch.setattr(mkdocs_build, "_build_page", dying)
    result = build(tmp_path / "two", site(), 2)
    assert result.returncode == 0, result.output
    said = "was killed (SIGKILL) while writing zzz/skipped.md; this process writes what it left"
    assert said in result.output
    assert SPLIT not in result.output
    assert mkdocs_build._build_page is dying  # MkDocs' writing as it was
    assert gc.get_freeze_count() == 0
    serial = build(tmp_path / "one", site(), 1)
    assert site_outputs(result.site) == site_outputs(serial.site)
    assert written_lines(result.output) == written_lines(serial.output)


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
@pytest.mark.parametrize(("slow", "most"), [("here", "copy"), ("copy", "here")])
def test_the_processes_meet_where_their_work_does(tmp_path, monkeypatch, slow, most):
    """Pages that cost more in one process: the other writes more of them."""
    me = os.getpid()
    original = mkdocs_build._build_page

    def slowed(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if (os.getpid() == me) == (slow == "here"):
            time.sleep(0.05)
        return original(page, config, doc_files, nav, env, dirty, excluded)

    monkeypatch.setattr(mkdocs_build, "_build_page", slowed)
    result = build(tmp_path, site(), 2)
    assert result.returncode == 0, result.output
    found = re.search(r"(\d+) pages written in 2 processes \((\d+) by the copy\)", result.output)
    assert found is not None, result.output
    pages, copied = int(found[1]), int(found[2])
    assert (copied > pages / 2) == (most == "copy")
    assert (copied < pages / 2) == (most == "here")


def feeds_written_where(monkeypatch, tmp_path: Path, then=None) -> Path:
    """Each process that writes the feeds adds its process id to the file returned, then
    does `then` (in the copy only) before writing them."""
    me, where = os.getpid(), tmp_path / "feeds-written-by"
    original = features.write_feeds

    def noted(*args, **kwargs):
        with open(where, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        if then is not None and os.getpid() != me:
            then()
        return original(*args, **kwargs)

    monkeypatch.setattr(features, "write_feeds", noted)
    return where


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
def test_the_copy_writes_the_feeds_first(tmp_path, monkeypatch):
    """Once, in the copy: the feeds are a serial build's (the site compared above too)."""
    where = feeds_written_where(monkeypatch, tmp_path)
    both = build(tmp_path / "two", site(), 2)
    assert both.returncode == 0, both.output
    writers = where.read_text("utf-8").split()
    assert len(writers) == 1
    assert writers[0] != str(os.getpid())
    serial = build(tmp_path / "one", site(), 1)
    feeds = ("rss.xml", "atom.xml", "feed.json", "category/alpha/rss.xml", "tag/t-3/rss.xml")
    for name in feeds:
        assert (both.site / name).read_bytes() == (serial.site / name).read_bytes(), name
    assert where.read_text("utf-8").split()[1:] == [str(os.getpid())]


def unwritable() -> None:
    raise PermissionError(13, "Permission denied", "rss.xml")


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
def test_feeds_the_copy_cannot_write_fail_the_build(tmp_path, monkeypatch):
    """As a serial build fails on them, at its end; no copy is left behind."""
    feeds_written_where(monkeypatch, tmp_path, unwritable)
    result = build(tmp_path / "site", site(), 2)
    assert result.returncode == 1
    assert "Permission denied: 'rss.xml'" in result.output
    assert "Documentation built" not in result.output
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
def test_feeds_a_killed_copy_left_are_written_here(tmp_path, monkeypatch):
    where = feeds_written_where(monkeypatch, tmp_path, lambda: os.kill(os.getpid(), signal.SIGKILL))
    result = build(tmp_path / "two", site(), 2)
    assert result.returncode == 0, result.output
    assert "was killed (SIGKILL) while writing the feeds" in result.output
    assert where.read_text("utf-8").split()[-1] == str(os.getpid())  # then here
    serial = build(tmp_path / "one", site(), 1)
    assert site_outputs(result.site) == site_outputs(serial.site)


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
def test_collections_leave_shared_objects_alone_while_the_copy_runs(tmp_path, monkeypatch):
    """The objects both processes hold stay frozen in this process until the copy ends: a
    full collection here would write to each of them and so copy every page they are on."""
    me, frozen = os.getpid(), []
    original = mkdocs_build._build_page

    def noting(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if os.getpid() == me:
            frozen.append(gc.get_freeze_count())
        else:
            time.sleep(0.02)  # the copy slower: this process writes most pages, on any load
        return original(page, config, doc_files, nav, env, dirty, excluded)

    monkeypatch.setattr(mkdocs_build, "_build_page", noting)
    result = build(tmp_path, site(), 2)
    assert result.returncode == 0, result.output
    assert SPLIT in result.output
    assert len(frozen) > 10  # this process's share, each page written after the fork
    assert min(frozen) > 1000
    assert gc.get_freeze_count() == 0


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
def test_a_split_cold_build_keeps_the_state_a_serial_one_keeps(tmp_path):
    """With `cache: true`, the copy's pages' search entries are kept in the state as this
    process's are: the same as a serial build keeps, and the same warm build after it."""
    states, sites = {}, {}
    for workers in (1, 2):  # in one folder: the render cache's keys hold its paths
        shutil.rmtree(tmp_path, ignore_errors=True)
        root = tmp_path
        cold = build(root, site(), workers, cache=True)
        assert cold.returncode == 0, cold.output
        assert (SPLIT in cold.output) == (workers == 2)
        state = json.loads((root / ".cache/plugin/perceptual/state.json").read_text("utf-8"))
        states[workers] = state["search"]  # the render cache's keys hold the options
        warm = build_in_process(root, strict=False)
        assert warm.returncode == 0, warm.output
        sites[workers] = site_outputs(warm.site)
    assert len(states[1]) > 40
    assert states[2] == states[1]
    assert sites[2] == sites[1]


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
def test_an_interrupted_build_leaves_no_copy_behind(tmp_path, monkeypatch):
    """Ctrl-C (or any exception MkDocs does not catch) in this process's share: the copy is
    killed and waited for, and MkDocs' writing is put back."""
    original = mkdocs_build._build_page

    def interrupted(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if page.file.src_uri == "posts/p005.md":
            raise KeyboardInterrupt
        return original(page, config, doc_files, nav, env, dirty, excluded)

    forks = []
    fork = os.fork

    def counted() -> int:
        forks.append(1)
        return fork()

    monkeypatch.setattr(mkdocs_build, "_build_page", interrupted)
    monkeypatch.setattr(os, "fork", counted)
    with pytest.raises(KeyboardInterrupt):
        build(tmp_path, site(), 2)
    assert forks == [1]  # the copy was writing
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
    assert mkdocs_build._build_page is interrupted
    assert gc.get_freeze_count() == 0


@pytest.mark.slow  # worker processes and a fork: the whole suite runs it
@pytest.mark.parametrize(
    ("options", "plugin_list"),
    [
        ({"split_writing": False}, None),
        ({}, ["search", "tags"]),
    ],
)
def test_builds_that_keep_what_a_page_leaves_are_not_split(tmp_path, options, plugin_list):
    result = build(tmp_path, site(), 2, listed=plugin_list, **options)
    assert result.returncode == 0, result.output
    assert "40 posts rendered in 2 processes" in result.output  # the pool ran
    assert SPLIT not in result.output


@pytest.mark.parametrize(
    ("takes", "expected"),
    [
        # This process takes a page by its index, the copy (None) the one before its lowest.
        ([0, None, None, 1, 2, None, 3], [0, 4, 3, 1, 2, None, None]),
        ([None, None, None, None, None, 0], [4, 3, 2, 1, 0, None]),
        ([0, 1, 2, 3, 4, None], [0, 1, 2, 3, 4, None]),
        ([0, 2, None, None], [0, 2, 4, 3]),  # a page skipped here stays this process's
    ],
)
def test_each_page_is_taken_once(takes, expected):
    claims = copies.Claims(5)
    try:
        assert [claims.take(index) for index in takes] == expected
    finally:
        claims.close()


def test_records_and_errors_come_back_as_they_pickle():
    try:
        raise ValueError("inside")
    except ValueError:
        record = logging.LogRecord("mkdocs.x", logging.WARNING, "f.py", 3, "a %s", ("b",), None)
        record.exc_info = sys.exc_info()
    record.unpicklable = lambda: None  # what another library may add
    [back] = pickle.loads(pickle.dumps(portable_records([record])))
    assert back.getMessage() == "a b"
    assert back.levelno == logging.WARNING
    assert back.name == "mkdocs.x"
    assert "ValueError: inside" in back.exc_text  # the traceback, as text

    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(a)

    error = copies.portable_error(Odd("x", "y"))
    assert "Odd: x" in str(error)
    assert isinstance(copies.portable_error(KeyError("k")), KeyError)
    assert copies.how_it_ended(9) == "was killed (SIGKILL)"
    assert copies.how_it_ended(256) == "ended (exit status 1)"


@pytest.mark.slow  # four builds of the demo and a generated blog
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_the_demo_and_a_generated_blog_are_the_same_split(tmp_path, theme):
    import yaml
    from test_parallel import generate

    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    generate(60, tmp_path / "generated")
    generated = tmp_path / "generated" / "perceptual"
    sites, logs = {}, {}
    for workers in (1, 2):
        for name, folder in (("demo", tmp_path / f"demo-{workers}"), ("generated", generated)):
            if name == "demo":
                folder.mkdir()
                shutil.copytree(ROOT / "static", folder / "static")
                config = dict(settings, docs_dir=str(ROOT / "docs"))
            else:
                config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
            config = dict(config, site_dir=str(folder / f"site-{workers}"))
            if name == "generated" or theme != "material":
                config["theme"] = {"name": theme}
            for plugin in config["plugins"]:
                if isinstance(plugin, dict) and "perceptual" in plugin:
                    plugin["perceptual"] = dict(plugin["perceptual"], workers=workers)
            (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
            result = build_in_process(folder, strict=name == "demo")
            assert result.returncode == 0, result.output
            assert (SPLIT in result.output) == (workers == 2), result.output
            sites[name, workers] = site_outputs(folder / f"site-{workers}")
            lines = result.output.splitlines()
            logs[name, workers] = [line for line in lines if not any(x in line for x in OWN)]
    for name in ("demo", "generated"):
        assert sites[name, 2] == sites[name, 1]
        assert logs[name, 2] == logs[name, 1]


# The lines that differ between the two builds: the pool's and the folder and time's.
OWN = ("workers:", "Building documentation to", "Documentation built in")
