"""The checks that need every page of the site, run once the pages are known.

``explainers check`` (:func:`.check.check_all`) and a build (:meth:`.build.SiteBuild.problems`)
both end with :func:`check_across_pages` on their page records, so a new site-wide check
is added here and both report it, the same way (``tests/test_parity.py`` holds them to
it on every fixture site).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from ..data import drafts
from ..data.diagnostics import Report
from ..data.model import Site
from ..data.validation import check_unused
from ..page.page_record import PageRecord

log = logging.getLogger(__name__)


def check_across_pages(
    site: Site, pages: Iterable[PageRecord], rules: drafts.Rules, report: Report
) -> None:
    """Sources no page numbers and claims no page shows (a draft article's page does not
    count: a build leaves it out), and what ``rules`` say may publish; into ``report``."""
    cited: set[str] = set()
    shown: set[str] = set()
    for page in pages:
        if not page.draft:
            cited.update(page.cited)
            shown.update(page.claims)
    check_unused(site, cited, report)
    drafts.check_publication(site, shown, rules, report)
