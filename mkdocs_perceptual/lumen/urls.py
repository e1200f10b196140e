"""Where a slug is published: pure functions, no I/O."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Collection, Iterable
from urllib.parse import unquote

from mkdocs_perceptual.lumen.slugs import kebab_case

ACCEPTED_SLUGS = "a path like '/posts/my-post' made of names separated by '/'"

# Characters that break a URL, or a file name on one of the systems MkDocs runs on.
_FORBIDDEN = re.compile(r'[\\:*?"<>|#]')
# A file name may hold 255 bytes on common file systems; leave room for ".html".
MAX_SEGMENT_BYTES = 250


class UnsafeSlugError(ValueError):
    """A slug that could leave the site folder or cannot be a file name."""


def slug_segments(slug: str) -> list[str]:
    """The path segments of a slug, refusing anything that is not a plain relative path."""
    if any(unicodedata.category(ch) == "Cc" for ch in slug):
        raise UnsafeSlugError(f"it holds a control character; expected {ACCEPTED_SLUGS}")
    path = slug.strip()
    if m := _FORBIDDEN.search(path):
        raise UnsafeSlugError(f"it holds '{m.group()}'; expected {ACCEPTED_SLUGS}")
    inner = path.strip("/")
    if not inner:
        return []
    segments = inner.split("/")
    for segment in segments:
        # Percent-encoded dots are dots to a web server.
        decoded = unquote(segment)
        if decoded in ("", ".", ".."):
            raise UnsafeSlugError(
                f"it holds the path segment {segment!r}; expected {ACCEPTED_SLUGS}"
            )
        if "/" in decoded or "\\" in decoded:
            raise UnsafeSlugError(
                f"it holds an encoded separator in {segment!r}; expected {ACCEPTED_SLUGS}"
            )
        if decoded != decoded.strip() or segment.endswith("."):
            raise UnsafeSlugError(
                f"the segment {segment!r} starts or ends with a space or ends with a dot; "
                f"expected {ACCEPTED_SLUGS}"
            )
        if len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES:
            raise UnsafeSlugError(
                f"the segment {segment[:20]!r}... is longer than {MAX_SEGMENT_BYTES} bytes, "
                "more than a file name may hold"
            )
    return segments


def slug_dest_uri(slug: str, use_directory_urls: bool) -> str:
    """The file under site_dir a slug is published as.

    '/posts/foo' -> 'posts/foo/index.html' (or 'posts/foo.html' without directory URLs);
    '/' -> 'index.html'; a slug whose last segment ends in '.html' is that file.
    """
    segments = slug_segments(unicodedata.normalize("NFC", slug))
    if not segments:
        return "index.html"
    path = "/".join(segments)
    if segments[-1].endswith(".html"):
        return path
    return posixpath.join(path, "index.html") if use_directory_urls else path + ".html"


def is_within(dest_uri: str) -> bool:
    """Whether a destination stays inside the site folder once joined to it."""
    normal = posixpath.normpath(dest_uri)
    return not (normal.startswith(("/", "../")) or normal == "..")


def find_collisions(outputs: Iterable[tuple[str, str]], ours: Collection[str]) -> list[str]:
    """Outputs that would overwrite each other, where at least one of the two is `ours`.

    `outputs` pairs each destination path under site_dir with what writes it. Two on one
    path collide, so do two whose paths differ only in case (one file on macOS and Windows),
    and so does a file on a path that another output needs as a folder.
    """
    owners: dict[str, str] = {}
    problems = []
    for dest, owner in outputs:
        other = owners.setdefault(dest, owner)
        if other != owner and (owner in ours or other in ours):
            problems.append(f"{other} and {owner} are both published as '{dest}'")
    folded: dict[str, str] = {}
    for dest, owner in owners.items():
        other_dest = folded.setdefault(fold(dest), dest)
        other = owners[other_dest]
        if other_dest != dest and (owner in ours or other in ours):
            problems.append(
                f"{other} and {owner} are published as '{other_dest}' and '{dest}', which "
                "differ only in case: on macOS and Windows one would overwrite the other"
            )
        for parent in _parents(dest):
            holder = owners.get(parent)
            if holder is not None and (owner in ours or holder in ours):
                problems.append(
                    f"{owner} is published as '{dest}', inside '{parent}', "
                    f"which {holder} publishes as a file"
                )
    return problems


def _parents(dest: str) -> list[str]:
    parts = dest.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def kebab(name: str) -> str:
    """lodash's kebabCase, as Lumen used it for category and tag URLs ('C++' -> 'c')."""
    return kebab_case(name)


