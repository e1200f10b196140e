"""The render pool (`workers`, issue 27): a build with workers writes a serial build's site,
byte for byte, and says the same log lines in the same order; a configuration that cannot be
sent to a worker, and a worker that dies, fall back to this process without a hang."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_in_process, plugins, site_outputs, write_site
from test_build import post

from mkdocs_perceptual.build import parallel, worker

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate


@pytest.fixture(autouse=True)
def small_blogs_use_the_pool(monkeypatch):
    """The pool starts only for blogs of hundreds of posts; these tests' blogs are small."""
    monkeypatch.setattr(parallel, "SMALLEST", 2)


def blog(n: int = 40) -> dict[str, str]:
    """A blog big enough for the pool: posts with code, math, headings, links between them,
    a link to nothing (a warning) and a link to an anchor."""
    files = {"index.md": "# Home\n"}
    for i in range(n):
        files[f"posts/p{i:03d}.md"] = post(
            title=f"Post {i}",
            date=f"2020-01-{1 + i % 28:02d}",
            category=["Alpha", "Beta", "Gamma"][i % 3],
            tags=f"[t{i % 5}]",
            body=f"# Heading {i}\n\nText with $x^{i}$ and [next](/posts/p{(i + 1) % n:03d}/).\n\n"
            f"```python\nprint({i})\n```\n\nSee [the top](#heading-{i}) and [gone](/nowhere-{i}).\n",
        )
    return files


def build(root: Path, files: dict, workers: object, theme: str = "material", **settings):
    write_site(root, files, {"theme": theme, "plugins": plugins(workers=workers), **settings})
    result = build_in_process(root, strict=False)
    assert result.returncode == 0, result.output
    return result


def test_workers_write_a_serial_builds_site_and_log(tmp_path):
    serial = build(tmp_path / "one", blog(), 1)
    pooled = build(tmp_path / "three", blog(), 3)
    assert "workers: 40 posts rendered in 3 processes" in pooled.output
    assert "workers:" not in serial.output
    assert site_outputs(pooled.site) == site_outputs(serial.site)
    # The same lines, in the same order: each page's warnings as it is rendered.
    lines = [line for line in serial.output.splitlines() if "nowhere" in line]
    assert len(lines) == 40
    assert [x for x in pooled.output.splitlines() if "nowhere" in x] == lines


def test_the_one_build_cache_lets_go_of_every_rendering(tmp_path, monkeypatch):
    """A post's rendering is held once, by its page: the build's own cache keeps neither the
    workers' (let go of as the page takes it) nor this process's (never kept)."""
    caches = []
    finish = parallel.Ahead.finish

    def noting(self):
        caches.append(self.cache)
        finish(self)

    monkeypatch.setattr(parallel.Ahead, "finish", noting)
    build(tmp_path, blog(), 2)
    assert len(caches) == 1
    assert caches[0].once
    assert caches[0].entries == {}


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_the_demo_and_a_generated_blog_are_the_same_with_workers(tmp_path, theme):
    import yaml

    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    sites = {}
    for workers in (1, 4):
        root = tmp_path / f"demo-{workers}"
        root.mkdir()
        config = dict(settings, docs_dir=str(ROOT / "docs"), site_dir=str(root / "site"))
        if theme != "material":
            config["theme"] = {"name": theme}
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "perceptual" in plugin:
                plugin["perceptual"] = dict(plugin["perceptual"], workers=workers)
                static = plugin["perceptual"]["static_dir"]
                if not (root / static).exists():
                    shutil.copytree(ROOT / static, root / static)
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        result = build_in_process(root, strict=True)
        assert result.returncode == 0, result.output
        sites[workers] = site_outputs(root / "site")
    assert sites[4] == sites[1]
    # The benchmark's generated blog, 60 posts.
    generate(60, tmp_path / "generated")
    built = {}
    for workers in (1, 4):
        folder = tmp_path / "generated" / "perceptual"
        config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
        config["theme"] = {"name": theme}
        config["plugins"][1]["perceptual"]["workers"] = workers
        config["site_dir"] = f"site-{workers}"
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        result = build_in_process(folder, strict=False)
        assert result.returncode == 0, result.output
        built[workers] = site_outputs(folder / f"site-{workers}")
    assert built[4] == built[1]


