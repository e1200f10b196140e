"""The render cache's entries as JSON values for the state file, and back: every value's shape
checked before any of it is used, so a state file another version, a crash or a hand wrote
is set aside, never half-used."""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from mkdocs_perceptual.build.cache import Entry


def toc_data(items: Any) -> list[Any]:
    """A table of contents as JSON values: each item's title, id, level, whether it is marked
    active (MkDocs marks the first), and its children."""
    return [
        [
            item.title,
            item.id,
            item.level,
            bool(getattr(item, "active", False)),
            toc_data(item.children),
        ]
        for item in items or ()
    ]


def toc_items(data: Any, depth: int = 0) -> list[AnchorLink]:
    _need(isinstance(data, list) and depth < 7, "toc")
    made = []
    for item_data in data:
        _need(isinstance(item_data, list) and len(item_data) == 5, "toc item")
        title, id_, level, active, children = item_data
        _need(isinstance(title, str) and isinstance(id_, str), "toc item")
        _need(type(level) is int and isinstance(active, bool), "toc item")
        item = AnchorLink(title, id_, level)
        if active:
            item.active = True  # type: ignore[attr-defined]
        item.children = toc_items(children, depth + 1)
        made.append(item)
    return made


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(f"a malformed {what}")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def entry_data(entry: Entry) -> dict[str, Any]:
    """An entry as JSON values, for the cache on disk."""
    return {
        "content": entry.content,
        "toc": toc_data(entry.toc),
        "title": entry.title,
        "anchors": sorted(entry.anchors),
        "links": entry.links_to_anchors,
        "lookups": {k: None if v is None else list(v) for k, v in entry.lookups.items()},
        "records": [[r.name, r.levelno, r.levelname, r.getMessage()] for r in entry.records],
    }


def entry_from(data: Any) -> Entry:
    """The entry `entry_data` wrote. Raises ValueError on data of any other shape, before any
    of it is used."""
    _need(isinstance(data, dict), "rendering")
    content, title, anchors = data.get("content"), data.get("title"), data.get("anchors")
    _need(isinstance(content, str) and (title is None or isinstance(title, str)), "rendering")
    _need(_strings(anchors), "anchors")
    links = data.get("links")
    _need(
        links is None
        or (
            isinstance(links, dict)
            and all(
                isinstance(v, dict) and all(isinstance(x, str) for x in (*v, *v.values()))
                for v in links.values()
            )
        ),
        "links",
    )
    lookups = data.get("lookups")
    _need(isinstance(lookups, dict), "lookups")
    for value in lookups.values():
        _need(
            value is None
            or (
                isinstance(value, list)
                and len(value) == 2
                and isinstance(value[0], str)
                and isinstance(value[1], bool)
            ),
            "lookup",
        )
    records = data.get("records")
    _need(isinstance(records, list), "records")
    for record in records:
        _need(isinstance(record, list) and len(record) == 4, "record")
        _need(_strings([record[0], record[2], record[3]]) and type(record[1]) is int, "record")
    return Entry(
        content,
        TableOfContents(toc_items(data.get("toc"))),
        title,
        frozenset(anchors),
        links,
        {k: None if v is None else (v[0], v[1]) for k, v in lookups.items()},
        tuple(
            logging.makeLogRecord({"name": n, "levelno": no, "levelname": ln, "msg": m})
            for n, no, ln, m in records
        ),
    )
