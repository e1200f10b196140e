import datetime as dt
import logging
import re
from pathlib import Path

import pytest
import yaml

from mkdocs_perceptual.lumen import yamlread
from mkdocs_perceptual.lumen.frontmatter import read_post, split_front_matter
from mkdocs_perceptual.lumen.post import FrontMatterError, Post, YamlError
from mkdocs_perceptual.lumen.yamlread import check_unique_keys, load_yaml

UTC = dt.timezone.utc
SEED = (
    Path(__file__).resolve().parents[1] / "docs" / "posts" / "perceptual-learning-text-sequences.md"
)


def fm(*lines: str, body: str = "Body\n") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def test_seed_post():
    post = read_post(SEED.read_text(encoding="utf-8"), "posts/seed.md", UTC)
    assert post == Post(
        src_uri="posts/seed.md",
        kind="post",
        title="Perceptual Learning - Deep Learning for Text & Sequences",
        date=dt.datetime(2019, 6, 24, 9, 6, 4, tzinfo=UTC),
        draft=False,
        slug="/posts/perceptual-learning-text-sequences",
        category="Deep Learning",
        tags=(),
        description="Explaining CNN from pracical and theoretical perspective.",
        social_image=None,
    )


def test_every_field():
    post = read_post(
        fm(
            "title: Full",
            "date: 2016-09-01T23:46:37.121Z",
            "template: post",
            "draft: true",
            "slug: /posts/full/",
            "category: Machine Learning & AI",
            "tags:",
            "  - Handwriting",
            "  - Deep Learning",
            "description: Everything set.",
            "socialImage: /media/image-2.jpg",
            "unknownKey: left to other plugins",
        ),
        "posts/full.md",
        UTC,
    )
    assert post is not None
    assert (post.kind, post.draft, post.slug, post.category) == (
        "post",
        True,
        "/posts/full/",
        "Machine Learning & AI",
    )
    assert post.tags == ("Handwriting", "Deep Learning")
    assert post.social_image == "/media/image-2.jpg"
    assert post.date == dt.datetime(2016, 9, 1, 23, 46, 37, 121000, tzinfo=UTC)


@pytest.mark.parametrize(
    "source",
    [
        "# No front matter\n",
        fm("title: An ordinary MkDocs page"),
        fm("title: Own template", "template: custom.html"),
        "---\n- a list between rules\n---\n",
        "---\nplain text between rules\n---\n",
        "---\n---\nEmpty front matter\n",
        "Text first\n---\ntemplate: post\n---\n",
    ],
)
def test_ordinary_mkdocs_pages_are_left_alone(source):
    assert read_post(source, "page.md", UTC) is None


def test_page_needs_no_date():
    post = read_post(fm("title: About", "template: page"), "pages/about.md", UTC)
    assert post is not None
    assert post.kind == "page"
    assert post.date is None


