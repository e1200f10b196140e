"""The plugin's options, as `mkdocs.yml` spells them."""

from __future__ import annotations

import datetime as dt
import unicodedata

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from mkdocs_perceptual.lumen.dates import zone
from mkdocs_perceptual.lumen.urls import (
    URL_FIELDS,
    UnsafeSlugError,
    format_fields,
    slug_segments,
)

KATEX = "https://cdn.jsdelivr.net/npm/katex@0.16.22/dist/"


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


class PositiveInt(BaseConfigOption[int]):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"expected a whole number of at least 1, got {value!r}")
        return value


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


class Author(Config):
    """The blog's author, as Lumen's `config.js` described them (its sidebar)."""

    name = c.Optional(c.Type(str))
    # A site path ('/media/photo.jpg') or an http(s) URL.
    photo = c.Optional(LinkOrPath())
    bio = c.Optional(c.Type(str))
    # Service -> handle or URL, as Lumen wrote them: {twitter: "me", github: "me", email: ...}.
    contacts = c.Type(dict, default={})


class MenuItem(Config):
    """One link of Lumen's menu: a label and a site path ('/pages/about') or a URL."""

    label = c.Type(str)
    path = LinkOrPath()


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


class Images(Config):
    """Responsive copies of the images beside posts, as gatsby-remark-images made them."""

    enabled = c.Type(bool, default=True)
    # Lumen's maxWidth: the widest an image is shown; copies at 1/4 to 3 times it.
    max_width = PositiveInt(default=960)
    formats = ImageFormats(default=["webp"])
    # gatsby-plugin-sharp's default quality.
    quality = Quality(default=50)
    link_to_original = c.Type(bool, default=True)


class PerceptualConfig(Config):
    # The time zone of dates written without one, like Lumen's "2019-06-24 09:06:04".
    timezone = TimeZone(default="UTC")
    # Show drafts, marked as such, in `mkdocs serve`; `mkdocs build` never publishes them.
    drafts_on_serve = c.Type(bool, default=True)
    # How the post header writes the date (Python strftime codes).
    date_format = DateFormat(default="%d %b %Y")
    # Add the Markdown extensions Lumen posts need (math, code, github-slugger anchors).
    configure_markdown = c.Type(bool, default=True)
    # mathml: converted at build time, no script; katex: rendered in the browser; none: left as text.
    math = c.Choice(("mathml", "katex", "none"), default="mathml")
    # Read Lumen posts and pages as Lumen's remark read them (bare URLs, lists after a line,
    # 2-space nesting, $$ after a line ...); other pages keep Python-Markdown's reading.
    lumen_markdown = c.Type(bool, default=True)
    katex_js = c.Type(str, default=KATEX + "katex.min.js")
    katex_css = c.Type(str, default=KATEX + "katex.min.css")
    # Listings: the blog index, category and tag pages.
    posts_per_page = PositiveInt(default=10)
    # Where the blog index goes when docs_dir has its own index.md, such as "blog/".
    blog_index = c.Optional(SitePath("a folder", "blog/", file=False))
    nav_posts_per_category = PositiveInt(default=10)
    # On Material, with the generated nav: render only the open section's items in each page.
    prune_nav = c.Type(bool, default=True)
    # The RSS feed, written where site_url is set.
    feed_path = SitePath("a file", "rss.xml", file=True, default="rss.xml")
    feed_limit = PositiveInt(default=1000)
    # A folder (relative to mkdocs.yml) published at the site root, as Gatsby's static/.
    static_dir = c.Optional(c.Type(str))
    # Publish a sw.js that removes the old Gatsby offline service worker from readers' browsers.
    unregister_service_worker = c.Type(bool, default=False)
    # The author shown on listings and at the foot of posts (Lumen's sidebar).
    author = c.SubConfig(Author)
    # Links shown first in the generated navigation, as Lumen's menu.
    menu = c.ListOfItems(c.SubConfig(MenuItem), default=[])
    # The link-preview image (og:image) of posts without a socialImage: a site path or a URL.
    social_image = c.Optional(c.Type(str))
    # Pages (paths in docs_dir) shown first in their folder's section of the generated
    # navigation, in this order; the other pages follow in MkDocs' order.
    nav_order = c.ListOfItems(c.Type(str), default=[])
    # Keep rendered posts and search entries on disk between builds, in cache_dir.
    cache = c.Type(bool, default=False)
    # Where the cache and `--dirty` builds keep their state: a folder inside the project
    # (relative to mkdocs.yml), outside docs_dir and site_dir.
    cache_dir = c.Type(str, default=".cache/plugin/perceptual")
    # The URL of a post without a slug; none: Lumen's, the file's path.
    post_url_format = c.Optional(UrlFormat())
    # Responsive copies of the images beside posts and pages (kept in cache_dir/images).
    images = c.SubConfig(Images)
