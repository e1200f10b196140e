"""What `init` reports after writing `mkdocs.yml`: where each Lumen setting went, and what
the plugin's own checks (its on_files, as a build runs it) find in the content."""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files

from mkdocs_perceptual.migrate.lumen_settings import Lumen
from mkdocs_perceptual.migrate.mapping import Plan
from mkdocs_perceptual.migrate.verdict import Verdict
from mkdocs_perceptual.plugin import PerceptualPlugin

# What a terminal would act on rather than show: controls (ESC starts its colours and cursor
# moves, a line break a forged line), line and paragraph separators, direction overrides,
# and half characters.
_UNSHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# The report's column of fields is never wider than this: a longer field overflows it.
_FIELD_WIDTH = 32


def shown(text: str) -> str:
    """`text` on one line for a terminal: each character it would act on as an escape."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSHOWN.sub(escape, text)


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


def _lines(text: str) -> list[str]:
    """A message of the plugin's, its lines each shown."""
    return ["  " + shown(line) for line in text.split("\n")]


def report(lumen: Lumen, planned: Plan, checked: Checked, verdict: Verdict | None = None) -> str:
    """The report: a line for each Lumen field, then what the checks found; every field and
    value shown for a terminal, so that none can make a line of its own or colour one."""
    rows = [(shown(field), shown(where)) for field, where in planned.rows]
    width = min(max((len(field) for field, _ in rows), default=0), _FIELD_WIDTH)
    out = [f"Where the settings of {lumen.source} went:"]
    for field, where in rows:
        out.append(f"  {field:<{width}}  {where}")
    if not lumen.offline:
        out.append("  (gatsby-plugin-offline is not in package.json: no sw.js is needed)")
    out.append("")
    out.append(
        f"Content: posts {checked.posts}, drafts {checked.drafts}, pages {checked.pages}, "
        f"categories {checked.categories}, tags {checked.tags}"
    )
    if checked.problems:
        out.append("This would stop `mkdocs build`:")
        out += [line for problem in checked.problems for line in _lines(problem)]
    if checked.notes:
        out.append(
            "What the plugin says about the content (WARNING fails `mkdocs build --strict`):"
        )
        out += [line for note in checked.notes for line in _lines(note)]
    out += _verdict(verdict)
    return "\n".join(out)


def _verdict(verdict: Verdict | None) -> list[str]:
    """What the real `mkdocs build --strict` said: a pass only where it passed."""
    if verdict is None:
        return ["Not built (--no-build): run `mkdocs build --strict` to see what it says."]
    if verdict.stopped is not None:
        return ["`mkdocs build --strict` stopped:", *_lines(verdict.stopped)]
    if verdict.passed:
        return ["`mkdocs build --strict` passed (the site was built into a temporary folder)."]
    count = sum(len(messages) for messages in verdict.groups.values())
    out = [f"`mkdocs build --strict` fails: {count} warning{'s' * (count != 1)}, by kind:"]
    for kind, messages in verdict.groups.items():
        out.append(f"  {kind} ({len(messages)}): {shown(verdict.advice[kind])}")
        out += ["  " + line for message in messages for line in _lines(message)]
    return out
