"""The generated pages: blog index, category and tag pages, and the lists of both.

`plan` is pure: posts in, pages out. `files` turns the plan into `File.generated` pages
(`ListingPage`), and `html` renders one of them as it is written, once every post has been
rendered and its excerpt captured.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

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
    notes: list[str] = dataclasses.field(default_factory=list)  # for the log, at INFO
    # (kind, a spelling of a name) -> the name its page is listed under.
    aliases: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    _first: dict[tuple[str, str | None], Listing] = dataclasses.field(default_factory=dict)

    def add(self, listing: Listing) -> None:
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


class ListingPage(Page):
    """A generated listing page. Its Markdown is only a front matter stub, so MkDocs'
    Markdown pass, which builds a Markdown instance with every extension for each page, is
    skipped; its content is `html`, rendered in on_page_context as the page is written.
    Every page event still runs for it."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


# libyaml's writer where PyYAML has it: four times as fast, for hundreds of listing pages.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def generated_files(plan: Plan, config: MkDocsConfig, *, user_nav: bool) -> list[tuple[File, str]]:
    """Each listing page as a generated file, with what it is (for error messages)."""
    made = []
    for listing in plan.listings.values():
        # Material's search would index every listing page's excerpts a second time.
        stub: dict[str, object] = {"search": {"exclude": True}}
        if listing.src_uri != "index.md":
            stub["title"] = listing.title
        content = f"---\n{yaml.dump(stub, Dumper=_DUMPER, allow_unicode=True)}---\n"
        file = File.generated(config, listing.src_uri, content=content)
        if user_nav or listing.page > 0 or listing.kind == "tag":
            file.inclusion = InclusionLevel.NOT_IN_NAV
        # MkDocs' get_navigation reuses a file's page where it has one.
        ListingPage(None, file, config)
        made.append((file, f"the {listing.kind} page {listing.title!r}"))
    return made


def page_window(current: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers a listing links, numbered from 1: the first, the last, and `around`
    either side of `current`; None where numbers are left out ("1 2 3 … 10"). A gap of one
    number shows the number instead."""
    if pages <= 1:
        return []
    shown = {1, pages, *range(max(1, current - around), min(pages, current + around) + 1)}
    window: list[int | None] = []
    last = 0
    for number in sorted(shown):
        if number - last == 2:
            window.append(number - 1)
        elif number - last > 2:
            window.append(None)
        window.append(number)
        last = number
    return window


def html(plan: Plan, listing: Listing, *, env: Environment, **values: Any) -> str:
    """The content of one generated page: its `context`, rendered."""
    return render(env, context(plan, listing, **values))


def render(env: Environment, made: Mapping[str, Any]) -> str:
    """A listing page's content from what `context` made."""
    return env.get_template("perceptual/listing.html").render(**made)


def context(
    plan: Plan,
    listing: Listing,
    *,
    site_name: str,
    date_format: str,
    url_of: Callable[[str], str | None],
    excerpts: Mapping[str, str],
    minutes: Mapping[str, int] | None = None,
    author: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What the listing template is given for one generated page. `url_of` gives the URL of
    a page (by src_uri) relative to this one; `excerpts` the first words of posts without a
    description, `minutes` their reading time; `author` the author card's values (or
    None)."""
    minutes = minutes or {}
    heading = site_name if listing.kind == "index" and listing.src_uri == "index.md" else None
    groups = None
    if listing.kind in ("categories", "tags"):
        kind: ListingKind = "category" if listing.kind == "categories" else "tag"
        source = plan.categories if kind == "category" else plan.tags
        groups = [
            {"name": name, "url": url_of(first.src_uri), "count": len(posts)}
            for name, posts in source.items()
            if (first := plan.first_page(kind, name)) is not None
        ]
    entries = []
    for post in listing.posts:
        category = plan.first_page("category", post.category) if post.category else None
        tags = []
        for tag in dict.fromkeys(post.tags):
            first = plan.first_page("tag", tag)
            if first is not None:
                tags.append({"name": tag, "url": url_of(first.src_uri)})
        entries.append(
            {
                "draft": post.draft,
                "tags": tags,
                "minutes": minutes.get(post.src_uri),
                "title": post.title,
                "url": url_of(post.src_uri),
                "date_iso": post.date.isoformat() if post.date else "",
                "date_text": post.date.strftime(date_format) if post.date else "",
                "category": post.category,
                "category_url": url_of(category.src_uri) if category else None,
                "summary": post.description
                if post.description is not None
                else excerpts.get(post.src_uri, ""),
            }
        )

    def page_url(number: int) -> str | None:
        if 0 <= number < listing.pages and number != listing.page:
            return url_of(listing_src(listing.prefix, number))
        return None

    numbers = [
        None
        if number is None
        else {"number": number, "url": page_url(number - 1), "current": number == listing.page + 1}
        for number in page_window(listing.page + 1, listing.pages)
    ]
    return {
        "heading": heading or listing.title,
        "groups": groups,
        "entries": entries,
        "newer_url": page_url(listing.page - 1),
        "older_url": page_url(listing.page + 1),
        "numbers": numbers,
        "author": author,
        "author_first": listing.kind == "index",
    }
