"""Exact HTML of the renderer pieces no fixture site pins whole, and the links of the
generated pages: the ``::matrix`` table, the "Updated" note, what is made once per
site, and the sources index's links between pages.

In process and fast: ``make mutation`` runs this file for each mutant.
"""

from __future__ import annotations

from typing import ClassVar

import pytest

from explainers.data.model import Claim, Evidence, HistoryEntry, Pos, Site, Source
from explainers.data.verdict_history import Change
from explainers.page.i18n import Labels
from explainers.page.renderer import PageInfo, Renderer
from explainers.site import indexes as pages

P = Pos("f")


def matrix_site() -> tuple[Site, list[Claim]]:
    site = Site(sources={"s": Source("s", 'The "report"', P), "t": Source("t", "Second", P)})
    said = Claim(
        "a",
        "A *said* <x>.",
        "disputed",
        P,
        evidence=[
            Evidence("s", "supports", P),
            Evidence("s", "contradicts", P),
            Evidence("ghost", "context", P),  # numbered, but not in the data: no title
        ],
    )
    other = Claim(
        "b",
        "B.",
        "confirmed",
        P,
        evidence=[Evidence("t", "context", P), Evidence("unnumbered", "supports", P)],
    )
    return site, [said, other]


MATRIX_HEAD = (
    '<div class="xp-matrix" data-matrix data-search-exclude><div class="xp-matrix__scroll" '
    'role="region" tabindex="0" aria-labelledby="matrix-caption"><table class="xp-matrix__table">'
    '<caption id="matrix-caption">Where the sources agree and diverge</caption><thead><tr>'
    '<th scope="col">Claim</th>'
)
NOT_CITED = '<td data-stance=""><span class="xp-sr-only">not cited for this claim</span></td>'


def test_matrix_exactly() -> None:
    site, claims = matrix_site()
    r = Renderer(site, Labels("en"), PageInfo("en"))
    assert r.matrix(claims, {"s": 2, "t": 1, "ghost": 3}) == (
        MATRIX_HEAD + '<th scope="col" data-source="t"><a href="#source-t" title="Second">'
        '<span class="xp-sr-only">Source </span>[1]</a></th>'
        '<th scope="col" data-source="s"><a href="#source-s" title="The &quot;report&quot;">'
        '<span class="xp-sr-only">Source </span>[2]</a></th>'
        '<th scope="col" data-source="ghost"><a href="#source-ghost">'
        '<span class="xp-sr-only">Source </span>[3]</a></th></tr></thead><tbody>'
        '<tr data-claim="a"><th scope="row"><a href="#claim-a">A said &lt;x&gt;.</a></th>'
        + NOT_CITED
        + '<td data-stance="supports contradicts"><span class="xp-matrix__symbol" '
        'aria-hidden="true">+−</span><span class="xp-sr-only">Supports the claim; '
        "Contradicts the claim</span></td>"
        '<td data-stance="context"><span class="xp-matrix__symbol" aria-hidden="true">○</span>'
        '<span class="xp-sr-only">Context</span></td></tr>'
        '<tr data-claim="b"><th scope="row"><a href="#claim-b">B.</a></th>'
        '<td data-stance="context"><span class="xp-matrix__symbol" aria-hidden="true">○</span>'
        '<span class="xp-sr-only">Context</span></td>' + NOT_CITED + NOT_CITED + "</tr>"
        '</tbody></table></div><p class="xp-matrix__legend" aria-hidden="true">'
        '<span class="xp-matrix__key"><span aria-hidden="true">+</span> Supports the claim</span>'
        ' · <span class="xp-matrix__key"><span aria-hidden="true">−</span> Contradicts the claim'
        '</span> · <span class="xp-matrix__key"><span aria-hidden="true">○</span> Context</span>'
        "</p></div>"
    )


def test_matrix_needs_a_claim_and_a_numbered_source() -> None:
    site, claims = matrix_site()
    r = Renderer(site, Labels("en"), PageInfo("en"))
    assert r.matrix(claims, {"elsewhere": 1}) == ""
    assert r.matrix([], {"s": 1}) == ""


