"""The reader fixture site checked and rendered in this process (no MkDocs): the same
pages as ``tests/hosts/mkdocs/test_plugin.py`` through the core alone, so mutation testing can see them.

Exact expectations for what a reader and a machine see: badges per status and language,
dates per language, the ClaimReview, the generated pages' Markdown, the site swap.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import markdown
import pytest

from explainers.data.model import DEFAULT_SCALE
from explainers.hosts.site_config import renderer_of
from explainers.page import jsonld
from explainers.page.extension import ExplainersExtension, PageContext
from explainers.page.i18n import Labels, format_partial_date, normalize_lang
from explainers.page.numbering import Citations
from explainers.page.renderer import PageInfo, Renderer
from explainers.site import indexes as pages
from explainers.site import markdown_export as pagefiles
from explainers.site.check import CheckResult, check_all, find_articles
from explainers.site.site_folder import StagedSiteDir

from helpers import MATERIAL_EXTENSIONS, SITES, hooks, reader_view

READER = SITES / "reader"
CONTENT = READER / "content"


@pytest.fixture  # per test: mutation testing credits a module-scoped fixture to one test only
def checked() -> CheckResult:
    articles = find_articles(CONTENT, [CONTENT / "claims", CONTENT / "sources"])
    return check_all(
        READER, CONTENT / "claims", CONTENT / "sources", articles, renderer=renderer_of(READER)
    )


def test_check_finds_exactly_the_one_warning(checked: CheckResult) -> None:
    assert [str(d) for d in checked.report.sorted()] == [
        "content/en/twice.md:7:1: warning: the box of claim 'officer-shot' is already on this "
        "page (line 3); mention it with :claim[officer-shot]"
    ]
    assert sorted(checked.pages) == ["en/bounties.md", "en/twice.md", "index.md", "nb/dusorer.md"]
    assert {u: (p.lang, p.title) for u, p in checked.pages.items()} == {
        "en/bounties.md": ("en", "Are networks paying bounties?"),
        "en/twice.md": ("en", "The same box twice"),
        "index.md": ("en", "Reader test"),
        "nb/dusorer.md": ("nb", "Betaler nettverkene dusører?"),
    }


def render_page(checked: CheckResult, src_uri: str) -> tuple[str, ExplainersExtension]:
    facts = checked.pages[src_uri]
    ext = ExplainersExtension(
        site=checked.site, lang="en", publisher="Reader test", claim_url="claims/{id}.md"
    )
    ext.page = PageContext(
        lang=facts.lang, src_uri=src_uri, url=f"https://reader.example.org/{src_uri[:-3]}/"
    )
    text = (CONTENT / src_uri).read_text("utf-8").split("\n---\n", 1)[-1]
    html = markdown.markdown(
        text,
        extensions=[ext, *MATERIAL_EXTENSIONS],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    renderer = Renderer(checked.site, Labels(facts.lang), PageInfo(facts.lang))
    html = pages.after_title(html, renderer.byline(facts.meta) + renderer.corrections(facts.meta))
    return html, ext


def test_reader_pages_render_in_process(checked: CheckResult, data_regression) -> None:
    """Every article and generated page of the reader site, rendered by the extension alone.
    Review a changed snapshot line by line before accepting it."""
    snapshot = {}
    for src_uri in ("en/bounties.md", "nb/dusorer.md", "en/twice.md"):
        html, ext = render_page(checked, src_uri)
        snapshot[src_uri] = {
            "text": reader_view(html),
            "hooks": hooks(html),
            "cited": ext.result.cited,
            "claims": ext.result.claims,
            "claim_reviews": ext.result.reviews,
        }
    # the exact HTML of one box, first on its page and repeated
    renderer = Renderer(checked.site, Labels("en"), PageInfo("en"))
    cites = Citations()
    for anchor in (True, False):
        html = renderer.claim_box(checked.site.claims["tiered-bounties"], cites.cite, anchor)
        snapshot[f"tiered-bounties box, anchor={anchor}"] = html.split("\n")
    data_regression.check(snapshot)


def test_generated_pages_markdown(checked: CheckResult, data_regression) -> None:
    """The Markdown of the claims index (links to the claim pages' URLs, and as Markdown
    links for other hosts), the sources index from what the articles number, and two claim
    pages as ``explainers pages`` writes them (en, nb)."""
    en, nb = Labels("en"), Labels("nb")
    found = checked.index

    def claim_md(claim_id: str, lang: str) -> list[str]:
        discussed = [(found.titles[u], u) for u in found.claim_pages.get(claim_id, [])]
        return pagefiles.claim_page(checked.site.claims[claim_id], lang, discussed).split("\n")

    data_regression.check(
        {
            "claims/index.md": pages.claims_index(checked.site, en).split("\n"),
            "claims/index.md (nb)": pages.claims_index(checked.site, nb).split("\n"),
            "claims/index.md (md links)": pages.claims_index(checked.site, en, md_links=True).split(
                "\n"
            ),
            "sources/index.md (nb)": pages.sources_index(checked.site, found, nb).split("\n"),
            "sources/index.md": pages.sources_index(checked.site, found, en).split("\n"),
            "claims/tiered-bounties.md": claim_md("tiered-bounties", "en"),
            "claims/checkpoint-closures.md": claim_md("checkpoint-closures", "nb"),
        }
    )


BADGES = [
    # status, lang, icon, label
    ("confirmed", "en", "✓", "Confirmed"),
    ("partly-confirmed", "en", "◐", "Partly confirmed"),
    ("unconfirmed", "en", "?", "Unconfirmed"),
    ("disputed", "en", "⇄", "Disputed"),
    ("false", "en", "✗", "False"),
    ("confirmed", "nb", "✓", "Bekreftet"),
    ("partly-confirmed", "nb", "◐", "Delvis bekreftet"),
    ("unconfirmed", "nb", "?", "Ubekreftet"),
    ("disputed", "nb", "⇄", "Omstridt"),
    ("false", "nb", "✗", "Usant"),
    ("no-such-status", "en", "•", "no-such-status"),
]


@pytest.mark.parametrize(("status", "lang", "icon", "label"), BADGES)
def test_badge_label_and_icon(
    checked: CheckResult, status: str, lang: str, icon: str, label: str
) -> None:
    renderer = Renderer(checked.site, Labels(lang), PageInfo(lang))
    assert renderer.badge(status) == (
        f'<span class="xp-badge" data-status="{status}">'
        f'<span class="xp-badge__icon" aria-hidden="true">{icon}</span> '
        f'<span class="xp-badge__label">{label}</span></span>'
    )
    assert checked.site.settled(checked.site.claims["drone-drops"]) is True
    assert [k for k, v in DEFAULT_SCALE.items() if v.settled] == ["confirmed", "false"]


DATES = [
    # value, lang, shown
    ("2025-10-02", "en", "October 2, 2025"),
    ("2025-10-02", "nb", "2. oktober 2025"),
    ("2025-01-09", "en", "January 9, 2025"),
    ("2025-01-09", "nb", "9. januar 2025"),
    ("2025-10", "en", "October 2025"),
    ("2025-10", "nb", "oktober 2025"),
    ("2025-05", "nb", "mai 2025"),
    ("2025", "en", "2025"),
    ("2025", "nb", "2025"),
    ("2025-02-30", "en", "2025-02-30"),
    ("10/02/2025", "nb", "10/02/2025"),
    ("", "en", ""),
]


@pytest.mark.parametrize(("value", "lang", "shown"), DATES)
def test_dates_per_language(value: str, lang: str, shown: str) -> None:
    assert format_partial_date(value, lang) == shown


@pytest.mark.parametrize(
    ("value", "normal"),
    [
        ("en", "en"),
        ("NB", "nb"),
        ("no", "nb"),
        ("nn", "nn"),
        ("nn-NO", "nn"),
        ("nb-NO", "nb"),
        ("en_GB", "en"),
        ("en-AU", "en"),
        ("de", None),
        ("", "en"),
        (None, "en"),
        (" nb ", "nb"),
    ],
)
def test_language_tags(value: str | None, normal: str | None) -> None:
    assert normalize_lang(value) == normal


def test_label_join_quote_and_overrides() -> None:
    en, nb = Labels("en"), Labels("nb", {"nb": {"sources": "Kildeliste"}, "en": {"sources": "X"}})
    assert [en.join([]), en.join(["A"]), en.join(["A", "B"]), en.join(["A", "B", "C"])] == [
        "",
        "A",
        "A and B",
        "A, B and C",
    ]
    assert nb.join(["A", "B", "C"]) == "A, B og C"
    assert (en.quote("T"), nb.quote("T")) == ("“T”", "«T»")
    assert (en["sources"], nb["sources"], nb["claim"]) == ("Sources", "Kildeliste", "Påstand")
    assert en["no-such-label"] == "no-such-label"


def test_citation_numbers_and_spots() -> None:
    cites = Citations()
    assert [cites.cite(s) for s in ("b", "a", "b", "c", "a", "b")] == [
        (1, "cite-b-1"),
        (2, "cite-a-1"),
        (1, "cite-b-2"),
        (3, "cite-c-1"),
        (2, "cite-a-2"),
        (1, "cite-b-3"),
    ]
    assert cites.in_order() == ["b", "a", "c"]
    assert cites.spots == {
        "b": ["cite-b-1", "cite-b-2", "cite-b-3"],
        "a": ["cite-a-1", "cite-a-2"],
        "c": ["cite-c-1"],
    }


def test_claim_review_for_a_claim_with_every_field(checked: CheckResult) -> None:
    claim = checked.site.claims["tiered-bounties"]
    review = jsonld.claim_review(claim, checked.site, "https://x.example/p/", "Desk", "nb")
    work = {
        "@type": "CreativeWork",
        "name": "Homeland Threat Assessment 2026",
        "url": "https://mhs.example.org/hta-2026.pdf",
        "datePublished": "2025-10-02",
        "author": {"@type": "Organization", "name": "Ministry of Home Security"},
    }
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": "https://x.example/p/#claim-tiered-bounties",
        "url": "https://x.example/p/#claim-tiered-bounties",
        "claimReviewed": "Smuggling networks offer tiered bounties for attacks on officers.",
        "author": {"@type": "Organization", "name": "Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": "Ubekreftet"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "Ministry of Home Security"},
            "datePublished": "2025-10",
            "appearance": [
                work,
                {
                    "@type": "CreativeWork",
                    "name": "Post by the ministry on bounties",
                    "url": "https://x.example.com/mhs_estmark/status/1",
                    "datePublished": "2025-10-04",
                    "author": {"@type": "Organization", "name": "Ministry of Home Security"},
                },
            ],
            "firstAppearance": work,
        },
        "inLanguage": "nb",
        "datePublished": "2025-10-16",  # the first history date
        "dateModified": "2025-10-20",  # `reviewed`, later than every history date
        "reviewBody": "The ministry asserts a price list; no public record ties a payment to an attack.",
    }


def test_claim_review_dates_and_bare_claim(checked: CheckResult) -> None:
    site = checked.site

    def dates(review: dict) -> tuple[str | None, str | None]:
        return review.get("datePublished"), review.get("dateModified")

    # no `reviewed`: one history date is both dates; the page date does not count
    closures = jsonld.claim_review(
        site.claims["checkpoint-closures"], site, "u", "P", "en", "2026-01-05"
    )
    assert dates(closures) == ("2025-10-10", "2025-10-10")
    assert closures["itemReviewed"] == {"@type": "Claim", "datePublished": "2025"}
    # two history entries: the first is published, the last modified
    shot = jsonld.claim_review(site.claims["officer-shot"], site, "u", "P", "en")
    assert (*dates(shot), shot["reviewRating"]["alternateName"]) == (
        "2025-10-03",
        "2025-10-08",
        "False",
    )
    # `reviewed` (2025-10-02) after the last history date (2025-10-01) is the last change
    drones = jsonld.claim_review(site.claims["drone-drops"], site, "u", "P", "en")
    assert dates(drones) == ("2025-09-05", "2025-10-02")
    bare = site.claims["ghost-fleet"]
    saved = bare.history
    bare.history = []
    try:
        review = jsonld.claim_review(bare, site, "u", "P", "en")
        dated = jsonld.claim_review(bare, site, "u", "P", "en", "2025-11-30T10:00:00")
    finally:
        bare.history = saved
    assert sorted(review) == [
        "@context",
        "@id",
        "@type",
        "author",
        "claimReviewed",
        "inLanguage",
        "itemReviewed",
        "reviewRating",
        "url",
    ]
    assert review["@id"] == review["url"] == "u#claim-ghost-fleet"
    # no history: the page's date (its day) is both dates
    assert dates(dated) == ("2025-11-30", "2025-11-30")


def test_json_ld_script_cannot_be_broken_out_of() -> None:
    review = {"b": "</script><b>&\u2028\u2029", "a": "é"}
    assert jsonld.script([review, {"c": 1}]) == (
        '<script type="application/ld+json">'
        '{"a":"é","b":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\\u2029"}</script>\n'
        '<script type="application/ld+json">{"c":1}</script>'
    )
    assert json.loads(jsonld.script([review])[35:-9]) == review


def test_site_swap_success_path(tmp_path: Path) -> None:
    final = tmp_path / "site"
    (final / "old").mkdir(parents=True)
    (final / "old" / "page.html").write_text("old", "utf-8")
    # leftovers of interrupted runs (old fixed names and unique names) go while a build runs
    for name in (
        ".site.old",
        ".site.building",
        ".site.building-1-0123abcd",
        ".site.old-2-89abcdef",
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "stale").write_text("x", "utf-8")
    (tmp_path / ".site.building-x").mkdir()  # not a staging name: someone else's, kept
    staged = StagedSiteDir(final)
    assert staged.in_place is False
    assert staged.building.parent == tmp_path
    assert re.fullmatch(rf"\.site\.building-{os.getpid()}-[0-9a-f]{{8}}", staged.building.name)
    assert staged.building.name in os.listdir(tmp_path)
    (staged.building / "index.html").write_text("new", "utf-8")
    staged.commit()
    # the site before stays beside the new one; the next build removes it
    [old] = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.old-")]
    assert re.fullmatch(rf"\.site\.old-{os.getpid()}-[0-9a-f]{{8}}", old)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        ".site.building-x",
        old,
        f"{old}/old",
        f"{old}/old/page.html",
        "site",
        "site/index.html",
    ]
    assert (final / "index.html").read_text("utf-8") == "new"


def test_site_swap_first_build_and_discard(tmp_path: Path) -> None:
    final = tmp_path / "site"
    staged = StagedSiteDir(final)
    assert staged.building.is_dir() and list(staged.building.iterdir()) == []
    (staged.building / "index.html").write_text("first", "utf-8")
    staged.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    again = StagedSiteDir(final)  # the first build released the lock: no wait
    assert again.building != staged.building
    (again.building / "half.html").write_text("half", "utf-8")
    again.discard()
    again.discard()  # twice is harmless
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "site",
        "site/index.html",
    ]
