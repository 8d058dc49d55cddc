"""The reader fixture site in a real browser: no accessibility violations that axe rates serious or
critical, citation tooltips, and pages that keep working across instant navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import axe_violations, browser_page, serious, serve

PAGES = [
    "sources/",
    "",
    "en/bounties/",
    "en/twice/",
    "nb/dusorer/",
    "claims/",
    "claims/tiered-bounties/",
]

pytestmark = [pytest.mark.build, pytest.mark.browser]


def test_axe_finds_no_serious_violations(reader: Path) -> None:
    failures = []
    with serve(reader) as base, browser_page() as page:
        for path in PAGES:
            page.goto(base + path, wait_until="load")
            failures += [(path, v) for v in serious(axe_violations(page))]
    assert failures == []


def test_citation_tooltip_and_jump(reader: Path) -> None:
    with serve(reader) as base, browser_page() as page:
        page.goto(base + "en/bounties/", wait_until="load")
        cite = page.locator("a[data-cite]").first
        # instant navigation makes the link absolute
        assert (cite.get_attribute("href") or "").endswith("#source-mhs-report")
        target = "#source-mhs-report"
        page.wait_for_timeout(300)
        cite.hover()
        tooltip = page.locator(".md-tooltip2--active").filter(
            has_text="Homeland Threat Assessment 2026"
        )
        tooltip.first.wait_for(
            state="visible", timeout=5000
        )  # Material's footnote tooltip shows the source
        cite.click()
        page.wait_for_timeout(300)
        assert page.evaluate("location.hash") == target
        back = page.locator(f"{target} a.xp-source__back").first
        back.click()
        page.wait_for_timeout(300)
        assert page.evaluate("location.hash") == "#cite-mhs-report-1"


def test_instant_navigation_keeps_pages_working(reader: Path) -> None:
    with serve(reader) as base, browser_page() as page:
        page.goto(base, wait_until="load")
        page.locator("article a[href*='en/bounties']").first.click()
        page.wait_for_url("**/en/bounties/")
        page.wait_for_timeout(300)
        assert page.locator("[data-claim][id^=claim-]").count() == 5
        page.locator('a[data-claim-ref="drone-drops"]').first.click()
        page.wait_for_timeout(300)
        assert page.evaluate("location.hash") == "#claim-drone-drops"
