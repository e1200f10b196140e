"""`mkdocs-perceptual init`: Lumen's settings of every generation read without running
JavaScript, turned into mkdocs.yml, and a report made by the plugin's own checks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import build_in_process, quiet_env

from mkdocs_perceptual.__main__ import main
from mkdocs_perceptual.migrate import init, lumen_settings, mapping
from mkdocs_perceptual.migrate.jsobject import Expression, JsSyntaxError, read_exports, read_object
from mkdocs_perceptual.site.author import contact_href

# -- the object-literal reader -------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("{}", {}),
        (
            "{a: 1, b: -2, c: 1.5, d: 0x1F, e: 1e3, f: 1_000}",
            {"a": 1, "b": -2, "c": 1.5, "d": 31, "e": 1000.0, "f": 1000},
        ),
        (
            "{a: true, b: false, c: null, d: undefined}",
            {"a": True, "b": False, "c": None, "d": None},
        ),
        ("{'a': 'x', \"b\": \"y\", c: `z`}", {"a": "x", "b": "y", "c": "z"}),
        (
            r"""{a: 'it\'s', b: "say \"hi\"", c: '\u00e9\x41\n'}""",
            {"a": "it's", "b": 'say "hi"', "c": "éA\n"},
        ),
        (
            "{a: `two\nlines`, b: `\\${not} a substitution`}",
            {"a": "two\nlines", "b": "${not} a substitution"},
        ),
        ("{a: [1, 2,], b: {c: {d: [{}]}},}", {"a": [1, 2], "b": {"c": {"d": [{}]}}}),
        (
            "{a: 1, // a comment\n /* b: 2, */ c: '//not a comment'}",
            {"a": 1, "c": "//not a comment"},
        ),
        ("{ 'two words': 1, 2: 'n', $x_1: 3 }", {"two words": 1, "2": "n", "$x_1": 3}),
        ("{a: 1, a: 2}", {"a": 2}),  # the last one wins, as in JavaScript
        ("{a: [1, , 3]}", {"a": [1, None, 3]}),
        (
            '{"json": {"still": ["works", 1, true, null]}}',
            {"json": {"still": ["works", 1, True, None]}},
        ),
    ],
)
def test_reads_literals(literal: str, value: dict[str, object]) -> None:
    reading = read_object(literal)
    assert reading.value == value
    assert reading.expressions == []


@pytest.mark.parametrize(
    ("literal", "path", "text"),
    [
        ("{url: process.env.URL || 'https://x'}", "url", "process.env.URL || 'https://x'"),
        ("{a: require('./a.json')}", "a", "require('./a.json')"),
        ("{a: 'x' + 'y'}", "a", "'x' + 'y'"),
        ("{a: `x ${y}`}", "a", "`x ${y}`"),
        ("{a: new Date().getFullYear()}", "a", "new Date().getFullYear()"),
        ("{a: x ? 'b' : 'c'}", "a", "x ? 'b' : 'c'"),
        ("{a: (b) => { return b / 2 }}", "a", "(b) => { return b / 2 }"),
        ("{a: /x\\/y/g}", "a", "/x\\/y/g"),
        ("{a: {b: [1, f(2)]}}", "a.b[1]", "f(2)"),
        ("{title}", "title", "title"),
        ("{...defaults}", "...defaults", "...defaults"),
        ("{[key]: 1}", "[key]: 1", "[key]: 1"),
        ("{a: -x}", "a", "-x"),
    ],
)
def test_expressions_are_kept_and_named(literal: str, path: str, text: str) -> None:
    reading = read_object(literal)
    assert [(p, e.text) for p, e in reading.expressions] == [(path, text)]


def test_reading_carries_on_after_an_expression() -> None:
    reading = read_object("{\n  a: f(1, [2, {b: 3}]),\n  c: 'after',\n}")
    assert reading.value == {"a": Expression("f(1, [2, {b: 3}])", 2), "c": "after"}


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("{\n  a: 1\n  b: 2\n}", 3, "expected ',' before 'b'"),
        ("{\n  a: [1, 2}\n", 2, "expected ',' or ']'"),
        ("{\n  a: 'open\n}", 2, "unterminated string"),
        ("{\n  a: 1,\n", 1, "not closed"),
        ("{\n  a: 1\n}}", 3, "after the object"),
        ("{a: 1} x", 1, "after the object"),
        ("{\n/* never closed", 2, "unterminated comment"),
    ],
)
def test_syntax_errors_name_the_line(source: str, line: int, message: str) -> None:
    with pytest.raises(JsSyntaxError) as caught:
        read_object(source)
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("'use strict';\nmodule.exports = { a: 1 };", {"a": 1}),
        ("module.exports = {a: 1}\n// module.exports = {b: 2}", {"a": 1}),
        ("const config = { a: 1 };\nmodule.exports = config;", {"a": 1}),
        ("export default { a: 'x' };", {"a": "x"}),
        (
            "const x = require('x');\nconst y = { z: 2 };\nmodule.exports = {a: y.z};",
            {"a": Expression("y.z", 3)},
        ),
    ],
)
def test_reads_what_the_module_exports(source: str, value: dict[str, object]) -> None:
    assert read_exports(source).value == value


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        (
            "'use strict';\n\nmodule.exports = require('./settings');\n",
            3,
            "not an object literal: require('./settings')",
        ),
        ("module.exports = makeConfig({ a: 1 });", 1, "not an object literal"),
        ("const a = 1;", 1, "no `module.exports"),
    ],
)
def test_exports_that_are_no_object_literal(source: str, line: int, message: str) -> None:
    with pytest.raises(JsSyntaxError) as caught:
        read_exports(source)
    assert (caught.value.line, message in caught.value.message) == (line, True)


# -- Lumen's settings, generation by generation ----------------------------------------------

GATSBY_CONFIG_2017 = """\
module.exports = {
  siteMetadata: {
    url: 'https://lumen.netlify.com',
    title: 'Blog by John Doe',
    subtitle: 'Pellentesque odio nisi, euismod in, pharetra a, ultricies in, diam.',
    copyright: '© All rights reserved.',
    disqusShortname: '',
    menu: [
      { label: 'Articles', path: '/' },
      { label: 'About me', path: '/about/' },
    ],
    author: {
      name: 'John Doe',
      email: '#',
      telegram: 'johndoe',
      twitter: 'https://twitter.com/johndoe',
      github: '#',
      rss: '#',
      vk: '#'
    }
  },
  plugins: [
    { resolve: 'gatsby-source-filesystem', options: { path: `${__dirname}/src/pages`, name: 'pages' } },
    { resolve: 'gatsby-plugin-google-analytics', options: { trackingId: 'UA-73379983-2' } },
    'gatsby-plugin-offline',
  ]
};
"""

CONFIG_2019 = """\
'use strict';

