"""The article syntax, defined once for both readers.

:mod:`.scan` (markdown-it-py, for positions and checks) and :mod:`.extension`
(Python-Markdown, for rendering) both build on these patterns and parsers, so a
change to the syntax is a change in one place. The front matter's pattern comes from
the data layer, which reads front matter too (:mod:`explainers.data.front_matter`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the same pattern object, for code that read it here (its home is the data layer's)
from ..data.front_matter import FRONT_MATTER_RE as FRONT_MATTER_RE

ID = r"[^\]\s;,]+"
#: ``[see @a, p. 12; also -@b]``: the whole group (one line, no nested brackets, at least one
#: ``@``); the inside is split by :func:`parse_cite_group`, which decides whether it is one.
CITE_GROUP = r"\[([^\[\]\n@]*@[^\[\]\n]*)\]"
CITE_GROUP_RE = re.compile(CITE_GROUP)
#: ``:claim[id]`` inline, never the block form ``::claim[id]``.
MENTION = r"(?<![:\\]):claim\[([^\[\]\s]*)\]"
MENTION_RE = re.compile(MENTION)
#: the same without the look-behind, which the caller checks: a pattern that starts with
#: a literal is searched for fast, and Python-Markdown searches every text of a page
MENTION_BODY = MENTION.removeprefix(r"(?<![:\\])")
MENTION_NOT_AFTER = ":\\"
#: a block directive alone on its line.
DIRECTIVE_RE = re.compile(
    r"^::(?:(?P<kind>claim|post)\[(?P<id>[^\[\]\s]*)\]|(?P<bare>unconfirmed|sources|matrix|articles))[ \t]*$"
)
DIRECTIVE_KINDS = ("claim", "post", "unconfirmed", "sources", "matrix", "articles")
#: directives without an id, placed after the page is numbered (``::articles`` once the
#: host knows every page: see :mod:`explainers.site.articles`)
BARE_KINDS = ("unconfirmed", "sources", "matrix", "articles")
MAX_CITES_PER_GROUP = 50

# One item of a group, after its surrounding space is stripped (Pandoc's grammar):
# an optional prefix that ends in a space, ``@`` or ``-@`` (author suppressed: the same
# in a numbered style), the id, then an optional locator after a comma or a space.
_ITEM_RE = re.compile(
    rf"(?P<prefix>(?:[^@]*\s)?)(?P<minus>-?)@(?P<id>{ID})(?:(?:\s*,|\s)(?P<locator>.*))?",
    re.S,
)


@dataclass(frozen=True)
class CiteItem:
    id: str
    locator: str = ""
    offset: int = 0  # of the ``@`` within the group's inner text
    prefix: str = ""  # text before the ``@`` (``see`` in ``[see @a]``), space-normalized


def parse_cite_group(inner: str) -> list[CiteItem] | None:
    """Split ``see @a, p. 3; also @b`` into items; None when it is not citation syntax.

    Every ``;``-separated item must hold exactly one ``@id`` (``[@a;]``, ``[@ a]`` and an
    e-mail address are not citations); :mod:`.nearmiss` tells editors about the near misses.
    """
    items: list[CiteItem] = []
    offset = 0
    for part in inner.split(";"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        match = _ITEM_RE.fullmatch(stripped)
        if match is None:
            return None
        locator = (match["locator"] or "").strip()
        prefix = " ".join(match["prefix"].split())
        at = lead + match.start("id") - 1
        items.append(CiteItem(match["id"], locator, offset + at, prefix))
        offset += len(part) + 1
        if len(items) > MAX_CITES_PER_GROUP:
            return None
    return items


def has_prefix(items: list[CiteItem]) -> bool:
    """A group with text before an ``@`` renders as one bracket: ``[see 1, p. 3; also 2]``."""
    return any(item.prefix for item in items)


@dataclass(frozen=True)
class Directive:
    kind: str  # claim | post | unconfirmed | sources | matrix | articles
    id: str = ""


def parse_directive(line: str) -> Directive | None:
    match = DIRECTIVE_RE.match(line.strip())
    if not match:
        return None
    if match["bare"]:
        return Directive(match["bare"])
    return Directive(match["kind"], match["id"])
