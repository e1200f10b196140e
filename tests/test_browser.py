"""The demo blog in real headless Chromium: formulas have height, code has colours, no errors.

Needs Debian's `chromium` and the `playwright` package. Without them the test is skipped
locally, and fails under CI=true, where `.ci/run` installs them.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
import yaml
from conftest import CHROMIUM_FLAGS, mkdocs, need
from test_screenshots import CHECKS

# Slow: headless Chromium. `pytest -m "not slow"` leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
SEED_URL = "posts/perceptual-learning-text-sequences/"
# The demo's site_url has a sub-path; the test serves the site below it, as a host would.
MOUNT = "mkdocs-perceptual/"
FLAGS = CHROMIUM_FLAGS


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("the playwright package is not installed")
    if not shutil.which(CHROMIUM):
        need(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots():
    folder = Path(tempfile.mkdtemp(prefix="perceptual-screenshots-"))
    print(f"\nscreenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """demo(theme) -> the demo site's folder, built once per theme for this module's tests
    (they only read it)."""
    built: dict[str, Path] = {}

    def get(theme: str) -> Path:
        if theme not in built:
            built[theme] = build_demo(tmp_path_factory.mktemp(f"demo-{theme}"), theme)
        return built[theme]

    return get


def build_demo(tmp_path: Path, theme: str) -> Path:
    """The demo site, on `theme`, built from the repository's own docs and settings, in a
    folder to be served from below MOUNT."""
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["docs_dir"] = str(ROOT / "docs")
    if theme != "material":
        settings["theme"] = {"name": theme}
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "perceptual" in plugin:
            # static_dir must be inside the project (beside mkdocs.yml): a copy of it.
            static = plugin["perceptual"]["static_dir"]
            shutil.copytree(ROOT / static, tmp_path / static)
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    www = tmp_path / "www"
    site = www / MOUNT
    result = mkdocs(tmp_path, "build", "--strict", "-f", str(config), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return www


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def failed(response) -> bool:
    """A response that is an error, but for one Material makes by design: its language
    switcher fetches the sitemap.xml beside every `<link rel="alternate">`, a category's or
    tag's feed among them (category/x/sitemap.xml), and ignores the 404 (docs/plugin/blog.md
    says so)."""
    if response.status < 400:
        return False
    return not _FEED_SITEMAP.search(response.url.split("?")[0])


_FEED_SITEMAP = re.compile(r"/(category|tag)/[^/]+/sitemap\.xml$")


def console_error(message) -> bool:
    """An error in the console, but for the 404 of that same sitemap request."""
    if message.type != "error":
        return False
    return not _FEED_SITEMAP.search(message.location.get("url", "").split("?")[0])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_seed_post_in_chromium(browser, screenshots, demo, theme):
    site = demo(theme)
    server, base = serve_folder(site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if console_error(msg) else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url} {req.failure}"))
    page.on("response", lambda r: errors.append(f"{r.status}: {r.url}") if failed(r) else None)
    try:
        page.goto(base + MOUNT + SEED_URL, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        shot = screenshots / f"seed-{theme}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"{theme}: {shot}")

        line = page.evaluate(
            """() => {
                const p = [...document.querySelectorAll('p')].find(p => p.textContent.includes('Vestibulum erat'));
                const range = document.createRange();
                range.setStart(p.firstChild, 0);
                range.setEnd(p.firstChild, 1);
                return range.getBoundingClientRect().height;
            }"""
        )
        heights = page.eval_on_selector_all(
            "math[display=block]", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert len(heights) == 2
        assert all(h > line * 1.2 for h in heights), (heights, line)

        colours = page.eval_on_selector_all(
            "div.language-css code span",
            "els => [...new Set(els.filter(e => e.textContent.trim()).map(e => getComputedStyle(e).color))]",
        )
        assert len(colours) > 1, colours
        assert page.locator("#about-the-dataset").count() == 1
        assert errors == []
    finally:
        page.close()
        server.shutdown()


# Three pages of the plugin's own documentation, and what each must show.
DOC_PAGES = {
    "plugin/getting-started/": "Getting started",
    "plugin/configuration/": "Configuration reference",
    "benchmarks/": "Benchmarks",
    # The blog features in the demo: a cover, related posts, the comments' button; the
    # archive; the blog guide's live latest-posts block; the home page's covers.
    "posts/feeds-covers-and-comments/": "Feeds, covers and comments that keep their threads",
    "archive/": "Archive",
    "plugin/blog/": "Listings, feeds and links",
    "": "mkdocs-perceptual",
}


def test_docs_pages_in_chromium(browser, screenshots, demo):
    site = demo("material")
    server, base = serve_folder(site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url} {req.failure}"))
    page.on("response", lambda r: errors.append(f"{r.status}: {r.url}") if failed(r) else None)
    try:
        for path, heading in DOC_PAGES.items():
            # Every request of the page before (the favicon's, which Chromium makes after the
            # load event) has ended before the next is opened, which would abort it.
            page.goto(base + MOUNT + path, wait_until="networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            # Every image loaded and decoded, the lazy ones too (a cover below the fold starts
            # loading only when the screenshot reaches it), the benchmark chart among them:
            # one that cannot be is broken.
            broken = page.evaluate(CHECKS)["broken"]
            assert broken == [], broken
            shot = screenshots / f"docs-{path.strip('/').replace('/', '-')}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"{path}: {shot}")
            assert page.locator("article h1").first.inner_text().rstrip("¶") == heading
            # Nothing runs off the side of the page: wide tables scroll inside their own box.
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (path, overflow)
        # The configuration table is a real table, with a row per option.
        page.goto(base + MOUNT + "plugin/configuration/", wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        from mkdocs_perceptual.config import PerceptualConfig

        rows = page.locator("article table tbody tr").count()
        schema = dict(PerceptualConfig._schema)
        images = schema["images"].config_class._schema
        giscus = schema["giscus"].config_class._schema
        assert rows == len(schema) + len(images) + len(giscus)
        page.goto(base + MOUNT + "benchmarks/", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.eval_on_selector_all("article img", "els => els.length") == 1
        assert errors == []
    finally:
        page.close()
        server.shutdown()


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_comments_load_only_when_the_reader_asks(browser, demo, theme):
    """The demo's post with comments: on load, every request stays on the site; pressing
    "Show comments" asks Disqus for its script, with Lumen's identifier and URL set (the
    request is answered here with a stand-in that records what Disqus would be given)."""
    site = demo(theme)
    server, base = serve_folder(site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    stand_in = """
        var config = {page: {}};
        window.disqus_config.call(config);
        document.getElementById('disqus_thread').textContent =
            'DISQUS ' + config.page.identifier + ' | ' + config.page.url;
    """

    def third_party(route):
        outside.append(route.request.url)
        if route.request.url.endswith("/embed.js"):
            route.fulfill(status=200, content_type="text/javascript", body=stand_in)
        else:
            route.abort()

    page.route(lambda url: not url.startswith(base), third_party)
    try:
        page.goto(base + MOUNT + "posts/feeds-covers-and-comments/", wait_until="load")
        page.wait_for_timeout(300)
        assert outside == []
        button = page.locator(".perceptual-comments-button")
        assert button.is_visible()
        button.click()
        page.wait_for_function(
            "document.getElementById('disqus_thread').textContent.startsWith('DISQUS')"
        )
        assert outside == ["https://mkdocs-perceptual-demo.disqus.com/embed.js"]
        assert page.locator("#disqus_thread").inner_text() == (
            "DISQUS Feeds, covers and comments that keep their threads | "
            "https://example.org/mkdocs-perceptual/posts/feeds-covers-and-comments"
        )
        assert not button.is_visible()
        assert errors == []
    finally:
        page.close()
        server.shutdown()


def test_giscus_gets_its_settings_on_the_click(browser, tmp_path):
    from conftest import build_in_process, plugins, post, write_site

    giscus = {"repo": "alice/blog", "repo_id": "R_1", "category": "C", "category_id": "DIC_1"}
    write_site(
        tmp_path,
        {"posts/a.md": post(title="A")},
        # Material's own font CDN off: the test counts the page's requests elsewhere.
        {
            "theme": {"name": "material", "font": False},
            "plugins": plugins(comments="giscus", giscus=giscus),
        },
    )
    assert build_in_process(tmp_path).returncode == 0
    server, base = serve_folder(tmp_path / "site")
    page = browser.new_page()
    outside: list[str] = []

    def third_party(route):
        outside.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(base), third_party)
    try:
        page.goto(base + "posts/a/", wait_until="load")
        assert outside == []
        page.locator(".perceptual-comments-button").click()
        page.wait_for_function("!!document.querySelector('.perceptual-comments script')")
        script = page.eval_on_selector(
            ".perceptual-comments script",
            "s => Object.fromEntries([...s.attributes].map(a => [a.name, a.value]))",
        )
        assert script["src"] == "https://giscus.app/client.js"
        assert script["data-repo"] == "alice/blog"
        assert script["data-category-id"] == "DIC_1"
        assert script["data-mapping"] == "pathname"
        assert script["crossorigin"] == "anonymous"
        assert "data-perceptual-comments" not in script
    finally:
        page.close()
        server.shutdown()
