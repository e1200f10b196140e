"""The docs say what the code does."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen.frontmatter import LumenFrontMatter

DOCS = Path(__file__).resolve().parents[1] / "docs"
SHARED_SEED = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "seed"
    / "perceptual-learning-text-sequences.md"
)


def table_rows(page: str) -> dict[str, list[str]]:
    """First column (without backticks) -> the other cells, for every table row of a page."""
    rows = {}
    for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_configuration_table_lists_every_option_with_its_default():
    rows = {k: v for k, v in table_rows("plugin/configuration.md").items() if "." not in k}
    schema = dict(PerceptualConfig._schema)
    assert set(rows) == set(schema)
    for name, option in schema.items():
        default = option.default
        written = str(default).lower() if isinstance(default, (bool, type(None))) else str(default)
        assert rows[name][1].strip("`") == written, name


def test_configuration_table_lists_every_image_option_with_its_default():
    rows = table_rows("plugin/configuration.md")
    images = dict(dict(PerceptualConfig._schema)["images"].config_class._schema)
    assert {name for name in rows if name.startswith("images.")} == {f"images.{n}" for n in images}
    for name, option in images.items():
        default = option.default
        written = str(default).lower() if isinstance(default, bool) else str(default)
        assert rows[f"images.{name}"][1].strip("`") == written, name


def test_front_matter_table_lists_every_field():
    assert set(table_rows("plugin/front-matter.md")) == {k for k, _ in LumenFrontMatter._schema}


# The seed post's SHA-256, so that a plain clone (without ../shared) checks it too.
SEED_SHA256 = "0564b9e2569c771cde6a33ea14cd7d53efabd0dfea5492b941092681a174c6e2"


def test_demo_holds_the_seed_post_byte_for_byte():
    demo = (DOCS / "posts" / "perceptual-learning-text-sequences.md").read_bytes()
    assert hashlib.sha256(demo).hexdigest() == SEED_SHA256
    if SHARED_SEED.exists():
        assert demo == SHARED_SEED.read_bytes()
    elif os.environ.get("CI") == "true":
        pytest.fail(f"{SHARED_SEED} is missing; CI has shared/ beside the clone")


def test_ci_runs_the_readme_test_command():
    root = DOCS.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    # The README says what the project is in one paragraph, then the two commands, in its
    # first code block.
    block = readme.split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    paragraphs = readme.split("```bash", 1)[0].strip().split("\n\n")
    assert len(paragraphs) == 2  # the title, and what the project is
    assert "MkDocs plugin" in paragraphs[1]
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert commands[1] in ci.splitlines()
