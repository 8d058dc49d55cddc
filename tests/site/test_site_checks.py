"""The checks across pages (``site/site_checks.py``), on page records as a check or a
build makes them: what a draft article's page shows or numbers does not count (``serve``
renders drafts; a build leaves them out)."""

from __future__ import annotations

import pytest

from explainers.data.diagnostics import Report
from explainers.data.drafts import Rules
from explainers.data.model import Claim, Pos, Site, Source
from explainers.page.page_record import PageRecord
from explainers.site.site_checks import check_across_pages

UNCITED = "source 's' is not cited anywhere (no article, evidence item or appearance)"
UNSHOWN = "claim 'c' is not shown anywhere (no published article boxes or mentions it)"


def page(uri: str, claims: list[str], cited: list[str], draft: bool = False) -> PageRecord:
    return PageRecord(uri, "content/" + uri, "en", uri, claims=claims, cited=cited, draft=draft)


CASES = {
    "no pages": ([], Rules(), [UNCITED, UNSHOWN]),
    "a page shows and numbers them": ([page("a.md", ["c"], ["s"])], Rules(), []),
    "only a draft does": ([page("a.md", ["c"], ["s"], draft=True)], Rules(), [UNCITED, UNSHOWN]),
    "a draft and a page": (
        [page("a.md", ["c"], ["s"], draft=True), page("b.md", [], ["s"])],
        Rules(),
        [UNSHOWN],
    ),
    "claims may stand alone": ([], Rules(standalone_claims=True), [UNCITED]),
}


@pytest.mark.parametrize("pages, rules, expected", CASES.values(), ids=CASES)
def test_what_pages_show_and_number_across_the_site(
    pages: list[PageRecord], rules: Rules, expected: list[str]
) -> None:
    at = Pos("content/data.yml", 3, 7)
    site = Site(sources={"s": Source("s", "S", at)}, claims={"c": Claim("c", "C.", "false", at)})
    report = Report()
    check_across_pages(site, pages, rules, report)
    assert [d.message for d in report.sorted()] == sorted(expected)
    assert all(d.severity == "warning" and d.path == "content/data.yml" for d in report.items)
