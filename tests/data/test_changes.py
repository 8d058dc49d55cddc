"""What changed between two loads of the data (``explainers.data.changes``), which
``mkdocs serve --dirty`` uses to re-render the pages that show a changed claim: content
counts, where it was written does not."""

from __future__ import annotations

from dataclasses import replace

from explainers.data.changes import changed_claims, changed_sources, content_key
from explainers.data.model import Claim, Evidence, HistoryEntry, Pos, Site, Source

A, B = Pos("claims.yml", 3, 5), Pos("claims.yml", 30, 1)


def claim(id: str = "c", pos: Pos = A, **fields: object) -> Claim:
    return Claim(id, "C.", "false", pos, **fields)  # type: ignore[arg-type]


def test_moving_an_entry_in_its_file_changes_nothing() -> None:
    old = claim(
        history=[HistoryEntry("2025", "false", A)], field_pos={"claim": A}, appearance_pos=[A]
    )
    moved = claim(
        pos=B,
        history=[HistoryEntry("2025", "false", B)],
        field_pos={"claim": B},
        appearance_pos=[B],
    )
    assert content_key(old) == content_key(moved)
    assert changed_claims(Site(claims={"c": old}), Site(claims={"c": moved})) == set()


def test_a_changed_added_or_removed_entry_is_named() -> None:
    old = Site(claims={"same": claim("same"), "edited": claim("edited"), "gone": claim("gone")})
    new = Site(
        claims={
            "same": claim("same", pos=B),
            "edited": claim("edited", summary="Now with a summary."),
            "new": claim("new"),
        }
    )
    assert changed_claims(old, new) == {"edited", "gone", "new"}


def test_content_reaches_into_nested_lists_and_mappings() -> None:
    base = claim(evidence=[Evidence("s", "supports", A)], texts={"summary": {"en": "A", "nb": "B"}})
    same = claim(evidence=[Evidence("s", "supports", B)], texts={"summary": {"nb": "B", "en": "A"}})
    assert content_key(base) == content_key(same)
    assert content_key(base) != content_key(replace(base, evidence=[Evidence("s", "context", A)]))
    assert content_key(base) != content_key(
        replace(base, texts={"summary": {"en": "A", "nb": "C"}})
    )
    assert content_key(base) != content_key(
        replace(base, history=[HistoryEntry("2025", "x", A, note="n")])
    )


def test_sources_are_compared_the_same_way() -> None:
    old = Site(sources={"s": Source("s", "Title", A), "t": Source("t", "T", A)})
    new = Site(
        sources={"s": Source("s", "Title", B), "t": Source("t", "T", A, url="https://x.example/")}
    )
    assert changed_sources(old, new) == {"t"}
    assert changed_claims(old, new) == set()
