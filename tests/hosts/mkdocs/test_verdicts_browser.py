"""Readers in a real browser, on the verdicts fixture site: a tap on a citation shows
Material's preview and a second tap follows it, Escape closes a preview, a printed
page holds the source URLs and the verdict's history, and the matrix fits a phone: one
20 sources wide (``fixtures/matrix/wide``) scrolls inside its own box, never the page."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import axe_violations, browser_page, serve
from helpers import FIXTURES
from sitebuild import build

pytestmark = [pytest.mark.build, pytest.mark.browser]

PREVIEW = ".md-tooltip2--active"
#: the narrowest phones in use, and the most common width
PHONES = [320, 375]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verdicts-browser") / "src"
    shutil.copytree(FIXTURES / "verdicts", root)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@contextlib.contextmanager
def phone() -> Iterator[object]:
    """A page in a touch-screen context 375 px wide."""
    with browser_page(
        viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True
    ) as page:
        yield page


def test_tap_shows_preview_second_tap_follows(site: Path) -> None:
    with serve(site) as base, phone() as page:
        page.goto(base + "en/report/", wait_until="load")
        cite = page.locator("p a[data-cite='agency-report']").first
        cite.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        cite.tap()
        preview = page.locator(PREVIEW).filter(has_text="Annual incident report")
        preview.first.wait_for(state="visible", timeout=5000)
        assert page.evaluate("location.hash") == ""  # the first tap stays put
        cite.tap()
        page.wait_for_function("location.hash === '#source-agency-report'", timeout=5000)


def test_escape_closes_the_preview(site: Path) -> None:
    with serve(site) as base, phone() as page:
        page.goto(base + "en/report/", wait_until="load")
        cite = page.locator("p a[data-cite='paper-story']").first
        page.wait_for_timeout(300)
        cite.tap()
        page.locator(PREVIEW).first.wait_for(state="visible", timeout=5000)
        page.keyboard.press("Escape")
        page.wait_for_function(f"document.querySelectorAll('{PREVIEW}').length === 0", timeout=5000)
        assert page.evaluate("location.hash") == ""


def test_matrix_fits_a_phone(site: Path) -> None:
    with serve(site) as base, phone() as page:
        page.goto(base + "en/report/", wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375
        box = page.locator("[data-matrix]").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wide-matrix") / "src"
    shutil.copytree(FIXTURES / "matrix" / "wide", root)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def sideways(page: object) -> int:
    """How far the page scrolls sideways (0: not at all)."""
    return page.evaluate(  # type: ignore[attr-defined]
        "Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)"
    )


@pytest.mark.parametrize("width", PHONES)
def test_a_wide_matrix_scrolls_in_its_box_not_the_page(wide: Path, width: int) -> None:
    with serve(wide) as base, browser_page(viewport={"width": width, "height": 700}) as page:
        page.goto(base + "en/wide/", wait_until="load")
        assert page.locator("[data-matrix] thead th[data-source]").count() == 20
        assert sideways(page) == 0
        scroller = page.locator("[data-matrix] [role=region]")
        # the table is wider than the phone: its box scrolls, and a keyboard reaches it
        assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
        assert scroller.get_attribute("tabindex") == "0"
        assert scroller.evaluate(
            "e => (document.getElementById(e.getAttribute('aria-labelledby')) || {}).textContent"
        )
        scroller.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "document.querySelector('[data-matrix] [role=region]').scrollLeft > 0", timeout=5000
        )
        assert sideways(page) == 0
        assert [v["id"] for v in axe_violations(page, "'[data-matrix]'")] == []


@pytest.mark.parametrize("width", PHONES)
def test_no_fixture_page_scrolls_sideways_on_a_phone(site: Path, wide: Path, width: int) -> None:
    wider = []
    with browser_page(viewport={"width": width, "height": 700}) as page:
        for folder in (site, wide):
            with serve(folder) as base:
                for path in sorted(folder.rglob("index.html")):
                    url = path.parent.relative_to(folder).as_posix() + "/"
                    page.goto(base + ("" if url == "./" else url), wait_until="load")
                    if sideways(page):
                        wider.append((url, sideways(page)))
    assert wider == []


def test_a_locators_markdown_shows_rendered_and_its_preview_works(wide: Path) -> None:
    """Emphasis in a locator (the text's and a box's) is emphasis, no asterisks; hovering
    it shows Material's preview of the source like any citation."""
    with serve(wide) as base, browser_page() as page:
        page.goto(base + "en/wide/", wait_until="load")
        text = page.locator("p a[data-cite='source-01']").first
        assert text.inner_text() == "[1, pp. 33-35, 38-39 and passim]"
        box = page.locator(".xp-claim a[data-cite='source-02']").first
        assert box.locator("strong").inner_text() == "4"
        assert "*" not in box.inner_text()
        page.wait_for_timeout(300)
        text.locator("em").hover()
        preview = page.locator(PREVIEW).filter(has_text="Report number 1 on the matter")
        preview.first.wait_for(state="visible", timeout=5000)


def test_print_shows_urls_and_history(site: Path) -> None:
    with serve(site) as base, browser_page() as page:
        page.goto(base + "en/report/", wait_until="load")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "[...document.querySelectorAll('.md-header, .md-sidebar, .md-footer')]"
            ".filter(e => getComputedStyle(e).display !== 'none').length"
        )
        assert hidden == 0  # no navigation chrome on paper
        pdf = page.pdf(format="A4")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = re.sub(r"\s+", "", text)
    for url in (
        "https://agency.example.org/reports/annual-incident-report-2025.pdf",
        "https://paper.example.com/2025/01/08/counting-changed",
        "https://archive.example.net/web/2025/paper.example.com/counting-changed",
        "https://laws.example.org/agency-act",
    ):
        assert url in flat, url
    assert "Theagencypublisheditstable." in flat  # the folded history prints open
