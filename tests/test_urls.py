import datetime as dt

import pytest
from mkdocs.structure.files import File

from mkdocs_perceptual.lumen.urls import (
    UnsafeSlugError,
    find_collisions,
    format_fields,
    formatted_path,
    is_within,
    link_key,
    link_keys,
    listing_src,
    lumen_path,
    slug_dest_uri,
)


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


@pytest.mark.parametrize(
    ("slug", "src_uri", "path"),
    [
        # A slug beginning with '/' is the path as written.
        ("/posts/a", "posts/2020-01-01---a.md", "/posts/a"),
        ("/posts/a/", "posts/x.md", "/posts/a/"),
        ("/", "pages/home.md", "/"),
        ("/Case/Kept", "x.md", "/Case/Kept"),
        # Without one, relative to the file's folder (Lumen from December 2019).
        ("a", "a.md", "/a"),
        ("my-post", "posts/2020---x.md", "/posts/my-post"),
        ("sub/my-post", "content/posts/x/index.md", "/content/posts/x/sub/my-post"),
        # No slug: the file's path without its extension, as a folder.
        (None, "posts/a.md", "/posts/a/"),
        (None, "a/b/c.markdown", "/a/b/c/"),
        (None, "posts/a/index.md", "/posts/a/"),
        (None, "posts/a/README.md", "/posts/a/"),
        (None, "index.md", "/"),
        (None, "README.md", "/"),
        (None, "posts/index.md.md", "/posts/index.md/"),
        (None, "posts/v1.2.md", "/posts/v1.2/"),
    ],
)
def test_lumen_path(slug, src_uri, path):
    assert lumen_path(slug, src_uri) == path


@pytest.mark.parametrize(
    ("dest_uri", "keys"),
    [
        ("index.html", {"index.html", ""}),
        ("posts/a/index.html", {"posts/a/index.html", "posts/a"}),
        ("posts/a.html", {"posts/a.html", "posts/a"}),
        ("old/page.html", {"old/page.html", "old/page"}),
        ("media/x.jpg", {"media/x.jpg"}),
        ("rss.xml", {"rss.xml"}),
        ("posts/myindex.html", {"posts/myindex.html", "posts/myindex"}),
        ("posts/a/index.htm", {"posts/a/index.htm"}),
    ],
)
def test_link_keys(dest_uri, keys):
    assert link_keys(dest_uri) == keys


@pytest.mark.parametrize(
    ("url_path", "key"),
    [
        ("/posts/a/", "posts/a"),
        ("/posts/a", "posts/a"),
        ("/", ""),
        ("/posts/caf%C3%A9", "posts/café"),
        ("/media/with%20space.png", "media/with space.png"),
    ],
)
def test_link_key(url_path, key):
    assert link_key(url_path) == key


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory", "flat"])
@pytest.mark.parametrize(
    "src_uri",
    ["posts/a.md", "posts/a/index.md", "index.md", "README.md", "about.md", "media/x.jpg"],
)
def test_link_keys_reach_every_file_by_its_url(src_uri, use_directory_urls):
    """Each published file is found by its own URL, with or without the trailing '/'."""
    file = File(src_uri, "/docs", "/site", use_directory_urls)
    keys = link_keys(file.dest_uri)
    url = "" if file.url == "./" else file.url
    assert link_key("/" + url) in keys
    assert link_key("/" + file.dest_uri) in keys


@pytest.mark.parametrize(
    ("prefix", "page", "src"),
    [
        ("", 0, "index.md"),
        ("", 1, "page/1/index.md"),
        ("", 12, "page/12/index.md"),
        ("blog", 0, "blog/index.md"),
        ("/blog/", 2, "blog/page/2/index.md"),
        ("news/blog", 1, "news/blog/page/1/index.md"),
        ("category/deep-learning", 0, "category/deep-learning/index.md"),
        ("tag/c", 3, "tag/c/page/3/index.md"),
    ],
)
def test_listing_src(prefix, page, src):
    assert listing_src(prefix, page) == src


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory", "flat"])
@pytest.mark.parametrize(
    "src_uri", ["posts/a.md", "posts/deep/b.md", "pages/about.md", "index.md", "a.md"]
)
def test_slug_dest_uri_agrees_with_mkdocs(src_uri, use_directory_urls):
    """A post whose slug is its own Lumen path is published where MkDocs would put it.
    (Not for 'x/index.md' without directory URLs: its slug '/x/' is 'x.html'.)"""
    slug = lumen_path(None, src_uri)
    file = File(src_uri, "/docs", "/site", use_directory_urls)
    assert slug_dest_uri(slug, use_directory_urls) == file.dest_uri
    assert link_key(slug) in link_keys(file.dest_uri)


@pytest.mark.parametrize(
    ("slug", "use_directory_urls", "dest"),
    [
        ("/posts/a", True, "posts/a/index.html"),
        ("/posts/a", False, "posts/a.html"),
        ("/posts/index", True, "posts/index/index.html"),
        ("/posts/index", False, "posts/index.html"),
        ("/feed.html", True, "feed.html"),
        ("/feed.html", False, "feed.html"),
        ("  /posts/padded  ", True, "posts/padded/index.html"),
        ("///", False, "index.html"),
    ],
)
def test_slug_dest_uri_table(slug, use_directory_urls, dest):
    assert slug_dest_uri(slug, use_directory_urls) == dest


@pytest.mark.parametrize(
    ("url_format", "src_uri", "title", "category", "expected"),
    [
        # A fork's gatsby/on-create-node.js: `/${moment(date).format('YYYY/MM')}/${kebabCase(title)}`
        ("/{year}/{month}/{title}", "posts/a.md", "Hello World", None, "/2019/06/hello-world"),
        (
            "/{year}/{month}/{day}/{title}/",
            "posts/a.md",
            "TensorFlow 2.0",
            None,
            "/2019/06/24/tensor-flow-2-0/",
        ),
        (
            "/{category}/{title}",
            "posts/a.md",
            "Machine Learning & AI",
            "Deep Learning",
            "/deep-learning/machine-learning-ai",
        ),
        ("/{category}/{title}", "posts/a.md", "No category", None, "/no-category"),
        ("/blog/{file}/", "posts/2019-06-24---My-Post.md", "T", None, "/blog/2019-06-24-my-post/"),
        ("/blog/{file}/", "posts/my-post/index.md", "T", None, "/blog/my-post/"),
        ("/old/{path}/", "posts/2019-06-24---Foo.md", "T", None, "/old/posts/2019-06-24---Foo/"),
        ("/{title}", "a.md", "Café", None, "/cafe"),
    ],
)
def test_post_url_format(url_format, src_uri, title, category, expected):
    date = dt.datetime(2019, 6, 24, 9, 6, 4, tzinfo=dt.timezone.utc)
    assert formatted_path(url_format, src_uri, title, date, category) == expected


@pytest.mark.parametrize("url_format", ["/{year}/{nope}", "/{title", "/{0}/x"])
def test_post_url_format_names_only_its_placeholders(url_format):
    with pytest.raises(ValueError):  # noqa: PT011 - the option's message is tested in builds
        format_fields(url_format)
