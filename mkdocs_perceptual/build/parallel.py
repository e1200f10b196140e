"""Posts rendered on every core (the `workers` option).

As MkDocs reads the pages, every Lumen file's Markdown is rendered in a pool of processes, each
building the same Markdown pipeline from the configuration; each result (HTML, table of
contents, title, anchors, the files it looked up, what it logged) goes into the render cache,
under the key MkDocs' own rendering of that page would look up. The workers take the posts from
the back of MkDocs' reading order, this process renders those it reaches first (`Ahead`). Each
page is rendered through the cache: it gets a worker's result, its log lines said again in the
order a serial build says them. A page whose Markdown another plugin changes after all finds no
entry and is rendered as before, so the output is a serial build's, byte for byte.

Workers are new processes (`processes.py`), not forks: `mkdocs serve` runs threads, which a fork
would copy mid-work.
A configuration that cannot be sent to a worker (a local extension object, a callable that does
not pickle) renders in one process, with one INFO line saying why. A worker that dies (killed,
out of memory) leaves its posts to be rendered here, named in an INFO line; never a hang.

The pool outlives the rendering: while MkDocs writes the pages, its workers make the search
entries (`search.SearchEntries.prefetch`). The plugin shuts it down when the build ends or fails.
"""

from __future__ import annotations

