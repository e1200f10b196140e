"""`mkdocs-perceptual init`: the `mkdocs.yml` for a Gatsby Lumen repository, made from its
`config.js` (or `content/config.json`, or an early `gatsby-config.js`) and `package.json`, and
a report of where each setting went and what the plugin's own checks find in the content."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import sys
import textwrap
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files

from mkdocs_perceptual.migrate.jsobject import Expression, JsSyntaxError, read_exports
from mkdocs_perceptual.plugin import PerceptualPlugin

# Newest first: a repository moved to a newer starter may keep the older file beside it.
CONFIG_FILES = ("content/config.json", "config.js", "gatsby-config.js")
# Lumen's default, so every /page/N keeps the posts it held.
LUMEN_PER_PAGE = 4
# The services Lumen's sidebar linked: Material's icon, and the link Lumen made of a handle
# (the same links as the author option's, author.py).
SERVICES = {
    "twitter": ("fontawesome/brands/twitter", "https://www.twitter.com/{}"),
    "github": ("fontawesome/brands/github", "https://github.com/{}"),
    "email": ("fontawesome/solid/envelope", "mailto:{}"),
    "telegram": ("fontawesome/brands/telegram", "https://telegram.me/{}"),
    "linkedin": ("fontawesome/brands/linkedin", "https://www.linkedin.com/in/{}"),
    "instagram": ("fontawesome/brands/instagram", "https://www.instagram.com/{}"),
    "facebook": ("fontawesome/brands/facebook", "https://www.facebook.com/{}"),
    "vkontakte": ("fontawesome/brands/vk", "https://vk.com/{}"),
    "rss": ("fontawesome/solid/rss", "{}"),
    "codepen": ("fontawesome/brands/codepen", "https://www.codepen.io/{}"),
    "youtube": ("fontawesome/brands/youtube", "https://www.youtube.com/channel/{}"),
    "soundcloud": ("fontawesome/brands/soundcloud", "https://soundcloud.com/{}"),
    "medium": ("fontawesome/brands/medium", "https://medium.com/{}"),
    "gitlab": ("fontawesome/brands/gitlab", "https://www.gitlab.com/{}"),
    "weibo": ("fontawesome/brands/weibo", "https://www.weibo.com/{}"),
    "line": ("fontawesome/brands/line", "line://ti/p/{}"),
}
PALETTE = [
    {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark mode"}},
    {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light mode"}},
]
COMMENTS = (
    "not carried over: MkDocs has no comments; Material's guide 'Adding a comment system' "
    "puts giscus in a theme override (comments.html), where Disqus's embed code fits too"
)


class InitError(Exception):
    """A problem that stops `init` before anything is written."""


@dataclasses.dataclass
class Lumen:
    """A Lumen repository's settings, as written in its files."""

    source: str
    settings: dict[str, object]  # a value only JavaScript would give is an Expression
    offline: bool = False
    package: str | None = None


@dataclasses.dataclass
class Plan:
    """The mkdocs.yml settings, and a line for each Lumen field saying where it went."""

    settings: dict[str, object]
    rows: list[tuple[str, str]]


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


def _unread(value: object) -> str:
    if isinstance(value, Expression):
        written = " ".join(value.text.split())
        written = written if len(written) < 60 else written[:57] + "..."
        return f"not read: `{written}` (line {value.line}) is JavaScript, not a value"
    return f"not read: expected text, got {json.dumps(value, default=str)}"


def site_url(url: str, prefix: str | None) -> str:
    """Lumen's url with its pathPrefix as the sub-path, unless the url has it already."""
    base, sub = url.rstrip("/"), (prefix or "").strip("/")
    if sub and not urlsplit(base).path.rstrip("/").endswith("/" + sub):
        base += "/" + sub
    return base + "/"


def contact_link(service: str, handle: str) -> str | None:
    """The link Lumen's sidebar made of a contact: a handle on the service, or a URL as
    written; None for a link no reader should follow, such as `javascript:`."""
    handle = handle.strip()
    if service in SERVICES and not re.match(r"https?://|mailto:", handle, re.IGNORECASE):
        handle = SERVICES[service][1].format(handle)
    return handle if re.match(r"https?://|mailto:|line://|\.{0,2}/", handle, re.I) else None


