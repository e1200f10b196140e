"""The package's layers: data flows one way, from the source system's rules up to the hooks.

`LAYERS` lists the layers from the bottom up, each a subpackage or a top-level module; a
module may import its own layer and lower ones, never a higher one. Each subpackage's
docstring says what it owns and what it may import; no module holds more than one
responsibility's worth of lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mkdocs_perceptual"

LAYERS = [
    "lumen",  # the source system's rules, pure: front matter, posts, dates, names, URLs
    "config",  # the plugin's typed options
    "markdown",  # reading Markdown as remark did: extensions, fences, quotes, math
    "site",  # what the blog publishes: navigation, listings, feed, header and footer
    "build",  # one build's state, the render cache, dirty builds
    "plugin",  # the MkDocs event hooks (users' configurations name this module)
    "migrate",  # the `init` command
    "__main__",  # the command line
]
MAX_LINES = 300
# Tables of data, not logic: their length is their content.
DATA_MODULES = {"markdown/texdata.py"}


def modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE
    )


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(("mkdocs_perceptual", *parts))


def imports_of(path: Path) -> set[str]:
    """The package's own modules (dotted names) that `path` imports, at any level of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path.name}: use absolute imports"
            if node.module == "mkdocs_perceptual" or node.module.startswith("mkdocs_perceptual."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("mkdocs_perceptual."))
    return found


def layer_of_name(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None  # the package root holds only constants


def test_every_module_has_a_layer():
    assert {layer_of(p) for p in modules()} - set(LAYERS) == set(), "add the new layer to LAYERS"


def test_modules_import_only_their_layer_and_lower():
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = []
    for path in modules():
        for imported in sorted(imports_of(path)):
            target = layer_of_name(imported)
            if target is not None and rank[target] > rank[layer_of(path)]:
                upward.append(f"{module_name(path)} imports {imported}")
    assert upward == []


def test_no_import_circle():
    graph = {module_name(p): imports_of(p) for p in modules()}

    def visit(name: str, trail: tuple[str, ...]) -> list[str]:
        if name in trail:
            return [" -> ".join((*trail[trail.index(name) :], name))]
        return [c for dep in sorted(graph.get(name, ())) for c in visit(dep, (*trail, name))]

    assert [c for name in sorted(graph) for c in visit(name, ())] == []


@pytest.mark.parametrize("layer", [name for name in LAYERS if (PACKAGE / name).is_dir()])
def test_each_layer_says_what_it_owns_and_may_import(layer):
    doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text("utf-8")))
    assert doc, f"{layer}/__init__.py needs a docstring"
    assert "May import" in doc, f"{layer}/__init__.py: say what the layer may import"


def test_no_module_over_the_line_limit():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in modules()
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
        and str(p.relative_to(PACKAGE)) not in DATA_MODULES
    }
    assert long == {}, "split these by responsibility"


def test_the_root_holds_no_logic():
    """`mkdocs_perceptual/__init__.py` is imported by every module: it imports none of them."""
    assert imports_of(PACKAGE / "__init__.py") == set()
