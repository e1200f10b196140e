"""A page's fingerprint for `--dirty` builds: a hash of everything its template is given and
of what the plugin adds as the page is written, with the site's (configuration, theme and
plugin options, installed versions, template files) and the navigation's."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import mkdocs_perceptual
from mkdocs_perceptual.build.stored import toc_data

# Versions that change what the templates and the Markdown make.
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "pygments", "jinja2")
# Configuration the page's HTML (hashed itself) already shows, or that only affects the log.
_NOT_IN_TEMPLATES = {"nav", "plugins", "theme", "markdown_extensions", "mdx_configs", "validation"}


def stable(value: Any, depth: int = 0) -> Any:
    """A value as JSON-like data that is the same in every process: mappings sorted, objects
    by their class and their attributes, never by their address."""
    if depth > 12:
        return "..."
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.tzinfo, dt.timedelta)):
        return repr(value)
    if isinstance(value, Mapping):
        return sorted((str(k), stable(v, depth + 1)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [stable(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(stable(v, depth + 1)) for v in value)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        public = {k: v for k, v in attributes.items() if not k.startswith("_")}
        return [kind, stable(public, depth + 1)]
    return kind


def digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, default=repr, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def versions() -> list[str]:
    """The versions a rendering depends on: this plugin's, the packages', Python's and its
    Unicode database's (slugs and heading ids are made from it)."""
    found = [mkdocs_perceptual.__version__, sys.version, unicodedata.unidata_version]
    for name in PACKAGES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return found


def _tree_stamp(folder: str | None) -> list[Any]:
    """Each file under `folder` (the theme's custom_dir, this plugin's templates) by path,
    size and time."""
    if not folder or not os.path.isdir(folder):
        return []
    stamps = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            stamps.append([os.path.relpath(path, folder), status.st_size, status.st_mtime_ns])
    return stamps


def site_fingerprint(config: MkDocsConfig) -> str:
    """Everything outside the pages that shows in a page: the configuration, the theme and
    its custom_dir, every plugin's options, and the versions of what renders the pages."""
    settings = {k: v for k, v in config.items() if k not in _NOT_IN_TEMPLATES}
    theme = config.theme
    plugins = [[name, stable(dict(plugin.config))] for name, plugin in config.plugins.items()]
    return digest(
        versions(),
        stable(settings),
        theme.name,
        stable(dict(theme)),
        list(theme.dirs),
        _tree_stamp(theme.custom_dir),
        _tree_stamp(mkdocs_perceptual.TEMPLATES),
        plugins,
    )


def _nav_items(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        children = getattr(item, "children", None)
        yield [
            type(item).__name__,
            str(item.title),
            getattr(item, "url", None),
            list(_nav_items(children)) if children else None,
        ]


def nav_fingerprint(nav: Navigation) -> str:
    """The navigation every page shows: each item's kind, title and URL, in order."""
    homepage = nav.homepage.url if nav.homepage is not None else None
    return digest(list(_nav_items(nav.items)), homepage)


def _neighbour(page: Any) -> list[Any] | None:
    return None if page is None else [str(page.title), page.url]


def page_fingerprint(page: Page, site: str, nav: str, extra: str) -> str:
    """What the template is given for `page`, and `extra`: what this plugin adds to it."""
    return digest(
        site,
        nav,
        page.file.src_uri,
        page.file.dest_uri,
        str(page.file.inclusion),
        page.url,
        page.canonical_url,
        page.edit_url,
        str(page.title),
        page.is_homepage,
        page.content,
        stable(page.meta),
        toc_data(page.toc),
        _neighbour(page.previous_page),
        _neighbour(page.next_page),
        extra,
    )
