"""What the whole-site steps know of one article: one record per page, whoever made it.

``explainers check`` makes it from the article's file and the references a render of
it found (:func:`.article_check.validate_page`); a build, from the page its host just
rendered (:meth:`explainers.site.build.SiteBuild.page_rendered`). Both then read the
same fields: which pages show and number what
(:meth:`explainers.site.indexes.SiteIndex.of_records`) and the checks across pages
(:mod:`explainers.site.site_checks`), so check and build cannot count them apart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..data.diagnostics import Report
from ..data.model import Site
from .positions import Ref

log = logging.getLogger(__name__)


@dataclass
class PageRecord:
    """One article: kept by ``check`` for the site's steps, by a build across ``serve
    --dirty`` rebuilds."""

    src_uri: str  # its path under docs_dir
    path: str  # its file, as messages name it
    lang: str
    title: str
    #: ``check``: its references with their positions (a build checks them as the page
    #: renders and keeps only what they show, below)
    refs: list[Ref] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # front matter, every scalar a string
    url: str | None = None  # site-relative, where a host has told it (a build)
    #: the claims it shows (boxes or mentions) and the sources it numbers (citations,
    #: post cards, the evidence of the claims it boxes), in first-seen order
    claims: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)  # a build: its own problems
    draft: bool = False  # only under serve: a build leaves draft articles out
    #: for ``::articles``: front matter date and description, the claims the page boxes
    date: str = ""
    description: str = ""
    boxed: list[str] = field(default_factory=list)
    lists_articles: bool = False  # the page holds ``::articles``
    listed: bool = True  # front matter ``listed: false`` keeps it out of ``::articles``


def shown_and_numbered(refs: Iterable[Ref], site: Site) -> tuple[list[str], list[str]]:
    """(claims shown, sources numbered) by a page with these references, as the extension
    numbers them: a claim it boxes or mentions; a source by a citation, a post card or
    the evidence of a claim boxed there. Ids the data does not know are left out (the
    check reports them)."""
    claims: dict[str, None] = {}
    sources: dict[str, None] = {}
    for ref in refs:
        if ref.kind in ("cite", "post") and ref.id in site.sources:
            sources.setdefault(ref.id)
        elif ref.kind in ("claim", "mention") and ref.id in site.claims:
            claims.setdefault(ref.id)
            if ref.kind == "claim":
                for item in site.claims[ref.id].evidence:
                    if item.source in site.sources:
                        sources.setdefault(item.source)
    return list(claims), list(sources)
