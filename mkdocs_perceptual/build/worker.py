"""A render pool worker's side (`parallel.py` runs the pool, `processes.py` its processes): it
imports only what rendering needs, so that a worker starts fast and holds little."""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import importlib.machinery
import logging
import os
import pickle
import pickletools
import signal
import sys
import threading
import time
import types
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import TableOfContents

from mkdocs_perceptual.build import memory
from mkdocs_perceptual.build.cache import _LOGGERS, Entry, render_entry
from mkdocs_perceptual.build.converter import plugins_own
from mkdocs_perceptual.build.processes import frame, portable_records, read_frame
from mkdocs_perceptual.build.searchparse import add_entries
from mkdocs_perceptual.build.stored import toc_items


class _Config(dict):  # type: ignore[type-arg]
    """What `Page.render` reads of MkDocs' configuration, by key and by attribute."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(name) from e


def settings_payload(config: MkDocsConfig, files: Files) -> dict[str, Any]:
    """Everything a worker needs to render as MkDocs would here: the Markdown extensions and
    their settings, the link checks' levels, and every file by its source and destination."""
    links = config.validation.links
    return {
        "markdown_extensions": list(config.markdown_extensions),
        "mdx_configs": dict(config.mdx_configs),
        "use_directory_urls": config.use_directory_urls,
        "links": {
            name: getattr(links, name)
            for name in ("not_found", "absolute_links", "unrecognized_links", "anchors")
        },
        "docs_dir": config.docs_dir,
        "site_dir": config.site_dir,
        "files": [(f.src_uri, f.dest_uri, f.inclusion) for f in files],
        "levels": {name: logging.getLogger(name).getEffectiveLevel() for name in _LOGGERS},
    }


def unimportable(settings: dict[str, Any]) -> str | None:
    """Why a worker could not rebuild the Markdown extensions and their settings, or None.
    Pickling sends a class or function by its module's name, which the worker imports: a
    module MkDocs loaded from a hook file is named after the file (`hooks.py`), which no
    import finds, and the worker would fail as it starts."""
    value = (settings["markdown_extensions"], settings["mdx_configs"])
    try:
        # Protocol 2 names each module in its GLOBAL opcode, as "module name"; as Python 3
        # names it (`builtins`, not Python 2's `__builtin__`).
        data = pickle.dumps(value, protocol=2, fix_imports=False)
    except Exception:
        return None  # the payload's own pickling says what fails, if anything does
    for opcode, arg, _ in pickletools.genops(data):
        if opcode.name == "GLOBAL" and isinstance(arg, str):
            module = arg.split(" ", 1)[0]
            if not _importable(module):
                return f"the module {module!r} cannot be imported by another process"
    return None


def shared_object(settings: dict[str, Any]) -> str | None:
    """Why the posts render in one process, or None: an extension given as an object (a
    hook's) is shared by every page one process renders, and what a page leaves on it reaches
    the next (pymdown-extensions' SuperFences renders no fenced block after its first page was
    empty; footnotes' UNIQUE_IDS count pages). A worker renders the posts in another order
    than a serial build, so they would come out otherwise. The plugin's own keep nothing."""
    for extension in settings["markdown_extensions"]:
        if not isinstance(extension, str) and not plugins_own(extension):
            kind = type(extension)
            return (
                f"the Markdown extension {kind.__module__}.{kind.__qualname__} is given as an "
                "object, which each page leaves its state on for the next, in a serial "
                "build's order (name it in markdown_extensions instead, with its settings)"
            )
    return None


def _importable(module: str) -> bool:
    top, _, rest = module.partition(".")
    if top in sys.builtin_module_names:
        return True
    spec = importlib.machinery.PathFinder.find_spec(top, sys.path)
    if spec is None:
        spec = importlib.machinery.FrozenImporter.find_spec(top)
    # A dotted name needs a package above it: `hooks.py` is no module `py` of `hooks`.
    return spec is not None and (not rest or spec.submodule_search_locations is not None)


_WORKER: dict[str, Any] = {}


