"""Screenshots of a small blog as a reader sees it: Material light and dark and MkDocs' own
theme, 1280 and 390 px wide, in headless Chromium without installed math fonts.

Each page is checked for what a look can miss: no horizontal overflow, every image loaded, the
math font loaded on the page with math. The full-page PNGs go to the folder named by
PERCEPTUAL_SCREENSHOTS, or to pytest's temporary folder (printed with -s or on failure): open
them and look, as the test cannot judge a layout.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_IMAGE, build_in_process, image_bytes, post, write_site
from test_math_font import FAMILY, chromium, math_fonts, serve

pytestmark = pytest.mark.slow

EXTENSIONS = Path(__file__).resolve().parents[1] / "mkdocs_perceptual/markdown/extensions.py"

CATEGORIES = [
    "Machine Learning",
    "Statistics",
    "Python",
    "Typography",
    "Linear Algebra",
    "Travel",
    "Reading Notes",
    "Tooling",
    "Teaching",
    "Photography",
]
MATH_AND_CODE = r"""
A post with a formula inline, $e^{i\pi} + 1 = 0$, and on its own:

$$
f(x) = \left( \frac{a}{b} \right)^{2} + \sum_{i=1}^{n} \int_0^1 x_i \, dt
$$

$$
A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}, \quad
|x| = \begin{cases} x & x \ge 0 \\ -x & x < 0 \end{cases}
$$

## Code

```python{2,4-5}
def mean(values):
    total = sum(values)  # a highlighted line, long enough to show how wide the highlight is
    count = len(values)
    if count == 0:
        raise ValueError("no values")
    return total / count
```

```js{numberLines: 5}
const sum = (xs) => xs.reduce((a, b) => a + b, 0); // highlight-line
console.log(sum([1, 2, 3]));
```

Inline `code` in a sentence, and a picture:

![A photograph](/media/image-3.jpg)

## Conclusion

That is all.
"""

# Markdown that Lumen's remark and Python-Markdown read differently (issue 25).
LUMEN_READING = r"""
Mỗi cặp <từ ngữ, số lượng> quá lớn, and the pair <Bear, 1> stays on the page.

A list whose items are paragraphs or not, one by one:

- a short item
- another short one

- an item with a second paragraph

  The second paragraph.
- a last short item

Things to do:

- [x] write the post
- [ ] publish it

Steps, each formula in its item:

1. Write down the loss:
   $$
   L(\beta) = \lVert y - X\beta \rVert^2
   $$
2. Set its gradient to zero.

> A quote with a list:
> - one
> - two

