"""The theme's templates compiled once per process, for every build in it."""

from __future__ import annotations

from types import CodeType

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.theme import Theme


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, kept in memory for this process. MkDocs
    makes a new Jinja environment for every build, which compiles every template again:
    about a third of a `mkdocs serve` rebuild of a small blog on Material. An entry is used
    only while its template's source is the same (Jinja checks a hash of it)."""

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _CompiledTemplates()


def share_compiled_templates(theme: Theme) -> None:
    """Every Jinja environment `theme` makes from now on (the page templates', the search
    plugin's, this plugin's) reuses the templates compiled by earlier builds in this
    process."""
    make = theme.get_env
    if getattr(make, "shares_compiled_templates", False):
        return

    def get_env() -> Environment:
        env = make()
        env.bytecode_cache = env.bytecode_cache or _COMPILED
        return env

    get_env.shares_compiled_templates = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]
