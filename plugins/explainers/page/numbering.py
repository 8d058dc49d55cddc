"""Where a citation gets its number.

One :class:`Citations` per page: the page is walked top to bottom (see
:mod:`.extension`), every cited source takes the next number on first use and
keeps it on reuse, and every spot that cites it gets an anchor for the source
list's back-links.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Citations:
    numbers: dict[str, int] = field(default_factory=dict)
    spots: dict[str, list[str]] = field(default_factory=dict)

    def cite(self, source_id: str) -> tuple[int, str]:
        """Number ``source_id`` (first use takes the next number); return it and this spot's anchor."""
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        spots = self.spots.setdefault(source_id, [])
        anchor = f"cite-{source_id}-{len(spots) + 1}"
        spots.append(anchor)
        return number, anchor

    def in_order(self) -> list[str]:
        """Cited source ids in number order."""
        return sorted(self.numbers, key=self.numbers.__getitem__)
