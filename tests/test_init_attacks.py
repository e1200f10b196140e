"""`mkdocs-perceptual init` against hostile repositories: each input either stops it with a
one-line error naming the file (and line), exit code 1 and nothing written, or gives an
mkdocs.yml that reads back to the same values and builds. Never a traceback, never a write
through a link or outside the repository, never a walk outside it, and linear time."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path

import pytest
import yaml
from conftest import build_in_process
from test_init import lumen_repo, perceptual, planned

from mkdocs_perceptual.__main__ import main
from mkdocs_perceptual.migrate import repository
from mkdocs_perceptual.migrate.jsobject import Expression, read_exports, read_object
from mkdocs_perceptual.migrate.mapping import site_url
from mkdocs_perceptual.migrate.report import shown


def snapshot(folder: Path) -> dict[str, object]:
    """Every file, folder and link under `folder`, links not followed."""
    found: dict[str, object] = {}
    for parent, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(parent, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = "folder"
            elif path.is_file():
                found[rel] = path.read_bytes()
            else:
                found[rel] = "no file"
    return found


def refused(
    repo: Path, capsys: pytest.CaptureFixture[str], *args: str, around: Path | None = None
) -> str:
    """Run init on `repo`: exit code 1, one line on stderr, nothing changed in `around`
    (the repository's folder, and whatever lies beside it); the error line."""
    around = around or repo.parent
    before = snapshot(around)
    assert main(["init", str(repo), *args]) == 1
    err = capsys.readouterr().err
    assert err.endswith("; nothing written\n") or "nothing written (--force" in err, err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert snapshot(around) == before
    return err


def written(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    """Run init on `repo`: exit code 0, the mkdocs.yml it wrote (UTF-8) as loaded."""
    assert main(["init", str(repo), *args]) == 0, capsys.readouterr().err
    text = (repo / "mkdocs.yml").read_bytes().decode("utf-8")
    assert not [p for p in os.listdir(repo) if p.endswith(".tmp")]
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


# -- 1, 2, 3: values no setting can be: refused, naming the file and line ---------------------


@pytest.mark.parametrize(
    ("files", "message"),
    [
        # 1. Code points beyond Unicode, however written.
        (
            {"config.js": "module.exports = {\n  title: '\\u{110000}',\n};"},
            "config.js, line 2: \\u{110000} is beyond Unicode",
        ),
        (
            {"config.js": "module.exports = {\n\n  title: `a\nb \\u{FFFFFFFFFFFF}`,\n};"},
            "config.js, line 4: \\u{FFFFFFFFFFFF} is beyond Unicode",
        ),
        (
            {"config.js": "module.exports = {\n  '\\u{110000}': 1,\n};"},
            "config.js, line 2: \\u{110000} is beyond Unicode",
        ),
        # 2. Numbers beyond any: infinite, or too long for Python to read.
        (
            {"config.js": "module.exports = {\n  postsPerPage: 1e999,\n};"},
            "config.js, line 2: 1e999 is beyond the largest JavaScript number",
        ),
        (
            {"config.js": "module.exports = {\n  postsPerPage: -1e999,\n};"},
            "config.js, line 2: 1e999 is beyond the largest",
        ),
        (
            {"config.js": "module.exports = { postsPerPage: 0x" + "f" * 300 + " };"},
            "config.js, line 1: 0xffff",
        ),
        (
            {"config.js": "module.exports = { postsPerPage: " + "9" * 5000 + "n };"},
            "config.js, line 1: 9999",
        ),
        ({"config.js": "module.exports = { a: 0x_ };"}, "config.js, line 1: 0x_ is not a number"),
        (
            {"content/config.json": '{"postsPerPage": 1e999}'},
            "content/config.json: postsPerPage: Infinity",
        ),
        (
            {"content/config.json": '{"menu": [{"label": -1e999}]}'},
            "content/config.json: menu[0].label: -Infinity",
        ),
        (
            {"content/config.json": '{"postsPerPage": NaN}'},
            "content/config.json: postsPerPage: NaN",
        ),
        (
            {"content/config.json": '{"postsPerPage": ' + "1" * 5000 + "}"},
            "content/config.json: postsPerPage: Infinity",
        ),
        # 3. Nesting deeper than any configuration: the stack would run out.
        (
            {"config.js": "module.exports = {\n a: " + "{a: " * 3000 + "}" * 3001 + ";"},
            "config.js, line 2: objects and arrays nested more than 100 deep",
        ),
        (
            {"config.js": "module.exports = {a: " + "[" * 3000 + "]" * 3000 + "};"},
            "config.js, line 1: objects and arrays nested more than 100 deep",
        ),
        (
            {"gatsby-config.js": "module.exports = {siteMetadata: " + "{a: " * 3000 + "};"},
            "gatsby-config.js, line 1: objects and arrays nested more than 100 deep",
        ),
        (
            {"content/config.json": '{\n"a": "[{",\n"b": ' + "[" * 100_000 + "]" * 100_000 + "}"},
            "content/config.json, line 3: nested more than 100 deep",
        ),
        (
            {"content/config.json": '{"a": ' * 100_000 + "1" + "}" * 100_000},
            "content/config.json, line 1: nested more than 100 deep",
        ),
        (
            {"config.js": "module.exports = {}", "package.json": "[" * 100_000},
            "package.json, line 1: nested more than 100 deep",
        ),
    ],
)
def test_values_no_setting_can_be_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], message: str
) -> None:
    repo = lumen_repo(tmp_path / "blog", files)
    assert message in refused(repo, capsys)


