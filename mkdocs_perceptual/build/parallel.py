"""Posts rendered on every core (the `workers` option).

Before MkDocs renders the pages one by one, every Lumen file's Markdown is rendered in a pool
of processes, each building the same Markdown pipeline from the configuration; each result
(HTML, table of contents, title, anchors, the files it looked up, what it logged) goes into
the render cache, under the key MkDocs' own rendering of that page would look up. MkDocs then
renders each page through the cache: the page gets the pool's result, its log lines said again
in the order a serial build says them. A page whose Markdown another plugin changes after all
finds no entry and is rendered as before, so the output is a serial build's, byte for byte.

Workers are new processes (`processes.py`), not forks: `mkdocs serve` runs threads, which a fork
would copy mid-work.
A configuration that cannot be sent to a worker (a local extension object, a callable that does
not pickle) renders in one process, with one INFO line saying why. A worker that dies (killed,
out of memory) leaves its posts to be rendered here, named in an INFO line; never a hang.

The pool outlives the rendering: while MkDocs writes the pages, its workers make the search
entries (`search.SearchEntries.prefetch`). The plugin shuts it down when the build ends or fails.
"""

from __future__ import annotations

import collections
import concurrent.futures
import logging
import os
import pickle
import types
from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from mkdocs_perceptual.build import prepare
from mkdocs_perceptual.build.cache import _LOGGERS, Entry, RenderCache, entry_key
from mkdocs_perceptual.build.processes import Pool, WorkerDied
from mkdocs_perceptual.build.state import Build
from mkdocs_perceptual.build.worker import (
    entry_or_none,
    render_chunk,
    settings_payload,
    shared_object,
    unimportable,
)

log = get_plugin_logger(__name__)

# Posts sent to a worker at a time: few enough that a dying worker names a short list.
CHUNK = 8
# Below this many posts to render, starting workers costs more than it saves: a spawned
# worker imports MkDocs and the extensions before its first post, holds some 40 MiB, and the
# pool's own bookkeeping (two threads here for each worker, pickling) costs on every post.
SMALLEST = 300


def worker_count(option: object) -> int:
    """The `workers` option as a number: 'auto' is one per core this process may use (a
    container's CPU limit counts, where the system tells it)."""
    if isinstance(option, int) and not isinstance(option, bool):
        return option
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _share(
    pool: Pool,
    chunks: list[list[tuple[str, Page, str]]],
    count: int,
    config: MkDocsConfig,
    files: Files,
) -> tuple[dict[int, list[Entry | None]], list[str]]:
    """The chunks' renderings, by chunk: the workers take chunks from the front, this process
    from the back, until none is left; and the posts of chunks a dead worker held."""
    pending = collections.deque(range(len(chunks)))
    running: dict[concurrent.futures.Future[list[Entry | None]], int] = {}
    entries: dict[int, list[Entry | None]] = {}
    lost: list[str] = []
    broken = False

    def harvest(wait: bool) -> None:
        nonlocal broken
        finished = [f for f in running if wait or f.done()]
        for future in finished:
            i = running.pop(future)
            try:
                entries[i] = future.result()
            except WorkerDied:
                broken = pool.broken = True
                lost.extend(page.file.src_uri for _, page, _ in chunks[i])

    def top_up() -> None:
        nonlocal broken
        while not broken and pending and len(running) < 2 * count:
            i = pending.popleft()
            # As UTF-8 bytes: pickling a str would leave a UTF-8 copy cached inside it (one
            # with characters beyond ASCII), and MkDocs keeps each page's Markdown to the end.
            jobs = [(page.file.src_uri, markdown.encode()) for _, page, markdown in chunks[i]]
            future = pool.submit(render_chunk, jobs)
            if future is None:
                broken = True
                pending.appendleft(i)
            else:
                running[future] = i

    top_up()
    while pending:
        i = pending.pop()
        entries[i] = _render_here(chunks[i], config, files)
        harvest(wait=False)
        top_up()
    harvest(wait=True)
    return entries, lost


