"""The navigation MkDocs gets when `mkdocs.yml` has no `nav`: built from the posts and the
listing plan, no I/O."""

from __future__ import annotations

import dataclasses
import html
import posixpath
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.utils import nest_paths

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.urls import link_key
from mkdocs_perceptual.site.listings import Plan, category_key, newest_first

log = get_plugin_logger(__name__)

__all__ = ["MenuEntry", "NavItem", "Section", "build_nav", "navigation", "newest_first", "ordered"]

# A page (src_uri), a titled page or link (the menu's), or a section.
NavItem = str | dict[str, "str | list[NavItem]"]

# A category's listing page, first in its section, where the theme would repeat the section's
# name (see `navigation`).
CATEGORIES_LIST = "categories/index.md"
ALL_CATEGORIES = "All categories"
ALL_POSTS = "All posts"


@dataclasses.dataclass(frozen=True)
class MenuEntry:
    """One link of the `menu` option: a label and a page of the site (its src_uri) or a URL."""

    label: str
    target: str
    is_page: bool


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
    *,
    listing_title: str | None = None,
    group_over: int | None = None,
) -> list[NavItem]:
    """Home, the blog index, one section per category (sorted by name) with its listing page
    (titled `listing_title` if given) and at most `limit` posts, newest first; posts without
    a category; the Lumen pages; the category and tag lists (`extras`); then every other
    Markdown file as MkDocs would have nested it. `others` come in MkDocs' file order.

    With more than `group_over` categories, their sections go under one "Categories" section,
    headed by the list of categories: a theme whose navigation is one row of menus (MkDocs'
    own) keeps that row short."""
    nav: list[NavItem] = [src for src in (home, blog_index) if src]
    categories: list[NavItem] = []
    for section in sorted(sections, key=lambda s: category_key(s.name)):
        children: list[NavItem] = []
        if section.listing:
            children.append({listing_title: section.listing} if listing_title else section.listing)
        children += [post.src_uri for post in newest_first(section.posts)[:limit]]
        # Themes print navigation titles as HTML; a category name is text.
        categories.append({html.escape(section.name): children})
    if group_over is not None and len(categories) > group_over:
        listing = [src for src in extras if src == CATEGORIES_LIST]
        extras = [src for src in extras if src != CATEGORIES_LIST]
        nav.append({"Categories": [*listing, *categories]})
    else:
        nav.extend(categories)
    nav.extend(post.src_uri for post in newest_first(uncategorized)[:limit])
    nav.extend(page.src_uri for page in sorted(pages, key=lambda page: page.src_uri))
    nav.extend(extras)
    nav.extend(nest_paths(others))
    return nav


def ordered(src_uris: Sequence[str], first: Sequence[str]) -> list[str]:
    """`src_uris` in MkDocs' order (index first in each folder, then files, then folders),
    except that the files named in `first` come first in their folder, in the order given."""
    rank = {src: i for i, src in enumerate(first)}

    def key(src: str) -> tuple[tuple[str, ...], int, int, str]:
        folder, name = posixpath.split(src)
        parts = tuple(folder.split("/")) if folder else ()
        if posixpath.splitext(name)[0] in ("index", "README") and src not in rank:
            return (parts, 0, 0, name)
        return (parts, 1 if src in rank else 2, rank.get(src, 0), name)

    return sorted(src_uris, key=key)


def _with_menu(nav: list[NavItem], menu: Sequence[MenuEntry]) -> list[NavItem]:
    """The menu's links first; a page the menu links leaves its place in the rest."""
    pages = {entry.target for entry in menu if entry.is_page}
    # Labels are text; themes print navigation titles as HTML.
    head: list[NavItem] = [{html.escape(entry.label): entry.target} for entry in menu]
    return head + without(nav, pages)