module.exports = {
  url: 'https://lumen.netlify.com',
  pathPrefix: '/',
  title: 'Blog by John Doe',
  subtitle: 'Pellentesque odio nisi, euismod in, pharetra a, ultricies in, diam. Sed arcu.',
  copyright: '© All rights reserved.',
  disqusShortname: '',
  postsPerPage: 4,
  googleAnalyticsId: 'UA-73379983-2',
  useKatex: false,
  menu: [
    {
      label: 'Articles',
      path: '/'
    },
    {
      label: 'About me',
      path: '/pages/about'
    }
  ],
  author: {
    name: 'John Doe',
    photo: '/photo.jpg',
    bio: 'Pellentesque odio nisi, euismod in, pharetra a, ultricies in, diam.',
    contacts: {
      email: '',
      facebook: '#',
      telegram: '#',
      twitter: '#',
      github: 'johndoe',
      rss: '',
      vkontakte: '',
      linkedin: '#',
      instagram: '#',
      line: '',
      gitlab: '',
      weibo: '',
      codepen: '',
      youtube: '',
      soundcloud: '',
    }
  }
};
"""

CONFIG_2020 = """\
// @flow strict
'use strict';

/* Settings of the blog.
   See https://github.com/alxshelepenok/gatsby-starter-lumen */
