"""The responsive images of one build: which `<img>` of a Lumen file becomes a `<picture>`
(`Images.find`, as each page's HTML is made), the copies that needs (added to the build's
files, kept in `cache_dir/images` between builds), and the work of making the missing ones on
every core (`Images.process`, before MkDocs copies files into the site). An image that cannot
be made into copies is published as it is, with one warning naming the page and the file."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import posixpath
import re
import tempfile
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote, urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from PIL import features

from mkdocs_perceptual.build.processes import Pool, WorkerDied
from mkdocs_perceptual.markdown import imaging
from mkdocs_perceptual.markdown.imaging import Copy, ImageProblem, Probe
from mkdocs_perceptual.site.pictures import Candidates, Picture

log = get_plugin_logger(__name__)

INDEX = "index.json"
# Published copies: by the original's content, so a changed image gets new URLs.
FOLDER = "perceptual/images"


@dataclasses.dataclass
class Job:
    source: str  # the original's path on disk
    copies: list[Copy]
    src_uri: str  # the original, for messages


class ProbeIndex:
    """Each original's probe, by its path, size and time, kept across builds (in memory in
    `mkdocs serve`, in `cache_dir/images/index.json` otherwise): a warm build reads no
    image's bytes."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[int, int, Probe | str]] = {}
        self.changed = False
        self.loaded_from: str | None = None

    def load(self, folder: str) -> None:
        if self.loaded_from == folder:
            return
        self.loaded_from = folder
        try:
            with open(os.path.join(folder, INDEX), encoding="utf-8") as f:
                data = json.load(f)
            for path, (size, mtime, probe) in data.items():
                kept = probe if isinstance(probe, str) else Probe(*probe)
                self.entries[path] = (int(size), int(mtime), kept)
        except (OSError, ValueError, TypeError, AttributeError):
            self.entries = {}  # no index, or one this version cannot read: probe again

    def probe(self, path: str) -> Probe | str:
        """The image's probe, or why it cannot be read."""
        status = os.stat(path)
        kept = self.entries.get(path)
        if kept is not None and kept[:2] == (status.st_size, status.st_mtime_ns):
            return kept[2]
        try:
            found: Probe | str = imaging.probe(path)
        except ImageProblem as e:
            found = str(e)
        self.entries[path] = (status.st_size, status.st_mtime_ns, found)
        self.changed = True
        return found

    def forget(self, path: str, reason: str) -> None:
        """An image whose copies could not be made: remembered as unreadable."""
        size, mtime, _ = self.entries.get(path, (0, 0, reason))
        self.entries[path] = (size, mtime, reason)
        self.changed = True

    def save(self, folder: str) -> None:
        if not self.changed:
            return
        data: dict[str, Any] = {
            path: [size, mtime, kept if isinstance(kept, str) else dataclasses.astuple(kept)]
            for path, (size, mtime, kept) in sorted(self.entries.items())
        }
        os.makedirs(folder, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(temporary, os.path.join(folder, INDEX))
        self.changed = False


def _formats(wanted: list[str]) -> list[str]:
    """The modern formats asked for that this machine's Pillow writes, best first."""
    usable = []
    for name in wanted:
        fmt = name.upper()
        if features.check(fmt.lower()):
            usable.append(fmt)
        else:
            log.warning(f"images.formats: Pillow here cannot write {name}; it is left out")
    return sorted(usable, key=("AVIF", "WEBP").index)


def _stem(src_uri: str) -> str:
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "image"


class Images:
    """The images of one build."""

    def __init__(
        self,
        options: Any,
        config: MkDocsConfig,
        files: Files,
        folder: str,
        index: ProbeIndex,
        lookup: Callable[[str], File | None],
    ) -> None:
        self.options, self.config, self.files = options, config, files
        self.lookup = lookup  # a published file by its path in the site
        self.docs_dir = os.path.abspath(config.docs_dir)
        self.folder = folder
        self.index = index
        index.load(folder)
        self.formats = _formats(list(options.formats))
        self.jobs: dict[str, Job] = {}
        # Each picture made, per page: (the new markup, the <img> it replaced), by original.
        self.uses: dict[str, list[tuple[Page, str, str]]] = {}

    def find(self, src: str, page: Page) -> Picture | None:
        """The picture for an `<img src>` (as written in the page's HTML, relative to it) of
        a local JPEG, PNG or WebP file of docs_dir; None for any other image."""
        if not src or src.startswith(("//", "data:")) or re.match(r"[A-Za-z][\w+.-]*:", src):
            return None
        path = unquote(urljoin("/" + page.file.url, src.split("#")[0].split("?")[0]))[1:]
        original = self._file(path)
        if original is None or original.abs_src_path is None:
            return None
        fmt = imaging.RASTER.get(posixpath.splitext(original.src_uri)[1].lower())
        if fmt is None:
            return None
        probe = self.index.probe(original.abs_src_path)
        if isinstance(probe, str):
            log.warning(
                f"{page.file.src_uri}: the image {original.src_uri} is published as it is: {probe}"
            )
            return None
        if probe.animated:
            log.info(f"{page.file.src_uri}: {original.src_uri} is animated: published as it is")
            return None
        return self._picture(original, probe, page)

    def _file(self, dest: str) -> File | None:
        """The docs_dir file published at `dest`: the images Gatsby found beside a post.
        The static_dir's (Gatsby's static/) are served as they are, as Gatsby served them."""
        file = self.lookup(dest)
        if file is None or file.generated_by is not None or file.abs_src_path is None:
            return None
        inside = os.path.commonpath([self.docs_dir, os.path.abspath(file.abs_src_path)])
        return file if inside == self.docs_dir else None

    def _picture(self, original: File, probe: Probe, page: Page) -> Picture:
        options = self.options
        widths = imaging.widths(probe.width, options.max_width)
        shown_width, shown_height = imaging.presented(probe, options.max_width)
        made: dict[str, list[tuple[str, int]]] = {}
        for fmt in [probe.format, *[f for f in self.formats if f != probe.format]]:
            extension, _ = imaging.FORMATS[fmt]
            for width in widths:
                made.setdefault(fmt, []).append(
                    (self._copy(original, probe, width, fmt, extension, page), width)
                )
        fallback = made.pop(probe.format)
        src = next(url for url, width in fallback if width == shown_width)
        return Picture(
            src=src,
            fallback=Candidates(imaging.FORMATS[probe.format][1], tuple(fallback)),
            sources=tuple(Candidates(imaging.FORMATS[f][1], tuple(c)) for f, c in made.items()),
            width=shown_width,
            height=shown_height,
            original=original.url_relative_to(page.file),
            source=original.abs_src_path or "",
        )

    def _copy(
        self, original: File, probe: Probe, width: int, fmt: str, ext: str, page: Page
    ) -> str:
        """The URL (from `page`) of one copy, added to the build's files; a job where it is
        not in the cache yet."""
        dest = f"{FOLDER}/{probe.digest[:16]}/{_stem(original.src_uri)}-{width}.{ext}"
        file = self.files.get_file_from_path(dest)
        if file is None:
            cached = os.path.join(self.folder, imaging.key(probe, width, fmt, self.options.quality))
            cached += f".{ext}"
            file = File.generated(self.config, dest, abs_src_path=cached)
            self.files.append(file)
            if not os.path.isfile(cached):
                assert original.abs_src_path is not None
                job = self.jobs.setdefault(
                    original.abs_src_path, Job(original.abs_src_path, [], original.src_uri)
                )
                job.copies.append(Copy(width, fmt, cached))
        return file.url_relative_to(page.file)

    def made(self, page: Page, replaced: list[tuple[str, str, Picture]]) -> None:
        """Note the pictures a page holds, to undo them if their copies cannot be made."""
        for new, old, picture in replaced:
            self.uses.setdefault(picture.source, []).append((page, new, old))

    def process(self, undo: Callable[[Page, str, str], None], workers: int) -> None:
        """Make every missing copy in `workers` processes (the `workers` option's); an image
        whose copies fail is published as it is: `undo(page, picture, img)` puts its `<img>`
        back in each page."""
        jobs = list(self.jobs.values())
        self.jobs = {}
        if not jobs:
            self.index.save(self.folder)
            return
        os.makedirs(self.folder, exist_ok=True)
        copies = sum(len(job.copies) for job in jobs)
        log.info(f"images: making {copies} responsive copies of {len(jobs)} images")
        for job, reason in zip(jobs, _run(jobs, self.options.quality, workers), strict=True):
            if reason is None:
                continue
            log.warning(f"{job.src_uri}: the image is published as it is: {reason}")
            self.index.forget(job.source, reason)
            for copy in job.copies:
                for file in [f for f in self.files if f.abs_src_path == copy.path]:
                    self.files.remove(file)
            for page, new, old in self.uses.get(job.source, []):
                undo(page, new, old)
        self.index.save(self.folder)


def _make(job: Job, quality: int) -> str | None:
    return imaging.make(job.source, job.copies, quality)


def _run(jobs: list[Job], quality: int, workers: int) -> list[str | None]:
    """Each job's outcome, made in `workers` worker processes where there is more than one
    job and worker (`processes.Pool`: new processes, not forks, as `mkdocs serve` runs
    threads), a few jobs handed to each at a time. A job whose worker died (out of memory,
    killed) is made here."""
    count = min(len(jobs), workers)
    if count <= 1:
        return [_make(job, quality) for job in jobs]
    try:
        pool = Pool(count, None)
    except OSError:
        return [_make(job, quality) for job in jobs]
    outcomes: dict[int, str | None] = {}
    lost: list[int] = []
    try:
        waiting: dict[concurrent.futures.Future[str | None], int] = {}
        for i in range(len(jobs)):
            future = pool.submit(_make, jobs[i], quality)
            if future is None:
                lost.append(i)
                continue
            waiting[future] = i
            while len(waiting) >= 2 * count:
                done, _ = concurrent.futures.wait(waiting, return_when="FIRST_COMPLETED")
                _collect(done, waiting, outcomes, lost)
        _collect(waiting, waiting, outcomes, lost)
    finally:
        pool.close()
    if lost:
        log.info("images: a worker process died; making its copies in this process")
        for i in lost:
            outcomes[i] = _make(jobs[i], quality)
    return [outcomes[i] for i in range(len(jobs))]


def _collect(
    done: Iterable[concurrent.futures.Future[str | None]],
    waiting: dict[concurrent.futures.Future[str | None], int],
    outcomes: dict[int, str | None],
    lost: list[int],
) -> None:
    for future in list(done):
        i = waiting.pop(future)
        try:
            outcomes[i] = future.result()
        except WorkerDied:
            lost.append(i)
