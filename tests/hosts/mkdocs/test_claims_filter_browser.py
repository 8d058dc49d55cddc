"""The claims index as an archive readers narrow, in a real browser: the filter, its state
in the URL, Back, JavaScript off (every entry shows), the keyboard, axe, instant
navigation (and no flash of the hidden entries), ``file://``, and a 10,000-claim
archive's size and time to its first filtered view (printed, not asserted). The sites
come from benchmarks/claims_archive.py, which also gives the expected counts.

Every wait is for a state (the count's words, the entries shown, the URL), never for
time: Material's instant navigation may fetch the page again on Back, and the script
then sets up the new page; the tests accept either order."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser import axe_violations, browser_page, serious, serve
from sitebuild import REPO, build

sys.path.insert(0, str(REPO / "benchmarks"))

from bench_claims import READY, SHOWN, measure, report
from claims_archive import SITE_URL, make_archive

pytestmark = pytest.mark.browser

N = 60  # more than the script shows at first (50): "Show more" has entries to show
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


def shown(page: Any) -> list[str]:
    """The ids of the entries a reader sees, in order."""
    return list(page.evaluate(f"{SHOWN}.map(li => li.dataset.claim)"))


def wait_for(page: Any, words: str, entries: int | None = None) -> None:
    """Until the script has set the page up and says ``words`` (and shows ``entries``)."""
    test = f"document.querySelector('{READY}') && document.querySelector('{COUNT}').textContent === {words!r}"
    if entries is not None:
        test += f" && {SHOWN}.length === {entries}"
    page.wait_for_function(test)


def newest(claims: list[Claim]) -> list[str]:
    """The index's order: newest first, a day's claims by id."""
    by_id = sorted(claims, key=lambda c: c["id"])
    return [c["id"] for c in sorted(by_id, key=lambda c: c["date"], reverse=True)]


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
    expected = [i for i in newest(claims) if keeps(next(c for c in claims if c["id"] == i))]
    assert 1 < len(expected) < 50  # a case that narrows, within one page
    with serve(site) as base, browser_page() as page:
        page.goto(base + "claims/?" + query, wait_until="load")
        wait_for(page, f"{len(expected)} claims match.", len(expected))
        assert shown(page) == expected  # newest first, the page's own entries
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
        wait_for(page, f"The newest 50 of {N} claims.", 50)
        page.select_option("select[name=verdict]", "false")
        page.wait_for_url("**/claims/?verdict=false")
        wait_for(page, f"{false} claims match.", false)
        statuses = page.evaluate(f"{SHOWN}.map(li => li.dataset.status)")
        badges = page.evaluate(f"{SHOWN}.map(li => li.querySelector('.xp-badge').dataset.status)")
        assert set(statuses) == set(badges) == {"false"} and len(badges) == false
        page.select_option("select[name=tag]", "health")
        page.wait_for_url("**/claims/?verdict=false&tag=health")
        wait_for(page, f"{false_health} claims match.", false_health)
        page.go_back()
        page.wait_for_url("**/claims/?verdict=false")
        page.wait_for_function("document.querySelector('select[name=tag]').value === ''")
        wait_for(page, f"{false} claims match.", false)
        page.go_back()
        page.wait_for_url("**/claims/")
        # Material's instant navigation may fetch the page again on Back, or leave the
        # script's list: either way the reader sees the same words and entries.
        wait_for(page, f"The newest 50 of {N} claims.", 50)
        assert page.input_value("select[name=verdict]") == ""
        assert shown(page) == newest(claims)[:50]


def test_an_entry_shows_badge_claimant_date_and_articles(
    archive: tuple[Path, list[Claim]],
) -> None:
    """Show more reveals the page's own next entries, each with its hooks, verdict
    badge, claimant, date and the articles that show it."""
    site, claims = archive
    with serve(site) as base, browser_page() as page:
        page.goto(base + "claims/", wait_until="load")
        wait_for(page, f"The newest 50 of {N} claims.", 50)
        page.locator(".xp-claims-more__button").click()
        wait_for(page, f"{N} claims, newest first.", N)
        assert shown(page) == newest(claims)
        first = claims[0]
        boxed = page.locator(f"{ENTRIES}[data-claim='{first['id']}']")
        assert boxed.get_attribute("data-status") == first["status"]
        assert boxed.locator(".xp-badge").get_attribute("data-status") == first["status"]
        meta = str(boxed.locator(".xp-claim-entry__meta").text_content())
        assert meta.startswith(f"Claimed by {first['claimant']} · ")
        assert boxed.locator("time").get_attribute("datetime") == first["date"]
        assert boxed.locator(".xp-claim-entry__meta a").evaluate_all("e => e.map(a => a.href)") == [
            base + "en/report/",
            base + "nb/rapport/",
        ]


def test_without_javascript_every_entry_shows(archive: tuple[Path, list[Claim]]) -> None:
    """The content format: the index shows every entry when scripts do not run."""
    site, claims = archive
    with serve(site) as base, browser_page(java_script_enabled=False) as page:
        page.goto(base + "claims/", wait_until="load")
        assert not page.locator("form.xp-claims-filter").is_visible()
        assert page.locator(".xp-claims-more__button").count() == 0
        assert number(page) == f"{N} claims, newest first."
        entries = page.locator(ENTRIES)
        ids = [entries.nth(i).get_attribute("data-claim") for i in range(entries.count())]
        assert ids == newest(claims)
        assert page.locator(f"{ENTRIES}:visible").count() == N  # every one, not only there
        entries.last.locator("a").first.click()
        page.wait_for_url(f"**/claims/{ids[-1]}/")


def test_from_a_file_url(archive: tuple[Path, list[Claim]]) -> None:
    """No server and no fetch: the filter reads the page's own entries."""
    site, claims = archive
    expected = count(claims, lambda c: c["lang"] == "nb")
    with browser_page() as page:
        page.goto((site / "claims" / "index.html").as_uri() + "?lang=nb", wait_until="load")
        wait_for(page, f"{expected} claims match.", expected)
        page.select_option("select[name=lang]", "en")
        english = count(claims, lambda c: c["lang"] == "en")
        assert english == N - expected < 50
        wait_for(page, f"{english} claims match.", english)


