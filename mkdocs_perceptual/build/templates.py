"""The theme's templates compiled once per process, for every build in it; Material's
navigation rendered once for the pages it comes out the same for."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from types import CodeType
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.theme import Theme


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, kept in memory for this process. MkDocs
    makes a new Jinja environment for every build, which compiles every template again:
    about a third of a `mkdocs serve` rebuild of a small blog on Material. An entry is used
    only while its template's source is the same (Jinja checks a hash of it)."""

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _CompiledTemplates()


def share_compiled_templates(theme: Theme) -> None:
    """Every Jinja environment `theme` makes from now on (the page templates', the search
    plugin's, this plugin's) reuses the templates compiled by earlier builds in this
    process."""
    make = theme.get_env
    if getattr(make, "shares_compiled_templates", False):
        return

    def get_env() -> Environment:
        env = make()
        env.bytecode_cache = env.bytecode_cache or _COMPILED
        return env

    get_env.shares_compiled_templates = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]


class NavMemo:
    """Material's primary navigation, rendered once for every page it comes out the same for.

    A blog's pages are mostly posts and listing pages outside the navigation (a category's
    section holds its newest posts); for such a page the navigation's markup depends only on
    which items are lit (the page's stand-in and its sections, `site/highlight.py`) and on the
    folder its links are made relative from. That holds while no link of the navigation leads
    into the page's own folder, which is checked: for any other page it is rendered as usual.
    The first reuse of each markup is rendered again and compared, and a difference (a
    custom_dir's `partials/nav.html` that shows something of the page) ends the memo for the
    build. Templates were about half of a cold build at 1,000 posts, the navigation half of
    them."""

    def __init__(self, nav: Navigation, urls: Iterable[str] = ()) -> None:
        """`urls`: the links the navigation's markup holds besides its items' (the logo's,
        the home page's)."""
        self.nav = nav
        self.items = list(_items(nav.items))
        self.pages = {id(page) for page in nav.pages}
        self.inside: set[tuple[str, ...]] = set()  # every folder a link leads into
        links = [str(getattr(item, "url", None) or "") for item in self.items]
        for url in [*links, *urls]:
            parts = _parts(url.split("#")[0].split("?")[0])
            self.inside.update(tuple(parts[: n + 1]) for n in range(len(parts)))
        self.kept: dict[tuple[object, ...], str] = {}
        self.checked: set[tuple[object, ...]] = set()
        self.off = False
        self.hits = 0

    def key(self, context: Any) -> tuple[object, ...] | None:
        page = context.get("page")
        if self.off or page is None or id(page) in self.pages or context.get("nav") is not self.nav:
            return None
        folder, _, name = page.url.rpartition("/")
        if "." in name:
            # A file ('posts/a.html'): links are made relative from its folder, whoever's.
            base: tuple[object, ...] = (tuple(_parts(folder)), "file")
        else:
            # A folder ('posts/a/'): links are made relative from it, the same from every
            # folder beside it unless a link leads into it.
            parts = _parts(page.url)
            if not parts or tuple(parts) in self.inside:
                return None
            base = (tuple(parts[:-1]), "folder")
        lit = tuple(n for n, item in enumerate(self.items) if getattr(item, "active", False))
        return (*base, lit)

    def wrap(self, template: Template) -> None:
        original = template.root_render_func

        def root(context: Any) -> Iterator[str]:
            key = self.key(context)
            if key is None:
                yield from original(context)
                return
            kept = self.kept.get(key)
            if kept is not None and key in self.checked:
                self.hits += 1
                yield kept
                return
            made = "".join(original(context))
            if kept is None:
                self.kept[key] = made
            elif kept == made:
                self.checked.add(key)
            else:
                self.off = True
            yield made

        template.root_render_func = root


def memoize_nav(env: Environment, nav: Navigation, config: MkDocsConfig) -> NavMemo | None:
    """On Material, `NavMemo` in front of its `partials/nav.html` for this build."""
    if config.theme.name != "material":
        return None
    try:
        template = env.get_template("partials/nav.html")
    except TemplateNotFound:
        return None
    homepage = config.extra.get("homepage") if hasattr(config.extra, "get") else None
    urls = [str(nav.homepage.url) if nav.homepage else "", str(config.theme.get("logo") or "")]
    memo = NavMemo(nav, [*urls, str(homepage or "")])
    memo.wrap(template)
    return memo


def _items(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or ())


def _parts(path: str) -> list[str]:
    """A URL path's folders as MkDocs compares them when it makes a link relative."""
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []
