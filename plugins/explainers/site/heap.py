"""Freed memory handed back to the system where a large phase of a build ends.

CPython frees a page's HTML, an index page's lists or the search index's text as soon as
nothing holds them, but glibc's ``malloc`` keeps the freed space in its heap for the next
allocation: once the first large string is freed, its dynamic threshold puts the next
ones in the heap too, and the holes they leave stay resident. At N=1,000 some 45 MiB of
a build's peak was such holes (the articles' phase, then the pages written).
``malloc_trim(0)`` returns them; it walks the heap once (a few milliseconds a call).

Only glibc has ``malloc_trim``: where the C library has no such function (macOS, musl,
Windows) :func:`give_back` does nothing.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def find_trim(library: str | None = None) -> Callable[[int], int] | None:
    """The C library's ``malloc_trim``, or None where it has none. ``library``: a
    shared library to look in (None: the process's own symbols, where the C library's
    ``malloc`` is)."""
    try:
        libc = ctypes.CDLL(library)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):  # no such library, symbol, or dlopen(NULL)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_trim = find_trim()


def give_back() -> bool:
    """Freed heap memory returned to the system: True where the C library could (glibc),
    False where there is no ``malloc_trim`` (nothing is done)."""
    if _trim is None:
        return False
    _trim(0)
    return True
