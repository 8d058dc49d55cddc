"""A full ``mkdocs build --strict`` of the demo site, checked with a real HTML parser."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from explainers.schema import schema_text

from sitebuild import REPO, build, copy_demo

REQUIRED_REVIEW_FIELDS = ("claimReviewed", "reviewRating", "url", "author", "itemReviewed")


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_in_page_link_has_its_anchor(demo: Path) -> None:
    for file in html_pages(demo):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        ids = {tag["id"] for tag in soup.find_all(id=True)}
        for link in soup.find_all("a", href=True):
            href = link["href"]
            if href.startswith("#") and len(href) > 1:
                assert href[1:] in ids, f"{file.relative_to(demo)}: {href}"


def test_links_to_other_pages_exist(demo: Path) -> None:
    for file in html_pages(demo):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            href = link["href"]
            if "://" in href or href.startswith(("#", "mailto:")):
                continue
            target, _, anchor = href.partition("#")
            base = demo if target.startswith("/") else file.parent
            path = (base / target.lstrip("/")).resolve()
            if path.is_dir():
                path = path / "index.html"
            assert path.exists(), f"{file.relative_to(demo)}: {href}"
            if anchor and path.suffix == ".html":
                other = BeautifulSoup(path.read_text("utf-8"), "html.parser")
                assert other.find(id=anchor), f"{file.relative_to(demo)}: {href}"


def test_citations_and_source_list(demo: Path) -> None:
    soup = page(demo, "en/border-bounties")
    cites = soup.select("a[data-cite]")
    assert len(cites) > 30
    items = soup.select("ol[data-sources] > li")
    ids = [li["data-source"] for li in items]
    assert len(ids) == len(set(ids))
    number_of = {li["data-source"]: int(li["value"]) for li in items}
    assert sorted(number_of.values()) == list(range(1, len(items) + 1))
    assert [number_of[i] for i in ids] == list(range(1, len(ids) + 1)), "list is in number order"
    first_seen: list[str] = []
    for cite in cites:
        source = cite["data-cite"]
        assert cite["href"] == f"#source-{source}"
        assert cite.get_text().startswith(f"[{number_of[source]}")
        if source not in first_seen:
            first_seen.append(source)
        back = soup.select_one(f'li#source-{source} a[href="#{cite["id"]}"]')
        assert back is not None, f"no back-link to {cite['id']}"
    assert first_seen == ids, "numbers follow first appearance"


def test_evidence_boxes_unconfirmed_section_and_json_ld(demo: Path) -> None:
    soup = page(demo, "en/border-bounties")
    boxes = soup.select("[data-claim][id^=claim-]")
    assert len(boxes) >= 5
    statuses = {box["data-status"] for box in boxes}
    assert {"confirmed", "unconfirmed", "partly-confirmed", "disputed", "false"} <= statuses
    for box in boxes:
        assert box["id"] == f"claim-{box['data-claim']}"
        badge = box.select_one(".xp-badge")
        assert badge.select_one(".xp-badge__icon").get_text().strip(), "badge has an icon"
        assert badge.select_one(".xp-badge__label").get_text().strip(), "badge has a text label"
    section = soup.select_one("[data-unconfirmed]")
    listed = [li["data-claim"] for li in section.select("[data-claim]")]
    unsettled = [b["data-claim"] for b in boxes if b["data-status"] not in ("confirmed", "false")]
    assert listed == unsettled
    assert section.find_next("ol", attrs={"data-sources": True}) is not None, (
        "placed before the source list"
    )
    scripts = soup.select('script[type="application/ld+json"]')
    (mentions,) = [json.loads(s.string) for s in scripts]  # the reviews live on claim pages
    assert mentions["@type"] == "WebPage"
    assert [m["@id"] for m in mentions["mentions"]] == [
        f"https://explainers.example.org/claims/{b['data-claim']}/#claim-{b['data-claim']}"
        for b in boxes
    ]
    for box in boxes:
        claim_page = page(demo, f"claims/{box['data-claim']}")
        (review,) = [
            json.loads(s.string) for s in claim_page.select('script[type="application/ld+json"]')
        ]
        assert review["@type"] == "ClaimReview"
        for field in REQUIRED_REVIEW_FIELDS:
            assert review.get(field), field
        assert review["@id"] == review["url"]
        assert review["url"].endswith(f"/claims/{box['data-claim']}/#claim-{box['data-claim']}")
        assert review["url"].startswith("https://explainers.example.org/")
        assert review["reviewRating"]["alternateName"]
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["appearance"]
        assert review["datePublished"] and review["dateModified"]
    for script in scripts:
        assert "</" not in script.string


def test_norwegian_article(demo: Path) -> None:
    soup = page(demo, "nb/dusorer-grensebetjenter")
    assert soup.html["lang"] == "nb"
    items = soup.select("ol[data-sources] > li")
    assert len(items) >= 20
    assert soup.select_one("section.xp-sources h2").get_text().rstrip("¶") == "Kilder"
    assert len(soup.select("[data-post]")) == 3
    report = soup.select('a[data-cite="mhs-threat-assessment-2025"]')
    assert len({a.get_text().strip("[]").split(",")[0] for a in report}) == 1
    assert len(report) >= 2
    entry = soup.select_one("li#source-mhs-threat-assessment-2025").get_text()
    assert "«Homeland Threat Assessment 2026»" in entry
    assert "2. oktober 2025" in entry
    types = set()
    for li in items:
        types.add(li.select_one(".xp-source__type").get_text())
    assert {"[Rapport]", "[Sending]", "[Rettsdokument]", "[Innlegg i sosiale medier]"} <= types
    assert (
        soup.select_one("[data-unconfirmed] h2").get_text().rstrip("¶") == "Dette er ikke bekreftet"
    )


def test_guide_shows_every_piece_of_syntax(demo: Path) -> None:
    soup = page(demo, "guide/writing-an-explainer")
    code = " ".join(c.get_text() for c in soup.select("pre code"))
    for syntax in (
        "[@",
        ", p. 14]",
        "; @",
        "::claim[",
        ":claim[",
        "::post[",
        "\\[@",
        "::unconfirmed",
        "::sources",
    ):
        assert syntax in code, syntax
    assert soup.select("a[data-cite]") and soup.select("[data-claim][id^=claim-]")
    assert soup.select("a[data-claim-ref]") and soup.select("[data-post]")
    assert soup.select("[data-unconfirmed]") and soup.select("ol[data-sources]")


def test_no_third_party_loads_and_no_data_files(demo: Path) -> None:
    for file in html_pages(demo):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        assert not soup.find("iframe")
        for tag in soup.find_all(["script", "img", "link", "source", "video", "audio"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            if not url or (tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"])):
                continue
            assert "://" not in url and not url.startswith("//"), f"{file}: {url}"
    assert not list(demo.rglob("*.yml")) and not list(demo.rglob("*.yaml"))


def test_schemas_are_published(demo: Path) -> None:
    for kind in ("claims", "sources"):
        assert (demo / "schemas" / f"{kind}.schema.json").read_text("utf-8") == schema_text(kind)


def test_claim_pages_and_index(demo: Path) -> None:
    index = page(demo, "claims")
    links = index.select("article a[href]")
    assert any("tiered-bounties" in a["href"] for a in links)
    claim = page(demo, "claims/tiered-bounties")
    assert claim.select_one("#claim-tiered-bounties")
    assert claim.select_one('a[href*="en/border-bounties"]'), (
        "claim page links to the pages that discuss it"
    )


def test_builds_are_byte_identical(demo: Path, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "again")
    result = build(root)
    assert result.returncode == 0, result.stderr
    again = root / "site"
    first = {p.relative_to(demo) for p in demo.rglob("*") if p.is_file()}
    second = {p.relative_to(again) for p in again.rglob("*") if p.is_file()}
    assert first == second
    for rel in sorted(first):
        if rel.name.startswith("sitemap.xml"):
            continue
        assert (demo / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_byline_and_corrections(demo: Path) -> None:
    en = page(demo, "en/border-bounties")
    byline = en.select_one("h1 + .xp-byline").get_text()
    assert "By Factdesk demo team" in byline and "Reviewed by Duty editor" in byline
    assert "Published October 16, 2025" in byline and "Updated October 21, 2025" in byline
    assert "October 21, 2025" in en.select_one(".xp-corrections").get_text()
    nb = page(demo, "nb/dusorer-grensebetjenter")
    assert "Publisert 16. oktober 2025" in nb.select_one(".xp-byline").get_text()


def test_demo_structure_snapshot(demo: Path, data_regression) -> None:
    """Every hook on every demo page, in order; review a changed snapshot before accepting it."""
    from helpers import hooks

    snapshot = {}
    for path in ("en/border-bounties", "nb/dusorer-grensebetjenter", "guide/writing-an-explainer"):
        article = page(demo, path).select_one("article")
        snapshot[path] = [
            line for line in hooks(str(article)) if not line.startswith(("code ", "text "))
        ]
    data_regression.check(snapshot)


def test_sources_index_lists_every_source_with_its_pages(demo: Path) -> None:
    soup = page(demo, "sources")
    anchors = {span["id"] for span in soup.select('article span[id^="source-"]')}
    data = (REPO / "content" / "sources").glob("*.yml")
    import yaml

    ids = {
        f"source-{s['id']}"
        for path in data
        for s in yaml.safe_load(path.read_text("utf-8"))["sources"]
    }
    assert anchors == ids
    entry = soup.select_one("#source-court-rennick-detention").parent
    cited_in = {a.get_text() for a in entry.select("a") if "example" not in a["href"]}
    assert "Are smuggling networks paying bounties for attacks on border officers?" in cited_in
