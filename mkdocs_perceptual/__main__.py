"""`mkdocs-perceptual` and `python -m mkdocs_perceptual`: the plugin's command line."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs_perceptual.migrate import init


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mkdocs-perceptual", description="Tools for publishing a Gatsby Lumen blog."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = commands.add_parser(
        "init",
        help="write mkdocs.yml for a Gatsby Lumen repository",
        description="Write mkdocs.yml from Lumen's config.js (or content/config.json) and "
        "package.json, then report where each setting went and what a `mkdocs build --strict` "
        "of the new site into a temporary folder says.",
    )
    command.add_argument(
        "path", nargs="?", default=".", metavar="PATH", help="the repository (default: here)"
    )
    command.add_argument("--force", action="store_true", help="replace an existing mkdocs.yml")
    command.add_argument(
        "--no-build", action="store_true", help="skip the trial `mkdocs build --strict`"
    )
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a terminal that cannot show a character
            stream.reconfigure(errors="backslashreplace")
    return init.run(Path(args.path), force=args.force, build=not args.no_build)


if __name__ == "__main__":
    sys.exit(main())
