"""Finished blocks (boxes, sections, post cards, the matrix) on their way through
Python-Markdown.

Raw HTML usually goes into Python-Markdown's own stash, whose post-processor puts each
piece back and then searches it again for placeholders nested inside: on a page with
five boxes and a source list that is tens of kilobytes searched for nothing, since our
blocks never hold a placeholder. These blocks wait here instead, under a placeholder of
their own (Python-Markdown strips STX and ETX from every source, so no text can forge
one), and go into the page in one pass right after Python-Markdown's raw HTML.
Inline HTML (citations, mentions) stays in Python-Markdown's stash: a heading's id and
its table-of-contents entry are read through that stash.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.util import ETX, STX

from .host_context import excerpt_prefix

PREFIX = f"{STX}xpblock:"


class BlockStash:
    """The blocks of the page being converted."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def reset(self) -> None:
        self.blocks = []

    def holder(self, html: str) -> etree.Element:
        """A paragraph that will be ``html`` in the finished page."""
        element = etree.Element("p")
        element.text = f"{PREFIX}{len(self.blocks)}{ETX}"
        self.blocks.append(html)
        return element


class BlockPostprocessor(Postprocessor):
    """Puts each block where its holder is, as Python-Markdown puts raw HTML: a block-level
    fragment replaces its holder paragraph, any other stays inside it."""

    def __init__(self, md: Markdown, stash: BlockStash) -> None:
        super().__init__(md)
        self.stash = stash
        self._raw = RawHtmlPostprocessor(md)  # for its rule of what is block-level

    def run(self, text: str) -> str:
        blocks = self.stash.blocks
        if not blocks:
            return text
        pieces: list[str] = []
        end = 0
        at = text.find(PREFIX)
        while at != -1:
            close = text.find(ETX, at)
            number = text[at + len(PREFIX) : close]
            if close == -1 or not number.isdigit() or int(number) >= len(blocks):
                at = text.find(PREFIX, at + 1)  # not one of ours: left as it is
                continue
            html = blocks[int(number)]
            start, stop = at, close + 1
            if (
                text.startswith("<p>", at - 3)
                and text.startswith("</p>", stop)
                and self._raw.isblocklevel(html)
            ):
                start, stop = at - 3, stop + 4
            pieces += (text[end:start], html)
            end = stop
            at = text.find(PREFIX, end)
        pieces.append(text[end:])
        return "".join(pieces)


class ExcerptLinksPostprocessor(Postprocessor):
    """In a blog post's excerpt shown on another page (Material's blog index), the
    ``#anchor`` links of citations and boxes lead to the post, as the excerpt's own do."""

    def run(self, text: str) -> str:
        prefix = excerpt_prefix(self.md)
        if not prefix or 'href="#' not in text:
            return text
        return text.replace('href="#', f'href="{prefix}#')