def main() -> None:
    """A worker process's life (`processes.Pool` starts it): the build's `sys.path` and the
    modules to import first, then its configuration (none for the images' pool), then jobs,
    each answered in turn, until its input ends, or until the build's process is gone."""
    jobs = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    # What an extension prints goes to the build's standard error, never into the replies.
    os.dup2(2, 1)
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)
    os.close(nothing)
    # Ctrl-C reaches every process of the terminal's group: the build stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_outlive_no_parent, args=(os.getppid(),), daemon=True).start()
    try:
        path, modules = pickle.loads(read_frame(jobs))
        sys.path[:] = path
        for name in modules:  # while the build makes the payload (`processes.Pool`'s `early`)
            with contextlib.suppress(Exception):
                importlib.import_module(name)
        payload = pickle.loads(read_frame(jobs))
    except EOFError:
        return
    if payload is not None:  # a render pool's (the images' pool sends none)
        start(payload)
    while True:
        try:
            data = read_frame(jobs)
        except EOFError:
            return
        try:
            fn, args = pickle.loads(data)
            reply = frame((True, fn(*args)))
        except Exception as e:
            try:
                reply = frame((False, e))
            except Exception:  # an error that does not pickle
                reply = frame((False, RuntimeError(f"{type(e).__name__}: {e}")))
        replies.write(reply)
        replies.flush()


def in_worker() -> bool:
    """Whether this process is a render pool's worker (started, its configuration made)."""
    return bool(_WORKER)


def start(payload: bytes) -> None:
    """A worker's start: the configuration and the site's files, made once."""
    settings = pickle.loads(payload)
    config = _Config(
        markdown_extensions=settings["markdown_extensions"],
        mdx_configs=settings["mdx_configs"],
        use_directory_urls=settings["use_directory_urls"],
        validation=types.SimpleNamespace(links=types.SimpleNamespace(**settings["links"])),
    )
    files = Files(
        [
            File(
                src,
                settings["docs_dir"],
                settings["site_dir"],
                settings["use_directory_urls"],
                dest_uri=dest,
                inclusion=inclusion,
            )
            for src, dest, inclusion in settings["files"]
        ]
    )
    for name, level in settings["levels"].items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = False  # recorded and said again by the build, not printed here
    _WORKER.update(config=config, files=files)


def _outlive_no_parent(parent: int) -> None:
    """End this worker once the build's process is gone. A build killed outright (SIGTERM,
    which Python does not catch) cannot shut its pool down; a worker waiting for its next job
    then reads the end of its input, but one busy with a job would finish it first."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def entry_or_none(page: Any, config: Any, files: Files) -> Entry | None:
    """`render_entry(page, config, files)`, or None where the rendering raised: the build
    renders that page again, and fails on it as MkDocs fails, naming the page."""
    try:
        return render_entry(page, config, files)
    except Exception:
        return None


def render_chunk(jobs: list[tuple[str, bytes]]) -> list[Entry | None]:
    """Each (src_uri, Markdown as UTF-8) rendered as `Page.render` would render it in the
    build; None for one whose rendering raised, which the build renders again, to fail as
    MkDocs fails on it (naming the page)."""
    config, files = _WORKER["config"], _WORKER["files"]
    made: list[Entry | None] = []
    for src_uri, markdown in jobs:
        page = types.SimpleNamespace(
            markdown=markdown.decode(), file=files.get_file_from_path(src_uri)
        )
        entry = entry_or_none(page, config, files)
        if entry is None:
            made.append(None)
            continue
        # As text: arguments may not pickle.
        made.append(dataclasses.replace(entry, records=tuple(portable_records(entry.records))))
    return made


def search_chunk(spec: tuple[str, str, bytes], pages: list[dict[str, Any]]) -> list[list[Any]]:
    """Each page's search entries, as an index made by `spec` (`search.search_spec`) adds them:
    a list of entries per page."""
    index = _INDEXES.get(spec)
    if index is None:
        module, name, options = spec
        index = _INDEXES[spec] = getattr(importlib.import_module(module), name)(
            **pickle.loads(options)
        )
    entries = index.entries
    made = []
    for data in pages:
        toc = TableOfContents(toc_items(data["toc"]))
        page = types.SimpleNamespace(**dict(data, toc=toc, content=data["content"].decode()))
        del entries[:]
        add_entries(index, page, index.add_entry_from_context)
        memory.compact_entries(entries)  # sent, and held, as UTF-8 (`memory.Utf8Text`)
        made.append(list(entries))
    del entries[:]
    return made


_INDEXES: dict[tuple[str, str, bytes], Any] = {}
