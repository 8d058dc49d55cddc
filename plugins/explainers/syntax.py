"""The article syntax, defined once for both readers.

:mod:`.scan` (markdown-it-py, for positions and checks) and :mod:`.extension`
(Python-Markdown, for rendering) both build on these patterns and parsers, so a
change to the syntax is a change in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID = r"[^\]\s;,]+"
#: ``[@a; @b, p. 12]``: the whole group; the inside is split by :func:`parse_cite_group`.
CITE_GROUP = r"\[(@[^\[\]\n]*)\]"
CITE_GROUP_RE = re.compile(CITE_GROUP)
#: ``:claim[id]`` inline, never the block form ``::claim[id]``.
MENTION = r"(?<![:\\]):claim\[([^\[\]\s]*)\]"
MENTION_RE = re.compile(MENTION)
#: a block directive alone on its line.
DIRECTIVE_RE = re.compile(
    r"^::(?:(?P<kind>claim|post)\[(?P<id>[^\[\]\s]*)\]|(?P<bare>unconfirmed|sources))[ \t]*$"
)
MAX_CITES_PER_GROUP = 50


@dataclass(frozen=True)
class CiteItem:
    id: str
    locator: str = ""
    offset: int = 0  # of the ``@`` within the group's inner text


def parse_cite_group(inner: str) -> list[CiteItem] | None:
    """Split ``@a; @b, ch. 3`` into items; None when it is not citation syntax."""
    items: list[CiteItem] = []
    offset = 0
    for part in inner.split(";"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        if not stripped.startswith("@") or len(stripped) < 2:
            return None
        ident, _, locator = stripped[1:].partition(",")
        ident = ident.rstrip()
        if not ident or re.search(r"\s", ident):  # the id follows the @ directly
            return None
        items.append(CiteItem(ident, locator.strip(), offset + lead))
        offset += len(part) + 1
        if len(items) > MAX_CITES_PER_GROUP:
            return None
    return items


@dataclass(frozen=True)
class Directive:
    kind: str  # claim | post | unconfirmed | sources
    id: str = ""


def parse_directive(line: str) -> Directive | None:
    match = DIRECTIVE_RE.match(line.strip())
    if not match:
        return None
    if match["bare"]:
        return Directive(match["bare"])
    return Directive(match["kind"], match["id"])
