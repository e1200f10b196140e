"""The pages' folders made ahead in a thread (`build/folders.py`, issue 27): the site holds
the same files and folders as MkDocs alone would make, none left empty."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import build_in_process, plugins, post, write_site

from mkdocs_perceptual.build.folders import Folders

CASES = [
    # (folders there before, pages, pages written) -> folders there after
    pytest.param([], ["a/index.html"], ["a/index.html"], ["a"], id="one page"),
    pytest.param(
        [],
        ["p/x/index.html", "p/y/index.html", "index.html"],
        ["p/x/index.html", "index.html"],
        ["p", "p/x"],
        id="an unwritten page's folder goes",
    ),
    pytest.param(
        [], ["t/a/page/2/index.html"], [], [], id="a folder made on the way goes when empty"
    ),
    pytest.param(
        ["t"],
        ["t/a/page/2/index.html", "t/b/index.html"],
        ["t/b/index.html"],
        ["t", "t/b"],
        id="a folder there before stays",
    ),
    pytest.param(
        [],
        ["c/a/index.html", "c/a/page/2/index.html"],
        ["c/a/page/2/index.html"],
        ["c", "c/a", "c/a/page", "c/a/page/2"],
        id="a folder holding a written page's folder stays",
    ),
]


@pytest.mark.parametrize(("before", "pages", "written", "after"), CASES)
def test_folders_made_and_the_empty_ones_removed(tmp_path, before, pages, written, after):
    site = tmp_path / "site"
    site.mkdir()
    for folder in before:
        (site / folder).mkdir(parents=True)
    folders = Folders(str(site / page) for page in pages).start()
    folders._thread.join()
    for page in pages:
        assert (site / page).parent.is_dir(), page
    for page in written:
        (site / page).write_text("x", encoding="utf-8")
    folders.finish()
    found = sorted(
        os.path.relpath(os.path.join(root, name), site).replace(os.sep, "/")
        for root, dirs, _ in os.walk(site)
        for name in dirs
    )
    assert found == sorted(after)


HOOK = """
def on_post_page(output, page, config):
    return "" if page.title == "Empty" else output
"""


def test_a_page_not_written_leaves_no_folder(tmp_path):
    """A page whose output comes out empty is not written (MkDocs says so): its folder, made
    ahead, is gone at the end, and every folder of the site holds a file."""
    files = {
        "index.md": "# Home\n",
        "posts/a.md": post(title="Kept", slug='"/posts/kept"'),
        "posts/b.md": post(title="Empty", slug='"/posts/empty/deeper"'),
    }
    write_site(tmp_path, files, {"plugins": plugins(), "hooks": ["hooks.py"]})
    (tmp_path / "hooks.py").write_text(HOOK, encoding="utf-8")
    result = build_in_process(tmp_path)
    assert result.returncode == 0, result.output
    assert "Page skipped: 'posts/b.md'" in result.output
    assert (result.site / "posts" / "kept" / "index.html").is_file()
    assert not (result.site / "posts" / "empty").exists()
    for root, dirs, names in os.walk(result.site):
        assert dirs or names, f"{Path(root).relative_to(result.site)} is empty"
