"""A real `mkdocs build --strict` of a blog whose titles, categories and tags YAML 1.1 would
read as numbers or booleans: each is published as written (issue 16)."""

from __future__ import annotations

import logging
from typing import Any

from conftest import Build, post

FILES: dict[str, str | bytes] = {
    "posts/game.md": post(
        title="2048", date="2020-03-01", slug="/posts/2048", category="2019", tags="[2020, python]"
    ),
    "posts/orwell.md": post(
        title="1984",
        date="2020-02-01",
        slug="/posts/1984",
        category="2019",
        description="1949-06-08",
    ),
    "posts/release.md": post(
        title="1.10", date="2020-01-01", slug="/posts/release", tags="[2020, yes]"
    ),
    "posts/agree.md": post(title="yes", date="2019-12-01", slug="/posts/agree", category="On"),
}


def entry_titles(build: Build, path: str) -> list[str]:
    """The post titles a listing page shows, in order."""
    return [
        a.get_text(strip=True) for a in build.html(path).select("article.perceptual-entry h2 a")
    ]


def test_numbers_and_booleans_are_published_as_written(build_site: Any, caplog: Any) -> None:
    # The command line shows INFO lines; a build in this process shows them at this level.
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build = build_site(FILES)
    assert build.returncode == 0, build.output

    for path, title in [
        ("posts/2048/index.html", "2048"),
        ("posts/1984/index.html", "1984"),
        ("posts/release/index.html", "1.10"),
        ("posts/agree/index.html", "yes"),
    ]:
        page = build.html(path)
        assert [h1.get_text(strip=True) for h1 in page.find_all("h1")] == [title], path
        assert page.title is not None
        assert page.title.get_text() == f"{title} - Test blog", path

    game = build.html("posts/2048/index.html")
    links = [(a["href"], a.get_text()) for a in game.select("article a[href]")]
    assert links[:3] == [
        ("../../category/2019/", "2019"),
        ("../../tag/2020/", "2020"),
        ("../../tag/python/", "python"),
    ]
    description = build.html("posts/1984/index.html").find("meta", attrs={"name": "description"})
    assert description is not None
    assert description["content"] == "1949-06-08"

    assert entry_titles(build, "category/2019/index.html") == ["2048", "1984"]
    assert entry_titles(build, "category/on/index.html") == ["yes"]
    assert entry_titles(build, "tag/2020/index.html") == ["2048", "1.10"]
    assert entry_titles(build, "tag/python/index.html") == ["2048"]
    assert entry_titles(build, "tag/yes/index.html") == ["1.10"]
    # Not the values YAML 1.1 would have made of them.
    assert not (build.site / "category/on/index.html").read_text(encoding="utf-8").count(">True<")
    assert not (build.site / "tag/true").exists()
    assert not (build.site / "tag/yes/index.html").read_text(encoding="utf-8").count(">1.1<")

    # Each conversion is an INFO line naming the file and the field; none is a warning,
    # so --strict passes.
    for line in [
        'posts/game.md: title 2048 is read as the text "2048"',
        'posts/game.md: category 2019 is read as the text "2019"',
        'posts/game.md: tags 2020 is read as the text "2020"',
        'posts/release.md: title 1.10 is read as the text "1.10"',
        'posts/release.md: tags 2020, yes are read as the text "2020", "yes"',
        'posts/agree.md: title yes is read as the text "yes"',
        'posts/agree.md: category On is read as the text "On"',
        'posts/orwell.md: description 1949-06-08 is read as the text "1949-06-08"',
    ]:
        assert build.output.count(line) == 1, (line, build.output)
    assert "WARNING" not in build.output


def test_a_key_written_twice_is_an_error(build_site: Any) -> None:
    twice = post(title="Secret", date="2020-01-01", slug="/posts/twice", draft="true")
    twice = twice.replace("---\n\n", "draft: false\n---\n\n", 1)
    files = {**FILES, "posts/twice.md": twice}
    # The first `draft` would keep it out; PyYAML alone would keep the second.
    for strict in (True, False):
        result = build_site(files, strict=strict)
        assert result.returncode != 0
        assert (
            "posts/twice.md, line 7: the front matter is not valid YAML (the key 'draft' is "
            "written twice, on line 6 and on line 7)"
        ) in result.output, result.output
        assert not (result.site / "posts/twice").exists()
