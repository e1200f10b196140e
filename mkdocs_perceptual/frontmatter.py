"""The Lumen front matter schema: Markdown source -> a typed `Post`, or a clear error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, Literal

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from mkdocs_perceptual.dates import parse_date

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

Kind = Literal["post", "page"]

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
    """Non-empty text; numbers and booleans are refused rather than guessed at."""

    def __init__(self, mandatory: bool = False) -> None:
        super().__init__()
        self.mandatory = mandatory

    def run_validation(self, value: object) -> str | None:
        if value is None and not self.mandatory:
            return None
        if not isinstance(value, str) or not _clean(value).strip():
            hint = " (put it in quotes)" if isinstance(value, (bool, int, float)) else ""
            raise ValidationError(f"expected non-empty text{hint}, got {describe(value)}")
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


def load_yaml(text: str, src_uri: str, first_line: int) -> Any:
    """Parse front matter YAML the way MkDocs does; errors name the file and line."""
    try:
        return yaml.load(text, SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f", line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        context, context_mark = getattr(e, "context", None), getattr(e, "context_mark", None)
        if (
            context
            and context_mark is not None
            and context_mark.line != getattr(mark, "line", None)
        ):
            problem += f", {context} that starts on line {context_mark.line + first_line}"
        raise YamlError(f"{src_uri}{where}: the front matter is not valid YAML ({problem})") from e
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError) as e:
        # PyYAML's constructors raise these for values such as an unquoted 2019-02-30.
        raise YamlError(f"{src_uri}: the front matter is not valid YAML ({e})") from e


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
            problems.append(f"{key}: {message}")
    for key in ("draft", "slug"):
        if key in meta and meta[key] is None:
            problems.append(f"{key}: {_NULL_ERRORS[key]}, got {describe(None)}")
    date = None
    if meta.get("date") is not None:
        try:
            date = parse_date(meta["date"], tz)
        except ValueError as e:
            problems.append(f"date: {e}, got {describe(meta['date'])}")
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
        tags=tuple(values["tags"]),
        description=values["description"],
        social_image=values["socialImage"],
    )


def read_post(source: str, src_uri: str, tz: dt.tzinfo) -> Post | None:
    """The `Post` a Markdown file describes, or None for an ordinary MkDocs page."""
    text, first_line = split_front_matter(source)
    if text is None:
        return None
    meta = load_yaml(text, src_uri, first_line)
    if not is_lumen(meta):
        return None
    return to_post(meta, src_uri, tz)