Escapes: 1 \= 1, \<not a tag\>, and ``LaTeX quotes''.
"""


def blog() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {**SEED_IMAGE}
    files["posts/math-and-code.md"] = post(
        title="Math and code in one post",
        date='"2021-03-01 10:00:00"',
        category=CATEGORIES[0],
        tags='["math", "python", "code"]',
        description='"Formulas, stretchy delimiters and highlighted code lines."',
        body=MATH_AND_CODE,
    )
    files["posts/lumen-reading.md"] = post(
        title="Markdown as Lumen read it",
        date='"2021-02-01 10:00:00"',
        category=CATEGORIES[3],
        tags='["notes"]',
        body=LUMEN_READING,
    )
    for i in range(1, 13):
        files[f"posts/post-{i:02}.md"] = post(
            title=f"Post number {i} with a title long enough to wrap on a phone",
            date=f'"2020-{i:02}-10 09:00:00"',
            category=CATEGORIES[i % len(CATEGORIES)],
            tags='["notes", "python"]' if i % 2 else '["notes"]',
            body=f"The first paragraph of post {i}, which the listing shows.\n\n"
            "## A heading\n\nMore text.\n",
        )
    # The December 2024 starter's layout: a folder post, its photographs beside it.
    files["posts/photos/index.md"] = post(
        title="A folder post with photographs",
        date='"2024-12-01 10:00:00"',
        category=CATEGORIES[9],
        slug='"/posts/photos"',
        body="A wide photograph, as responsive copies:\n\n![A wide photograph](/wide.jpg)\n\n"
        'A small one stays its size: <img src="./small.png" alt="A small picture">\n\n'
        'And a tall one:\n\n![A tall photograph](/tall.jpg "Its title")\n',
    )
    files["posts/photos/wide.jpg"] = image_bytes(2400, 1600, "JPEG", quality=85)
    files["posts/photos/small.png"] = image_bytes(200, 120, seed=3)
    files["posts/photos/tall.jpg"] = image_bytes(900, 1400, "JPEG", seed=5, quality=85)
    # Issue 26: a cover beside the post, related posts, comments behind a button, the
    # latest-posts block in a page of its own.
    files["posts/cover/index.md"] = post(
        title="A post with a cover, related posts and comments",
        date='"2024-12-20 10:00:00"',
        category=CATEGORIES[0],
        tags='["math", "python"]',
        slug='"/posts/cover"',
        socialImage="./cover.jpg",
        description='"Its socialImage above it and beside its entry."',
        body="The cover above is the post's socialImage.\n\n## Below\n\nRelated posts, "
        "then the author and the comments' button.\n",
    )
    files["posts/cover/cover.jpg"] = image_bytes(1600, 900, "JPEG", seed=9, quality=85)
    files["notes/latest.md"] = (
        "# The latest\n\nThree posts:\n\n/// latest-posts\n    count: 3\n///\n"
    )
    files["pages/about.md"] = (
        '---\ntitle: "About me"\ntemplate: "page"\nslug: "/pages/about"\n---\n\n'
        "A page without headings.\n"
    )
    return files


CONFIG: dict[str, Any] = {
    "site_name": "A Lumen blog",
    "plugins": [
        "search",
        {
            "perceptual": {
                "posts_per_page": 5,
                "author": {
                    "name": "Jane Doe",
                    "photo": "/media/image-3.jpg",
                    "bio": "Writes about statistics and code.",
                    "contacts": {"github": "janedoe", "email": "jane@example.org"},
                },
                "menu": [{"label": "About me", "path": "/pages/about"}],
                "cover_images": True,
                "comments": "disqus",
                "disqus_shortname": "a-lumen-blog",
            }
        },
    ],
}
THEMES: dict[str, dict[str, Any]] = {
    "material": {"name": "material"},
    "material-dark": {"name": "material", "palette": {"scheme": "slate"}},
    "mkdocs": {"name": "mkdocs"},
}
PAGES = {
    "post": "posts/math-and-code/",
    "photos": "posts/photos/",
    "reading": "posts/lumen-reading/",
    "cover": "posts/cover/",
    "archive": "archive/",
    "latest": "notes/latest/",
    "index": "",
    "page-2": "page/1/",
    "tag": "tag/python/",
    "404": "no/such/page/",
}
WIDTHS = [(1280, 800), (390, 844)]


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("PERCEPTUAL_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {path}")
    return path


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for name, theme in THEMES.items():
        root = tmp_path_factory.mktemp(name)
        config = {**CONFIG, "theme": theme}
        if theme["name"] == "mkdocs" and "mkdocs-theme.css" not in EXTENSIONS.read_text("utf-8"):
            # Until extensions.setup adds the theme's stylesheet itself.
            config["extra_css"] = ["perceptual/mkdocs-theme.css"]
        write_site(root, blog(), config)
        result = build_in_process(root)
        assert result.returncode == 0, result.output
        built[name] = root / "site"
    return built


CHECKS = """async () => {
  await document.fonts.ready;
  await Promise.all([...document.images].map(i => {
    i.loading = 'eager';
    return i.decode().catch(() => null);
  }));
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .filter(e => !e.closest('[hidden], .md-sidebar, .md-search, .md-nav, .navbar, .modal, pre, math'))
    .slice(0, 5).map(e => e.tagName + '.' + e.className);
  return {
    scrollWidth: root.scrollWidth,
    innerWidth: innerWidth,
    wide: wide,
    broken: [...document.images].filter(i => i.naturalWidth === 0).map(i => i.src),
  };
}"""


def test_screenshots(sites: dict[str, Path], shots: Path, tmp_path: Path):
    problems = []
    with chromium(tmp_path) as browser:
        for theme, site in sites.items():
            with serve(site) as url:
                for width, height in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": height})
                    for name, path in PAGES.items():
                        response = page.goto(url + path, wait_until="load")
                        assert response is not None
                        assert response.status == (404 if name == "404" else 200), path
                        where = f"{theme} {width}px {name}"
                        found = page.evaluate(CHECKS)
                        if found["scrollWidth"] > found["innerWidth"]:
                            problems.append(f"{where}: overflows sideways {found}")
                        if found["broken"]:
                            problems.append(f"{where}: images not loaded {found['broken']}")
                        if name == "post" and {"family": FAMILY, "status": "loaded"} not in (
                            math_fonts(page)
                        ):
                            problems.append(f"{where}: math font not loaded")
                        page.screenshot(path=shots / f"{theme}-{width}-{name}.png", full_page=True)
                    page.close()
    assert not problems, "\n".join(problems)
    assert len(list(shots.glob("*.png"))) >= len(THEMES) * len(WIDTHS) * len(PAGES)
