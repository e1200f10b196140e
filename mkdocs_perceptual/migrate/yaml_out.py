"""YAML text that loads back to the very values it was made from: a text holding a character
YAML reads as a line break (U+0085, U+2028, U+2029), a control character or any other one not
printable is written double-quoted, where each such character is an escape (`\\x85`, `\\L`,
`\\e`), never raw; other text keeps PyYAML's plain or quoted forms, Unicode unescaped."""

from __future__ import annotations

import yaml


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Not printable (str.isprintable): line breaks, tabs, controls, formats (U+200B, U+FEFF),
    # separators but the space, private use, unassigned: PyYAML writes some of them raw.
    style = None if value.isprintable() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(value: object) -> str:
    """`value` as YAML (keys in their order, Unicode as it is, lines of at most 100)."""
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
