"""The navigation MkDocs gets when `mkdocs.yml` has no `nav`: pure, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mkdocs.utils import nest_paths

from mkdocs_perceptual.frontmatter import Post

NavItem = str | dict[str, "list[NavItem]"]


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Posts by date, newest first; posts of one date keep their file order, every build."""
    by_path = sorted(posts, key=lambda post: post.src_uri)
    return sorted(
        by_path, key=lambda post: post.date.timestamp() if post.date else 0.0, reverse=True
    )


def category_key(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def build_nav(
    home: str | None,
    posts: Sequence[Post],
    pages: Sequence[Post],
    others: Sequence[str],
) -> list[NavItem]:
    """Home, one section per category (by name) with its posts newest first, posts
    without a category, the Lumen pages, then every other Markdown file as MkDocs
    would have nested it. `others` come in MkDocs' file order."""
    nav: list[NavItem] = [home] if home else []
    categories: dict[str, list[Post]] = {}
    for post in posts:
        if post.category:
            categories.setdefault(post.category, []).append(post)
    for name in sorted(categories, key=category_key):
        nav.append({name: [post.src_uri for post in newest_first(categories[name])]})
    nav.extend(post.src_uri for post in newest_first(p for p in posts if not p.category))
    nav.extend(page.src_uri for page in sorted(pages, key=lambda page: page.src_uri))
    nav.extend(nest_paths(others))
    return nav
