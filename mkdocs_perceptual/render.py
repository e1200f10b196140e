"""What a Lumen post looks like on the page: template, header, description meta."""

from __future__ import annotations

import html
import re

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.structure.pages import Page

from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.markdown import title_slug

POST_TEMPLATE = "post.html"
HEADER_TEMPLATE = "perceptual/header.html"

_DESCRIPTION_RE = re.compile(r"""<meta\s+name=["']description["'][^>]*>""", re.IGNORECASE)


def set_template(page: Page, post: Post) -> None:
    """Lumen's `template: post|page` is not a Jinja template: posts get ours, pages the theme's."""
    if post.is_post:
        page.meta["template"] = POST_TEMPLATE
    else:
        page.meta.pop("template", None)


def add_header(page: Page, post: Post, env: Environment, date_format: str) -> None:
    """Put the title (where the Markdown has no `#` heading) and the post's date and
    category above the content, so every theme shows them."""
    assert page.content is not None
    title_id = title_slug(post.title)
    header = env.get_template(HEADER_TEMPLATE).render(
        post=post,
        with_title="\x3ch1" not in page.content,  # the test Material uses for its own <h1>
        title_id=None if f'id="{title_id}"' in page.content else title_id,
        date_text=post.date.strftime(date_format) if post.date else None,
    )
    page.content = header + page.content
    if post.description is not None:
        # Themes print page.meta.description unescaped; Markup makes that output exact.
        page.meta["description"] = Markup(html.escape(post.description, quote=True))


def with_description(output: str, description: str) -> str:
    """The page with exactly one `<meta name="description">` in its head, holding `description`."""
    tag = f'<meta name="description" content="{html.escape(description, quote=True)}">'
    end = output.find("</head>")
    if end < 0:
        return output
    head = _DESCRIPTION_RE.sub("", output[:end])
    return head + tag + "\n" + output[end:]
