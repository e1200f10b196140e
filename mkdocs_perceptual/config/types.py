"""The option types of `mkdocs.yml`: each checks one kind of value and says what it
accepts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from mkdocs.config.base import BaseConfigOption, ValidationError

from mkdocs_perceptual.lumen.dates import zone
from mkdocs_perceptual.lumen.urls import (
    URL_FIELDS,
    UnsafeSlugError,
    format_fields,
    slug_segments,
)

KATEX = "https://cdn.jsdelivr.net/npm/katex@0.16.22/dist/"
# Disqus shortnames: letters, digits and hyphens (they become a host name).
DISQUS_SHORTNAME = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# Text for an HTML attribute (escaped where it is written): no control characters.
PLAIN = r"[^\x00-\x1f\x7f]+"
# A giscus theme: its name ('dark_dimmed') or a stylesheet's URL.
GISCUS_THEME = r"[A-Za-z0-9_.:/%?=&~+-]+"


class TimeZone(BaseConfigOption[dt.tzinfo]):
    """An IANA time zone name, such as 'UTC' or 'Europe/Berlin'."""

    def __init__(self, default: str = "UTC") -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> dt.tzinfo:
        if not isinstance(value, str):
            raise ValidationError(
                f"expected a time zone name such as 'UTC' or 'Europe/Berlin', got {value!r}"
            )
        try:
            return zone(value)
        except ValueError as e:
            raise ValidationError(str(e)) from e


class WholeNumber(BaseConfigOption[int]):
    """A whole number of at least `minimum`; `zero` says what 0 does, where 0 is allowed."""

    def __init__(self, default: int, minimum: int, zero: str = "") -> None:
        super().__init__()
        self.default, self.minimum, self.zero = default, minimum, zero

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(
                f"expected a whole number of at least {self.minimum}{self.zero}, got {value!r}"
            )
        return value


class PositiveInt(WholeNumber):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__(default, 1)


class DateFormat(BaseConfigOption[str]):
    """Python strftime codes, such as '%d %b %Y': text that pages can hold."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        expected = "expected strftime codes such as '%d %b %Y' (24 Jun 2019)"
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{expected}, got {value!r}")
        if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
            raise ValidationError(f"{expected}, without control characters, got {value!r}")
        try:
            dt.datetime(2019, 6, 24, 9, 6, 4, tzinfo=dt.timezone.utc).strftime(value)
        except (ValueError, UnicodeError) as e:
            raise ValidationError(f"{expected}, got {value!r} ({e})") from e
        return value


class SitePath(BaseConfigOption[str]):
    """A path inside the site, such as 'blog/' or 'rss.xml', checked as slugs are."""

    def __init__(self, what: str, example: str, *, file: bool, default: str | None = None) -> None:
        super().__init__()
        self.what, self.example, self.file = what, example, file
        self.default = default

    def run_validation(self, value: object) -> str:
        expected = f"expected {self.what} inside the site, like {self.example!r}"
        if not isinstance(value, str):
            raise ValidationError(f"{expected}, got {value!r}")
        try:
            segments = slug_segments(value)
        except UnsafeSlugError as e:
            raise ValidationError(f"{expected}, got {value!r}: {e}") from e
        last = segments[-1].lower() if segments else ""
        if any(segment.startswith(".") for segment in segments):
            raise ValidationError(
                f"{expected}, got {value!r}: a name starting with '.' is hidden, and web "
                "servers give some of them meanings of their own (.htaccess, .well-known)"
            )
        if self.file and (not segments or value.endswith("/")):
            raise ValidationError(f"{expected}, got {value!r}: a file name is needed")
        if last.endswith((".md", ".markdown")) or (not self.file and last.endswith(".html")):
            raise ValidationError(
                f"{expected}, got {value!r}: that would be a page of its own, not {self.what}"
            )
        return value


