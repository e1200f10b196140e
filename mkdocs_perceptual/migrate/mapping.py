"""Where each of Lumen's settings goes in `mkdocs.yml`: the site's name, address and
description, the plugin's options (author, contacts, menu, page size, sw.js), the theme's, and
a line for each field saying where it went (`Plan`)."""

from __future__ import annotations

import dataclasses
import json
import re
from urllib.parse import quote, urlsplit, urlunsplit

from mkdocs_perceptual.config.types import DISQUS_SHORTNAME
from mkdocs_perceptual.migrate.jsobject import Expression
from mkdocs_perceptual.migrate.lumen_settings import Lumen
from mkdocs_perceptual.migrate.yaml_out import dump
from mkdocs_perceptual.site.author import contact_href
from mkdocs_perceptual.site.icons import has_icon, icon_name
from mkdocs_perceptual.site.inline_html import inline_html

# Lumen's default, so every /page/N keeps the posts it held.
LUMEN_PER_PAGE = 4


PALETTE = [
    {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark mode"}},
    {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light mode"}},
]


COMMENTS = (
    "perceptual: comments: disqus, disqus_shortname (each post keeps its thread: Lumen's "
    "identifier and URL)"
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


def site_url(url: str, prefix: str | None) -> str | None:
    """Lumen's url with its pathPrefix as the sub-path, unless the url has it already; the
    site's address, so without a query or fragment. None when the url is no http(s) address."""
    if not url.strip().isprintable() or any(c.isspace() for c in url.strip()):
        return None
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 (a port that is no number raises ValueError)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    path, sub = parts.path.rstrip("/"), (prefix or "").strip("/")
    sub = quote(sub, safe="/%:@!$&'()*+,;=~")
    if sub and not path.endswith("/" + sub):
        path += "/" + sub
    return urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


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
    if url and (address := site_url(url, prefix)) is None:
        rows.append(("url", f"not used: {url!r} is no http(s) address; set site_url by hand"))
    elif url:
        top["site_url"] = address
        rows.append(("url", f"site_url: {address}"))
    if prefix:
        used = "site_url's path" if "site_url" in top else "not used: no url"
        rows.append(("pathPrefix", used if prefix.strip("/") else "nothing to do: at the root"))
    # The December 2024 starter's `description` is the older `subtitle`.
    for field in ("subtitle", "description"):
        if "site_description" not in top and (value := text(field)) is not None:
            top["site_description"] = value
            rows.append((field, "site_description (the feed's description)"))
    if (value := text("copyright")) is not None:
        # Themes print MkDocs' copyright as HTML; Lumen printed it as text: its links and
        # emphasis are kept, nothing else (a <script> in config.js would run on every page).
        top["copyright"] = inline_html(value)
        rows.append(("copyright", "copyright" + (" (as text)" if "<" in value else "")))
    top["docs_dir"] = "content"
    top["theme"] = {"name": "material", "palette": PALETTE}
    if static_dir:
        options["static_dir"] = "static"
    # The December 2024 starter's page size is `feedLimit`.
    per_page = given.pop("postsPerPage", None)
    if per_page is None and "feedLimit" in given:
        per_page = given.pop("feedLimit")
        rows.append(("feedLimit", "perceptual: posts_per_page (the page size)"))
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
    if (shortname := text("disqusShortname")) is not None:
        if re.fullmatch(DISQUS_SHORTNAME, shortname.strip()):
            options["comments"] = "disqus"
            options["disqus_shortname"] = shortname.strip()
            rows.append(("disqusShortname", COMMENTS))
        else:
            rows.append(
                (
                    "disqusShortname",
                    f"not used: {shortname!r} is no Disqus shortname (letters, digits and -)",
                )
            )
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


# The author's fields, by the names each generation gave them: the December 2024 starter's
# `title` is the name and its `description` the bio.
_AUTHOR_FIELDS = {"name": ("name", "title"), "photo": ("photo",), "bio": ("bio", "description")}


def _contacts_written(author: dict[str, object], rows: list[tuple[str, str]]) -> dict[str, object]:
    """The contacts as a mapping of kind -> handle, from any generation's form: a mapping
    (2019-2022), an array of {name, contact} (December 2024), or beside the name (2017)."""
    contacts = author.get("contacts")
    written: dict[str, object] = {}
    if isinstance(contacts, dict):
        written = dict(contacts)
    elif isinstance(contacts, list):
        for i, item in enumerate(contacts):
            fields = item if isinstance(item, dict) else {}
            name, contact = fields.get("name"), fields.get("contact")
            if isinstance(name, str) and name.strip():
                written[name.strip().lower()] = contact
            else:
                rows.append((f"author.contacts[{i}]", _unread(item)))
    elif contacts is not None:
        rows.append(("author.contacts", _unread(contacts)))
    beside = {k: v for k, v in author.items() if (has_icon(k) or k == "vk") and k not in written}
    written |= beside
    if "vk" in written and "vkontakte" not in written:  # the 2017 starter's name for it
        written["vkontakte"] = written.pop("vk")
    return written


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
    used = {"contacts", "vk"}
    for option, names in _AUTHOR_FIELDS.items():
        name = next((n for n in names if author.get(n) not in (None, "")), None)
        if name is None:
            continue
        used.add(name)
        value = author[name]
        if isinstance(value, str):
            kept[option] = value
            if name != option:
                rows.append((f"author.{name}", f"perceptual: author.{option}"))
        else:
            rows.append((f"author.{name}", _unread(value)))
    written = _contacts_written(author, rows)
    known = used | set(written) | {n for names in _AUTHOR_FIELDS.values() for n in names}
    rows += [(f"author.{k}", "no counterpart; not used") for k in author if k not in known]
    links, handles = [], {}
    for service, handle in written.items():
        if not isinstance(handle, str):
            rows.append((f"author.contacts.{service}", _unread(handle)))
        elif handle.strip() in ("", "#"):
            rows.append((f"author.contacts.{service}", f"left out: {handle!r}, a placeholder"))
        else:
            handles[service] = handle
            link = contact_href(service, handle)
            if link is None:
                rows.append((f"author.contacts.{service}", "not in extra.social: no safe link"))
                continue
            links.append({"icon": icon_name(service), "link": link, "name": service})
            if not has_icon(service):
                rows.append((f"author.contacts.{service}", "a plain link: no icon for it"))
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
        # label/path to 2022; title/url in the December 2024 starter.
        label = fields.get("label", fields.get("title"))
        path = fields.get("path", fields.get("url"))
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
    return header + dump(settings)