def test_matrix_symbol_a_subclass_leaves_out_is_a_dot() -> None:
    class FewSymbols(Renderer):
        STANCE_SYMBOLS: ClassVar[dict[str, str]] = {"supports": "+"}

    site, claims = matrix_site()
    html = FewSymbols(site, Labels("en"), PageInfo("en")).matrix(claims[:1], {"s": 1})
    assert html.split("<tbody>")[1] == (
        '<tr data-claim="a"><th scope="row"><a href="#claim-a">A said &lt;x&gt;.</a></th>'
        '<td data-stance="supports contradicts"><span class="xp-matrix__symbol" '
        'aria-hidden="true">+•</span><span class="xp-sr-only">Supports the claim; Contradicts '
        'the claim</span></td></tr></tbody></table></div><p class="xp-matrix__legend" '
        'aria-hidden="true"><span class="xp-matrix__key"><span aria-hidden="true">+</span> '
        "Supports the claim</span></p></div>"
    )


def badge(status: str, icon: str, label: str) -> str:
    return (
        f'<span class="xp-badge" data-status="{status}"><span class="xp-badge__icon" '
        f'aria-hidden="true">{icon}</span> <span class="xp-badge__label">{label}</span></span>'
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            '<aside class="xp-updates" data-verdict-updates aria-label="Updated"><ul>'
            '<li data-claim-update="a"><span class="xp-updates__label">Updated</span> '
            '<time datetime="2025-03-02">March 2, 2025</time>: <a href="../claims/a/#history-a">'
            "the verdict on “A said &lt;x&gt;.”</a> changed from "
            + badge("unconfirmed", "?", "Unconfirmed")
            + " to "
            + badge("disputed", "⇄", "Disputed")
            + '</li><li data-claim-update="b"><span class="xp-updates__label">Updated</span> '
            '<time datetime="2025">2025</time>: the verdict on “B.” changed from '
            + badge("disputed", "⇄", "Disputed")
            + " to "
            + badge("confirmed", "✓", "Confirmed")
            + "</li></ul></aside>",
        ),
        (
            "nb",
            '<aside class="xp-updates" data-verdict-updates aria-label="Oppdatert"><ul>'
            '<li data-claim-update="a"><span class="xp-updates__label">Oppdatert</span> '
            '<time datetime="2025-03-02">2. mars 2025</time>: <a href="../claims/a/#history-a">'
            "vurderingen av «A said &lt;x&gt;.»</a> ble endret fra "
            + badge("unconfirmed", "?", "Ubekreftet")
            + " til "
            + badge("disputed", "⇄", "Omstridt")
            + '</li><li data-claim-update="b"><span class="xp-updates__label">Oppdatert</span> '
            '<time datetime="2025">2025</time>: vurderingen av «B.» ble endret fra '
            + badge("disputed", "⇄", "Omstridt")
            + " til "
            + badge("confirmed", "✓", "Bekreftet")
            + "</li></ul></aside>",
        ),
    ],
)
def test_verdict_updates_exactly(lang: str, expected: str) -> None:
    site, (said, other) = matrix_site()
    r = Renderer(site, Labels(lang), PageInfo(lang))
    before = HistoryEntry("2025-01", "unconfirmed", P)
    after = HistoryEntry("2025-03-02", "disputed", P, note="n")
    updates = [
        (Change(said, before, after), "../claims/a/#history-a"),
        (Change(other, after, HistoryEntry("2025", "confirmed", P)), ""),  # no link
    ]
    assert r.verdict_updates(updates) == expected
    assert r.verdict_updates([]) == ""


def test_box_parts_are_made_once_per_site_renderer_class_and_language() -> None:
    site, (claim, _) = matrix_site()
    made: list[str] = []

    class Counting(Renderer):
        def box_head(self, claim: Claim, anchor: bool = True) -> str:
            made.append(f"head {self.labels.lang} {anchor}")
            return super().box_head(claim, anchor)

        def reference(self, source: Source) -> str:
            made.append(f"reference {source.id}")
            return super().reference(source)

    class Plain(Renderer):
        def box_head(self, claim: Claim, anchor: bool = True) -> str:
            return "HEAD"

    def cite(source_id: str) -> tuple[int, str]:
        return 1, f"cite-{source_id}"

    for _ in range(2):
        Counting(site, Labels("en"), PageInfo("en")).claim_box(claim, cite)
        Counting(site, Labels("en"), PageInfo("en")).claim_box(claim, cite, anchor=False)
        Counting(site, Labels("nb"), PageInfo("nb")).claim_box(claim, cite)
        Counting(site, Labels("en"), PageInfo("en")).source_entry(site.sources["s"], 1, [])
    assert made == ["head en True", "head en False", "head nb True", "reference s"]
    # another renderer class on the same site makes its own
    assert Plain(site, Labels("en"), PageInfo("en")).claim_box(claim, cite).startswith("HEAD\n")


