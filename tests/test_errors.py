"""Bad input stops the build with a message naming the file and the field; no traceback,
nothing written outside the site folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import plugins, post

HOME = {"index.md": "# Home\n"}


def files_outside_site(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith(("site/", "docs/"))
    }


def assert_clean_failure(result, *parts: str, stopped: bool = True) -> None:
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    for part in parts:
        assert part in result.output, result.output
    assert files_outside_site(result.root) == {"mkdocs.yml"}
    if stopped:  # an error stops the build before any page is written
        assert not list(result.site.rglob("*.html"))


@pytest.mark.parametrize(
    ("slug", "reason"),
    [
        ('"/../../outside"', "it holds the path segment '..'"),
        ('"/posts/%2e%2e/%2e%2e/outside"', "'%2e%2e'"),
        (r'"\\evil\\path"', "it holds '\\'"),
        ('"C:/Windows/evil"', "it holds ':'"),
        ('"/posts/nul\\0byte"', "control character"),
        ('"/posts/' + "x" * 400 + '"', "longer than 250 bytes"),
    ],
)
def test_unsafe_slug(build_site, slug, reason):
    result = build_site({**HOME, "posts/evil.md": post(slug=slug)})
    assert_clean_failure(result, "posts/evil.md: slug", "cannot be published", reason)


@pytest.mark.parametrize("slug", ['""', "", '"   "'])
def test_empty_slug(build_site, slug):
    result = build_site({**HOME, "posts/empty.md": post(slug=slug)})
    assert_clean_failure(
        result, "posts/empty.md: invalid front matter", "slug: expected a URL path"
    )


def test_two_posts_on_one_url_name_both(build_site):
    result = build_site(
        {**HOME, "posts/a.md": post(slug="/posts/same"), "posts/b.md": post(slug="/posts/same/")}
    )
    assert_clean_failure(
        result, "posts/a.md and posts/b.md are both published as 'posts/same/index.html'"
    )


def test_post_on_an_ordinary_pages_url(build_site):
    result = build_site({**HOME, "about.md": "# About\n", "posts/a.md": post(slug="/about")})
    assert_clean_failure(result, "about.md and posts/a.md are both published as 'about/index.html'")


def test_post_on_the_themes_404_page(build_site):
    result = build_site({**HOME, "posts/a.md": post(slug="/404.html")})
    assert_clean_failure(
        result, "posts/a.md and the theme's 404.html are both published as '404.html'"
    )


def test_post_on_the_home_page(build_site):
    result = build_site({**HOME, "posts/a.md": post(slug="/")})
    assert_clean_failure(result, "index.md and posts/a.md are both published as 'index.html'")


def test_draft_and_post_on_one_url_is_fine_in_a_build(build_site):
    result = build_site(
        {
            **HOME,
            "posts/a.md": post(slug="/posts/same"),
            "posts/b.md": post(slug="/posts/same", draft="true"),
        }
    )
    assert result.returncode == 0, result.output


def test_bad_date(build_site):
    result = build_site({**HOME, "posts/d.md": post(date='"next tuesday"')})
    assert_clean_failure(
        result,
        "posts/d.md: invalid front matter",
        "date: expected a date like 2019-06-24",
        "'next tuesday'",
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [('"true"', "'true' (text)"), ("1", "1 (a number)"), ("yes please", "'yes please'")],
)
def test_draft_that_is_not_a_boolean(build_site, value, shown):
    result = build_site({**HOME, "posts/d.md": post(draft=value, slug="/posts/secret")})
    assert_clean_failure(
        result, "posts/d.md: invalid front matter", "draft: expected true or false", shown
    )
    assert not (result.site / "posts/secret").exists()


def test_every_bad_file_is_reported_at_once(build_site):
    result = build_site(
        {**HOME, "posts/a.md": post(draft='"no"'), "posts/b.md": post(date="never")}
    )
    assert_clean_failure(result, "2 problems", "posts/a.md", "posts/b.md")


def test_broken_yaml_is_an_error_naming_file_and_line(build_site):
    """A post silently missing is lost content; MkDocs alone would publish it, front matter
    and all (a draft would leak). So broken YAML stops the build, with or without --strict."""
    broken = "---\ntitle: Broken\ntemplate: post\ncategory: [unclosed\ndate: 2020-01-01\ndraft: true\n---\nSECRET\n"
    files = {**HOME, "posts/broken.md": broken}
    for strict in (True, False):
        assert_clean_failure(
            build_site(files, strict=strict),
            "posts/broken.md, line 5: the front matter is not valid YAML",
            "while parsing a flow sequence that starts on line 4",
        )


def test_file_that_is_not_utf8(build_site):
    latin1 = post(title="Caf\u00e9").encode("latin-1")
    result = build_site({**HOME, "posts/latin1.md": latin1})
    assert_clean_failure(
        result, "posts/latin1.md: not UTF-8 text (byte 0xe9", "save the file as UTF-8"
    )


def test_bad_timezone_option_is_a_config_error(build_site):
    result = build_site(
        {**HOME, "posts/a.md": post()}, {"plugins": plugins(timezone="Mars/Olympus")}
    )
    assert_clean_failure(result, "timezone", "unknown time zone 'Mars/Olympus'")


def test_bad_drafts_on_serve_option_is_a_config_error(build_site):
    result = build_site({**HOME, "posts/a.md": post()}, {"plugins": plugins(drafts_on_serve="x")})
    assert_clean_failure(result, "drafts_on_serve")
