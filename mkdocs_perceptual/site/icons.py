"""Contact icons, taken when the site is built from the Font Awesome Free icons that Material
for MkDocs (a dependency of the plugin) installs with its templates, so that every theme can
show them. Nothing of them is copied into the plugin."""

from __future__ import annotations

import functools
import os
import re

import material

# Lumen's contact services -> Font Awesome icon names.
_NAMES = {
    "twitter": "brands/x-twitter",
    "github": "brands/github",
    "email": "solid/envelope",
    "telegram": "brands/telegram",
    "vkontakte": "brands/vk",
    "rss": "solid/square-rss",
    "linkedin": "brands/linkedin",
    "instagram": "brands/instagram",
    "facebook": "brands/facebook",
    "codepen": "brands/codepen",
    "youtube": "brands/youtube",
    "soundcloud": "brands/soundcloud",
    "medium": "brands/medium",
    "gitlab": "brands/gitlab",
    "weibo": "brands/weibo",
    "line": "brands/line",
    "link": "solid/link",
}
_ICONS = os.path.join(os.path.dirname(material.__file__), "templates", ".icons", "fontawesome")
_SVG_RE = re.compile(r"<svg\b([^>]*)>(.*)</svg>", re.DOTALL)
_VIEW_BOX_RE = re.compile(r'viewBox="([^"]*)"')


@functools.cache
def icon(service: str) -> str:
    """The service's icon as inline SVG, drawn in the text colour, hidden from screen readers
    (the link names the service); a generic link icon for services Lumen did not know, and
    nothing where the icon set is missing."""
    name = _NAMES.get(service, _NAMES["link"])
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