def _render_here(
    chunk: list[tuple[str, Page, str]], config: MkDocsConfig, files: Files
) -> list[Entry | None]:
    """A chunk rendered in this process, its log lines kept for when MkDocs renders the page
    (said now, they would come out of order, and twice); None for a post whose rendering
    raised, left for MkDocs to render and fail on as it does, naming the page."""
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    saved = [(logger.handlers, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.handlers, logger.propagate = [], False
    try:
        return [
            entry_or_none(types.SimpleNamespace(markdown=markdown, file=page.file), config, files)
            for _, page, markdown in chunk
        ]
    finally:
        for logger, (handlers, propagate) in zip(loggers, saved, strict=True):
            logger.handlers, logger.propagate = handlers, propagate


def prerender(
    cache: RenderCache,
    settings: str,
    jobs: Sequence[tuple[Page, str]],
    config: MkDocsConfig,
    files: Files,
    workers: int,
) -> Pool | None:
    """Render `jobs` (each page and the Markdown it will be rendered from) in `workers`
    processes into `cache`, under `settings` (the render cache's settings key for them).
    Returns the pool, still running, for the caller to use again and close; None where one
    process rendered them (or there was nothing to render)."""
    keyed = [(entry_key(settings, page.file, markdown), page, markdown) for page, markdown in jobs]
    todo = [job for job in keyed if job[0] not in cache.entries]
    # This process renders beside the workers: one fewer is started.
    count = min(workers - 1, -(-len(todo) // CHUNK))
    if count < 1 or len(todo) < SMALLEST:
        return None
    settings_sent = settings_payload(config, files)
    try:
        payload = pickle.dumps(settings_sent)
        problem = unimportable(settings_sent)
    except Exception as e:  # what fails to pickle raises many kinds
        problem = str(e)
    if problem is not None:
        log.info(
            "workers: rendering in one process, as the configuration cannot be sent to a "
            f"worker: {problem}"
        )
        return None
    if (shared := shared_object(settings_sent)) is not None:
        log.info(f"workers: rendering in one process, as {shared}")
        return None
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    try:
        pool = Pool(count, payload)
    except OSError as e:
        log.info(f"workers: rendering in one process, as no worker process could be started: {e}")
        return None
    try:
        entries, lost = _share(pool, chunks, count, config, files)
    except BaseException:
        pool.close()
        raise
    done = 0
    for i, chunk in enumerate(chunks):
        for (key, _, _), entry in zip(chunk, entries.get(i, ()), strict=False):
            if entry is None:
                continue  # its rendering raised: MkDocs renders it again, and fails on it
            cache.entries[key] = entry
            cache.fresh.add(key)
            done += 1
    log.info(f"workers: {done} posts rendered in {count + 1} processes")
    if lost:
        shown = ", ".join(lost[:CHUNK]) + (
            f" and {len(lost) - CHUNK} more" if len(lost) > CHUNK else ""
        )
        log.info(
            f"workers: a worker process died while rendering {shown}; "
            "they are rendered in this process"
        )
    return pool


def render_posts(
    build: Build, cache: RenderCache, config: MkDocsConfig, workers: int
) -> Pool | None:
    """Render the Lumen files this build writes in `workers` processes into `cache`
    (`parallel.py`), each from the Markdown it will be rendered from, under the settings it
    will be rendered with. Returns the pool, still running, if one was started."""
    jobs = []
    for src, post in build.posts.items():
        file = build.files.get_file_from_path(src)
        if file is None or file.page is None or not build.written(file):
            continue
        # Kept for MkDocs' reading (`on_page_read_source`): each file is read once a build, so
        # one saved or deleted while the build runs changes nothing.
        source = build.sources.get(src)
        if source is None:
            continue
        markdown, _ = meta.get_data(source.replace("\r\n", "\n").replace("\r", "\n"))
        prepared = prepare.lumen_markdown(build, markdown, post)
        # What on_page_markdown would make of it, and a digest of the Markdown it was made from.
        build.prepared[src] = (prepare.digest(markdown), prepared)
        jobs.append((file.page, prepared))
    links = config.validation.links
    saved = (config.markdown_extensions, config.mdx_configs, links.absolute_links)
    if build.readings is not None:
        build.readings.lumen.apply(config)
    prepare.absolute_links_for(build, True, config)
    try:
        settings = cache.settings(config, build.options)
        return prerender(cache, settings, jobs, config, build.files, workers)
    finally:
        config.markdown_extensions, config.mdx_configs, links.absolute_links = saved
