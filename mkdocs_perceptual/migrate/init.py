"""`mkdocs-perceptual init`: the `mkdocs.yml` for a Gatsby Lumen repository, made from its
`config.js` (or `content/config.json`, or an early `gatsby-config.js`) and `package.json`, and
a report of where each setting went and what the plugin's own checks find in the content."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from mkdocs_perceptual.migrate.lumen_settings import InitError, read_lumen
from mkdocs_perceptual.migrate.mapping import plan, to_yaml
from mkdocs_perceptual.migrate.report import check, report


def run(root: Path, *, force: bool = False, out: TextIO | None = None) -> int:
    """Write root/mkdocs.yml and print the report; 0 when written, 1 when not."""
    out = out or sys.stdout
    target = root / "mkdocs.yml"
    if target.exists() and not force:
        print(f"{target}: exists already; nothing written (--force replaces it)", file=sys.stderr)
        return 1
    try:
        lumen = read_lumen(root)
    except InitError as e:
        print(f"mkdocs-perceptual init: {e}; nothing written", file=sys.stderr)
        return 1
    folder = root.resolve().name or "My blog"
    planned = plan(lumen, folder=folder, static_dir=(root / "static").is_dir())
    written = to_yaml(planned.settings, lumen)
    target.write_text(written, encoding="utf-8")
    print(f"Wrote {target}:\n\n{written}", file=out)
    print(report(lumen, planned, check(target)), file=out)
    return 0