module.exports = {
  url: process.env.URL || 'https://blog.example.org', // Netlify sets URL
  pathPrefix: "/notes/",
  title: `Notes`,
  subtitle: 'On ' + 'learning',
  copyright: '© ' + new Date().getFullYear(),
  postsPerPage: 6,
  googleAnalyticsId: "G-ABC123",
  menu: [
    { label: 'Articles', path: '/', },
    { label: 'Talks', path: TALKS_PATH, },
  ],
  author: {
    name: 'Ada',
    photo: '/media/ada.jpg',
    bio: `Writes.`,
    contacts: {
      github: 'ada',
      email: 'ada@example.org',
      medium: '@ada',
      mastodon: 'https://example.social/@ada',
      rss: '/rss.xml',
    },
  },
};
"""

CONFIG_2022 = {
    "url": "https://example.org",
    "pathPrefix": "/",
    "title": "Blog",
    "subtitle": "Posts.",
    "copyright": "All rights reserved.",
    "postsPerPage": 4,
    "googleAnalyticsId": "",
    "useKatex": False,
    "menu": [{"label": "Articles", "path": "/"}],
    "author": {
        "name": "Jo",
        "photo": "/photo.jpg",
        "bio": "Bio.",
        "contacts": {"github": "jo", "twitter": "#", "linkedin": "jo-x", "youtube": "UC123"},
    },
}


def lumen_repo(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def planned(root: Path) -> tuple[dict, dict[str, str]]:
    lumen = lumen_settings.read_lumen(root)
    plan = mapping.plan(lumen, folder=root.name, static_dir=(root / "static").is_dir())
    rows: dict[str, str] = {}
    for field, where in plan.rows:
        rows[field] = f"{rows[field]} | {where}" if field in rows else where
    return plan.settings, rows


def perceptual(settings: dict) -> dict:
    return settings["plugins"][1]["perceptual"]


def test_2017_gatsby_config(tmp_path: Path) -> None:
    settings, rows = planned(lumen_repo(tmp_path, {"gatsby-config.js": GATSBY_CONFIG_2017}))
    assert settings["site_name"] == "Blog by John Doe"
    assert settings["site_url"] == "https://lumen.netlify.com/"
    assert settings["copyright"] == "© All rights reserved."
    # The 2017 starter wrote the contacts beside the name; placeholders are left out.
    assert perceptual(settings)["author"] == {
        "name": "John Doe",
        "contacts": {"telegram": "johndoe", "twitter": "https://twitter.com/johndoe"},
    }
    assert settings["extra"]["social"] == [
        {
            "icon": "fontawesome/brands/telegram",
            "link": "https://telegram.me/johndoe",
            "name": "telegram",
        },
        {
            "icon": "fontawesome/brands/x-twitter",
            "link": "https://twitter.com/johndoe",
            "name": "twitter",
        },
    ]
    assert perceptual(settings)["menu"][1] == {"label": "About me", "path": "/about/"}
    assert perceptual(settings)["posts_per_page"] == 4
    assert "missing" in rows["postsPerPage"]
    assert rows["disqusShortname"] == "empty: nothing to carry over"
    assert "author.contacts.github" in rows
    # The 2017 starter's `vk` is `vkontakte`: a placeholder here, so left out as one.
    assert rows["author.contacts.vkontakte"] == "left out: '#', a placeholder"
    assert "author.vk" not in rows
    # Google Analytics sat in gatsby-config.js's plugins list in 2017.
    assert settings["extra"]["analytics"] == {"provider": "google", "property": "UA-73379983-2"}
    assert rows["googleAnalyticsId"].startswith("extra.analytics (a Universal Analytics id")


def test_2019_config_js(tmp_path: Path) -> None:
    repo = lumen_repo(tmp_path, {"config.js": CONFIG_2019, "static/photo.jpg": "x"})
    settings, rows = planned(repo)
    assert settings["site_url"] == "https://lumen.netlify.com/"
    assert settings["site_description"].startswith("Pellentesque")
    assert settings["docs_dir"] == "content"
    assert [p["scheme"] for p in settings["theme"]["palette"]] == ["default", "slate"]
    assert all("toggle" in p for p in settings["theme"]["palette"])
    assert settings["plugins"][0] == "search"
    options = perceptual(settings)
    assert options["static_dir"] == "static"
    assert options["posts_per_page"] == 4
    assert options["author"]["contacts"] == {"github": "johndoe"}
    assert options["author"]["photo"] == "/photo.jpg"
    assert settings["extra"]["analytics"] == {"provider": "google", "property": "UA-73379983-2"}
    assert "G- id" in rows["googleAnalyticsId"]
    assert "unregister_service_worker" not in options  # no package.json, no offline plugin
    assert rows["pathPrefix"].startswith("nothing to do")
    assert rows["useKatex"].startswith("not needed")
    assert rows["author.contacts.facebook"] == "left out: '#', a placeholder"


def test_2020_config_with_comments_and_expressions(tmp_path: Path) -> None:
    package = {"dependencies": {"gatsby": "^2"}, "devDependencies": {"gatsby-plugin-offline": "3"}}
    repo = lumen_repo(tmp_path, {"config.js": CONFIG_2020, "package.json": json.dumps(package)})
    settings, rows = planned(repo)
    # Expressions are named by field, and the reading goes on with the others.
    assert "site_url" not in settings
    assert "`process.env.URL || 'https://blog.example.org'` (line 7)" in rows["url"]
    assert "set site_url by hand" in rows["url"]
    assert rows["pathPrefix"] == "not used: no url"
    assert "`'On ' + 'learning'`" in rows["subtitle"]
    assert "`'© ' + new Date().getFullYear()`" in rows["copyright"]
    assert "site_description" not in settings
    assert "copyright" not in settings
    assert settings["site_name"] == "Notes"
    options = perceptual(settings)
    assert options["posts_per_page"] == 6
    assert options["menu"] == [{"label": "Articles", "path": "/"}]
    assert "`TALKS_PATH`" in rows["menu[1]"]
    assert options["unregister_service_worker"] is True
    assert options["author"]["contacts"]["mastodon"] == "https://example.social/@ada"
    links = {s["name"]: (s["icon"], s["link"]) for s in settings["extra"]["social"]}
    assert links == {
        "github": ("fontawesome/brands/github", "https://github.com/ada"),
        "email": ("fontawesome/solid/envelope", "mailto:ada@example.org"),
        "medium": ("fontawesome/brands/medium", "https://medium.com/@ada"),
        "rss": ("fontawesome/solid/square-rss", "/rss.xml"),
        # The same icons as the author card's: Material bundles Mastodon's.
        "mastodon": ("fontawesome/brands/mastodon", "https://example.social/@ada"),
    }
    assert settings["extra"]["analytics"]["property"] == "G-ABC123"


def test_2022_config_json(tmp_path: Path) -> None:
    repo = lumen_repo(
        tmp_path,
        {
            "content/config.json": json.dumps(CONFIG_2022, indent=2),
            # A leftover of the older starter: the newer file wins.
            "config.js": "module.exports = { title: 'old' };",
        },
    )
    settings, _ = planned(repo)
    assert lumen_settings.read_lumen(repo).source == "content/config.json"
    assert settings["site_name"] == "Blog"
    assert settings["site_url"] == "https://example.org/"
    assert "analytics" not in settings.get("extra", {})
    links = [s["link"] for s in settings["extra"]["social"]]
    assert links == [
        "https://github.com/jo",
        "https://www.linkedin.com/in/jo-x",
        "https://www.youtube.com/channel/UC123",
    ]


# The December 2024 starter's content/config.json, as its components read it: menu items of
# title and url, the author's title (the name) and description (the bio), contacts as an
# array of {name, contact}, feedLimit as the page size, description as the old subtitle.
CONFIG_2024 = {
    "url": "https://lumen.example.org",
    "pathPrefix": "/",
    "title": "Blog by John Doe",
    "description": "Pellentesque odio nisi, euismod in, pharetra a, ultricies in, diam.",
    "copyright": '© <a href="https://example.org/me">Me</a><script>alert(1)</script>',
    "disqusShortname": "",
    "feedLimit": 5,
    "menu": [
        {"title": "Articles", "url": "/"},
        {"title": "About me", "url": "/pages/about"},
        {"title": "Send a message", "url": "/pages/contacts"},
    ],
    "author": {
        "title": "John Doe",
        "photo": "/photo.jpg",
        "description": 'Writes <em>notes</em> on <a href="https://x.org" onclick="x()">maths</a>',
        "contacts": [
            {"name": "github", "contact": "johndoe"},
            {"name": "twitter", "contact": "#"},
            {"name": "email", "contact": "john@example.org"},
            {"name": "rss", "contact": "/rss.xml"},
            {"name": "kofi", "contact": "johndoe"},
            {"name": "myspace", "contact": "https://myspace.com/johndoe"},
        ],
    },
}


def test_december_2024_config_json(tmp_path: Path) -> None:
    repo = lumen_repo(tmp_path, {"content/config.json": json.dumps(CONFIG_2024, indent=2)})
    settings, rows = planned(repo)
    options = perceptual(settings)
    assert settings["site_description"] == CONFIG_2024["description"]
    assert options["posts_per_page"] == 5
    assert options["menu"] == [
        {"label": "Articles", "path": "/"},
        {"label": "About me", "path": "/pages/about"},
        {"label": "Send a message", "path": "/pages/contacts"},
    ]
    author = options["author"]
    assert (author["name"], author["photo"]) == ("John Doe", "/photo.jpg")
    assert author["bio"] == CONFIG_2024["author"]["description"]  # made safe where shown
    assert author["contacts"] == {
        "github": "johndoe",
        "email": "john@example.org",
        "rss": "/rss.xml",
        "kofi": "johndoe",
        "myspace": "https://myspace.com/johndoe",
    }
    social = {s["name"]: (s["icon"], s["link"]) for s in settings["extra"]["social"]}
    assert social["kofi"] == ("simple/kofi", "https://ko-fi.com/johndoe")
    assert social["myspace"] == ("fontawesome/solid/link", "https://myspace.com/johndoe")
    assert rows["author.contacts.myspace"] == "a plain link: no icon for it"
    assert rows["author.contacts.twitter"] == "left out: '#', a placeholder"
    # Themes print MkDocs' copyright as HTML: the link is kept, the script is not.
    assert settings["copyright"] == '© <a href="https://example.org/me" rel="noopener">Me</a>'
    for field in ("title", "description", "feedLimit", "menu", "copyright"):
        assert "no counterpart" not in rows.get(field, ""), field
    assert "author.title" in rows
    assert "author.description" in rows


def test_december_2024_blog_builds_with_its_menu_and_author(tmp_path: Path) -> None:
    repo = lumen_repo(
        tmp_path,
        {
            "content/config.json": json.dumps(CONFIG_2024, indent=2),
            "content/posts/hello/index.md": "---\ntitle: Hello\ndate: 2024-12-01\n"
            "template: post\nslug: /posts/hello\ncategory: Notes\n---\n\nHi.\n",
            "content/pages/about/index.md": "---\ntitle: About me\ntemplate: page\n"
            "slug: /pages/about\n---\n\nMe.\n",
            "content/pages/contacts/index.md": "---\ntitle: Contacts\ntemplate: page\n"
            "slug: /pages/contacts\n---\n\nWrite.\n",
            "static/photo.jpg": "not read",
        },
    )
    assert main(["init", str(repo)]) == 0
    from conftest import build_in_process

    built = build_in_process(repo, strict=False)
    assert built.returncode == 0, built.output
    home = built.html("index.html")
    nav = [a.get_text(strip=True) for a in home.select(".md-nav--primary > .md-nav__list > li > a")]
    assert nav[:3] == ["Articles", "About me", "Send a message"]
    card = home.find(class_="perceptual-author")
    assert card.find(class_="perceptual-author-name").get_text(strip=True) == "John Doe"
    bio = card.find(class_="perceptual-author-bio")
    assert bio.find("em").get_text() == "notes"
    assert bio.find("a")["href"] == "https://x.org"
    assert not bio.find("a").has_attr("onclick")
    assert card.find("a", class_="perceptual-contact-kofi")["href"] == "https://ko-fi.com/johndoe"
    footer = home.find(class_="md-copyright")
    assert footer.find("script") is None
    assert footer.find("a")["href"] == "https://example.org/me"


def test_disqus_shortname_keeps_every_thread(tmp_path: Path) -> None:
    """Lumen's Comments.js gave Disqus identifier = the post's title and url = the site's
    url + the slug: init turns comments on with the shortname, and the built post hands
    Disqus those exact values (issue 26 item 6)."""
    repo = lumen_repo(
        tmp_path,
        {
            "config.js": "module.exports = { title: 'Blog', url: 'https://lumen.example.org',"
            " disqusShortname: 'my-lumen-blog' };",
            "content/posts/a.md": "---\ntitle: Text & Sequences\ndate: 2019-06-24\n"
            "template: post\nslug: /posts/perceptual-learning\n---\n\nHi.\n",
            "content/posts/b.md": "---\ntitle: No slug\ndate: 2019-06-25\n"
            "template: post\n---\n\nHi.\n",
        },
    )
    settings, rows = planned(repo)
    assert perceptual(settings)["comments"] == "disqus"
    assert perceptual(settings)["disqus_shortname"] == "my-lumen-blog"
    assert rows["disqusShortname"].startswith("perceptual: comments: disqus")
    assert main(["init", str(repo)]) == 0
    built = build_in_process(repo, strict=True)
    assert built.returncode == 0, built.output
    section = built.html("posts/perceptual-learning/index.html").find(class_="perceptual-comments")
    assert section["data-shortname"] == "my-lumen-blog"
    assert section["data-identifier"] == "Text & Sequences"
    assert section["data-url"] == "https://lumen.example.org/posts/perceptual-learning"
    # No slug: Lumen's slug was the file's path.
    other = built.html("posts/b/index.html").find(class_="perceptual-comments")
    assert other["data-url"] == "https://lumen.example.org/posts/b/"


@pytest.mark.parametrize("shortname", ["my blog", "x.disqus.com/evil", "-x", "<script>", "a_b"])
def test_a_disqus_shortname_that_is_no_host_name_is_not_used(tmp_path: Path, shortname: str):
    config = f"module.exports = {{ title: 'Blog', disqusShortname: {json.dumps(shortname)} }};"
    settings, rows = planned(lumen_repo(tmp_path, {"config.js": config}))
    assert "comments" not in perceptual(settings)
    assert rows["disqusShortname"].startswith("not used:")


@pytest.mark.parametrize(
    ("url", "prefix", "site_url"),
    [
        ("https://x.org", "/blog", "https://x.org/blog/"),
        ("https://x.org/", "blog/", "https://x.org/blog/"),
        ("https://x.org/blog", "/blog", "https://x.org/blog/"),
        ("https://x.org", "/", "https://x.org/"),
        ("https://x.org", None, "https://x.org/"),
    ],
)
def test_site_url_takes_the_path_prefix(url: str, prefix: str | None, site_url: str) -> None:
    assert mapping.site_url(url, prefix) == site_url


@pytest.mark.parametrize(
    ("service", "handle", "link"),
    [
        ("github", "ada", "https://github.com/ada"),
        ("twitter", "https://twitter.com/ada", "https://twitter.com/ada"),
        ("email", "ada@example.org", "mailto:ada@example.org"),
        ("rss", "/rss.xml", "/rss.xml"),
        ("rss", "https://x.org/rss.xml", "https://x.org/rss.xml"),
        ("line", "ada", "line://ti/p/ada"),
        ("rss", "javascript:alert(1)", None),
        ("mastodon", "https://example.social/@ada", "https://example.social/@ada"),
    ],
)
def test_contact_links(service: str, handle: str, link: str | None) -> None:
    assert contact_href(service, handle) == link


def test_missing_fields(tmp_path: Path) -> None:
    settings, rows = planned(lumen_repo(tmp_path / "my-blog", {"config.js": "module.exports = {}"}))
    assert settings["site_name"] == "my-blog"
    assert rows["title"] == "missing: site_name is 'my-blog'"
    assert rows["url"].startswith("missing")
    assert perceptual(settings) == {"posts_per_page": 4}
    assert "extra" not in settings


def test_unknown_and_wrongly_typed_fields(tmp_path: Path) -> None:
    config = "module.exports = {title: 42, postsPerPage: '4', author: 'me', theme: 'dark'}"
    _, rows = planned(lumen_repo(tmp_path, {"config.js": config}))
    assert rows["title"].startswith("not read: expected text, got 42")
    assert "posts_per_page is 4" in rows["postsPerPage"]
    assert rows["author"].startswith("not read")
    assert rows["theme"] == "no MkDocs counterpart; not used"


# -- bad input: a clear message, nothing written ---------------------------------------------


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "no Lumen settings found (looked for content/config.json, config.js"),
        (
            {"config.js": "'use strict';\n\nmodule.exports = require('./settings.json');\n"},
            "config.js, line 3: module.exports is not an object literal: "
            "require('./settings.json'); nothing written",
        ),
        (
            {"config.js": "module.exports = {\n  a: 1\n  b: 2\n};"},
            "config.js, line 3: expected ','",
        ),
        (
            {"content/config.json": '{\n  "title": "x",\n  "url": "y"\n  "copyright": ""\n}'},
            "content/config.json, line 4, column 3: Expecting ',' delimiter; nothing written",
        ),
        ({"content/config.json": "[1, 2]"}, "content/config.json: expected a JSON object"),
        (
            {"config.js": "module.exports = {a: 1}", "package.json": '{"dependencies": {,}}'},
            "package.json, line 1, column 19",
        ),
    ],
)
def test_bad_input_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], message: str
) -> None:
    lumen_repo(tmp_path, files)
    assert main(["init", str(tmp_path)]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "mkdocs.yml").exists()


def test_unreadable_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config.js").write_bytes(b"module.exports = { title: '\xff' };")
    assert main(["init", str(tmp_path)]) == 1
    assert "config.js: cannot be read" in capsys.readouterr().err
    assert not (tmp_path / "mkdocs.yml").exists()


# -- the report: the plugin's own checks, without building ----------------------------------

POST = """\
---
title: {title}
date: {date}
template: "post"
draft: {draft}
slug: "{slug}"
category: "Deep Learning"
tags: ["Keras", "NLP"]
description: "About {title}."
---

