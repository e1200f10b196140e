"""Hostile and malformed blogs, replayed: each case is a small site built for real, and its
outcome is a clean build or a clear error naming the file and the field (or the option);
never a traceback or a signal, a file written outside site_dir, or a byte of a draft in any
output. `tests/test_hostile.py` runs every case; run this file alone to see them all:

    python tests/attack.py

Each case holds its own expectations; `check` runs the build and returns what went wrong.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).resolve().parent
MARK = "zzleak"  # in every draft's fields and body: no output may hold it

Files = dict[str, str | bytes]


def front(*lines: str, body: str = "Body.") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def lumen(title: str = "A post", body: str = "Body.", **fields: str) -> str:
    lines = [f"title: {title}", "date: 2020-01-02", "template: post"]
    return front(*lines, *(f"{k}: {v}" for k, v in fields.items()), body=body)


DRAFT = front(
    f"title: {MARK} draft",
    "date: 2021-01-01",
    "template: post",
    "draft: true",
    f"slug: /posts/{MARK}-slug",
    f"category: {MARK}cat",
    body=f"{MARK} body",
)


@dataclasses.dataclass
class Case:
    name: str
    files: Files
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    config: dict[str, Any] = dataclasses.field(default_factory=dict)
    fails: bool = False  # the build must stop (non-zero exit)
    strict: bool = True
    says: tuple[str, ...] = ()  # in the build's output
    outside: Files = dataclasses.field(default_factory=dict)  # written beside docs/
    prepare: Callable[[Path], None] | None = None  # anything files cannot say (links, pipes)
    then: Callable[[Path], list[str]] | None = None  # more checks on the site


def _site_text(root: Path, name: str) -> str:
    path = root / "site" / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _no_link_to_draft(root: Path) -> list[str]:
    page = _site_text(root, "posts/a/index.html")
    problems = [] if "Read the next one" in page else ["the link text is gone"]
    if "<a href" in page.split("Read the next one")[0][-200:]:
        problems.append("the link to the draft is still a link")
    return problems


def _nav_without_none(root: Path) -> list[str]:
    page = _site_text(root, "index.html")
    return ["a nav entry reads None"] if ">None<" in page or "None\n" in page else []


def _lastmod_four_digits(root: Path) -> list[str]:
    sitemap = _site_text(root, "sitemap.xml")
    return [] if "<lastmod>1000-01-01</lastmod>" in sitemap else ["no 4-digit <lastmod>"]


def _tag_listed_once(root: Path) -> list[str]:
    page = _site_text(root, "tag/a/index.html")
    tags = _site_text(root, "tags/index.html")
    problems = [] if page.count('class="perceptual-entry"') == 1 else ["listed twice"]
    return problems + ([] if re.search(r">a</a> \(1\)", tags) else ["counted twice"])


def _guid_on_this_host(root: Path) -> list[str]:
    feed = _site_text(root, "rss.xml")
    good = '<guid isPermaLink="false">https://example.org/evil.com/x</guid>' in feed
    return [] if good and "example.org//" not in feed else ["the guid leaves the host"]


def _no_og_image(root: Path) -> list[str]:
    page = _site_text(root, "posts/a/index.html")
    return ["og:image holds the script URL"] if "javascript:" in page else []


def _yaml_not_shown(root: Path) -> list[str]:
    page = _site_text(root, "posts/eof/index.html")
    search = _site_text(root, "search/search_index.json")
    return ["the YAML is shown"] if "template: post" in page + search else []


def _bom_post_published(root: Path) -> list[str]:
    page = _site_text(root, "posts/bom/index.html")
    return [] if "<h1" in page and "template: post" not in page else ["not published right"]


def _static_safe(root: Path) -> list[str]:
    site = root / "site"
    problems = []
    if (site / "mkdocs.yml").exists():
        problems.append("mkdocs.yml published")
    if (site / "site").exists():
        problems.append("the site copied into itself")
    secret = Path("/etc/passwd").read_bytes()[:40]
    if any(secret in p.read_bytes() for p in site.rglob("*") if p.is_file()):
        problems.append("a file from outside the project published")
    ok = (site / "static/media/ok.txt").is_file()
    return problems + ([] if ok else ["static file missing"])


def _straße_and_strasse(root: Path) -> list[str]:
    return [
        f"{p} missing"
        for p in ("posts/straße/index.html", "posts/strasse/index.html")
        if not (root / "site" / p).is_file()
    ]


def _deep_formula_as_code(root: Path) -> list[str]:
    page = _site_text(root, "posts/deep/index.html")
    return [] if "perceptual-math-error" in page else ["the formula is not shown as code"]


def _links(root: Path) -> None:
    static = root / "static"
    (static / "media").mkdir(parents=True, exist_ok=True)
    (static / "media" / "ok.txt").write_text("fine")
    (static / "passwd").symlink_to("/etc/passwd")
    (static / "dangling").symlink_to(static / "nowhere")
    os.mkfifo(static / "pipe")


DEEP = "\\frac{" * 4000 + "x" + "}{y}" * 4000
HOME = {"index.md": "# Home\n"}

CASES = [
    # Crashes and resource use
    Case(
        "formula nested 4,000 deep",
        {"posts/deep.md": lumen("Deep", body=f"$${DEEP}$$")},
        strict=False,
        says=("posts/deep.md: formula", "nests more than 200 groups deep"),
        then=_deep_formula_as_code,
    ),
    Case(
        "10,000 braces",
        {"posts/b.md": lumen(body="$" + "{" * 10000 + "x" + "}" * 10000 + "$")},
        strict=False,
        says=("posts/b.md: formula",),
    ),
    Case(
        "a heading of 20,000 nested links (Material's search sections read in linear time)",
        {"posts/a.md": lumen(body='<h2 id="h">' + '<a href="#x">t' * 20000 + "</h2>\n")},
    ),
    Case(
        "fence range of a billion lines", {"posts/a.md": lumen(body="```js{1-999999999}\na\n```")}
    ),
    Case(
        "date followed by 120,000 spaces",
        {
            "posts/a.md": front(
                "title: A", "date: '2019-06-24" + " " * 120_000 + "'", "template: post"
            )
        },
    ),
    Case(
        "category of 256 bytes",
        {"posts/a.md": lumen(category="c" * 256)},
        fails=True,
        says=("posts/a.md)", "longer than a file name may hold"),
    ),
    Case(
        "tag of 86 CJK characters",
        {"posts/a.md": lumen(tags="[" + "漢" * 86 + "]")},
        fails=True,
        says=("posts/a.md)", "longer than a file name may hold"),
    ),
    Case(
        "date in 2109",
        {"posts/a.md": front("title: A", "date: 2109-06-24", "template: post")},
        fails=True,
        says=("posts/a.md", "date: the year 2109"),
    ),
    Case(
        "date in 999",
        {"posts/a.md": front("title: A", 'date: "0999-06-24"', "template: post")},
        fails=True,
        says=("posts/a.md", "date: the year 999"),
    ),
    Case(
        "date in 1000",
        {"posts/a.md": front("title: A", "date: 1000-01-01", "template: post")},
        then=_lastmod_four_digits,
    ),
    Case(
        "date_format with a lone surrogate",
        {"posts/a.md": lumen()},
        options={"date_format": "\ud800%Y"},
        fails=True,
        says=("date_format",),
    ),
    Case(
        "date_format with NUL",
        {"posts/a.md": lumen()},
        options={"date_format": "%Y\0"},
        fails=True,
        says=("date_format",),
    ),
    # Drafts and unpublished files that leak
    Case(
        "unclosed front matter",
        {"posts/d.md": f"---\ntitle: {MARK}\ntemplate: post\ndraft: true\n\n{MARK}\n"},
        fails=True,
        says=("posts/d.md, line 1", "never closed"),
    ),
    Case(
        "a space before ---",
        {"posts/d.md": " " + DRAFT},
        fails=True,
        says=("posts/d.md, line 1", "indented"),
    ),
    Case(
        "misspelt template",
        {"posts/d.md": DRAFT.replace("template:", "tempalte:")},
        fails=True,
        says=("posts/d.md", "did you mean template: post?"),
    ),
    Case(
        "front matter that is a list",
        {"posts/d.md": f"---\n- title: {MARK}\n  template: post\n  draft: true\n---\n{MARK}\n"},
        fails=True,
        says=("posts/d.md, line 2", "not fields"),
    ),
    Case(
        "two byte order marks",
        {"posts/bom.md": "\ufeff\ufeff" + lumen("Bom", slug="/posts/bom")},
        then=_bom_post_published,
    ),
    Case(
        "invalid YAML",
        {"posts/d.md": DRAFT.replace("title: ", "title: Notes: part 1 ")},
        fails=True,
        strict=False,
        says=("posts/d.md, line 2", "not valid YAML"),
    ),
    Case(
        "impossible unquoted date",
        {"posts/d.md": DRAFT.replace("date: 2021-01-01", "date: 2019-13-45")},
        fails=True,
        strict=False,
        says=("posts/d.md", "not valid YAML"),
    ),
    Case(
        "front matter ending the file",
        {"posts/eof.md": "---\ntitle: Eof\ndate: 2020-01-01\ntemplate: post\n---"},
        then=_yaml_not_shown,
    ),
    Case(
        "a link to a draft",
        {"posts/a.md": lumen(body="[Read the next one](secret.md)"), "posts/secret.md": DRAFT},
        strict=False,
        says=("posts/a.md: it links to posts/secret.md, which is not published",),
        then=_no_link_to_draft,
    ),
    Case(
        "a hand-written nav naming a draft",
        {**HOME, "posts/secret.md": DRAFT},
        config={"nav": ["index.md", {"Secret": "posts/secret.md"}]},
        strict=False,
        says=("posts/secret.md is not published",),
        then=_nav_without_none,
    ),
    Case(
        "draft written twice",
        {"posts/d.md": DRAFT.replace("draft: true", "draft: true\ndraft: false")},
        fails=True,
        strict=False,
        says=("the key 'draft' is written twice",),
    ),
    # Paths and options
    Case(
        "blog_index escaping the site",
        {"posts/a.md": lumen()},
        options={"blog_index": "../../escape", "posts_per_page": 1},
        fails=True,
        says=("blog_index",),
    ),
    Case(
        "blog_index with NUL",
        {"posts/a.md": lumen()},
        options={"blog_index": "b\0"},
        fails=True,
        says=("blog_index",),
    ),
    Case(
        "blog_index C:\\x",
        {"posts/a.md": lumen()},
        options={"blog_index": "C:\\x"},
        fails=True,
        says=("blog_index",),
    ),
    Case(
        "blog_index %2e%2e",
        {"posts/a.md": lumen()},
        options={"blog_index": "%2e%2e/x"},
        fails=True,
        says=("blog_index",),
    ),
    Case(
        "blog_index index.md",
        {"posts/a.md": lumen()},
        options={"blog_index": "index.md"},
        fails=True,
        says=("blog_index",),
    ),
    Case(
        "feed_path rss.md",
        {"posts/a.md": lumen()},
        options={"feed_path": "rss.md"},
        fails=True,
        says=("feed_path",),
    ),
    Case(
        "static_dir outside the project",
        {"posts/a.md": lumen()},
        options={"static_dir": "../.."},
        fails=True,
        says=("static_dir", "outside the project"),
    ),
    Case(
        "static_dir . with links, a pipe and site/",
        {"posts/a.md": lumen()},
        options={"static_dir": "."},
        strict=False,
        prepare=_links,
        says=("static_dir: static/passwd is left out", "static_dir: static/pipe is left out"),
        then=_static_safe,
    ),
    Case(
        "slugs café in NFC and NFD",
        {
            "posts/a.md": lumen(slug='"/posts/caf\u00e9"'),
            "posts/b.md": lumen(slug='"/posts/cafe\u0301"'),
        },
        fails=True,
        says=("posts/a.md and posts/b.md are both published",),
    ),
    Case(
        "slugs straße and strasse",
        {"posts/a.md": lumen(slug="/posts/straße"), "posts/b.md": lumen(slug="/posts/strasse")},
        then=_straße_and_strasse,
    ),
    Case("a tag written twice", {"posts/a.md": lumen(tags='["a", "a"]')}, then=_tag_listed_once),
    Case(
        "socialImage javascript:",
        {"posts/a.md": lumen(socialImage='"javascript:alert(1)"')},
        strict=False,
        says=("posts/a.md: socialImage 'javascript:alert(1)' is left out",),
        then=_no_og_image,
    ),
    Case("slug //evil.com/x", {"posts/a.md": lumen(slug="//evil.com/x")}, then=_guid_on_this_host),
    Case(
        "slug /",
        {"posts/a.md": lumen(slug="/")},
        strict=True,
        fails=True,
        says=("posts/a.md is published as the site's home page",),
    ),
]


def _write(root: Path, case: Case) -> None:
    for name, content in {**case.files, **case.outside}.items():
        path = (root / "docs" / name) if name in case.files else (root / name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    settings = {
        "site_name": "Attack",
        "site_url": "https://example.org/",
        "theme": "mkdocs",
        "plugins": ["search", {"perceptual": case.options}],
        **case.config,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    if case.prepare is not None:
        case.prepare(root)


def check(case: Case, root: Path) -> list[str]:
    """Build `case` in `root` with the `mkdocs` command (a crash kills only that process) and
    return what went wrong; an empty list is a pass."""
    _write(root, case)
    before = {p for p in root.parent.rglob("*")}
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if case.strict else [])]
    try:
        run = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return ["took over 60 s"]
    output = run.stdout + run.stderr
    problems = []
    if run.returncode < 0:
        problems.append(f"killed by signal {-run.returncode}")
    if "Traceback" in output:
        problems.append("a traceback:\n" + output[-1500:])
    if case.fails != (run.returncode != 0):
        problems.append(f"exit {run.returncode}, expected {'failure' if case.fails else '0'}")
    problems += [f"does not say {text!r}" for text in case.says if text not in output]
    written = {p for p in root.parent.rglob("*")} - before
    allowed = root / "site"
    problems += [f"wrote {p}" for p in written if allowed not in (p, *p.parents)]
    site = root / "site"
    if site.is_dir():
        for path in site.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                if path.suffix == ".gz":
                    data = gzip.decompress(data)
                if MARK.encode() in data.lower() or MARK in path.name:
                    problems.append(f"the draft leaks into {path.relative_to(site)}")
    if case.then is not None and site.is_dir():
        problems += case.then(root)
    if problems and "--verbose" in sys.argv:
        problems.append(output[-3000:])
    return problems


def main() -> int:
    started, failed = time.perf_counter(), 0
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            problems = check(case, Path(tmp) / "blog")
        failed += bool(problems)
        print(("FAIL " if problems else "ok   ") + case.name)
        for problem in problems:
            print("     " + textwrap.shorten(problem, 300))
    print(f"{len(CASES) - failed} passed, {failed} failed in {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
