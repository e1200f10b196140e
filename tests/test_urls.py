import pytest

from mkdocs_perceptual.urls import UnsafeSlugError, find_collisions, is_within, slug_dest_uri


@pytest.mark.parametrize(
    ("slug", "directory_urls", "flat_urls"),
    [
        (
            "/posts/perceptual-learning-text-sequences",
            "posts/perceptual-learning-text-sequences/index.html",
            "posts/perceptual-learning-text-sequences.html",
        ),
        (
            "/posts/with-trailing-slash/",
            "posts/with-trailing-slash/index.html",
            "posts/with-trailing-slash.html",
        ),
        (
            "posts/no-leading-slash",
            "posts/no-leading-slash/index.html",
            "posts/no-leading-slash.html",
        ),
        ("/pages/about", "pages/about/index.html", "pages/about.html"),
        ("/", "index.html", "index.html"),
        ("/Case/Kept", "Case/Kept/index.html", "Case/Kept.html"),
        ("/posts/café-ünïcode", "posts/café-ünïcode/index.html", "posts/café-ünïcode.html"),
        ("/posts/with space", "posts/with space/index.html", "posts/with space.html"),
        ("/old/page.html", "old/page.html", "old/page.html"),
        ("/posts/v1.2", "posts/v1.2/index.html", "posts/v1.2.html"),
    ],
)
def test_slug_is_published_exactly_there(slug, directory_urls, flat_urls):
    assert slug_dest_uri(slug, use_directory_urls=True) == directory_urls
    assert slug_dest_uri(slug, use_directory_urls=False) == flat_urls
    assert is_within(directory_urls)
    assert is_within(flat_urls)


@pytest.mark.parametrize(
    ("slug", "reason"),
    [
        ("/../outside", "'..'"),
        ("/posts/../../etc", "'..'"),
        ("/posts/./x", "'.'"),
        ("/posts/%2e%2e/x", "'%2e%2e'"),
        ("/posts/%2E%2E", "'%2E%2E'"),
        ("/posts/a%2fb", "encoded separator"),
        ("\\windows\\path", "'\\'"),
        ("/posts\\..\\x", "'\\'"),
        ("C:/Windows", "':'"),
        ("/posts/nul\x00byte", "control character"),
        ("/posts/new\nline", "control character"),
        ("/posts//double", "''"),
        ("/posts/what?", "'?'"),
        ("/posts/frag#ment", "'#'"),
        ("/posts/" + "x" * 400, "longer than"),
        ("/posts/trailing. ", "ends with a dot"),
    ],
)
def test_unsafe_slug_is_refused_with_the_reason(slug, reason):
    with pytest.raises(UnsafeSlugError) as e:
        slug_dest_uri(slug, use_directory_urls=True)
    assert reason in str(e.value)
    assert "expected a path like" in str(e.value) or "file name" in str(e.value)


@pytest.mark.parametrize("dest", ["../x", "/etc/passwd", "a/../../b", ".."])
def test_is_within_refuses_escapes(dest):
    assert not is_within(dest)


def test_collisions_name_both_sides_and_ignore_pairs_that_are_not_ours():
    outputs = [
        ("posts/a/index.html", "posts/a.md"),
        ("posts/a/index.html", "posts/b.md"),
        ("index.html", "index.md"),
        ("index.html", "README.md"),  # MkDocs reports this pair itself
        ("404.html", "the theme's 404.html"),
        ("404.html", "posts/c.md"),
        ("search/search_index.json/index.html", "posts/d.md"),
        ("search/search_index.json", "the search plugin's index"),
    ]
    problems = find_collisions(
        outputs, ours={"posts/a.md", "posts/b.md", "posts/c.md", "posts/d.md"}
    )
    assert problems == [
        "posts/a.md and posts/b.md are both published as 'posts/a/index.html'",
        "the theme's 404.html and posts/c.md are both published as '404.html'",
        "posts/d.md is published as 'search/search_index.json/index.html', inside "
        "'search/search_index.json', which the search plugin's index publishes as a file",
    ]


def test_paths_that_differ_only_in_case_collide():
    outputs = [("posts/A/index.html", "posts/a.md"), ("posts/a/index.html", "posts/b.md")]
    assert find_collisions(outputs, ours={"posts/a.md", "posts/b.md"}) == [
        "posts/a.md and posts/b.md are published as 'posts/A/index.html' and "
        "'posts/a/index.html', which differ only in case: on macOS and Windows one would "
        "overwrite the other"
    ]
