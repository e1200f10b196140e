"""The generated navigation, without a build: golden files in `tests/golden/nav/*.yaml`.

Each file gives docs_dir's other Markdown files (`files`: a src_uri, or a mapping with the
`inclusion` MkDocs gave it, e.g. from `not_in_nav` or `exclude_docs`), the Lumen files
(`posts`: `make_post` fields, plus their file's `inclusion`), `use_directory_urls`, the
plugin's `blog_index`, `posts_per_page` and the per-category `limit`. The test runs the steps
of `Build.prepare` on hand-made `File`s (place, index_prefix, plan, generated_files) and
compares, under `expected:`, the nav `nav.navigation` returns, the Lumen posts it marked
NOT_IN_NAV, and the lines it logged.

`PERCEPTUAL_UPDATE_GOLDEN=1` rewrites the `expected:` parts (see tests/test_listings.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from test_listings import check_golden, golden_files, golden_post, mkdocs_config

from mkdocs_perceptual.lumen import posts
from mkdocs_perceptual.site import listing_pages, listings
from mkdocs_perceptual.site.nav import navigation

GOLDEN = Path(__file__).parent / "golden" / "nav"


@pytest.fixture(scope="module")
def configs(tmp_path_factory) -> dict[bool, MkDocsConfig]:
    tmp = tmp_path_factory.mktemp("nav")
    return {flag: mkdocs_config(tmp, use_directory_urls=flag) for flag in (True, False)}


def run_case(case: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
    files = Files([])
    for entry in case["files"]:
        entry = {"src_uri": entry} if isinstance(entry, str) else entry
        file = File(entry["src_uri"], config.docs_dir, config.site_dir, config.use_directory_urls)
        file.inclusion = InclusionLevel[entry.get("inclusion", "UNDEFINED")]
        files.append(file)
    lumen = {}
    for fields in case["posts"]:
        fields = dict(fields)
        level = InclusionLevel[fields.pop("inclusion", "UNDEFINED")]
        file = File(fields["src_uri"], config.docs_dir, config.site_dir, config.use_directory_urls)
        file.inclusion = level
        files.append(file)
        if level.is_in_serve():  # posts.collect reads what `mkdocs serve` would
            lumen[file.src_uri] = golden_post(fields)
    assert posts.place(files, lumen, config, show_drafts=False, user_nav=False) == []
    prefix = listings.index_prefix(case["blog_index"], files)
    published = [
        post
        for post in lumen.values()
        if post.is_post and posts.is_published(post, files.get_file_from_path(post.src_uri))
    ]
    plan = listings.plan(published, case["posts_per_page"], prefix)
    assert plan.errors == []
    for file, _ in listing_pages.generated_files(plan, config, user_nav=False):
        files.append(file)
    before = {file.src_uri: file.inclusion for file in files}
    nav = navigation(files, lumen, plan, case["limit"])
    marked = [
        file.src_uri
        for file in files
        if file.inclusion != before[file.src_uri] and file.inclusion == InclusionLevel.NOT_IN_NAV
    ]
    changed = [f.src_uri for f in files if f.inclusion != before[f.src_uri]]
    assert changed == marked, "navigation changes nothing but marking posts NOT_IN_NAV"
    assert set(marked) <= set(lumen)
    return {"nav": nav, "not_in_nav": marked}


@pytest.mark.parametrize("path", golden_files(GOLDEN), ids=lambda p: p.stem)
def test_golden(path: Path, configs, caplog):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        result = run_case(case, configs[case["use_directory_urls"]])
    result["log"] = [f"{r.levelname}: {r.getMessage()}" for r in caplog.records]
    check_golden(path, result)


def test_golden_files_cover_the_cases():
    cases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in golden_files(GOLDEN)]
    assert {case["use_directory_urls"] for case in cases} == {True, False}
    assert any(case["expected"]["not_in_nav"] for case in cases)
    assert any(case["expected"]["log"] for case in cases)
    homes = {case["expected"]["nav"][0] for case in cases if case["expected"]["nav"]}
    assert {"index.md", "README.md", "pages/home.md"} <= homes


def test_posts_beyond_the_limit_are_marked_and_the_rest_untouched(configs):
    """The one side effect, checked without a golden file."""
    case = {
        "files": [],
        "posts": [
            {"src_uri": f"posts/{n}.md", "date": f"2020-01-0{n}", "category": "C"}
            for n in (1, 2, 3)
        ],
        "blog_index": None,
        "posts_per_page": 10,
        "limit": 1,
    }
    result = run_case(case, configs[True])
    assert result == {
        "nav": ["index.md", {"C": ["category/c/index.md", "posts/3.md"]}, "categories/index.md"],
        "not_in_nav": ["posts/1.md", "posts/2.md"],
    }


def test_a_categorized_post_matched_by_not_in_nav_is_left_out(configs):
    case = {
        "files": [],
        "posts": [
            {"src_uri": "posts/shown.md", "date": "2020-01-02", "category": "C"},
            {
                "src_uri": "posts/hidden.md",
                "date": "2020-01-03",
                "category": "C",
                "inclusion": "NOT_IN_NAV",
            },
            {"src_uri": "posts/loose.md", "date": "2020-01-04", "inclusion": "NOT_IN_NAV"},
        ],
        "blog_index": None,
        "posts_per_page": 10,
        "limit": 10,
    }
    # As MkDocs' own navigation (no `nav`) leaves out files matched by not_in_nav.
    assert run_case(case, configs[True])["nav"] == [
        "index.md",
        {"C": ["category/c/index.md", "posts/shown.md"]},
        "categories/index.md",
    ]


def test_a_listing_first_in_its_section_can_be_all_posts(configs: dict[bool, MkDocsConfig]) -> None:
    """Material without navigation.indexes shows a section's first page below the section's
    name: the category's listing page is "All posts" there, its front matter title kept."""
    config = configs[True]
    post_file = File("posts/1.md", config.docs_dir, config.site_dir, True)
    lumen = {
        post_file.src_uri: golden_post(
            {"src_uri": "posts/1.md", "date": "2020-01-01", "category": "C"}
        )
    }
    files = Files([post_file])
    assert posts.place(files, lumen, config, show_drafts=False, user_nav=False) == []
    plan = listings.plan(list(lumen.values()), 10, listings.index_prefix(None, files))
    for file, _ in listing_pages.generated_files(plan, config, user_nav=False):
        files.append(file)
    nav = navigation(files, lumen, plan, 10, all_posts=True)
    assert nav == [
        "index.md",
        {"C": [{"All posts": "category/c/index.md"}, "posts/1.md"]},
        "categories/index.md",
    ]
    listing = files.get_file_from_path("category/c/index.md")
    assert listing is not None
    assert listing.page is not None
    listing.page.read_source(config)
    assert listing.page.title == "All posts"
    assert listing.page.meta["title"] == "C"
