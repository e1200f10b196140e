"""The listing plan and listing pages, without a build.

Golden files: each `tests/golden/listings/*.yaml` gives the published posts, `posts_per_page`
and `index_prefix` (what `listings.index_prefix` decided: null for no blog index, "" for the
site root, or a folder such as "blog"), and under `expected:` the plan `listings.plan` makes:
every listing page (src_uri, kind, title, name, prefix, page, pages and its posts' src_uris),
the categories and tags with their posts, the other spellings of a name that share its page
(`aliases`), the errors and the notes (logged at INFO). `test_golden` runs every file.

To rewrite the `expected:` part of every golden file from the current output (after a change
meant to alter the plan), run

    PERCEPTUAL_UPDATE_GOLDEN=1 python -m pytest tests/test_listings.py tests/test_nav_golden.py

and review the diff: everything above the `expected:` line, comments included, is kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import make_post, mkdocs_config, template_env
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_perceptual.lumen.post import Post
from mkdocs_perceptual.site import listing_pages, listings
from mkdocs_perceptual.site.listing_pages import ListingPage, generated_files
from mkdocs_perceptual.site.listings import (
    Listing,
    Plan,
    category_key,
    index_prefix,
    newest_first,
)

GOLDEN = Path(__file__).parent / "golden" / "listings"
TEMPLATES = Path(listings.__file__).parent / "templates"
UPDATE = os.environ.get("PERCEPTUAL_UPDATE_GOLDEN") == "1"
UTC = dt.timezone.utc


# -- golden files ----------------------------------------------------------------------------


def golden_post(fields: dict[str, Any]) -> Post:
    """A post of a golden file: YAML's dates and datetimes are read as UTC."""
    fields = dict(fields)
    date = fields.get("date")
    if isinstance(date, dt.datetime):
        fields["date"] = date if date.tzinfo else date.replace(tzinfo=UTC)
    elif isinstance(date, dt.date):
        fields["date"] = dt.datetime(date.year, date.month, date.day, tzinfo=UTC)
    return make_post(fields.pop("src_uri"), **fields)


def describe_plan(result: Plan) -> dict[str, Any]:
    return {
        "listings": [
            {
                "src_uri": listing.src_uri,
                "kind": listing.kind,
                "title": listing.title,
                "name": listing.name,
                "prefix": listing.prefix,
                "page": listing.page,
                "pages": listing.pages,
                "posts": [post.src_uri for post in listing.posts],
            }
            for listing in result.listings.values()
        ],
        "categories": {name: [p.src_uri for p in ps] for name, ps in result.categories.items()},
        "tags": {name: [p.src_uri for p in ps] for name, ps in result.tags.items()},
        # Other spellings of a name, merged into the page of the name shown.
        "aliases": {
            f"{kind} {spelling}": shown
            for (kind, spelling), shown in result.aliases.items()
            if spelling != shown
        },
        "errors": result.errors,
        "notes": result.notes,
    }


class _GoldenDumper(yaml.SafeDumper):
    """Short lists of names on one line, everything else in blocks."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    flow = all(isinstance(item, str) for item in items) and len(", ".join(items)) < 70
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_GoldenDumper.add_representer(list, _represent_list)


def dump_expected(actual: Any) -> str:
    return yaml.dump(
        {"expected": actual},
        Dumper=_GoldenDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,
    )


def check_golden(path: Path, actual: dict[str, Any]) -> None:
    """Compare `actual` with the file's `expected:` part, or rewrite that part (UPDATE)."""
    text = path.read_text(encoding="utf-8")
    head, marker, _ = text.partition("\nexpected:")
    assert marker, f"{path.name} has no 'expected:' line"
    if UPDATE:
        path.write_text(head + "\n" + dump_expected(actual), encoding="utf-8")
        return
    expected = yaml.safe_load(text)["expected"]
    assert actual == expected, f"{path.name}: set PERCEPTUAL_UPDATE_GOLDEN=1 to rewrite it"


def golden_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.yaml"))
    assert files, f"no golden files in {folder}"
    return files


