"""The one draft rule (`is_published`) and `place`, on hand-made MkDocs `File`s."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import make_post, mkdocs_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_perceptual.lumen.posts import is_published, place

LEVELS = list(InclusionLevel)
# What MkDocs builds for `mkdocs build`: INCLUDED, NOT_IN_NAV and UNDEFINED (not yet decided,
# which acts as included); not DRAFT (draft_docs) nor EXCLUDED (exclude_docs).
BUILT = {InclusionLevel.INCLUDED, InclusionLevel.NOT_IN_NAV, InclusionLevel.UNDEFINED}


@pytest.mark.parametrize("level", LEVELS, ids=[level.name for level in LEVELS])
@pytest.mark.parametrize("draft", [False, True], ids=["published", "draft"])
@pytest.mark.parametrize("kind", ["post", "page"])
def test_is_published(draft, level, kind):
    post = make_post("posts/a.md", draft=draft, kind=kind)
    file = File("posts/a.md", "/docs", "/site", True, inclusion=level)
    assert is_published(post, file) is (not draft and level in BUILT)


@pytest.mark.parametrize("draft", [False, True])
def test_is_published_without_a_file(draft):
    assert is_published(make_post("posts/a.md", draft=draft), None) is False


def test_is_published_table():
    """The whole table, to read at a glance."""
    table = {
        (draft, level.name): is_published(
            make_post("a.md", draft=draft), File("a.md", None, "/site", True, inclusion=level)
        )
        for draft in (False, True)
        for level in InclusionLevel
    }
    assert table == {
        (False, "EXCLUDED"): False,
        (False, "DRAFT"): False,
        (False, "NOT_IN_NAV"): True,
        (False, "UNDEFINED"): True,
        (False, "INCLUDED"): True,
        (True, "EXCLUDED"): False,
        (True, "DRAFT"): False,
        (True, "NOT_IN_NAV"): False,
        (True, "UNDEFINED"): False,
        (True, "INCLUDED"): False,
    }


# -- place -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def configs(tmp_path_factory) -> dict[bool, MkDocsConfig]:
    tmp = tmp_path_factory.mktemp("posts")
    return {flag: mkdocs_config(tmp, "T", use_directory_urls=flag) for flag in (True, False)}


def placed(
    config: MkDocsConfig,
    *lumen: dict[str, Any],
    show_drafts: bool = False,
    user_nav: bool = False,
    inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
) -> tuple[Files, list[str]]:
    files = Files(
        [
            File(fields["src_uri"], config.docs_dir, config.site_dir, config.use_directory_urls)
            for fields in lumen
        ]
    )
    for file in files:
        file.inclusion = inclusion
    posts = {fields["src_uri"]: make_post(**fields) for fields in lumen}
    errors = place(files, posts, config, show_drafts=show_drafts, user_nav=user_nav)
    return files, errors


@pytest.mark.parametrize(
    ("show_drafts", "level"),
    [(True, InclusionLevel.DRAFT), (False, InclusionLevel.EXCLUDED)],
)
@pytest.mark.parametrize("kind", ["post", "page"])
def test_place_drafts(configs, show_drafts, level, kind):
    files, errors = placed(
        configs[True],
        {"src_uri": "posts/draft.md", "draft": True, "kind": kind},
        {"src_uri": "posts/kept.md", "kind": kind},
        show_drafts=show_drafts,
    )
    assert errors == []
    assert files.get_file_from_path("posts/draft.md").inclusion == level
    assert files.get_file_from_path("posts/kept.md").inclusion == InclusionLevel.UNDEFINED


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        ("post", InclusionLevel.UNDEFINED, InclusionLevel.NOT_IN_NAV),
        ("post", InclusionLevel.INCLUDED, InclusionLevel.NOT_IN_NAV),
        ("post", InclusionLevel.NOT_IN_NAV, InclusionLevel.NOT_IN_NAV),
        ("post", InclusionLevel.DRAFT, InclusionLevel.DRAFT),
        ("page", InclusionLevel.UNDEFINED, InclusionLevel.UNDEFINED),
        ("page", InclusionLevel.INCLUDED, InclusionLevel.INCLUDED),
    ],
)
def test_place_with_a_user_nav_takes_posts_out_of_it(configs, kind, before, after):
    files, errors = placed(
        configs[True], {"src_uri": "posts/a.md", "kind": kind}, user_nav=True, inclusion=before
    )
    assert errors == []
    assert files.get_file_from_path("posts/a.md").inclusion == after


def test_place_a_draft_with_a_user_nav_is_still_a_draft(configs):
    files, _ = placed(configs[True], {"src_uri": "posts/a.md", "draft": True}, user_nav=True)
    assert files.get_file_from_path("posts/a.md").inclusion == InclusionLevel.EXCLUDED


# (src_uri, slug, dest_uri and url with directory URLs, dest_uri and url without)
SLUGS = [
    ("posts/a.md", None, "posts/a/index.html", "posts/a/", "posts/a.html", "posts/a.html"),
    (
        "posts/2020-01-01---a.md",
        "/posts/moved",
        "posts/moved/index.html",
        "posts/moved/",
        "posts/moved.html",
        "posts/moved.html",
    ),
    (
        "posts/a.md",
        "/posts/trailing/",
        "posts/trailing/index.html",
        "posts/trailing/",
        "posts/trailing.html",
        "posts/trailing.html",
    ),
    ("pages/home.md", "/", "index.html", "./", "index.html", "index.html"),
    (
        "pages/old.md",
        "/old/page.html",
        "old/page.html",
        "old/page.html",
        "old/page.html",
        "old/page.html",
    ),
    (
        "posts/a.md",
        "/posts/café au lait",
        "posts/café au lait/index.html",
        "posts/caf%C3%A9%20au%20lait/",
        "posts/café au lait.html",
        "posts/caf%C3%A9%20au%20lait.html",
    ),
    ("a.md", "top", "top/index.html", "top/", "top.html", "top.html"),
]


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory", "flat"])
@pytest.mark.parametrize(("src_uri", "slug", "dir_dest", "dir_url", "flat_dest", "flat_url"), SLUGS)
def test_place_moves_a_post_to_its_slug(
    configs, use_directory_urls, src_uri, slug, dir_dest, dir_url, flat_dest, flat_url
):
    config = configs[use_directory_urls]
    files, errors = placed(config, {"src_uri": src_uri, "slug": slug})
    assert errors == []
    file = files.get_file_from_path(src_uri)
    dest, url = (dir_dest, dir_url) if use_directory_urls else (flat_dest, flat_url)
    assert (file.dest_uri, file.url) == (dest, url)
    assert Path(file.abs_dest_path) == Path(config.site_dir, dest)
    assert file.inclusion == InclusionLevel.UNDEFINED


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory", "flat"])
@pytest.mark.parametrize(
    ("slug", "reason"),
    [
        ("/../outside", "it holds the path segment '..'"),
        ("/posts/%2e%2e/x", "it holds the path segment '%2e%2e'"),
        ("/posts/what?", "it holds '?'"),
        ("/posts/a\x00b", "it holds a control character"),
    ],
)
def test_place_refuses_an_unsafe_slug_naming_the_file(configs, use_directory_urls, slug, reason):
    config = configs[use_directory_urls]
    files, errors = placed(
        config,
        {"src_uri": "posts/bad.md", "slug": slug},
        {"src_uri": "posts/good.md", "slug": "/posts/fine"},
    )
    assert len(errors) == 1
    assert errors[0].startswith(f"posts/bad.md: slug {slug!r} cannot be published: {reason}")
    bad = files.get_file_from_path("posts/bad.md")
    assert bad.dest_uri == ("posts/bad/index.html" if use_directory_urls else "posts/bad.html")
    good = files.get_file_from_path("posts/good.md")
    assert good.dest_uri == ("posts/fine/index.html" if use_directory_urls else "posts/fine.html")


def test_place_reports_every_bad_slug_and_still_places_drafts(configs):
    files, errors = placed(
        configs[True],
        {"src_uri": "posts/a.md", "slug": "/a/../../x"},
        {"src_uri": "posts/b.md", "slug": "/b|c", "draft": True},
    )
    assert [error.split(":", 1)[0] for error in errors] == ["posts/a.md", "posts/b.md"]
    assert files.get_file_from_path("posts/b.md").inclusion == InclusionLevel.EXCLUDED
