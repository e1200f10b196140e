"""`build/memory.py`: memory the build freed goes back to the system where the C library can
give it back (glibc's `malloc_trim`, on this machine and in CI)."""

from __future__ import annotations

import copy
import json
import pickle
import re
import sys
from pathlib import Path

import pytest
from conftest import build_in_process, need, plugins, post, write_site
from test_searchtext import BLOG

from mkdocs_perceptual.build import memory


def resident_kib() -> int:
    status = Path("/proc/self/status").read_text()
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, flags=re.M)
    assert found is not None
    return int(found.group(1))


def test_freed_memory_goes_back_to_the_system():
    if memory._TRIM is None:
        need("the C library has no malloc_trim (not glibc)")
    # 100 MiB in blocks the C library allocates (over pymalloc's 512 bytes), written to so that
    # they are resident, then one more after them, so the heap cannot just shrink from its top.
    blocks = [bytearray(b"x" * 1024) for _ in range(100_000)]
    last = bytearray(b"y" * 1024)
    del blocks
    before = resident_kib()
    assert memory.give_back()
    after = resident_kib()
    assert before - after > 50 * 1024, (before, after)
    assert last[0] == ord("y")


def test_a_build_gives_memory_back_as_it_writes_the_posts_and_before_the_feeds(
    build_site, monkeypatch
):
    calls = []
    monkeypatch.setattr(memory, "EVERY", 2)
    monkeypatch.setattr(memory, "give_back", lambda: calls.append(1) or True)
    files = {"index.md": "# Home\n"}
    for n in range(5):
        files[f"posts/p{n}.md"] = post(title=f"Post {n}", date=f'"2020-01-0{n + 1} 10:00:00"')
    result = build_site(files, {"plugins": plugins(workers=1)})
    assert result.returncode == 0, result.output
    # Two while the five posts are written (after the second and the fourth), one at the end.
    assert len(calls) == 3


# -- search entries' texts held as UTF-8 ------------------------------------------------------

