"""A large JSON text file read a piece at a time, addressed by offsets into the whole
text: :func:`.claim_pages.write_search_index_with` walks a search index of tens of
megabytes entry by entry, and the file read whole (its bytes, then its text, two bytes
a character once one character is past Latin-1) was the claim pages' memory peak at
N=1,000 (benchmarks/profile-n1000-2026-12-06.md, peak27e)."""

from __future__ import annotations

import json
import logging
import re
from typing import Any, TextIO

log = logging.getLogger(__name__)

_SPACE = re.compile(r"[ \t\n\r]*")
_decode = json.JSONDecoder().raw_decode

#: characters read at a time
PIECE = 1 << 16


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
        while True:
            try:
                value, end = _decode(self.text, at - self.base)
            except json.JSONDecodeError:
                if self._more(grow=True):
                    continue
                raise
            if end < len(self.text) or not self._more(grow=True):
                return value, end + self.base

    def slice(self, at: int, end: int) -> str:
        """The text from ``at`` to ``end`` (both read already)."""
        return self.text[at - self.base : end - self.base]

    def at_end(self, at: int) -> bool:
        """Whether only JSON space follows ``at``."""
        end = self.skip(at)
        return self.eof and end - self.base == len(self.text)