def test_crlf_and_bom_are_read():
    source = "---\r\ntitle: Windows\r\ndate: 2020-01-01\r\ntemplate: post\r\n---\r\nBody\r\n"
    post = read_post(source, "posts/crlf.md", UTC)
    assert post is not None
    assert post.title == "Windows"
    assert split_front_matter("---\r\na: 1\r\n---\r\n")[0] == "a: 1\r\n"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["template: post", "date: 2020-01-01"], ["title: expected non-empty text, got nothing"]),
        (
            ["template: post", "title: !!float 2019", "date: 2020-01-01"],
            ["title: expected non-empty text, got 2019.0 (a number)"],
        ),
        (
            ["template: post", "title: [Draft]", "date: 2020-01-01"],
            ["title: expected non-empty text, got a list (text that starts with [ or { needs"],
        ),
        (
            ["template: post", "title: '   '", "date: 2020-01-01"],
            ["title: expected non-empty text"],
        ),
        (
            ["template: post", "title: T"],
            ['date: a post needs a date, like date: "2019-06-24 09:06:04"'],
        ),
        (
            ["template: post", "title: T", "date: soon"],
            ["date: expected a date like 2019-06-24", "got 'soon' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", 'draft: "true"'],
            ["draft: expected true or false, without quotes, got 'true' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "draft: yes please"],
            ["draft: expected true or false"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "draft: 1"],
            ["draft: expected true or false, without quotes, got 1 (a number)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "draft:"],
            ["draft: expected true or false, without quotes, got nothing"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "slug:"],
            ["slug: expected a URL path like '/posts/my-post', got nothing"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "slug: ''"],
            ["slug: expected a URL path like '/posts/my-post', got '' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "slug: [a]"],
            ["slug: expected a URL path"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "tags: one"],
            ["tags: expected a list of text", "got 'one' (text)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "tags: [a, [b]]"],
            ["tags: expected a list of text"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "category: [a, b]"],
            ["category: expected non-empty text, got a list"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "tags: [a, '']"],
            ["tags: expected a list of text"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "tags:", "  -", "  - b"],
            ["tags: expected a list of text"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "tags: 2020"],
            ["tags: expected a list of text", "got 2020 (a number)"],
        ),
        (
            ["template: post", "title: T", "date: 2020-01-01", "description: {a: b}"],
            ["description: expected non-empty text, got a mapping"],
        ),
        (
            ["template: blog", "title: T"],
            [
                "template: expected 'post', 'page', or a theme template ending in '.html', got 'blog' (text)"
            ],
        ),
        (["template: 3", "title: T"], ["template: expected 'post', 'page'", "got 3 (a number)"]),
        (
            ["template: post", "title: [x]", 'draft: "no"'],
            [
                "title: expected non-empty text",
                "draft: expected true or false",
                "date: a post needs a date",
            ],
        ),
    ],
)
def test_bad_front_matter_names_file_field_value_and_what_is_accepted(lines, expected):
    with pytest.raises(FrontMatterError) as e:
        read_post(fm(*lines), "posts/bad.md", UTC)
    message = str(e.value)
    assert message.startswith("posts/bad.md: invalid front matter")
    for part in expected:
        assert part in message


def test_broken_yaml_names_the_line():
    source = fm("title: Fine", "template: post", "category: [unclosed", "date: 2020-01-01")
    with pytest.raises(
        YamlError, match=r"^posts/broken.md, line \d: the front matter is not valid YAML"
    ):
        read_post(source, "posts/broken.md", UTC)
    tab = "---\ntitle: x\n\ttemplate: post\n---\n"
    with pytest.raises(YamlError, match=r"^posts/tab.md, line 3: "):
        read_post(tab, "posts/tab.md", UTC)


def test_yaml_tags_are_not_executed():
    with pytest.raises(YamlError, match="not valid YAML"):
        read_post(
            fm("title: !!python/object/apply:os.system ['true']", "template: post"), "p.md", UTC
        )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("date: 2019-02-30", "day is out of range for month"),
        ("slug: !!timestamp '1921-01-01 00:00:00-07:04:20'", "not valid YAML"),
    ],
)
def test_values_pyyaml_cannot_construct(line, problem):
    with pytest.raises(YamlError, match=problem):
        read_post(fm("title: T", "template: post", line), "posts/bad.md", UTC)


# Every form of plain scalar YAML 1.1 (PyYAML's SafeLoader) reads as something other than
# text, with the kind the INFO line names.
NOT_TEXT = [
    # integers: decimal, signed, octal, binary, hexadecimal, underscores, sexagesimal
    *[(v, "a number") for v in ["2048", "1984", "0", "-0", "+12", "-17", "010", "-0755"]],
    *[(v, "a number") for v in ["0b1010", "-0b11", "0x1F", "0xdead_BEEF", "-0x1F"]],
    *[(v, "a number") for v in ["1_000", "-1_0", "190:20:30", "-190:20:30", "1:00"]],
    # floats: decimals, exponents, underscores, sexagesimal, infinities, not-a-number
    *[(v, "a number") for v in ["1.10", "1.0", "-2.5", ".5", "0.", "6.8523015e+5"]],
    *[(v, "a number") for v in ["685.230_15e+03", "685_230.15", "190:20:30.15", "1.0e-3"]],
    *[(v, "a number") for v in [".inf", ".Inf", ".INF", "-.inf", "-.Inf", "+.inf"]],
    *[(v, "a number") for v in [".nan", ".NaN", ".NAN"]],
    # booleans, in every spelling
    *[(v, "a boolean") for v in ["yes", "Yes", "YES", "no", "No", "NO"]],
    *[(v, "a boolean") for v in ["true", "True", "TRUE", "false", "False", "FALSE"]],
    *[(v, "a boolean") for v in ["on", "On", "ON", "off", "Off", "OFF"]],
    # null words
    *[(v, "null") for v in ["~", "null", "Null", "NULL"]],
    # dates and timestamps, including one that is not a date at all
    *[(v, "a date") for v in ["2019-06-24", "2019-02-30", "2019-06-24 09:06:04"]],
    *[(v, "a date") for v in ["2016-09-01T23:46:37.121Z", "2001-12-14t21:59:43.10-05:00"]],
    *[(v, "a date") for v in ["2001-12-14 21:59:43.10 -5", "2001-12-15 2:59:43.10"]],
    # YAML 1.1's value and merge keys, which PyYAML cannot construct as values
    *[(v, "a YAML value") for v in ["=", "<<"]],
]
# Plain scalars that look like the above but are text to YAML 1.1 already: no INFO line.
ALREADY_TEXT = ["y", "Y", "n", "N", "0o17", "1e3", "+.5", "inf", "nan", "NaN", "2019-6-24"]
ALREADY_TEXT += ["1.2.3", "0x", "yes please", "Nope", "2048 tips", "1984 - a review"]

