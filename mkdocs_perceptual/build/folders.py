"""The pages' folders made ahead, beside the build.

MkDocs makes each page's folder as it writes the page (`os.makedirs` in `utils.write_file`):
at 1,000 posts, some 1,500 folders made one by one between the templates. In a clean build,
when the pages are rendered (`on_env`), a thread makes them all while this process renders the
templates: a system call gives up Python's lock, so the two overlap, and MkDocs then finds each
folder there. The folders are the ones MkDocs would make, inside the site folder (where an
earlier step removed every symbolic link), and the build's end takes away any left empty (a
page whose output came out empty is not written): the site holds the same files and folders.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable


class Folders:
    """Makes `paths`' parent folders in a thread, from `start` until `finish`."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.folders = sorted({os.path.dirname(path) for path in paths})
        self.made: list[str] = []
        self._thread = threading.Thread(target=self._make, name="perceptual-folders", daemon=True)

    def start(self) -> Folders:
        self._thread.start()
        return self

    def _make(self) -> None:
        for folder in self.folders:
            missing = []
            while folder and not os.path.isdir(folder):
                missing.append(folder)
                parent = os.path.dirname(folder)
                if parent == folder:
                    break
                folder = parent
            for path in reversed(missing):
                try:
                    os.mkdir(path)
                except OSError:
                    # MkDocs made it meanwhile, or cannot: it says why when it writes the page.
                    break
                self.made.append(path)

    def finish(self) -> None:
        """Wait for the thread, then remove the folders it made that are still empty,
        deepest first."""
        self._thread.join()
        for folder in reversed(self.made):
            try:
                os.rmdir(folder)  # only an empty folder goes
            except OSError:
                continue
