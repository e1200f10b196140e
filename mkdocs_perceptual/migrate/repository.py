"""The files `init` touches in the repository, safely: the content folder its checks walk
(MkDocs follows links there) must stay in the repository; `mkdocs.yml` and `.gitignore` are
written all or none, each to a new file beside it that then takes its name, so nothing is ever
written through a symbolic link or outside the repository folder."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from mkdocs_perceptual.migrate.lumen_settings import InitError, inside

# What a build and its cache leave in the repository.
IGNORED = ("site/", ".cache/")


def check_tree(root: Path, name: str) -> None:
    """InitError when a link in root/name (or root/name itself) leads out of the repository,
    or to a folder walked another way too (a loop): MkDocs' get_files follows links."""
    top = root / name
    if not os.path.isdir(top):
        return
    if not inside(top, root):
        raise InitError(f"{name}: links outside the repository")
    seen = {os.path.realpath(top): name}
    folders = [(str(top), name)]
    while folders:
        folder, shown = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue  # MkDocs leaves out a folder it cannot list, too
        for entry in entries:
            path = f"{shown}/{entry.name}"
            link = entry.is_symlink()
            if link and not inside(Path(entry.path), root):
                raise InitError(f"{path}: links outside the repository")
            try:
                is_folder = entry.is_dir()
            except OSError:
                continue
            if not is_folder:
                continue
            real = os.path.realpath(entry.path)
            if real in seen:  # through a link: a loop, or a copy of a folder
                linked, other = (path, seen[real]) if link else (seen[real], path)
                raise InitError(f"{linked}: links to {other}, a folder walked already")
            seen[real] = path
            folders.append((entry.path, path))


def current(root: Path, name: str) -> tuple[bytes | None, int | None]:
    """root/name's bytes and permissions, (None, None) when absent; InitError when it is a
    symbolic link or no regular file, which `init` never writes."""
    path = root / name
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None, None
    except OSError as e:
        raise InitError(f"{path}: cannot be read ({e.strerror})") from e
    if stat.S_ISLNK(found.st_mode):
        raise InitError(f"{path}: is a symbolic link")
    if stat.S_ISDIR(found.st_mode):
        raise InitError(f"{path}: is a folder")
    if not stat.S_ISREG(found.st_mode):
        raise InitError(f"{path}: is not a regular file")
    try:
        return path.read_bytes(), stat.S_IMODE(found.st_mode)
    except OSError as e:
        raise InitError(f"{path}: cannot be read ({e.strerror})") from e


def _ignored(line: str) -> str:
    line = line.strip().lstrip("/")
    for ending in ("/**", "/*", "/"):
        line = line.removesuffix(ending)
    return line


# A file to write: its new bytes, its old bytes and permissions (None, None when it is new).
Change = tuple[bytes, bytes | None, int | None]


def gitignore(root: Path) -> tuple[Change | None, str]:
    """root/.gitignore with the lines of `IGNORED` it lacks (None when it lacks none, or
    cannot be changed safely: a link, say), and a line saying what was done, for the report."""
    try:
        data, mode = current(root, ".gitignore")
    except InitError as e:
        return None, f"{e}: left as it is; add {' and '.join(IGNORED)} to it by hand"
    if data is None:
        return ("".join(f"{line}\n" for line in IGNORED).encode(), None, None), (
            f"Wrote .gitignore: {' '.join(IGNORED)}"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, f".gitignore is no UTF-8 text: left as it is; add {' and '.join(IGNORED)}"
    present = {_ignored(line) for line in text.splitlines()}
    missing = [line for line in IGNORED if _ignored(line) not in present]
    if not missing:
        return None, f".gitignore has {' and '.join(IGNORED)} already"
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    added = newline.join(line.encode() for line in missing) + newline
    if data and not data.endswith(b"\n"):
        added = newline + added
    return (data + added, data, mode), f"Added to .gitignore: {' '.join(missing)}"


def write_all(root: Path, files: dict[str, Change]) -> None:
    """Write each file (name: its new bytes, its old bytes and permissions, None when new)
    in root, or none: InitError when one cannot be written, with the others put back."""
    made: dict[str, str] = {}
    done: list[str] = []
    name = ""
    try:
        for name, (data, _, mode) in files.items():
            made[name] = _new_file(root, name, data, mode)
        for name, temporary in made.items():
            os.replace(temporary, root / name)  # replaces a link itself, never its target
            done.append(name)
    except OSError as e:
        _put_back(root, files, made, done)
        raise InitError(f"{root / name}: cannot be written ({e.strerror or e})") from e


def _put_back(
    root: Path,
    files: dict[str, Change],
    made: dict[str, str],
    done: list[str],
) -> None:
    """Undo what write_all did before it failed, as far as the system lets it."""
    try:
        for name, temporary in made.items():
            if name not in done:
                os.unlink(temporary)
        for name in done:
            _, old, mode = files[name]
            if old is None:
                os.unlink(root / name)
            else:
                os.replace(_new_file(root, name, old, mode), root / name)
    except OSError:
        pass  # the folder failed us twice: what is left is what the error names


def _new_file(root: Path, name: str, data: bytes, mode: int | None) -> str:
    """A new file beside root/name holding `data`; O_EXCL: never an existing file or link."""
    path = os.path.join(root, f".{name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o666)  # less the umask, as a new file gets
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        if mode is not None:
            os.chmod(path, mode)
    except OSError:
        os.unlink(path)
        raise
    return path
