"""A Lumen repository's settings as written in its files, read without running them:
`content/config.json` (2022 on), `config.js`, or the early `gatsby-config.js`'s
`siteMetadata`, and whether `package.json` registered gatsby-plugin-offline. Each file is
read only when it is a file of the repository; its settings only when every text in them is
Unicode text, every number a finite one, and they nest at most `MAX_DEPTH` deep."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
from pathlib import Path

from mkdocs_perceptual.migrate.jsobject import MAX_DEPTH, JsSyntaxError, read_exports

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


# A JSON string (to its closing quote or its line's end: never read twice), or a bracket.
_JSON_NESTING = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[\[\]{}]')
_SURROGATE = re.compile("[\ud800-\udfff]")


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, its links followed, is in the folder `root` (its links followed)."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _read(path: Path, root: Path) -> str:
    name = path.relative_to(root).as_posix()
    if not inside(path, root):
        raise InitError(f"{name}: links outside the repository")
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InitError(f"{name}: cannot be read ({e})") from e


def _json_number(text: str) -> float | int:
    # Past 300 digits Python's int() refuses to read (and JavaScript holds a float anyway).
    return int(text) if len(text) <= 300 else float(text)


def _json(path: Path, root: Path) -> object:
    text, name = _read(path, root), path.relative_to(root).as_posix()
    depth = 0
    for match in _JSON_NESTING.finditer(text):
        bracket = match.group()
        depth += (bracket in ("[", "{")) - (bracket in ("]", "}"))
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise InitError(f"{name}, line {line}: nested more than {MAX_DEPTH} deep")
    try:
        return json.loads(text, parse_int=_json_number, parse_constant=float)
    except json.JSONDecodeError as e:
        raise InitError(f"{name}, line {e.lineno}, column {e.colno}: {e.msg}") from e


def _check_values(value: object, path: str, source: str) -> None:
    """InitError naming the field of a text that is no Unicode text (a lone surrogate, such
    as JSON's "\\ud800": no file can hold it) or of a number beyond any (1e999, NaN)."""
    where = path or "the settings"
    if isinstance(value, str) and (half := _SURROGATE.search(value)):
        code = f"\\u{ord(half.group()):04x}"
        raise InitError(f"{source}: {where}: half a character ({code}), no Unicode text")
    if isinstance(value, float) and not math.isfinite(value):
        written = "NaN" if math.isnan(value) else f"{'-' * (value < 0)}Infinity"
        raise InitError(f"{source}: {where}: {written}, no number a setting can hold")
    if isinstance(value, dict):
        for key, item in value.items():
            field = f"{path}.{key}" if path else str(key)
            _check_values(key, field, source)
            _check_values(item, field, source)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_values(item, f"{path}[{i}]", source)


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
    _check_values(settings, "", found)
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