def test_nesting_up_to_the_limit_is_read() -> None:
    value: object = 1
    for _ in range(99):
        value = {"a": value}
    assert read_object(json.dumps(value)).value == value


# -- 4, 5: mkdocs.yml that is a link, a folder, or cannot be written -------------------------


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("points_to", ["outside/missing.yml", "outside/mine.yml", "blog/own.yml"])
def test_mkdocs_yml_that_is_a_link_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], points_to: str, force: bool
) -> None:
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = {title: 'T'}"})
    lumen_repo(tmp_path, {"outside/mine.yml": "mine\n", "blog/own.yml": "own\n"})
    (repo / "mkdocs.yml").symlink_to(tmp_path / points_to)
    err = refused(repo, capsys, *(["--force"] if force else []), around=tmp_path)
    assert "mkdocs.yml: is a symbolic link; nothing written" in err
    assert not (repo / ".gitignore").exists()


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize(
    ("kind", "message"), [("folder", "a folder"), ("fifo", "not a regular file")]
)
def test_mkdocs_yml_that_is_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, message: str, force: bool
) -> None:
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = {}"})
    if kind == "folder":
        lumen_repo(repo, {"mkdocs.yml/x": ""})
    else:
        os.mkfifo(repo / "mkdocs.yml")
    err = refused(repo, capsys, *(["--force"] if force else []))
    assert f"mkdocs.yml: is {message}; nothing written" in err


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("config.js", "config.js: links outside the repository"),
        ("content/config.json", "content/config.json: links outside the repository"),
        ("package.json", "package.json: links outside the repository"),
    ],
)
def test_settings_that_link_outside_are_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    lumen_repo(tmp_path, {"outside/settings": "{}"})
    repo = lumen_repo(tmp_path / "blog", {"content/x.md": "", "config.js": "module.exports = {}"})
    (repo / name).unlink(missing_ok=True)
    (repo / name).symlink_to(tmp_path / "outside" / "settings")
    assert message in refused(repo, capsys)


