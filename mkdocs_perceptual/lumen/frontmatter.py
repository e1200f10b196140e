"""The Lumen front matter schema: Markdown source -> a typed `Post`, or a clear error."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError
from mkdocs.plugins import get_plugin_logger

from mkdocs_perceptual.lumen.dates import read_date
from mkdocs_perceptual.lumen.post import FrontMatterError, Post
from mkdocs_perceptual.lumen.yamlread import TAG_KINDS, check_unique_keys, load_yaml

log = get_plugin_logger(__name__)

# The sitemap's `<lastmod>` needs four digits, and its .gz header holds the newest date as
# seconds from 1970 in 32 bits, which end in February 2106.
FIRST_YEAR, LAST_YEAR = 1000, 2105

# The same fences MkDocs accepts, plus CRLF line endings (which MkDocs misses).
_FRONT_MATTER_RE = re.compile(
    r"^-{3}[ \t]*\r?\n(.*?\r?\n)?(?:\.{3}|-{3})[ \t]*(?:\r?\n|$)", re.DOTALL
)


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


class _Comments(BaseConfigOption[bool]):
    def run_validation(self, value: object) -> bool:
        if value is None:
            return True
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
    comments = _Comments()


def split_front_matter(source: str) -> tuple[str | None, int]:
    """The YAML text between the `---` fences and the line number it starts on, if any."""
    m = _FRONT_MATTER_RE.match(source)
    if not m:
        return None, 0
    return m.group(1) or "", 2


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
        comments=values["comments"],
    )


def _log_as_written(src_uri: str, as_written: dict[str, list[tuple[str, str]]]) -> None:
    # INFO, not a warning: the post publishes as its author wrote it, and `--strict` must
    # not fail a Lumen blog that Gatsby built.
    for field, kept in as_written.items():
        written = ", ".join(text for text, _ in kept)
        texts = ", ".join(f'"{text}"' for text, _ in kept)
        kinds = " or ".join(dict.fromkeys(TAG_KINDS.get(tag, "a YAML value") for _, tag in kept))
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