def navigation(
    files: Files,
    posts: Mapping[str, Post],
    plan: Plan,
    limit: int,
    *,
    menu: Sequence[MenuEntry] = (),
    first: Sequence[str] = (),
    all_posts: bool = False,
    group_over: int | None = None,
) -> list[NavItem]:
    """The site's navigation, from the files MkDocs puts in a nav. Posts it does not list
    (beyond `limit` in a category) are marked not-in-nav: the listings reach them. The
    `menu` comes first; the other pages named in `first` come first in their folder.

    `all_posts` is for a theme that shows a section's first page under its own title below
    the section's name (Material without `navigation.indexes`): a category's listing page is
    then "All posts" in the navigation, not the category's name again. Its page keeps the
    category's name in its front matter (`page.meta`), which Material's `<title>` and header
    prefer; MkDocs keeps a generated page's Page, so its `title` is set here."""
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
        [src for src in (CATEGORIES_LIST, "tags/index.md") if src in plan.listings]
        + [src for src, listing in plan.listings.items() if listing.kind == "archive"],
        ordered(
            [
                f.src_uri
                for f in sorted(in_nav, key=file_sort_key)
                if f.src_uri not in posts and f.src_uri not in plan.listings and f.src_uri != home
            ],
            first,
        ),
        limit,
        listing_title=ALL_POSTS if all_posts else None,
        group_over=group_over,
    )
    listing_page = getattr(files.get_file_from_path(CATEGORIES_LIST), "page", None)
    if group_over is not None and len(sections) > group_over and listing_page is not None:
        listing_page.title = ALL_CATEGORIES  # first in its own section: not "Categories" again
    if all_posts:
        for section in sections:
            listing_file = files.get_file_from_path(section.listing) if section.listing else None
            if listing_file is not None and listing_file.page is not None:
                listing_file.page.title = ALL_POSTS
    if menu:
        nav = _with_menu(nav, menu)
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
                out.extend([children] if isinstance(children, str) else _flatten(children))
    return out


def without(
    items: list[Any],
    dropped: set[str],
    on_drop: Callable[[str], None] | None = None,
    *,
    drop_empty: bool = True,
) -> list[Any]:
    """A navigation (generated, or hand-written in mkdocs.yml) without its entries for the
    files in `dropped`, and (with `drop_empty`) without the sections that leaves empty;
    `on_drop` hears of each entry left out. (A hand-written entry for a draft would show as
    "None", leading to the draft's URL.)"""
    kept: list[Any] = []
    for item in items:
        for title, value in item.items() if isinstance(item, dict) else [(None, item)]:
            if isinstance(value, str) and posixpath.normpath(value) in dropped:
                if on_drop is not None:
                    on_drop(value)
            elif isinstance(value, list):
                rest = without(value, dropped, on_drop, drop_empty=drop_empty)
                if rest or not drop_empty:
                    kept.append({title: rest})
            else:
                kept.append(value if title is None else {title: value})
    return kept


def menu_entries(
    menu: Sequence[Any],
    lookup: Callable[[str], File | None],
    site_url: str,
    hidden: Collection[str] = (),
) -> list[MenuEntry]:
    """The `menu` option's links: a page of the site by its file, anything else by URL (a
    site path under site_url, so that it works under a sub-path). `lookup` finds a published
    file by its link key; `hidden` holds the link keys of unpublished pages (drafts), whose
    entries are left out with a warning, as a hand-written nav's are."""
    entries = []
    for item in menu:
        label, path = item.label, item.path.strip()
        parts = urlsplit(path)
        if parts.scheme or parts.netloc:
            entries.append(MenuEntry(label, path, is_page=False))
            continue
        if link_key(parts.path) in hidden:
            log.warning(
                f"menu: {path!r} ({label!r}) is not published (a draft), so it is left out "
                "of the menu"
            )
            continue
        target = lookup(link_key(parts.path))
        if (
            target is not None
            and target.is_documentation_page()
            and not parts.query
            and not parts.fragment
        ):
            entries.append(MenuEntry(label, target.src_uri, is_page=True))
        elif site_url:
            entries.append(MenuEntry(label, urljoin(site_url, path.lstrip("/")), is_page=False))
        else:
            log.warning(
                f"menu: {path!r} ({label!r}) is no page of the site, and without site_url "
                "it cannot be linked so that it works under a sub-path; it is left as written"
            )
            entries.append(MenuEntry(label, path, is_page=False))
    return entries
