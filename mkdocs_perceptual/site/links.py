"""Root-absolute links (`/media/x.jpg`, `/posts/other`) -> relative URLs, so a site works
under a sub-path such as https://user.github.io/blog/."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin

from mkdocs.structure.files import File

from mkdocs_perceptual.lumen.urls import link_key, site_path

# Inside a tag only: text such as inline code holds `&lt;a href="/x"&gt;`, which is no link.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_ROOT_ABSOLUTE = re.compile(r'(\s(?:href|src|poster)=")(/(?!/)[^"]*)(")')


def relative_url(url: str, here: File, lookup: Callable[[str], File | None]) -> str | None:
    """A root path ('/posts/x/?q#a') as a URL relative to `here`, its query and fragment
    kept; None when the site publishes nothing there. `lookup` finds a file by link key."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    target = lookup(link_key(url[:cut]))
    return None if target is None else target.url_relative_to(here) + url[cut:]


def rewrite_links(
    html: str,
    page: File,
    lookup: Callable[[str], File | None],
    warn: Callable[[str], None],
    beside: Callable[[str], File | None] | None = None,
) -> str:
    """`html` with every root-absolute href and src made relative to `page`; `warn` hears of
    each one that points at nothing the site publishes. With `beside` (a Lumen file's), an
    image's root path is first looked for beside the file, as gatsby-remark-images did
    (`lumen.urls.beside`): `beside` gives the file found there, if any."""

    def relative(m: re.Match[str], image: bool = False) -> str:
        found = beside(m[2]) if image and beside is not None else None
        if found is not None:
            cut = min((i for i in (m[2].find("?"), m[2].find("#")) if i >= 0), default=len(m[2]))
            return m[1] + found.url_relative_to(page) + m[2][cut:] + m[3]
        url = relative_url(m[2], page, lookup)
        if url is None:
            warn(f"the link '{m[2]}' points at nothing in the site")
            return m[0]
        return m[1] + url + m[3]

    def tag(t: re.Match[str]) -> str:
        image = t[0][:4].lower() == "<img"
        return _ROOT_ABSOLUTE.sub(lambda m: relative(m, image), t[0])

    if ' href="/' in html or ' src="/' in html or ' poster="/' in html:
        return _TAG.sub(tag, html)
    return html


# Raw HTML elements whose links Gatsby resolved against the post's folder.
_RAW_TAG_RE = re.compile(r"<(?:img|a|video|source|audio)\b[^<>]*>", re.IGNORECASE)
_RAW_ATTR_RE = re.compile(r"""(\s(?:src|href|poster)\s*=\s*)(["'])([^"'<>]*)\2""", re.IGNORECASE)
_NOT_RELATIVE_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|[/#?]|$")
_FENCE_RE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+).*?(?<!`)\1(?!`)")


def raw_html_links(markdown: str, src_uri: str) -> str:
    """`markdown` with the relative `src`/`href` of raw HTML `<img>`, `<a>`, `<video>`,
    `<source>` and `<audio>` tags made root-absolute ('./x.png' in posts/a/index.md becomes
    '/posts/a/x.png'), outside code. MkDocs resolves Markdown links itself but leaves raw HTML
    alone, so a post published at its slug, away from its folder, would lose them;
    `rewrite_links` then makes them relative to the published page."""
    if "<" not in markdown:
        return markdown

    def attribute(m: re.Match[str]) -> str:
        url = m[3]
        if _NOT_RELATIVE_RE.match(url):
            return m[0]
        # Double quotes, the only ones `rewrite_links` reads.
        return f'{m[1]}"{site_path(url, src_uri)}"'

    def tags(text: str) -> str:
        return _RAW_TAG_RE.sub(lambda t: _RAW_ATTR_RE.sub(attribute, t[0]), text)

    def outside_code_spans(line: str) -> str:
        parts, last = [], 0
        for span in _CODE_SPAN_RE.finditer(line):
            parts += [tags(line[last : span.start()]), span[0]]
            last = span.end()
        return "".join([*parts, tags(line[last:])])

    out, fence = [], ""
    for line in markdown.split("\n"):
        m = _FENCE_RE.match(line)
        if fence:
            if (
                m
                and m[1][0] == fence[0]
                and len(m[1]) >= len(fence)
                and not line[m.end() :].strip()
            ):
                fence = ""
            out.append(line)
        elif m:
            fence = m[1]
            out.append(line)
        else:
            out.append(outside_code_spans(line) if "<" in line else line)
    return "\n".join(out)


_HREF = re.compile(r'<a\s[^>]*?href="([^"#]*)')


def hidden_links(html: str, here: File, hidden: dict[str, str]) -> dict[str, str]:
    """The hrefs of `html` (a page at `here`) that lead to an unpublished page: each as
    written -> its file. `hidden`: the unpublished pages' URLs (File.url) -> their files."""
    if not hidden or "<a " not in html:
        return {}
    base = "/" + here.url
    found = {}
    for href in set(_HREF.findall(html)):
        if ":" in href.split("/", 1)[0] or href.startswith("//"):
            continue  # a URL with a scheme, or another host
        src = hidden.get(urljoin(base, href)[1:])
        if src is not None:
            found[href] = src
    return found


def unlink(html: str, hidden: dict[str, str], warn: Callable[[str], None]) -> str:
    """`html` with every link to an unpublished page (`hidden`: its URL relative to this
    page -> its file) replaced by the link's text: a draft's URL must not reach a page or the
    feed. `warn` names each one."""
    if not hidden or "<a " not in html:
        return html
    urls = "|".join(re.escape(url) for url in sorted(hidden, key=len, reverse=True))
    pattern = re.compile(rf'<a\s[^>]*?href="({urls})(?:#[^"]*)?"[^>]*>(.*?)</a>', re.DOTALL)

    def text(m: re.Match[str]) -> str:
        warn(f"it links to {hidden[m[1]]}, which is not published; the link is left out")
        return m[2]

    return pattern.sub(text, html)


def site_link(url: str, here: File, lookup: Callable[[str], File | None], site_url: str) -> str:
    """A URL or a root path ('/media/me.jpg') as a link from `here`: a root path to a
    published file made relative, another (the feed's) under site_url, others as written."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    if (relative := relative_url(url, here, lookup)) is not None:
        return relative
    return urljoin(site_url, url.lstrip("/")) if site_url else url
