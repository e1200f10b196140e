"""`build/prepare.py`: the Markdown the render pool prepares is the Markdown MkDocs hands the
page, or is not used."""

from __future__ import annotations

import pytest
from mkdocs.utils import meta

from mkdocs_perceptual.build import prepare

# Lumen files' texts as MkDocs reads them (LF line endings): front matter of every shape
# MkDocs' YAML_RE finds, and texts where it finds none.
SOURCES = [
    '---\ntitle: "A"\ndate: "2019-06-24"\n---\nBody.\n',
    "---\ntitle: A\n---\n\n\n# Heading\n\nBody.\n",
    "---\ntitle: A\n...\nBody after a YAML end marker.\n",
    "---   \ntitle: A\n---\t\nTrailing blanks on the fences.\n",
    "---\ntitle: A\n---\n",
    "---\ntitle: A\n---\n---\nA rule right after the front matter.\n---\n",
    "---\ntitle: A\ndescription: |\n  two\n  lines\n---\nBody --- with dashes.\n",
    "No front matter at all.\n",
    "\n---\ntitle: A\n---\nFront matter after a blank line.\n",
    "title: A\ndate: 2019\n\nMultiMarkdown meta.\n",
    "---\n---\nEmpty front matter.\n",
    "---\ntitle: [unclosed\n---\nYAML that does not load.\n",
    "---\n- a\n- list\n---\nYAML that is not a mapping.\n",
    "---\njust a string\n---\nA scalar.\n",
    "---\ntitle: Ünïcödé “quotes”\n---\n🦜 body\n",
]


def _mapping(source: str) -> bool:
    """Whether MkDocs' reading takes front matter off (it loads as a mapping)."""
    return bool(meta.YAML_RE.match(source)) and meta.get_data(source)[0] != source


@pytest.mark.parametrize("source", SOURCES)
def test_the_markdown_is_split_where_mkdocs_splits_it(source):
    ours, mkdocs = prepare.markdown_of(source), meta.get_data(source)[0]
    if _mapping(source) or not meta.YAML_RE.match(source):
        assert ours == mkdocs
    else:
        # MkDocs keeps the whole text: ours differs, so its digest does too, and the page is
        # prepared again from MkDocs' text (prepared_markdown), never from ours.
        assert ours != mkdocs
        assert prepare.digest(ours) != prepare.digest(mkdocs)


def test_every_kind_is_in_the_table():
    kinds = {(bool(meta.YAML_RE.match(s)), _mapping(s)) for s in SOURCES}
    assert kinds == {(True, True), (True, False), (False, False)}
