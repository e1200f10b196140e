"""Property-based front matter: whatever a Lumen post's front matter holds, the reader gives
a Post (or None), or an error naming the file; and a build either succeeds or stops with the
plugin's own message naming the file: never a traceback, never a file outside the site folder.

The reader is tested directly with many examples; a few whole builds stay (marked slow).

    PERCEPTUAL_HYPOTHESIS_EXAMPLES=5000 python -m pytest tests/test_properties.py

runs more examples than CI's bounded default (300 for the reader, a thirtieth of that in whole builds).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_perceptual.lumen.frontmatter import read_post
from mkdocs_perceptual.lumen.post import FrontMatterError

FIELDS = [
    "title",
    "date",
    "template",
    "draft",
    "slug",
    "category",
    "tags",
    "description",
    "socialImage",
]
EXAMPLES = int(os.environ.get("PERCEPTUAL_HYPOTHESIS_EXAMPLES", "300"))
BUILD_EXAMPLES = max(1, EXAMPLES // 30)

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    text,
    st.just("x" * 20000),
    st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
)
values = st.one_of(
    scalars, st.lists(scalars, max_size=3), st.dictionaries(text, scalars, max_size=2)
)
plausible = {
    "title": st.one_of(text, st.just("A title")),
    "date": st.one_of(
        st.sampled_from(
            ["2019-06-24 09:06:04", "2016-09-01T23:46:37.121Z", "0001-01-01T00:00:00+05:00"]
        ),
        st.dates(),
    ),
    "template": st.sampled_from(["post", "post", "page", "blog"]),
    "draft": st.booleans(),
    "slug": st.one_of(
        text.map(lambda t: "/posts/" + t),
        st.sampled_from(["/", "/../x", "/rss.xml", "/category/c/", "/a%2e%2e/b"]),
    ),
    "category": st.one_of(text, st.sampled_from(["C", "C++", "Deep Learning"])),
    "tags": st.lists(st.one_of(text, st.sampled_from(["C", "c", "Node.js"])), max_size=3),
    "description": text,
    "socialImage": st.one_of(text, st.just("/media/x.png")),
}
# Raw YAML that no Python value dumps to: tags, anchors, flow mappings.
raw_yaml = st.sampled_from(
    [
        "!!python/object/apply:os.system ['touch ../../pwned']",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!custom thing",
        "&a [*a]",
        "{nested: {deeper: [1, {x: y}]}}",
        "'unterminated",
        "[unclosed",
        "\t tab",
        "|\n  block\n  text",
    ]
)


@st.composite
def front_matter(draw) -> str:
    lines = []
    for field in FIELDS:
        choice = draw(st.sampled_from(["plausible", "plausible", "any", "raw", "absent"]))
        if choice == "absent":
            continue
        if choice == "raw":
            lines.append(f"{field}: {draw(raw_yaml)}")
            continue
        value = draw(plausible[field] if choice == "plausible" else values)
        if field == "template" and isinstance(value, str) and value.endswith(".html"):
            # A theme template hands the file to MkDocs as an ordinary page: not ours to judge.
            value = "post"
        dumped = yaml.safe_dump({field: value}, allow_unicode=True, width=10**9)
        lines.append(dumped.rstrip("\n"))
    return "---\n" + "\n".join(lines) + "\n---\n\nBody $x$ text.\n"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _files_outside(root: Path) -> list[str]:
    allowed = ("docs/", "site/", "mkdocs.yml")
    return [
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith(allowed)
    ]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(source=front_matter())
def test_the_reader_gives_a_post_or_an_error_naming_the_file(source):
    error = None
    try:
        post = read_post(source, "posts/fuzz.md", dt.timezone.utc)
    except FrontMatterError as e:
        error, post = str(e), None
    if error is not None:
        assert error.startswith("posts/fuzz.md"), error
        return
    if post is None:  # not Lumen front matter: an ordinary MkDocs page
        return
    assert post.src_uri == "posts/fuzz.md"
    assert post.kind in ("post", "page")
    assert isinstance(post.title, str)
    assert post.title
    assert post.title.strip() == post.title
    assert post.date is None or post.date.tzinfo is not None
    assert post.date is not None or post.kind == "page"
    assert isinstance(post.draft, bool)
    assert all(isinstance(tag, str) and tag.strip() for tag in post.tags)
    for text in (post.title, post.category, post.description, *post.tags):
        assert text is None or not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text)


@pytest.mark.slow
@settings(
    max_examples=BUILD_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(source=front_matter())
def test_any_front_matter_builds_or_fails_cleanly(source):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "blog"
        (root / "docs" / "posts").mkdir(parents=True)
        (root / "docs" / "posts" / "fuzz.md").write_text(source, encoding="utf-8")
        (root / "docs" / "posts" / "fine.md").write_text(
            "---\ntitle: Fine\ndate: 2020-01-01\ntemplate: post\ncategory: C\ntags: [t]\n---\nFine.\n",
            encoding="utf-8",
        )
        (root / "mkdocs.yml").write_text(
            "site_name: Fuzz\nsite_url: https://example.org/\ntheme: mkdocs\n"
            "plugins:\n  - search\n  - perceptual\n",
            encoding="utf-8",
        )
        records = _Records()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(records)
        try:
            config = load_config(str(root / "mkdocs.yml"))
            try:
                build(config)  # any exception but Abort fails the test, traceback and all
            except Abort:
                errors = [m for m in records.messages if "perceptual:" in m]
                assert errors, records.messages
                assert "posts/fuzz.md" in errors[0] or "posts/fine.md" in errors[0], errors
        finally:
            logger.removeHandler(records)
        assert _files_outside(root) == []
        assert not (Path(tmp) / "pwned").exists()
        if (root / "site").exists():
            assert (root / "site" / "posts" / "fine" / "index.html").is_file() or not list(
                (root / "site").rglob("*.html")
            )


def test_dates_near_the_ends_of_the_calendar():
    # An aware date near year 1 or 9999 must not overflow when posts are sorted.
    from conftest import make_post

    from mkdocs_perceptual.site.nav import newest_first

    early = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    late = dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    posts = [make_post(f"{i}.md", date=d) for i, d in enumerate([early, late])]
    assert [p.date for p in newest_first(posts)] == [late, early]
