"""The listing pages as MkDocs sees them: each a generated file with a front matter stub
and a `ListingPage` that skips the Markdown pass, and, as it is written, what the listing
template is given (`context`: entries, groups, page numbers) and its HTML (`render`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.lumen.urls import listing_src
from mkdocs_perceptual.site.listings import Listing, ListingKind, Plan


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


def entries(
    plan: Plan,
    posts: Sequence[Post],
    *,
    date_format: str,
    url_of: Callable[[str], str | None],
    excerpts: Mapping[str, str],
    minutes: Mapping[str, int] | None = None,
    covers: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """What the listing template shows of each post: the blog index's, a category's, a
    tag's, and the latest-posts block's. `covers` holds the cover markup of posts that have
    one, its URLs relative to this page."""
    minutes = minutes or {}
    covers = covers or {}
    made = []
    for post in posts:
        category = plan.first_page("category", post.category) if post.category else None
        tags = []
        for tag in dict.fromkeys(post.tags):
            first = plan.first_page("tag", tag)
            if first is not None:
                tags.append({"name": tag, "url": url_of(first.src_uri)})
        made.append(
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
                "cover": covers.get(post.src_uri),
            }
        )
    return made


def by_month(
    posts: Sequence[Post], date_format: str, url_of: Callable[[str], str | None]
) -> list[dict[str, Any]]:
    """The archive: posts (newest first) grouped by year, then month, newest first."""
    years: list[dict[str, Any]] = []
    for post in posts:
        if post.date is None:
            continue
        if not years or years[-1]["year"] != post.date.year:
            years.append({"year": post.date.year, "months": []})
        months = years[-1]["months"]
        if not months or months[-1]["number"] != post.date.month:
            months.append(
                {
                    "number": post.date.month,
                    "name": dt.date(2000, post.date.month, 1).strftime("%B"),
                    "id": f"{post.date.year}-{post.date.month:02d}",
                    "posts": [],
                }
            )
        months[-1]["posts"].append(
            {
                "title": post.title,
                "url": url_of(post.src_uri),
                "draft": post.draft,
                "date_iso": post.date.isoformat(),
                "date_text": post.date.strftime(date_format),
            }
        )
    return years


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
    covers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """What the listing template is given for one generated page. `url_of` gives the URL of
    a page (by src_uri) relative to this one; `excerpts` the first words of posts without a
    description, `minutes` their reading time; `author` the author card's values (or
    None); `covers` the cover markup of posts that have one."""
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
    if listing.kind == "archive":
        return {
            "heading": listing.title,
            "groups": None,
            "years": by_month(listing.posts, date_format, url_of),
            "entries": [],
            "author": None,
        }
    shown = entries(
        plan,
        listing.posts,
        date_format=date_format,
        url_of=url_of,
        excerpts=excerpts,
        minutes=minutes,
        covers=covers,
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
        "years": None,
        "entries": shown,
        "newer_url": page_url(listing.page - 1),
        "older_url": page_url(listing.page + 1),
        "numbers": numbers,
        "author": author,
        "author_first": listing.kind == "index",
    }