@pytest.mark.parametrize("path", golden_files(GOLDEN), ids=lambda p: p.stem)
def test_golden(path: Path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    posts = [golden_post(fields) for fields in case["posts"]]
    result = listings.plan(posts, case["posts_per_page"], case["index_prefix"])
    check_golden(path, describe_plan(result))


def test_golden_files_cover_every_kind_and_both_outcomes():
    """The golden set as a whole: each kind of page, paging, no index, and errors."""
    kinds, errors, paged, prefixes = set(), 0, False, set()
    for path in golden_files(GOLDEN):
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))["expected"]
        kinds |= {listing["kind"] for listing in expected["listings"]}
        paged |= any(listing["pages"] > 1 for listing in expected["listings"])
        errors += len(expected["errors"])
        prefixes.add(yaml.safe_load(path.read_text(encoding="utf-8"))["index_prefix"])
    assert kinds == {"index", "category", "tag", "categories", "tags"}
    assert paged
    assert errors >= 2
    assert {None, "", "blog"} <= prefixes
    assert (GOLDEN / "kebab-collision.yaml").is_file()


def test_plan_first_page_by_any_spelling():
    posts = [
        make_post("posts/a.md", category="Big Data", tags=["VIM"]),
        make_post("posts/b.md", category="BigData", tags=["Vim"]),
        make_post("posts/c.md", category="BigData", tags=["Vim"]),
    ]
    result = listings.plan(posts, 10, None)
    merged = result.listings["category/big-data/index.md"]
    assert merged.name == "BigData"  # the spelling most posts use
    assert result.first_page("category", "Big Data") is merged
    assert result.first_page("category", "BigData") is merged
    assert result.first_page("tag", "VIM") is result.first_page("tag", "Vim")
    assert result.first_page("tag", "VIM").src_uri == "tag/vim/index.md"
    assert result.first_page("tag", "Big Data") is None


def test_plan_first_page_lookup():
    a = make_post("posts/a.md", category="Notes", tags=["x"], date="2020-01-02")
    b = make_post("posts/b.md", category="Notes", date="2020-01-01")
    result = listings.plan([b, a], 1, "blog")
    assert result.first_page("index") == result.listings["blog/index.md"]
    assert result.first_page("category", "Notes") == result.listings["category/notes/index.md"]
    assert result.first_page("category", "Other") is None
    assert result.first_page("tag", "x").src_uri == "tag/x/index.md"
    second = result.listings["category/notes/page/1/index.md"]
    assert (second.page, second.pages, second.posts) == (1, 2, (b,))
    assert result.first_page("category", "Notes").posts == (a,)


# -- ordering --------------------------------------------------------------------------------


def test_newest_first_breaks_ties_by_path_whatever_the_input_order():
    day = dt.datetime(2020, 1, 1, tzinfo=UTC)
    posts = [
        make_post("posts/b.md", date=day),
        make_post("posts/a/index.md", date=day),
        make_post("posts/old.md", date=day - dt.timedelta(days=1)),
        make_post("posts/A.md", date=day),
        make_post("posts/new.md", date=day + dt.timedelta(seconds=1)),
        make_post("posts/none-b.md", date=None),
        make_post("posts/none-a.md", date=None),
    ]
    expected = [
        "posts/new.md",
        "posts/A.md",
        "posts/a/index.md",
        "posts/b.md",
        "posts/old.md",
        "posts/none-a.md",
        "posts/none-b.md",
    ]
    assert [p.src_uri for p in newest_first(posts)] == expected
    assert [p.src_uri for p in newest_first(reversed(posts))] == expected
    assert [p.src_uri for p in newest_first(iter(posts))] == expected


def test_newest_first_handles_the_earliest_dates():
    year_one = make_post("posts/y1.md", date=dt.datetime(1, 1, 1, 0, 1, tzinfo=UTC))
    undated = make_post("posts/u.md", date=None)
    assert newest_first([undated, year_one]) == [year_one, undated]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["b", "a", "C"], ["a", "b", "C"]),
        (["banana", "Apple", "apple", "APPLE"], ["APPLE", "Apple", "apple", "banana"]),
        (["Zed", "zed-two", "alpha", "Beta"], ["alpha", "Beta", "Zed", "zed-two"]),
        (["Straße", "strasse", "STRASSE"], ["STRASSE", "Straße", "strasse"]),
        (["10", "9", "_x", "x"], ["10", "9", "_x", "x"]),
    ],
)
def test_category_key_orders_case_insensitively_then_exactly(names, expected):
    assert sorted(names, key=category_key) == expected


def test_category_key_values():
    assert category_key("Deep Learning") == ("deep learning", "Deep Learning")
    assert category_key("Straße") == ("strasse", "Straße")


# -- index_prefix ----------------------------------------------------------------------------


