"""Front matter YAML read as MkDocs reads it, except that the fields Lumen shows as text
keep the text they were written as, a key written twice is refused (as js-yaml refused it),
and every error names the file and line."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mkdocs_perceptual.lumen.post import YamlError

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]


# The fields Lumen shows as text. Gatsby showed `title: 2048` as 2048; YAML 1.1 reads more
# plain words as something else (`yes` a boolean, `1.10` the number 1.1, `010` the number 8),
# and none of those readings is what the author of a title or a tag meant. `socialImage` is
# text too, so that no plain scalar reaches `_Text` as anything but text.
_AS_WRITTEN_FIELDS = frozenset({"title", "category", "description", "slug", "path", "socialImage"})
_AS_WRITTEN_ITEMS = "tags"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# How the loader guesses a plain scalar's tag: `Resolver.resolve(kind, value, implicit)`.
_Resolve = Callable[[type[Node], str, tuple[bool, bool]], str]
TAG_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclasses.dataclass(frozen=True)
class Loaded:
    """Parsed front matter, with what was kept as written and the node it was built from."""

    data: Any
    # field -> each value YAML would have read otherwise: (the text as written, its YAML tag)
    as_written: dict[str, list[tuple[str, str]]]
    # The document's node, its top-level keys as written (before merge keys are flattened).
    node: Node | None


def _yaml_error(e: Exception, src_uri: str, first_line: int) -> YamlError:
    if not isinstance(e, yaml.YAMLError):
        # PyYAML's constructors raise ValueError and the like for values such as an unquoted
        # 2019-02-30.
        return YamlError(f"{src_uri}: the front matter is not valid YAML ({e})")
    mark = getattr(e, "problem_mark", None)
    where = f", line {mark.line + first_line}" if mark is not None else ""
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    context, context_mark = getattr(e, "context", None), getattr(e, "context_mark", None)
    if context and context_mark is not None and context_mark.line != getattr(mark, "line", None):
        problem += f", {context} that starts on line {context_mark.line + first_line}"
    return YamlError(f"{src_uri}{where}: the front matter is not valid YAML ({problem})")


def _as_written(scalar: Node, resolve: _Resolve) -> tuple[str, str] | None:
    """Turn a plain scalar that YAML would read as a number, boolean, null or date into
    text; return (its text, the tag it had). Empty stays null: `title:` means no title."""
    # A plain scalar's style is None from PyYAML's parser and "" from libyaml's.
    if not isinstance(scalar, ScalarNode) or scalar.style or not scalar.value:
        return None
    tag = scalar.tag
    # An explicit tag (`!!float 2048`) is the author's choice; the node does not say whether
    # its tag was written or guessed, but a written one that differs from the guess shows.
    if tag == _STR or tag != resolve(ScalarNode, scalar.value, (True, False)):
        return None
    scalar.tag = _STR
    return scalar.value, tag


def _keep_as_written(node: MappingNode, resolve: _Resolve) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode) or key.tag != _STR:
            continue
        if key.value in _AS_WRITTEN_FIELDS:
            kept = [_as_written(value, resolve)]
        elif key.value == _AS_WRITTEN_ITEMS and isinstance(value, SequenceNode):
            kept = [_as_written(item, resolve) for item in value.value]
        else:
            continue
        # A repeated key counts once, as its last value: the one PyYAML keeps.
        found[key.value] = [k for k in kept if k is not None]
    return {field: kept for field, kept in found.items() if kept}


def load_yaml(text: str, src_uri: str, first_line: int) -> Loaded:
    """Parse front matter YAML the way MkDocs does, except that plain scalars of the fields
    Lumen shows as text stay the text they were written as; errors name the file and line."""
    loader = SafeLoader(text)
    try:
        # Composing then constructing is what `yaml.load` does too, in the same two calls.
        node = loader.get_single_node()
        as_written: dict[str, list[tuple[str, str]]] = {}
        written = node
        if isinstance(node, MappingNode):
            if any(key.tag == _MERGE for key, _ in node.value):
                # Flattening merge keys (`<<: *defaults`) rewrites the mapping in place: keep
                # the keys as written for `check_unique_keys`. Flattening here lets merged
                # fields be read as written too; the constructor then finds nothing to do.
                written = MappingNode(node.tag, list(node.value), node.start_mark, node.end_mark)
                loader.flatten_mapping(node)
            as_written = _keep_as_written(node, loader.resolve)
        data = loader.construct_document(node) if node is not None else None
    except (
        yaml.YAMLError,
        ValueError,
        TypeError,
        AttributeError,
        OverflowError,
        RecursionError,
    ) as e:
        raise _yaml_error(e, src_uri, first_line) from e
    finally:
        loader.dispose()
    return Loaded(data, as_written, written)


def check_unique_keys(node: Node | None, src_uri: str, first_line: int) -> None:
    """Refuse a key written twice at the top level of the front matter, as js-yaml (Lumen's
    parser) does; PyYAML silently keeps the last one, so `draft` could flip unnoticed."""
    if not isinstance(node, MappingNode):
        return
    seen: dict[tuple[str, str], int] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == _MERGE:
            continue
        line = key.start_mark.line + first_line
        if (key.tag, key.value) in seen:
            raise YamlError(
                f"{src_uri}, line {line}: the front matter is not valid YAML (the key "
                f"{key.value!r} is written twice, on line {seen[key.tag, key.value]} and on "
                f"line {line})"
            )
        seen[key.tag, key.value] = line
