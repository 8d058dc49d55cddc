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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..data import translations
from ..data.model import Site
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


def reviews_feed(
    reviews: Mapping[str, dict[str, Any]],
    name: str,
    site_url: str,
    versions: Mapping[str, list[dict[str, Any]]] | None = None,
) -> str:
    """``claimreviews.json``: one DataFeedItem per claim, in claim-id order; a claim
    written in several languages holds the review of each language page (``versions``)."""
    items = []
    for ident in sorted(reviews):
        review = reviews[ident]
        more = (versions or {}).get(ident, [])
        item: dict[str, Any] = {"@type": "DataFeedItem", "item": [review, *more]}
        if created := review.get("datePublished"):
            item["dateCreated"] = created
        if modified := review.get("dateModified"):
            item["dateModified"] = modified
        items.append(item)
    feed: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": name,
        "dataFeedElement": items,
    }
    if site_url:
        feed["url"] = site_url + REVIEWS_FEED
    modified = [str(i["dateModified"]) for i in items if i.get("dateModified")]
    if modified:
        feed["dateModified"] = max(modified)
    # compact: json's C encoder (an indented dump is pure Python, slow for thousands)
    return json.dumps(feed, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


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
) -> list[Entry]:
    """One entry per dated history item of a claim that has a home (and of each of its
    other language pages, ``versions``), and per correction."""
    base = site_url or "urn:explainers:"
    found: list[Entry] = []
    pairs = [
        (claim_id, review)
        for claim_id in sorted(reviews)
        for review in [reviews[claim_id], *(versions or {}).get(claim_id, [])]
    ]
    for claim_id, review in pairs:
        claim = site.claims.get(claim_id)
        if claim is None:
            continue
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
    for page in pages:
        lb = Labels(page.lang, labels)
        ids = set()
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


def atom_feed(found: list[Entry], title: str, author: str, site_url: str, lang: str) -> str:
    """``verdicts.atom``; its ``updated`` is the newest entry's, so it has no clock."""
    updated = max((e.updated for e in found), default=_EPOCH)
    feed_id = site_url + ATOM_FEED if site_url else "urn:explainers:" + ATOM_FEED
    host = urlsplit(site_url).netloc
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"  <id>{escape(feed_id)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(author or host or title)}</name></author>",
        '  <generator uri="https://pypi.org/project/explainers/">explainers</generator>',
    ]
    if site_url:
        lines.append(f'  <link rel="self" href={quoteattr(feed_id)}/>')
        lines.append(f'  <link rel="alternate" href={quoteattr(site_url)}/>')
    for entry in found:
        lines += [
            f"  <entry xml:lang={quoteattr(entry.lang)}>",
            f"    <id>{escape(entry.id)}</id>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <updated>{entry.updated}</updated>",
            f'    <link rel="alternate" href={quoteattr(entry.link)}/>',
            f"    <summary>{escape(entry.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
