"""Related posts, without a build: the table of what shares what, and a property test that
the fast selection (tag groups, then the category's nearest posts by date) picks exactly what
scoring every pair would."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import make_post
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_perceptual.site.related import related

EXAMPLES = int(os.environ.get("PERCEPTUAL_HYPOTHESIS_EXAMPLES", "200"))


def titles(found: dict, src: str) -> list[str]:
    return [post.title for post in found.get(src, [])]


A = make_post("posts/a.md", title="A", date="2020-01-10", category="ML", tags=["cnn", "nlp"])
B = make_post("posts/b.md", title="B", date="2020-01-01", category="ML", tags=["cnn", "nlp"])
C = make_post("posts/c.md", title="C", date="2020-01-09", category="ML", tags=["cnn"])
D = make_post("posts/d.md", title="D", date="2020-01-11", category="ML")
E = make_post("posts/e.md", title="E", date="2020-01-10", category="Life", tags=["nlp"])
F = make_post("posts/f.md", title="F", date="2020-01-10", category="Other")
G = make_post("posts/g.md", title="G", date="2020-01-12")


@pytest.mark.parametrize(
    ("count", "src", "expected"),
    [
        # Two tags and the category (3) before one tag and the category (2), before one
        # tag alone (E, the same day) and the category alone (D, a day later): 1 each, the
        # nearer in date first.
        (3, "posts/a.md", ["B", "C", "E"]),
        (6, "posts/a.md", ["B", "C", "E", "D"]),
        (1, "posts/a.md", ["B"]),
        # E shares one tag with A and B; A is nearer in date.
        (3, "posts/e.md", ["A", "B"]),
        # Nothing shared: nothing listed, however many are asked for.
        (3, "posts/f.md", []),
        (3, "posts/g.md", []),
        # D shares only the category: A, C and B, nearest first.
        (2, "posts/d.md", ["A", "C"]),
    ],
)
def test_related_table(count, src, expected):
    assert titles(related([A, B, C, D, E, F, G], count), src) == expected


def test_zero_lists_nothing():
    assert related([A, B, C], 0) == {}


def test_ties_of_score_and_distance_go_by_file():
    x = make_post("posts/x.md", date="2020-01-05", category="ML")
    before = make_post("posts/b4.md", date="2020-01-04", category="ML")
    after = make_post("posts/af.md", date="2020-01-06", category="ML")
    assert [p.src_uri for p in related([x, before, after], 1)["posts/x.md"]] == ["posts/af.md"]


def test_spellings_of_one_name_are_one_tag():
    x = make_post("posts/x.md", tags=["VIM"])
    y = make_post("posts/y.md", tags=["Vim"])
    assert related([x, y], 3, tag_of=str.lower) == {"posts/x.md": [y], "posts/y.md": [x]}


def test_a_tag_written_twice_counts_once():
    x = make_post("posts/x.md", tags=["a", "a"], date="2020-01-01")
    y = make_post("posts/y.md", tags=["a"], date="2020-01-09")
    z = make_post("posts/z.md", tags=["a", "b"], date="2020-01-02")
    w = make_post("posts/w.md", tags=["b"], date="2020-01-01")
    # z shares a and b with nothing more than x shares with it: y and z score 1 for x.
    assert [p.src_uri for p in related([x, y, z, w], 2)["posts/x.md"]] == [
        "posts/z.md",
        "posts/y.md",
    ]


def naive(posts, count):
    """Every pair scored: shared tags + the same category; ties by date nearness, then file."""
    found = {}
    for post in posts:
        scored = []
        for other in posts:
            if other.src_uri == post.src_uri:
                continue
            score = len(set(post.tags) & set(other.tags))
            score += bool(post.category and post.category == other.category)
            if score:
                scored.append((-score, abs(post.date - other.date), other.src_uri, other))
        scored.sort(key=lambda s: s[:3])
        if scored:
            found[post.src_uri] = [s[3] for s in scored[:count]]
    return found


@st.composite
def blogs(draw):
    n = draw(st.integers(1, 25))
    posts = []
    for i in range(n):
        posts.append(
            make_post(
                f"posts/{i:02d}.md",
                date=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
                + dt.timedelta(days=draw(st.integers(0, 6))),
                category=draw(st.sampled_from([None, "a", "b"])),
                # A few letters, so posts share many; up to ten, so some have more labels than
                # the index walks (the rest scored one by one).
                tags=draw(
                    st.lists(
                        st.sampled_from("uvwxyz" if draw(st.booleans()) else "abcdefghijkl"),
                        max_size=draw(st.sampled_from([3, 10])),
                        unique=True,
                    )
                ),
            )
        )
    return posts


@settings(max_examples=EXAMPLES, deadline=None)
@given(blogs(), st.integers(1, 5))
def test_the_fast_selection_is_every_pair_scored(posts, count):
    assert related(posts, count) == naive(posts, count)
