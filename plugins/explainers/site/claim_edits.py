"""Under ``serve --dirty``, which claim pages a data edit leaves as they are.

After a claim's edit the claim pages on disk are those of the last build but for the
few the edit touches: the claim's own page, those of claims that name an edited
source, and those whose review changed. Everything else a page is made from (the
pages that show each claim, the host's page shell, the options, the error view) is
compared as a whole; when any of it changed, every page is looked at again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.diagnostics import Diagnostic
from ..data.model import Site
from .claim_pages import SearchDoc
from .indexes import SiteIndex, versions_of

log = logging.getLogger(__name__)


@dataclass
class Written:
    """The claim pages written last under ``serve``: what they were made from and what
    was made, the one record a next build compares with and reuses."""

    site_dir: Path
    context: tuple[Any, ...]  # the options, renderer and publisher
    index: SiteIndex  # the very object: the build makes it again only when it changed
    reviews: dict[str, dict[str, Any]]  # each claim's review (unchanged: the same object)
    errors: list[Diagnostic]
    #: the host's page shells the pages were filled into, by (language, version)
    shells: dict[tuple[str, str], str] = field(default_factory=dict)
    #: each claim's page: the key it was made from, its search entry and its HTML
    kept: dict[str, tuple[Any, tuple[SearchDoc, str]]] = field(default_factory=dict)
    #: each claim's files, under ``--dirty``
    dests: dict[str, list[Path]] = field(default_factory=dict)
    #: written under ``--dirty``: the pages on disk are these (else each is written)
    dirty: bool = False


def to_look_at(
    written: Written | None,
    now: Written,
    site: Site,
    changed: tuple[set[str], set[str]] | None,
    shell_of: Callable[[str, str], str],
) -> set[str] | None:
    """The claims whose pages must be looked at again (made, or found unchanged by
    their key); ``None``: every claim's. ``now``: what this build's pages are made of
    (its ``shells`` empty: the shells written last are made again to compare)."""
    if (
        written is None
        or not written.dirty
        or changed is None
        or written.site_dir != now.site_dir
        or written.context != now.context
        or written.index is not now.index
        or written.errors != now.errors
        or any(shell_of(*which) != shell for which, shell in written.shells.items())
    ):
        return None
    claims, sources = changed
    todo = set(claims)
    if sources:
        todo.update(
            claim.id
            for claim in site.claims.values()
            if sources.intersection(claim.appearance)
            or any(e.source in sources for e in claim.evidence)
        )
    before = written.reviews
    todo.update(i for i, review in now.reviews.items() if before.get(i) is not review)
    todo.update(i for i, claim in site.claims.items() if versions_of(claim))  # never kept
    return todo


def remove_pages(dests: list[Path]) -> None:
    """A removed claim's pages, out of the site folder (a build would not write them)."""
    for dest in dests:
        try:
            dest.unlink()
        except FileNotFoundError:
            continue
        folder = dest.parent
        if dest.name == "index.html":
            try:
                folder.rmdir()  # empty now, unless a page in another language is inside
            except OSError:
                log.debug("kept %s", folder)
