"""A Markdown extension for the render pool's tests: in a worker process (never in the
build's own), a post holding DIE-IN-WORKER kills the process, as an out-of-memory kill would;
in any process, a post holding RAISE-HERE makes the rendering raise; in a worker, a post holding
SLOW-IN-WORKER takes a minute, and one holding PRINT-IN-WORKER prints a line to its standard
output."""

from __future__ import annotations

import os
import time

from markdown import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_perceptual.build.worker import in_worker


class _Die(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if in_worker() and "DIE-IN-WORKER" in "\n".join(lines):
            os._exit(137)
        if in_worker() and "SLOW-IN-WORKER" in "\n".join(lines):
            time.sleep(60)
        if in_worker() and "PRINT-IN-WORKER" in "\n".join(lines):
            print("a line an extension prints, in a worker")  # not into the pool's replies
        if "RAISE-HERE" in "\n".join(lines):
            raise ValueError("this post breaks the extension")
        return lines


class DyingExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_Die(md), "die-in-worker", 100)


def makeExtension(**kwargs) -> DyingExtension:
    return DyingExtension(**kwargs)
