"""`init`'s verdict: a real `mkdocs build --strict` of the new site into a temporary folder,
its warnings grouped by kind, each with what to do. The report claims a pass only when this
build passed."""

from __future__ import annotations

import dataclasses
import logging
import re
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

# Kinds of warning, how a message is known as one, and what to do about it.
KINDS = (
    (
        "links and images to nothing",
        re.compile(r"points at nothing in the site|does not exist|not found among", re.I),
        "an image Lumen found where this plugin does not, a link to an old custom URL (see "
        "post_url_format), or a file missing from the repository: add the file or fix the link",
    ),
    (
        "images published as they are",
        re.compile(r"the image .* is published as it is|image is published as it is", re.I),
        "the file is not an image Pillow can read: replace it, or leave it as it is",
    ),
    (
        "formulas",
        re.compile(r"formula|math", re.I),
        "LaTeX that does not convert: fix the formula (the page shows its source)",
    ),
    (
        "links to drafts",
        re.compile(r"not published", re.I),
        "a link to a draft is shown as text: publish the draft or remove the link",
    ),
)


@dataclasses.dataclass
class Verdict:
    built: bool  # the build ran to its end
    passed: bool  # ... with no warning: `mkdocs build --strict` passes
    groups: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    advice: dict[str, str] = dataclasses.field(default_factory=dict)
    stopped: str | None = None  # why the build stopped, if it did


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().removeprefix("mkdocs_perceptual: "))


def strict_build(config_file: Path) -> Verdict:
    """Build the site as `mkdocs build --strict` does, into a temporary folder; never
    raises."""
    handler = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    # New plugin instances, as the command has.
    option = dict(MkDocsConfig._schema)["plugins"]
    saved, option.plugin_cache = option.plugin_cache, {}  # type: ignore[attr-defined]
    verdict = Verdict(built=False, passed=False)
    try:
        with tempfile.TemporaryDirectory(prefix="perceptual-init-") as site:
            config = load_config(str(config_file), site_dir=site, strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
                verdict.built = verdict.passed = True
            except Abort:
                verdict.built = True  # strict mode's end: the warnings are below
            finally:
                config.plugins.on_shutdown()
    except (MkDocsException, OSError) as e:
        verdict.stopped = str(e)
    except Exception as e:  # the report says why it stopped rather than a traceback
        verdict.stopped = f"{type(e).__name__}: {e}"
    finally:
        option.plugin_cache = saved  # type: ignore[attr-defined]
        logger.removeHandler(handler)
    warnings = [m for m in handler.messages if not m.startswith("Aborted")]
    verdict.passed = verdict.passed and not warnings
    for message in warnings:
        kind, advice = next(
            ((name, advice) for name, pattern, advice in KINDS if pattern.search(message)),
            ("other warnings", "see the message"),
        )
        verdict.groups.setdefault(kind, []).append(message)
        verdict.advice[kind] = advice
    return verdict
