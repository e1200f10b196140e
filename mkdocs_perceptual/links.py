"""Root-absolute links (`/media/x.jpg`, `/posts/other`) -> relative URLs, so a site works
under a sub-path such as https://user.github.io/blog/."""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs.structure.files import File

from mkdocs_perceptual.urls import link_key

_ROOT_ABSOLUTE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)(")')


def rewrite_links(
    html: str, page: File, lookup: Callable[[str], File | None], warn: Callable[[str], None]
) -> str:
    """`html` with every root-absolute href and src made relative to `page`; `warn` hears of
    each one that points at nothing the site publishes."""

    def relative(m: re.Match[str]) -> str:
        url = m[2]
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        target = lookup(link_key(url[:cut]))
        if target is None:
            warn(f"the link '{url}' points at nothing in the site")
            return m[0]
        return m[1] + target.url_relative_to(page) + url[cut:] + m[3]

    return _ROOT_ABSOLUTE.sub(relative, html) if ' href="/' in html or ' src="/' in html else html
