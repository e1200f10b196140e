"""A Lumen repository's settings as written in its files, read without running them:
`content/config.json` (2022 on), `config.js`, or the early `gatsby-config.js`'s
`siteMetadata`, and whether `package.json` registered gatsby-plugin-offline."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from mkdocs_perceptual.migrate.jsobject import JsSyntaxError, read_exports

# Newest first: a repository moved to a newer starter may keep the older file beside it.
CONFIG_FILES = ("content/config.json", "config.js", "gatsby-config.js")


class InitError(Exception):
    """A problem that stops `init` before anything is written."""


@dataclasses.dataclass
class Lumen:
    """A Lumen repository's settings, as written in its files."""

    source: str
    settings: dict[str, object]  # a value only JavaScript would give is an Expression
    offline: bool = False
    package: str | None = None


def _read(path: Path, root: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InitError(f"{path.relative_to(root).as_posix()}: cannot be read ({e})") from e


def _json(path: Path, root: Path) -> object:
    try:
        return json.loads(_read(path, root))
    except json.JSONDecodeError as e:
        name = path.relative_to(root).as_posix()
        raise InitError(f"{name}, line {e.lineno}, column {e.colno}: {e.msg}") from e


def read_lumen(root: Path) -> Lumen:
    """Lumen's settings in `root`; InitError names the file (and line) that cannot be read."""
    found = next((name for name in CONFIG_FILES if (root / name).is_file()), None)
    if found is None:
        raise InitError(f"{root}: no Lumen settings found (looked for {', '.join(CONFIG_FILES)})")
    if found.endswith(".json"):
        settings = _json(root / found, root)
        if not isinstance(settings, dict):
            raise InitError(f"{found}: expected a JSON object {{...}}")
    else:
        try:
            reading = read_exports(_read(root / found, root))
        except JsSyntaxError as e:
            raise InitError(f"{found}, line {e.line}: {e.message}") from e
        settings = reading.value
        if found == "gatsby-config.js":  # 2016-2017: the settings are its siteMetadata
            meta = settings.get("siteMetadata")
            prefix = {"pathPrefix": settings["pathPrefix"]} if "pathPrefix" in settings else {}
            tracking = _tracking_id(settings.get("plugins"))
            settings = {**tracking, **(meta if isinstance(meta, dict) else {}), **prefix}
    lumen = Lumen(found, settings)
    if (root / "package.json").is_file():
        package = _json(root / "package.json", root)
        lumen.package = "package.json"
        lumen.offline = isinstance(package, dict) and any(
            isinstance(deps, dict) and "gatsby-plugin-offline" in deps
            for deps in (package.get("dependencies"), package.get("devDependencies"))
        )
    return lumen


def _tracking_id(plugins: object) -> dict[str, object]:
    """The 2016-2017 starter set Google Analytics in gatsby-config.js's plugins list."""
    for plugin in plugins if isinstance(plugins, list) else ():
        if not isinstance(plugin, dict):
            continue
        options = plugin.get("options")
        if (
            plugin.get("resolve") == "gatsby-plugin-google-analytics"
            and isinstance(options, dict)
            and "trackingId" in options
        ):
            return {"googleAnalyticsId": options["trackingId"]}
    return {}
