"""The edit loop is correct: after any sequence of edits (a post's body, title, date, category,
tags or draft flag; a new post, a deleted post, a renamed file), a `mkdocs serve` rebuild, a
`mkdocs serve --dirty` rebuild and a `mkdocs build --dirty` each give every output file a clean
build gives (the sitemap's build dates aside), on Material and on MkDocs' own theme.

`mkdocs serve` keeps the plugins between rebuilds and rebuilds in one process: the serve runs
here do the same, in this process, with MkDocs' own `build(config, serve_url=..., dirty=...)`
and the plugin instances kept (as `test_state_does_not_grow_across_serve_rebuilds` shows MkDocs
does). The dirty build is `mkdocs build --dirty` as the command runs it (new plugin instances each
step, the state kept on disk between runs), in this process like the clean builds it is
compared with. A Hypothesis state machine draws the edits, once on each theme; each run also checks
that the dirty builds left some pages as they were (else they would prove nothing);
`PERCEPTUAL_EDIT_STEPS` sets how many examples it tries on each theme (CI: 2)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from conftest import build_in_process, serve_build, site_outputs, write_site
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("PERCEPTUAL_EDIT_STEPS", "2"))
CATEGORIES = ["Deep Learning", "Tooling", "Notes"]
TAGS = ["nlp", "cnn", "python", "math"]


def differences(ours: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    names = sorted(set(ours) | set(clean))
    return [name for name in names if ours.get(name) != clean.get(name)]


class EditLoop(RuleBasedStateMachine):
    """A small blog, edited step by step; after each step both incremental builds are compared
    with clean builds of the same files."""

    THEME = "material"

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="edit-loop-"))
        self.posts: dict[str, dict[str, str]] = {}
        self.count = 0
        self.theme = self.THEME
        # Per serve run: the kept plugin instances, as serve keeps them, and whether started.
        self.serve_plugins: dict[str, dict[str, object]] = {}
        self.started: set[str] = set()

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- the blog ------------------------------------------------------------------------

    def write(self) -> None:
        files: dict[str, str | bytes] = {"index.md": "# Home\n\nThe blog.\n"}
        for name, fields in self.posts.items():
            body = fields.pop("body")
            lines = "\n".join(f"{k}: {v}" for k, v in fields.items())
            files[name] = f"---\n{lines}\ntemplate: post\n---\n\n{body}\n"
            fields["body"] = body
        for root in ("serve", "serve-dirty", "dirty", "clean-serve", "clean-build"):
            docs = self.tmp / root / "docs"
            if docs.exists():
                shutil.rmtree(docs)
            write_site(self.tmp / root, files, {"theme": self.theme})
        # MkDocs' --dirty compares file times: make every write newer than the last build.
        later = time.time() + self.count
        for path in (self.tmp / "dirty" / "docs").rglob("*.md"):
            os.utime(path, (later, later))

    def new_post(self, title: str, category: str, day: int) -> str:
        self.count += 1
        name = f"posts/p{self.count}.md"
        self.posts[name] = {
            "title": f'"{title} {self.count}"',
            "date": f"2020-01-{day:02d}",
            "category": f'"{category}"',
            "tags": "[nlp]",
            "draft": "false",
            "body": f"## Part {self.count}\n\nBody of post {self.count}, see [home](../index.md).",
        }
        return name

    @initialize()
    def start(self) -> None:
        for i, category in enumerate(CATEGORIES):
            self.new_post("Post", category, i + 1)
        self.write()

    # -- the edits -------------------------------------------------------------------------

    def pick(self, data: st.DataObject) -> str | None:
        return data.draw(st.sampled_from(sorted(self.posts))) if self.posts else None

    @rule(data=st.data(), text=st.sampled_from(["New words.", "$x^2$ and `code`", "## Again"]))
    def edit_body(self, data: st.DataObject, text: str) -> None:
        if (name := self.pick(data)) is not None:
            self.posts[name]["body"] += "\n\n" + text

    @rule(data=st.data(), title=st.sampled_from(["Renamed", "Another title", "Third"]))
    def edit_title(self, data: st.DataObject, title: str) -> None:
        if (name := self.pick(data)) is not None:
            self.posts[name]["title"] = f'"{title}"'

    @rule(data=st.data(), day=st.integers(1, 28))
    def edit_date(self, data: st.DataObject, day: int) -> None:
        if (name := self.pick(data)) is not None:
            self.posts[name]["date"] = f"2021-02-{day:02d}"

    @rule(data=st.data(), category=st.sampled_from(CATEGORIES))
    def edit_category(self, data: st.DataObject, category: str) -> None:
        if (name := self.pick(data)) is not None:
            self.posts[name]["category"] = f'"{category}"'

    @rule(data=st.data(), tags=st.lists(st.sampled_from(TAGS), max_size=3))
    def edit_tags(self, data: st.DataObject, tags: list[str]) -> None:
        if (name := self.pick(data)) is not None:
            self.posts[name]["tags"] = "[" + ", ".join(tags) + "]"

    @rule(data=st.data())
    def flip_draft(self, data: st.DataObject) -> None:
        if (name := self.pick(data)) is not None:
            fields = self.posts[name]
            fields["draft"] = "true" if fields["draft"] == "false" else "false"

    @rule(category=st.sampled_from(CATEGORIES), day=st.integers(1, 28))
    def add_post(self, category: str, day: int) -> None:
        self.new_post("Added", category, day)

    @rule(data=st.data())
    def delete_post(self, data: st.DataObject) -> None:
        if len(self.posts) > 1 and (name := self.pick(data)) is not None:
            del self.posts[name]

    @rule(data=st.data())
    def rename_file(self, data: st.DataObject) -> None:
        if (name := self.pick(data)) is not None:
            self.count += 1
            self.posts[f"posts/renamed-{self.count}.md"] = self.posts.pop(name)

    # -- after every step --------------------------------------------------------------------

    def serve_rebuild(self, root: Path, keep: bool, dirty: bool = False) -> dict[str, bytes]:
        """A `mkdocs serve` rebuild (`mkdocs serve --dirty` with `dirty`): with `keep`, by the
        plugin instances of the earlier steps; without, by new ones, as a fresh `mkdocs serve`
        would."""
        kept = self.serve_plugins.setdefault(root.name, {}) if keep else {}
        start = not keep or root.name not in self.started
        serve_build(root, kept, start=start, dirty=dirty)
        if keep:
            self.started.add(root.name)
        return site_outputs(root / "site")

    @invariant()
    def incremental_builds_equal_clean_ones(self) -> None:
        self.write()
        fresh = self.serve_rebuild(self.tmp / "clean-serve", keep=False)
        shutil.rmtree(self.tmp / "clean-serve" / "site")
        served = self.serve_rebuild(self.tmp / "serve", keep=True)
        assert differences(served, fresh) == []
        served_dirty = self.serve_rebuild(self.tmp / "serve-dirty", keep=True, dirty=True)
        assert differences(served_dirty, fresh) == []

        # `mkdocs build --dirty` as the command runs it (new plugin instances, the state
        # read from cache_dir), in this process: a second of Python start-up less a step.
        dirty = build_in_process(self.tmp / "dirty", strict=False, dirty=True)
        assert dirty.returncode == 0, dirty.output
        clean_root = self.tmp / "clean-build"
        shutil.rmtree(clean_root / "site", ignore_errors=True)
        clean = build_in_process(clean_root, strict=False)
        assert clean.returncode == 0, clean.output
        assert (
            differences(
                site_outputs(self.tmp / "dirty" / "site"), site_outputs(clean_root / "site")
            )
            == []
        )


class MkDocsThemeEditLoop(EditLoop):
    THEME = "mkdocs"


# One test per theme, so that pytest-xdist runs them side by side.
TestEditLoopMaterial = EditLoop.TestCase
TestEditLoopMkDocsTheme = MkDocsThemeEditLoop.TestCase
TestEditLoopMaterial.settings = TestEditLoopMkDocsTheme.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
