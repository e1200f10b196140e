"""The navigation MkDocs gets when `mkdocs.yml` has no `nav`: built from the posts and the
listing plan, no I/O."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Mapping, Sequence

from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.utils import nest_paths

from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.listings import Plan, category_key, newest_first

__all__ = ["NavItem", "Section", "build_nav", "navigation", "newest_first"]

NavItem = str | dict[str, "list[NavItem]"]


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


def navigation(files: Files, posts: Mapping[str, Post], plan: Plan, limit: int) -> list[NavItem]:
    """The site's navigation, from the files MkDocs puts in a nav. Posts it does not list
    (beyond `limit` in a category) are marked not-in-nav: the listings reach them."""
    in_nav = [f for f in files.documentation_pages() if f.inclusion.is_in_nav()]
    home = next((f.src_uri for f in in_nav if f.dest_uri == "index.html"), None)
    index = plan.first_page("index")
    shown = [posts[f.src_uri] for f in in_nav if f.src_uri in posts]
    listed_posts = [p for p in shown if p.is_post and p.src_uri != home]
    shown_srcs = {post.src_uri for post in shown}
    sections = []
    for name, grouped in plan.categories.items():
        listing = plan.first_page("category", name)
        in_nav_posts = [post for post in grouped if post.src_uri in shown_srcs]
        sections.append(Section(name, listing.src_uri if listing else None, in_nav_posts))
    nav = build_nav(
        home,
        index.src_uri if index and index.src_uri != home else None,
        sections,
        [p for p in listed_posts if not p.category],
        [p for p in shown if not p.is_post and p.src_uri != home],
        [src for src in ("categories/index.md", "tags/index.md") if src in plan.listings],
        [
            f.src_uri
            for f in sorted(in_nav, key=file_sort_key)
            if f.src_uri not in posts and f.src_uri not in plan.listings and f.src_uri != home
        ],
        limit,
    )
    listed = set(_flatten(nav))
    for post in listed_posts:
        if post.src_uri not in listed:
            file: File | None = files.get_file_from_path(post.src_uri)
            assert file is not None
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return nav


def _flatten(nav: list[NavItem]) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        else:
            for children in item.values():
                out.extend(_flatten(children))
    return out
