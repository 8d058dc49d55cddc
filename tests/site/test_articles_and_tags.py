"""``::articles`` ordering and dates, and the claim tags an article takes (unit level; the
built site is tests/hosts/mkdocs/test_newsroom.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from explainers.data.load import load_site
from explainers.site import claim_tags
from explainers.site.articles import Article, front_date, is_landing_page, newest_first

from helpers import FIXTURES

NEWSROOM = FIXTURES / "newsroom"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 3, 1), "2025-03-01"),
        (dt.datetime(2025, 3, 1, 12, 30), "2025-03-01"),
        ({"created": dt.date(2025, 2, 1), "updated": dt.date(2025, 4, 1)}, "2025-02-01"),
        ("2025-03", "2025-03"),
        (" 2025 ", "2025"),
        ("soon", ""),
        (None, ""),
        (20250301, ""),
    ],
)
def test_front_date(value: object, expected: str) -> None:
    assert front_date(value) == expected


def test_newest_first_partial_dates_undated_last_and_boxless_in() -> None:
    """Every article is listed, whether or not it boxes a claim (the contract's list of
    the site's published articles)."""
    pages = [
        Article("Undated", "u/", "", boxed=("a",)),
        Article("Day", "d/", "2025-03-02", boxed=("a",)),
        Article("Month", "m/", "2025-03", boxed=("a",)),
        Article("Year", "y/", "2024", boxed=("a",)),
        Article("No boxes", "n/", "2026-01-01"),
        Article("Also day", "a/", "2025-03-02", boxed=("a",)),
    ]
    assert [a.title for a in newest_first(pages)] == [
        "No boxes",
        "Also day",
        "Day",
        "Month",
        "Year",
        "Undated",
    ]


@pytest.fixture(scope="module")
def site():  # type: ignore[no-untyped-def]
    loaded = load_site(NEWSROOM, NEWSROOM / "content/claims", NEWSROOM / "content/sources", None)
    return loaded.site


@pytest.mark.parametrize(
    ("own", "markdown", "expected"),
    [
        (None, "::claim[rising]\n", ["crime", "statistics"]),
        (["crime"], "::claim[rising]\n", ["crime", "statistics"]),  # own first, no repeats
        ("local", "::claim[founded]\n", ["local", "history"]),  # a single tag as text
        (["crime", "statistics"], "::claim[rising]\n", None),  # nothing new: left alone
        (None, "Only a mention :claim[rising].\n", None),  # mentions add nothing
        (None, "::claim[budget]\n", None),  # an untagged claim
        (None, "```\n::claim[rising]\n```\n", None),  # code is not a box
        (None, "::claim[unknown]\n", None),
    ],
)
def test_page_tags(site, own: object, markdown: str, expected: list[str] | None) -> None:  # type: ignore[no-untyped-def]
    assert claim_tags.page_tags(own, markdown, site) == expected


@pytest.mark.parametrize(
    ("src_uri", "landing"),
    [
        ("index.md", True),
        ("blog/index.md", True),
        ("guide/README.md", True),
        ("index.nb.md", True),  # mkdocs-static-i18n's suffix layout
        ("nb/index.md", True),  # ... and its folder layout
        ("en/bridge.md", False),
        ("en/indexing.md", False),
    ],
)
def test_landing_pages(src_uri: str, landing: bool) -> None:
    """A folder's landing page is listed by ``::articles`` only when it boxes a claim."""
    assert is_landing_page(src_uri) is landing
