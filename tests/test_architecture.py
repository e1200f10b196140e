"""The package's import graph: data flows one way, from the pure helpers up to the hooks.

`LAYERS` lists the modules from the bottom up; a module may import only modules of lower
layers. A new module goes into the lowest layer that its imports allow."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mkdocs_perceptual"

LAYERS = [
    # pure helpers: text in, text out
    {"dates", "fences", "slugs", "remark", "texdata", "jsobject", "icons", "cache"},
    {"urls", "headings", "frontmatter", "texcompat", "author", "smartypants"},
    {"links", "mathml", "config"},
    # one concern each
    {"extensions", "posts", "feed", "listings", "outputs"},
    {"page", "nav", "highlight"},
    {"build"},  # per-build state, composing the concerns
    {"dirty"},  # what a dirty build may leave, and the cache on disk
    {"plugin"},  # the hooks
    {"init"},  # the `init` command
    {"__init__", "__main__"},
]


def imports_of(path: Path) -> set[str]:
    """The package's own modules that `path` imports, at any level of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "mkdocs_perceptual":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("mkdocs_perceptual."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mkdocs_perceptual."):
                    found.add(alias.name.split(".")[1])
    return found


def test_every_module_has_a_layer():
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    placed = set().union(*LAYERS)
    assert modules - placed == set(), "add the new module to LAYERS"


def test_modules_import_only_lower_layers():
    layer_of = {name: i for i, layer in enumerate(LAYERS) for name in layer}
    upward = []
    for path in sorted(PACKAGE.glob("*.py")):
        for imported in sorted(imports_of(path)):
            if layer_of.get(imported, -1) >= layer_of[path.stem]:
                upward.append(f"{path.stem} imports {imported}")
    assert upward == []


def test_no_import_circle():
    graph = {path.stem: imports_of(path) for path in PACKAGE.glob("*.py")}

    def visit(name: str, trail: tuple[str, ...]) -> list[str]:
        if name in trail:
            return [" -> ".join((*trail[trail.index(name) :], name))]
        return [c for dep in sorted(graph.get(name, ())) for c in visit(dep, (*trail, name))]

    assert [c for name in sorted(graph) for c in visit(name, ())] == []
