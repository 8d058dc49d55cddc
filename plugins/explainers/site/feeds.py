"""Site-wide feeds of verdicts, written at the site root.

- ``claimreviews.json``: every claim's one full ClaimReview (see :mod:`.jsonld`) in
  a schema.org ``DataFeed``, one ``DataFeedItem`` per claim holding it as ``item``;
  the shape of the fact-check feeds that Google's Fact Check tools and Data
  Commons publish and read.
- ``verdicts.atom``: an Atom feed with one entry per dated ``history`` item of a
  claim and per ``corrections`` item of a page, newest first.

Both are built from the data alone, in a fixed order, with no clock: the same
input gives the same bytes. Entry ids are built from what an entry is (the claim
or page, its date and status), never from its position in the feed, so they stay
stable when entries are added.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..data import translations
from ..data.model import Claim, Site
from ..data.validation import parse_date
from ..page import field_markdown as fieldmd
from ..page.i18n import Labels

log = logging.getLogger("explainers.feeds")

REVIEWS_FEED = "claimreviews.json"
ATOM_FEED = "verdicts.atom"
_EPOCH = "1970-01-01T00:00:00Z"


@dataclass
class PageFeedInfo:
    """What the Atom feed needs of an article: where it is and its corrections."""

    title: str
    url: str  # site-relative, as the host gives it
    lang: str
    corrections: list[dict[str, Any]] = field(default_factory=list)


def head_links(prefix: str, labels: Labels) -> str:
    """``<link rel="alternate">`` tags for a page's ``<head>``; ``prefix`` leads to the site root."""
    return (
        f'<link rel="alternate" type="application/atom+xml" '
        f"title={quoteattr(labels['feed_verdicts'])} href={quoteattr(prefix + ATOM_FEED)}>\n"
        f'<link rel="alternate" type="application/ld+json" '
        f"title={quoteattr(labels['feed_reviews'])} href={quoteattr(prefix + REVIEWS_FEED)}>"
    )


class FeedMemo:
    """Under ``serve``: what the last build's feeds were made of, per claim (its review
    and its Atom entries, as text), so an edit of one claim encodes that claim only."""

    def __init__(self) -> None:
        #: claim id -> (its review, the feed item's JSON)
        self.items: dict[str, tuple[dict[str, Any], str]] = {}
        #: claim id -> (the review its entries were made of, its entries); a claim whose
        #: content changed is forgotten (:meth:`since`), not compared
        self.entries: dict[str, tuple[tuple[Any, ...], list[Entry]]] = {}
        self.context: tuple[Any, ...] | None = None  # what every claim's entries depend on
        self.xml: dict[Entry, str] = {}  # an entry's lines in the Atom feed

    def since(self, changed: set[str] | None) -> None:
        """The data was loaded again: forget the claims that changed (None: all)."""
        if changed is None:
            self.items, self.entries = {}, {}
        for claim_id in changed or ():
            self.items.pop(claim_id, None)
            self.entries.pop(claim_id, None)


def _dumps(value: Any) -> str:
    # compact: json's C encoder (an indented dump is pure Python, slow for thousands)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_ITEMS = "\0explainers: the items\0"  # where the items go in the feed's JSON


def reviews_feed(
    reviews: Mapping[str, dict[str, Any]],
    name: str,
    site_url: str,
    versions: Mapping[str, list[dict[str, Any]]] | None = None,
    memo: FeedMemo | None = None,
) -> str:
    """``claimreviews.json``: one DataFeedItem per claim, in claim-id order; a claim
    written in several languages holds the review of each language page (``versions``).
    ``memo``: the items of the last call, reused for the same review objects."""
    return "".join(reviews_feed_parts(reviews, name, site_url, versions, memo))


