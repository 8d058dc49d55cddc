"""Citations and mentions taken before Python-Markdown's link patterns see them, where
that changes nothing.

Every ``[`` in a paragraph's text makes the link patterns (``reference``, ``link``,
``short_reference``) work out where each bracket of the text closes, a character at a
time in Python (Markdown 3.11's ``_findBracketEnds``), once per pattern and again after
each match: a page's citations and mentions cost more there than in our own patterns.
Our patterns come after those (and after the raw-HTML and autolink patterns) because
those decide what is syntax. :class:`EarlySyntaxProcessor` runs before them and takes
a citation group or mention only where none of them could have taken any part of it,
so the text the later patterns see holds a placeholder where it held brackets they
would have passed over; everything else it leaves to the patterns at their usual
place (``xp_cite``, ``xp_mention``), which render the same markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any, Protocol

from markdown import Markdown
from markdown.inlinepatterns import (
    AutolinkInlineProcessor,
    AutomailInlineProcessor,
    HtmlInlineProcessor,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    InlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
    SubstituteTagInlineProcessor,
)

from .syntax import CITE_GROUP, MENTION_BODY, CiteItem, has_prefix, parse_cite_group

EARLY = "xp_early"
LATE_CITE = "xp_cite"
LATE_MENTION = "xp_mention"
#: a citation group or a mention (without its look-behind), whichever starts first
EARLY_RE = f"{CITE_GROUP}|{MENTION_BODY}"
#: the patterns Python-Markdown puts between the early pattern and the late ones: what
#: each does to our syntax is known (see :meth:`EarlySyntaxProcessor.handleMatch`)
KNOWN_BETWEEN = {
    "reference": ReferenceInlineProcessor,
    "link": LinkInlineProcessor,
    "image_link": ImageInlineProcessor,
    "image_reference": ImageReferenceInlineProcessor,
    "short_reference": ShortReferenceInlineProcessor,
    "short_image_ref": ShortImageReferenceInlineProcessor,
    "autolink": AutolinkInlineProcessor,
    "automail": AutomailInlineProcessor,
    "linebreak": SubstituteTagInlineProcessor,
    "html": HtmlInlineProcessor,
}


class LooseCites(Protocol):
    def loose_group(self, items: list[CiteItem]) -> str: ...


class Mentions(Protocol):
    def mention(self, data: str, start: int, ident: str, text: str) -> etree.Element | None: ...


def only_known_between(md: Markdown) -> bool:
    """Between the early pattern and the late ones, only Python-Markdown's own patterns
    (by name and class), and the two late ones next to each other: otherwise another
    extension's pattern could take our syntax's text first, and the early one stands aside."""
    patterns = md.inlinePatterns
    early, cite = patterns.get_index_for_name(EARLY), patterns.get_index_for_name(LATE_CITE)
    if patterns.get_index_for_name(LATE_MENTION) != cite + 1 or early > cite:
        return False
    between = [
        name
        for name in KNOWN_BETWEEN
        if name in patterns and early < patterns.get_index_for_name(name) < cite
    ]
    return len(between) == cite - early - 1 and all(
        type(patterns[name]) is KNOWN_BETWEEN[name] for name in between
    )


class EarlySyntaxProcessor(InlineProcessor):
    """A citation group of links and commas only, or a mention, before the link patterns."""

    def __init__(self, md: Markdown, cite: LooseCites, mention: Mentions) -> None:
        super().__init__(EARLY_RE, md)
        self.cite = cite
        self.mention = mention
        #: the pattern list checked (:func:`only_known_between`): fixed once the
        #: ``Markdown`` is set up, so checked at the first match
        self.clear: bool | None = None

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[Any, int | None, int | None]:
        start, end = m.start(0), m.end(0)
        if self.clear is None:
            self.clear = only_known_between(self.md)
        if (
            not self.clear
            # an earlier bracket: a link's text may hold this one (and a declined one
            # leaves its bracket: every later match is left to the late patterns too)
            or data.find("[", 0, start) != -1
            # raw HTML, an autolink or an e-mail link may hold or start in it
            or data.find("<", 0, end) != -1
            # a link's URL or a reference's label after it: ``[@a](url)``, ``[@a] [ref]``
            # (an image's too; ``![@a]`` alone is one by reference, as ``[@a]`` is: below)
            or data.startswith(("(", "["), end)
            or data.startswith("[", end + 1)
        ):
            return None, None, None
        inner = m.group(1)
        if inner is not None:  # a citation group
            if inner.lower() in self.md.references:  # a link by reference: [@a]
                return None, None, None
            items = parse_cite_group(inner)
            # words of its own (later patterns render them) or styled by attr_list: late
            if items is None or has_prefix(items) or data.startswith("{", end):
                return None, None, None
            return self.cite.loose_group(items), start, end
        ident = m.group(2)
        # a bracket the citation pattern takes first, or a link by reference: [c1]
        if "@" in ident or ident.lower() in self.md.references:
            return None, None, None
        link = self.mention.mention(data, start, ident, m.group(0))
        return (link, start, end) if link is not None else (None, None, None)
