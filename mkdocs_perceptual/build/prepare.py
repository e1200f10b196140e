"""A Lumen file's Markdown as it is rendered (`lumen_markdown`), and the link-check level its
rendering runs at: for the page about to be rendered (`steps.read_markdown`) and for the render
pool, which prepares every post's Markdown first (`parallel.render_posts`) and leaves what it
made in `Build.prepared`, so that a page's Markdown is prepared once."""

from __future__ import annotations

import hashlib
import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import meta

from mkdocs_perceptual.build.state import Build
from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.markdown import fences, remark
from mkdocs_perceptual.site.links import raw_html_links


def prepared_markdown(build: Build, markdown: str, post: Post) -> str:
    """`lumen_markdown(build, markdown, post)`, taken from what the render pool prepared where
    it was given the same text."""
    given, prepared = build.prepared.pop(post.src_uri, (None, ""))
    return prepared if given == digest(markdown) else lumen_markdown(build, markdown, post)


def markdown_of(source: str) -> str:
    """The Markdown MkDocs reads from a Lumen file's text (LF line endings), after its front
    matter, split where MkDocs splits it (`meta.get_data`) without reading the YAML a third
    time: the plugin read it, and MkDocs will. Where MkDocs reads it otherwise (YAML it cannot
    load, or not a mapping: it keeps the whole text), the digest of what it hands the page
    differs, and the page is prepared again from MkDocs' text (`prepared_markdown`)."""
    found = meta.YAML_RE.match(source)
    return source[found.end() :].lstrip("\n") if found else meta.get_data(source)[0]


def digest(markdown: str) -> bytes:
    """What `Build.prepared` keeps of the Markdown a post's prepared Markdown was made from:
    all of it, for every post from the pool's start to MkDocs' reading, would be another copy
    of the blog."""
    return hashlib.blake2b(markdown.encode(), digest_size=16).digest()


def lumen_markdown(build: Build, markdown: str, post: Post) -> str:
    """A Lumen file's Markdown as it is rendered: its raw HTML links root-absolute, its Prism
    fences and remark's reading made Python-Markdown's. Pure: the render pool predicts a
    post's Markdown with it."""
    markdown = raw_html_links(markdown, post.src_uri)
    if not build.options.configure_markdown:
        return markdown
    markdown = fences.rewrite_fences(markdown)
    return remark.prepare(markdown) if build.options.lumen_markdown else markdown


def absolute_links_for(build: Build, lumen: bool, config: MkDocsConfig) -> None:
    """MkDocs logs each root link ('/posts/x') of a page as "left as is. Did you mean
    ...?"; in a Lumen file the plugin rewrites every one (and warns of those that point
    at nothing), so that line is noise there. Other pages keep the user's setting."""
    links = config.validation.links
    if build.user_absolute_links is None:
        build.user_absolute_links = links.absolute_links
    user = build.user_absolute_links
    # `relative_to_docs` (-1): MkDocs resolves root links itself, and says when it cannot.
    links.absolute_links = logging.DEBUG if lumen and user >= 0 else user
