"""Where each of Lumen's settings goes in `mkdocs.yml`: the site's name, address and
description, the plugin's options (author, contacts, menu, page size, sw.js), the theme's, and
a line for each field saying where it went (`Plan`)."""

from __future__ import annotations

import dataclasses
import json
import re
from urllib.parse import urlsplit

import yaml

from mkdocs_perceptual.migrate.jsobject import Expression
from mkdocs_perceptual.migrate.lumen_settings import Lumen

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


@dataclasses.dataclass
class Plan:
    """The mkdocs.yml settings, and a line for each Lumen field saying where it went."""

    settings: dict[str, object]
    rows: list[tuple[str, str]]


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
