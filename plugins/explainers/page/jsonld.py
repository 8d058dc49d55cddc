"""schema.org ClaimReview for each claim, as JSON-LD that cannot break out of its script.

A claim is described in full once per site, at its *home*: its own page where the
site has claim pages, else the first page (in source order) that boxes it. The
review's ``@id`` is the home's URL with ``#claim-ID``, so every other page that
boxes the claim points to it (:func:`for_page`) instead of publishing a second,
possibly different, review of the same claim.

Dates (see :mod:`.verdicts`): ``datePublished`` is the first ``history`` date, else
the date of the page the claim is first shown on; ``dateModified`` the latest of
its ``history`` dates and ``reviewed``.

The rating carries the verdict's label as ``alternateName`` (what a search result shows
as the rating), except on the ``conclusion`` base scale: there "Concluded" says only
that the desk concluded, and the claim's summary says what, so a concluded claim's
summary is its ``alternateName``. ``ratingValue``,
``bestRating`` and ``worstRating`` need a scale ordered from false to true; the
default scale is not one ("unconfirmed" and "disputed" say how settled a question
is, not how true the claim is), so a number would claim an order the desk never
decided. A verdict that gives a ``rating`` (the ``true-false`` base scale, or a
site's own) has one: best and worst are the highest and lowest on the scale.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..data import translations
from ..data.model import Claim, Site, Verdict
from ..data.scales import Scale, rating_range
from ..data.verdict_history import first_published, last_modified
from . import field_markdown as fieldmd

ANCHOR = "#claim-"


def claim_review(
    claim: Claim,
    site: Site,
    page_url: str,
    publisher: str,
    lang: str,
    page_date: str = "",
) -> dict[str, Any]:
    """The full ClaimReview of ``claim`` as shown on the page at ``page_url``."""
    claim = translations.localized(claim, lang, claim.lang or lang)[0]  # several languages
    verdict = site.scale.get(claim.status)
    label = verdict.label(lang) if verdict else claim.status
    appearance = []
    for source_id in claim.appearance:
        source = site.sources.get(source_id)
        if source is None:
            continue
        work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
        if url := fieldmd.safe_url(source.url):
            work["url"] = url
        if source.date:
            work["datePublished"] = source.date
        if source.author:
            work["author"] = {"@type": "Organization", "name": ", ".join(source.author)}
        appearance.append(work)
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = {"@type": "Organization", "name": claim.claimant}
    if claim.date:
        item["datePublished"] = claim.date
    if appearance:
        item["appearance"] = appearance
        item["firstAppearance"] = appearance[0]
    published = first_published(claim, page_date[:10])
    modified = last_modified(claim, published)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{page_url}{ANCHOR}{claim.id}",
        "url": f"{page_url}{ANCHOR}{claim.id}",
        "claimReviewed": fieldmd.plain(claim.claim),
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": _rating(verdict, site, _rating_name(verdict, site, label, claim)),
        "itemReviewed": item,
        "inLanguage": lang,
    }
    if published:
        review["datePublished"] = published
    if modified:
        review["dateModified"] = modified
    if claim.summary:
        review["reviewBody"] = fieldmd.plain(claim.summary)
    return review


#: (base scale, verdict) whose rating is the claim's summary: the verdict says only that
#: the desk concluded, the summary what it concluded
CONCLUDED = ("conclusion", "concluded")


def _rating_name(verdict: Verdict | None, site: Site, label: str, claim: Claim) -> str:
    """The rating's ``alternateName``: the verdict's label, or a conclusion's summary."""
    scale = site.scale  # a Scale knows its base; a plain dict (the default scale) has none
    if isinstance(scale, Scale) and verdict is not None and (scale.base, verdict.key) == CONCLUDED:
        return fieldmd.plain(claim.summary) or label
    return label


def _rating(verdict: Verdict | None, site: Site, label: str) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    span = rating_range(site.scale)
    if verdict is not None and verdict.rating is not None and span is not None:
        rating["ratingValue"] = verdict.rating
        rating["bestRating"], rating["worstRating"] = span
    return rating


def claim_id(review: Mapping[str, Any]) -> str:
    """The claim a review (or a reference to one) is about, read from its ``@id``."""
    return str(review.get("@id", "")).rpartition(ANCHOR)[2]


@dataclass
class Canonical:
    """Where each claim's one full review lives, site-wide."""

    #: claim id -> source path of the article that is its home (empty with claim pages)
    home_of: dict[str, str] = field(default_factory=dict)
    #: claim id -> its full review (for the page that is its home and for the feed)
    reviews: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: claim id -> the ``@id`` of its full review
    ids: dict[str, str] = field(default_factory=dict)
    #: claim id -> the reviews of its other language pages (a claim in several languages)
    versions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def canonical(
    pages: Mapping[str, Iterable[dict[str, Any]]],
    claim_pages: Iterable[dict[str, Any]] | None = None,
) -> Canonical:
    """Each claim's home: its own page, given the reviews of the claim pages, else the
    first page (by source path) that boxes it."""
    found = Canonical()
    if claim_pages is not None:
        found.reviews = {claim_id(r): r for r in claim_pages}
        found.ids = {c: str(r["@id"]) for c, r in found.reviews.items()}
        return found
    for uri in sorted(pages):
        for review in pages[uri]:
            ident = claim_id(review)
            if ident not in found.home_of:
                found.home_of[ident] = uri
                found.reviews[ident] = review
                found.ids[ident] = str(review["@id"])
    return found


def reference(review: Mapping[str, Any]) -> dict[str, Any]:
    """What is read of an article's review once its claim's full review lives on the
    claim's own page: its ``@id`` (which claim) and ``datePublished`` (the claim's
    earliest date, see :func:`first_dates`). A large site's articles box thousands of
    claims: their full reviews would be held through the build for these two keys."""
    return {key: review[key] for key in ("@id", "datePublished") if key in review}


def first_dates(pages: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, str]:
    """Each claim's earliest ``datePublished`` over the pages that box it (a fallback date)."""
    found: dict[str, str] = {}
    for reviews in pages.values():
        for review in reviews:
            date = str(review.get("datePublished", ""))
            ident = claim_id(review)
            if date and (ident not in found or date < found[ident]):
                found[ident] = date
    return found


def for_page(
    reviews: list[dict[str, Any]], page_url: str, canon: Canonical, uri: str
) -> list[dict[str, Any]]:
    """What an article publishes: the full reviews of claims it is home to; for the others,
    one ``WebPage`` that names their reviews by ``@id``."""
    out = [r for r in reviews if canon.home_of.get(claim_id(r)) == uri]
    ids = [
        canon.ids.get(claim_id(r), str(r["@id"]))
        for r in reviews
        if canon.home_of.get(claim_id(r)) != uri
    ]
    if ids:
        out.append(
            {
                "@context": "https://schema.org",
                "@type": "WebPage",
                "url": page_url,
                "mentions": [{"@id": i} for i in ids],
            }
        )
    return out


def script(reviews: list[dict[str, Any]]) -> str:
    """One ``<script type="application/ld+json">`` per review; ``<``, ``>`` and ``&`` escaped."""
    out = []
    for review in reviews:
        text = json.dumps(review, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        out.append(f'<script type="application/ld+json">{text}</script>')
    return "\n".join(out)
