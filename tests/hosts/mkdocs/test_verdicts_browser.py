"""Readers in a real browser, on the verdicts fixture site: a tap on a citation shows
Material's preview and a second tap follows it, Escape closes a preview, a printed
page holds the source URLs and the verdict's history, and the matrix fits a phone."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import browser_page, serve
from helpers import FIXTURES
from sitebuild import build

pytestmark = pytest.mark.browser

PREVIEW = ".md-tooltip2--active"


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