import concurrent.futures
import os
import pickle
from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mkdocs_perceptual.build import prepare
from mkdocs_perceptual.build.cache import Entry, RenderCache, entry_key
from mkdocs_perceptual.build.converter import module_of
from mkdocs_perceptual.build.processes import Pool
from mkdocs_perceptual.build.state import Build
from mkdocs_perceptual.build.worker import (
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


class Ahead:
    """The pool's workers render the posts from the back of MkDocs' reading order while MkDocs
    reads the pages from the front (`take`, before each page's rendering): a page a worker
    rendered is taken from the cache; one no worker was handed yet is rendered here, as
    MkDocs would, and so is every post before it; where they meet, this process waits for the
    chunk a worker holds. So this process reads the other pages (front matter, the plugins'
    hooks, each post's header and footer) while the workers render."""

    def __init__(
        self, pool: Pool, chunks: list[list[tuple[str, Page, str]]], cache: RenderCache
    ) -> None:
        self.pool, self.chunks, self.cache = pool, chunks, cache
        self.owner = {key: i for i, chunk in enumerate(chunks) for key, _, _ in chunk}
        self.total = len(self.owner)
        self.next = len(chunks) - 1  # the next chunk to hand a worker, going down
        self.reached = -1  # the furthest chunk MkDocs has read a page of
        self.running: dict[concurrent.futures.Future[list[Entry | None]], int] = {}
        self.lost: list[tuple[int, str]] = []  # (chunk, post) of what a dead worker held
        self._top_up()

    def take(self, key: str) -> None:
        """Before MkDocs renders the page of `key`: a worker's rendering of it put in the
        cache, waited for if a worker holds it."""
        i = self.owner.pop(key, None)
        if i is None:
            return
        if i <= self.next:  # no worker was handed it: this process renders it, and the chunk
            # lets go of its Markdown (the page holds it, packed once rendered)
            self.chunks[i] = [job for job in self.chunks[i] if job[0] != key]
        self.reached = max(self.reached, i)
        self._harvest(i)
        if self.owner:
            self._top_up()
        else:
            self.finish()

    def finish(self) -> None:
        """Once MkDocs has read every post: the INFO lines; the pool is free for other work."""
        for i in list(self.running.values()):
            self._harvest(i)
        self.owner, self.chunks, self.cache.ahead = {}, [], None
        log.info(f"workers: {self.total} posts rendered in {self.pool.count + 1} processes")
        if self.lost:
            shown = ", ".join(src for _, src in sorted(self.lost)[:CHUNK])
            more = len(self.lost) - CHUNK
            log.info(
                f"workers: a worker process died while rendering {shown}"
                f"{f' and {more} more' if more > 0 else ''}; they are rendered in this process"
            )

    def _harvest(self, wanted: int) -> None:
        """The chunks the workers are done with, and chunk `wanted`, waited for."""
        for future, i in list(self.running.items()):
            if i != wanted and not future.done():
                continue
            del self.running[future]
            try:
                entries = future.result()
            except Exception:  # the worker died (`WorkerDied`), or its reply did not load
                self.lost.extend((i, page.file.src_uri) for _, page, _ in self.chunks[i])
                continue
            for (key, _, _), entry in zip(self.chunks[i], entries, strict=True):
                if entry is not None:  # else it raised: MkDocs renders it, and fails on it
                    self.cache.entries[key] = entry
                    self.cache.fresh.add(key)
            self.chunks[i] = []

    def _top_up(self) -> None:
        while self.next > self.reached and len(self.running) < 2 * self.pool.count:
            # As UTF-8 bytes: pickling a str would leave a UTF-8 copy cached inside it (one
            # with characters beyond ASCII), and MkDocs keeps each page's Markdown to the end.
            jobs = [(page.file.src_uri, text.encode()) for _, page, text in self.chunks[self.next]]
            future = self.pool.submit(render_chunk, jobs)
            if future is None:  # the pool is broken: the rest is rendered here
                return
            self.running[future] = self.next
            self.next -= 1


def after_reading(pool: Pool) -> None:
    """Once MkDocs has read every page: the pool's reading finished, where a post it was
    handed was not read as predicted (another plugin changed its Markdown)."""
    ahead = pool.reading
    if isinstance(ahead, Ahead) and ahead.cache.ahead is ahead:
        ahead.finish()


def start_early(
    files: Files, cache: RenderCache | None, option: object, config: MkDocsConfig
) -> Pool | None:
    """Workers started as MkDocs hands the plugin its files, where a cold build will likely
    render in a pool: they import MkDocs, the Markdown extensions and the search index's
    module (0.4 s at 1,000 posts) while the plugin reads the posts' front matter and MkDocs
    makes the navigation. `render_posts` then uses them, or stops them."""
    workers = worker_count(option)
    pages = len(files.documentation_pages())
    if workers < 2 or pages < SMALLEST or (cache is not None and cache.entries):
        return None
    modules = ["mkdocs_perceptual.markdown.extensions"]
    if "material/search" in config.plugins:
        modules.append("material.plugins.search.plugin")
    modules += [module_of(extension) for extension in config.markdown_extensions]
    try:
        return Pool(_beside(workers, pages), None, modules, early=True)
    except OSError:
        return None


def prerender(
    cache: RenderCache,
    settings: str,
    jobs: Sequence[tuple[Page, str]],
    config: MkDocsConfig,
    files: Files,
    workers: int,
    early: Pool | None = None,
) -> Pool | None:
    """Have `workers` processes render `jobs` (each page and the Markdown it will be rendered
    from, in MkDocs' reading order) into `cache` as MkDocs reads the pages (`Ahead`), under
    `settings` (the render cache's settings key for them); with the workers started `early`,
    if any (stopped where they are not used). Returns the pool, running, for the caller to use
    again and close; None where this process alone renders them (or nothing is left)."""
    keyed = [(entry_key(settings, page.file, markdown), page, markdown) for page, markdown in jobs]
    todo = [job for job in keyed if job[0] not in cache.entries]
    count = _beside(workers, len(todo))
    if count < 1 or len(todo) < SMALLEST:
        return _unused(early)
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
        return _unused(early)
    if (shared := shared_object(settings_sent)) is not None:
        log.info(f"workers: rendering in one process, as {shared}")
        return _unused(early)
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    try:
        pool = early if early is not None else Pool(count, payload)
    except OSError as e:
        log.info(f"workers: rendering in one process, as no worker process could be started: {e}")
        return _unused(early)
    pool.begin(payload)
    pool.reading = cache.ahead = Ahead(pool, chunks, cache)
    return pool


def _beside(workers: int, posts: int) -> int:
    """The workers to start for `posts` posts: this process renders beside them, so one fewer
    than `workers`, and no more than there are chunks."""
    return min(workers - 1, -(-posts // CHUNK))


def _unused(early: Pool | None) -> Pool | None:
    """None, the workers started early stopped: this process renders alone."""
    if early is not None:
        early.close()
    return None


def render_posts(
    build: Build,
    cache: RenderCache,
    config: MkDocsConfig,
    workers: int,
    early: Pool | None = None,
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
        markdown = prepare.markdown_of(source.replace("\r\n", "\n").replace("\r", "\n"))
        prepared = prepare.lumen_markdown(build, markdown, post)
        # What on_page_markdown would make of it, and a digest of the Markdown it was made from.
        build.prepared[src] = (prepare.digest(markdown), prepared)
        jobs.append((file.page, prepared))
    # In the order MkDocs reads them, which `Ahead` follows.
    order = {file.src_uri: n for n, file in enumerate(build.files.documentation_pages())}
    jobs.sort(key=lambda job: order.get(job[0].file.src_uri, len(order)))
    links = config.validation.links
    saved = (config.markdown_extensions, config.mdx_configs, links.absolute_links)
    if build.readings is not None:
        build.readings.lumen.apply(config)
    prepare.absolute_links_for(build, True, config)
    try:
        settings = cache.settings(config, build.options)
        return prerender(cache, settings, jobs, config, build.files, workers, early)
    finally:
        config.markdown_extensions, config.mdx_configs, links.absolute_links = saved
