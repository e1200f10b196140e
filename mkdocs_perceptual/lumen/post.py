"""A Lumen post or page as its front matter describes it, and the errors of reading one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Literal

Kind = Literal["post", "page"]


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
    comments: bool = True  # `comments: false` turns the comments off below this post

    @property
    def is_post(self) -> bool:
        return self.kind == "post"