def reviews_feed_parts(
    reviews: Mapping[str, dict[str, Any]],
    name: str,
    site_url: str,
    versions: Mapping[str, list[dict[str, Any]]] | None = None,
    memo: FeedMemo | None = None,
) -> Iterator[str]:
    """:func:`reviews_feed`'s text in pieces, made as they are written: the whole feed
    as one string, then as UTF-8 (or its 10,000 items held at once, at N=1,000 some
    25 MiB), is what a large build's memory peaks on. ``memo`` is updated once the
    last piece is taken."""
    modified = [str(date) for review in reviews.values() if (date := review.get("dateModified"))]
    feed: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": name,
        "dataFeedElement": _ITEMS,
    }
    if site_url:
        feed["url"] = site_url + REVIEWS_FEED
    if modified:
        feed["dateModified"] = max(modified)
    before, _, after = _dumps(feed).partition(_dumps(_ITEMS))
    yield before + "["
    made: dict[str, tuple[dict[str, Any], str]] = {}
    for number, ident in enumerate(sorted(reviews)):
        review = reviews[ident]
        more = (versions or {}).get(ident, [])
        found = memo.items.get(ident) if memo is not None and not more else None
        if found is None or found[0] is not review:
            item: dict[str, Any] = {"@type": "DataFeedItem", "item": [review, *more]}
            if created := review.get("datePublished"):
                item["dateCreated"] = created
            if date := review.get("dateModified"):
                item["dateModified"] = date
            found = (review, _dumps(item))
        if memo is not None and not more:
            made[ident] = found
        if number:
            yield ","
        yield found[1]
    if memo is not None:
        memo.items = made
    yield "]" + after + "\n"


def atom_time(date: str) -> str:
    """An editor's date as an Atom timestamp (partial dates at their first day)."""
    parts = parse_date(date[:10])
    if parts is None:
        return _EPOCH
    year, month, day = parts
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"


@dataclass(frozen=True)
class Entry:
    id: str
    updated: str
    title: str
    link: str
    summary: str
    lang: str


def _unique(ids: set[str], wanted: str) -> str:
    ident, n = wanted, 1
    while ident in ids:
        n += 1
        ident = f"{wanted}-{n}"
    ids.add(ident)
    return ident


def entries(
    site: Site,
    reviews: Mapping[str, dict[str, Any]],
    pages: Iterable[PageFeedInfo],
    site_url: str,
    labels: dict[str, dict[str, str]] | None = None,
    versions: Mapping[str, list[dict[str, Any]]] | None = None,
    memo: FeedMemo | None = None,
) -> list[Entry]:
    """One entry per dated history item of a claim that has a home (and of each of its
    other language pages, ``versions``), and per correction. ``memo``: a claim's
    entries of the last call, reused for the same claim and review objects."""
    found: list[Entry] = []
    context = (site_url, labels, site.scale)
    if memo is not None and memo.context != context:
        memo.entries, memo.context = {}, context
    made: dict[str, tuple[tuple[Any, ...], list[Entry]]] = {}
    for claim_id in sorted(reviews):
        claim = site.claims.get(claim_id)
        if claim is None:
            continue
        review, more = reviews[claim_id], (versions or {}).get(claim_id, [])
        cached = memo.entries.get(claim_id) if memo is not None and not more else None
        if cached is not None and cached[0][0] is review:
            found += cached[1]
            made[claim_id] = cached
            continue
        mine: list[Entry] = []
        for shown in [review, *more]:
            mine += _claim_entries(site, claim, shown, site_url, labels)
        if memo is not None and not more:
            made[claim_id] = ((review,), mine)
        found += mine
    if memo is not None:
        memo.entries = made
    base = site_url or "urn:explainers:"
    for page in pages:
        lb = Labels(page.lang, labels)
        ids: set[str] = set()
        for correction in page.corrections:
            date, note = str(correction.get("date", "")), str(correction.get("note", ""))
            if not date or not note:
                continue
            entry_id = _unique(ids, f"{base}{page.url}#correction-{date}")
            found.append(
                Entry(
                    entry_id,
                    atom_time(date),
                    f"{lb['correction']}: {page.title}",
                    site_url + page.url,
                    fieldmd.plain(note),
                    page.lang,
                )
            )
    return sorted(found, key=lambda e: (e.updated, e.id), reverse=True)


