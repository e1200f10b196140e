"""Real `mkdocs build` runs of small sites in temporary folders."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import textwrap
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_perceptual.lumen.post import Post

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "docs" / "posts" / "perceptual-learning-text-sequences.md"
# The seed post's image, where the seed links it: /media/image-3.jpg.
SEED_IMAGE = {"media/image-3.jpg": (ROOT / "static" / "media" / "image-3.jpg").read_bytes()}


@dataclasses.dataclass
class Build:
    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")

    def outputs(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.site).as_posix(): p.read_bytes()
            for p in sorted(self.site.rglob("*"))
            if p.is_file()
        }


# Debian's Chromium, driven by playwright in the browser tests. Without these flags it keeps
# calling home, which this machine's closed network refuses.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # One raster thread, each tile rastered whole: with several, the edge of a rounded,
    # shadowed image came out one colour level apart from one load to the next (3 pixels),
    # and the pixel comparisons of test_compact.py failed on pages that were byte-identical.
    "--num-raster-threads=1",
    "--disable-partial-raster",
]


def image_bytes(width: int, height: int, fmt: str = "PNG", seed: int = 0, **save: Any) -> bytes:
    """A real image of that size: smooth colour noise (it compresses as a photograph does,
    not as a flat colour), written by Pillow in `fmt`."""
    import io
    import random

    from PIL import Image

    rng = random.Random(seed)
    small = Image.new("RGB", (8, 6))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(48)])
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    return out.getvalue()


def need(reason: str) -> None:
    """Skip a test whose tool is missing, but fail it under CI=true: CI must run it."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run this test (.ci/run installs what it needs)")
    pytest.skip(reason)