def docs_files(
    use_directory_urls: bool, names: list[str], inclusion: dict[str, InclusionLevel]
) -> Files:
    """Files as MkDocs finds them in docs_dir, with `inclusion` by src_uri."""
    files = []
    for name in names:
        file = File(name, "/docs", "/site", use_directory_urls)
        file.inclusion = inclusion.get(name, InclusionLevel.UNDEFINED)
        files.append(file)
    return Files(files)


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize(
    ("blog_index", "names", "inclusion", "expected", "warned"),
    [
        ("blog/", ["index.md"], {}, "blog", False),
        ("/blog/", [], {}, "blog", False),
        ("news/blog", [], {}, "news/blog", False),
        ("", ["index.md"], {}, "", False),
        ("/", [], {}, "", False),
        (None, [], {}, "", False),
        (None, ["about.md", "posts/a.md", "blog/index.md"], {}, "", False),
        (None, ["index.md", "about.md"], {}, None, True),
        (None, ["README.md"], {}, None, True),
        (None, ["index.md"], {"index.md": InclusionLevel.NOT_IN_NAV}, None, True),
        (None, ["index.md"], {"index.md": InclusionLevel.INCLUDED}, None, True),
        (None, ["index.md"], {"index.md": InclusionLevel.DRAFT}, "", False),
        (None, ["index.md"], {"index.md": InclusionLevel.EXCLUDED}, "", False),
        (None, ["index.html"], {}, "", False),
    ],
)
def test_index_prefix(blog_index, names, inclusion, expected, warned, use_directory_urls, caplog):
    files = docs_files(use_directory_urls, names, inclusion)
    with caplog.at_level(logging.WARNING):
        assert index_prefix(blog_index, files) == expected
    messages = [r.getMessage() for r in caplog.records]
    if warned:
        assert len(messages) == 1
        home = next(n for n in names if n in ("index.md", "README.md"))
        assert (
            "docs_dir has its own index.md"
            if home == "index.md"
            else "README.md is published as the site's home page (index.html)"
        ) in messages[0]
        assert "'blog_index: blog/'" in messages[0]
    else:
        assert messages == []


# -- generated_files -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def configs(tmp_path_factory) -> dict[bool, MkDocsConfig]:
    tmp = tmp_path_factory.mktemp("listings")
    return {flag: mkdocs_config(tmp, use_directory_urls=flag) for flag in (True, False)}


def small_plan() -> Plan:
    posts = [
        make_post("posts/a.md", title="A", date="2020-01-03", category="Notes", tags=["x"]),
        make_post("posts/b.md", title="B", date="2020-01-02", category="Notes"),
        make_post("posts/c.md", title="C", date="2020-01-01", category="Other"),
    ]
    return listings.plan(posts, 1, "")


EXPECTED_GENERATED = {
    # src_uri: (inclusion without a user nav, what it is; its URL with directory URLs)
    "index.md": ("UNDEFINED", "the index page 'Posts'", ""),
    "page/1/index.md": ("NOT_IN_NAV", "the index page 'Posts - Page 2'", "page/1/"),
    "page/2/index.md": ("NOT_IN_NAV", "the index page 'Posts - Page 3'", "page/2/"),
    "category/notes/index.md": ("UNDEFINED", "the category page 'Notes'", "category/notes/"),
    "category/notes/page/1/index.md": (
        "NOT_IN_NAV",
        "the category page 'Notes - Page 2'",
        "category/notes/page/1/",
    ),
    "category/other/index.md": ("UNDEFINED", "the category page 'Other'", "category/other/"),
    "tag/x/index.md": ("NOT_IN_NAV", "the tag page 'Posts tagged \u201cx\u201d'", "tag/x/"),
    "categories/index.md": ("UNDEFINED", "the categories page 'Categories'", "categories/"),
    "tags/index.md": ("UNDEFINED", "the tags page 'Tags'", "tags/"),
}


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_generated_files_inclusion_and_destinations(configs, use_directory_urls):
    made = generated_files(small_plan(), configs[use_directory_urls], user_nav=False)
    assert [file.src_uri for file, _ in made] == list(EXPECTED_GENERATED)
    for file, what in made:
        level, expected_what, url = EXPECTED_GENERATED[file.src_uri]
        assert file.inclusion == InclusionLevel[level], file.src_uri
        # Every listing is an index.md: one destination, two URL styles.
        assert file.dest_uri == file.src_uri[: -len("md")] + "html"
        assert file.url == ((url or "./") if use_directory_urls else url + "index.html")
        assert what == expected_what
        assert file.generated_by == "perceptual"
        assert isinstance(file.page, ListingPage)
        assert file.page.file is file


