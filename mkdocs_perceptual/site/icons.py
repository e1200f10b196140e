"""Contact icons, taken when the site is built from the Font Awesome Free icons that Material
for MkDocs (a dependency of the plugin) installs with its templates, so that every theme can
show them. Nothing of them is copied into the plugin."""

from __future__ import annotations

import functools
import os
import re

import material

# Lumen's contact services, and the kinds its forks added -> the icon in Material's bundled
# sets (Font Awesome, Simple Icons).
_NAMES = {
    "twitter": "fontawesome/brands/x-twitter",
    "x": "fontawesome/brands/x-twitter",
    "github": "fontawesome/brands/github",
    "email": "fontawesome/solid/envelope",
    "telegram": "fontawesome/brands/telegram",
    "vkontakte": "fontawesome/brands/vk",
    "rss": "fontawesome/solid/square-rss",
    "linkedin": "fontawesome/brands/linkedin",
    "instagram": "fontawesome/brands/instagram",
    "facebook": "fontawesome/brands/facebook",
    "codepen": "fontawesome/brands/codepen",
    "youtube": "fontawesome/brands/youtube",
    "soundcloud": "fontawesome/brands/soundcloud",
    "medium": "fontawesome/brands/medium",
    "gitlab": "fontawesome/brands/gitlab",
    "weibo": "fontawesome/brands/weibo",
    "line": "fontawesome/brands/line",
    "mastodon": "fontawesome/brands/mastodon",
    "bluesky": "fontawesome/brands/bluesky",
    "orcid": "fontawesome/brands/orcid",
    "kofi": "simple/kofi",
    "patreon": "fontawesome/brands/patreon",
    "reddit": "fontawesome/brands/reddit",
    "stackoverflow": "fontawesome/brands/stack-overflow",
    "twitch": "fontawesome/brands/twitch",
    "tiktok": "fontawesome/brands/tiktok",
    "threads": "fontawesome/brands/threads",
    "substack": "simple/substack",
    "googlescholar": "simple/googlescholar",
    "researchgate": "simple/researchgate",
    "link": "fontawesome/solid/link",
}
_ICONS = os.path.join(os.path.dirname(material.__file__), "templates", ".icons")
_SVG_RE = re.compile(r"<svg\b([^>]*)>(.*)</svg>", re.DOTALL)
_VIEW_BOX_RE = re.compile(r'viewBox="([^"]*)"')


def icon_name(service: str) -> str:
    """The icon's name in Material's sets, as `extra.social` names it."""
    return _NAMES.get(service, _NAMES["link"])


def has_icon(service: str) -> bool:
    """Whether the service has an icon of its own (others get the generic link's)."""
    return service in _NAMES


@functools.cache
def icon(service: str) -> str:
    """The service's icon as inline SVG, drawn in the text colour, hidden from screen readers
    (the link names the service); a generic link icon for services Lumen did not know, and
    nothing where the icon set is missing."""
    name = icon_name(service)
    try:
        with open(os.path.join(_ICONS, name + ".svg"), encoding="utf-8") as f:
            svg = f.read()
    except OSError:
        return ""
    m = _SVG_RE.search(svg)
    box = _VIEW_BOX_RE.search(m[1]) if m else None
    if m is None or box is None:
        return ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box[1]}" aria-hidden="true" '
        f'focusable="false">{m[2]}</svg>'
    )
