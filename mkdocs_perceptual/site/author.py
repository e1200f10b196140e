"""The author's contacts as Lumen's sidebar showed them: a service and a handle (or a URL)
turned into a link with an icon. Pure: no I/O."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from mkdocs_perceptual.site.icons import has_icon, icon
from mkdocs_perceptual.site.inline_html import inline_html

# Lumen's src/utils/get-contact-href.js: the link each service's handle became. A service it
# did not know, and `rss`, kept the value as written.
_HREFS = {
    "twitter": "https://www.twitter.com/{}",
    "github": "https://github.com/{}",
    "email": "mailto:{}",
    # Lumen 2019 wrote `telegram.me/<handle>` without a scheme: a relative link that broke.
    "telegram": "https://telegram.me/{}",
    "vkontakte": "https://vk.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "instagram": "https://www.instagram.com/{}",
    "facebook": "https://www.facebook.com/{}",
    "codepen": "https://www.codepen.io/{}",
    "youtube": "https://www.youtube.com/channel/{}",
    "soundcloud": "https://soundcloud.com/{}",
    "medium": "https://medium.com/{}",
    "gitlab": "https://www.gitlab.com/{}",
    "weibo": "https://www.weibo.com/{}",
    "line": "line://ti/p/{}",
    # Kinds forks of the starter added.
    "x": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "orcid": "https://orcid.org/{}",
    "kofi": "https://ko-fi.com/{}",
    "patreon": "https://www.patreon.com/{}",
    "reddit": "https://www.reddit.com/user/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "twitch": "https://www.twitch.tv/{}",
    "tiktok": "https://www.tiktok.com/@{}",
    "threads": "https://www.threads.net/@{}",
    "substack": "https://{}.substack.com/",
}
# A Mastodon handle names its server: @alice@example.social -> https://example.social/@alice.
_MASTODON_RE = re.compile(r"@?([^@\s/]+)@([^@\s/]+\.[^@\s/]+)")

# How a reader reads each service's link (the link's accessible name).
_NAMES = {
    "twitter": "Twitter",
    "github": "GitHub",
    "email": "Email",
    "telegram": "Telegram",
    "vkontakte": "VK",
    "rss": "RSS feed",
    "linkedin": "LinkedIn",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "codepen": "CodePen",
    "youtube": "YouTube",
    "soundcloud": "SoundCloud",
    "medium": "Medium",
    "gitlab": "GitLab",
    "weibo": "Weibo",
    "line": "LINE",
    "x": "X",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "orcid": "ORCID",
    "kofi": "Ko-fi",
    "patreon": "Patreon",
    "reddit": "Reddit",
    "stackoverflow": "Stack Overflow",
    "twitch": "Twitch",
    "tiktok": "TikTok",
    "threads": "Threads",
    "substack": "Substack",
    "googlescholar": "Google Scholar",
    "researchgate": "ResearchGate",
}

# A value that is a link already: kept as written, whatever the service.
_URL_RE = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)
# Schemes a contact link may have; anything else (`javascript:`) is no link.
_SAFE_RE = re.compile(r"(?:https?://|mailto:|line://|/|\./|\.\./)", re.IGNORECASE)


def contact_href(service: str, value: str) -> str | None:
    """The link Lumen made of a contact: `github: alice` -> https://github.com/alice. A value
    that is a URL already is kept; an unknown service's value is taken as a URL. None for a
    link no reader should follow (`javascript:`) or an empty value (Lumen showed nothing)."""
    value = value.strip()
    if not value:
        return None
    mastodon = _MASTODON_RE.fullmatch(value) if service.lower() == "mastodon" else None
    if mastodon is not None:
        return f"https://{mastodon[2]}/@{mastodon[1]}"
    template = _HREFS.get(service.lower())
    known = template is not None and not _URL_RE.match(value)
    href = template.format(value) if template is not None and known else value
    return href if _SAFE_RE.match(href) else None


@dataclasses.dataclass(frozen=True)
class Contact:
    service: str
    href: str
    name: str  # the link's accessible name
    icon: str  # inline SVG


def contacts(values: dict[str, object]) -> tuple[list[Contact], list[str], list[str]]:
    """The contacts in the order written, a problem for each one left out, and a note for
    each of a kind the plugin has no icon for (shown as a plain link)."""
    shown, problems, notes = [], [], []
    for service, value in values.items():
        key = str(service).lower()
        if value is None or value == "":
            continue  # Lumen's config.js listed every service, the unused ones empty
        if not isinstance(value, str):
            problems.append(f"author.contacts.{service}: expected a handle or a URL, got {value!r}")
            continue
        href = contact_href(key, value)
        if href is None:
            problems.append(
                f"author.contacts.{service}: {value!r} is left out; expected a handle or an "
                "http(s) or mailto: URL"
            )
            continue
        if not has_icon(key):
            notes.append(f"author.contacts.{service}: no icon for {service!r}; a plain link")
        shown.append(Contact(key, href, _NAMES.get(key, str(service)), icon(key)))
    return shown, problems, notes


def card(
    options: Any, shown: list[Contact], link: Callable[[str], str], home: str | None
) -> dict[str, Any] | None:
    """The author card's values (the `author` option), every URL made a link from the page
    by `link`; None when there is no author to show."""
    if not (options.name or options.photo or options.bio or shown):
        return None
    return {
        "name": options.name,
        "bio": inline_html(options.bio) if options.bio else None,
        "photo": link(options.photo) if options.photo else None,
        "home": home,
        "contacts": [dataclasses.replace(contact, href=link(contact.href)) for contact in shown],
    }