def test_a_repository_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a read-only folder does (root ignores permissions, so the tests' root is faked)."""
    real_open = os.open

    def read_only(path: str, flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = {}"})
    err = refused(repo, capsys)
    assert "mkdocs.yml: cannot be written (Permission denied); nothing written" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = {}"})
    repo.chmod(0o555)
    try:
        assert "cannot be written" in refused(repo, capsys)
    finally:
        repo.chmod(0o755)


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_write_puts_everything_back(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    force: bool,
) -> None:
    """mkdocs.yml is in place when .gitignore fails: it is taken back (or the old one put
    back under --force), and .gitignore is as it was."""
    files = {"config.js": "module.exports = {title: 'T'}", ".gitignore": "node_modules/\n"}
    repo = lumen_repo(tmp_path / "blog", files | ({"mkdocs.yml": "# mine\n"} if force else {}))
    real_replace = os.replace

    def failing(source: str, target: str | Path) -> None:
        if str(target).endswith(".gitignore"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    err = refused(repo, capsys, *(["--force"] if force else []))
    assert ".gitignore: cannot be written (No space left on device)" in err


# -- 6, 7: template literals, nested ones, getters: an Expression, the rest still read -------


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("`${process.env.TITLE}`", Expression("`${process.env.TITLE}`", 2)),
        # `\\` is a backslash: the substitution is one.
        ("`\\\\${process.env.TITLE}`", Expression("`\\\\${process.env.TITLE}`", 2)),
        ("`$${x}`", Expression("`$${x}`", 2)),
        ("`a ${`b`} c`", Expression("`a ${`b`} c`", 2)),
        ("`a ${`b ${ {c: `}`} }`} c`", Expression("`a ${`b ${ {c: `}`} }`} c`", 2)),
        ("`${'}'}`", Expression("`${'}'}`", 2)),
        ("`${\n  x\n}`", Expression("`${\n  x\n}`", 2)),
        # `\$` is a "$": no substitution.
        ("`\\${x}`", "${x}"),
        ("`\\\\\\${x}`", "\\${x}"),
        ("`$ {x} $`", "$ {x} $"),
        ("`a\r\nb`", "a\nb"),
    ],
)
def test_template_literals(literal: str, value: object) -> None:
    source = f"module.exports = {{\n  title: {literal},\n  url: 'https://e.org',\n}};"
    reading = read_exports(source)
    assert reading.value == {"title": value, "url": "https://e.org"}


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("title: `${process.env.TITLE}`", "`${process.env.TITLE}`"),
        ("title: `\\\\${process.env.TITLE}`", "`\\\\${process.env.TITLE}`"),
        ("title: `a ${`b`} c`", "`a ${`b`} c`"),
        ("get title() { return 'x' }", "get title() { return 'x' }"),
        ("set title(v) { this.t = `${v}` }", "set title(v) { this.t = `${v}` }"),
        ("async title() { return 'x' }", "async title() { return 'x' }"),
        ("get 'title'() { return 'x' }", "get 'title'() { return 'x' }"),
    ],
)
def test_an_unreadable_field_is_named_and_the_others_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, text: str
) -> None:
    config = (
        "module.exports = {\n  url: 'https://e.org',\n"
        f"  {field},\n  postsPerPage: 7,\n  subtitle: 'Sub',\n}};"
    )
    repo = lumen_repo(tmp_path / "blog", {"config.js": config})
    settings, rows = planned(repo)
    assert rows["title"].startswith(f"not read: `{text.replace(chr(10), ' ')}` (line 3)")
    assert (settings["site_name"], settings["site_url"]) == ("blog", "https://e.org/")
    assert (perceptual(settings)["posts_per_page"], settings["site_description"]) == (7, "Sub")
    assert written(repo, capsys)["site_name"] == "blog"
    assert "not read: `" in capsys.readouterr().out


# -- 8, 10: text YAML reads as line breaks, controls, half characters -------------------------

POST = "---\ntitle: Hi\ndate: 2024-01-01\ntemplate: post\nslug: /posts/hi\n---\n\nHi.\n"
TITLES = [
    "A\x85B",
    "\x85A",
    "A\u2028B",
    "x\u2029",
    "\x1b[31mred",
    "tab\there",
    "a\rb\x00c\x7f",
    "nbsp\xa0\u200b\ufeff\u202e",
    "two\nlines",
    "Blog \U0001f600",
    "long " + "words and \x85 breaks " * 12,
]


