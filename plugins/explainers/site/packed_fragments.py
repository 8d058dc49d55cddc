"""The box HTML a build still needs once its articles are rendered, held compressed.

Every claim's box head and tail (the renderer's memo, see
:meth:`Renderer._memo <explainers.page.renderer.Renderer._memo>`) is made once per
site; with claim pages, each is used once more, by its claim's page, after the host
has rendered every article and before it has written them (MkDocs holds every page till
the end of its build). At N=1,000 that is 20,000 fragments, some 18 MiB of UTF-8 held
through the writing of the pages. Here they wait compressed in runs of claims in the
order the claim pages are made (by claim id): neighbouring boxes share most of their
markup, so a run compresses about eightfold, and each run is decompressed about once.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

#: the memo's kinds of fragment that are packed (the renderer's keys); sources'
#: references stay as they are (small, and read in any order)
PACKED = ("box-head", "box-tail")
#: claims per compressed run
RUN = 32

Key = tuple[Any, ...]


class PackedMemo(dict[Key, Any]):
    """A memo (``site.memo``) whose box fragments wait compressed: ``get`` finds them as
    a plain memo would (UTF-8 ``bytes``); anything stored later is held as it is."""

    def __init__(self, memo: dict[Key, Any]) -> None:
        super().__init__()
        packed: dict[str, list[tuple[Key, bytes]]] = {}
        for full, html in memo.items():
            # (renderer, lang, kind, claim id, anchor)
            if len(full) == 5 and full[2] in PACKED and isinstance(html, bytes):
                packed.setdefault(str(full[3]), []).append((full, html))
            else:
                self[full] = html
        #: a packed fragment's key -> its run
        self.where: dict[Key, int] = {}
        #: each run: its keys, each fragment's length, the fragments joined, compressed
        self.runs: list[tuple[tuple[Key, ...], tuple[int, ...], bytes]] = []
        ids = sorted(packed)
        for start in range(0, len(ids), RUN):
            items = [item for claim_id in ids[start : start + RUN] for item in packed[claim_id]]
            keys = tuple(full for full, _ in items)
            for full in keys:
                self.where[full] = len(self.runs)
            joined = b"".join(html for _, html in items)
            self.runs.append(
                (keys, tuple(len(html) for _, html in items), zlib.compress(joined, 1))
            )
        self._last: tuple[int, dict[Key, bytes]] = (-1, {})

    def _run(self, number: int) -> dict[Key, bytes]:
        if self._last[0] != number:
            keys, lengths, packed = self.runs[number]
            joined, found, at = zlib.decompress(packed), {}, 0
            for full, length in zip(keys, lengths, strict=True):
                found[full] = joined[at : at + length]
                at += length
            self._last = (number, found)
        return self._last[1]

    def get(self, key: Key, default: Any = None) -> Any:
        found = super().get(key)
        if found is not None:
            return found
        number = self.where.get(key)
        return default if number is None else self._run(number)[key]

    def setdefault(self, key: Key, default: Any = None) -> Any:
        found = self.get(key)
        if found is not None:
            return found
        return super().setdefault(key, default)

    def every(self) -> Iterator[tuple[Key, Any]]:
        """Every fragment, packed or not (each run decompressed in turn)."""
        yield from super().items()
        for number in range(len(self.runs)):
            yield from self._run(number).items()
        self._last = (-1, {})

    def clear(self) -> None:
        super().clear()
        self.where, self.runs, self._last = {}, [], (-1, {})


def every(memo: dict[Key, Any]) -> Iterator[tuple[Key, Any]]:
    """Every fragment of a memo, packed or not."""
    return memo.every() if isinstance(memo, PackedMemo) else iter(memo.items())


def packed_count(memo: dict[Key, Any], renderer: object) -> int:
    """How many of a memo's packed fragments are ``renderer``'s (none are decompressed)."""
    if not isinstance(memo, PackedMemo):
        return 0
    return sum(1 for full in memo.where if full[0] is renderer)


def pack(memo: dict[Key, Any]) -> PackedMemo:
    """``memo`` with its box fragments compressed (a packed memo is packed anew, with
    what was stored since)."""
    return PackedMemo(dict(every(memo)))
