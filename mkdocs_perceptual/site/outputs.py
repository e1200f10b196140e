"""The files the plugin adds beside the pages (static_dir, sw.js) and the check that no two
outputs of the build overwrite each other."""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from mkdocs_perceptual.lumen.urls import find_collisions

log = get_plugin_logger(__name__)

SERVICE_WORKER = """\
// Published by mkdocs-perceptual: removes the offline service worker the Gatsby site
// installed, so returning readers see this site instead of the cached old one.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    self.registration
      .unregister()
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((clients) => clients.forEach((client) => client.navigate(client.url)))
  );
});
"""


def service_worker(config: MkDocsConfig) -> File:
    return File.generated(config, "sw.js", content=SERVICE_WORKER)


def static_files(
    static_dir: str, config: MkDocsConfig, errors: list[str], cache_dir: str | None = None
) -> list[File]:
    """Every file under `static_dir` (relative to mkdocs.yml), published at the site root.
    The folder must be inside the project; nothing outside it is ever published (a symlink
    out of it is skipped), nor mkdocs.yml, site_dir or docs_dir (MkDocs publishes that
    itself), nor anything that is not a regular file."""
    project = os.path.realpath(os.path.dirname(config.config_file_path or "."))
    root = os.path.realpath(os.path.join(project, static_dir))
    if not _inside(root, project):
        errors.append(
            f"static_dir: {static_dir!r} is outside the project; expected a folder beside "
            "mkdocs.yml, such as 'static'"
        )
        return []
    if not os.path.isdir(root):
        errors.append(f"static_dir: {root!r} is not a folder")
        return []
    # Never published: the site, the docs, mkdocs.yml, and the plugin's cache (it holds every
    # post's rendering, a draft's among them).
    cache = os.path.join(project, cache_dir) if cache_dir is not None else None
    skipped = {
        os.path.realpath(p)
        for p in (config.site_dir, config.docs_dir, config.config_file_path, cache)
        if p is not None
    }
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) not in skipped
        )
        for name in sorted(n for n in names if not n.startswith(".")):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            real = os.path.realpath(path)
            if real in skipped:
                continue
            if rel.endswith((".md", ".markdown")):
                log.warning(f"static_dir: {rel} is left out; Markdown belongs in docs_dir")
            elif not _inside(real, root):
                log.warning(f"static_dir: {rel} is left out; it links to a file outside the folder")
            elif not os.path.isfile(real):
                log.warning(f"static_dir: {rel} is left out; it is not a regular file")
            else:
                found.append(File(rel, root, config.site_dir, config.use_directory_urls))
    return found


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


class Outputs:
    """What the plugin adds to MkDocs' files, and who writes each path of the site."""

    def __init__(self, files: Files, ours: set[str]) -> None:
        self.files = files
        self.ours = set(ours)  # the writers of the plugin's outputs, by src_uri or name
        self.errors: list[str] = []
        self.extra: list[tuple[str, str]] = []  # outputs that are not among MkDocs' files
        self.names: dict[str, str] = {}  # what each generated file is, by its src_uri

    def add(self, file: File, what: str) -> bool:
        """Add a generated file, unless docs_dir holds a file of that name."""
        if (other := self.files.get_file_from_path(file.src_uri)) is not None:
            self.errors.append(f"{other.src_uri} in docs_dir is where the plugin puts {what}")
            return False
        self.files.append(file)
        self.ours |= {file.src_uri, what}
        self.names[file.src_uri] = what  # a message names it so, not by its made-up source
        return True

    def add_written_later(self, dest_uri: str, what: str) -> None:
        """An output the plugin writes itself, such as the feed."""
        self.extra.append((dest_uri, what))
        self.ours.add(what)

    def collisions(self, config: MkDocsConfig, written: Callable[[File], bool]) -> list[str]:
        """Every pair of outputs on one path (or one path in two cases), where one is ours."""
        outputs = [
            (f.dest_uri, self.names.get(f.src_uri, f.src_uri)) for f in self.files if written(f)
        ]
        outputs += [(name, f"the theme's {name}") for name in config.theme.static_templates]
        if "sitemap.xml" in config.theme.static_templates:
            outputs.append(("sitemap.xml.gz", "the theme's sitemap.xml.gz"))
        # Material registers its own search plugin as "material/search".
        if any(name.split("/")[-1] == "search" for name in config.plugins):
            outputs.append(("search/search_index.json", "the search plugin's index"))
        return find_collisions(outputs + self.extra, self.ours)