class LinkOrPath(BaseConfigOption[str]):
    """A site path ('/pages/about') or an http(s) or mailto: URL: never a `javascript:`,
    `data:` or other scheme a page would run or render."""

    def run_validation(self, value: object) -> str:
        expected = "expected a path in the site such as '/pages/about' or an http(s) URL"
        if not isinstance(value, str):
            raise ValidationError(f"{expected}, got {value!r}")
        # Browsers skip leading spaces and control characters, and read schemes in any case.
        bare = "".join(ch for ch in value if ch > " " and ch != "\x7f").lower()
        scheme = bare.split(":", 1)[0] if ":" in bare.split("/", 1)[0] else None
        if scheme is not None and scheme not in ("http", "https", "mailto"):
            raise ValidationError(f"{expected}, got {value!r}: a {scheme}: URL is refused")
        return value


class UrlFormat(BaseConfigOption[str]):
    """The URL of a post without a slug, from its date, title, file and category."""

    def run_validation(self, value: object) -> str:
        fields = ", ".join(f"{{{name}}}" for name in URL_FIELDS)
        expected = f"expected a path such as '/{{year}}/{{month}}/{{title}}/' made of {fields}"
        if not isinstance(value, str) or not value.startswith("/"):
            raise ValidationError(f"{expected}, got {value!r}")
        try:
            format_fields(value)
            sample = value.format(**dict.fromkeys(URL_FIELDS, "x"))
            slug_segments(sample)
        except (ValueError, IndexError, KeyError, UnsafeSlugError) as e:
            raise ValidationError(f"{expected}, got {value!r}: {e}") from e
        return value


class ImageFormats(BaseConfigOption[list[str]]):
    """The modern formats of the responsive copies, besides the original's."""

    CHOICES = ("webp", "avif")

    def __init__(self, default: list[str]) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> list[str]:
        expected = f"expected a list of {' and '.join(map(repr, self.CHOICES))}, or []"
        if not isinstance(value, list) or any(v not in self.CHOICES for v in value):
            raise ValidationError(f"{expected}, got {value!r}")
        return list(dict.fromkeys(value))


class Quality(BaseConfigOption[int]):
    """An encoder quality from 1 to 100."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise ValidationError(f"expected a whole number from 1 to 100, got {value!r}")
        return value


class NonNegativeInt(WholeNumber):
    """A whole number of at least 0 (0 turns the feature off)."""

    def __init__(self, default: int) -> None:
        super().__init__(default, 0, " (0: none)")


class FolderOrOff(SitePath):
    """A folder inside the site ('archive/'), or false to publish none."""

    def __init__(self, what: str, example: str, default: str) -> None:
        super().__init__(what, example, file=False, default=default)

    def run_validation(self, value: object) -> str:
        if value is False or value is None:
            return ""
        if isinstance(value, str) and not value.strip("/ "):
            raise ValidationError(
                f"expected {self.what} inside the site, like {self.example!r}, or false for "
                f"none, got {value!r}: the site's root holds the home page"
            )
        return super().run_validation(value)


class FileOrOff(SitePath):
    """A file inside the site ('atom.xml'), or false to publish none."""

    def __init__(self, what: str, example: str, default: str) -> None:
        super().__init__(what, example, file=True, default=default)

    def run_validation(self, value: object) -> str:
        if value is False or value is None:
            return ""
        return super().run_validation(value)


class Pattern(BaseConfigOption[str]):
    """Text matching a pattern, such as a Disqus shortname or a GitHub repository."""

    def __init__(self, pattern: str, expected: str, default: str | None = None) -> None:
        super().__init__()
        self.pattern, self.expected = re.compile(pattern), expected
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            raise ValidationError(f"expected {self.expected}, got {value!r}")
        return value


# Disqus shortnames: letters, digits and hyphens (they become a host name).
DISQUS_SHORTNAME = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# Text an HTML attribute can carry and giscus accepts: no control characters, no quotes.


class Workers(BaseConfigOption[object]):
    """'auto' (one per core) or a whole number of processes, at least 1."""

    def __init__(self, default: str = "auto") -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> object:
        if value == "auto":
            return value
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(
                f"expected 'auto' (one process per core) or a whole number of at least 1 "
                f"(1: render in one process), got {value!r}"
            )
        return value
