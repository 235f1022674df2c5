"""The pre-rendered HTML blocks extension changes how fast Markdown converts a generated page,
never what it converts it to: every input gives the HTML Python-Markdown gives without it."""
from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.prerendered import PrerenderedExtension, whole_block

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences"]


def converted(text: str, prerendered: bool) -> str:
    extensions = EXTENSIONS + ([PrerenderedExtension()] if prerendered else [])
    return markdown.Markdown(extensions=extensions,
                             extension_configs={"toc": {"permalink": True}}).convert(text)


def stored(text: str) -> int:
    """How many blocks the extension itself stored."""
    md = markdown.Markdown(extensions=EXTENSIONS + [PrerenderedExtension()])
    md.preprocessors["briefings_prerendered"].run(text.split("\n"))
    return len(md.htmlStash.rawHtmlBlocks)


@pytest.mark.parametrize("line, whole", [
    ('<ul class="positions"><li>a</li><li>b</li></ul>', True),
    ('<div class="source-text"><div>a</div> b</div>', True),
    ("<div>a</div> and *more* <div>b</div>", False),      # the first block ends mid-line
    ('<div markdown="1">*a*</div>', False),                # asks for Markdown inside
    ("<span>a</span>", False),                             # not a block-level element
    ("<div>a", False),                                     # left open
    ("text <div>a</div>", False),
])
def test_a_whole_block_is_one_block_level_element_from_start_to_end(line, whole):
    assert whole_block(line, markdown.Markdown(extensions=EXTENSIONS)) is whole


@pytest.mark.parametrize("text", [
    "# Title\n\n<ul><li>a &amp; b</li></ul>\n\nAfter *it*.\n",
    "<table><tr><td>x</td></tr></table>\n\ntext\n",
    "<div>a</div>\n\n<div>b</div>\n\n<div>c</div>\n",
    "Intro\n<div>a</div>\n\nafter\n",                       # no blank line before
    "<div>a</div>\n",                                       # the last block of the page
    "```html\n\n<div>code</div>\n\n```\n\ntext\n",          # a fence holds code, not HTML
    "<div>\n\n<div>a</div>\n\n</div>\n\ntext\n",            # inside an open block
    "<div>a</div> tail *em*\n\ntext\n",
    "<div>a\tb</div>\n\ntext\n",
    '<div class="meta" markdown>\n**Date:** x\n</div>\n\n<div>a</div>\n\ntext\n',
])
def test_tricky_pages_convert_to_the_same_html(text):
    assert converted(text, True) == converted(text, False)


def test_a_whole_block_between_blank_lines_is_stored_by_the_extension():
    assert stored("text\n\n<ul><li>a</li></ul>\n\nmore\n") == 1
    assert stored("text\n<ul><li>a</li></ul>\n\nmore\n") == 0


LINES = st.sampled_from([
    "", "", "text *em*", "# Heading", "| a | b |", "| --- | --- |", "```", "    indented",
    "<div>a</div>", '<ul class="x"><li>1</li></ul>', "<div>open", "</div>", "<p>p</p> tail",
    '<div markdown="1">*a*</div>', "<table><tr><td>x</td></tr></table>", "!!! note", "- item",
    "<div><div>a</div></div>", "<div>a</div><div>b</div>", "<!-- c -->", "<hr>", "  ",
    "<div markdown>", '<div class="m" markdown="1">', "**x** [l](u.md)", "<!-- open", "-->",
    "</div> tail", "<ul>", "</ul>", "<li>a</li>", "   <div>b</div>", "<section><div>x</div>", "<DIV>", "</DIV>", "<DIV>a</div>",
    "<!-- a > b", "<div >a</div >"])


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=14), st.booleans())
def test_any_mix_of_blocks_and_text_converts_to_the_same_html(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    assert converted(text, True) == converted(text, False)