def remove_links(site_dir: str) -> list[str]:
    """Remove every symbolic link under `site_dir` (not following any), before a `--dirty`
    build writes into the folder an earlier build left: MkDocs, the search plugins and this
    plugin open their outputs by name, and would write through a link to wherever it points,
    outside the site. Return the links removed. A clean build empties the folder itself."""
    removed: list[str] = []
    site = os.path.abspath(site_dir)
    if os.path.islink(site) or not os.path.isdir(site):
        return removed
    for folder, dirs, names in os.walk(site):
        for name in [*names, *dirs]:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                os.unlink(path)
                removed.append(os.path.relpath(path, site).replace(os.sep, "/"))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    return removed


def prune_stale_files(site_dir: str, written: set[str], kept: tuple[str, ...]) -> list[str]:
    """After a `--dirty` build with only plugins this one knows: remove every file under
    `site_dir` that this build does not write (`written`, by path) and no name in `kept`
    (folders whose files are written after this plugin's on_post_build, such as `search/`)
    covers, and the folders left empty: the site holds exactly a clean build's files (a file
    removed from static_dir, a `sw.js` no longer asked for, an image's old copies)."""
    return _prune(site_dir, lambda rel, _path: rel not in written and not rel.startswith(kept))


def prune_stale_pages(site_dir: str, written: set[str]) -> list[str]:
    """After a `--dirty` build: remove the pages under `site_dir` that an earlier build of this
    site wrote (they carry the plugin's stylesheet) and this one did not, and the folders they
    leave empty; return what was removed. A clean build starts from an empty folder; a dirty
    one would keep a deleted post's page, a category page no post uses any more, and the page
    of a post that has just become a draft. Pages other tools wrote (redirects) are kept."""
    return _prune(
        site_dir, lambda rel, path: rel.endswith(".html") and rel not in written and _ours(path)
    )


def _prune(site_dir: str, stale: Callable[[str, str], bool]) -> list[str]:
    """Remove each file under `site_dir` that `stale(its path from there, its path)` picks,
    and the folders left empty; return the files removed."""
    removed = []
    site = os.path.realpath(site_dir)
    for folder, _dirs, names in os.walk(site, topdown=False):
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            if stale(rel, path):
                os.remove(path)
                removed.append(rel)
        if folder != site and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def _ours(path: str) -> bool:
    if os.path.islink(path) or not os.path.isfile(path):
        return False
    with open(path, "rb") as page:
        return b"perceptual/blog.css" in page.read(65536)


def cache_dir_problem(folder: str, root: str, docs_dir: str, site_dir: str) -> str | None:
    """Why `folder` may not hold the plugin's cache, or None: it must be inside the project
    folder `root` (symbolic links followed), and outside docs_dir (MkDocs would read it) and
    site_dir (a clean build empties it); and a folder, if it exists. (Inside static_dir it is
    never published: `static_files` leaves it out.)"""
    real = os.path.realpath(folder)
    if not _inside(real, os.path.realpath(root)):
        return "is outside the project folder"
    for name, other in (("docs_dir", docs_dir), ("site_dir", site_dir)):
        other = os.path.realpath(other)
        if _inside(real, other) or _inside(other, real):
            return f"overlaps {name}"
    if os.path.lexists(folder) and not os.path.isdir(folder):
        return "is a file, not a folder"
    return None
