"""A claim's verdict over time (``explainers.data.verdict_history``): the one place
that says what "first published", "last changed" and "a change" mean, for the
ClaimReview dates, the "Updated" note and the Atom feed."""

from __future__ import annotations

from explainers.data.model import Claim, HistoryEntry, Pos
from explainers.data.verdict_history import (
    changed_since,
    changes,
    first_published,
    last_modified,
)

AT = Pos("claims.yml")


def claim(id: str, *history: tuple[str, str], reviewed: str = "") -> Claim:
    entries = [HistoryEntry(date, status, AT) for date, status in history]
    return Claim(
        id,
        "C.",
        history[-1][1] if history else "unconfirmed",
        AT,
        history=entries,
        reviewed=reviewed,
    )


def test_first_published_is_the_first_dated_entry() -> None:
    assert first_published(claim("c", ("", "unconfirmed"), ("2025-03", "false"))) == "2025-03"
    assert first_published(claim("c"), "2024-01-01") == "2024-01-01"
    assert first_published(claim("c", ("", "unconfirmed"))) == ""


def test_last_modified_is_the_latest_history_or_review_date() -> None:
    two = claim("c", ("2025-03-01", "unconfirmed"), ("2025-02", "false"))
    assert last_modified(two) == "2025-03-01"  # the latest, not the last written
    reviewed = claim("c", ("2025-03-01", "unconfirmed"), reviewed="2025-04-02")
    assert last_modified(reviewed) == "2025-04-02"
    assert last_modified(claim("c"), "2020") == "2020"
    assert last_modified(claim("c", reviewed="2021-05")) == "2021-05"


def test_a_change_is_a_dated_entry_with_another_status() -> None:
    c = claim(
        "c",
        ("2025-01-01", "unconfirmed"),
        ("2025-01-05", "unconfirmed"),  # the same status again: no change
        ("", "false"),  # undated: not a change
        ("2025-02-01", "confirmed"),
    )
    found = [(x.before.status, x.after.status, x.after.date) for x in changes(c)]
    assert found == [("false", "confirmed", "2025-02-01")]
    assert changes(claim("c", ("2025-01-01", "false"))) == []


def test_changed_since_a_page_date_lists_later_changes_newest_first() -> None:
    a = claim("a", ("2025-01-01", "unconfirmed"), ("2025-03-01", "false"))
    b = claim("b", ("2025-01-01", "unconfirmed"), ("2025-03-01", "confirmed"))
    c = claim(
        "c", ("2025-01-01", "unconfirmed"), ("2025-02-01", "false"), ("2025-04-01", "disputed")
    )
    found = [(x.claim.id, x.after.date) for x in changed_since([a, b, c], "2025-02-01T10:00")]
    assert found == [("c", "2025-04-01"), ("b", "2025-03-01"), ("a", "2025-03-01")]
    assert changed_since([a, b, c], "") == []  # a page without a date shows no change
    assert changed_since([a], "2025-03-01") == []  # the same day is not after it
