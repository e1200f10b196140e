"""Our own site, the demo blog, builds strictly with the plugin."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import mkdocs

ROOT = Path(__file__).resolve().parents[1]


def test_demo_site_builds_strictly(tmp_path):
    site = tmp_path / "site"
    result = mkdocs(ROOT, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    seed = BeautifulSoup(
        (site / "posts/perceptual-learning-text-sequences/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert seed.find("meta", attrs={"name": "description"})["content"] == (
        "Explaining CNN from pracical and theoretical perspective."
    )
    sections = [
        label.get_text(" ", strip=True)
        for label in seed.select("nav.md-nav--primary > ul > li.md-nav__item--nested > label")
    ]
    assert sections[:2] == ["Deep Learning", "Tooling"]
    everything = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert b"Unfinished thoughts on tokenizers" not in everything
    assert b"unfinished-thoughts-on-tokenizers" not in everything
