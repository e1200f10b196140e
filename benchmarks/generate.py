"""A deterministic blog of N Lumen posts, written three ways for the benchmark.

    python benchmarks/generate.py N FOLDER

writes FOLDER/floor, FOLDER/perceptual, FOLDER/perceptual-rss-only and FOLDER/material: the
same posts (code, inline and display math, 12 categories, tags, 5% drafts), each with an
mkdocs.yml:

- floor: plain MkDocs, posts without Lumen's `template` (which plain MkDocs cannot build),
  drafts left out, posts kept out of the navigation: the least any plugin can cost;
- perceptual: the Lumen posts as they are, with `- perceptual`;
- perceptual-rss-only: the same posts (its docs_dir is perceptual's) with Lumen's one RSS
  feed, no Atom, JSON, category or tag feeds: the difference is what those feeds cost;
- material: the same posts with the front matter of Material's blog plugin, under blog/posts.

All three use the same Markdown extensions and the Material theme.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

CATEGORIES = [
    "Deep Learning",
    "Machine Learning & AI",
    "Computer Vision",
    "NLP",
    "Statistics",
    "Python",
    "Data Engineering",
    "Tooling",
    "Web Development",
    "Mathematics",
    "Career",
    "Notes",
]
TAGS = [
    "cnn",
    "rnn",
    "transformers",
    "keras",
    "pytorch",
    "numpy",
    "pandas",
    "sql",
    "docker",
    "linux",
    "git",
    "optimization",
    "probability",
    "linear algebra",
    "calculus",
    "nlp",
]
WORDS = [
    "the",
    "model",
    "learns",
    "a",
    "representation",
    "of",
    "each",
    "input",
    "and",
    "the",
    "loss",
    "measures",
    "how",
    "far",
    "its",
    "prediction",
    "is",
    "from",
    "the",
    "label",
    "while",
    "the",
    "optimizer",
    "moves",
    "every",
    "weight",
    "a",
    "small",
    "step",
    "against",
    "the",
    "gradient",
    "so",
    "that",
    "after",
    "many",
    "epochs",
    "the",
    "error",
    "on",
    "held",
    "out",
    "data",
    "falls",
]

EXTENSIONS = [
    {"toc": {"permalink": True}},
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.inlinehilite",
    {"pymdownx.arithmatex": {"generic": True}},
]


def _prose(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def body(rng: random.Random, i: int) -> str:
    """About 600 words: headings, prose, a list, inline and display math, two code blocks."""
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    return f"""
{_prose(rng, 4)}

## Background {i}

{_prose(rng, 6)} The loss is $L_{{{i}}} = -\\sum_{{k=1}}^{{{a}}} y_k \\log p_k$ for each example.

- {_prose(rng, 1)}
- {_prose(rng, 1)}
- {_prose(rng, 1)}

$$
f_{{\\alpha}}(x) = \\dfrac{{x^{a}}}{{(x^{b}+x_{{max}}-x)^\\alpha}}
$$

## Method

{_prose(rng, 8)}

```python
def train(model, data, epochs={a}):
    for epoch in range(epochs):
        for x, y in data:
            loss = model.loss(x, y)
            model.step(loss.grad() * {b})
    return model
```

{_prose(rng, 5)} With $\\alpha = {a}/{b}$ the update is stable.

```css
#post-{i} h1 a {{
  display: block;
  width: {a * 100}px;
}}
```

## Results

{_prose(rng, 10)}
"""


def posts(n: int) -> list[dict]:
    rng = random.Random(20190624)
    start = dt.datetime(2015, 1, 1, 9, 0, 0)
    out = []
    for i in range(n):
        date = start + dt.timedelta(hours=7 * i + rng.randint(0, 5))
        out.append(
            {
                "i": i,
                "title": f"Post {i}: " + " ".join(rng.choice(WORDS) for _ in range(5)).capitalize(),
                "date": date,
                "slug": f"/posts/post-{i}-{rng.choice(WORDS)}",
                "category": CATEGORIES[i % len(CATEGORIES)],
                "tags": sorted(rng.sample(TAGS, 3)),
                "description": _prose(rng, 1),
                "draft": i % 20 == 7,  # 5%
                "body": body(rng, i),
            }
        )
    return out


def _front(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) + "---\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _config(folder: Path, extra: dict) -> None:
    settings = {
        "site_name": "Benchmark blog",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": EXTENSIONS,
        **extra,
    }
    _write(folder / "mkdocs.yml", yaml.safe_dump(settings, sort_keys=False))


def generate(n: int, root: Path) -> None:
    blog = posts(n)
    home = "# Benchmark blog\n\nThe home page.\n"
    # (a) the floor
    floor = root / "floor"
    _write(floor / "docs" / "index.md", home)
    for p in blog:
        if not p["draft"]:
            fields = {
                "title": p["title"],
                "date": p["date"].strftime("%Y-%m-%d %H:%M:%S"),
                "description": p["description"],
            }
            _write(floor / "docs" / "posts" / f"post-{p['i']}.md", _front(fields) + p["body"])
    _config(floor, {"nav": ["index.md"], "not_in_nav": "/posts/", "plugins": ["search"]})
    # (b) perceptual
    ours = root / "perceptual"
    _write(ours / "docs" / "index.md", home)
    for p in blog:
        fields = {
            "title": p["title"],
            "date": p["date"].strftime("%Y-%m-%d %H:%M:%S"),
            "template": "post",
            "draft": p["draft"],
            "slug": p["slug"],
            "category": p["category"],
            "tags": p["tags"],
            "description": p["description"],
        }
        _write(
            ours / "docs" / "posts" / f"{p['date']:%Y-%m-%d}---post-{p['i']}.md",
            _front(fields) + p["body"],
        )
    _config(ours, {"plugins": ["search", {"perceptual": {"blog_index": "blog/"}}]})
    # (b') the same posts with Lumen's one RSS feed: the cost of the other feeds (issue 26)
    one_feed = {
        "blog_index": "blog/",
        "atom_feed_path": False,
        "json_feed_path": False,
        "category_feeds": False,
        "tag_feeds": False,
    }
    _config(
        root / "perceptual-rss-only",
        {"docs_dir": "../perceptual/docs", "plugins": ["search", {"perceptual": one_feed}]},
    )
    # (c) Material's blog plugin
    material = root / "material"
    _write(material / "docs" / "index.md", home)
    _write(material / "docs" / "blog" / "index.md", "# Blog\n")
    for p in blog:
        fields = {
            "title": p["title"],
            "date": p["date"],
            "draft": p["draft"],
            "slug": p["slug"].rsplit("/", 1)[-1],
            "categories": [p["category"]],
            "tags": p["tags"],
            "description": p["description"],
        }
        _write(
            material / "docs" / "blog" / "posts" / f"post-{p['i']}.md", _front(fields) + p["body"]
        )
    _config(material, {"plugins": ["search", "blog"]})


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
