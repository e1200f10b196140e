"""`mkdocs-perceptual init`: the `mkdocs.yml` for a Gatsby Lumen repository, made from its
`config.js` (or `content/config.json`, or an early `gatsby-config.js`) and `package.json`, and
a report of where each setting went and what the plugin's own checks find in the content.
`site/` and `.cache/` go into `.gitignore`. All is written, or nothing (exit code 1)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

import yaml

from mkdocs_perceptual.migrate import url_code
from mkdocs_perceptual.migrate.lumen_settings import InitError, read_lumen
from mkdocs_perceptual.migrate.mapping import Plan, plan, to_yaml
from mkdocs_perceptual.migrate.report import check, report, shown
from mkdocs_perceptual.migrate.repository import Change, check_tree, current, gitignore, write_all
from mkdocs_perceptual.migrate.verdict import strict_build


def _folder(root: Path) -> str:
    """The repository folder's name, as text (a name that is no UTF-8 keeps what it can)."""
    name = root.resolve().name or "My blog"
    return os.fsencode(name).decode("utf-8", "replace")


def own_urls(root: Path, planned: Plan) -> None:
    """A blog's own URL code: its post_url_format where it is recognised, and a warning row
    naming the file and the posts it placed either way."""
    codes = url_code.find(root)
    if not codes:
        return
    posts = url_code.unslugged_posts(root)
    named = ", ".join(posts[:5]) + (f" and {len(posts) - 5} more" if len(posts) > 5 else "")
    affected = f"{len(posts)} posts without a slug ({named})" if posts else "no post yet"
    options = planned.settings["plugins"][1]["perceptual"]  # type: ignore[index]
    for code in codes:
        where = f"{code.file}, line {code.line}"
        if code.url_format is not None and "post_url_format" not in options:
            options["post_url_format"] = code.url_format
            what = f"perceptual: post_url_format: {code.url_format} publishes them there"
        else:
            what = (
                "post_url_format cannot say it: set post_url_format by hand, or give those "
                "posts a slug, or their URLs and feed guids change"
            )
        planned.rows.append(
            (where, f"WARNING: builds its own URLs ({code.code}) for {affected}; {what}")
        )


def run(root: Path, *, force: bool = False, out: TextIO | None = None, build: bool = True) -> int:
    """Write root/mkdocs.yml (and root/.gitignore's lines) and print the report; 0 when
    written, 1 when not."""
    out = out or sys.stdout
    target = root / "mkdocs.yml"
    try:
        old, mode = current(root, "mkdocs.yml")
        if old is not None and not force:
            message = f"{target}: exists already; nothing written (--force replaces it)"
            print(shown(message), file=sys.stderr)
            return 1
        # MkDocs walks docs_dir following its links: the checks below must not leave the repo.
        check_tree(root, "content")
        lumen = read_lumen(root)
        planned = plan(lumen, folder=_folder(root), static_dir=(root / "static").is_dir())
        own_urls(root, planned)
        written = to_yaml(planned.settings, lumen)
        if yaml.safe_load(written) != planned.settings:
            raise InitError(f"{target}: the settings would not read back as they are")
        files: dict[str, Change] = {"mkdocs.yml": (written.encode("utf-8"), old, mode)}
        ignored, note = gitignore(root)
        if ignored is not None:
            files[".gitignore"] = ignored
        write_all(root, files)
    except InitError as e:
        print(shown(f"mkdocs-perceptual init: {e}; nothing written"), file=sys.stderr)
        return 1
    shown_yaml = "\n".join(shown(line) for line in written.split("\n"))
    print(f"Wrote {shown(str(target))}:\n\n{shown_yaml}", file=out)
    verdict = strict_build(target) if build else None
    print(report(lumen, planned, check(target), verdict), file=out)
    print(shown(note), file=out)
    return 0
