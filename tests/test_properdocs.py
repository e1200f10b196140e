"""The plugin under ProperDocs, the maintained fork of MkDocs 1.x: `properdocs build` reads the
same mkdocs.yml and runs the plugin from the same entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, SEED_IMAGE, need, post, quiet_env, write_site

# Slow: ProperDocs in its own process. `pytest -m "not slow"` leaves it out.
pytestmark = pytest.mark.slow

PROPERDOCS = Path(sys.executable).with_name("properdocs")

BLOG = {
    "index.md": "# Welcome\n",
    "posts/perceptual-learning-text-sequences.md": SEED.read_text(encoding="utf-8"),
    "posts/hidden.md": post(title="DRAFTMARKER", draft="true", category="Secret"),
    "pages/about.md": "---\ntitle: About me\ntemplate: page\nslug: /pages/about\n---\n\nHello.\n",
    **SEED_IMAGE,
}


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_properdocs_builds_a_blog(tmp_path, theme):
    if not PROPERDOCS.exists():
        need("ProperDocs is not installed (pip install -e '.[test]')")
    write_site(tmp_path, BLOG, {"theme": theme})
    # What an earlier build left: removed beside this one, as ProperDocs would remove it,
    # but for its hidden files (build/clearing.py).
    (tmp_path / "site" / "old").mkdir(parents=True)
    (tmp_path / "site" / "old" / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / "site" / ".nojekyll").write_text("", encoding="utf-8")
    env = quiet_env()
    result = subprocess.run(
        [str(PROPERDOCS), "build", "--strict"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # It was ProperDocs that built the site, from the same mkdocs.yml.
    assert "should be renamed to 'properdocs.yml'" in result.stderr
    site = tmp_path / "site"
    seed = (site / "posts" / "perceptual-learning-text-sequences" / "index.html").read_text()
    assert "<math" in seed
    assert 'class="language-css highlight"' in seed
    assert (site / "pages" / "about" / "index.html").is_file()
    assert (site / "blog" / "index.html").is_file()
    assert (site / "category" / "deep-learning" / "index.html").is_file()
    assert "Perceptual Learning" in (site / "rss.xml").read_text()
    leaks = [p for p in site.rglob("*") if p.is_file() and b"DRAFTMARKER" in p.read_bytes()]
    assert leaks == []
    assert not (site / "old").exists()
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [".nojekyll"]
    shutil.rmtree(site)


def test_properdocs_writes_the_pages_in_two_processes(tmp_path):
    """The split (`split_writing`) under ProperDocs' own page writing: the same site as one
    process writes, and its line saying so."""
    if not PROPERDOCS.exists():
        need("ProperDocs is not installed (pip install -e '.[test]')")
    import yaml
    from conftest import ROOT, site_outputs

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(340, tmp_path)  # the pool renders 300 posts or more, a split writes 200 pages
    folder = tmp_path / "perceptual"
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    outputs = {}
    for workers in (1, 2):
        config["plugins"][1]["perceptual"]["workers"] = workers
        config["site_dir"] = f"site-{workers}"
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        result = subprocess.run(
            [str(PROPERDOCS), "build"],
            cwd=folder,
            env=quiet_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert ("pages written in 2 processes" in result.stderr) == (workers == 2)
        outputs[workers] = site_outputs(folder / f"site-{workers}")
    assert outputs[2] == outputs[1]