TEXTS = [
    "",
    "plain ASCII <p>text</p>",
    "Latin-1: caf\u00e9 \u00b1 \u00ff",
    "a formula: L = \u2212\u2211 y log p, \u03b1 \u2061",
    "beyond the plane: \U0001d465 and \U0001f600",
    "a lone surrogate from a character reference: \ud800",
    "\u0100 at the edge",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_utf8_text_is_written_and_read_as_its_string(text):
    held = memory.Utf8Text(text)
    assert str(held) == text
    # As Material writes its index, and as MkDocs' search writes its.
    for options in ({"separators": (",", ":")}, {"sort_keys": True, "separators": (",", ":")}):
        written = json.dumps({"docs": [{"text": held}]}, default=str, **options)
        assert written == json.dumps({"docs": [{"text": text}]}, **options)
    assert held == text
    assert held == memory.Utf8Text(text)
    assert hash(held) == hash(text)
    assert len(held) == len(text)
    assert held.upper() == text.upper()
    assert repr(held) == repr(text)
    for copied in (pickle.loads(pickle.dumps(held)), copy.copy(held), copy.deepcopy(held)):
        assert isinstance(copied, memory.Utf8Text)
        assert str(copied) == text


@pytest.mark.parametrize("text", TEXTS)
def test_only_texts_beyond_latin_1_are_held_as_utf8(text):
    entries = [{"location": "a/", "title": text, "text": text, "tags": [text]}]
    memory.compact_entries(entries)
    (entry,) = entries
    beyond = any(ord(c) > 0xFF for c in text)
    assert isinstance(entry["text"], memory.Utf8Text) is beyond
    assert entry["text"] == text
    assert (entry["title"], entry["tags"]) == (text, [text])  # only the text
    if beyond:
        assert sys.getsizeof(entry["text"].data) < sys.getsizeof(text) or len(text) < 40
    memory.plain_entries(entries)
    assert type(entry["text"]) is str
    assert entry["text"] == text


COUNT_HOOK = """
import json
from pathlib import Path
from mkdocs.plugins import event_priority
from mkdocs_perceptual.build import memory

@event_priority(100)  # before the search plugin writes its index
def on_post_build(config):
    entries = config.plugins["material/search"].search_index.entries
    held = sum(isinstance(e.get("text"), memory.Utf8Text) for e in entries)
    Path(config.config_file_path).with_name("held.json").write_text(json.dumps(held))
    if Path(config.config_file_path).with_name("strings").exists():
        memory.plain_entries(entries)
"""


class OldJson:
    """The `json` module of a Material that writes no object as its string."""

    loads, load, dump = staticmethod(json.loads), staticmethod(json.load), staticmethod(json.dump)

    @staticmethod
    def dumps(value, **options):
        options.pop("default", None)
        return json.dumps(value, **options)


@pytest.mark.parametrize(
    "workers",
    # Two starts a worker process: in the whole suite, not the fast tier.
    [1, pytest.param(2, marks=pytest.mark.slow)],
)
def test_materials_index_is_written_as_it_is_without_the_utf8_texts(tmp_path, monkeypatch, workers):
    """Real builds on Material (this process's entries with one process, the workers' with
    two): the index holds the texts with formulas as UTF-8 while the pages are written, and
    writes the search_index.json it writes from strings (made strings by a hook before it is
    written); also where Material's JSON takes no object (made strings by the plugin)."""
    import material.plugins.search.plugin as material_search

    from mkdocs_perceptual.build import parallel

    monkeypatch.setattr(parallel, "SMALLEST", 2)
    written = {}
    for name in ("strings", "utf8", "old json"):
        root = tmp_path / name
        root.mkdir()
        (root / "count.py").write_text(COUNT_HOOK, encoding="utf-8")
        if name == "strings":
            (root / "strings").touch()
        write_site(root, BLOG, {"plugins": plugins(workers=workers), "hooks": ["count.py"]})
        with monkeypatch.context() as patch:
            if name == "old json":
                patch.setattr(material_search, "json", OldJson)
            result = build_in_process(root, strict=False)
        assert result.returncode == 0, result.output
        written[name] = (result.site / "search/search_index.json").read_bytes()
        assert json.loads((root / "held.json").read_text()) >= 12, name
    assert written["utf8"] == written["strings"] == written["old json"]
    index = json.loads(written["utf8"])
    assert any("\u2211" in doc["text"] for doc in index["docs"])


# -- a rendered post's Markdown held packed ---------------------------------------------------

PACKED_HOOK = """
import json
from pathlib import Path

SEEN, CHECKED = {}, {}

def on_page_markdown(markdown, page, config, files):
    SEEN[page.file.src_uri] = markdown  # hooks run after the plugins: the Markdown rendered
    return markdown

def on_page_context(context, page, config, nav):
    if page.file.src_uri in SEEN:
        held = page.__dict__.get("_markdown")
        CHECKED[page.file.src_uri] = [
            type(held).__name__, page.markdown == SEEN[page.file.src_uri], page.title
        ]
        page.markdown = b"bytes"  # whatever a plugin sets is given back as it was set
        assert page.markdown == b"bytes"
        page.markdown = SEEN[page.file.src_uri]
    return context

def on_post_build(config):
    Path(config.config_file_path).with_name("packed.json").write_text(json.dumps(CHECKED))
"""


@pytest.mark.parametrize(
    "workers",
    # Two starts a worker process: in the whole suite, not the fast tier.
    [1, pytest.param(2, marks=pytest.mark.slow)],
)
def test_a_rendered_posts_markdown_is_held_packed_and_read_as_it_was(
    tmp_path, monkeypatch, workers
):
    """Once rendered, a post's Markdown is held compressed; a plugin reading `page.markdown`
    later gets the text it was, beyond Latin-1 and astral characters too, and its title."""
    from mkdocs_perceptual.build import parallel

    monkeypatch.setattr(parallel, "SMALLEST", 2)
    files = {"index.md": "# Home\n"}
    for n in range(6):
        body = f"Mỗi cặp từ — “quoted” 🦜 and $x^{n} + \\\\alpha$.\n\n## Section {n}\n\nMore."
        files[f"posts/p{n}.md"] = post(title=f"Post {n} 🦜", date=f"2020-01-0{n + 1}", body=body)
    write_site(tmp_path, files, {"plugins": plugins(workers=workers), "hooks": ["hooks.py"]})
    (tmp_path / "hooks.py").write_text(PACKED_HOOK, encoding="utf-8")
    result = build_in_process(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    checked = json.loads((tmp_path / "packed.json").read_text())
    # Other pages (MkDocs' and the listings) hold theirs as MkDocs does.
    assert checked.pop("index.md") == ["NoneType", True, "Home"]
    checked = {src: seen for src, seen in checked.items() if src.startswith("posts/")}
    assert checked == {f"posts/p{n}.md": ["_Packed", True, f"Post {n} 🦜"] for n in range(6)}


def test_a_post_this_process_renders_is_let_go_of_by_the_pools_reading():
    """The pool's reading (`parallel.Ahead`) keeps each post's Markdown until a worker is
    handed it; one this process renders itself is let go of as its page takes it, since
    its page holds it (packed, once rendered)."""
    import concurrent.futures
    import types

    from mkdocs_perceptual.build import parallel
    from mkdocs_perceptual.build.cache import RenderCache

    class Pool:
        count = 1

        def submit(self, fn, *args):
            return concurrent.futures.Future()  # a worker still at it

    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="posts/x.md"))
    chunks = [[(f"k{c}{j}", page, f"text {c}{j}") for j in range(2)] for c in range(6)]
    ahead = parallel.Ahead(Pool(), chunks, RenderCache(once=True))
    handed = {i for i in ahead.running.values()}
    assert handed == {5, 4}  # the workers hold the last two chunks
    ahead.take("k00")  # this process renders the first post
    assert [job[0] for job in ahead.chunks[0]] == ["k01"]
    ahead.take("k01")
    assert ahead.chunks[0] == []
    assert [len(ahead.chunks[i]) for i in (1, 2, 3, 4, 5)] == [2, 2, 2, 2, 2]
