"""The navigation item a page outside the navigation stands under, lit while the page is
written: a listing's page 2 and on lights its first page, a tag page the list of tags, a post
left out of its category's section (nav_posts_per_category) its category.

Themes light the items of the page being written and its sections, from `active`, which MkDocs
sets on the page and, through `parent`, on its sections; a page outside the navigation has no
parent, so nothing is lit. Here the page's stand-in in the navigation is made active for the
time the page is rendered: Material opens and marks its section and marks the item
(md-nav__item--active), MkDocs' theme marks the section's dropdown.

    highlight = NavHighlight(nav)                        # on_nav
    highlight.light(page, listing_stand_ins(listing, plan))   # on_page_context
    highlight.clear()                                    # on_post_page
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.site.listings import Listing, Plan

__all__ = ["NavHighlight", "listing_stand_ins", "post_stand_ins"]


def listing_stand_ins(listing: Listing, plan: Plan) -> list[str]:
    """The pages (src_uri) a listing page stands under, nearest first: its first page, for a
    page 2 and on; the list of tags, for a tag page."""
    found = []
    if listing.page > 0 and (first := plan.first_page(listing.kind, listing.name)):
        found.append(first.src_uri)
    if listing.kind == "tag" and (tags := plan.first_page("tags")):
        found.append(tags.src_uri)
    return found


def post_stand_ins(post: Post, plan: Plan) -> list[str]:
    """The pages a post left out of the navigation stands under: its category's page."""
    if post.category and (first := plan.first_page("category", post.category)):
        return [first.src_uri]
    return []


class NavHighlight:
    """Lights one navigation page at a time, for a page outside the navigation."""

    def __init__(self, nav: Navigation) -> None:
        self._pages = {page.file.src_uri: page for page in nav.pages}
        self._lit: Page | None = None

    def light(self, page: Page, stand_ins: Iterable[str]) -> Page | None:
        """Before `page` is rendered: if it is outside the navigation, make the first of
        `stand_ins` that is in the navigation active (with its sections). Returns it."""
        self.clear()
        if self._pages.get(page.file.src_uri) is page:
            return None  # in the navigation: MkDocs lights it
        for src_uri in stand_ins:
            stand_in = self._pages.get(src_uri)
            if stand_in is not None and stand_in is not page:
                stand_in.active = True  # and, through parent, its sections
                self._lit = stand_in
                return stand_in
        return None

    def clear(self) -> None:
        """After the page is written: put the lit item out, with its sections."""
        if self._lit is not None:
            self._lit.active = False
            self._lit = None
