"""A citation's locator (``p. 4``, ``pp. 33-35, 38-39 and *passim*``) as the page shows it.

Pandoc renders the inline Markdown of a locator: emphasis, strong and code. So does
this, the same wherever a locator shows: after ``@id`` in an article (whose code
spans and escapes Python-Markdown has already put aside as placeholders, see
:mod:`.extension`) and in a box's evidence (the YAML ``locator`` field). Nothing else
is markup: links, raw HTML and entities stay text, escaped. A locator without ``*``,
``_``, `````` ` `````` or ``\\`` is its own text, with no parse: such pages render as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

log = logging.getLogger(__name__)

#: characters that may start markup in a locator
MARKUP = frozenset("*_`\\")
#: stands for a piece given as HTML already (an article's code span or escape): a
#: private-use character, which no emphasis rule treats as punctuation or space
_PIECE = 0xE000
_PIECES = 0x1000

#: a locator from a data file: escapes, code spans, emphasis, strong; nothing else
_YAML = MarkdownIt("zero").enable(["escape", "backticks", "emphasis"])
#: a locator from an article, whose escapes and code spans are pieces already
_ARTICLE = MarkdownIt("zero").enable(["emphasis"])

_TAGS = {
    "em_open": "<em>",
    "em_close": "</em>",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
}


@dataclass(frozen=True)
class Piece:
    """Part of an article's locator that Python-Markdown rendered already."""

    html: str
    text: str


@dataclass(frozen=True)
class Locator:
    html: str  # as it shows inside a citation's link
    text: str  # its visible text (for the check's report, search and plain-text uses)


def has_markup(text: str) -> bool:
    return not MARKUP.isdisjoint(text)


def _render(
    md: MarkdownIt, text: str, escape: Callable[[str], str], pieces: Sequence[Piece] = ()
) -> Locator:
    html: list[str] = []
    plain: list[str] = []

    def add(value: str) -> None:
        """Text, with the pieces it holds put back."""
        start = 0
        for index, char in enumerate(value):
            number = ord(char) - _PIECE
            if 0 <= number < len(pieces):
                html.append(escape(value[start:index]) + pieces[number].html)
                plain.append(value[start:index] + pieces[number].text)
                start = index + 1
        html.append(escape(value[start:]))
        plain.append(value[start:])

    tokens = md.parseInline(text)
    for token in tokens[0].children or [] if tokens else []:
        if token.type in _TAGS:
            html.append(_TAGS[token.type])
        elif token.type == "code_inline":
            html.append(f"<code>{escape(token.content)}</code>")
            plain.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            add(" ")
        else:
            add(token.content)
    return Locator("".join(html), "".join(plain))


@lru_cache(maxsize=1024)
def from_data(text: str, escape: Callable[[str], str]) -> Locator:
    """A data file's locator, escaped with ``escape`` (the renderer's)."""
    if not has_markup(text):
        return Locator(escape(text), text)
    return _render(_YAML, text, escape)


def from_article(text: str, pieces: Sequence[Piece], escape: Callable[[str], str]) -> Locator:
    """An article's locator: ``text`` holds ``pieces`` as characters from :func:`piece_char`."""
    if not pieces and not has_markup(text):
        return Locator(escape(text), text)
    return _render(_ARTICLE, text, escape, pieces)


def piece_char(index: int) -> str | None:
    """The character that stands for piece number ``index`` in :func:`from_article`'s
    text; None past the last one there is (the piece is then given as its text)."""
    return chr(_PIECE + index) if index < _PIECES else None


def is_piece_char(char: str) -> bool:
    return _PIECE <= ord(char) < _PIECE + _PIECES
