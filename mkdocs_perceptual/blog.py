"""One build of the blog: what the hooks in plugin.py know and do between them."""

from __future__ import annotations

import os
from collections.abc import Iterator

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from mkdocs_perceptual import feed, listings, render
from mkdocs_perceptual.collect import Collected, collect, place
from mkdocs_perceptual.config import PerceptualConfig
from mkdocs_perceptual.frontmatter import Post
from mkdocs_perceptual.nav import NavItem, Section, build_nav, newest_first
from mkdocs_perceptual.urls import (
    find_collisions,
    is_within,
    link_keys,
    lumen_path,
    slug_segments,
)

log = get_plugin_logger(__name__)

SERVICE_WORKER = """\
// Published by mkdocs-perceptual: removes the offline service worker the Gatsby site
// installed, so returning readers see this site instead of the cached old one.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    self.registration
      .unregister()
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((clients) => clients.forEach((client) => client.navigate(client.url)))
  );
});
"""


class BuildError(Exception):
    """Problems that stop the build; one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class ListingPage(Page):
    """A generated listing page. Its content is rendered just before the page is written
    (`Blog.listing_content`, from on_page_context); its Markdown is only the front matter
    stub, so MkDocs' Markdown pass, which builds a Markdown instance with every extension for
    each page, is skipped. Every page event still runs for it."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


