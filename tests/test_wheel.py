"""The wheel carries everything the plugin needs: built from this checkout, installed into a
fresh virtual environment, it builds a blog there with no help from the checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED, SEED_IMAGE, need, post, quiet_env, write_site

import mkdocs_perceptual

# Slow: builds a wheel and a fresh virtual environment. `pytest -m "not slow"` leaves it out.
# One worker builds the wheel once for both tests (`--dist loadgroup` in pyproject.toml).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

SHIPPED = [
    "mkdocs_perceptual/py.typed",
    "mkdocs_perceptual/site/templates/post.html",
    "mkdocs_perceptual/site/templates/perceptual/header.html",
    "mkdocs_perceptual/site/templates/perceptual/footer.html",
    "mkdocs_perceptual/site/templates/perceptual/listing.html",
    "mkdocs_perceptual/site/templates/perceptual/blog.css",
    "mkdocs_perceptual/site/templates/perceptual/math.css",
    "mkdocs_perceptual/site/templates/perceptual/katex-init.js",
    "mkdocs_perceptual/site/templates/perceptual/author.html",
    "mkdocs_perceptual/site/templates/perceptual/mkdocs-theme.css",
    "mkdocs_perceptual/site/templates/perceptual/fonts/latinmodern-math.woff2",
    "mkdocs_perceptual/site/templates/perceptual/fonts/GUST-FONT-LICENSE.txt",
]


def run(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = quiet_env()
    env.pop("PYTHONPATH", None)  # nothing from this checkout
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--wheel-dir",
        str(out),
        str(ROOT),
        cwd=out,
    )
    if result.returncode != 0 and "No matching distribution found for hatchling" in result.stderr:
        need("pip could not fetch hatchling to build the wheel (no package index)")
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("mkdocs_perceptual-*.whl")
    return built


def test_wheel_carries_templates_styles_and_metadata(wheel):
    assert wheel.name == f"mkdocs_perceptual-{mkdocs_perceptual.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"mkdocs_perceptual-{mkdocs_perceptual.__version__}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert [name for name in SHIPPED if name not in names] == []
    # No tests, benchmarks or docs in the wheel.
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "docs/"))]
    assert "Classifier: Framework :: MkDocs" in metadata
    assert "Requires-Dist: mkdocs<2,>=1.6" in metadata
    assert "Provides-Extra: dev" in metadata
    assert "perceptual = mkdocs_perceptual.plugin:PerceptualPlugin" in entry_points
    # The `init` command (issue 15).
    assert "mkdocs-perceptual = mkdocs_perceptual.__main__:main" in entry_points


def test_wheel_in_a_fresh_venv_builds_a_blog(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # --no-compile: the dependencies' bytecode is written when first imported, not here.
    result = run(
        str(python), "-m", "pip", "install", "--quiet", "--no-compile", str(wheel), cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The plugin comes from the venv, not from this checkout.
    where = run(
        str(python),
        "-c",
        "import mkdocs_perceptual; print(mkdocs_perceptual.__file__)",
        cwd=tmp_path,
    )
    assert where.stdout.strip().startswith(str(env_dir)), where.stdout + where.stderr
    site_root = tmp_path / "blog"
    files = {
        "posts/perceptual-learning-text-sequences.md": SEED.read_text(encoding="utf-8"),
        "posts/other.md": post(title="Another post", category="Tooling", slug="/posts/other"),
        **SEED_IMAGE,
    }
    write_site(site_root, files, {"plugins": ["search", "perceptual"]})
    result = run(str(python), "-m", "mkdocs", "build", "--strict", cwd=site_root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = site_root / "site"
    seed = (site / "posts" / "perceptual-learning-text-sequences" / "index.html").read_text()
    assert "<math" in seed
    assert "perceptual/blog.css" in seed
    assert (site / "perceptual" / "blog.css").is_file()
    assert (site / "category" / "tooling" / "index.html").is_file()
    assert (site / "rss.xml").is_file()