def test_the_keyboard_reaches_and_works_the_filter(archive: tuple[Path, list[Claim]]) -> None:
    site, claims = archive
    with serve(site) as base, browser_page() as page:
        page.goto(base + "claims/", wait_until="load")
        wait_for(page, f"The newest 50 of {N} claims.", 50)
        assert page.locator(COUNT).get_attribute("aria-live") == "polite"
        assert page.locator(COUNT).get_attribute("role") == "status"
        page.locator("h1 a.headerlink").focus()  # start from the title's permalink
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "verdict"
        page.keyboard.press("ArrowDown")  # the first verdict in the scale
        first = page.input_value("select[name=verdict]")
        expected = count(claims, lambda c: c["status"] == first)
        wait_for(page, f"{expected} claims match.", expected)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "claimant"
        page.keyboard.type("Speaker 1")
        both = count(
            claims, lambda c: c["status"] == first and c["claimant"].startswith("Speaker 1")
        )
        page.wait_for_function("location.search.includes('claimant=Speaker+1')")
        wait_for(page, f"{both} claims match." if both != 1 else "1 claim matches.", both)
        # Clear filters is a button in the form; Enter on it clears every field
        page.locator("form.xp-claims-filter button[type=reset]").focus()
        page.keyboard.press("Enter")
        wait_for(page, f"The newest 50 of {N} claims.", 50)
        assert page.evaluate("location.search") == ""
        # Show more: the next entries, with the focus on the first of them
        page.locator(".xp-claims-more__button").focus()
        page.keyboard.press("Enter")
        wait_for(page, f"{N} claims, newest first.", N)
        focused = page.evaluate(f"document.activeElement.closest('li') === {SHOWN}[50]")
        assert focused
        assert not page.locator(".xp-claims-more__button").is_visible()


def test_axe_finds_nothing_serious(archive: tuple[Path, list[Claim]]) -> None:
    site, _ = archive
    failures = []
    with serve(site) as base, browser_page() as page:
        for path, words in (
            ("claims/", f"The newest 50 of {N} claims."),
            ("claims/?verdict=false&tag=health", None),
            ("claims/?verdict=confirmed&lang=xx", "No claim matches."),
        ):
            page.goto(base + path, wait_until="load")
            page.wait_for_selector(READY, state="attached")
            if words:
                wait_for(page, words)
            failures += [(path, v) for v in serious(axe_violations(page))]
    assert failures == []


