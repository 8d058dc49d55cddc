"""The claims index as an archive readers narrow, in a real browser: the filter, its state
in the URL, Back, JavaScript off, the keyboard, axe, instant navigation, ``file://``, and
a 10,000-claim archive's size and time to its first filtered view (printed, not asserted).
The sites come from benchmarks/claims_archive.py, which also gives the expected counts."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser import browser_page, serve
from sitebuild import REPO, build

sys.path.insert(0, str(REPO / "benchmarks"))

from bench_claims import measure, report
from claims_archive import make_archive

pytestmark = pytest.mark.browser
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

N = 60  # more than the index shows (50): the one-page list and "Show more" are made
COUNT = ".xp-claims-count"
ENTRIES = ".xp-claims-list > li"

Claim = dict[str, Any]


def built(root: Path, n: int) -> tuple[Path, list[Claim]]:
    claims = make_archive(root, n)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site", claims


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Claim]]:
    return built(tmp_path_factory.mktemp("archive") / "src", N)


def count(claims: list[Claim], test: Callable[[Claim], bool]) -> int:
    return sum(1 for c in claims if test(c))


def number(page: Any) -> str:
    return str(page.locator(COUNT).text_content())


# Each case: the query, and which claims it keeps.
CASES: list[tuple[str, Callable[[Claim], bool]]] = [
    ("verdict=false", lambda c: c["status"] == "false"),
    ("claimant=speaker+06", lambda c: c["claimant"] == "Speaker 06"),
    ("from=2025-01-01&to=2025-06-30", lambda c: "2025-01-01" <= c["date"] <= "2025-06-30"),
    ("tag=health", lambda c: "health" in c["tags"]),
    ("lang=nb", lambda c: c["lang"] == "nb"),
    (
        "verdict=disputed&tag=energy&lang=en",
        lambda c: (c["status"], c["lang"]) == ("disputed", "en") and "energy" in c["tags"],
    ),
]


@pytest.mark.parametrize(("query", "keeps"), CASES, ids=[q for q, _ in CASES])
def test_a_url_with_a_filter_shows_its_matches(
    archive: tuple[Path, list[Claim]], query: str, keeps: Callable[[Claim], bool]
) -> None:
    site, claims = archive
    expected = count(claims, keeps)
    assert 1 < expected < 50  # a case that narrows, within one page
    with serve(site) as base, browser_page() as page:
        page.goto(base + "claims/?" + query, wait_until="load")
        page.wait_for_function(f"document.querySelector('{COUNT}').textContent.includes('match')")
        assert number(page) == f"{expected} claims match."
        assert page.locator(ENTRIES).count() == expected
        for name, value in (pair.split("=") for pair in query.split("&")):
            assert page.input_value(f"[name={name}]") == value.replace("+", " ")


def test_choosing_filters_writes_the_url_and_back_undoes_them(
    archive: tuple[Path, list[Claim]],
) -> None:
    site, claims = archive
    false = count(claims, lambda c: c["status"] == "false")
    false_health = count(claims, lambda c: c["status"] == "false" and "health" in c["tags"])
    with serve(site) as base, browser_page() as page:
        page.goto(base + "claims/", wait_until="load")
        assert number(page) == f"The newest 50 of {N} claims."
        page.select_option("select[name=verdict]", "false")
        page.wait_for_url("**/claims/?verdict=false")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === '{false} claims match.'"
        )
        badges = page.locator(f"{ENTRIES} .xp-badge").evaluate_all(
            "e => e.map(b => b.dataset.status)"
        )
        assert set(badges) == {"false"} and len(badges) == false
        page.select_option("select[name=tag]", "health")
        page.wait_for_url("**/claims/?verdict=false&tag=health")
        assert page.locator(ENTRIES).count() == false_health
        page.go_back()
        page.wait_for_url("**/claims/?verdict=false")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === '{false} claims match.'"
        )
        assert page.input_value("select[name=tag]") == ""
        page.go_back()
        page.wait_for_url("**/claims/")
        # Material's instant navigation may fetch the page again on Back, or leave the
        # script's list: either way the reader sees the same words and entries.
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === 'The newest 50 of {N} claims.'"
            f" && document.querySelectorAll('{ENTRIES}').length === 50"
        )
        assert page.input_value("select[name=verdict]") == ""


# Entries as HTML, their links absolute (instant navigation makes the page's own so).
ABSOLUTE = (
    "e => e.map(li => { const c = li.cloneNode(true);"
    " c.querySelectorAll('a').forEach(a => a.setAttribute('href', a.href)); return c.outerHTML; })"
)


def test_an_entry_shows_badge_claimant_date_and_articles(
    archive: tuple[Path, list[Claim]],
) -> None:
    """The entries the script makes are the entries the page was built with."""
    site, claims = archive
    with serve(site) as base, browser_page() as page:
        page.goto(base + "claims/", wait_until="load")
        built_html = page.locator(ENTRIES).evaluate_all(ABSOLUTE)
        page.locator("input[name=claimant]").focus()  # loads every claim
        page.select_option("select[name=verdict]", "")  # an unfiltered list, made by the script
        page.locator(".xp-claims-more__button").click()
        page.wait_for_function(f"document.querySelectorAll('{ENTRIES}').length === {N}")
        made = page.locator(ENTRIES).evaluate_all(ABSOLUTE)
        assert made[:50] == built_html
        boxed = page.locator(f"{ENTRIES}:has(a[data-claim='{claims[0]['id']}'])")
        assert boxed.locator(".xp-badge").get_attribute("data-status") == claims[0]["status"]
        meta = str(boxed.locator(".xp-claim-entry__meta").text_content())
        assert meta.startswith(f"Claimed by {claims[0]['claimant']} · ")
        assert boxed.locator("time").get_attribute("datetime") == claims[0]["date"]
        assert boxed.locator(".xp-claim-entry__meta a").evaluate_all("e => e.map(a => a.href)") == [
            base + "en/report/",
            base + "nb/rapport/",
        ]


def test_without_javascript_the_newest_show_and_a_link_leads_to_all(
    archive: tuple[Path, list[Claim]],
) -> None:
    site, claims = archive
    newest = sorted(claims, key=lambda c: (c["date"], c["id"]), reverse=True)
    with serve(site) as base, browser_page(java_script_enabled=False) as page:
        page.goto(base + "claims/", wait_until="load")
        assert not page.locator("form.xp-claims-filter").is_visible()
        ids = page.locator(f"{ENTRIES} a[data-claim]").evaluate_all(
            "e => e.map(a => a.dataset.claim)"
        )
        assert len(ids) == 50
        assert set(ids) == {c["id"] for c in newest[:50]}
        page.get_by_role("link", name=f"All {N} claims on one page").click()
        page.wait_for_url("**/claims/full_list/")
        ids = page.locator(f"{ENTRIES} a[data-claim]").evaluate_all(
            "e => e.map(a => a.dataset.claim)"
        )
        assert sorted(ids) == sorted(c["id"] for c in claims)
        first = page.locator(f"{ENTRIES} a[data-claim]").first
        first.click()
        page.wait_for_url(f"**/claims/{ids[0]}/")


def test_from_a_file_url(archive: tuple[Path, list[Claim]]) -> None:
    """No server: the data file is a script, which file:// loads where fetch would fail."""
    site, claims = archive
    expected = count(claims, lambda c: c["lang"] == "nb")
    with browser_page() as page:
        page.goto((site / "claims" / "index.html").as_uri() + "?lang=nb", wait_until="load")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === '{expected} claims match.'"
        )
        page.select_option("select[name=lang]", "en")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent.startsWith('{N - expected} claims')"
        )


