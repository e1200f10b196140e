"""The Lumen front matter schema: Markdown source -> a typed `Post`, or a clear error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any, Literal

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError
from mkdocs.plugins import get_plugin_logger
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mkdocs_perceptual.lumen.dates import read_date

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

log = get_plugin_logger(__name__)

Kind = Literal["post", "page"]

# The sitemap's `<lastmod>` needs four digits, and its .gz header holds the newest date as
# seconds from 1970 in 32 bits, which end in February 2106.
FIRST_YEAR, LAST_YEAR = 1000, 2105

# The same fences MkDocs accepts, plus CRLF line endings (which MkDocs misses).
_FRONT_MATTER_RE = re.compile(
    r"^-{3}[ \t]*\r?\n(.*?\r?\n)?(?:\.{3}|-{3})[ \t]*(?:\r?\n|$)", re.DOTALL
)


class FrontMatterError(Exception):
    """Front matter that cannot be published; the message names the file and the field."""


class YamlError(FrontMatterError):
    """Front matter that is not YAML at all; the message names the file and the line."""


@dataclasses.dataclass(frozen=True)
class Post:
    """One Lumen post or page, as its front matter describes it."""

    src_uri: str
    kind: Kind
    title: str
    date: dt.datetime | None
    draft: bool
    slug: str | None
    category: str | None
    tags: tuple[str, ...]
    description: str | None
    social_image: str | None

    @property
    def is_post(self) -> bool:
        return self.kind == "post"


def describe(value: object) -> str:
    """How a YAML value reads back to its author: '"true" (text)', '42 (a number)'."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value!r} (a number)"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"{shown!r} (text)"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: Any) -> Any:
    """Text without control characters: invisible, and not allowed in HTML or XML."""
    return _CONTROL.sub("", text) if isinstance(text, str) else text


class _Text(BaseConfigOption[str]):
    """Non-empty text. Plain scalars reach it as text already (`load_yaml`); what is left to
    refuse is nothing, blank text, a list, a mapping, or a value with an explicit YAML tag."""

    def __init__(self, mandatory: bool = False) -> None:
        super().__init__()
        self.mandatory = mandatory

    def run_validation(self, value: object) -> str | None:
        if value is None and not self.mandatory:
            return None
        if not isinstance(value, str) or not _clean(value).strip():
            # `title: [Draft]` is a list to YAML: the likeliest way to get here.
            hint = (
                " (text that starts with [ or { needs quotes)"
                if isinstance(value, (list, dict))
                else ""
            )
            raise ValidationError(f"expected non-empty text, got {describe(value)}{hint}")
        return str(_clean(value))


class _Slug(BaseConfigOption[str]):
    def run_validation(self, value: object) -> str | None:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(
                f"expected a URL path like '/posts/my-post', got {describe(value)}"
            )
        return value


class _Draft(BaseConfigOption[bool]):
    # The string "true" must never publish a draft, so only real booleans pass.
    def run_validation(self, value: object) -> bool:
        if value is None:  # missing; an explicit null is refused in `to_post`
            return False
        if not isinstance(value, bool):
            raise ValidationError(f"expected true or false, without quotes, got {describe(value)}")
        return value


class _Tags(BaseConfigOption[list[str]]):
    def run_validation(self, value: object) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(
            isinstance(tag, str) and _clean(tag).strip() for tag in value
        ):
            raise ValidationError(
                f'expected a list of text, like tags: ["Deep Learning", "NLP"], '
                f"got {describe(value)}"
            )
        return [str(_clean(tag)) for tag in value]


class LumenFrontMatter(Config):
    """The fields a Lumen post or page may carry. Unknown keys are left to other plugins."""

    template = c.Choice(("post", "page"))
    title = _Text(mandatory=True)
    date = c.Optional(c.Type(object))  # parsed by `parse_date`, which knows the time zone
    draft = _Draft()
    slug: c.Optional[str] = c.Optional(_Slug())
    category = _Text()
    tags = _Tags()
    description = _Text()
    socialImage = _Text()


