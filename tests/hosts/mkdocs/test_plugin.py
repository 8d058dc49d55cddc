"""``mkdocs build`` of the reader fixture site (``fixtures/sites/reader``), checked with a
real HTML parser: what readers and machines see, exactly. The demo is never built here."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainers.data.cache import FOLDER as CACHE_FOLDER

from helpers import SITES, hooks, index_entries, reader_view
from sitebuild import REPO, build

pytestmark = pytest.mark.build  # every test here starts a process

#: Every page of the built reader site that an editor's content or the plugin makes.
PAGES = [
    "",
    "en/bounties",
    "en/twice",
    "nb/dusorer",
    "claims",
    "claims/checkpoint-closures",
    "claims/drone-drops",
    "claims/ghost-fleet",
    "claims/officer-shot",
    "claims/rewards-doubled",
    "claims/tiered-bounties",
    "sources",
]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def reviews(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


def test_the_site_has_exactly_these_pages(reader: Path) -> None:
    found = sorted(p.relative_to(reader).parent.as_posix() for p in reader.rglob("index.html"))
    assert found == sorted(p if p else "." for p in PAGES)


def test_every_in_page_link_has_its_anchor(reader: Path) -> None:
    for file in html_pages(reader):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        ids = {tag["id"] for tag in soup.find_all(id=True)}
        for link in soup.find_all("a", href=True):
            href = link["href"]
            if href.startswith("#") and len(href) > 1:
                assert href[1:] in ids, f"{file.relative_to(reader)}: {href}"


def test_no_element_id_repeats_on_any_page(reader: Path) -> None:
    """A claim boxed on several pages and twice on one, a source cited in a box and in text."""
    repeated = {}
    for file in html_pages(reader):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        counts = Counter(tag["id"] for tag in soup.find_all(id=True))
        if twice := sorted(i for i, n in counts.items() if n > 1):
            repeated[file.relative_to(reader).as_posix()] = twice
    assert repeated == {}


def test_links_to_other_pages_exist(reader: Path) -> None:
    for file in html_pages(reader):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            href = link["href"]
            if "://" in href or href.startswith(("#", "mailto:")):
                continue
            target, _, anchor = href.partition("#")
            base = reader if target.startswith("/") else file.parent
            path = (base / target.lstrip("/")).resolve()
            if path.is_dir():
                path = path / "index.html"
            assert path.exists(), f"{file.relative_to(reader)}: {href}"
            if anchor and path.suffix == ".html":
                other = BeautifulSoup(path.read_text("utf-8"), "html.parser")
                assert other.find(id=anchor), f"{file.relative_to(reader)}: {href}"


@pytest.mark.parametrize("path", ["en/bounties", "nb/dusorer", "en/twice", "claims/drone-drops"])
def test_citations_link_to_their_source_list_entry(reader: Path, path: str) -> None:
    """Every citation links to an entry of the list; numbers are dense, follow first
    appearance, and every entry links back to exactly the spots that cite it."""
    soup = page(reader, path)
    cites = soup.select("a[data-cite]")
    items = soup.select("ol[data-sources] > li")
    ids = [li["data-source"] for li in items]
    number_of = {li["data-source"]: int(li["value"]) for li in items}
    assert [number_of[i] for i in ids] == list(range(1, len(ids) + 1))
    # A box numbers its evidence in evidence order but shows it grouped by stance: within
    # one box, take the citations in number order.
    walk: list[tuple[object, int, str]] = []
    for index, cite in enumerate(cites):
        box = cite.find_parent(attrs={"data-claim": True})
        key = id(box) if box is not None else ("text", index)
        walk.append((key, number_of[cite["data-cite"]], cite["data-cite"]))
    ordered: list[str] = []
    for key in dict.fromkeys(k for k, _, _ in walk):
        ordered += [s for _, _, s in sorted(w for w in walk if w[0] == key)]
    assert list(dict.fromkeys(ordered)) == ids
    spots: dict[str, list[str]] = {}
    for cite in cites:
        source = cite["data-cite"]
        assert cite["href"] == f"#source-{source}"
        assert cite.get_text().split(",")[0].strip("[]") == str(number_of[source])
        spots.setdefault(source, []).append("#" + cite["id"])
    for li in items:
        backs = [a["href"] for a in li.select("a.xp-source__back")]
        assert backs == spots[li["data-source"]]


BADGES = {
    "en": {
        "confirmed": "✓ Confirmed",
        "partly-confirmed": "◐ Partly confirmed",
        "unconfirmed": "? Unconfirmed",
        "disputed": "⇄ Disputed",
        "false": "✗ False",
    },
}


def test_evidence_boxes_on_the_english_page(reader: Path) -> None:
    soup = page(reader, "en/bounties")
    boxes = soup.select("[data-claim][id^=claim-]")
    assert [(b["id"], b["data-status"], b["lang"]) for b in boxes] == [
        ("claim-tiered-bounties", "unconfirmed", "en"),
        ("claim-drone-drops", "confirmed", "en"),
        ("claim-checkpoint-closures", "partly-confirmed", "en"),
        ("claim-rewards-doubled", "disputed", "en"),
        ("claim-officer-shot", "false", "en"),
    ]
    for box in boxes:
        badge = box.select_one(".xp-claim__verdict .xp-badge")
        assert badge["data-status"] == box["data-status"]
        assert badge.select_one(".xp-badge__icon")["aria-hidden"] == "true"
        assert badge.get_text(" ", strip=True) == BADGES["en"][box["data-status"]]
    text = soup.select_one("#claim-checkpoint-closures-text")
    assert (text.get("lang"), text.get_text()) == ("nb", "Tre grenseposter ble stengt.")
    assert soup.select_one("#claim-tiered-bounties-text").decode_contents() == (
        "Smuggling networks offer <em>tiered</em> bounties for attacks on officers."
    )


def test_unconfirmed_section_lists_unsettled_claims_in_first_appearance_order(
    reader: Path,
) -> None:
    soup = page(reader, "en/bounties")
    section = soup.select_one("[data-unconfirmed]")
    listed = [(li["data-claim"], li["data-status"]) for li in section.select("li[data-claim]")]
    assert listed == [
        ("ghost-fleet", "unconfirmed"),
        ("tiered-bounties", "unconfirmed"),
        ("checkpoint-closures", "partly-confirmed"),
        ("rewards-doubled", "disputed"),
    ]
    links = [a["href"] for a in section.select("a.xp-unconfirmed__link")]
    assert links == [
        "#claim-tiered-bounties",
        "#claim-checkpoint-closures",
        "#claim-rewards-doubled",
    ]
    assert section.find_next_sibling("section")["class"] == ["xp-sources"]
    assert section.select_one("h2")["id"] == "whats-unconfirmed"


def test_explicit_section_places_on_the_norwegian_page(reader: Path) -> None:
    soup = page(reader, "nb/dusorer")
    article = soup.select_one("article")
    order = [
        tag.get("class", [""])[0] if tag.name == "section" else tag.get_text()[:7]
        for tag in article.find_all(["section", "p"], recursive=False)
    ]
    assert order[-3:] == ["xp-unconfirmed", "xp-sources", "Skutt? "]
    assert soup.html["lang"] == "nb"


def test_json_ld_claim_review_has_every_key_and_value(reader: Path) -> None:
    """The one full ClaimReview of the unconfirmed claim, on its own claim page: ``@id`` is
    its URL, ``datePublished`` the first history date, ``dateModified`` the latest of the
    history dates and ``reviewed``."""
    home = "https://reader.example.org/claims/tiered-bounties/#claim-tiered-bounties"
    creative = {
        "@type": "CreativeWork",
        "author": {"@type": "Organization", "name": "Ministry of Home Security"},
        "datePublished": "2025-10-02",
        "name": "Homeland Threat Assessment 2026",
        "url": "https://mhs.example.org/hta-2026.pdf",
    }
    assert reviews(page(reader, "claims/tiered-bounties")) == [
        {
            "@context": "https://schema.org",
            "@id": home,
            "@type": "ClaimReview",
            "author": {"@type": "Organization", "name": "Reader test"},
            "claimReviewed": "Smuggling networks offer tiered bounties for attacks on officers.",
            "dateModified": "2025-10-20",
            "datePublished": "2025-10-16",
            "inLanguage": "en",
            "itemReviewed": {
                "@type": "Claim",
                "appearance": [
                    creative,
                    {
                        "@type": "CreativeWork",
                        "author": {"@type": "Organization", "name": "Ministry of Home Security"},
                        "datePublished": "2025-10-04",
                        "name": "Post by the ministry on bounties",
                        "url": "https://x.example.com/mhs_estmark/status/1",
                    },
                ],
                "author": {"@type": "Organization", "name": "Ministry of Home Security"},
                "datePublished": "2025-10",
                "firstAppearance": creative,
            },
            "reviewBody": "The ministry asserts a price list; no public record ties a payment to an attack.",
            "reviewRating": {"@type": "Rating", "alternateName": "Unconfirmed"},
            "url": home,
        }
    ]
    # the article that boxes it publishes no second review, only a reference to this one
    assert reviews(page(reader, "nb/dusorer")) == [
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "mentions": [{"@id": home}],
            "url": "https://reader.example.org/nb/dusorer/",
        }
    ]


def test_json_ld_rating_date_and_language_per_claim_and_page(reader: Path) -> None:
    """Every page's JSON-LD: one ClaimReview per claim, on its claim page, in the claim's
    language; articles publish a WebPage that mentions the reviews of the claims they box."""
    seen = []
    for path in PAGES:
        for review in reviews(page(reader, path)):
            if review["@type"] == "WebPage":
                seen.append(
                    (
                        path,
                        "WebPage",
                        review["url"].removeprefix("https://reader.example.org/"),
                        [
                            m["@id"].removeprefix("https://reader.example.org/")
                            for m in review["mentions"]
                        ],
                    )
                )
                continue
            assert review["url"] == review["@id"]
            seen.append(
                (
                    path,
                    review["@id"].removeprefix("https://reader.example.org/"),
                    review["reviewRating"]["alternateName"],
                    review.get("datePublished"),
                    review.get("dateModified"),
                    review["inLanguage"],
                )
            )
    assert seen == [
        (
            "en/bounties",
            "WebPage",
            "en/bounties/",
            [
                "claims/tiered-bounties/#claim-tiered-bounties",
                "claims/drone-drops/#claim-drone-drops",
                "claims/checkpoint-closures/#claim-checkpoint-closures",
                "claims/rewards-doubled/#claim-rewards-doubled",
                "claims/officer-shot/#claim-officer-shot",
            ],
        ),
        ("en/twice", "WebPage", "en/twice/", ["claims/officer-shot/#claim-officer-shot"]),
        ("nb/dusorer", "WebPage", "nb/dusorer/", ["claims/tiered-bounties/#claim-tiered-bounties"]),
        (
            "claims/checkpoint-closures",
            "claims/checkpoint-closures/#claim-checkpoint-closures",
            "Delvis bekreftet",
            "2025-10-10",
            "2025-10-10",
            "nb",
        ),
        (
            "claims/drone-drops",
            "claims/drone-drops/#claim-drone-drops",
            "Confirmed",
            "2025-09-05",
            "2025-10-02",
            "en",
        ),
        (
            "claims/ghost-fleet",
            "claims/ghost-fleet/#claim-ghost-fleet",
            "Unconfirmed",
            "2025-10-15",
            "2025-10-15",
            "en",
        ),
        (
            "claims/officer-shot",
            "claims/officer-shot/#claim-officer-shot",
            "False",
            "2025-10-03",
            "2025-10-08",
            "en",
        ),
        (
            "claims/rewards-doubled",
            "claims/rewards-doubled/#claim-rewards-doubled",
            "Disputed",
            "2025-10-12",
            "2025-10-12",
            "en",
        ),
        (
            "claims/tiered-bounties",
            "claims/tiered-bounties/#claim-tiered-bounties",
            "Unconfirmed",
            "2025-10-16",
            "2025-10-20",
            "en",
        ),
    ]
    for file in html_pages(reader):
        for script in BeautifulSoup(file.read_text("utf-8"), "html.parser").select(
            'script[type="application/ld+json"]'
        ):
            assert script.parent.name == "head"
            assert "<" not in script.string


def test_byline_and_corrections(reader: Path) -> None:
    en = page(reader, "en/bounties")
    assert en.select_one("h1 + .xp-byline").get_text() == (
        "By Ada Editor and Bo Writer · Reviewed by Duty Editor · "
        "Published October 16, 2025 · Updated October 21, 2025"
    )
    times = [t["datetime"] for t in en.select(".xp-byline time")]
    assert times == ["2025-10-16", "2025-10-21"]
    corrections = en.select_one(".xp-byline + .xp-corrections")
    assert corrections["aria-label"] == "Corrections"
    assert [li.decode_contents() for li in corrections.select("li")] == [
        '<time datetime="2025-10-21">October 21, 2025</time>: Fixed the <em>assault</em> figures.'
    ]
    nb = page(reader, "nb/dusorer")
    assert (
        nb.select_one("h1 + .xp-byline").get_text()
        == "Av Ada Redaktør · Publisert 16. oktober 2025"
    )
    assert nb.select_one(".xp-corrections") is None
    assert page(reader, "en/twice").select_one(".xp-byline") is None


def test_norwegian_labels_and_source_types(reader: Path) -> None:
    soup = page(reader, "nb/dusorer")
    headings = [h.get_text().rstrip("¶") for h in soup.select("article section > h2")]
    assert headings == ["Dette er ikke bekreftet", "Kilder"]
    types = [
        li.select_one(".xp-source__type").get_text() for li in soup.select("ol[data-sources] > li")
    ]
    assert types == [
        "[Rapport]",
        "[Dokument]",
        "[Uttalelse]",
        "[Rettsdokument]",
        "[Artikkel]",
        "[Innlegg i sosiale medier]",
        "[Artikkel]",
    ]


def test_claims_index_order_and_links(reader: Path) -> None:
    """Newest first (a month before the year it is in, undated last, by id); each entry
    with its verdict badge, claimant, date and the articles that show it."""
    soup = page(reader, "claims")
    out = []
    for li in soup.select("article li.xp-claim-entry"):
        link = li.select_one("a")
        meta = li.select_one(".xp-claim-entry__meta")
        shown = [a["href"] for a in meta.select("a")] if meta else []
        badge = li.select_one(".xp-badge")["data-status"]
        # the content format's hooks, on the entry itself
        assert (li["data-claim"] + "/", li["data-status"]) == (link["href"], badge)
        out.append((link["href"], link.get_text(), badge, meta.get_text() if meta else "", shown))
    bounties, twice, dusorer = "../en/bounties/", "../en/twice/", "../nb/dusorer/"
    assert out == [
        (
            "tiered-bounties/",
            "Smuggling networks offer tiered bounties for attacks on officers.",
            "unconfirmed",
            "Claimed by Ministry of Home Security · October 2025 · Shown in "
            "Are networks paying bounties?, Betaler nettverkene dusører?",
            [bounties, dusorer],
        ),
        (
            "drone-drops/",
            "Networks drop contraband by drone.",
            "confirmed",
            "Claimed by Channel 7 · September 3, 2025 · Shown in Are networks paying bounties?",
            [bounties],
        ),
        (
            "checkpoint-closures/",
            "Tre grenseposter ble stengt.",
            "partly-confirmed",
            "2025 · Shown in Are networks paying bounties?",
            [bounties],
        ),
        (
            "ghost-fleet/",
            "A ghost fleet carries the payments.",
            "unconfirmed",
            "Shown in Are networks paying bounties?",
            [bounties],
        ),
        (
            "officer-shot/",
            "An officer was shot at the Varnia crossing.",
            "false",
            "Shown in Are networks paying bounties?, The same box twice, "
            "Betaler nettverkene dusører?",
            [bounties, twice, dusorer],
        ),
        (
            "rewards-doubled/",
            "The rewards doubled this year.",
            "disputed",
            "Claimed by Per Hansen · Shown in Are networks paying bounties?, "
            "Betaler nettverkene dusører?",
            [bounties, dusorer],
        ),
    ]


def test_sources_index_order_and_citing_pages(reader: Path) -> None:
    soup = page(reader, "sources")
    out = []
    for li in soup.select("article li"):
        anchor = li.select_one('span[id^="source-"]')["id"]
        pages_ = [a["href"] for a in li.select("a") if "://" not in a["href"]]
        out.append((anchor, pages_))
    # the pages whose own source list numbers it (as the render found), in path order;
    # nb/dusorer only mentions officer-shot, so that claim's evidence is not numbered there
    assert out == [
        ("source-question-title", ["../en/bounties/", "../nb/dusorer/"]),
        ("source-crossing-data", ["../en/bounties/"]),
        ("source-handbook", ["../en/bounties/", "../en/twice/"]),
        ("source-misc-note", ["../nb/dusorer/"]),
        ("source-press-article", ["../en/bounties/", "../nb/dusorer/"]),
        ("source-mhs-report", ["../en/bounties/", "../nb/dusorer/"]),
        ("source-witness-post", ["../nb/dusorer/"]),
        ("source-radio-segment", ["../en/bounties/", "../en/twice/"]),
        ("source-ministry-post", ["../en/bounties/"]),
        ("source-court-record", ["../en/bounties/", "../nb/dusorer/"]),
        ("source-ministry-statement", ["../en/bounties/", "../nb/dusorer/"]),
    ]


def test_claim_page_lists_the_pages_that_discuss_it(reader: Path) -> None:
    soup = page(reader, "claims/tiered-bounties")
    assert soup.title.get_text() == (
        "Smuggling networks offer tiered bounties for attacks on officers. - Reader test"
    )
    heading = soup.select_one("#discussed-in")
    links = [(a["href"], a.get_text()) for a in heading.find_next("ul").select("a")]
    assert links == [
        ("../../en/bounties/", "Are networks paying bounties?"),
        ("../../nb/dusorer/", "Betaler nettverkene dusører?"),
    ]
    assert page(reader, "claims/checkpoint-closures").html["lang"] == "nb"


def test_no_third_party_loads_and_no_data_files(reader: Path) -> None:
    for file in html_pages(reader):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        assert not soup.find("iframe")
        for tag in soup.find_all(["script", "img", "link", "source", "video", "audio"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            if not url or (tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"])):
                continue
            assert "://" not in url and not url.startswith("//"), f"{file}: {url}"
    assert sorted(p.name for p in reader.rglob("*.y*ml")) == []


def test_schemas_are_published_as_shipped(reader: Path) -> None:
    shipped = REPO / "plugins" / "explainers" / "schemas"
    for kind in ("claims", "sources"):
        published = (reader / "schemas" / f"{kind}.schema.json").read_bytes()
        assert published == (shipped / f"{kind}.schema.json").read_bytes()
        assert json.loads(published)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("builds", [1, 2], ids=["fresh", "from-cache"])
def test_builds_are_byte_identical(reader: Path, tmp_path: Path, builds: int) -> None:
    """The second build of a copy reads what the first cached (data, pages, fragments)."""
    root = tmp_path / "again"
    shutil.copytree(SITES / "reader", root)
    for _ in range(builds):
        result = build(root, strict=False)
        assert result.returncode == 0, result.stderr
    assert len(list((root / CACHE_FOLDER / "fragments").glob("*.json"))) == 1
    again = root / "site"
    first = sorted(p.relative_to(reader) for p in reader.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        if rel.name.startswith("sitemap.xml"):
            continue
        assert (reader / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_reader_site_snapshot(reader: Path, data_regression) -> None:
    """The text a reader sees and every hook, on every page, in order; plus the JSON-LD.
    Review a changed snapshot line by line before accepting it."""
    snapshot = {}
    for path in PAGES:
        soup = page(reader, path)
        article = str(soup.select_one("article"))
        snapshot[path or "index"] = {
            "lang": soup.html["lang"],
            "title": soup.title.get_text(),
            "text": reader_view(article),
            "hooks": hooks(article),
            **({"index_entries": entries} if (entries := index_entries(article)) else {}),
            "claim_reviews": reviews(soup),
        }
    data_regression.check(snapshot)


BOX_PARTS = {
    "en/bounties": [
        (
            "supports",
            "Supports the claim",
            [
                (
                    "Networks have circulated tiered payments.",
                    "Homeland Threat Assessment 2026 [1, p. 14]",
                )
            ],
        ),
        (
            "contradicts",
            "Contradicts the claim",
            [("No payment by a network is alleged.", "State v. Rennick, detention order [4]")],
        ),
        ("context", "Context", [(None, "Gang member held over bounty messages [2]")]),
        (
            "history",
            "History of this verdict",
            ["October 16, 2025: ? Unconfirmed First published."],
        ),
        ("footer", "Last reviewed October 20, 2025 · Link to this claim", []),
    ],
    "nb/dusorer": [
        (
            "supports",
            "Støtter påstanden",
            [
                (
                    "Networks have circulated tiered payments.",
                    "Homeland Threat Assessment 2026 [1, p. 14]",
                )
            ],
        ),
        (
            "contradicts",
            "Motsier påstanden",
            [("No payment by a network is alleged.", "State v. Rennick, detention order [4]")],
        ),
        ("context", "Bakgrunn", [(None, "Gang member held over bounty messages [5]")]),
        ("history", "Vurderingens historikk", ["16. oktober 2025: ? Ubekreftet First published."]),
        ("footer", "Sist gjennomgått 20. oktober 2025 · Lenke til denne påstanden", []),
    ],
}


@pytest.mark.parametrize("path", sorted(BOX_PARTS))
def test_evidence_box_parts_in_each_language(reader: Path, path: str) -> None:
    box = page(reader, path).select_one("#claim-tiered-bounties")
    parts: list[tuple[str, str, list]] = []
    for group in box.select(".xp-evidence"):
        items = [
            (
                q.get_text() if (q := li.select_one("q")) else None,
                li.select_one(".xp-evidence__source").get_text(),
            )
            for li in group.select("li")
        ]
        parts.append(
            (group["data-stance"], group.select_one(".xp-evidence__heading").get_text(), items)
        )
    history = box.select_one("details.xp-claim__history")
    parts.append(
        (
            "history",
            history.summary.get_text(),
            [" ".join(li.get_text().split()) for li in history.select("ol > li")],
        )
    )
    parts.append(("footer", " ".join(box.select_one("footer").get_text().split()), []))
    assert parts == BOX_PARTS[path]


def test_history_in_order_with_a_badge_per_step(reader: Path) -> None:
    box = page(reader, "en/bounties").select_one("#claim-drone-drops")
    steps = [
        (
            li.time["datetime"],
            li.select_one(".xp-badge")["data-status"],
            " ".join(li.get_text().split()),
        )
        for li in box.select(".xp-claim__history ol > li")
    ]
    assert steps == [
        ("2025-09-05", "unconfirmed", "September 5, 2025: ? Unconfirmed"),
        ("2025-10-01", "confirmed", "October 1, 2025: ✓ Confirmed The court record was released."),
    ]