def test_the_keyboard_reaches_and_works_the_filter(archive: tuple[Path, list[Claim]]) -> None:
    site, claims = archive
    with serve(site) as base, browser_page() as page:
        page.goto(base + "claims/", wait_until="load")
        assert page.locator(COUNT).get_attribute("aria-live") == "polite"
        assert page.locator(COUNT).get_attribute("role") == "status"
        page.locator("h1 a.headerlink").focus()  # start from the title's permalink
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "verdict"
        page.keyboard.press("ArrowDown")  # the first verdict in the scale
        first = page.input_value("select[name=verdict]")
        expected = count(claims, lambda c: c["status"] == first)
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === '{expected} claims match.'"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "claimant"
        page.keyboard.type("Speaker 1")
        both = count(
            claims, lambda c: c["status"] == first and c["claimant"].startswith("Speaker 1")
        )
        page.wait_for_function("location.search.includes('claimant=Speaker+1')")
        assert number(page) == (f"{both} claims match." if both != 1 else "1 claim matches.")
        # Clear filters is a button in the form; Enter on it clears every field
        page.locator("form.xp-claims-filter button[type=reset]").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === 'The newest 50 of {N} claims.'"
        )
        assert page.evaluate("location.search") == ""
        # Show more: the next entries, with the focus on the first of them
        page.locator(".xp-claims-more__button").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelectorAll('{ENTRIES}').length === {N}")
        focused = page.evaluate(
            "document.activeElement.closest('li') === document.querySelectorAll('.xp-claims-list > li')[50]"
        )
        assert focused
        assert not page.locator(".xp-claims-more__button").is_visible()


def test_axe_finds_nothing_serious(archive: tuple[Path, list[Claim]]) -> None:
    site, _ = archive
    failures = []
    with serve(site) as base, browser_page() as page:
        for path in (
            "claims/",
            "claims/?verdict=false&tag=health",
            "claims/?verdict=confirmed&lang=xx",
            "claims/full_list/",
        ):
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(200)
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
            )
            failures += [(path, v) for v in found if v["impact"] in ("serious", "critical")]
    assert failures == []


def test_instant_navigation_to_the_index_and_away_and_back(
    archive: tuple[Path, list[Claim]],
) -> None:
    site, claims = archive
    false = count(claims, lambda c: c["status"] == "false")
    with serve(site) as base, browser_page() as page:
        page.goto(base, wait_until="load")
        page.locator("nav a[href$='claims/']").first.click()
        page.wait_for_url("**/claims/")
        page.locator("form.xp-claims-filter").wait_for(state="visible")
        page.select_option("select[name=verdict]", "false")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === '{false} claims match.'"
        )
        page.locator("nav a[href$='en/report/']").first.click()
        page.wait_for_url("**/en/report/")
        page.go_back()
        page.wait_for_url("**/claims/?verdict=false")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent === '{false} claims match.'"
        )
        assert page.locator("form.xp-claims-filter").count() == 1


def test_ten_thousand_claims_first_screen_and_first_filter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The index holds 50 entries; the data file comes only with the first filter. The
    figures are printed (``make bench-claims`` prints them too); the first screen's size
    is held to the issue's aim, times are never asserted."""
    started = time.perf_counter()
    site, claims = built(tmp_path / "big", 10_000)
    build_s = time.perf_counter() - started
    figures = measure(site, claims)
    with capsys.disabled():
        print("\n" + report(10_000, figures, build_s))
    assert figures["shown"] == 50
    fetched = [name for name, _ in figures["first_screen"]]
    assert "claims/index.html" in fetched
    assert "claims/claims-data.js" not in fetched  # not before a reader needs it
    assert figures["first_screen_gz"] < 200_000
    false = f"{figures['false']:,}".replace(",", "\u202f")
    assert figures["status"] == f"{false} claims match. Showing 50 of {false}."
