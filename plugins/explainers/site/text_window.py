"""A large JSON text file read a piece at a time, addressed by offsets into the whole
text: :func:`.claim_pages.write_search_index_with` walks a search index of tens of
megabytes entry by entry, and the file read whole (its bytes, then its text, two bytes
a character once one character is past Latin-1) was the claim pages' memory peak at
N=1,000 (benchmarks/profile-n1000-2026-12-06.md, peak27e)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any, TextIO

log = logging.getLogger(__name__)

_SPACE = re.compile(r"[ \t\n\r]*")
_decode = json.JSONDecoder().raw_decode

#: characters read at a time
PIECE = 1 << 16
#: the longest a backslash escape's text gets: a surrogate pair, two ``\uXXXX``
_ESCAPES = 12
_HIGH = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}")  # the first half of a pair


class TextWindow:
    """The part of ``stream``'s text from the last :meth:`drop` on, read on demand.
    Offsets are into the whole text; asking before the dropped part is an error."""

    def __init__(self, stream: TextIO, piece: int = 0) -> None:
        self._stream = stream
        self._piece = piece or PIECE
        self.text = ""  # the window: the whole text from ``base`` on, as far as read
        self.base = 0
        self.eof = False

    def _more(self, grow: bool = False) -> bool:
        """Read the next piece into the window; False at the end of the text. ``grow``:
        as much as the window holds at least (a value longer than a piece, such as a
        large index page's entry, is then decoded again a few times, not once a piece)."""
        if self.eof:
            return False
        got = self._stream.read(max(self._piece, len(self.text)) if grow else self._piece)
        if not got:
            self.eof = True
            return False
        self.text += got
        return True

    def drop(self, at: int) -> None:
        """Nothing before ``at`` is asked for again: let it go (a piece at a time, so
        the window is not copied for every entry)."""
        if at - self.base >= self._piece:
            self.text = self.text[at - self.base :]
            self.base = at

    def char(self, at: int) -> str:
        """The character at ``at``; IndexError past the end of the text."""
        while at - self.base >= len(self.text):
            if not self._more():
                raise IndexError(at)
        return self.text[at - self.base]

    def skip(self, at: int) -> int:
        """The offset of the first character at or after ``at`` that is not JSON space."""
        while True:
            found = _SPACE.match(self.text, at - self.base)
            assert found is not None  # it matches the empty string
            end = found.end() + self.base
            if end - self.base < len(self.text) or not self._more():
                return end

    def decode(self, at: int) -> tuple[Any, int]:
        """The JSON value at ``at`` and the offset after it. A value is taken only with
        a character after it or at the end of the text (a number cut at the window's
        end would decode as another number); ValueError where the text is not JSON."""
        found = self.decode_within(at, 0)
        assert found is not None  # no limit
        return found

    def decode_within(self, at: int, limit: int) -> tuple[Any, int] | None:
        """:meth:`decode`, or None where the value is not read by the time the window
        holds ``limit`` characters from ``at`` on (0: no limit); it grows no further."""
        while True:
            try:
                value, end = _decode(self.text, at - self.base)
            except json.JSONDecodeError:
                if limit and len(self.text) - (at - self.base) >= limit:
                    return None
                if self._more(grow=True):
                    continue
                raise
            if end < len(self.text):
                return value, end + self.base
            if limit and len(self.text) - (at - self.base) >= limit:
                return None
            if not self._more(grow=True):
                return value, end + self.base

    def copy_string(self, at: int, write: Callable[[str], object]) -> int:
        """The JSON string at ``at`` handed to ``write`` decoded, a piece at a time, and
        the offset after it: a string too long to hold twice (a large index page's text
        in a search index, 1.5 M characters at N=1,000) is never held whole. ValueError
        where the text there is not a JSON string."""
        if self.char(at) != '"':
            raise ValueError(f"a string expected at {at}")
        start = at + 1  # the first character not handed on yet
        while True:
            window, base = self.text, self.base
            end = _closing_quote(window, start - base)
            if end >= 0:
                write(_piece(window, start - base, end))
                return end + 1 + base
            if len(window) - (start - base) > _ESCAPES:
                cut = _cut(window, start - base)
                write(_piece(window, start - base, cut))
                start = cut + base
                self.drop(start)
            if not self._more():
                raise ValueError(f"a string not closed after {at}")

    def slice(self, at: int, end: int) -> str:
        """The text from ``at`` to ``end`` (both read already)."""
        return self.text[at - self.base : end - self.base]

    def at_end(self, at: int) -> bool:
        """Whether only JSON space follows ``at``."""
        end = self.skip(at)
        return self.eof and end - self.base == len(self.text)


def _closing_quote(text: str, start: int) -> int:
    """Where the JSON string whose characters go on from ``start`` ends (its closing
    quote) in ``text``; -1 where it goes on past ``text``. ``start`` is not inside a
    backslash escape."""
    at = start
    while True:
        at = text.find('"', at)
        if at < 0:
            return -1
        before = at
        while before > start and text[before - 1] == "\\":
            before -= 1
        if (at - before) % 2 == 0:  # not itself escaped
            return at
        at += 1


def _cut(text: str, start: int) -> int:
    """Where to end a piece of the JSON string's text ``text[start:]``: its end where
    no escape reaches it, else before the last escape (never between the halves of a
    surrogate pair). More than :data:`_ESCAPES` characters from ``start`` on."""
    end = len(text)
    last = text.rfind("\\", max(start, end - _ESCAPES), end)
    if last < 0:
        return end
    run = last
    while run > start and text[run - 1] == "\\":
        run -= 1
    if (last - run) % 2:  # escaped backslashes alone: the escapes end with the run
        return last + 1
    pair = last - 6  # the escape at ``last`` may be a pair's second half
    if pair >= start and _HIGH.match(text, pair):
        run = pair
        while run > start and text[run - 1] == "\\":
            run -= 1
        if (pair - run) % 2 == 0:  # a real escape, not text after an escaped backslash
            return pair
    return last


def _piece(text: str, start: int, end: int) -> str:
    """The JSON string's characters ``text[start:end]`` decoded (whole escapes)."""
    value: str = _decode('"' + text[start:end] + '"')[0]
    return value
