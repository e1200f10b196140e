"""What `init` reports after writing `mkdocs.yml`: where each Lumen setting went, and what
the plugin's own checks (its on_files, as a build runs it) find in the content."""

from __future__ import annotations

import dataclasses
import logging
import textwrap
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files

from mkdocs_perceptual.migrate.lumen_settings import Lumen
from mkdocs_perceptual.migrate.mapping import Plan
from mkdocs_perceptual.plugin import PerceptualPlugin


@dataclasses.dataclass
class Checked:
    """What the plugin's own checks found in the content, without building."""

    posts: int = 0
    drafts: int = 0
    pages: int = 0
    categories: int = 0
    tags: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)  # they stop the build
    notes: list[str] = dataclasses.field(default_factory=list)  # the plugin's log lines


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().removeprefix("mkdocs_perceptual: ")
        self.lines.append(f"{record.levelname}: {message}")


def check(config_file: Path) -> Checked:
    """Run `mkdocs build`'s steps up to and including the plugins' on_files, where this
    plugin reads, places and checks every post (posts.collect, posts.place, listings.plan,
    outputs.Outputs.collisions), so the report cannot drift from what a build finds."""
    checked, lines = Checked(), _Lines()
    # The plugin's loggers are children of this one (mkdocs.plugins.mkdocs_perceptual.lumen.posts,
    # ...); held here, their lines go into the report instead of onto stderr.
    logger = logging.getLogger("mkdocs.plugins.mkdocs_perceptual")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(lines)
    try:
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_files(get_files(config), config=config)
        except MkDocsException as e:
            checked.problems.append(str(e))
        finally:
            config.plugins.on_shutdown()
        plugin = config.plugins["perceptual"]
        if isinstance(plugin, PerceptualPlugin) and (build := plugin.build) is not None:
            checked.posts = len(build.published())
            checked.drafts = sum(post.draft for post in build.posts.values())
            checked.pages = sum(not p.is_post and not p.draft for p in build.posts.values())
            checked.categories, checked.tags = len(build.plan.categories), len(build.plan.tags)
    except (MkDocsException, OSError) as e:
        checked.problems.append(f"{config_file.name}: {e}")
    except Exception as e:
        # mkdocs.yml is written by now: a report that says why it stopped beats a traceback.
        checked.problems.append(f"the checks stopped: {type(e).__name__}: {e}")
    finally:
        logger.removeHandler(lines)
        logger.setLevel(level)
        logger.propagate = propagate
    checked.notes = lines.lines
    return checked


def report(lumen: Lumen, planned: Plan, checked: Checked) -> str:
    width = max((len(field) for field, _ in planned.rows), default=0)
    out = [f"Where the settings of {lumen.source} went:"]
    for field, where in planned.rows:
        line = f"  {field:<{width}}  {where}"
        out += textwrap.wrap(line, 100, subsequent_indent=" " * (width + 4), break_on_hyphens=False)
    if not lumen.offline:
        out.append("  (gatsby-plugin-offline is not in package.json: no sw.js is needed)")
    out.append("")
    out.append(
        f"Content: posts {checked.posts}, drafts {checked.drafts}, pages {checked.pages}, "
        f"categories {checked.categories}, tags {checked.tags}"
    )
    if checked.problems:
        out.append("This would stop `mkdocs build`:")
        out += ["  " + line.replace("\n", "\n  ") for line in checked.problems]
    if checked.notes:
        out.append(
            "What the plugin says about the content (WARNING fails `mkdocs build --strict`):"
        )
        out += ["  " + line.replace("\n", "\n  ") for line in checked.notes]
    if not checked.problems and not checked.notes:
        out.append("No problems: `mkdocs build --strict` should pass.")
    return "\n".join(out)
