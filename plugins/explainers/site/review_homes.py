"""Each claim's one full ClaimReview and its home: the claim's own page where the site
has claim pages, else the first page that boxes it (see :mod:`explainers.page.jsonld`).

Under ``serve`` a claim whose data did not change keeps the review made last build.
"""

from __future__ import annotations

from typing import Any

from ..data.model import Site
from ..page import jsonld
from ..page.i18n import normalize_lang
from .claim_pages import claim_url, version_reviews
from .options import BuildOptions


class ReviewHomes:
    """The reviews of the last build, kept under ``serve``."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, dict[str, Any]]] = {}

    def ids(self, site: Site, opts: BuildOptions) -> jsonld.Canonical:
        """With claim pages, what the articles' pages read of each claim's review: its
        ``@id`` on the claim's page (:meth:`settle` makes the reviews themselves, some
        20 MiB at N=1,000, once the pages and the host's search index are written)."""
        found = jsonld.Canonical()
        for claim in site.claims.values():
            url = opts.site_url + claim_url(claim.id, opts.directory_urls, root=opts.prefix)
            found.ids[claim.id] = f"{url}{jsonld.ANCHOR}{claim.id}"
        return found

    def settle(
        self,
        page_reviews: dict[str, list[dict[str, Any]]],
        site: Site | None,
        changed: tuple[set[str], set[str]] | None,
        opts: BuildOptions,
        publisher: str,
    ) -> jsonld.Canonical:
        """Each claim's review and where it lives, from the reviews the pages hold
        (``changed``: the claims and sources changed since the last build; None: all)."""
        if not opts.claim_pages or site is None:
            return jsonld.canonical(page_reviews)
        dates = jsonld.first_dates(page_reviews)
        changed_claims, changed_sources = changed if changed else (set(), set())
        reviews = []
        kept: dict[str, tuple[str, dict[str, Any]]] = {}
        for claim in site.claims.values():
            cached = self.kept.get(claim.id)
            date = dates.get(claim.id, "")
            if (  # under serve: a claim whose data did not change keeps its review
                cached is not None
                and cached[0] == date
                and changed is not None
                and claim.id not in changed_claims
                and changed_sources.isdisjoint(claim.appearance)
            ):
                review = cached[1]
            else:
                review = jsonld.claim_review(
                    claim,
                    site,
                    opts.site_url + claim_url(claim.id, opts.directory_urls, root=opts.prefix),
                    publisher,
                    normalize_lang(claim.lang, opts.lang, opts.langs) or opts.lang,
                    date,
                )
            if opts.serving:
                kept[claim.id] = (date, review)
            reviews.append(review)
        self.kept = kept
        found = jsonld.canonical(page_reviews, reviews)
        # the reviews of the claims' pages in their other languages (never kept: few)
        found.versions = version_reviews(site, publisher, opts.site_url, opts.directory_urls, dates)
        return found