class Blog:
    """The posts of one build, the pages generated for them, and their rendered bodies."""

    def __init__(self, options: PerceptualConfig, *, serving: bool, user_nav: bool) -> None:
        self.options = options
        self.show_drafts = serving and options.drafts_on_serve
        self.user_nav = user_nav
        self.found = Collected()
        self.plan = listings.Plan()
        self.files: Files | None = None
        # Where the feed goes; not among MkDocs' files, because it is written piece by piece.
        self.feed_file: File | None = None
        self._by_path: dict[str, File] = {}
        # A post's first words, for the listings, where it has no description.
        self.excerpts: dict[str, str] = {}
        # src_uri -> File, made once every plugin's on_files has run (in on_env).
        self._by_src: dict[str, File] | None = None

    # -- on_files ---------------------------------------------------------------------------

    def prepare(self, files: Files, config: MkDocsConfig) -> None:
        """Read the posts, place them, generate the listings, feed and static files, and
        check that no two outputs collide. Raises BuildError."""
        self.files = files
        self.found = collect(files, self.options.timezone)
        place(files, self.found, config, show_drafts=self.show_drafts, user_nav=self.user_nav)
        errors = list(self.found.errors)
        if not self.found.posts:
            if errors:
                raise BuildError(errors)
            return
        published = [p for p in self.found.posts.values() if p.is_post and not p.draft]
        self.plan = listings.plan(published, self.options.posts_per_page, self._index_prefix(files))
        errors += self.plan.errors
        ours = set(self.found.posts)

        def add(file: File, what: str) -> bool:
            if (other := files.get_file_from_path(file.src_uri)) is not None:
                errors.append(f"{other.src_uri} in docs_dir is where the plugin puts {what}")
                return False
            files.append(file)
            ours.add(file.src_uri)
            return True

        for listing in self.plan.listings.values():
            # Material's search would index every listing page's excerpts a second time.
            stub: dict[str, object] = {"search": {"exclude": True}}
            if listing.src_uri != "index.md":
                stub["title"] = listing.title
            content = f"---\n{yaml.safe_dump(stub, allow_unicode=True)}---\n"
            file = File.generated(config, listing.src_uri, content=content)
            if self.user_nav or listing.page > 0 or listing.kind == "tag":
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if add(file, f"the {listing.kind} page {listing.title!r}"):
                ListingPage(None, file, config)  # MkDocs takes a file's page as it finds it
        for file in self._static_files(config, errors):
            add(file, f"static_dir's {file.src_uri}")
        if self.options.unregister_service_worker:
            add(File.generated(config, "sw.js", content=SERVICE_WORKER), "sw.js")
        outputs = self._outputs(files, config)
        if self._feed_wanted(config, errors):
            self.feed_file = File.generated(config, self.options.feed_path, content=b"")
            outputs.append((self.feed_file.dest_uri, "the RSS feed"))
            ours.add("the RSS feed")
        errors += find_collisions(outputs, ours)
        if errors:
            raise BuildError(errors)
        self._by_path = {key: f for f in files if self._written(f) for key in link_keys(f.dest_uri)}
        if not self.user_nav:
            config.nav = self._navigation(files)

    def _index_prefix(self, files: Files) -> str | None:
        prefix = self.options.blog_index
        if prefix is not None:
            return prefix.strip("/")
        own = any(
            f.dest_uri == "index.html" and f.inclusion.is_included()
            for f in files.documentation_pages()
        )
        if not own:
            return ""
        log.warning(
            "docs_dir has its own index.md, so the blog index (the list of all posts) is not "
            "published; set blog_index under the perceptual plugin, for example "
            "'blog_index: blog/', to publish it there"
        )
        return None

    def _static_files(self, config: MkDocsConfig, errors: list[str]) -> list[File]:
        if self.options.static_dir is None:
            return []
        root = os.path.join(
            os.path.dirname(config.config_file_path or "."), self.options.static_dir
        )
        if not os.path.isdir(root):
            errors.append(f"static_dir: {root!r} is not a folder")
            return []
        found = []
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(n for n in names if not n.startswith(".")):
                rel = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
                if rel.endswith((".md", ".markdown")):
                    log.warning(f"static_dir: {rel} is left out; Markdown belongs in docs_dir")
                    continue
                found.append(File(rel, root, config.site_dir, config.use_directory_urls))
        return found

    def _feed_wanted(self, config: MkDocsConfig, errors: list[str]) -> bool:
        path = self.options.feed_path
        try:
            safe = bool(slug_segments(path)) and is_within(path)
        except ValueError:
            safe = False
        if not safe:
            errors.append(f"feed_path: {path!r} is not a file path inside the site, like 'rss.xml'")
            return False
        if not config.site_url:
            log.warning(
                "no RSS feed is published: set site_url in mkdocs.yml, because a feed "
                "needs absolute links"
            )
            return False
        return True

    def _written(self, file: File) -> bool:
        written = InclusionLevel.is_in_serve if self.show_drafts else InclusionLevel.is_included
        return bool(written(file.inclusion))

    def _outputs(self, files: Files, config: MkDocsConfig) -> list[tuple[str, str]]:
        outputs = [(f.dest_uri, f.src_uri) for f in files if self._written(f)]
        outputs += [(name, f"the theme's {name}") for name in config.theme.static_templates]
        if "sitemap.xml" in config.theme.static_templates:
            outputs.append(("sitemap.xml.gz", "the theme's sitemap.xml.gz"))
        # Material registers its own search plugin as "material/search".
        if any(name.split("/")[-1] == "search" for name in config.plugins):
            outputs.append(("search/search_index.json", "the search plugin's index"))
        return outputs

    def _navigation(self, files: Files) -> list[NavItem]:
        in_nav = [f for f in files.documentation_pages() if f.inclusion.is_in_nav()]
        listing_srcs = set(self.plan.listings)
        home = next((f.src_uri for f in in_nav if f.dest_uri == "index.html"), None)
        index = self.plan.first_page("index")
        blog_index = index.src_uri if index and index.src_uri != home else None
        shown = [self.found.posts[f.src_uri] for f in in_nav if f.src_uri in self.found.posts]
        posts = [p for p in shown if p.is_post and p.src_uri != home]
        sections = []
        for name, grouped in self.plan.categories.items():
            listing = self.plan.first_page("category", name)
            sections.append(Section(name, listing.src_uri if listing else None, grouped))
        nav = build_nav(
            home,
            blog_index,
            sections,
            [p for p in posts if not p.category],
            [p for p in shown if not p.is_post and p.src_uri != home],
            [src for src in ("categories/index.md", "tags/index.md") if src in listing_srcs],
            [
                f.src_uri
                for f in sorted(in_nav, key=file_sort_key)
                if f.src_uri not in self.found.posts
                and f.src_uri not in listing_srcs
                and f.src_uri != home
            ],
            self.options.nav_posts_per_category,
        )
        listed = set(_flatten(nav))
        for post in posts:
            if post.src_uri not in listed:  # reached through the listings instead
                file = files.get_file_from_path(post.src_uri)
                assert file is not None
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return nav

    # -- pages ----------------------------------------------------------------------------

    def post(self, page: Page) -> Post | None:
        return self.found.posts.get(page.file.src_uri)

    def lookup(self, path: str) -> File | None:
        return self._by_path.get(path)

    def file_of(self, src_uri: str) -> File | None:
        if self._by_src is not None:
            return self._by_src.get(src_uri)
        return self.files.get_file_from_path(src_uri) if self.files is not None else None

    # -- on_env -----------------------------------------------------------------------------

    def fill_generated(self, env: Environment, config: MkDocsConfig) -> None:
        """The feed, now that every post is rendered (and not yet given its header and
        footer), and the excerpts the listings show for posts without a description. The
        listings themselves are rendered one at a time, as each is written (`listing_content`),
        so that no more than one is held in memory."""
        if self.files is not None:
            self._by_src = {file.src_uri: file for file in self.files}
        self.excerpts = {
            post.src_uri: render.excerpt(self.body(post.src_uri))
            for post in self.found.posts.values()
            if post.is_post and post.description is None
        }
        if self.feed_file is not None:
            os.makedirs(os.path.dirname(self.feed_file.abs_dest_path), exist_ok=True)
            with open(self.feed_file.abs_dest_path, "wb") as out:
                out.writelines(self._feed(config))

    def listing_content(self, page: Page, env: Environment, config: MkDocsConfig) -> str | None:
        """The HTML of a listing page, or None for any other page."""
        listing = self.plan.listings.get(page.file.src_uri)
        if listing is None or not isinstance(page, ListingPage):
            return None
        return render.listing_html(self, listing, page.file, env, config)

    def body(self, src_uri: str) -> str:
        """A post's rendered HTML, before the header and footer are added."""
        file = self.file_of(src_uri)
        return (file.page.content or "") if file is not None and file.page is not None else ""

    def _feed(self, config: MkDocsConfig) -> Iterator[bytes]:
        site_url = config.site_url or ""
        posts = [p for p in self.found.posts.values() if p.is_post and not p.draft]
        newest = newest_first(posts)[: self.options.feed_limit]

        def items() -> Iterator[feed.Item]:
            for post in newest:
                file = self.file_of(post.src_uri)
                if file is None or file.page is None or post.date is None:
                    continue
                guid = feed.lumen_guid(site_url, lumen_path(post.slug, post.src_uri))
                yield feed.Item(
                    title=post.title,
                    guid=guid,
                    date=post.date,
                    category=post.category,
                    description=post.description,
                    html=feed.absolute_urls(
                        self.body(post.src_uri), file.page.canonical_url or guid
                    ),
                )

        feed_url = site_url.rstrip("/") + "/" + self.options.feed_path
        last = newest[0].date if newest else None
        return feed.rss(
            config.site_name, config.site_description or "", site_url, feed_url, items(), last
        )


def _flatten(nav: list[NavItem]) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        else:
            for children in item.values():
                out.extend(_flatten(children))
    return out