def write_site(root: Path, files: dict[str, str | bytes], config: dict | None = None) -> None:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8", newline="")
    settings = {
        "site_name": "Test blog",
        "site_url": "https://example.org/",
        "theme": "material",
        "plugins": plugins(),
    }
    settings.update(config or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


def plugins(**options: object) -> list:
    """The plugins setting: search, and ours with `options`. The blog index goes to blog/,
    because most test sites have their own index.md."""
    return ["search", {"perceptual": {"blog_index": "blog/", **options}}]


def quiet_env() -> dict[str, str]:
    """The environment for the MkDocs-like commands the tests run: without Material's
    MkDocs 2 banner and Python's warnings, which would bury the output a test shows."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")


def mkdocs(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = quiet_env()
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class _Lines(logging.Handler):
    """MkDocs' log as its command line prints it: 'WARNING -  message'."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


# What differs between two builds of the same files: the build's own date, in the sitemap and
# (MkDocs' theme) in a comment at the end of the home page.
_BUILD_DATE = re.compile(rb"<lastmod>[^<]*</lastmod>|Build Date UTC : [^\n]*")


def site_outputs(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, as two builds of the same files give it: the
    sitemap decompressed, the build's own date taken out."""
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name == "sitemap.xml.gz":
            data = gzip.decompress(data)
        found[path.relative_to(site).as_posix()] = _BUILD_DATE.sub(b"(date)", data)
    return found


def site_differences(ours: dict[str, bytes], clean: dict[str, bytes]) -> str:
    """A readable account of where two sites' outputs differ ('' where they do not): each
    file one has and the other lacks, and a diff of each text file they both have."""
    import difflib

    out = []
    for name in sorted(set(ours) | set(clean)):
        a, b = ours.get(name), clean.get(name)
        if a == b:
            continue
        if a is None or b is None:
            out.append(f"{name}: only in {'the clean site' if a is None else 'ours'}")
            continue
        lines_a = a.decode("utf-8", "replace").replace(",", ",\n").splitlines()
        lines_b = b.decode("utf-8", "replace").replace(",", ",\n").splitlines()
        diff = list(difflib.unified_diff(lines_b, lines_a, "clean", "ours", n=1, lineterm=""))
        out.append(f"{name}:\n" + "\n".join(diff[:40]))
    return "\n".join(out)


def serve_build(root: Path, kept: dict[str, object], *, start: bool, dirty: bool = False) -> None:
    """One build of `mkdocs serve` (`--dirty` with `dirty`) of root/mkdocs.yml into root/site,
    in this process: MkDocs' own `build(config, serve_url=..., dirty=...)`, with `kept` as the
    plugin instances MkDocs keeps across rebuilds (of plugins that define on_startup), and
    on_startup called where `start` (serve's first build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    option = dict(MkDocsConfig._schema)["plugins"]
    saved, option.plugin_cache = option.plugin_cache, kept
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        if start:
            config.plugins.on_startup(command="serve", dirty=dirty)
        build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
    finally:
        option.plugin_cache = saved
        logger.setLevel(level)


def build_in_process(root: Path, strict: bool = True, dirty: bool = False) -> Build:
    """`mkdocs build [--strict] [--dirty]` of root/mkdocs.yml, as the command runs it, in this
    process:
    the same config loading, plugins, strict counting and abort, without the second or so a
    new Python process costs. An exception MkDocs would not catch fails like the command."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    lines = _Lines()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # as the command line sets it
    logger.addHandler(lines)
    # New plugin instances, as a new process has: MkDocs keeps the instances of plugins with
    # an on_startup in the `plugins` option's cache, for `mkdocs serve`, and Material's
    # search plugin would merge a previous `--dirty` build's index into this one.
    option = dict(MkDocsConfig._schema)["plugins"]
    saved, option.plugin_cache = option.plugin_cache, {}
    returncode = 0
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=strict)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as e:
        lines.lines.append(f"Aborted: {e}")
        returncode = 1
    except Exception:
        lines.lines.append(traceback.format_exc())
        returncode = 1
    finally:
        option.plugin_cache = saved
        logger.removeHandler(lines)
        logger.setLevel(level)
    return Build(root, returncode, "\n".join(lines.lines))


@pytest.fixture
def build_site(tmp_path: Path):
    """build_site(files, config=None, strict=True) -> Build, from a real `mkdocs build`."""

    def build(files: dict[str, str | bytes], config: dict | None = None, strict: bool = True):
        write_site(tmp_path, files, config)
        return build_in_process(tmp_path, strict)

    return build


def post(
    title: str = "A post", date: str = '"2020-01-02 10:00:00"', body: str = "Body.", **fields: str
) -> str:
    """A Lumen post's Markdown; each keyword is one more front matter line, written as given."""
    lines = [f"title: {title}", f"date: {date}", 'template: "post"']
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def mkdocs_config(tmp: Path, site_name: str = "Test blog", **settings: Any) -> MkDocsConfig:
    """A validated MkDocsConfig for docs/ and site/ under `tmp`, as the plugin's on_files
    sees it (File.generated names the plugin that is running)."""
    (tmp / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(tmp / "mkdocs.yml"))
    config.load_dict(
        {"site_name": site_name, "docs_dir": "docs", "site_dir": "site", "plugins": [], **settings}
    )
    assert config.validate() == ([], [])
    config.plugins._current_plugin = "perceptual"  # as while our on_files runs
    return config


def template_env() -> Environment:
    """The plugin's own templates, as the theme's environment finds them."""
    return Environment(
        loader=FileSystemLoader(str(ROOT / "mkdocs_perceptual" / "site" / "templates"))
    )


def make_post(src_uri: str = "posts/a.md", **fields: Any) -> Post:
    """A `Post` as the front matter reader makes it; every field has a plain default, and a
    `date` may be given as 'YYYY-MM-DD' (UTC)."""
    values: dict[str, Any] = {
        "src_uri": src_uri,
        "kind": "post",
        "title": posixpath.splitext(posixpath.basename(src_uri))[0],
        "date": "2020-01-01",
        "draft": False,
        "slug": None,
        "category": None,
        "tags": (),
        "description": None,
        "social_image": None,
    }
    values.update(fields)
    if isinstance(values["date"], str):
        values["date"] = dt.datetime.fromisoformat(values["date"]).replace(tzinfo=dt.timezone.utc)
    values["tags"] = tuple(values["tags"])
    return Post(**values)


def broken_links(site: Path, mount: str = "/") -> list[str]:
    """Every link, image, stylesheet and script in the site's HTML that leads to no file.

    `mount` is the path the site is served under (site_url's path); root-absolute links are
    read against it, as a web server would.
    """
    broken = []
    for page in sorted(site.rglob("*.html")):
        here = "/" + page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                url = element[attr]
                parts = urlsplit(url)
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                path = unquote(posixpath.normpath(urljoin(mount + here.lstrip("/"), parts.path)))
                if parts.path.endswith(("/", ".")) or path + "/" == mount:
                    path = path.rstrip("/") + "/"
                if not path.startswith(mount):
                    broken.append(f"{here}: {url} (outside {mount})")
                    continue
                target = site / path[len(mount) :]
                if path.endswith("/") or target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{here}: {url}")
    return broken


# The longest tests, started first: pytest-xdist hands out tests in collection order, and one
# of these begun last would hold a worker long after the other has run out of tests.
LONGEST_FIRST = (
    "test_wheel.py::test_wheel_in_a_fresh_venv_builds_a_blog",
    "test_edit_loop.py::",
    "test_benchmarks.py::",
    "test_screenshots.py::",
    "test_browser.py::test_docs_pages_in_chromium",
)


def pytest_configure(config: pytest.Config) -> None:
    """In the main process, start installing the pinned JavaScript (tests/js) at once, while
    pytest-xdist's workers start and collect: the differential tests wait for it then."""
    if hasattr(config, "workerinput") or shutil.which("npm") is None:
        return
    import threading

    import jsrun

    threading.Thread(target=jsrun.install, name="npm ci", daemon=True).start()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        where = item.nodeid.split("/")[-1]
        return next((i for i, p in enumerate(LONGEST_FIRST) if where.startswith(p)), 99)

    items.sort(key=rank)  # stable: the others keep their order