HOOK = """
from markdown import Extension
from mkdocs.plugins import event_priority

@event_priority(100)  # before the plugin makes its readings
def on_config(config):
    class Local(Extension):  # defined here: it cannot be sent to another process
        def extendMarkdown(self, md):
            pass

    config.markdown_extensions.append(Local())
    return config
"""


def _pools(monkeypatch) -> list:
    """Every pool a build makes, as it makes them."""
    from mkdocs_perceptual.build import processes

    made = []
    init = processes.Pool.__init__

    def noting(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append((self, kwargs.get("early", False)))

    monkeypatch.setattr(processes.Pool, "__init__", noting)
    return made


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_the_workers_start_as_the_files_are_read(tmp_path, monkeypatch):
    """One pool, started in on_files (its workers import while the posts are read) and used
    to render them; the site is a serial build's."""
    made = _pools(monkeypatch)
    pooled = build(tmp_path / "pool", blog(), 2)
    assert [early for _, early in made] == [True]
    assert made[0][0].begun
    assert all(w.process.poll() is not None for w in made[0][0].workers)  # closed at the end
    assert site_outputs(pooled.site) == site_outputs(build(tmp_path / "one", blog(), 1).site)


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_workers_started_early_and_not_needed_are_stopped(tmp_path, monkeypatch):
    """A configuration that turns out not to be sendable: the early workers end, unused."""
    made = _pools(monkeypatch)
    (tmp_path / "hooks.py").write_text(HOOK, encoding="utf-8")
    write_site(tmp_path, blog(), {"plugins": plugins(workers=2), "hooks": ["hooks.py"]})
    result = build_in_process(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    assert [early for _, early in made] == [True]
    assert not made[0][0].begun
    assert all(w.process.poll() is not None for w in made[0][0].workers)


MARKDOWN_HOOK = """
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "posts/p005.md":
        return markdown + "\\n\\nChanged by a hook."
    return markdown
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_post_another_plugin_changes_still_ends_the_pools_reading(tmp_path):
    """A post whose Markdown a hook changes is not the one the workers were handed (its
    rendering is this process's): the pool's reading still ends once MkDocs has read every
    page, with its INFO line, and the site is a serial build's."""
    sites = {}
    for workers in (1, 2):
        root = tmp_path / str(workers)
        root.mkdir()
        (root / "hooks.py").write_text(MARKDOWN_HOOK, encoding="utf-8")
        result = build(root, blog(), workers, hooks=["hooks.py"])
        sites[workers] = site_outputs(result.site)
        if workers == 2:
            lines = [x for x in result.output.splitlines() if "posts rendered in" in x]
            assert len(lines) == 1, result.output
    assert b"Changed by a hook." in sites[2]["posts/p005/index.html"]
    assert sites[2] == sites[1]


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_warm_cache_starts_no_worker(tmp_path, monkeypatch):
    """With `cache: true`, a second build finds every rendering kept: no process is started."""
    write_site(tmp_path, blog(), {"plugins": plugins(workers=2, cache=True)})
    assert build_in_process(tmp_path, strict=False).returncode == 0
    made = _pools(monkeypatch)
    assert build_in_process(tmp_path, strict=False).returncode == 0
    assert made == []


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_configuration_that_cannot_be_sent_renders_here(tmp_path):
    (tmp_path / "hooks.py").write_text(HOOK, encoding="utf-8")
    write_site(tmp_path, blog(), {"plugins": plugins(workers=2), "hooks": ["hooks.py"]})
    result = build_in_process(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    lines = [x for x in result.output.splitlines() if "workers:" in x]
    assert len(lines) == 1
    assert "rendering in one process, as the configuration cannot be sent" in lines[0]
    serial = build(tmp_path / "serial", blog(), 1)
    assert site_outputs(result.site) == site_outputs(serial.site)


MODULE_HOOK = """
from markdown import Extension
from mkdocs.plugins import event_priority


class Shout(Extension):  # pickles by reference to this hook's module, named 'hooks.py'
    def extendMarkdown(self, md):
        pass


@event_priority(100)
def on_config(config):
    config.markdown_extensions.append(Shout())
    return config
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
@pytest.mark.parametrize("run_from_the_project", [True, False])
def test_an_extension_from_a_hook_file_renders_here(
    tmp_path, capfd, monkeypatch, run_from_the_project
):
    """A worker cannot import the module MkDocs named after a hook file ('hooks.py'): one INFO
    line says so, no worker starts (so none fails), the site is a serial build's. Run as
    `python -m mkdocs` from the project, the hook's class even pickles (pickle imports `hooks`
    from the folder on sys.path), and only the module check sees it."""
    (tmp_path / "hooks.py").write_text(MODULE_HOOK, encoding="utf-8")
    write_site(tmp_path, blog(), {"plugins": plugins(workers=2), "hooks": ["hooks.py"]})
    if run_from_the_project:
        monkeypatch.chdir(tmp_path)
        monkeypatch.syspath_prepend(str(tmp_path))
        monkeypatch.delitem(sys.modules, "hooks", raising=False)
    result = build_in_process(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    lines = [x for x in result.output.splitlines() if "workers:" in x]
    assert len(lines) == 1, lines
    assert "rendering in one process, as the configuration cannot be sent to a worker" in lines[0]
    if run_from_the_project:
        assert lines[0].endswith("the module 'hooks.py' cannot be imported by another process")
    assert "Traceback" not in capfd.readouterr().err
    (tmp_path / "serial").mkdir()
    (tmp_path / "serial" / "hooks.py").write_text(MODULE_HOOK, encoding="utf-8")
    serial = build(tmp_path / "serial", blog(), 1, hooks=["hooks.py"])
    assert site_outputs(result.site) == site_outputs(serial.site)


def test_extension_objects_and_builtin_types_can_be_sent():
    """Protocol 2 would name the built-in types after Python 2's `__builtin__` module, which
    no import finds: the check names them as Python 3 does."""
    from markdown.extensions.footnotes import FootnoteExtension

    settings = {
        "markdown_extensions": ["toc", FootnoteExtension(BACKLINK_TEXT="x")],
        "mdx_configs": {
            "toc": {"a": {1, 2}, "b": frozenset(), "c": bytearray(b"x"), "d": range(3)}
        },
    }
    assert worker.unimportable(settings) is None


ABBR_HOOK = """
def on_page_markdown(markdown, page, config, files):
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    return markdown
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_hook_changing_the_extensions_between_pages_gets_a_serial_site(tmp_path):
    """A hook that changes the extensions in place while pages are read: the pool's renderings
    were made without the change, and are not used for what the change reaches."""
    files = blog()
    files["posts/p005.md"] = post(
        title="Abbr", date="2020-01-05", body="HTML here.\n\n*[HTML]: Markup"
    )
    sites = {}
    for workers in (1, 2):
        folder = tmp_path / str(workers)
        folder.mkdir()
        (folder / "hooks.py").write_text(ABBR_HOOK, encoding="utf-8")
        sites[workers] = site_outputs(build(folder, files, workers, hooks=["hooks.py"]).site)
    assert b"<abbr" in sites[1]["posts/p005/index.html"]
    assert sites[2] == sites[1]


@pytest.mark.parametrize(
    ("module", "importable"),
    [
        ("markdown.extensions.toc", True),
        ("pymdownx.superfences", True),
        ("builtins", True),
        ("collections", True),
        ("hooks.py", False),
        ("docs/hooks.py", False),
        ("no_module_of_that_name", False),
        ("json.no_such_part", True),  # a package: its part is its to find
    ],
)
def test_which_modules_a_worker_can_import(module, importable):
    assert worker._importable(module) is importable


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_worker_that_dies_leaves_its_posts_to_this_process(tmp_path):
    """The workers take the posts from the back of MkDocs' reading order: the last post kills
    the worker, and the two chunks it held (p024 to p039) are rendered here."""
    files = blog()
    files["posts/p039.md"] = post(title="Post 39", date="2020-01-01", body="DIE-IN-WORKER")
    write_site(
        tmp_path,
        files,
        {"plugins": plugins(workers=2), "markdown_extensions": ["dying_ext"]},
    )
    result = build_in_process(tmp_path, strict=False)
    assert result.returncode == 0, result.output
    died = [line for line in result.output.splitlines() if "a worker process died" in line]
    assert len(died) == 1
    assert "while rendering posts/p024.md, posts/p025.md," in died[0]
    assert "posts/p031.md and 8 more; they are rendered in this process" in died[0]
    assert "posts rendered in 2 processes" in result.output
    serial = build(tmp_path / "serial", files, 1, markdown_extensions=["dying_ext"])
    assert site_outputs(result.site) == site_outputs(serial.site)


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_what_an_extension_prints_in_a_worker_is_not_taken_for_a_reply(tmp_path, capfd):
    """The workers answer over their standard output: a line an extension prints there goes
    to the build's standard error instead, and every post is still the workers' to render."""
    files = blog()
    for i in (0, 1, 2, 30):
        files[f"posts/p{i:03d}.md"] = post(
            title=f"Post {i}", date="2020-01-01", body=f"PRINT-IN-WORKER {i}"
        )
    pooled = build(tmp_path / "pool", files, 2, markdown_extensions=["dying_ext"])
    assert "died" not in pooled.output
    assert "a line an extension prints, in a worker" in capfd.readouterr().err
    serial = build(tmp_path / "serial", files, 1, markdown_extensions=["dying_ext"])
    assert site_outputs(pooled.site) == site_outputs(serial.site)


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_no_worker_process_can_be_started(tmp_path, monkeypatch):
    """An interpreter that cannot be run again (an embedded Python): one INFO line, and the
    posts rendered in this process."""
    serial = build(tmp_path / "serial", blog(), 1)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    pooled = build(tmp_path / "pool", blog(), 2)
    assert "workers: rendering in one process, as no worker process could be started" in (
        pooled.output
    )
    assert site_outputs(pooled.site) == site_outputs(serial.site)


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
@pytest.mark.parametrize("broken", ["posts/p000.md", "posts/p039.md"])
def test_a_post_whose_rendering_raises_fails_the_build_naming_it(tmp_path, broken):
    """Whichever process renders it (the workers take the first posts, this process the
    last), the build fails as a serial build does: MkDocs' error naming the page."""
    files = blog()
    files[broken] = post(title="Broken", date="2020-01-01", body="RAISE-HERE")
    outputs = {}
    for workers in (1, 2):
        folder = tmp_path / str(workers)
        write_site(
            folder,
            files,
            {"plugins": plugins(workers=workers), "markdown_extensions": ["dying_ext"]},
        )
        result = build_in_process(folder, strict=False)
        assert result.returncode == 1
        outputs[workers] = result.output
        assert f"Error reading page '{broken}': this post breaks the extension" in result.output
    assert outputs[1].count("Error reading page") == outputs[2].count("Error reading page") == 1


BUILD = """
import sys
from mkdocs_perceptual.build import parallel

if __name__ == "__main__":
    parallel.SMALLEST = 2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(sys.argv[1])
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
"""


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_workers_end_when_the_build_is_killed(tmp_path):
    """A build killed with SIGTERM (which Python does not catch) cannot shut its pool down:
    its workers notice their parent is gone and end, rather than wait for work forever."""
    files = blog()
    files["posts/p000.md"] = post(title="Post 0", date="2020-01-01", body="SLOW-IN-WORKER")
    write_site(
        tmp_path, files, {"plugins": plugins(workers=3), "markdown_extensions": ["dying_ext"]}
    )
    (tmp_path / "build.py").write_text(BUILD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), *sys.path]))
    build = subprocess.Popen(
        [sys.executable, "build.py", "mkdocs.yml"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = [
                child
                for child in _children(build.pid)
                if b"mkdocs_perceptual.build.worker" in Path(f"/proc/{child}/cmdline").read_bytes()
            ]
        assert len(workers) == 2, "the pool did not start"
        # Two workers and nothing else: no resource tracker (15 MiB) beside them.
        assert sorted(_children(build.pid)) == sorted(workers)
        time.sleep(1)
        build.send_signal(signal.SIGTERM)
        build.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(map(_alive, workers)), "workers outlived the build"
    finally:
        build.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("bad", [0, -1, "many", True, 1.5])
def test_workers_is_validated(build_site, bad):
    result = build_site({"posts/a.md": post()}, {"plugins": plugins(workers=bad)})
    assert result.returncode != 0
    assert "workers" in result.output


def test_auto_is_the_cores_this_process_may_use():
    import os

    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert parallel.worker_count("auto") == expected
    assert parallel.worker_count(3) == 3


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_the_workers_make_the_search_entries(tmp_path, monkeypatch):
    from mkdocs_perceptual.build.search import SearchEntries

    taken = []
    original = SearchEntries._made_by_worker

    def counting(self, key):
        entries = original(self, key)
        taken.append(entries is not None)
        return entries

    monkeypatch.setattr(SearchEntries, "_made_by_worker", counting)
    pooled = build(tmp_path / "pool", blog(), 2)
    # Every post and the home page; the listing pages are not indexed.
    assert taken.count(True) == 41
    serial = build(tmp_path / "one", blog(), 1)
    assert taken.count(True) == 41  # no pool, no workers' entries
    index = "search/search_index.json"
    assert site_outputs(pooled.site)[index] == site_outputs(serial.site)[index]
    assert site_outputs(pooled.site) == site_outputs(serial.site)


ENDED_HOOK = """
import json, os
from mkdocs.plugins import event_priority

@event_priority(100)  # before the plugin's own on_post_build, which stops the workers
def on_post_build(config):
    pool = config.plugins["perceptual"].pool
    ended = None if pool is None else [w.process.poll() is not None for w in pool.workers]
    path = os.path.join(os.path.dirname(config.config_file_path), "ended.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(ended, out)
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_the_workers_end_once_the_last_pages_entries_are_taken(tmp_path):
    """The workers have nothing to do once the last page's search entries are taken: they
    end then, before the theme's last templates and the end of the build, where they held
    their memory beside this process's largest."""
    (tmp_path / "hooks.py").write_text(ENDED_HOOK, encoding="utf-8")
    pooled = build(tmp_path, blog(), 3, hooks=["hooks.py"])
    assert "workers: 40 posts rendered in 3 processes" in pooled.output
    assert json.loads((tmp_path / "ended.json").read_text(encoding="utf-8")) == [True, True]


SEARCH_HOOK = """
from mkdocs.plugins import event_priority

def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "posts/p003.md":
        page.meta["unpicklable"] = lambda: None  # cannot be sent to a worker
    return markdown

@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context, page, config, nav):
    if page.file.src_uri == "posts/p007.md":
        page.content = page.content.replace("Text with", "Changed text with")
    return context
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_pages_the_workers_cannot_index_are_indexed_here(tmp_path):
    """A page whose front matter does not pickle, and one another plugin changes after the
    workers were handed it, are indexed in this process: the index is a serial build's."""
    sites = {}
    for workers in (1, 2):
        root = tmp_path / str(workers)
        root.mkdir()
        (root / "hooks.py").write_text(SEARCH_HOOK, encoding="utf-8")
        sites[workers] = site_outputs(build(root, blog(), workers, hooks=["hooks.py"]).site)
    assert b"Changed text with" in sites[2]["search/search_index.json"]
    assert sites[2] == sites[1]


KILL_HOOK = """
import os, signal
from mkdocs.plugins import event_priority

@event_priority(-100)  # after the plugin handed the workers the search entries to make
def on_env(env, config, files):
    pool = config.plugins["perceptual"].pool
    for pid in pool.pids:
        os.kill(pid, signal.SIGKILL)  # as an out-of-memory kill would
    return env
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_worker_killed_while_making_search_entries(tmp_path):
    """Every page is indexed here instead: the build ends, and its site is a serial build's."""
    (tmp_path / "pool").mkdir()
    (tmp_path / "pool" / "hooks.py").write_text(KILL_HOOK, encoding="utf-8")
    killed = build(tmp_path / "pool", blog(), 2, hooks=["hooks.py"])
    serial = build(tmp_path / "serial", blog(), 1)
    assert site_outputs(killed.site) == site_outputs(serial.site)


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_posts_the_pool_rendered_count_as_rendered(tmp_path, monkeypatch):
    """The render cache's misses count the posts the pool rendered in this build (the edit
    loop's benchmark reports them as "posts rendered"), its hits only what an earlier build
    made."""
    from mkdocs_perceptual.build.cache import RenderCache

    counts = []
    original = RenderCache.end_build

    def noting(self):
        counts.append((self.misses, self.hits))
        original(self)

    monkeypatch.setattr(RenderCache, "end_build", noting)
    write_site(tmp_path, blog(), {"plugins": plugins(workers=2, cache=True)})
    for _ in range(2):
        result = build_in_process(tmp_path, strict=False)
        assert result.returncode == 0, result.output
    assert counts == [(40, 0), (0, 40)]


SAVED_DURING_BUILD = """
import os

done = []

def on_pre_page(page, config, files):
    # A post saved (or deleted) while MkDocs reads the pages, as an editor may do in serve.
    if not done:
        done.append(1)
        path = os.path.join(config.docs_dir, "posts", "p007.md")
        if os.environ.get("PERCEPTUAL_TEST_DELETE"):
            os.remove(path)
        else:
            with open(path, "a", encoding="utf-8") as f:
                f.write("\\nSAVED-DURING-BUILD\\n")
    return page
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
@pytest.mark.parametrize("delete", [False, True])
def test_a_post_saved_during_the_build_is_read_once(tmp_path, monkeypatch, delete):
    """A build reads each post once, in on_files: a file saved or deleted while MkDocs reads
    the pages changes nothing, and the sites with 1 and 3 processes are the same."""
    if delete:
        monkeypatch.setenv("PERCEPTUAL_TEST_DELETE", "1")
    sites = []
    for workers in (1, 3):
        root = tmp_path / str(workers)
        write_site(root, blog(), {"plugins": plugins(workers=workers), "hooks": ["saved.py"]})
        (root / "saved.py").write_text(SAVED_DURING_BUILD, encoding="utf-8")
        result = build_in_process(root, strict=False)
        assert result.returncode == 0, result.output
        page = (result.site / "posts" / "p007" / "index.html").read_text(encoding="utf-8")
        assert "SAVED-DURING-BUILD" not in page
        sites.append(site_outputs(result.site))
    assert sites[0] == sites[1]


SHARED_HOOK = """
from pymdownx.superfences import SuperFencesCodeExtension


def on_config(config):
    config.markdown_extensions.append(SuperFencesCodeExtension())
    return config
"""


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_an_extension_object_renders_every_post_in_one_process(tmp_path):
    """An extension given as an object is shared by every page a process renders, and a page
    may leave state on it for the next: pymdown-extensions' SuperFences renders no fenced
    block after its first page was empty. A worker, starting at another post than a serial
    build, would write other pages; the posts render in one process, with one INFO line."""
    files = blog(12)
    files["posts/a-empty.md"] = post(title="Empty", date="2020-02-01", body="")
    for name in list(files):
        if name.startswith("posts/p"):
            files[name] += "\n~~~ {.python .extra #id}\ncode\n~~~\n"
    (tmp_path / "serial").mkdir()
    (tmp_path / "serial" / "hooks.py").write_text(SHARED_HOOK, encoding="utf-8")
    serial = build(tmp_path / "serial", files, 1, hooks=["hooks.py"])
    (tmp_path / "pooled").mkdir()
    (tmp_path / "pooled" / "hooks.py").write_text(SHARED_HOOK, encoding="utf-8")
    pooled = build(tmp_path / "pooled", files, 2, hooks=["hooks.py"])
    assert site_outputs(pooled.site) == site_outputs(serial.site)
    lines = [x for x in pooled.output.splitlines() if "workers:" in x]
    assert len(lines) == 1, lines
    assert "SuperFencesCodeExtension is given as an object" in lines[0]
    page = serial.html("posts/p003/index.html")
    assert page.find(id="id") is not None  # the fenced block, rendered
