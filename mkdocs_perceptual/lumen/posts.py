"""The Lumen posts and pages among MkDocs' files: each read once, placed at its URL, and
published or not by one rule (`is_published`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_perceptual.lumen.frontmatter import read_post
from mkdocs_perceptual.lumen.post import FrontMatterError, Post
from mkdocs_perceptual.lumen.urls import (
    UnsafeSlugError,
    formatted_path,
    lumen_path,
    slug_dest_uri,
)

log = get_plugin_logger(__name__)


@dataclasses.dataclass
class Found:
    """The Lumen files of one build."""

    posts: dict[str, Post] = dataclasses.field(default_factory=dict)
    errors: list[str] = dataclasses.field(default_factory=list)
    # Each Lumen file's text, read here and handed to MkDocs when it reads the page.
    sources: dict[str, str] = dataclasses.field(default_factory=dict)


def read_source(file: File) -> str:
    """The file's text, without byte order marks (MkDocs removes one; an editor that saved
    twice may have written two, and the front matter must still be found), and ending in a
    line break (MkDocs misses front matter that ends the file without one). A file that is
    not UTF-8 is a FrontMatterError naming it."""
    try:
        text = file.content_string.lstrip("\ufeff")
        return text if text.endswith("\n") or not text else text + "\n"
    except UnicodeDecodeError as e:
        raise FrontMatterError(
            f"{file.src_uri}: not UTF-8 text (byte 0x{e.object[e.start]:02x} at offset "
            f"{e.start}); save the file as UTF-8"
        ) from e


def collect(files: Files, tz: dt.tzinfo) -> Found:
    """Read the front matter of every Markdown file that MkDocs would read."""
    found = Found()
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        try:
            source = read_source(file)
            post = read_post(source, file.src_uri, tz)
        except FrontMatterError as e:
            # Broken YAML included: MkDocs would publish the page with its front matter shown
            # as text (a draft would leak), and leaving it out would lose a post silently.
            found.errors.append(str(e))
            continue
        if post is not None:
            found.posts[file.src_uri] = post
            found.sources[file.src_uri] = source
        elif _front_matter_after_blank_lines(source, file.src_uri, tz):
            # gray-matter, which Lumen used, only reads front matter at the very start: Lumen
            # never published this file, and MkDocs would show its YAML as text.
            log.warning(
                f"{file.src_uri}: its front matter follows blank lines, so Lumen never published "
                "it; it is left out of the site (remove the blank lines to publish it)"
            )
            file.inclusion = InclusionLevel.EXCLUDED
    return found


def _front_matter_after_blank_lines(source: str, src_uri: str, tz: dt.tzinfo) -> bool:
    stripped = source.lstrip("\r\n\t ")
    if stripped == source or not stripped.startswith("---"):
        return False
    try:
        return read_post(stripped, src_uri, tz) is not None
    except FrontMatterError:
        return True


def published_path(post: Post, url_format: str | None) -> str:
    """The path a post or page is published at, as Lumen published it: its slug; without
    one, `url_format` (the `post_url_format` option) for a post, else its file's path."""
    if post.slug is None and url_format is not None and post.is_post:
        return formatted_path(url_format, post.src_uri, post.title, post.date, post.category)
    return lumen_path(post.slug, post.src_uri)


def place(
    files: Files,
    posts: dict[str, Post],
    config: MkDocsConfig,
    *,
    show_drafts: bool,
    user_nav: bool,
    url_format: str | None = None,
) -> list[str]:
    """Set each Lumen file's URL and inclusion; return the problems. Collisions between
    outputs are checked once every output is known (outputs.py)."""
    errors = []
    for src_uri, post in posts.items():
        file = files.get_file_from_path(src_uri)
        assert file is not None
        if post.draft:
            file.inclusion = InclusionLevel.DRAFT if show_drafts else InclusionLevel.EXCLUDED
        elif user_nav and post.is_post and file.inclusion.is_in_nav():
            # Posts are reached through listings; a hand-written nav need not name them all.
            file.inclusion = InclusionLevel.NOT_IN_NAV
        formatted = post.slug is None and url_format is not None and post.is_post
        if post.slug is not None or formatted:
            path = published_path(post, url_format)
            try:
                _move(file, slug_dest_uri(path, config.use_directory_urls), config)
            except UnsafeSlugError as e:
                what = f"the path {path!r} of post_url_format" if formatted else "slug"
                shown = "" if formatted else f" {post.slug!r}"
                errors.append(f"{src_uri}: {what}{shown} cannot be published: {e}")
    _hide_drafts_own_files(files, posts, show_drafts)
    return errors


def _hide_drafts_own_files(files: Files, posts: dict[str, Post], show_drafts: bool) -> None:
    """A draft folder post (`posts/<name>/index.md`, 2022 on) keeps its own files (its
    images, attachments) out of the published site too: they are the draft's, and their
    folder name is its name."""
    folders = {
        posixpath.dirname(src)
        for src, post in posts.items()
        if post.draft and posixpath.basename(src) in ("index.md", "README.md")
    }
    folders.discard("")
    if not folders:
        return
    level = InclusionLevel.DRAFT if show_drafts else InclusionLevel.EXCLUDED
    for file in files:
        if file.is_documentation_page() or file.generated_by is not None:
            continue
        parent = posixpath.dirname(file.src_uri)
        while parent:
            if parent in folders:
                file.inclusion = level
                break
            parent = posixpath.dirname(parent)


def is_published(post: Post, file: File | None) -> bool:
    """The one draft rule, for listings, navigation, feed, sitemap and search: a post is
    published when it is not `draft: true` and MkDocs itself builds its page (not matched
    by `draft_docs` or `exclude_docs`). Drafts shown by `mkdocs serve` are not published."""
    return not post.draft and file is not None and file.inclusion.is_included()


def _move(file: File, dest_uri: str, config: MkDocsConfig) -> None:
    site_dir = os.path.abspath(config.site_dir)
    abs_dest = os.path.normpath(os.path.join(site_dir, dest_uri))
    if (
        os.path.commonpath([site_dir, abs_dest]) != site_dir
    ):  # pragma: no cover - urls.py refuses first
        raise UnsafeSlugError(f"it would be written outside site_dir, at {abs_dest}")
    file.dest_uri = dest_uri
    file.url = file._get_url()
    file.abs_dest_path = abs_dest
