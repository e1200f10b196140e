"""The plugin's options, as `mkdocs.yml` spells them."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from mkdocs_perceptual.dates import zone


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


class PerceptualConfig(Config):
    # The time zone of dates written without one, like Lumen's "2019-06-24 09:06:04".
    timezone = TimeZone(default="UTC")
    # Show drafts, marked as such, in `mkdocs serve`; `mkdocs build` never publishes them.
    drafts_on_serve = c.Type(bool, default=True)
    # How the post header writes the date (Python strftime codes).
    date_format = c.Type(str, default="%d %b %Y")
