"""schema.org ClaimReview for each claim box, as JSON-LD that cannot break out of its script."""

from __future__ import annotations

import json
from typing import Any

from . import fieldmd
from .model import Claim, Site


def claim_review(
    claim: Claim, site: Site, page_url: str, publisher: str, lang: str
) -> dict[str, Any]:
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
    published = claim.reviewed or (claim.history[-1].date if claim.history else "")
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url}#claim-{claim.id}",
        "claimReviewed": fieldmd.plain(claim.claim),
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": {"@type": "Rating", "alternateName": label},
        "itemReviewed": item,
        "inLanguage": lang,
    }
    if published:
        review["datePublished"] = published
    if claim.summary:
        review["reviewBody"] = fieldmd.plain(claim.summary)
    return review


def script(reviews: list[dict[str, Any]]) -> str:
    """One ``<script type="application/ld+json">`` per review; ``<``, ``>`` and ``&`` escaped."""
    out = []
    for review in reviews:
        text = json.dumps(review, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        out.append(f'<script type="application/ld+json">{text}</script>')
    return "\n".join(out)
