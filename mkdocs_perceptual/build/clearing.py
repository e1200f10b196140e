"""The previous site removed beside the build (`Clearing`).

A clean build first empties the site folder (MkDocs' `utils.clean_directory`), on one core
before anything else: at 1,000 posts some 3,000 files, 0.15 s. On POSIX, when the build
starts, the folder's entries are moved into one hidden folder inside it, which MkDocs'
emptying passes over as it passes over every hidden entry, and `rm -rf` removes that folder
in a process of its own while the build reads and writes; the build's end waits for it.

MkDocs' emptying is kept as it was: hidden entries stay, and an entry that cannot be moved
(a mount point) is left where it was for MkDocs to remove. Nothing outside the site folder
is touched: the site folder must be a folder (not a link to one), and `rm` removes a link,
never what it points to. A build killed before the removal ends leaves the hidden folder;
the next clean build removes it with the rest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from mkdocs.plugins import get_plugin_logger

from mkdocs_perceptual.site import outputs

log = get_plugin_logger(__name__)

# The hidden folder's name begins so; an earlier build's is removed with the rest.
PREFIX = ".perceptual-old-"


def prepare_site(site_dir: str, *, dirty: bool) -> Clearing | None:
    """Before MkDocs empties the site folder (or, with `--dirty`, writes into what is there):
    a clean build's previous site starts going; a dirty build's symbolic links go first."""
    if not dirty:
        return Clearing.start(site_dir)
    for link in outputs.remove_links(site_dir):
        log.info(f"site_dir: removed the symbolic link {link} before writing")
    return None


class Clearing:
    """The removal of `folder` (inside the site folder) by `process`."""

    def __init__(self, folder: str, process: subprocess.Popen[bytes] | None) -> None:
        self.folder = folder
        self.process = process

    @classmethod
    def start(cls, site_dir: str) -> Clearing | None:
        """Move `site_dir`'s entries aside and start removing them; None where there is
        nothing to move or this cannot be done here (MkDocs then empties the folder)."""
        rm = shutil.which("rm") if os.name == "posix" else None
        site = os.path.abspath(site_dir)
        if rm is None or os.path.islink(site) or not os.path.isdir(site):
            return None
        try:
            names = [n for n in os.listdir(site) if not n.startswith(".") or n.startswith(PREFIX)]
            if not names:
                return None
            folder = tempfile.mkdtemp(prefix=PREFIX, dir=site)
        except OSError:
            return None
        for name in names:
            try:
                os.rename(os.path.join(site, name), os.path.join(folder, name))
            except OSError:
                continue  # left for MkDocs, which removes it as it would have
        try:
            # A session of its own: Ctrl-C stops the build, not the removal.
            process: subprocess.Popen[bytes] | None = subprocess.Popen(
                [rm, "-rf", "--", folder],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            process = None  # removed when the build ends
        return cls(folder, process)

    def finish(self) -> None:
        """Wait for the removal; what `rm` could not remove, removed here, else said."""
        if self.process is not None:
            self.process.wait()
        if os.path.lexists(self.folder):
            shutil.rmtree(self.folder, ignore_errors=True)
        if os.path.lexists(self.folder):
            log.warning(
                f"site_dir: could not remove {os.path.basename(self.folder)}, which holds "
                "what an earlier build wrote; remove it by hand"
            )