def test_generated_files_with_a_user_nav_are_all_not_in_nav(configs):
    made = generated_files(small_plan(), configs[True], user_nav=True)
    assert len(made) == len(EXPECTED_GENERATED)
    assert {file.inclusion for file, _ in made} == {InclusionLevel.NOT_IN_NAV}


def test_generated_files_content_is_a_front_matter_stub(configs):
    made = {
        file.src_uri: file
        for file, _ in generated_files(small_plan(), configs[True], user_nav=False)
    }
    # The root index keeps the site's name as its title; every other page is titled.
    assert made["index.md"].content_string == "---\nsearch:\n  exclude: true\n---\n"
    assert yaml.safe_load(made["tag/x/index.md"].content_string.strip("-\n")) == {
        "search": {"exclude": True},
        "title": "Posts tagged \u201cx\u201d",
    }
    assert yaml.safe_load(made["category/notes/page/1/index.md"].content_string.strip("-\n")) == {
        "search": {"exclude": True},
        "title": "Notes - Page 2",
    }


def test_generated_files_blog_index_is_titled(configs):
    plan = listings.plan([make_post("posts/a.md")], 10, "blog")
    made = {file.src_uri: file for file, _ in generated_files(plan, configs[False], user_nav=False)}
    assert list(made) == ["blog/index.md"]
    assert yaml.safe_load(made["blog/index.md"].content_string.strip("-\n")) == {
        "search": {"exclude": True},
        "title": "Blog",
    }
    assert made["blog/index.md"].dest_uri == "blog/index.html"
    assert made["blog/index.md"].url == "blog/index.html"


# -- html ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env() -> Environment:
    return template_env()


def render(plan: Plan, src_uri: str, env: Environment, **excerpts: str) -> BeautifulSoup:
    """A listing's HTML; every URL is 'url:<src_uri>' so the tests see which page it names."""
    html = listing_pages.html(
        plan,
        plan.listings[src_uri],
        env=env,
        site_name="My <Site>",
        date_format="%d %b %Y",
        url_of=lambda src: f"url:{src}",
        excerpts={f"posts/{key}.md": value for key, value in excerpts.items()},
    )
    return BeautifulSoup(html, "html.parser")


def entries(soup: BeautifulSoup) -> list[dict[str, Any]]:
    out = []
    for article in soup.select("article.perceptual-entry"):
        meta = article.select_one("p.perceptual-meta")
        category = meta.find("a")
        paragraphs = article.find_all("p", recursive=False)
        summary = [p.get_text() for p in paragraphs if p is not meta and not p.find("a")]
        out.append(
            {
                "title": article.h2.get_text(),
                "url": article.h2.a["href"],
                "datetime": meta.time["datetime"],
                "date": meta.time.get_text(),
                "category": (category.get_text(), category["href"]) if category else None,
                "summary": summary[0] if summary else None,
                "read": article.find_all("a")[-1]["href"],
            }
        )
    return out


def blog_plan(per_page: int = 10, prefix: str = "") -> Plan:
    return listings.plan(
        [
            make_post(
                "posts/a.md",
                title="Alpha & <Omega>",
                date="2020-03-04",
                category="R&D",
                description="Described <here>.",
            ),
            make_post("posts/b.md", title="Beta", date="2020-03-03", tags=["t"]),
            make_post("posts/c.md", title="Gamma", date="2020-03-02", category="R&D"),
            make_post("posts/d.md", title="Delta", date=None, tags=["t", "u"]),
        ],
        per_page,
        prefix,
    )


def test_html_entries_use_descriptions_then_excerpts(env):
    soup = render(blog_plan(), "index.md", env, a="unused excerpt", b="The first words\u2026")
    # The site root's index is headed by the site's name.
    assert soup.h1.get_text() == "My <Site>"
    assert entries(soup) == [
        {
            "title": "Alpha & <Omega>",
            "url": "url:posts/a.md",
            "datetime": "2020-03-04T00:00:00+00:00",
            "date": "04 Mar 2020",
            "category": ("R&D", "url:category/r-d/index.md"),
            "summary": "Described <here>.",
            "read": "url:posts/a.md",
        },
        {
            "title": "Beta",
            "url": "url:posts/b.md",
            "datetime": "2020-03-03T00:00:00+00:00",
            "date": "03 Mar 2020",
            "category": None,
            "summary": "The first words\u2026",
            "read": "url:posts/b.md",
        },
        {
            "title": "Gamma",
            "url": "url:posts/c.md",
            "datetime": "2020-03-02T00:00:00+00:00",
            "date": "02 Mar 2020",
            "category": ("R&D", "url:category/r-d/index.md"),
            "summary": None,
            "read": "url:posts/c.md",
        },
        {
            "title": "Delta",
            "url": "url:posts/d.md",
            "datetime": "",
            "date": "",
            "category": None,
            "summary": None,
            "read": "url:posts/d.md",
        },
    ]
    assert soup.select_one("nav.perceptual-pagination") is None