def test_instant_navigation_to_the_index_and_away_and_back(
    archive: tuple[Path, list[Claim]],
) -> None:
    """Material swaps the index in and runs its script again: until the script has set
    the list up, the stylesheet shows the first 50 entries only (no flash of them all)."""
    site, claims = archive
    false = count(claims, lambda c: c["status"] == "false")
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    with serve(site) as base, browser_page() as page:
        # Material navigates instantly only to addresses in its sitemap, which it reads
        # with the site_url's host and the page's, but not the page's port: give it the
        # served site's addresses
        page.route(
            "**/sitemap.xml",
            lambda route: route.fulfill(
                body=sitemap.replace(SITE_URL, base), content_type="application/xml"
            ),
        )
        held: list[Any] = []  # the filter's script, held back while we look
        holding = [True]
        page.route(
            "**/claims-filter.js",
            lambda route: held.append(route) if holding[0] else route.continue_(),
        )
        for _ in range(5):
            with page.expect_response("**/sitemap.xml"):
                page.goto(base, wait_until="load")
            page.evaluate("window.xpSamePage = true")
            page.locator("nav a[href$='claims/']").first.click()
            page.wait_for_url("**/claims/", wait_until="commit")
            if page.evaluate("window.xpSamePage === true"):
                break  # Material's instant navigation
            # the click came before Material had read its sitemap: a full load; again
            holding[0] = False
            while held:
                held.pop().continue_()
            page.wait_for_load_state()
            holding[0] = True
        else:
            pytest.fail("Material's instant navigation never took the click")
        # Material injects the new content, then runs its scripts
        page.wait_for_function(f"document.querySelectorAll('{ENTRIES}').length === {N}")
        deadline = time.monotonic() + 30
        while not held and time.monotonic() < deadline:
            page.wait_for_timeout(20)  # until the route handler has the script's request
        assert held, "instant navigation did not run the index's script again"
        # the new content is in, its script not run: 50 entries show, of all 60
        assert page.evaluate(f"{SHOWN}.length") == 50
        assert page.locator(READY).count() == 0
        holding[0] = False
        held.pop().continue_()
        wait_for(page, f"The newest 50 of {N} claims.", 50)
        page.locator("form.xp-claims-filter").wait_for(state="visible")
        page.select_option("select[name=verdict]", "false")
        wait_for(page, f"{false} claims match.", false)
        page.locator("nav a[href$='en/report/']").first.click()
        page.wait_for_url("**/en/report/")
        page.go_back()
        page.wait_for_url("**/claims/?verdict=false")
        wait_for(page, f"{false} claims match.", false)
        assert page.locator("form.xp-claims-filter").count() == 1


def test_no_flash_of_every_entry_on_a_first_load(archive: tuple[Path, list[Claim]]) -> None:
    """The script comes before the list and marks the page, so the entries past 50 are
    hidden from the moment they are parsed: before Material's bundle (which marks the
    page "js" at the end of the body) has run, and before the script sets the list up."""
    site, _ = archive
    with serve(site) as base, browser_page() as page:
        page.add_init_script(
            "new MutationObserver((_, observer) => {"
            " const list = document.querySelector('.xp-claims-list');"
            " if (!list || list.children.length <= 50) return;"
            " observer.disconnect();"
            " window.xpSeen = {"
            "  shown: Array.from(list.children).filter(li => li.checkVisibility()).length,"
            f"  ready: !!document.querySelector('{READY}'),"
            "  materialRan: document.documentElement.classList.contains('js')};"
            "}).observe(document, {childList: true, subtree: true});"
        )
        page.goto(base + "claims/", wait_until="load")
        assert page.evaluate("window.xpSeen") == {"shown": 50, "ready": False, "materialRan": False}
        wait_for(page, f"The newest 50 of {N} claims.", 50)


def test_ten_thousand_claims_first_screen_and_first_filter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The index holds all 10,000 entries and shows 50; there is no data file. The
    figures are printed (``make bench-claims`` prints them too); sizes and times are
    never asserted (the first screen is over the issue's 200 kB aim: the content format
    asks for every entry without scripts)."""
    started = time.perf_counter()
    site, claims = built(tmp_path / "big", 10_000)
    build_s = time.perf_counter() - started
    figures = measure(site, claims)
    with capsys.disabled():
        print("\n" + report(10_000, figures, build_s))
    assert figures["shown"] == 50 and figures["entries"] == 10_000
    fetched = [name for name, _ in figures["first_screen"]]
    assert "claims/index.html" in fetched
    assert not (site / "claims" / "claims-data.js").exists()
    false = f"{figures['false']:,}".replace(",", "\u202f")
    assert figures["status"] == f"{false} claims match. Showing 50 of {false}."
    assert figures["nojs_shown"] == 10_000
