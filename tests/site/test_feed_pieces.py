"""The feeds are made as they are written: a large site's 10,000 items are never held at
once (at N=1,000 the reviews feed's items were some 25 MiB, the build's peak)."""

from __future__ import annotations

from typing import Any

import pytest

from explainers.site import feeds

N = 50


def _review(number: int) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "@id": f"https://example.org/claims/c{number}/#claim-c{number}",
        "claimReviewed": f"“Claim {number}”",
        "datePublished": "2025-01-02",
        "dateModified": f"2025-03-{1 + number % 28:02d}",
    }


def test_reviews_feed_items_are_made_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    reviews = {f"c{n:03d}": _review(n) for n in range(N)}
    whole = feeds.reviews_feed(reviews, "Desk", "https://example.org/")
    made: list[Any] = []
    dumps = feeds._dumps
    monkeypatch.setattr(feeds, "_dumps", lambda value: made.append(value) or dumps(value))
    parts = iter(feeds.reviews_feed_parts(reviews, "Desk", "https://example.org/"))
    taken = [next(parts), next(parts)]  # the feed's head, then its first item
    items = [value for value in made if isinstance(value, dict) and "item" in value]
    assert len(items) == 1, "no item is made before it is written"
    taken += list(parts)
    assert "".join(taken) == whole
    assert '"dateModified":"2025-03-28"' in whole.rsplit("]", 1)[1], "the newest of all items"


def test_atom_entries_are_made_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [
        feeds.Entry(f"e{n}", f"2025-01-{1 + n % 28:02d}T00:00:00Z", f"’{n}’", f"/a{n}/", "s", "en")
        for n in range(N)
    ]
    whole = feeds.atom_feed(found, "Desk", "Desk", "https://example.org/", "en")
    escaped: list[str] = []
    escape = feeds.escape
    monkeypatch.setattr(feeds, "escape", lambda text: escaped.append(text) or escape(text))
    lines = iter(feeds.atom_feed_lines(found, "Desk", "Desk", "https://example.org/", "en"))
    first = next(line for line in lines if "<entry" in line)
    assert [t for t in escaped if t.startswith("’")] == ["’0’"], "one entry made, not all"
    assert first.endswith("\n")
    assert whole.count("<entry ") == N and whole.endswith("</feed>\n")
