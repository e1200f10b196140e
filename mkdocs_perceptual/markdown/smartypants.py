"""Python-Markdown's `smarty` (Lumen's gatsby-remark-smartypants: curly quotes, dashes,
ellipses), without the work that cannot match.

`smarty` runs a second inline pass over every piece of text with its 17 patterns, one after
the other; on a blog that is about a tenth of a build (1.6 s of 12.9 s at 1,000 posts). Each
pattern needs a character its text must hold: a quote pattern a `'` or `"`, the dashes `--`,
the ellipsis `...`. Here the pass tries, on each piece of text, only the patterns whose
character is in it, in their order, and skips text that holds none; a substitution only puts
placeholders in, never one of those characters, so the output is `smarty`'s. A pattern not
known here is always tried.

    markdown_extensions: [smarty, mkdocs_perceptual.markdown.smartypants]   # after smarty
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor as Pattern
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString, Registry

_QUOTES = ("'", '"')
_NEEDS = {
    "smarty-ellipses": ("...",),
    "smarty-en-dashes": ("--",),
    "smarty-em-dashes": ("---",),
    "smarty-left-angle-quotes": ("<<",),
    "smarty-right-angle-quotes": (">>",),
}


def needs(name: str) -> tuple[str, ...] | None:
    """What a smarty pattern's text must hold for it to match; None: not known, try it."""
    if name.startswith("smarty-quotes-"):
        return _QUOTES
    return _NEEDS.get(name)


class QuickInline(InlineProcessor):
    """smarty's inline pass, trying on each text only the patterns that could match it."""

    def prepare(self) -> None:
        self._all = self.inlinePatterns
        # Copied: looking an item up sorts the registry's list in place.
        order: list[Any] = list(getattr(self._all, "_priority"))  # noqa: B009
        self._items = [(item.name, item.priority) for item in order]
        self._needs = [(name, needs(name)) for name, _ in self._items]
        self._subsets: dict[frozenset[str], Registry[Pattern]] = {}
        self._depth = 0

    def _subset(self, names: frozenset[str]) -> Any:
        subset = self._subsets.get(names)
        if subset is None:
            subset = Registry()
            for name, priority in self._items:
                if name in names:
                    subset.register(self._all[name], name, priority)
            self._subsets[names] = subset
        return subset

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        handle: Any = super()._InlineProcessor__handleInline  # type: ignore[misc]
        if self._depth or isinstance(data, AtomicString):
            return str(handle(data, patternIndex))  # within a call: the subset is chosen
        names = frozenset(
            name for name, need in self._needs if need is None or any(t in data for t in need)
        )
        if not names:
            return data
        self.inlinePatterns = self._subset(names)
        self._depth += 1
        try:
            return str(handle(data, patternIndex))
        finally:
            self._depth -= 1
            self.inlinePatterns = self._all


class QuickSmartyExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "smarty" not in md.treeprocessors:
            return
        processor = md.treeprocessors["smarty"]
        if type(processor) is InlineProcessor:
            processor.__class__ = QuickInline
            assert isinstance(processor, QuickInline)
            processor.prepare()


def makeExtension(**kwargs: Any) -> QuickSmartyExtension:
    return QuickSmartyExtension(**kwargs)