def listing_src(prefix: str, page: int) -> str:
    """The generated Markdown file of one page of a listing, numbered from zero as in Lumen:
    page 0 is the listing itself, page 1 is '<prefix>/page/1/'."""
    parts = [p for p in (prefix.strip("/"), f"page/{page}" if page else "") if p]
    return "/".join([*parts, "index.md"])


def lumen_path(slug: str | None, src_uri: str) -> str:
    """The path Lumen gave a post or page. A slug beginning with '/' is the path as written
    (2018-2019, and 2022 on); a slug without one is relative to the file's folder, as Lumen's
    `gatsby/on-create-node.js` built it from December 2019 (`/${relativeDirectory}/${slug}`);
    without a slug, '/<file path without .md>/'. In NFC, with repeated slashes as one: a slug
    `//evil.com/x` must not make a feed link to another host."""
    if slug is not None:
        folder = posixpath.dirname(src_uri)
        path = slug if slug.startswith("/") else "/" + (f"{folder}/{slug}" if folder else slug)
        return unicodedata.normalize("NFC", re.sub("/{2,}", "/", path))
    stem = posixpath.splitext(src_uri)[0]
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return "/" + stem + "/" if stem else "/"


# post_url_format's placeholders, as a blog's own gatsby-node code built URLs from them.
URL_FIELDS = ("year", "month", "day", "title", "file", "category", "path")


def format_fields(url_format: str) -> list[str]:
    """The placeholders `url_format` names; ValueError for a malformed one or another name."""
    import string

    names = [name for _, name, spec, _ in string.Formatter().parse(url_format) if name is not None]
    unknown = [n for n in names if n not in URL_FIELDS]
    if unknown:
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}")
    return names


def formatted_path(
    url_format: str, src_uri: str, title: str, date: object, category: str | None
) -> str:
    """The path of a post without a slug under `post_url_format`: `{year}`, `{month}`,
    `{day}` of its date (two digits), `{title}`, `{file}` and `{category}` in lodash's
    kebab form, `{path}` Lumen's own path for it (without its slashes); repeated slashes as
    one, a leading one added."""
    stem = posixpath.splitext(src_uri)[0]
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    values = {
        "year": f"{date:%Y}" if date is not None else "",
        "month": f"{date:%m}" if date is not None else "",
        "day": f"{date:%d}" if date is not None else "",
        "title": kebab(title),
        "file": kebab(posixpath.basename(stem)),
        "category": kebab(category) if category else "",
        "path": lumen_path(None, src_uri).strip("/"),
    }
    path = "/" + url_format.format(**values).lstrip("/")
    return unicodedata.normalize("NFC", re.sub("/{2,}", "/", path))


def fold(dest_uri: str) -> str:
    """A path as a case-insensitive file system compares it (macOS, Windows): NFC, lower
    case. Not `casefold`, which makes 'straße' and 'strasse' one name; file systems don't."""
    return unicodedata.normalize("NFC", dest_uri).lower()


def site_path(reference: str, src_uri: str) -> str:
    """A link or image path written in a file, as a path from the site root: root-absolute
    ones as written, relative ones ('./image.jpg', 'image.jpg', '../x.png') against the
    file's folder, as Gatsby resolved them ('/posts/my-post/image.jpg')."""
    if reference.startswith("/"):
        return reference
    path, mark, rest = reference.partition("?") if "?" in reference else reference.partition("#")
    joined = posixpath.normpath(posixpath.join("/", posixpath.dirname(src_uri), path))
    if path.endswith("/") and joined != "/":
        joined += "/"
    return joined + mark + rest


def beside(url: str, src_uri: str) -> str | None:
    """Where gatsby-remark-images looked for an image written as `url` in the file `src_uri`:
    `path.join(<the file's folder>, url)`, a leading '/' included (so '/image.jpg' in
    posts/a/index.md is posts/a/image.jpg), as a path in the content folder; None for a URL
    with a scheme or host, or one that leaves the folder. Not found there, Gatsby left the
    URL as written, served from the site root."""
    path = unquote(re.split(r"[?#]", url, maxsplit=1)[0])
    if not path or path.startswith("//") or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", path):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path.lstrip("/")))
    if joined == "." or joined.startswith("../") or joined == "..":
        return None
    return joined


def link_keys(dest_uri: str) -> set[str]:
    """The root-relative paths (no leading or trailing '/') that reach a published file."""
    keys = {dest_uri}
    if dest_uri == "index.html" or dest_uri.endswith("/index.html"):
        keys.add(dest_uri[: -len("index.html")].rstrip("/"))
    elif dest_uri.endswith(".html"):
        keys.add(dest_uri[: -len(".html")])
    return keys


def link_key(path: str) -> str:
    """The lookup key of a root-absolute link's path: '/posts/x/' -> 'posts/x'."""
    return unquote(path).strip("/")
