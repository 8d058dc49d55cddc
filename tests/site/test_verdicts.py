"""Verdicts that machines can read: ClaimReview dates and one home per claim, the two
feeds, the automatic "Updated" note, and the warning for a claim without history.

The fixture site (``fixtures/verdicts``) has one claim whose verdict changed after
the articles' date (``rising``), one only mentioned (``settled``), one whose change
predates them (``other``), and an article with two corrections on one day.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from explainers.data.load import load_site
from explainers.site import feeds

from helpers import FIXTURES
from sitebuild import build, log_lines

SITE = FIXTURES / "verdicts"
URL = "https://verdicts.example.org/"


def built(tmp: Path, claim_pages: bool = True) -> Path:
    root = tmp / "src"
    shutil.copytree(SITE, root)
    if not claim_pages:
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text("utf-8").replace(
                "publisher: Fixture Desk", "publisher: Fixture Desk\n      claim_pages: false"
            ),
            "utf-8",
        )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log_lines(result, "WARNING") == []
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("verdicts"))


@pytest.fixture(scope="module")
def site_without_claim_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("verdicts-flat"), claim_pages=False)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def full_reviews(site: Path) -> dict[str, list[str]]:
    """Claim review @id -> the pages that publish it in full."""
    found: dict[str, list[str]] = {}
    for html in sorted(site.rglob("*.html")):
        page = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for data in json_ld(page):
            if data.get("@type") == "ClaimReview":
                found.setdefault(data["@id"], []).append(str(html.relative_to(site)))
    return found


@pytest.mark.build
def test_claim_page_holds_the_one_full_review(site: Path) -> None:
    (review,) = json_ld(soup(site, "claims/rising"))
    assert review["@type"] == "ClaimReview"
    assert review["@id"] == f"{URL}claims/rising/#claim-rising"
    assert review["url"] == review["@id"]
    assert review["datePublished"] == "2025-01-10"  # first history date
    assert review["dateModified"] == "2025-03-20"  # reviewed, later than the last change
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Partly confirmed"}
    assert full_reviews(site) == {
        f"{URL}claims/{c}/#claim-{c}": [f"claims/{c}/index.html"]
        for c in ("other", "rising", "settled")
    }


@pytest.mark.build
def test_articles_refer_to_the_review_by_id(site: Path) -> None:
    assert json_ld(soup(site, "en/report")) == [
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "url": f"{URL}en/report/",
            "mentions": [
                {"@id": f"{URL}claims/rising/#claim-rising"},
                {"@id": f"{URL}claims/other/#claim-other"},
            ],
        }
    ]


@pytest.mark.build
def test_without_claim_pages_the_first_box_is_home(site_without_claim_pages: Path) -> None:
    site = site_without_claim_pages
    assert full_reviews(site) == {
        f"{URL}en/report/#claim-other": ["en/report/index.html"],
        f"{URL}en/report/#claim-rising": ["en/report/index.html"],
    }
    assert json_ld(soup(site, "nb/rapport")) == [
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "url": f"{URL}nb/rapport/",
            "mentions": [{"@id": f"{URL}en/report/#claim-rising"}],
        }
    ]
    data = json.loads((site / "claimreviews.json").read_text("utf-8"))
    assert [e["item"][0]["@id"] for e in data["dataFeedElement"]] == [
        f"{URL}en/report/#claim-other",
        f"{URL}en/report/#claim-rising",
    ]


@pytest.mark.build
def test_claimreviews_feed(site: Path) -> None:
    data = json.loads((site / "claimreviews.json").read_text("utf-8"))
    assert data["@type"] == "DataFeed"
    assert data["url"] == f"{URL}claimreviews.json"
    assert data["dateModified"] == "2025-03-20"
    reviews = [element["item"][0] for element in data["dataFeedElement"]]
    assert [r["@type"] for r in reviews] == ["ClaimReview"] * 3
    assert [(r["@id"], r["datePublished"], r["dateModified"]) for r in reviews] == [
        (f"{URL}claims/other/#claim-other", "2024-11-02", "2024-12-24"),
        (f"{URL}claims/rising/#claim-rising", "2025-01-10", "2025-03-20"),
        (f"{URL}claims/settled/#claim-settled", "2024-12-01", "2025-02-10"),
    ]
    for element, review in zip(data["dataFeedElement"], reviews, strict=True):
        assert element["@type"] == "DataFeedItem"
        assert element["dateCreated"] == review["datePublished"]
    # the feed holds the same review the claim page publishes
    assert reviews[1] == json_ld(soup(site, "claims/rising"))[0]


@pytest.mark.build
def test_atom_feed(site: Path) -> None:
    feed = feedparser.parse((site / "verdicts.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.updated == "2025-03-05T00:00:00Z"
    got = [(e.id, e.updated[:10], e.link) for e in feed.entries]
    claim = f"{URL}claims"
    assert got == [
        (
            f"{claim}/rising/#history-2025-03-05-partly-confirmed",
            "2025-03-05",
            f"{claim}/rising/#history-rising",
        ),
        (
            f"{claim}/settled/#history-2025-02-10-confirmed",
            "2025-02-10",
            f"{claim}/settled/#history-settled",
        ),
        (f"{URL}en/report/#correction-2025-02-01-2", "2025-02-01", f"{URL}en/report/"),
        (f"{URL}en/report/#correction-2025-02-01", "2025-02-01", f"{URL}en/report/"),
        (
            f"{claim}/rising/#history-2025-01-10-unconfirmed",
            "2025-01-10",
            f"{claim}/rising/#history-rising",
        ),
        (f"{claim}/other/#history-2024-12-24-false", "2024-12-24", f"{claim}/other/#history-other"),
        (
            f"{claim}/settled/#history-2024-12-01-unconfirmed",
            "2024-12-01",
            f"{claim}/settled/#history-settled",
        ),
        (
            f"{claim}/other/#history-2024-11-02-unconfirmed",
            "2024-11-02",
            f"{claim}/other/#history-other",
        ),
    ]
    assert feed.entries[0].title == (
        "Verdict: Unconfirmed → Partly confirmed: Incidents rose tenfold in a year."
    )
    assert feed.entries[0].summary == "The agency published its table."


@pytest.mark.build
def test_feeds_are_linked_from_every_page(site: Path) -> None:
    for path, prefix in [("", ""), ("en/report", "../../"), ("claims/rising", "../../")]:
        links = soup(site, path).select('head link[rel="alternate"]')
        assert [(link["type"], link["href"]) for link in links] == [
            ("application/atom+xml", prefix + "verdicts.atom"),
            ("application/ld+json", prefix + "claimreviews.json"),
        ], path


@pytest.mark.build
def test_feeds_are_deterministic(site: Path, tmp_path: Path) -> None:
    again = built(tmp_path)
    for name in (feeds.ATOM_FEED, feeds.REVIEWS_FEED):
        assert (again / name).read_bytes() == (site / name).read_bytes()


@pytest.mark.build
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "en/report",
            "Updated March 5, 2025: the verdict on “Incidents rose tenfold in a year.” "
            "changed from ? Unconfirmed to ◐ Partly confirmed",
        ),
        (
            "nb/rapport",
            "Oppdatert 5. mars 2025: vurderingen av «Incidents rose tenfold in a year.» "
            "ble endret fra ? Ubekreftet til ◐ Delvis bekreftet",
        ),
    ],
)
def test_updated_note_after_the_byline(site: Path, path: str, expected: str) -> None:
    page = soup(site, path)
    notes = page.select("[data-verdict-updates] li")[:1]
    assert [" ".join(n.get_text().split()) for n in notes] == [expected]
    assert notes[0]["data-claim-update"] == "rising"
    assert notes[0].a["href"] == "#history-rising"
    assert page.select_one("#history-rising").name == "details"
    byline = page.select_one(".xp-byline")
    assert byline.find_next_sibling() is page.select_one("[data-verdict-updates]")


@pytest.mark.build
def test_note_for_a_mentioned_claim_links_to_its_page(site: Path) -> None:
    """``other`` changed before the page's date: no note; ``settled`` is only mentioned."""
    page = soup(site, "en/report")
    notes = page.select("[data-claim-update]")
    assert [li["data-claim-update"] for li in notes] == ["rising", "settled"]
    assert notes[1].a["href"] == "../../claims/settled/#history-settled"
    target = soup(site, "claims/settled").select_one("#history-settled")
    assert target is not None and target.name == "details"


def test_claim_without_history_warns(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.yml").write_text("sources:\n  - id: a\n    title: A\n")
    (tmp_path / "claims" / "c.yml").write_text(
        "claims:\n  - id: x\n    claim: X.\n    status: confirmed\n"
    )
    loaded = load_site(tmp_path, tmp_path / "claims", tmp_path / "sources")
    assert [str(d) for d in loaded.report.sorted()] == [
        "claims/c.yml:2:5: warning: claim 'x' has no 'history': add a history entry "
        "with the date it was first published"
    ]


@pytest.mark.build
def test_matrix_cell_holds_every_stance_in_evidence_order(site: Path) -> None:
    matrix = soup(site, "en/report").select_one("[data-matrix]")
    assert [th["data-source"] for th in matrix.select("th[data-source]")] == [
        "agency-report",
        "paper-story",
        "founding-act",
    ]
    rows = {
        tr["data-claim"]: [td["data-stance"] for td in tr.select("td")]
        for tr in matrix.select("tr[data-claim]")
    }
    assert rows == {
        "rising": ["supports context", "contradicts", ""],
        "other": ["", "context", "contradicts"],
    }