def _claim_entries(
    site: Site,
    claim: Claim,
    review: Mapping[str, Any],
    site_url: str,
    labels: dict[str, dict[str, str]] | None,
) -> list[Entry]:
    """The entries of one claim's page (``review``: the page's ClaimReview)."""
    base = site_url or "urn:explainers:"
    found: list[Entry] = []
    lang = str(review.get("inLanguage") or "en")
    claim = translations.localized(claim, lang, claim.lang or lang)[0]
    lb = Labels(lang, labels)
    home = str(review.get("url", "")).rpartition("#")[0]
    ids: set[str] = set()
    previous = ""
    for item in claim.history:
        if not item.date:
            previous = item.status
            continue
        verdict = site.scale.get(item.status)
        label = verdict.label(lang) if verdict else item.status
        before = site.scale.get(previous)
        change = (
            f"{before.label(lang) if before else previous} → "
            if previous and previous != item.status
            else ""
        )
        entry_id = _unique(
            ids, f"{base}{home.removeprefix(site_url)}#history-{item.date}-{item.status}"
        )
        text = fieldmd.plain(claim.claim)
        found.append(
            Entry(
                entry_id,
                atom_time(item.date),
                f"{lb['verdict']}: {change}{label}: {text}",
                f"{home}#history-{claim.id}",
                fieldmd.plain(item.note) if item.note else f"{lb['verdict']}: {label}",
                lang,
            )
        )
        previous = item.status
    return found


def atom_feed_lines(
    found: list[Entry],
    title: str,
    author: str,
    site_url: str,
    lang: str,
    memo: FeedMemo | None = None,
) -> Iterator[str]:
    """``verdicts.atom``'s lines, each ending in a newline, made as they are written
    (the feed as one string and its UTF-8 copy were megabytes at the end of a large
    build); its ``updated`` is the newest entry's, so it has no clock. ``memo``: each
    entry's lines of the last call, reused for equal entries, updated once the last
    line is taken."""
    updated = max((e.updated for e in found), default=_EPOCH)
    feed_id = site_url + ATOM_FEED if site_url else "urn:explainers:" + ATOM_FEED
    host = urlsplit(site_url).netloc
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"  <id>{escape(feed_id)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(author or host or title)}</name></author>",
        '  <generator uri="https://pypi.org/project/explainers/">explainers</generator>',
    ]
    if site_url:
        head.append(f'  <link rel="self" href={quoteattr(feed_id)}/>')
        head.append(f'  <link rel="alternate" href={quoteattr(site_url)}/>')
    for line in head:
        yield line + "\n"
    known = memo.xml if memo is not None else {}
    made: dict[Entry, str] = {}
    for entry in found:
        text = known.get(entry)
        if text is None:
            text = "\n".join(
                (
                    f"  <entry xml:lang={quoteattr(entry.lang)}>",
                    f"    <id>{escape(entry.id)}</id>",
                    f"    <title>{escape(entry.title)}</title>",
                    f"    <updated>{entry.updated}</updated>",
                    f'    <link rel="alternate" href={quoteattr(entry.link)}/>',
                    f"    <summary>{escape(entry.summary)}</summary>",
                    "  </entry>",
                )
            )
        if memo is not None:
            made[entry] = text
        yield text + "\n"
    if memo is not None:
        memo.xml = made
    yield "</feed>\n"


def atom_feed(
    found: list[Entry],
    title: str,
    author: str,
    site_url: str,
    lang: str,
    memo: FeedMemo | None = None,
) -> str:
    """``verdicts.atom`` as one string (see :func:`atom_feed_lines`)."""
    return "".join(atom_feed_lines(found, title, author, site_url, lang, memo))
