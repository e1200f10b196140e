"""Related posts: for each post, the published posts that share the most of its tags and its
category, ties broken by nearness in date, then by file; none when nothing is shared. Pure:
posts in, lists out, the same every build.

A post's labels are its tags and its category; another post's score is how many labels they
share. The work per post does not grow with the blog: every post is indexed under each set of
up to three of its labels (larger sets are made from those when asked for), each set's posts
kept in date order. For a post, the posts sharing all its labels come first, then those sharing
one fewer, and so on, each level nearest in date first, walking out from the post's date
through the sets' date-ordered lists: only about as many posts are looked at as are listed.
A post of more than eight labels has those sharing three or more scored one by one."""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from mkdocs_perceptual.lumen.post import Post

_INF = float("inf")
# Label sets up to this size are indexed; larger ones are made when a post asks for them.
_WIDEST = 3
# A post with more labels than this has its posts sharing three or more scored one by one.
_MANY = 8

Label = tuple[str, str]


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
    labels: dict[str, frozenset[Label]] = {}
    when: dict[str, float] = {}
    for post in posts:
        named = {("t", tag_of(t)) for t in post.tags}
        if post.category:
            named.add(("c", category_of(post.category)))
        labels[post.src_uri] = frozenset(named)
        when[post.src_uri] = post.date.timestamp() if post.date is not None else _INF
    index = _Index(posts, labels, when)
    found = {}
    for post in posts:
        best = index.best(post, count)
        if best:
            found[post.src_uri] = best
    return found


class _Index:
    def __init__(
        self, posts: Sequence[Post], labels: dict[str, frozenset[Label]], when: dict[str, float]
    ) -> None:
        self.labels, self.when = labels, when
        groups: dict[tuple[Label, ...], list[Post]] = {}
        for post in posts:
            names = sorted(labels[post.src_uri])
            for size in range(1, min(_WIDEST, len(names)) + 1):
                for subset in itertools.combinations(names, size):
                    groups.setdefault(subset, []).append(post)
        # Each set's posts by date (then file), with their dates for bisecting.
        self.groups: dict[tuple[Label, ...], tuple[list[tuple[float, str]], list[Post]]] = {}
        for subset, members in groups.items():
            members.sort(key=lambda p: (when[p.src_uri], p.src_uri))
            keys = [(when[p.src_uri], p.src_uri) for p in members]
            self.groups[subset] = (keys, members)

    def distance(self, post: Post, other: Post) -> float:
        a, b = self.when[post.src_uri], self.when[other.src_uri]
        return abs(a - b) if a != _INF and b != _INF else _INF

    def group(self, subset: tuple[Label, ...]) -> tuple[list[tuple[float, str]], list[Post]]:
        """The posts holding every label of `subset`, by date: indexed up to three labels,
        made from a three-label set's posts (and kept) for more."""
        found = self.groups.get(subset)
        if found is None:
            keys, members = self.groups[subset[:_WIDEST]]
            wanted = set(subset)
            kept = [i for i, p in enumerate(members) if wanted <= self.labels[p.src_uri]]
            found = ([keys[i] for i in kept], [members[i] for i in kept])
            self.groups[subset] = found
        return found

    def best(self, post: Post, count: int) -> list[Post]:
        names = sorted(self.labels[post.src_uri])
        chosen: list[tuple[int, float, str, Post]] = []
        seen = {post.src_uri}
        top = len(names)
        if top > _MANY:
            # A post of many labels: those sharing three or more with it, scored one by one
            # (their sets of four or more labels would be too many to walk).
            shared: Counter[str] = Counter()
            wide = {}
            for name in names:
                for other in self.groups[(name,)][1]:
                    shared[other.src_uri] += 1
                    wide[other.src_uri] = other
            scored = [
                (-shared[src], self.distance(post, o), src, o)
                for src, o in wide.items()
                if src not in seen and shared[src] >= _WIDEST
            ]
            chosen += heapq.nsmallest(count, scored)
            seen |= {src for src in wide if shared[src] >= _WIDEST}
            if len(chosen) >= count:
                return [c[3] for c in chosen[:count]]
            top = _WIDEST - 1
        for size in range(top, 0, -1):
            # Every post sharing more than `size` labels is taken already: these share exactly
            # `size`, and come nearest first.
            walks = [self.group(s) for s in itertools.combinations(names, size)]
            level = _nearest(self, post, walks, seen, count - len(chosen))
            chosen += [(-size, self.distance(post, o), o.src_uri, o) for o in level]
            seen |= {o.src_uri for o in level}
            if len(chosen) >= count:
                break
        chosen.sort()
        return [c[3] for c in chosen[:count]]


def _nearest(
    index: _Index,
    post: Post,
    walks: list[tuple[list[tuple[float, str]], list[Post]]],
    seen: set[str],
    need: int,
) -> list[Post]:
    """The `need` posts of `walks` (date-ordered lists) nearest in date to `post`, not in
    `seen`, nearest first; with every post as near as the last one taken (ties go by file in
    the caller's sort)."""
    found: list[Post] = []
    taken: set[str] = set()
    limit = None
    for far, other in _outward(index, post, walks):
        if limit is not None and far > limit:
            break
        if other.src_uri in seen or other.src_uri in taken:
            continue
        found.append(other)
        taken.add(other.src_uri)
        if len(found) == need:
            limit = far
    return found


def _outward(
    index: _Index, post: Post, walks: list[tuple[list[tuple[float, str]], list[Post]]]
) -> Iterator[tuple[float, Post]]:
    """The posts of every list, nearest in date to `post` first: each list walked both ways
    from the post's date, merged by a heap."""
    here = (index.when[post.src_uri], post.src_uri)
    heap: list[tuple[float, int, int, int]] = []  # (distance, list, position, step)
    for i, (keys, members) in enumerate(walks):
        at = bisect.bisect_left(keys, here)
        for position, step in ((at, 1), (at - 1, -1)):
            if 0 <= position < len(members):
                far = index.distance(post, members[position])
                heap.append((far, i, position, step))
    heapq.heapify(heap)
    while heap:
        far, i, position, step = heapq.heappop(heap)
        members = walks[i][1]
        yield far, members[position]
        position += step
        if 0 <= position < len(members):
            heapq.heappush(heap, (index.distance(post, members[position]), i, position, step))
