"""`/// latest-posts`: the blog's newest posts in any Markdown page, as a pymdown-extensions
Blocks block. Options, on the lines below its opening line:

    /// latest-posts
        count: 3
        category: Deep Learning
    ///

Markdown is converted before every post is, so the block leaves a placeholder holding its
options; the plugin puts the entries in as the page is written (`site.latest`), and warns,
naming the page, of an option it does not know or a value it cannot take."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from typing import Any, ClassVar

from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

NAME = "latest-posts"
ATTRIBUTE = "data-perceptual-latest"
OPTIONS = ("count", "category", "tag")


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"count: expected a whole number of at least 1, got {value!r}")
    return value


def _name(option: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{option}: expected a {option}'s name as text, got {value!r}")
    return value.strip()


def read_options(options: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The options a block may take, checked: those it can use, and what is wrong with the
    others. Used on the block as it is read, and again on its placeholder as it is filled."""
    chosen: dict[str, Any] = {}
    problems = []
    for key, value in options.items():
        try:
            if key == "count":
                chosen[key] = _count(value)
            elif key in ("category", "tag"):
                chosen[key] = _name(key, value)
            else:
                problems.append(f"unknown option {key!r}; the options are: {', '.join(OPTIONS)}")
        except ValueError as e:
            problems.append(str(e))
    return chosen, problems


class LatestPosts(Block):
    NAME = NAME
    ARGUMENT = None  # refused below, with a message, rather than left as text
    OPTIONS: ClassVar[dict[str, list[Any]]] = {}

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        self.problems: list[str] = []
        if arg:
            self.problems.append(
                f"takes no argument after its name (got {arg!r}); write its options on the "
                f"lines below it, indented: {', '.join(OPTIONS)}"
            )
        self.chosen, problems = read_options(options)
        self.problems += problems
        self.argument = None
        self.options: dict[str, Any] = {"attrs": {}}
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        el = etree.SubElement(parent, "div")
        el.set("class", "perceptual-latest")
        el.set(ATTRIBUTE, json.dumps({"options": self.chosen, "problems": self.problems}))
        return el

    def on_end(self, block: etree.Element) -> None:
        # The block shows the posts; anything written inside it is not shown.
        if len(block) or (block.text or "").strip():
            self.problems.append("holds text of its own, which is not shown; only options go in it")
            block.set(ATTRIBUTE, json.dumps({"options": self.chosen, "problems": self.problems}))
        for child in list(block):
            block.remove(child)
        block.text = None


class LatestPostsExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        block_mgr.register(LatestPosts, self.getConfigs())


def makeExtension(**kwargs: Any) -> LatestPostsExtension:
    return LatestPostsExtension(**kwargs)
