"""A claim's verdict over time, read from its ``history``.

One place decides what "first published", "last changed" and "a change" mean, so
the ClaimReview dates (:mod:`.jsonld`), the "Updated" note under an article's byline
and the Atom feed (:mod:`.feeds`) never disagree. Dates are the editor's
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` strings; ISO strings of one precision
order as text, and a shorter one sorts before the full dates it contains.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Claim, HistoryEntry

log = logging.getLogger("explainers.verdicts")


def first_published(claim: Claim, fallback: str = "") -> str:
    """When the verdict was first published: the first dated history entry, else ``fallback``."""
    dated = [entry.date for entry in claim.history if entry.date]
    return dated[0] if dated else fallback


def last_modified(claim: Claim, fallback: str = "") -> str:
    """The latest of the claim's history dates and its ``reviewed`` date, else ``fallback``."""
    dates = [entry.date for entry in claim.history if entry.date]
    if claim.reviewed:
        dates.append(claim.reviewed)
    return max(dates) if dates else fallback


@dataclass(frozen=True)
class Change:
    """A history entry whose status differs from the one before it."""

    claim: Claim
    before: HistoryEntry
    after: HistoryEntry


def changes(claim: Claim) -> list[Change]:
    """The claim's verdict changes, oldest first (the first entry is its start, not a change)."""
    return [
        Change(claim, before, after)
        for before, after in zip(claim.history, claim.history[1:], strict=False)
        if after.status != before.status and after.date
    ]


def changed_since(claims: Iterable[Claim], date: str) -> list[Change]:
    """Changes dated after ``date`` (a page's own date), newest first; none without a date."""
    day = date[:10]
    if not day:
        return []
    found = [change for claim in claims for change in changes(claim) if change.after.date > day]
    return sorted(found, key=lambda c: (c.after.date, c.claim.id), reverse=True)
