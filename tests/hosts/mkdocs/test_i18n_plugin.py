"""With mkdocs-static-i18n (the real plugin): one build per language, each in its language,
and the whole multi-language site swapped into place at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES
from sitebuild import build

SITE = FIXTURES / "sites" / "i18n"

#: layout, plugin order
SETUPS = [
    ("suffix", "i18n first"),
    ("suffix", "explainers first"),
    ("folder", "i18n first"),
    ("folder", "explainers first"),
]

#: language, its folder, article heading, sources heading, source date, claims index, sources index
LANGUAGES = [
    ("en", "", "Sources", "October 2, 2025", "Claims", "All sources"),
    ("nb", "nb/", "Kilder", "2. oktober 2025", "Påstander", "Alle kilder"),
]


def make_site(tmp_path: Path, layout: str, order: str) -> Path:
    root = tmp_path / "site-src"
    shutil.copytree(SITE, root)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    if layout == "folder":
        text = text.replace("docs_structure: suffix", "docs_structure: folder")
        docs = root / "docs"
        for name in ("index", "article"):
            (docs / "en").mkdir(exist_ok=True)
            (docs / "nb").mkdir(exist_ok=True)
            (docs / f"{name}.md").rename(docs / "en" / f"{name}.md")
            (docs / f"{name}.nb.md").rename(docs / "nb" / f"{name}.md")
    if order == "explainers first":
        plugins, explainers = text.split("  - explainers:")
        search, i18n = plugins.split("  - i18n:")
        text = f"{search}  - explainers:{explainers.rstrip()}\n  - i18n:{i18n}"
    config.write_text(text, "utf-8")
    return root


def soup(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / path).read_text("utf-8"), "html.parser")


def heading(page: BeautifulSoup, selector: str) -> str:
    return page.select_one(selector).get_text().rstrip("¶").strip()


@pytest.mark.build
@pytest.mark.parametrize(("layout", "order"), SETUPS)
def test_every_language_build_in_its_language(tmp_path: Path, layout: str, order: str) -> None:
    root = make_site(tmp_path, layout, order)
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    for lang, folder, sources, date, claims, all_sources in LANGUAGES:
        article = soup(root, f"{folder}article/index.html")
        assert article.html["lang"] == lang
        assert heading(article, "section.xp-sources h2") == sources
        assert date in article.select_one("ol[data-sources]").get_text()
        # the nav ends with this language's index pages in both layouts (i18n's folder
        # layout drops pages outside the language folders from its nav: we put them back)
        nav = [
            (a.get_text(" ", strip=True), a["href"])
            for a in article.select("nav.md-nav--primary a.md-nav__link")
        ]
        assert nav[-2:] == [(claims, "../claims/"), (all_sources, "../sources/")]
        claim = soup(root, f"{folder}claims/open/index.html")
        assert claim.html["lang"] == lang
        assert heading(claim, ".xp-crumbs a") == claims
        discussed = [a["href"] for a in claim.select(".xp-discussed a")]
        assert discussed == ["../../article/"], "the article of the same language"
        index = soup(root, f"{folder}claims/index.html")
        assert (index.html["lang"], heading(index, "h1")) == (lang, claims)
        badge = {"en": "Unconfirmed", "nb": "Ubekreftet"}[lang]
        entry = index.select_one("li.xp-claim-entry[data-claim=open]")
        assert entry.select_one(".xp-badge__label").get_text() == badge, "in its language"
        script = index.select_one(".xp-claims-archive > script")["src"]
        assert (root / "site" / folder / "claims" / script).resolve().is_file()
        listing = soup(root, f"{folder}sources/index.html")
        assert heading(listing, "h1") == all_sources
        assert date in listing.get_text()
        # per-language feeds, in the language's folder, linked from its pages
        atom = (root / "site" / folder / "verdicts.atom").read_text("utf-8")
        assert f'xml:lang="{lang}"' in atom
        assert f"<id>https://example.org/{folder}verdicts.atom</id>" in atom
        feed_link = article.select_one("link[type='application/atom+xml']")["href"]
        assert feed_link == "../verdicts.atom"
        reviews = json.loads((root / "site" / folder / "claimreviews.json").read_text("utf-8"))
        item = reviews["dataFeedElement"][0]["item"][0]
        assert item["url"] == f"https://example.org/{folder}claims/open/#claim-open"
    search = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in search["docs"]}
    assert {"claims/open/", "nb/claims/open/"} <= locations
    assert sorted(p.name for p in root.glob(".site*")) == [], "no staging folder left behind"


@pytest.mark.build
def test_a_failing_language_build_leaves_the_previous_site(tmp_path: Path) -> None:
    """The languages are built into one staging folder, swapped in after the last one."""
    root = make_site(tmp_path, "suffix", "i18n first")
    assert build(root).returncode == 0
    before = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in sorted((root / "site").rglob("*"))
        if p.is_file()
    }
    article = root / "docs" / "article.nb.md"
    article.write_text(article.read_text("utf-8").replace("[@plan]", "[@nowhere]"), "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "nowhere" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    after = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in sorted((root / "site").rglob("*"))
        if p.is_file()
    }
    assert after == before, "the English build of the failed run was not swapped in"
    assert sorted(p.name for p in root.glob(".site*")) == [], "no staging folder left behind"


@pytest.mark.build
def test_each_languages_claims_index_links_the_claim_page_in_its_language(
    tmp_path: Path,
) -> None:
    """A claim written in English and Norwegian: the Norwegian build's claims index links
    its Norwegian page, the English build's its English (main) page."""
    root = make_site(tmp_path, "suffix", "i18n first")
    claims = root / "docs" / "claims" / "c.yml"
    claims.write_text(
        claims.read_text("utf-8")
        + "  - id: both\n"
        + "    lang: en\n"
        + "    claim: {en: The bridge is closed., nb: Brua er stengt.}\n"
        + "    status: unconfirmed\n"
        + "    missing: [{en: A notice., nb: Et varsel.}]\n"
        + "    history:\n"
        + "      - date: 2025-10-06\n"
        + "        status: unconfirmed\n",
        "utf-8",
    )
    for name in ("article.md", "article.nb.md"):
        article = root / "docs" / name
        article.write_text(article.read_text("utf-8") + "\n::claim[both]\n", "utf-8")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    for folder, both in (("", "both/"), ("nb/", "both/nb/")):
        index = soup(root, f"{folder}claims/index.html")
        entries = index.select(".xp-claims-list > li[data-claim]")
        links = {li["data-claim"]: li.a["href"] for li in entries}
        assert links == {"open": "open/", "both": both}
        target = soup(root, f"{folder}claims/{both}index.html")
        assert target.html["lang"] == (folder.rstrip("/") or "en")
