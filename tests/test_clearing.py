"""The previous site removed beside the build (`build/clearing.py`, issue 27): a clean build
leaves exactly what MkDocs' own emptying leaves (hidden entries kept), touches nothing outside
the site folder, and keeps the old site when the build stops before MkDocs would empty it."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from conftest import build_in_process, plugins, post, site_outputs, write_site
from mkdocs.utils import clean_directory

from mkdocs_perceptual.build import clearing
from mkdocs_perceptual.build.clearing import PREFIX, Clearing


def earlier_site(site: Path, outside: Path) -> None:
    """What an earlier build (and a user) left: pages, folders, hidden entries, links to
    outside the site, and the hidden folder of a build killed while it was being removed."""
    for name in ("index.html", "posts/a/index.html", "posts/b/index.html", "rss.xml"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("old", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (site / f"{PREFIX}stale" / "posts").mkdir(parents=True)
    (site / f"{PREFIX}stale" / "posts" / "x.html").write_text("old", encoding="utf-8")
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    (site / "linked-folder").symlink_to(outside, target_is_directory=True)
    (site / "linked-file").symlink_to(outside / "keep.txt")
    (site / "posts" / "inner-link").symlink_to(outside, target_is_directory=True)


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_clearing_leaves_what_mkdocs_emptying_leaves_and_nothing_outside(tmp_path):
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for site in (ours, theirs):
        site.mkdir()
        earlier_site(site, tmp_path / f"{site.name}-outside")
    clearing_ = Clearing.start(str(ours))
    assert clearing_ is not None
    # Only the hidden entries are left (and the folder being removed, until `rm` is done).
    assert set(os.listdir(ours)) - {Path(clearing_.folder).name} == {".git", ".nojekyll"}
    clean_directory(str(ours))  # MkDocs empties the folder next: it passes the hidden ones
    clean_directory(str(theirs))
    clearing_.finish()
    # MkDocs alone keeps the stale hidden folder, and a link to a folder (shutil.rmtree
    # refuses a link, and the build would write through it): this removes both, as links.
    kept = (PREFIX, "linked-folder")
    assert listing(ours) == [p for p in listing(theirs) if not p.startswith(kept)]
    assert listing(ours) == [".git", ".git/HEAD", ".nojekyll"]
    for name in ("ours", "theirs"):
        assert (tmp_path / f"{name}-outside" / "keep.txt").read_text("utf-8") == "mine"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda site, tmp: None, id="no site folder yet"),
        pytest.param(lambda site, tmp: site.mkdir(), id="an empty folder"),
        pytest.param(
            lambda site, tmp: (site.mkdir(), (site / ".nojekyll").write_text("")),
            id="hidden entries only",
        ),
        pytest.param(
            lambda site, tmp: (
                (tmp / "real").mkdir(),
                (tmp / "real" / "index.html").write_text("old"),
                site.symlink_to(tmp / "real", target_is_directory=True),
            ),
            id="the site folder a link: left to MkDocs",
        ),
        pytest.param(lambda site, tmp: site.write_text("a file"), id="a file, not a folder"),
    ],
)
def test_nothing_is_moved_where_there_is_nothing_to_clear_here(tmp_path, make):
    site = tmp_path / "site"
    make(site, tmp_path)
    before = listing(tmp_path)
    assert Clearing.start(str(site)) is None
    assert listing(tmp_path) == before


def test_an_entry_that_cannot_be_moved_is_left_for_mkdocs(tmp_path, monkeypatch):
    """A mount point (EBUSY) or any other refusal: the entry stays where MkDocs removes it."""
    site = tmp_path / "site"
    site.mkdir()
    earlier_site(site, tmp_path / "outside")
    rename = os.rename

    def refusing(src, dst):
        if os.path.basename(src) == "posts":
            raise OSError(16, "Device or resource busy")
        rename(src, dst)

    monkeypatch.setattr(os, "rename", refusing)
    clearing_ = Clearing.start(str(site))
    assert clearing_ is not None
    assert (site / "posts" / "a" / "index.html").exists()
    clean_directory(str(site))
    clearing_.finish()
    assert listing(site) == [".git", ".git/HEAD", ".nojekyll"]


def test_what_rm_leaves_is_removed_at_the_end_and_else_said(tmp_path, monkeypatch, caplog):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    false = shutil.which("false")
    monkeypatch.setattr(clearing.shutil, "which", lambda name: false)
    clearing_ = Clearing.start(str(site))  # `false` removes nothing
    assert clearing_ is not None
    clearing_.finish()
    assert listing(site) == []

    (site / "index.html").write_text("old", encoding="utf-8")
    clearing_ = Clearing.start(str(site))
    assert clearing_ is not None
    monkeypatch.setattr(clearing.shutil, "rmtree", lambda *args, **kwargs: None)
    with caplog.at_level(logging.WARNING):
        clearing_.finish()
    name = Path(clearing_.folder).name
    assert f"site_dir: could not remove {name}" in caplog.text
    assert "remove it by hand" in caplog.text


def blog(count: int) -> dict[str, str]:
    return {
        f"posts/p{i}.md": post(title=f"Post {i}", slug=f"/posts/p{i}", category=f"C{i % 3}")
        for i in range(count)
    }


def test_a_build_over_a_larger_earlier_site_writes_a_fresh_builds_site(tmp_path):
    """A real build over what a larger blog left, against a build into no folder."""
    root = tmp_path / "blog"
    write_site(root, blog(12), {"plugins": plugins()})
    assert build_in_process(root).returncode == 0
    for gone in range(4, 12):  # posts gone since: their pages must go too
        (root / "docs" / "posts" / f"p{gone}.md").unlink()
    (root / "site" / ".nojekyll").write_text("", encoding="utf-8")
    again = build_in_process(root)
    assert again.returncode == 0, again.output
    fresh = tmp_path / "fresh"
    write_site(fresh, blog(4), {"plugins": plugins()})
    assert build_in_process(fresh).returncode == 0
    assert site_outputs(root / "site") == site_outputs(fresh / "site") | {".nojekyll": b""}
    assert not [name for name in os.listdir(root / "site") if name.startswith(PREFIX)]


def test_a_build_that_stops_before_mkdocs_empties_the_folder_keeps_the_old_site(tmp_path):
    """Another plugin's (here a hook's) on_pre_build fails: MkDocs never empties the site
    folder, so nothing of it is moved either (this plugin's on_pre_build runs last)."""
    root = tmp_path / "blog"
    write_site(root, blog(3), {"plugins": plugins()})
    assert build_in_process(root).returncode == 0
    before = site_outputs(root / "site")
    (root / "hooks.py").write_text(
        "def on_pre_build(config):\n    raise RuntimeError('a hook that fails')\n",
        encoding="utf-8",
    )
    write_site(root, {}, {"plugins": plugins(), "hooks": ["hooks.py"]})
    failed = build_in_process(root)
    assert failed.returncode == 1
    assert site_outputs(root / "site") == before
    assert not [name for name in os.listdir(root / "site") if name.startswith(".")]