@pytest.mark.parametrize("title", TITLES)
def test_titles_read_back_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    config = {"title": title, "subtitle": title, "author": {"name": title}}
    repo = lumen_repo(tmp_path / "blog", {"content/config.json": json.dumps(config)})
    loaded = written(repo, capsys)
    assert (loaded["site_name"], loaded["site_description"]) == (title, title)
    assert perceptual(loaded)["author"]["name"] == title
    raw = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert not set(raw) & {"\x85", "\u2028", "\u2029", "\x1b", "\r", "\x00"}


def test_hostile_titles_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = "".join(TITLES[:8])
    config = {"title": title, "url": "https://e.org/?ref=x", "pathPrefix": "/blog"}
    files = {"content/config.json": json.dumps(config), "content/posts/hi.md": POST}
    repo = lumen_repo(tmp_path / "blog", files)
    loaded = written(repo, capsys)
    assert (loaded["site_name"], loaded["site_url"]) == (title, "https://e.org/blog/")
    built = build_in_process(repo, strict=False)
    assert built.returncode == 0, built.output
    assert "redtab\there" in built.html("index.html").find("title").get_text()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"content/config.json": '{"title": "\\ud800"}'}, "content/config.json: title: "),
        ({"content/config.json": '{"author": {"name": "x\\udfff"}}'}, ": author.name: "),
        ({"content/config.json": '{"\\udc80": 1}'}, "content/config.json: \\udc80: "),
        ({"config.js": "module.exports = {title: '\\udc00'}"}, "config.js: title: "),
        ({"config.js": "module.exports = {menu: [`\\ud83d`]}"}, "config.js: menu[0]: "),
    ],
)
def test_half_characters_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], message: str
) -> None:
    repo = lumen_repo(tmp_path / "blog", files)
    err = refused(repo, capsys)
    assert message in err
    assert "half a character (\\u" in err


def test_javascript_surrogate_pairs_are_one_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = lumen_repo(
        tmp_path / "blog", {"config.js": "module.exports = {title: '\\ud83d\\ude00'}"}
    )
    assert written(repo, capsys)["site_name"] == "\U0001f600"


def test_a_folder_name_that_is_no_utf8(tmp_path: Path) -> None:
    """In its own process: the folder's name would reach this process's captured log lines,
    which pytest-xdist cannot send between processes (it sends UTF-8)."""
    import subprocess
    import sys

    repo = lumen_repo(tmp_path / os.fsdecode(b"blog\xff"), {"config.js": "module.exports = {}"})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_perceptual", "init", "--no-build", os.fsencode(repo)],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    loaded = yaml.safe_load((repo / "mkdocs.yml").read_bytes().decode("utf-8"))
    assert loaded["site_name"] == "blog\ufffd"


# -- 9: the site's address ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "prefix", "expected"),
    [
        ("https://e.org/?ref=x", "/blog", "https://e.org/blog/"),
        ("https://e.org?ref=x#top", None, "https://e.org/"),
        ("https://e.org/blog/?ref=x", "/blog", "https://e.org/blog/"),
        ("https://e.org/a#b/c", "/blog/", "https://e.org/a/blog/"),
        ("http://user@e.org:8080/x", "y", "http://user@e.org:8080/x/y/"),
        ("  https://e.org/  ", "/", "https://e.org/"),
        ("https://e.org", "/b c?d#e", "https://e.org/b%20c%3Fd%23e/"),
        ("javascript:alert(1)", None, None),
        ("ftp://e.org/", "/blog", None),
        ("//e.org/", None, None),
        ("e.org", None, None),
        ("https://", None, None),
        ("https://:80/", None, None),
        ("http://[::1", None, None),
        ("https://e.org:99999/", None, None),
        ("https://e.org:x/", None, None),
        ("https://e.org/\x1b[31m", None, None),
        ("https://e.org/a b", None, None),
    ],
)
def test_site_url_is_an_http_address(url: str, prefix: str | None, expected: str | None) -> None:
    assert site_url(url, prefix) == expected


