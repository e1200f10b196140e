"""The generated pages: blog index, category and tag pages, and the lists of both.

`plan` is pure: posts in, pages out. The pages become `File.generated` Markdown files whose
content the plugin fills in once every post has been rendered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Literal

from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.nav import category_key, newest_first
from mkdocs_perceptual.urls import kebab, listing_src

ListingKind = Literal["index", "category", "tag", "categories", "tags"]


@dataclasses.dataclass(frozen=True)
class Listing:
    """One generated page."""

    src_uri: str
    kind: ListingKind
    title: str
    name: str | None = None  # the category or tag
    posts: tuple[Post, ...] = ()  # this page's posts
    page: int = 0  # numbered from zero, as in Lumen's URLs
    pages: int = 1
    prefix: str = ""  # the listing's first page, for the links between its pages


@dataclasses.dataclass
class Plan:
    listings: dict[str, Listing] = dataclasses.field(default_factory=dict)
    categories: dict[str, list[Post]] = dataclasses.field(default_factory=dict)
    tags: dict[str, list[Post]] = dataclasses.field(default_factory=dict)
    errors: list[str] = dataclasses.field(default_factory=list)
    _first: dict[tuple[str, str | None], Listing] = dataclasses.field(default_factory=dict)

    def add(self, listing: Listing) -> None:
        self.listings[listing.src_uri] = listing
        if listing.page == 0:
            self._first[(listing.kind, listing.name)] = listing

    def first_page(self, kind: ListingKind, name: str | None = None) -> Listing | None:
        """The first page of a listing: looked up for every post, so a dict, not a scan."""
        return self._first.get((kind, name))


def _paged(
    plan: Plan,
    kind: ListingKind,
    prefix: str,
    title: str,
    name: str | None,
    posts: list[Post],
    per_page: int,
) -> None:
    pages = max(1, -(-len(posts) // per_page))
    for page in range(pages):
        shown = posts[page * per_page : (page + 1) * per_page]
        src = listing_src(prefix, page)
        page_title = title if page == 0 else f"{title} - Page {page + 1}"
        plan.add(Listing(src, kind, page_title, name, tuple(shown), page, pages, prefix))


def _group(
    plan: Plan, posts: Sequence[Post], what: Literal["category", "tag"]
) -> dict[str, list[Post]]:
    groups: dict[str, list[Post]] = {}
    for post in posts:
        for name in post.tags if what == "tag" else (post.category,) if post.category else ():
            groups.setdefault(name, []).append(post)
    by_kebab: dict[str, str] = {}
    for name in sorted(groups, key=category_key):
        key = kebab(name)
        if not key:
            plan.errors.append(
                f"{what} {name!r} (in {groups[name][0].src_uri}) has no letter or digit to make "
                f"its URL '{what}/<name>/' from"
            )
        elif key in by_kebab:
            plan.errors.append(
                f"{what} {by_kebab[key]!r} and {what} {name!r} would both be published at "
                f"'{what}/{key}/'; rename one of them"
            )
        else:
            by_kebab[key] = name
    return {
        name: newest_first(groups[name]) for name in sorted(by_kebab.values(), key=category_key)
    }


def plan(posts: Sequence[Post], per_page: int, index_prefix: str | None) -> Plan:
    """Every generated page for the published `posts`. `index_prefix` is where the blog
    index goes ('' for the site root), or None for no index."""
    result = Plan()
    ordered = newest_first(posts)
    if index_prefix is not None:
        title = "Blog" if index_prefix else "Posts"
        _paged(result, "index", index_prefix, title, None, ordered, per_page)
    result.categories = _group(result, ordered, "category")
    result.tags = _group(result, ordered, "tag")
    for name, grouped in result.categories.items():
        _paged(result, "category", f"category/{kebab(name)}", name, name, grouped, per_page)
    for name, grouped in result.tags.items():
        _paged(
            result,
            "tag",
            f"tag/{kebab(name)}",
            f"Posts tagged \u201c{name}\u201d",
            name,
            grouped,
            per_page,
        )
    if result.categories:
        result.add(Listing("categories/index.md", "categories", "Categories"))
    if result.tags:
        result.add(Listing("tags/index.md", "tags", "Tags"))
    return result
