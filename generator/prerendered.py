"""A Markdown extension: the pre-rendered HTML blocks of the generated pages pass through
Markdown without being parsed again.

A briefing page's Markdown is mostly raw HTML, each block one line (the article text with its
sentence anchors, the positions, the actors): it is what any engine that renders the docs folder
shows. Python-Markdown would run every such line through its HTML parser to find where the block
ends and whether it asks for Markdown inside (``md_in_html``): on the 1,540 pages of an
840-article site, a third of the conversion time. A line that is a whole block by itself (a
block-level element that opens at its start and closes at its end, a blank line before and after
it, no ``markdown`` attribute, outside any block) is put in Markdown's HTML stash as it is,
exactly as the HTML block processor would put it there; anything else is left to that processor.
The HTML is the same byte for byte.
"""
from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.htmlparser import void_tags
from markdown.preprocessors import Preprocessor

# The name MkDocs (Python-Markdown) loads it by; the plugin adds it to the build's extensions.
NAME = "generator.prerendered"
# After whitespace normalisation (30: tabs expanded, as for any raw HTML), fenced code (25: a
# fence's lines are code, not HTML) and MkDocs' reading of the anchors in raw HTML (21: links to
# them are checked), before the HTML block processor (20).
PRIORITY = 20.5
_OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]", re.IGNORECASE)
# Where the HTML block processor may start a block: "<" after at most three spaces.
_TAG_AT_LINE_START = re.compile(r" {0,3}<")


def whole_block(line: str, md: Markdown) -> bool:
    """Is ``line`` one block-level element, opened at its start and closed at its very end?"""
    opening = _OPENING.match(line)
    if not opening or not md.is_block_level(opening.group(1).lower()) or "markdown=" in line:
        return False
    tag = opening.group(1)
    depth = 0
    for match in re.finditer(rf"<(/?){tag}[\s>]", line, re.IGNORECASE):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.start() == len(line) - len(tag) - 3 and line.endswith(">")
    return False


class PrerenderedBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out, inside = [], _Outside()
        for i, line in enumerate(lines):
            if inside.closed() and self._stored_alike(lines, i):
                out.append(self.md.htmlStash.store(line + "\n"))
            else:
                inside = inside.after(line, self.md)
                out.append(line)
        return out

    def _stored_alike(self, lines: list[str], i: int) -> bool:
        """Would the HTML block processor store line ``i`` alone, with its line break? It does
        for a whole block after a blank line (or none) and before a blank line of spaces that
        more text follows (then it keeps the block's line break); other cases are left to it."""
        return (i == 0 or not lines[i - 1].strip()) and i + 2 < len(lines) \
            and not lines[i + 1].strip(" ") and whole_block(lines[i], self.md)


class _Outside:
    """Where the HTML block processor is after a line left to it: outside any block."""
    def closed(self) -> bool:
        return True

    def after(self, line: str, md: Markdown) -> "_Outside":
        if not _TAG_AT_LINE_START.match(line) or whole_block(line.lstrip(" "), md):
            return self
        start = line.lstrip(" ")
        opening = _OPENING.match(start)
        if opening is None:        # a comment, a declaration: left open, never sure again
            ended = "-->" in start if start.startswith("<!--") else start.rstrip().endswith(">")
            return self if ended else _Inside("", 1)
        tag = opening.group(1).lower()
        if not md.is_block_level(tag) or tag in void_tags:
            return self
        depth = _balance(line, tag)
        return _Inside(tag, depth) if depth > 0 else self


class _Inside(_Outside):
    """Inside a block that opened with ``tag`` and is ``depth`` elements deep in it ("" for a
    block whose end cannot be told: never left)."""
    def __init__(self, tag: str, depth: int):
        self.tag, self.depth = tag, depth

    def closed(self) -> bool:
        return False

    def after(self, line: str, md: Markdown) -> _Outside:
        if not self.tag:
            return self
        depth = self.depth + _balance(line, self.tag)
        return _Inside(self.tag, depth) if depth > 0 else _Outside()


def _balance(line: str, tag: str) -> int:
    """Elements ``tag`` that ``line`` opens, less those it closes."""
    return sum(-1 if match.group(1) else 1
               for match in re.finditer(rf"<(/?){tag}[\s>]", line, re.IGNORECASE))


class PrerenderedExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(PrerenderedBlocks(md), "briefings_prerendered", PRIORITY)


def makeExtension(**kwargs) -> PrerenderedExtension:  # noqa: N802 (Markdown's name)
    return PrerenderedExtension(**kwargs)
