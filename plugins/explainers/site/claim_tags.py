"""Claim ``tags`` on a tags index (Material's tags plugin), through the articles.

Claim pages are written after MkDocs' page loop (:mod:`.claim_pages`), so no tags plugin
ever sees them as pages. An article that boxes a claim is where readers meet it: the
article takes the tags of the claims it boxes, after its own, and a tags plugin that reads
``page.meta["tags"]`` lists it under each. The claims index grouped by tag
(``claims_index_group: tag``) lists the claims themselves.
"""

from __future__ import annotations

import logging
import weakref

from ..data.model import Site
from ..page.positions import scan

log = logging.getLogger("explainers")


_last: tuple[weakref.ref[Site], bool] | None = None


def any_tagged(site: Site) -> bool:
    """Whether any claim has tags (else pages are not scanned for them); asked once per
    page, worked out once per loaded site."""
    global _last
    if _last is not None and _last[0]() is site:
        return _last[1]
    found = any(claim.tags for claim in site.claims.values())
    _last = (weakref.ref(site), found)
    return found


def page_tags(own: object, markdown: str, site: Site) -> list[str] | None:
    """The page's tags with its boxed claims' tags after them; None when none are added.

    ``own`` is the front matter ``tags`` as YAML read it (a list, a string, or absent).
    """
    boxed = [ref.id for ref in scan(markdown) if ref.kind == "claim" and ref.id in site.claims]
    added = [tag for ident in boxed for tag in site.claims[ident].tags]
    if not added:
        return None
    if isinstance(own, list):
        mine = [str(tag) for tag in own if tag is not None]
    elif isinstance(own, str) and own:
        mine = [own]
    else:
        mine = []
    merged = list(dict.fromkeys(mine + added))
    return None if merged == mine else merged