def plan(lumen: Lumen, *, folder: str, static_dir: bool) -> Plan:
    """mkdocs.yml's settings from Lumen's; pure."""
    given, rows = dict(lumen.settings), []
    top: dict[str, object] = {}
    options: dict[str, object] = {}
    extra: dict[str, object] = {}

    def text(field: str, otherwise: str = "nothing to carry over") -> str | None:
        present, value = field in given, given.pop(field, None)
        if isinstance(value, str) and value.strip():
            return value
        if value not in (None, ""):
            rows.append((field, f"{_unread(value)}; {otherwise}"))
        elif present or otherwise != "nothing to carry over":
            rows.append((field, f"{'empty' if present else 'missing'}: {otherwise}"))
        return None

    title = text("title", f"site_name is {folder!r}")
    top["site_name"] = title or folder
    if title:
        rows.append(("title", "site_name"))
    url = text("url", "set site_url by hand; without it there is no feed")
    prefix = text("pathPrefix")
    if url:
        top["site_url"] = site_url(url, prefix)
        rows.append(("url", f"site_url: {top['site_url']}"))
    if prefix:
        used = "site_url's path" if url else "not used: no url"
        rows.append(("pathPrefix", used if prefix.strip("/") else "nothing to do: at the root"))
    for field, key, note in (("subtitle", "site_description", " (the feed's description)"),
                             ("copyright", "copyright", "")):  # fmt: skip
        if (value := text(field)) is not None:
            top[key] = value
            rows.append((field, key + note))
    top["docs_dir"] = "content"
    top["theme"] = {"name": "material", "palette": PALETTE}
    if static_dir:
        options["static_dir"] = "static"
    per_page = given.pop("postsPerPage", None)
    if isinstance(per_page, (int, float)) and not isinstance(per_page, bool) and per_page >= 1:
        options["posts_per_page"] = int(per_page)
        rows.append(("postsPerPage", "perceptual: posts_per_page"))
    else:
        options["posts_per_page"] = LUMEN_PER_PAGE
        why = "missing" if per_page is None else _unread(per_page)
        rows.append(("postsPerPage", f"{why}: posts_per_page is {LUMEN_PER_PAGE}, Lumen's own"))
    _author(given.pop("author", None), options, extra, rows)
    _menu(given.pop("menu", None), options, rows)
    if lumen.offline:
        options["unregister_service_worker"] = True
        rows.append(("gatsby-plugin-offline", "perceptual: unregister_service_worker: true"))
    if (analytics := text("googleAnalyticsId")) is not None:
        extra["analytics"] = {"provider": "google", "property": analytics}
        old = " (a Universal Analytics id: Google stopped it in 2023; use a G- id)"
        rows.append(("googleAnalyticsId", "extra.analytics" + old * analytics.startswith("UA-")))
    if text("disqusShortname") is not None:
        rows.append(("disqusShortname", COMMENTS))
    if "useKatex" in given:
        given.pop("useKatex")
        rows.append(("useKatex", "not needed: math is rendered when the site is built"))
    rows += [(field, "no MkDocs counterpart; not used") for field in given]
    # Gatsby read them in the building machine's zone; the plugin, the same on every machine.
    rows.append(("(dates)", "without a time zone, read as UTC: set perceptual's timezone"))
    top["plugins"] = ["search", {"perceptual": options}]
    if extra:
        top["extra"] = extra
    return Plan(top, rows)


def _author(
    author: object,
    options: dict[str, object],
    extra: dict[str, object],
    rows: list[tuple[str, str]],
) -> None:
    if author is None:
        return
    if not isinstance(author, dict):
        rows.append(("author", _unread(author)))
        return
    kept: dict[str, object] = {}
    for field in ("name", "photo", "bio"):
        value = author.get(field)
        if isinstance(value, str) and value:
            kept[field] = value
        elif value not in (None, ""):
            rows.append((f"author.{field}", _unread(value)))
    contacts = author.get("contacts")
    # The 2017 starter wrote the contacts beside the name.
    written = dict(contacts) if isinstance(contacts, dict) else {}
    beside = {k: v for k, v in author.items() if (k in SERVICES or k == "vk") and k not in written}
    written |= beside
    if "vk" in written and "vkontakte" not in written:  # the 2017 starter's name for it
        written["vkontakte"] = written.pop("vk")
    known = {"name", "photo", "bio", "contacts", "vk", *SERVICES}
    rows += [(f"author.{k}", "no counterpart; not used") for k in author if k not in known]
    links, handles = [], {}
    for service, handle in written.items():
        if not isinstance(handle, str):
            rows.append((f"author.contacts.{service}", _unread(handle)))
        elif handle.strip() in ("", "#"):
            rows.append((f"author.contacts.{service}", f"left out: {handle!r}, a placeholder"))
        else:
            handles[service] = handle
            if service in SERVICES and (link := contact_link(service, handle)):
                links.append({"icon": SERVICES[service][0], "link": link, "name": service})
            elif service in SERVICES:
                rows.append((f"author.contacts.{service}", "not in extra.social: no safe link"))
    if handles:
        kept["contacts"] = handles
    if kept:
        options["author"] = kept
        rows.append(("author", f"perceptual: author ({', '.join(kept)})"))
    if links:
        extra["social"] = links
        rows.append(("author.contacts", f"also extra.social ({len(links)})"))


def _menu(menu: object, options: dict[str, object], rows: list[tuple[str, str]]) -> None:
    if menu is None:
        return
    if not isinstance(menu, list):
        rows.append(("menu", _unread(menu)))
        return
    items = []
    for i, item in enumerate(menu):
        fields = item if isinstance(item, dict) else {}
        label, path = fields.get("label"), fields.get("path")
        if isinstance(label, str) and isinstance(path, str):
            items.append({"label": label, "path": path})
        else:
            bad = path if isinstance(label, str) else label if fields else item
            rows.append((f"menu[{i}]", _unread(bad)))
    options["menu"] = items
    rows.append(("menu", f"perceptual: menu ({len(items)})"))


def to_yaml(settings: dict[str, object], lumen: Lumen) -> str:
    sources = lumen.source + (f" and {lumen.package}" if lumen.package else "")
    header = (
        f"# Written by `mkdocs-perceptual init` from {sources}.\n"
        "# Every option of the perceptual plugin: its configuration reference.\n"
    )
    return header + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=100)


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
