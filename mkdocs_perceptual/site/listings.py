"""The generated pages: blog index, category and tag pages, and the lists of both.

`plan` is pure: posts in, pages out. `files` turns the plan into `File.generated` pages
(`ListingPage`), and `html` renders one of them as it is written, once every post has been
rendered and its excerpt captured.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.urls import MAX_SEGMENT_BYTES, kebab, listing_src

log = get_plugin_logger(__name__)


_NO_DATE = dt.datetime.min.replace(tzinfo=dt.timezone.utc)


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Posts by date, newest first; posts of one date keep their file order, every build."""
    by_path = sorted(posts, key=lambda post: post.src_uri)
    # Aware datetimes compare as instants; timestamp() would overflow near year 1.
    return sorted(by_path, key=lambda post: post.date or _NO_DATE, reverse=True)


def category_key(name: str) -> tuple[str, str]:
    """Names sorted as a reader expects: case-insensitively, then exactly, every build."""
    return (name.casefold(), name)


# The option that moves a generated page, for the message when it lands on another's path.
_OPTION = {"archive": "the archive option", "index": "the blog_index option"}

ListingKind = Literal["index", "category", "tag", "categories", "tags", "archive"]


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
    notes: list[str] = dataclasses.field(default_factory=list)  # for the log, at INFO
    # (kind, a spelling of a name) -> the name its page is listed under.
    aliases: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    _first: dict[tuple[str, str | None], Listing] = dataclasses.field(default_factory=dict)

    def add(self, listing: Listing) -> None:
        """Add a generated page; one on another's path is an error naming both (the archive
        or the blog index moved onto a category's page, for example)."""
        other = self.listings.get(listing.src_uri)
        if other is not None:
            self.errors.append(
                f"the {listing.kind} page {listing.title!r} and the {other.kind} page "
                f"{other.title!r} would both be {listing.src_uri}: move one "
                f"({_OPTION.get(listing.kind, _OPTION.get(other.kind, 'blog_index'))})"
            )
            return
        self.listings[listing.src_uri] = listing
        if listing.page == 0:
            self._first[(listing.kind, listing.name)] = listing

    def first_page(self, kind: ListingKind, name: str | None = None) -> Listing | None:
        """The first page of a listing, by any spelling of its name: looked up for every
        post, so a dict, not a scan."""
        if name is not None:
            name = self.aliases.get((kind, name), name)
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
    """The posts of each category or tag, newest first. Names whose URLs coincide ("VIM" and
    "Vim", "Big Data" and "BigData") are one group, as on Lumen's one page for both, named
    with the spelling most posts use."""
    by_key: dict[str, dict[str, list[Post]]] = {}
    for post in posts:
        names = post.tags if what == "tag" else (post.category,) if post.category else ()
        for name in dict.fromkeys(names):  # a tag written twice counts once
            by_key.setdefault(kebab(name), {}).setdefault(name, []).append(post)
    groups: dict[str, list[Post]] = {}
    for key, spellings in by_key.items():
        ordered = sorted(spellings, key=lambda n: (-len(spellings[n]), category_key(n)))
        if not key or len(key.encode("utf-8")) > MAX_SEGMENT_BYTES:
            problem = (
                f"has no letter or digit to make its URL '{what}/<name>/' from"
                if not key
                else f"makes its URL '{what}/<name>/' longer than a file name may hold "
                f"({MAX_SEGMENT_BYTES} bytes)"
            )
            plan.errors += [
                f"{what} {name if len(name) <= 60 else name[:57] + '...'!r} "
                f"(in {spellings[name][0].src_uri}) {problem}"
                for name in ordered
            ]
            continue
        shown = ordered[0]
        if len(ordered) > 1:
            plan.notes.append(
                f"{what} names {', '.join(repr(n) for n in ordered)} share the page "
                f"'{what}/{key}/' (as in Lumen), named {shown!r}"
            )
        for name in ordered:
            plan.aliases[(what, name)] = shown
        unique = {post.src_uri: post for name in ordered for post in spellings[name]}
        groups[shown] = newest_first(unique.values())
    return {name: groups[name] for name in sorted(groups, key=category_key)}


def plan(posts: Sequence[Post], per_page: int, index_prefix: str | None, archive: str = "") -> Plan:
    """Every generated page for the published `posts`. `index_prefix` is where the blog
    index goes ('' for the site root), or None for no index; `archive` the archive's folder
    ('archive/'), or '' for none."""
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
    if archive and ordered:
        result.add(Listing(archive_src(archive), "archive", "Archive", posts=tuple(ordered)))
    return result


def archive_src(folder: str) -> str:
    """The archive page's file: 'archive/' -> 'archive/index.md'."""
    return "/".join([*folder.strip("/").split("/"), "index.md"])


def index_prefix(blog_index: str | None, files: Files) -> str | None:
    """Where the blog index goes: `blog_index`, else the site root unless a page of the site
    is published there (then None: no blog index, with a warning naming that page)."""
    if blog_index is not None:
        return blog_index.strip("/")
    home = next(
        (
            f
            for f in files.documentation_pages()
            if f.dest_uri == "index.html" and f.inclusion.is_included()
        ),
        None,
    )
    if home is None:
        return ""
    which = (
        "docs_dir has its own index.md"
        if home.src_uri == "index.md"
        else f"{home.src_uri} is published as the site's home page (index.html)"
    )
    log.warning(
        f"{which}, so the blog index (the list of all posts) is not published; set blog_index "
        "under the perceptual plugin, for example 'blog_index: blog/', to publish it there"
    )
    return None
