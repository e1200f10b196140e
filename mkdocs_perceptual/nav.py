"""The navigation MkDocs gets when `mkdocs.yml` has no `nav`: pure, no I/O."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Iterable, Sequence

from mkdocs.utils import nest_paths

from mkdocs_perceptual.frontmatter import Post

NavItem = str | dict[str, "list[NavItem]"]


_NO_DATE = dt.datetime.min.replace(tzinfo=dt.timezone.utc)


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Posts by date, newest first; posts of one date keep their file order, every build."""
    by_path = sorted(posts, key=lambda post: post.src_uri)
    # Aware datetimes compare as instants; timestamp() would overflow near year 1.
    return sorted(by_path, key=lambda post: post.date or _NO_DATE, reverse=True)


def category_key(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


@dataclasses.dataclass(frozen=True)
class Section:
    """A category in the navigation: its listing page (if any) and its posts, newest first."""

    name: str
    listing: str | None
    posts: Sequence[Post]


def build_nav(
    home: str | None,
    blog_index: str | None,
    sections: Sequence[Section],
    uncategorized: Sequence[Post],
    pages: Sequence[Post],
    extras: Sequence[str],
    others: Sequence[str],
    limit: int,
) -> list[NavItem]:
    """Home, the blog index, one section per category (sorted by name) with its listing page
    and at most `limit` posts, newest first; posts without a category; the Lumen pages; the
    category and tag lists (`extras`); then every other Markdown file as MkDocs would have
    nested it. `others` come in MkDocs' file order."""
    nav: list[NavItem] = [src for src in (home, blog_index) if src]
    for section in sorted(sections, key=lambda s: category_key(s.name)):
        children: list[NavItem] = [section.listing] if section.listing else []
        children += [post.src_uri for post in newest_first(section.posts)[:limit]]
        # Themes print navigation titles as HTML; a category name is text.
        nav.append({html.escape(section.name): children})
    nav.extend(post.src_uri for post in newest_first(uncategorized)[:limit])
    nav.extend(page.src_uri for page in sorted(pages, key=lambda page: page.src_uri))
    nav.extend(extras)
    nav.extend(nest_paths(others))
    return nav
