"""The corpus in tests/remark_corpus, rendered by Lumen 2019's remark pipeline (node) and by a
real `mkdocs build` with the plugin, which reads Lumen files as remark did (`remark.prepare`
and `remark.EXTENSIONS`), compared block by block. The site's `hooks:` file only copies each
post's body aside before the plugin adds its header and footer.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path

import pytest
from conftest import build_in_process, plugins, write_site
from jsrun import run_js
from remark_blocks import blocks

CORPUS = Path(__file__).resolve().parent / "remark_corpus"

# Posts where the plugin keeps Python-Markdown's reading on purpose, because remark was wrong.
KNOWN_DIFFERENCES = {
    # remark-math 1.x reads "$5 and the domain $" as a formula; Arithmatex does not.
    "dollar-amounts",
}
# The share of corpus posts whose structure must be identical (51 of 52 measured).
GOAL = 0.98

# Copies each post's rendered body, before any plugin changes it, beside the site: the
# comparison sees exactly what Markdown produced.
HOOKS = """
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

BODIES = Path(__file__).parent / "bodies"



@event_priority(100)  # before the plugin adds the post's header and footer
def on_page_content(html, page, config, files):
    BODIES.mkdir(exist_ok=True)
    (BODIES / (Path(page.file.src_uri).stem + ".html")).write_text(html, encoding="utf-8")
    return html
"""


def _corpus() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Each post's HTML from remark and from the plugin."""
    posts = _corpus()
    theirs = run_js("remark_render.js", posts)
    root = tmp_path_factory.mktemp("remark-site")
    (root / "hooks.py").write_text(textwrap.dedent(HOOKS), encoding="utf-8")
    files = {f"posts/{name}.md": text for name, text in posts.items()}
    # write_site dedents and strips leading newlines: the posts start with "---" anyway.
    write_site(
        root,
        files,  # type: ignore[arg-type]
        {
            "plugins": plugins(),
            "hooks": ["hooks.py"],
        },
    )
    result = build_in_process(root, strict=False)
    assert result.returncode == 0, result.output
    ours = {name: (root / "bodies" / f"{name}.html").read_text("utf-8") for name in posts}
    return {name: (theirs[name], ours[name]) for name in posts}


def _diff(theirs: str, ours: str) -> str:
    a = [json.dumps(t, ensure_ascii=False) for t in blocks(theirs)]
    b = [json.dumps(t, ensure_ascii=False) for t in blocks(ours)]
    return "\n".join(difflib.unified_diff(a, b, "remark", "plugin", lineterm="", n=1))


def test_corpus_is_large_enough() -> None:
    assert len(_corpus()) >= 40


def test_posts_have_remarks_block_structure(rendered: dict[str, tuple[str, str]]) -> None:
    differing = {name: _diff(*html) for name, html in rendered.items() if _diff(*html)}
    unexpected = {name: diff for name, diff in differing.items() if name not in KNOWN_DIFFERENCES}
    assert not unexpected, "\n\n".join(f"== {name}\n{diff}" for name, diff in unexpected.items())
    same = len(rendered) - len(differing)
    assert same / len(rendered) >= GOAL, f"{same} of {len(rendered)} posts identical"


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENCES))
def test_known_differences_still_differ(name: str, rendered: dict[str, tuple[str, str]]) -> None:
    # If one of these became equal, the plugin would have taken up remark's mistake.
    assert _diff(*rendered[name]), f"{name} now renders as remark did"
