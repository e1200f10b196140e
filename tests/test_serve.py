"""`mkdocs serve` as an author runs it: drafts shown with MkDocs' draft marker."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup
from conftest import plugins, post, write_site

# Slow: live `mkdocs serve` processes. `pytest -m "not slow"` leaves it out.
pytestmark = pytest.mark.slow

DRAFT = post(title="Work in progress", draft="true", slug="/posts/wip", body="Half written.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


@pytest.fixture
def serve(tmp_path):
    servers = []

    def start(files, config=None):
        write_site(tmp_path, files, config)
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        servers.append(proc)
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"mkdocs serve exited: {proc.stdout.read()}")
            try:
                fetch(base)
                return base
            except OSError:
                time.sleep(0.2)
        pytest.fail("mkdocs serve did not answer within 60 s")

    yield start
    for proc in servers:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_serve_shows_drafts_with_the_draft_marker(serve):
    base = serve(
        {"index.md": "# Home\n", "posts/wip.md": DRAFT, "posts/done.md": post(title="Done")}
    )
    status, html = fetch(base + "posts/wip/")
    assert status == 200
    assert 'class="mkdocs-draft-marker"' in html
    assert "Half written." in html
    status, html = fetch(base + "posts/done/")
    assert status == 200
    assert "mkdocs-draft-marker" not in html


def test_serve_hides_drafts_when_told(serve):
    config = {"plugins": plugins(drafts_on_serve=False)}
    base = serve({"index.md": "# Home\n", "posts/wip.md": DRAFT}, config)
    status, _ = fetch(base + "posts/wip/")
    assert status == 404
    assert fetch(base)[0] == 200


def test_serve_watches_static_dir(serve, tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "old.txt").write_text("old")
    base = serve({"posts/a.md": post(title="A")}, {"plugins": plugins(static_dir="static")})
    assert fetch(base + "old.txt") == (200, "old")
    (tmp_path / "static" / "new.txt").write_text("new")
    deadline = time.monotonic() + 30
    while fetch(base + "new.txt")[0] != 200:
        assert time.monotonic() < deadline, "mkdocs serve did not publish the new static file"
        time.sleep(0.3)
    assert fetch(base + "new.txt") == (200, "new")


def wait_until(check, what: str, timeout: float = 40) -> None:
    """Poll `check` until it holds; fail, saying `what`, after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"mkdocs serve never showed: {what}"
        time.sleep(0.3)


def test_live_preview_follows_every_edit(serve, tmp_path):
    files = {
        "posts/a.md": post(title="Alpha", date="2020-01-01", category="X", slug="/posts/a"),
        "posts/b.md": post(title="Bravo", date="2020-01-02", category="Y", slug="/posts/b"),
    }
    base = serve(files, {"theme": "mkdocs", "plugins": plugins(blog_index=None)})
    posts = tmp_path / "docs" / "posts"

    def page(url: str) -> str:
        status, text = fetch(base + url)
        return text if status == 200 else ""

    def listed(url: str, title: str) -> bool:
        return title in [
            h.get_text() for h in BeautifulSoup(page(url), "html.parser").select("article h2")
        ]

    def in_nav(title: str) -> bool:
        return title in [
            a.get_text(strip=True)
            for a in BeautifulSoup(page(""), "html.parser").select(".navbar-nav a")
        ]

    assert listed("", "Alpha")
    assert listed("", "Bravo")
    assert in_nav("Alpha")

    # A new post.
    (posts / "c.md").write_text(
        post(title="Charlie", date="2020-01-03", category="X", slug="/posts/c")
    )
    wait_until(
        lambda: "Charlie" in page("posts/c/") and listed("", "Charlie") and in_nav("Charlie"),
        "the new post",
    )
    assert listed("category/x/", "Charlie")

    # Its category changes.
    (posts / "c.md").write_text(
        post(title="Charlie", date="2020-01-03", category="Z", slug="/posts/c")
    )
    wait_until(
        lambda: listed("category/z/", "Charlie") and not listed("category/x/", "Charlie"),
        "the new category",
    )
    assert in_nav("Charlie")

    # It becomes a draft: out of the nav, still previewable and listed, marked as a draft
    # (mkdocs build leaves it out of everything; test_guarantees.py).
    (posts / "c.md").write_text(
        post(title="Charlie", date="2020-01-03", category="Z", slug="/posts/c", draft="true")
    )

    def badged(url: str, title: str) -> bool:
        soup = BeautifulSoup(page(url), "html.parser")
        return any(
            a.select_one(".perceptual-draft") and title in a.get_text()
            for a in soup.select("article")
        )

    wait_until(lambda: badged("", "Charlie") and not in_nav("Charlie"), "the post turned draft")
    assert "mkdocs-draft-marker" in page("posts/c/")
    assert 'name="robots" content="noindex"' in page("posts/c/")

    # And back.
    (posts / "c.md").write_text(
        post(title="Charlie", date="2020-01-03", category="Z", slug="/posts/c")
    )
    wait_until(
        lambda: listed("", "Charlie") and "mkdocs-draft-marker" not in page("posts/c/"),
        "the draft published",
    )

    # A slug is renamed: the new URL answers, the old one is gone.
    (posts / "a.md").write_text(
        post(title="Alpha", date="2020-01-01", category="X", slug="/posts/a2")
    )
    wait_until(
        lambda: "Alpha" in page("posts/a2/") and fetch(base + "posts/a/")[0] == 404,
        "the renamed slug",
    )

    # A post is deleted, and its category with it.
    (posts / "b.md").unlink()
    wait_until(
        lambda: fetch(base + "posts/b/")[0] == 404 and not listed("", "Bravo"), "the deleted post"
    )
    assert fetch(base + "category/y/")[0] == 404
