"""The plugin's options, as `mkdocs.yml` spells them (the option types are in `types`).

May import: `mkdocs_perceptual.lumen`.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from mkdocs_perceptual.config.types import (
    DISQUS_SHORTNAME,
    GISCUS_THEME,
    KATEX,
    PLAIN,
    DateFormat,
    FileOrOff,
    FolderOrOff,
    ImageFormats,
    LinkOrPath,
    NonNegativeInt,
    Pattern,
    PositiveInt,
    Quality,
    SitePath,
    TimeZone,
    UrlFormat,
    Workers,
)


class Author(Config):
    """The blog's author, as Lumen's `config.js` described them (its sidebar)."""

    name = c.Optional(c.Type(str))
    # A site path ('/media/photo.jpg') or an http(s) URL.
    photo = c.Optional(LinkOrPath())
    bio = c.Optional(c.Type(str))
    # Service -> handle or URL, as Lumen wrote them: {twitter: "me", github: "me", email: ...}.
    contacts = c.Type(dict, default={})


class MenuItem(Config):
    """One link of Lumen's menu: a label and a site path ('/pages/about') or a URL."""

    label = c.Type(str)
    path = LinkOrPath()


class Images(Config):
    """Responsive copies of the images beside posts, as gatsby-remark-images made them."""

    enabled = c.Type(bool, default=True)
    # Lumen's maxWidth: the widest an image is shown; copies at 1/4 to 3 times it.
    max_width = PositiveInt(default=960)
    formats = ImageFormats(default=["webp"])
    # gatsby-plugin-sharp's default quality.
    quality = Quality(default=50)
    link_to_original = c.Type(bool, default=True)


class Giscus(Config):
    """giscus' settings (https://giscus.app), under their documented names in snake case."""

    repo = c.Optional(Pattern(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", "a GitHub repository 'owner/name'"))
    repo_id = c.Optional(Pattern(PLAIN, "the repository's id from giscus.app, like 'R_kgDO...'"))
    category = c.Optional(Pattern(PLAIN, "a discussion category's name, like 'Announcements'"))
    category_id = c.Optional(Pattern(PLAIN, "the category's id from giscus.app, like 'DIC_...'"))
    mapping = c.Choice(
        ("pathname", "url", "title", "og:title", "specific", "number"), default="pathname"
    )
    term = c.Optional(Pattern(PLAIN, "the discussion's term or number"))
    strict = c.Type(bool, default=False)
    reactions_enabled = c.Type(bool, default=True)
    emit_metadata = c.Type(bool, default=False)
    input_position = c.Choice(("top", "bottom"), default="bottom")
    theme = Pattern(
        GISCUS_THEME, "a giscus theme name or a stylesheet URL", default="preferred_color_scheme"
    )
    lang = Pattern(
        r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", "a language code like 'en'", default="en"
    )


class PerceptualConfig(Config):
    # The time zone of dates written without one, like Lumen's "2019-06-24 09:06:04".
    timezone = TimeZone(default="UTC")
    # Show drafts, marked as such, in `mkdocs serve`; `mkdocs build` never publishes them.
    drafts_on_serve = c.Type(bool, default=True)
    # How the post header writes the date (Python strftime codes).
    date_format = DateFormat(default="%d %b %Y")
    # Add the Markdown extensions Lumen posts need (math, code, github-slugger anchors).
    configure_markdown = c.Type(bool, default=True)
    # mathml: converted at build time, no script; katex: rendered in the browser; none: left as text.
    math = c.Choice(("mathml", "katex", "none"), default="mathml")
    # Read Lumen posts and pages as Lumen's remark read them (bare URLs, lists after a line,
    # 2-space nesting, $$ after a line ...); other pages keep Python-Markdown's reading.
    lumen_markdown = c.Type(bool, default=True)
    katex_js = c.Type(str, default=KATEX + "katex.min.js")
    katex_css = c.Type(str, default=KATEX + "katex.min.css")
    # Listings: the blog index, category and tag pages.
    posts_per_page = PositiveInt(default=10)
    # Where the blog index goes when docs_dir has its own index.md, such as "blog/".
    blog_index = c.Optional(SitePath("a folder", "blog/", file=False))
    nav_posts_per_category = PositiveInt(default=10)
    # On Material, with the generated nav: render only the open section's items in each page.
    prune_nav = c.Type(bool, default=True)
    # Write pages without the indentation the theme's templates put around their content.
    compact_html = c.Type(bool, default=True)
    # The RSS feed, written where site_url is set.
    feed_path = SitePath("a file", "rss.xml", file=True, default="rss.xml")
    feed_limit = PositiveInt(default=1000)
    # A folder (relative to mkdocs.yml) published at the site root, as Gatsby's static/.
    static_dir = c.Optional(c.Type(str))
    # Publish a sw.js that removes the old Gatsby offline service worker from readers' browsers.
    unregister_service_worker = c.Type(bool, default=False)
    # The author shown on listings and at the foot of posts (Lumen's sidebar).
    author = c.SubConfig(Author)
    # Links shown first in the generated navigation, as Lumen's menu.
    menu = c.ListOfItems(c.SubConfig(MenuItem), default=[])
    # The link-preview image (og:image) of posts without a socialImage: a site path or a URL.
    social_image = c.Optional(c.Type(str))
    # Pages (paths in docs_dir) shown first in their folder's section of the generated
    # navigation, in this order; the other pages follow in MkDocs' order.
    nav_order = c.ListOfItems(c.Type(str), default=[])
    # Keep rendered posts and search entries on disk between builds, in cache_dir.
    cache = c.Type(bool, default=False)
    # Where the cache and `--dirty` builds keep their state: a folder inside the project
    # (relative to mkdocs.yml), outside docs_dir and site_dir.
    cache_dir = c.Type(str, default=".cache/plugin/perceptual")
    # The URL of a post without a slug; none: Lumen's, the file's path.
    post_url_format = c.Optional(UrlFormat())
    # Responsive copies of the images beside posts and pages (kept in cache_dir/images).
    images = c.SubConfig(Images)
    # Beside the RSS feed: an Atom 1.0 feed and a JSON Feed 1.1 of the same posts (false: none).
    atom_feed_path = FileOrOff("a file", "atom.xml", default="atom.xml")
    json_feed_path = FileOrOff("a file", "feed.json", default="feed.json")
    # An RSS feed per category and per tag, at the listing's URL + rss.xml (Hugo's rule).
    category_feeds = c.Type(bool, default=True)
    tag_feeds = c.Type(bool, default=True)
    # The socialImage (or first image) of each post above it and beside its listing entries.
    cover_images = c.Type(bool, default=False)
    # At the foot of each post, the posts sharing most tags and its category (0: none).
    related_posts = NonNegativeInt(default=3)
    # The page listing every post by year and month (false: none).
    archive = FolderOrOff("a folder", "archive/", default="archive/")
    # Comments below posts, loaded when the reader asks: none, disqus or giscus.
    comments = c.Choice(("none", "disqus", "giscus"), default="none")
    disqus_shortname = c.Optional(Pattern(DISQUS_SHORTNAME, "a Disqus shortname like 'my-blog'"))
    giscus = c.SubConfig(Giscus)
    # Render the Lumen files' Markdown in this many processes: 'auto' is one per core.
    workers = Workers(default="auto")
    # With workers, write the pages in two processes where the build allows it (Linux).
    split_writing = c.Type(bool, default=True)