FIELDS = ["title", "category", "description", "slug", "socialImage"]
LOGGER = "mkdocs.plugins.mkdocs_perceptual.lumen.frontmatter"


@pytest.fixture(params=["libyaml", "python"])
def loader(request, monkeypatch):
    """Each test runs with libyaml's loader, as MkDocs uses it, and PyYAML's own, which it
    falls back to; the two mark plain scalars differently."""
    if request.param == "python":
        monkeypatch.setattr(yamlread, "SafeLoader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    return request.param


def post_with(*lines: str) -> Post:
    """A post with `lines` in its front matter, and a title and date unless they give one."""
    fields = {line.split(":", 1)[0] for line in lines}
    extra = [f for f in ("title: T", "date: 2020-01-01") if f.split(":")[0] not in fields]
    post = read_post(fm("template: post", *extra, *lines), "posts/x.md", UTC)
    assert post is not None
    return post


def attr(field: str) -> str:
    return {"socialImage": "social_image"}.get(field, field)


def info_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(("written", "kind"), NOT_TEXT)
def test_plain_scalars_are_published_as_written(loader, caplog, field, written, kind):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        post = post_with(f"{field}: {written}")
    assert getattr(post, attr(field)) == written
    assert info_lines(caplog) == [
        f'mkdocs_perceptual: posts/x.md: {field} {written} is read as the text "{written}", '
        f"not as {kind}"
    ]


@pytest.mark.parametrize(("written", "kind"), NOT_TEXT)
def test_plain_tags_are_published_as_written(loader, caplog, written, kind):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        block = post_with("tags:", "  - python", f"  - {written}")
        flow = post_with(f"tags: [python, {written}]")
    assert block.tags == flow.tags == ("python", written)
    assert info_lines(caplog) == 2 * [
        f'mkdocs_perceptual: posts/x.md: tags {written} is read as the text "{written}", '
        f"not as {kind}"
    ]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("written", ALREADY_TEXT)
def test_plain_text_is_text_without_a_word(loader, caplog, field, written):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        post = post_with(f"{field}: {written}", f"tags: [{written}]")
    assert getattr(post, attr(field)) == written
    assert post.tags == (written,)
    assert info_lines(caplog) == []


@pytest.mark.parametrize("field", [*FIELDS, "tags"])
@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("written", ["2048", "1.10", "yes", "~", "2019-06-24", "0x1F"])
def test_quoted_values_are_unchanged(loader, caplog, field, quote, written):
    value = f"{quote}{written}{quote}"
    with caplog.at_level(logging.INFO, logger=LOGGER):
        post = post_with(f"tags: [{value}]" if field == "tags" else f"{field}: {value}")
    assert getattr(post, attr(field)) == ((written,) if field == "tags" else written)
    assert info_lines(caplog) == []


def test_a_tags_list_logs_once_naming_every_value(loader, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        post = post_with("title: 1.10", "tags: [2020, python, yes, ~, 010]")
    assert post.title == "1.10"
    assert post.tags == ("2020", "python", "yes", "~", "010")
    assert info_lines(caplog) == [
        'mkdocs_perceptual: posts/x.md: title 1.10 is read as the text "1.10", not as a number',
        'mkdocs_perceptual: posts/x.md: tags 2020, yes, ~, 010 are read as the text "2020", '
        '"yes", "~", "010", not as a number or a boolean or null',
    ]


def test_other_fields_keep_what_yaml_reads(loader, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        post = post_with("draft: yes", "date: 2019-06-24", "unknownKey: 2048")
    assert post.draft is True
    assert post.date == dt.datetime(2019, 6, 24, tzinfo=UTC)
    assert info_lines(caplog) == []
    assert post_with("draft: Off").draft is False
    meta = load_yaml("title: 2048\nother: 2048\nnested: {title: 2048}\n", "p.md", 2).data
    assert meta == {"title": "2048", "other": 2048, "nested": {"title": 2048}}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("draft: 1", "draft: expected true or false, without quotes, got 1 (a number)"),
        ("draft: ~", "draft: expected true or false, without quotes, got nothing"),
        ("draft: 2019-06-24", "draft: expected true or false, without quotes, got 2019-06-24"),
    ],
)
def test_draft_stays_strict(loader, line, expected):
    with pytest.raises(FrontMatterError, match=re.escape(expected)):
        post_with(line)


def test_empty_values_stay_missing(loader, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        post = post_with("category:", "description:", "tags:")
        with pytest.raises(FrontMatterError, match="title: expected non-empty text, got nothing"):
            post_with("title:")
    assert (post.category, post.description, post.tags) == (None, None, ())
    assert info_lines(caplog) == []


def test_ordinary_pages_are_not_logged_about(loader, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        assert read_post(fm("title: 2048", "tags: [2020]"), "page.md", UTC) is None
    assert info_lines(caplog) == []


def test_anchors_aliases_and_merge_keys(loader):
    post = post_with("title: &t 2048", "description: *t", "tags: [*t, *t]")
    # A tag written twice is one tag (the hostile-input issue, item 17).
    assert (post.title, post.description, post.tags) == ("2048", "2048", ("2048",))
    merged = read_post(
        fm(
            "defaults: &d {title: 010, category: 2019}",
            "<<: *d",
            "template: post",
            "date: 2020-01-01",
        ),
        "posts/x.md",
        UTC,
    )
    assert merged is not None
    assert (merged.title, merged.category) == ("010", "2019")


def test_explicit_tags_are_the_authors_choice(loader):
    assert post_with("title: !!str 2048").title == "2048"
    with pytest.raises(FrontMatterError, match=r"got 2048.0 \(a number\)"):
        post_with("title: !!float 2048")


def test_yaml_errors_still_name_the_line(loader):
    for lines, line in [
        (["title: 2048", "category: [unclosed", "date: 2020-01-01"], r"line \d"),
        (["title: 2048", "x: !custom thing"], "line 4"),
    ]:
        with pytest.raises(YamlError, match=rf"^posts/x.md, {line}: the front matter is not"):
            read_post(fm("template: post", *lines), "posts/x.md", UTC)


@pytest.mark.parametrize(
    ("lines", "key", "first", "again"),
    [
        (["title: A", "template: post", "title: B"], "title", 2, 4),
        (["title: A", "template: post", '"title": B'], "title", 2, 4),
        (["draft: false", "title: A", "template: post", "draft: true"], "draft", 2, 5),
    ],
)
def test_duplicate_keys_are_refused(loader, lines, key, first, again):
    source = fm(*lines, "date: 2020-01-01")
    text, first_line = split_front_matter(source)
    assert text is not None
    loaded = load_yaml(text, "posts/dup.md", first_line)
    message = (
        f"^posts/dup.md, line {again}: the front matter is not valid YAML "
        rf"\(the key '{key}' is written twice, on line {first} and on line {again}\)$"
    )
    with pytest.raises(YamlError, match=message):
        check_unique_keys(loaded.node, "posts/dup.md", first_line)
    with pytest.raises(YamlError, match=message):
        read_post(source, "posts/dup.md", UTC)


def test_unique_keys_pass(loader):
    source = fm("{title: A, template: post, date: 2020-01-01, tags: [a, a]}", "")
    text, first_line = split_front_matter(source)
    assert text is not None
    check_unique_keys(load_yaml(text, "p.md", first_line).node, "p.md", first_line)
    check_unique_keys(load_yaml("<<: {a: 1}\na: 2\n", "p.md", 2).node, "p.md", 2)
    check_unique_keys(load_yaml("- a\n- a\n", "p.md", 2).node, "p.md", 2)
    check_unique_keys(load_yaml("", "p.md", 2).node, "p.md", 2)
    # An ordinary MkDocs page is not ours to refuse.
    assert read_post(fm("title: A", "title: B"), "page.md", UTC) is None