def split_front_matter(source: str) -> tuple[str | None, int]:
    """The YAML text between the `---` fences and the line number it starts on, if any."""
    m = _FRONT_MATTER_RE.match(source)
    if not m:
        return None, 0
    return m.group(1) or "", 2


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
_KINDS = {
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


# Lumen's 2016-2017 names for `template` and `slug`, renamed in November 2018.
OLD_NAMES = {"template": "layout", "slug": "path"}


def lumen_names(meta: dict[str, Any]) -> dict[str, Any]:
    """Front matter with Lumen's older names (`layout`, `path`) under today's, where today's
    are not written. A `layout` counts only as `post` or `page`: other tools use the word."""
    renamed = dict(meta)
    if "template" not in meta and meta.get("layout") in ("post", "page"):
        renamed["template"] = meta["layout"]
    if "slug" not in meta and "path" in meta and "template" in renamed:
        renamed["slug"] = meta["path"]
    return renamed


def is_lumen(meta: object) -> bool:
    """Front matter with a Lumen `template` (anything but a theme template `*.html`)."""
    if not isinstance(meta, dict) or "template" not in meta:
        return False
    template = meta["template"]
    return not (isinstance(template, str) and template.endswith(".html"))


_TEMPLATE_ERROR = "expected 'post', 'page', or a theme template ending in '.html'"
_NULL_ERRORS = {
    "draft": "expected true or false, without quotes",
    "slug": "expected a URL path like '/posts/my-post'",
}


def to_post(meta: dict[str, Any], src_uri: str, tz: dt.tzinfo) -> Post:
    """Validate Lumen front matter into a `Post`; every problem is reported at once."""
    written = {key: old for key, old in OLD_NAMES.items() if key not in meta and old in meta}
    meta = lumen_names(meta)
    # Config.validate stops at the first bad key; authors want to see them all at once.
    values: dict[str, Any] = {}
    problems = []
    for key, option in LumenFrontMatter._schema:
        try:
            values[key] = option.validate(meta.get(key))
        except ValidationError as e:
            message = (
                f"{_TEMPLATE_ERROR}, got {describe(meta.get(key))}" if key == "template" else e
            )
            problems.append(f"{written.get(key, key)}: {message}")
    for key in ("draft", "slug"):
        if key in meta and meta[key] is None:
            problems.append(f"{written.get(key, key)}: {_NULL_ERRORS[key]}, got {describe(None)}")
    date = None
    if meta.get("date") is not None:
        try:
            date, slip = read_date(meta["date"], tz)
        except ValueError as e:
            problems.append(f"date: {e}, got {describe(meta['date'])}")
        else:
            if not FIRST_YEAR <= date.year <= LAST_YEAR:
                problems.append(
                    f"date: the year {date.year} is outside the years a site can be dated "
                    f"({FIRST_YEAR} to {LAST_YEAR}; a typo?), got {describe(meta['date'])}"
                )
            if slip is not None:
                log.warning(f"{src_uri}: date {meta['date']!r} {slip}")
    elif meta.get("template") == "post":
        problems.append('date: a post needs a date, like date: "2019-06-24 09:06:04"')
    if problems:
        raise FrontMatterError(
            f"{src_uri}: invalid front matter\n" + "\n".join(f"  {p}" for p in problems)
        )
    return Post(
        src_uri=src_uri,
        kind=values["template"],
        title=values["title"].strip(),
        date=date,
        draft=values["draft"],
        slug=values["slug"],
        category=values["category"],
        tags=tuple(dict.fromkeys(values["tags"])),  # a tag written twice is one tag
        description=values["description"],
        social_image=values["socialImage"],
    )


def _log_as_written(src_uri: str, as_written: dict[str, list[tuple[str, str]]]) -> None:
    # INFO, not a warning: the post publishes as its author wrote it, and `--strict` must
    # not fail a Lumen blog that Gatsby built.
    for field, kept in as_written.items():
        written = ", ".join(text for text, _ in kept)
        texts = ", ".join(f'"{text}"' for text, _ in kept)
        kinds = " or ".join(dict.fromkeys(_KINDS.get(tag, "a YAML value") for _, tag in kept))
        verb = "is" if len(kept) == 1 else "are"
        log.info(f"{src_uri}: {field} {written} {verb} read as the text {texts}, not as {kinds}")


# A line of front matter that only Lumen content writes.
_LUMEN_LINE_RE = re.compile(r"^[ \t]*(?:template|layout|draft)[ \t]*:", re.MULTILINE)
_OPENING_RE = re.compile(r"[ \t]+-{3}[ \t]*\r?\n")


def _unreadable(source: str, src_uri: str) -> None:
    """A file that starts like Lumen front matter that cannot be read as any: an error, for
    MkDocs would publish it with its fields (a draft's among them) shown as text."""
    head = source[:4000]
    if not _LUMEN_LINE_RE.search(head):
        return
    if _OPENING_RE.match(head):
        raise FrontMatterError(
            f"{src_uri}, line 1: the front matter's opening '---' is indented; it must start "
            "the line"
        )
    if re.match(r"-{3}[ \t]*\r?\n", head):
        raise FrontMatterError(
            f"{src_uri}, line 1: the front matter opened here is never closed; end it with a "
            "line '---'"
        )


def _misspelt(meta: object, src_uri: str) -> None:
    """`tempalte: post`: a Lumen post whose author mistyped the one field that makes it one."""
    if not isinstance(meta, dict):
        return
    for key, value in meta.items():
        if value in ("post", "page") and isinstance(key, str) and key not in OLD_NAMES:
            near = difflib.get_close_matches(key.lower(), ["template", "layout"], n=1, cutoff=0.7)
            if near:
                raise FrontMatterError(
                    f"{src_uri}: invalid front matter\n  {key}: not a Lumen field; did you mean "
                    f"{near[0]}: {value}?"
                )


def read_post(source: str, src_uri: str, tz: dt.tzinfo) -> Post | None:
    """The `Post` a Markdown file describes, or None for an ordinary MkDocs page."""
    text, first_line = split_front_matter(source)
    if text is None:
        _unreadable(source, src_uri)
        return None
    loaded = load_yaml(text, src_uri, first_line)
    if not isinstance(loaded.data, dict) and loaded.data is not None:
        if _LUMEN_LINE_RE.search(text):
            raise FrontMatterError(
                f"{src_uri}, line {first_line}: the front matter is {describe(loaded.data)}, "
                "not fields; write one 'field: value' per line"
            )
        return None
    if not isinstance(loaded.data, dict) or not is_lumen(lumen_names(loaded.data)):
        _misspelt(loaded.data, src_uri)
        return None
    check_unique_keys(loaded.node, src_uri, first_line)
    _log_as_written(src_uri, loaded.as_written)
    return to_post(loaded.data, src_uri, tz)