def test_an_address_that_is_no_http_one_is_a_row(tmp_path: Path) -> None:
    config = "module.exports = {url: 'javascript:alert(1)', pathPrefix: '/blog'}"
    settings, rows = planned(lumen_repo(tmp_path, {"config.js": config}))
    assert "site_url" not in settings
    assert rows["url"] == (
        "not used: 'javascript:alert(1)' is no http(s) address; set site_url by hand"
    )
    assert rows["pathPrefix"] == "not used: no url"


# -- 11: the report is shown for a terminal -----------------------------------------------


def test_the_report_escapes_keys_and_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = (
        "module.exports = {\n"
        "  '\\x1b[31mred\\x1b[0m': 1,\n"
        "  'x\\nForged: row': 2,\n"
        "  'y\\u2028Also forged\\rZ\\x85W': 3,\n"
        "  title: 42,\n"
        "  author: {contacts: {'\\x1b]8;;evil\\x07': '#', github: process.env['\\x1b[2J']}},\n"
        "};"
    )
    repo = lumen_repo(tmp_path / "blog", {"config.js": config})
    assert main(["init", str(repo)]) == 0
    out = capsys.readouterr().out
    assert not set(out) & {"\x1b", "\r", "\x85", "\u2028", "\x07"}
    assert re.search(r"\n  \\x1b\[31mred\\x1b\[0m +no MkDocs counterpart", out)
    assert "x\\x0aForged: row" in out
    assert "y\\u2028Also forged\\x0dZ\\x85W" in out
    assert "author.contacts.\\x1b]8;;evil\\x07" in out
    assert "process.env['\\x1b[2J']" in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith(("Forged", "Also"))]


def test_errors_are_one_escaped_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = require('\x1b[2J');"})
    err = refused(repo, capsys)
    assert "config.js, line 1: module.exports is not an object literal: require('\\x1b[2J" in err
    assert shown("a\x1b\n\u202e\ud800é") == "a\\x1b\\x0a\\u202e\\ud800é"


# -- 12: linear time --------------------------------------------------------------------------


@pytest.mark.slow  # a stress test: 100,000 expressions take seconds even in linear time
def test_a_hundred_thousand_expressions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fields = "".join(f"  f{i}: process.env.X{i},\n" for i in range(100_000))
    repo = lumen_repo(tmp_path / "blog", {"config.js": f"module.exports = {{\n{fields}}};\n"})
    started = time.perf_counter()
    assert main(["init", str(repo)]) == 0
    assert time.perf_counter() - started < 10  # minutes before line numbers were bisected
    out = capsys.readouterr().out
    assert "f99999" in out
    reading = read_exports((repo / "config.js").read_text())
    assert reading.expressions[-1] == ("f99999", Expression("process.env.X99999", 100_001))