def test_box_parts_called_alone_are_the_anchored_ones() -> None:
    """A subclass may call the parts itself; without ``anchor`` they carry the ids."""
    site, (claim, _) = matrix_site()
    claim.history = [HistoryEntry("2025", "disputed", P)]
    r = Renderer(site, Labels("en"), PageInfo("en"))
    assert r.box_head(claim) == r.box_head(claim, anchor=True) != r.box_head(claim, anchor=False)
    assert r.box_tail(claim) == r.box_tail(claim, anchor=True) != r.box_tail(claim, anchor=False)
    assert r.history(claim) == (
        '<details class="xp-claim__history" id="history-a"><summary>History of this verdict</summary><ol><li>'
        '<time datetime="2025">2025</time>: ' + badge("disputed", "⇄", "Disputed") + "</li></ol>"
        "</details>"
    )


# -- the generated pages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "here", "expected"),
    [
        ("a/", "sources/", "../a/"),
        ("sources/guide/", "sources/", "guide/"),
        ("a/b/c/", "a/b/x/", "../c/"),
        ("a/x/", "a/y/", "../x/"),
        ("a/b/", "a/", "b/"),
        ("a/", "a/b/", "../"),
        ("a/", "a/", "./"),
        ("a/b.html", "a/c.html", "b.html"),
        ("x/y.html", "a/index.html", "../x/y.html"),
        ("", "sources/", "../"),
        (".", "sources/", "../"),
        ("./x/", "./a/", "../x/"),
        ("index.html", "", "index.html"),
    ],
)
def test_relative_url(target: str, here: str, expected: str) -> None:
    assert pages.relative_url(target, here) == expected


def test_sources_index_links_every_page_that_numbers_a_source() -> None:
    site = Site(
        sources={
            "s": Source(
                "s", "Report", P, url="https://x.example/r", publisher="Office", date="2024-05"
            )
        }
    )
    index = pages.SiteIndex(
        titles={"a.md": "A page", "sources/guide.md": "Guide"},
        # "b.md" has a URL but no title: its path stands in; "gone.md" has no URL
        urls={"a.md": "a/", "b.md": "b/", "sources/guide.md": "sources/guide/"},
        source_pages={"s": ["a.md", "b.md", "gone.md", "sources/guide.md"]},
    )
    assert pages.sources_index(site, index, Labels("nb")).split("\n")[10:] == [
        '<ul class="xp-sources-index">',
        '<li><span id="source-s"></span>«Report», Office, mai 2024. [Dokument] '
        '<a href="https://x.example/r">https://x.example/r</a> — Sitert i: '
        '<a href="../a/">A page</a>, <a href="../b/">b.md</a>, <a href="guide/">Guide</a></li>',
        "</ul>",
        "",
    ]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            '<!doctype html><html lang="en" class="no-js"><head><title>t</title></head><body>'
            "</head></body></html>",
            '<!doctype html><html lang="nb" class="no-js"><head><title>t</title><meta x>\n'
            "</head><body></head></body></html>",
        ),
        # a theme without a lang attribute or without a head: what is there is changed
        ("<html><head></head></html>", "<html><head><meta x>\n</head></html>"),
        ('<html lang="en"><body></body></html>', '<html lang="nb"><body></body></html>'),
        # a "</head>" before <html> (in a comment) is not the head's end
        (
            '<!-- </head> --><html lang="en"><head></head>',
            '<!-- </head> --><html lang="nb"><head><meta x>\n</head>',
        ),
        ("</head>", "<meta x>\n</head>"),
    ],
)
def test_the_page_language_and_head_additions_go_in_once(page: str, expected: str) -> None:
    assert pages.with_lang_and_head(page, "nb", "<meta x>\n") == expected
