"""Comments below a post, loaded only when the reader asks: a "Show comments" button, and the
third party's script once it is pressed (perceptual/comments.js). Disqus gets the identifier
and URL Lumen's `Comments.js` gave it (the post's title; the site URL + the slug), so every
thread the Gatsby site had stays with its post."""

from __future__ import annotations

import html
from collections.abc import Mapping

from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.lumen.post import Post

SCRIPT = "perceptual/comments.js"


def _attrs(values: Mapping[str, str]) -> str:
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in values.items())


def giscus_attributes(options: PerceptualConfig) -> dict[str, str]:
    """giscus' `data-*` attributes, as its client script reads them."""
    g = options.giscus
    values = {
        "data-repo": g.repo or "",
        "data-repo-id": g.repo_id or "",
        "data-category": g.category or "",
        "data-category-id": g.category_id or "",
        "data-mapping": g.mapping,
        "data-strict": "1" if g.strict else "0",
        "data-reactions-enabled": "1" if g.reactions_enabled else "0",
        "data-emit-metadata": "1" if g.emit_metadata else "0",
        "data-input-position": g.input_position,
        "data-theme": g.theme,
        "data-lang": g.lang,
    }
    if g.term is not None:
        values["data-term"] = g.term
    return values


def problems(options: PerceptualConfig) -> list[tuple[str, str]]:
    """The settings `comments` needs and lacks, as (option, message)."""
    found = []
    if options.comments == "disqus" and not options.disqus_shortname:
        found.append(
            ("disqus_shortname", "comments: disqus needs your Disqus shortname, like 'my-blog'")
        )
    if options.comments == "giscus":
        missing = [
            name
            for name in ("repo", "repo_id", "category", "category_id")
            if not options.giscus[name]
        ]
        if missing:
            found.append(
                (
                    "giscus",
                    f"comments: giscus needs {', '.join(missing)} (giscus.app gives them for "
                    "your repository)",
                )
            )
        if options.giscus.mapping in ("specific", "number") and not options.giscus.term:
            found.append(("giscus", f"mapping {options.giscus.mapping} needs a term"))
    return found


def markup(options: PerceptualConfig, post: Post, lumen_url: str) -> str | None:
    """The comments' section of a post, or None: with `comments` none, for a post whose front
    matter says `comments: false`, and for a draft (shown by `mkdocs serve` only)."""
    if options.comments == "none" or not post.comments or post.draft or not post.is_post:
        return None
    if options.comments == "disqus":
        data = {
            "data-perceptual-comments": "disqus",
            "data-shortname": options.disqus_shortname or "",
            "data-identifier": post.title,
            "data-url": lumen_url,
            "data-title": post.title,
        }
        thread = '<div id="disqus_thread"></div>'
    else:
        data = {"data-perceptual-comments": "giscus", **giscus_attributes(options)}
        thread = '<div class="giscus"></div>'
    return (
        f'<section class="perceptual-comments" data-search-exclude{_attrs(data)}>'
        '<h2 class="perceptual-comments-heading">Comments</h2>'
        '<button type="button" class="perceptual-comments-button">Show comments</button>'
        f"{thread}</section>"
    )