@pytest.mark.parametrize(
    "source",
    [
        "{a: [" + "{}," * 200_000 + "]}",  # an object's opening line, found for each
        "{a: f(" + "(/[ " * 100_000 + ")}",  # regular expressions never closed
        "{a: " + "`${" * 50_000 + "x" + "}`" * 50_000 + "}",  # templates in templates
    ],
    ids=["objects", "regular-expressions", "templates"],
)
@pytest.mark.slow  # stress tests: 200,000 objects, 100,000 regular expressions
def test_reading_is_linear(source: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(ValueError):
        read_object(source)
    assert time.perf_counter() - started < 10


# -- 13: no walk outside the repository -------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "to", "message"),
    [
        ("content", "/", "content: links outside the repository"),
        ("content", "{outside}", "content: links outside the repository"),
        ("content/posts", "/", "content/posts: links outside the repository"),
        ("content/a/b", "../../..", "content/a/b: links outside the repository"),
        ("content/secret.md", "{outside}/secret.md", "content/secret.md: links outside the"),
        ("content/a/loop", "..", "content/a/loop: links to content, a folder walked already"),
        ("content/a/self", ".", "content/a/self: links to content/a, a folder walked already"),
        ("content/0", "a", "content/0: links to content/a, a folder walked already"),
    ],
)
def test_links_out_of_the_content_are_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    link: str,
    to: str,
    message: str,
) -> None:
    from mkdocs_perceptual.migrate import report

    monkeypatch.setattr(report, "get_files", lambda config: pytest.fail("walked"))
    lumen_repo(tmp_path, {"outside/secret.md": "secret", "outside/posts/x.md": "x"})
    files = {"config.js": "module.exports = {}", "content/a/x.md": "x"}
    repo = lumen_repo(tmp_path / "blog", files if link != "content" else files | {"c.md": ""})
    if link == "content":
        for path in sorted((repo / "content").rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        (repo / "content").rmdir()
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    (repo / link).symlink_to(to.format(outside=tmp_path / "outside"))
    assert message in refused(repo, capsys, around=tmp_path)


def test_links_inside_the_repository_are_walked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {"config.js": "module.exports = {}", "content/posts/hi.md": POST, "media/a.txt": ""}
    repo = lumen_repo(tmp_path / "blog", files)
    (repo / "content" / "media").symlink_to("../media")
    (repo / "content" / "gone").symlink_to("../nowhere")
    written(repo, capsys)
    assert "Content: posts 1" in capsys.readouterr().out


# -- 14: .gitignore ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, b"site/\n.cache/\n"),
        (b"", b"site/\n.cache/\n"),
        (b"node_modules/\n", b"node_modules/\nsite/\n.cache/\n"),
        (b"node_modules", b"node_modules\nsite/\n.cache/\n"),
        (b"/site\n", b"/site\n.cache/\n"),
        (b"site/*\n.cache\n", b"site/*\n.cache\n"),
        (b"a\r\nb\r\n", b"a\r\nb\r\nsite/\r\n.cache/\r\n"),
        (b"\xef\xbb\xbf.cache/\n", b"\xef\xbb\xbf.cache/\nsite/\n"),
    ],
)
def test_gitignore_gets_the_missing_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: bytes | None, after: bytes
) -> None:
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = {}"})
    if before is not None:
        (repo / ".gitignore").write_bytes(before)
    written(repo, capsys)
    assert (repo / ".gitignore").read_bytes() == after
    written(repo, capsys, "--force")  # never twice
    assert (repo / ".gitignore").read_bytes() == after


@pytest.mark.parametrize("kind", ["link", "dangling link", "folder", "not UTF-8"])
def test_gitignore_that_cannot_be_changed_safely_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = {}"})
    lumen_repo(tmp_path, {"outside/ignore": "mine\n"})
    if kind == "link":
        (repo / ".gitignore").symlink_to(tmp_path / "outside" / "ignore")
    elif kind == "dangling link":
        (repo / ".gitignore").symlink_to(tmp_path / "outside" / "missing")
    elif kind == "folder":
        (repo / ".gitignore").mkdir()
    else:
        (repo / ".gitignore").write_bytes(b"\xff\n")
    before = snapshot(tmp_path)
    written(repo, capsys)
    after = snapshot(tmp_path)
    del after["blog/mkdocs.yml"]
    assert after == before
    assert "left as it is; add site/ and .cache/" in capsys.readouterr().out


def test_nothing_is_written_outside_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = lumen_repo(tmp_path / "blog", {"config.js": "module.exports = {}"})
    lumen_repo(tmp_path, {"beside.txt": "x"})
    written(repo, capsys)
    assert sorted(os.listdir(tmp_path)) == ["beside.txt", "blog"]
    assert sorted(os.listdir(repo)) == [".gitignore", "config.js", "mkdocs.yml"]
    assert repository.IGNORED == ("site/", ".cache/")
