"""A blog's own URL code, found without running it, and the post_url_format that gives the
same URLs (migrate/url_code.py)."""

from __future__ import annotations

import pytest
from test_init import lumen_repo

from mkdocs_perceptual.migrate import url_code

# The starter's own gatsby/on-create-node.js (December 2019 to 2022), which gives Lumen's URLs.
LUMEN = """
const onCreateNode = ({ node, actions, getNode }) => {
  const { createNodeField } = actions;
  if (node.internal.type === 'MarkdownRemark') {
    if (typeof node.frontmatter.slug !== 'undefined') {
      const dirname = getDirname(node.fileAbsolutePath);
      createNodeField({ node, name: 'slug', value: `/${dirname}/${node.frontmatter.slug}` });
    } else {
      const value = createFilePath({ node, getNode });
      createNodeField({ node, name: 'slug', value });
    }
    if (node.frontmatter.tags) {
      const tagSlugs = node.frontmatter.tags.map((tag) => `/tag/${_.kebabCase(tag)}/`);
      createNodeField({ node, name: 'tagSlugs', value: tagSlugs });
    }
  }
};
"""
CUSTOM = LUMEN.replace(
    "const value = createFilePath({ node, getNode });\n"
    "      createNodeField({ node, name: 'slug', value });",
    "createNodeField({\n        node,\n        name: 'slug',\n        value: `{VALUE}`,\n      });",
)


@pytest.mark.parametrize("place", ["gatsby/on-create-node.js", "gatsby-node.js"])
def test_the_starters_own_code_is_lumens(tmp_path, place):
    assert url_code.find(lumen_repo(tmp_path, {place: LUMEN})) == []


@pytest.mark.parametrize(
    ("value", "url_format"),
    [
        (
            "/${moment(node.frontmatter.date).format('YYYY/MM')}/${_.kebabCase(node.frontmatter.title)}",
            "/{year}/{month}/{title}",
        ),
        (
            "/${moment(node.frontmatter.date).format('YYYY/MM/DD')}/${kebabCase(node.frontmatter.title)}/",
            "/{year}/{month}/{day}/{title}/",
        ),
        (
            "/${_.kebabCase(node.frontmatter.category)}/${_.kebabCase(node.frontmatter.title)}",
            "/{category}/{title}",
        ),
        ("/blog/${_.kebabCase(node.frontmatter.title)}", "/blog/{title}"),
        ("/${slugify(node.frontmatter.title)}", None),  # not recognised: say what to set
        ("/${node.id}", None),
    ],
)
def test_a_blogs_own_url_code_is_found_and_translated(tmp_path, value, url_format):
    code = CUSTOM.replace("{VALUE}", value)
    (found,) = url_code.find(lumen_repo(tmp_path, {"gatsby/on-create-node.js": code}))
    assert found.file == "gatsby/on-create-node.js"
    assert found.line == code[: code.index("name: 'slug',\n        value")].count("\n") - 1
    assert found.url_format == url_format
    assert value[:20] in found.code


def test_internal_gatsby_and_a_function_value(tmp_path):
    code = "module.exports = ({ node, actions }) => { actions.createNodeField({ node, name: 'path', value: makePath(node) }); };"
    (found,) = url_code.find(lumen_repo(tmp_path, {"internal/gatsby/on-create-node.js": code}))
    assert (found.file, found.code, found.url_format) == (
        "internal/gatsby/on-create-node.js",
        "makePath(node)",
        None,
    )


def test_nothing_outside_the_repository_is_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "on-create-node.js").write_text(CUSTOM.replace("{VALUE}", "/${node.id}"))
    root = tmp_path / "blog"
    root.mkdir()
    (root / "gatsby").symlink_to(outside)
    (root / "gatsby-node.js").symlink_to(outside / "on-create-node.js")
    assert url_code.find(root) == []


def test_init_writes_post_url_format_and_the_build_keeps_the_blogs_urls(tmp_path, capsys):
    """init on a blog whose on-create-node.js built `/yyyy/MM/<kebab title>`: a warning row
    names the file and the posts, post_url_format is written, and the build publishes each
    post and its feed guid where the blog had them."""
    import feedparser
    from conftest import build_in_process

    from mkdocs_perceptual.__main__ import main

    value = (
        "/${moment(node.frontmatter.date).format('YYYY/MM')}/${_.kebabCase(node.frontmatter.title)}"
    )
    root = lumen_repo(
        tmp_path,
        {
            "config.js": "module.exports = { title: 'Blog', url: 'https://blog.example.org' };",
            "gatsby/on-create-node.js": CUSTOM.replace("{VALUE}", value),
            "content/posts/2019-06-24---first.md": "---\ntitle: Hello World\n"
            'date: "2019-06-24T10:00:00Z"\ntemplate: post\ncategory: Notes\n---\n\nHi.\n',
            "content/posts/slugged.md": "---\ntitle: Slugged\ndate: 2019-07-01\n"
            "template: post\nslug: /posts/slugged\n---\n\nHi.\n",
        },
    )
    assert main(["init", str(root)]) == 0
    out = capsys.readouterr().out
    assert "gatsby/on-create-node.js, line" in out
    assert "WARNING: builds its own URLs" in out
    assert "1 posts without a slug (content/posts/2019-06-24---first.md)" in out
    assert "post_url_format: /{year}/{month}/{title}" in (root / "mkdocs.yml").read_text()
    built = build_in_process(root, strict=False)
    assert built.returncode == 0, built.output
    assert (built.site / "2019/06/hello-world/index.html").is_file()
    guids = [e.id for e in feedparser.parse((built.site / "rss.xml").read_bytes()).entries]
    assert "https://blog.example.org/2019/06/hello-world" in guids
    assert "https://blog.example.org/posts/slugged" in guids
