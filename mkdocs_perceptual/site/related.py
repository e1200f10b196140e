"""Related posts: for each post, the published posts that share the most of its tags and its
category, ties broken by nearness in date, then by file; none when nothing is shared. Pure:
posts in, lists out, the same every build."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable, Sequence

from mkdocs_perceptual.lumen.post import Post

_FAR = dt.timedelta.max
_INF = float("inf")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _distance(a: Post, b: Post) -> dt.timedelta:
    if a.date is None or b.date is None:
        return _FAR
    return abs(a.date - b.date)


def related(
    posts: Sequence[Post],
    count: int,
    *,
    tag_of: Callable[[str], str] = lambda name: name,
    category_of: Callable[[str], str] = lambda name: name,
) -> dict[str, list[Post]]:
    """Up to `count` related posts for each of `posts` (the published ones), by src_uri.
    `tag_of` and `category_of` give the name a spelling is listed under ("VIM" and "Vim"
    are one tag, as on their one page)."""
    if count < 1:
        return {}
    by_tag: dict[str, list[Post]] = {}
    by_category: dict[str, list[Post]] = {}
    for post in posts:
        for tag in {tag_of(t) for t in post.tags}:
            by_tag.setdefault(tag, []).append(post)
        if post.category:
            by_category.setdefault(category_of(post.category), []).append(post)
    # Each category's posts by date, for the nearest ones sharing only the category.
    dated: dict[str, tuple[list[dt.datetime], list[Post]]] = {}
    for name, members in by_category.items():
        ordered = sorted((p for p in members if p.date is not None), key=_order)
        dated[name] = ([p.date for p in ordered if p.date is not None], ordered)
    # Each post's names, and its date as seconds (a float compares faster than a timedelta).
    tags_of = {post.src_uri: {tag_of(t) for t in post.tags} for post in posts}
    category_by = {p.src_uri: category_of(p.category) if p.category else None for p in posts}
    seconds = {p.src_uri: (p.date - _EPOCH).total_seconds() if p.date else None for p in posts}
    found = {}
    for post in posts:
        shared: Counter[str] = Counter()
        by_src = {}
        for tag in tags_of[post.src_uri]:
            for other in by_tag[tag]:
                shared[other.src_uri] += 1
                by_src[other.src_uri] = other
        category = category_by[post.src_uri]
        here = seconds[post.src_uri]
        scored = []
        for src, tags in shared.items():
            if src == post.src_uri:
                continue
            same = category is not None and category_by[src] == category
            there = seconds[src]
            far = abs(here - there) if here is not None and there is not None else _INF
            scored.append((-(tags + same), far, src, by_src[src]))
        if category is not None:
            for other in _nearest(post, dated[category], shared, count):
                there = seconds[other.src_uri]
                far = abs(here - there) if here is not None and there is not None else _INF
                scored.append((-1, far, other.src_uri, other))
        # (score, distance, file) is unique per candidate: the post itself is never compared.
        best = heapq.nsmallest(count, scored)
        if best:
            found[post.src_uri] = [s[3] for s in best]
    return found


def _order(post: Post) -> tuple[dt.datetime, str]:
    assert post.date is not None
    return (post.date, post.src_uri)


def _nearest(
    post: Post, dated: tuple[list[dt.datetime], list[Post]], skip: Counter[str], count: int
) -> list[Post]:
    """The `count` posts of the category nearest in date to `post` that share no tag with it
    (those are scored with their tags), walking out from its date both ways. A post without
    a date takes the category's first posts by date."""
    dates, ordered = dated
    if not ordered:
        return []
    at = bisect.bisect_left(dates, post.date) if post.date is not None else 0
    left, right, out = at - 1, at, []
    limit = None  # the distance of the count-th: its ties are taken too, the sort decides
    while left >= 0 or right < len(ordered):
        take_right = left < 0 or (
            right < len(ordered)
            and _distance(post, ordered[right]) <= _distance(post, ordered[left])
        )
        other = ordered[right] if take_right else ordered[left]
        if limit is not None and _distance(post, other) > limit:
            break
        if take_right:
            right += 1
        else:
            left -= 1
        if other.src_uri != post.src_uri and other.src_uri not in skip:
            out.append(other)
            if len(out) == count:
                limit = _distance(post, other)
    return out