def test_html_escapes_every_text(env):
    html = listing_pages.html(
        blog_plan(),
        blog_plan().listings["index.md"],
        env=env,
        site_name="My <Site>",
        date_format="%d %b %Y",
        url_of=lambda src: f"url:{src}",
        excerpts={"posts/b.md": "<script>x</script>"},
    )
    assert "<Site>" not in html
    assert "<Omega>" not in html
    assert "<script>" not in html
    assert "Alpha &amp; &lt;Omega&gt;" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("src_uri", "heading", "titles", "newer", "older"),
    [
        ("blog/index.md", "Blog", ["Alpha & <Omega>"], None, "url:blog/page/1/index.md"),
        (
            "blog/page/1/index.md",
            "Blog - Page 2",
            ["Beta"],
            "url:blog/index.md",
            "url:blog/page/2/index.md",
        ),
        ("blog/page/3/index.md", "Blog - Page 4", ["Delta"], "url:blog/page/2/index.md", None),
        (
            "category/r-d/index.md",
            "R&D",
            ["Alpha & <Omega>"],
            None,
            "url:category/r-d/page/1/index.md",
        ),
        (
            "category/r-d/page/1/index.md",
            "R&D - Page 2",
            ["Gamma"],
            "url:category/r-d/index.md",
            None,
        ),
        ("tag/u/index.md", "Posts tagged \u201cu\u201d", ["Delta"], None, None),
    ],
)
def test_html_pages_link_newer_and_older(env, src_uri, heading, titles, newer, older):
    soup = render(blog_plan(per_page=1, prefix="blog"), src_uri, env)
    assert soup.h1.get_text() == heading
    assert [entry["title"] for entry in entries(soup)] == titles
    links = {a["rel"][0]: a["href"] for a in soup.select("nav.perceptual-pagination a")}
    assert links.get("prev") == newer
    assert links.get("next") == older
    nav = soup.select_one("nav.perceptual-pagination")
    assert (nav is None) == (newer is None and older is None)


@pytest.mark.parametrize(
    ("src_uri", "heading", "groups"),
    [
        ("categories/index.md", "Categories", [("R&D", "url:category/r-d/index.md", "(2)")]),
        (
            "tags/index.md",
            "Tags",
            [("t", "url:tag/t/index.md", "(2)"), ("u", "url:tag/u/index.md", "(1)")],
        ),
    ],
)
def test_html_lists_of_categories_and_tags(env, src_uri, heading, groups):
    soup = render(blog_plan(), src_uri, env)
    assert soup.h1.get_text() == heading
    items = soup.select("ul.perceptual-groups > li")
    assert [(li.a.get_text(), li.a["href"], li.a.next_sibling.strip()) for li in items] == groups
    assert soup.select("article") == []


def test_html_empty_index_says_so(env):
    plan = listings.plan([], 10, "blog")
    soup = render(plan, "blog/index.md", env)
    assert soup.h1.get_text() == "Blog"
    assert soup.select("article") == []
    assert [p.get_text() for p in soup.find_all("p")] == ["No posts yet."]


def test_html_second_page_of_the_root_index(env):
    plan = blog_plan(per_page=2, prefix="")
    listing = plan.listings["page/1/index.md"]
    assert listing == Listing(
        "page/1/index.md",
        "index",
        "Posts - Page 2",
        None,
        listing.posts,
        1,
        2,
        "",
    )
    assert [p.src_uri for p in listing.posts] == ["posts/c.md", "posts/d.md"]
    soup = render(plan, "page/1/index.md", env)
    # Not the site root's first page: headed by its own title, not the site's name.
    assert soup.h1.get_text() == "Posts - Page 2"
    assert [a["href"] for a in soup.select("nav.perceptual-pagination a")] == ["url:index.md"]