Body of {title}.
"""


def test_report_runs_the_plugins_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lumen_repo(
        tmp_path,
        {
            "config.js": "module.exports = { title: 'T', url: 'https://x.org', postsPerPage: 1 }",
            "content/posts/a.md": POST.format(
                title="A", date="2019-01-01", draft="false", slug="/posts/same"
            ),
            "content/posts/b.md": POST.format(
                title="B", date='"2022-01-01T08:00.000+07:00"', draft="false", slug="/posts/same"
            ),
            "content/posts/c.md": "\n"
            + POST.format(title="C", date="2019-01-01", draft="false", slug="/posts/c"),
            "content/posts/d.md": "---\ntitle: [unclosed\n---\n",
            "content/posts/e.md": POST.format(title="E", date="nope", draft="false", slug="/e"),
        },
    )
    assert main(["init", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "posts/a.md and posts/b.md are both published as 'posts/same/index.html'" in out
    assert "WARNING: posts/b.md: date '2022-01-01T08:00.000+07:00'" in out
    assert "WARNING: posts/c.md: its front matter follows blank lines" in out
    assert "posts/d.md, line 3: the front matter is not valid YAML" in out
    assert "posts/e.md: invalid front matter\n    date: expected a date" in out
    assert "Content: posts 2, drafts 0, pages 0, categories 1, tags 2" in out


# -- end to end: init, then a real `mkdocs build --strict` ------------------------------------


def test_init_then_mkdocs_build_strict(tmp_path: Path) -> None:
    repo = lumen_repo(
        tmp_path / "blog",
        {
            "config.js": CONFIG_2019,
            "package.json": json.dumps({"dependencies": {"gatsby-plugin-offline": "^2.0.0"}}),
            "content/posts/2019-01-01---a.md": POST.format(
                title="First", date='"2019-01-01 10:00:00"', draft="false", slug="/posts/first"
            ),
            "content/posts/2019-02-01---b.md": POST.format(
                title="Second", date="2019-02-01T10:00:00.000Z", draft="false", slug="/posts/second"
            ),
            "content/posts/2019-03-01---c.md": POST.format(
                title="Draft", date="2019-03-01", draft="true", slug="/posts/draft"
            ),
            "content/pages/about.md": '---\ntitle: "About me"\ntemplate: "page"\nslug: "/pages/about"\n---\n\nAbout.\n',
            "static/media/x.jpg": "not really a JPEG",
        },
    )
    command = [sys.executable, "-m", "mkdocs_perceptual", "init", str(repo)]
    done = subprocess.run(command, capture_output=True, text=True, env=quiet_env(), check=False)
    assert done.returncode == 0, done.stderr
    assert "Content: posts 2, drafts 1, pages 1, categories 1, tags 2" in done.stdout
    assert "`mkdocs build --strict` passed (the site was built into a temporary folder)." in (
        done.stdout
    )
    written = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert written.startswith(
        "# Written by `mkdocs-perceptual init` from config.js and package.json"
    )
    assert perceptual(yaml.safe_load(written))["unregister_service_worker"] is True

    build = build_in_process(repo, strict=True)
    assert build.returncode == 0, build.output
    assert build.html("posts/first/index.html").find("h1").get_text(strip=True) == "First"
    assert not (build.site / "posts" / "draft").exists()
    assert (build.site / "pages" / "about" / "index.html").is_file()
    assert (build.site / "media" / "x.jpg").is_file()
    assert "self.registration" in (build.site / "sw.js").read_text(encoding="utf-8")
    feed = (build.site / "rss.xml").read_text(encoding="utf-8")
    assert "<guid" in feed
    assert "https://lumen.netlify.com/posts/first" in feed

    # A second run keeps the file as it is; --force replaces it.
    (repo / "mkdocs.yml").write_text("# edited by hand\n" + written, encoding="utf-8")
    again = subprocess.run(command, capture_output=True, text=True, env=quiet_env(), check=False)
    assert again.returncode == 1
    assert "mkdocs.yml: exists already; nothing written (--force replaces it)" in again.stderr
    assert (repo / "mkdocs.yml").read_text(encoding="utf-8").startswith("# edited by hand")
    forced = subprocess.run([*command, "--force"], capture_output=True, text=True, env=quiet_env())
    assert forced.returncode == 0, forced.stderr
    assert (repo / "mkdocs.yml").read_text(encoding="utf-8") == written


def test_default_path_is_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lumen_repo(tmp_path, {"config.js": "module.exports = {title: 'Here'}", "content/x.md": "x"})
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert yaml.safe_load((tmp_path / "mkdocs.yml").read_text())["site_name"] == "Here"
    assert "Wrote mkdocs.yml" in capsys.readouterr().out


def test_a_crash_in_the_checks_is_reported_after_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_perceptual.plugin import PerceptualPlugin

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(PerceptualPlugin, "on_files", crash)
    lumen_repo(tmp_path, {"config.js": "module.exports = {title: 'T'}", "content/x.md": "x"})
    assert main(["init", str(tmp_path)]) == 0
    assert "the checks stopped: RuntimeError: boom" in capsys.readouterr().out
    assert (tmp_path / "mkdocs.yml").is_file()


def test_the_verdict_is_a_real_builds(tmp_path: Path) -> None:
    """init's last words come from a real `mkdocs build --strict` into a temporary folder:
    a link to an old custom URL, an image missing upstream and a broken image are each
    reported under their kind with what to do; no pass is claimed; --no-build says it did
    not build (issue 23 item 3)."""
    repo = lumen_repo(
        tmp_path,
        {
            "config.js": "module.exports = { title: 'Blog', url: 'https://x.org' };",
            "content/posts/a/index.md": "---\ntitle: A\ndate: 2020-01-01\ntemplate: post\n"
            "slug: /posts/a\n---\n\nSee [old](/2019/06/old-custom-url) and "
            "![gone](/media/missing.png) and ![bad](./bad.jpg).\n",
            "content/posts/a/bad.jpg": "not a jpeg",
        },
    )
    out = io.StringIO()
    assert init.run(repo, out=out) == 0
    text = out.getvalue()
    assert "passed" not in text
    assert "`mkdocs build --strict` fails: 3 warnings, by kind:" in text
    assert "links and images to nothing (2): an image Lumen found" in text
    assert "'/2019/06/old-custom-url' points at nothing" in text
    assert "images published as they are (1)" in text
    assert not list(tmp_path.glob("site"))  # built elsewhere
    (repo / "mkdocs.yml").unlink()
    out = io.StringIO()
    assert init.run(repo, out=out, build=False) == 0
    assert "Not built (--no-build)" in out.getvalue()
