"""Exact HTML of the renderer pieces no fixture site pins whole, and the links of the
generated pages: the ``::matrix`` table, the "Updated" note, what is made once per
site, and the sources index's links between pages.

In process and fast: ``make mutation`` runs this file for each mutant.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from explainers.data.diagnostics import Report
from explainers.data.model import (
    Claim,
    Evidence,
    HistoryEntry,
    Pos,
    Site,
    Source,
    Verdict,
)
from explainers.data.verdict_history import Change
from explainers.data.yaml_reader import node_at, read
from explainers.page.block_stash import DeferredBlocks
from explainers.page.i18n import Labels
from explainers.page.renderer import PageInfo, Renderer, ids_in, load_renderer
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
    # with the deferred blocks put in as it goes (none here): the same
    assert pages.with_lang_and_head(page, "nb", "<meta x>\n", DeferredBlocks().pieces) == expected


def renderer(lang: str = "en", **sources: Source) -> Renderer:
    site = Site(sources=dict(sources))
    return Renderer(site, Labels(lang), PageInfo(lang))


def test_byline_takes_text_only() -> None:
    r = renderer()
    assert r.byline({}) == ""
    assert r.byline({"authors": ["A", 3, "", "B"], "reviewers": "", "date": 2025}) == (
        '<p class="xp-byline">By A and B</p>'
    )
    assert r.byline({"reviewers": ["R"], "updated": "2025-10-21T10:00"}) == (
        '<p class="xp-byline">Reviewed by R · Updated '
        '<time datetime="2025-10-21">October 21, 2025</time></p>'
    )
    assert r.byline({"authors": {"x": 1}}) == ""


def test_corrections_need_a_note() -> None:
    r = renderer("nb")
    assert r.corrections({"corrections": [{"date": "2025-10-01"}, "x"]}) == ""
    assert r.corrections({"corrections": None}) == ""
    assert r.corrections({"corrections": [{"note": "Rettet *tall*."}]}) == (
        '<aside class="xp-corrections" aria-label="Rettelser">'
        '<p class="xp-corrections__heading">Rettelser</p><ul><li>: Rettet <em>tall</em>.</li></ul></aside>'
    )


def test_source_entries_per_type_and_language() -> None:
    book = Source("bk", "Title", Pos("f"), author=["A"], type="book", date="2019")
    question = Source("q", "Why?", Pos("f"), handle="@h", platform="X", type="social")
    bare = Source("b", "Bare", Pos("f"), place="Oslo")
    r = renderer()
    assert r.source_entry(book, 1, ["cite-bk-1"]) == (
        '<li id="source-bk" data-source="bk" value="1"><span class="xp-source__number">[1]</span> '
        '<span class="xp-source__text">A, <cite>Title</cite>, <time datetime="2019">2019</time>. '
        '<span class="xp-source__type">[Book]</span></span> <span class="xp-source__backs">'
        '<a class="xp-source__back" href="#cite-bk-1" aria-label="Back to citation 1">↩</a></span></li>'
    )
    assert r.source_entry(question, 2, ["s1", "s2"]).split('"xp-source__text">')[1] == (
        "@h, “Why?” <i>X</i>. "
        '<span class="xp-source__type">[Social media post]</span></span> <span class="xp-source__backs">'
        '<a class="xp-source__back" href="#s1" aria-label="Back to citation 2.1">↩<sup>1</sup></a> '
        '<a class="xp-source__back" href="#s2" aria-label="Back to citation 2.2">↩<sup>2</sup></a></span></li>'
    )
    assert "“Bare,” Oslo." in r.source_entry(bare, 3, [])
    assert "«Bare», Oslo. " in renderer("nb").source_entry(bare, 3, [])
    assert (
        r.source_list(["b", "zz"], {"b": 1}, {}) == '<ol class="xp-sources" data-sources>\n\n</ol>'
    )
    assert renderer(b=bare).source_list(["zz", "b"], {"b": 4}, {}).count("<li ") == 1


def test_post_card_without_links() -> None:
    post = Source("p", "T", Pos("f"), type="social", platform="X", text="One\nTwo\n\n\n\nThree  \n")
    assert renderer().post_card(post, 3, "cite-p-1") == (
        '<figure class="xp-post" data-post="p"><figcaption class="xp-post__head">'
        '<span class="xp-post__label">Post by</span> <span class="xp-post__author">X</span></figcaption>'
        '<blockquote class="xp-post__text"><p>One<br>Two</p><p>Three</p></blockquote>'
        '<p class="xp-post__meta">X <a class="footnote-ref xp-cite" data-cite="p" id="cite-p-1" '
        'href="#source-p">[3]</a></p></figure>'
    )


def test_unconfirmed_list_without_missing_items() -> None:
    claim = Claim("c", "C *x*.", "disputed", Pos("f"))
    assert renderer("nb").unconfirmed_list([claim], set()) == (
        '<p class="xp-unconfirmed__intro">Disse påstandene på siden er ikke avklart. '
        'Dette skal til for å avklare dem.</p><ul class="xp-unconfirmed__list">'
        '<li class="xp-unconfirmed__item" id="unconfirmed-c" data-claim="c" data-status="disputed">'
        '<p class="xp-unconfirmed__claim"><span class="xp-badge" data-status="disputed">'
        '<span class="xp-badge__icon" aria-hidden="true">⇄</span> '
        '<span class="xp-badge__label">Omstridt</span></span> C <em>x</em>.</p>'
        '<p class="xp-unconfirmed__missing-heading">Dette ville avgjort saken:</p>'
        "<p>Ingen åpne spørsmål er oppført.</p></li></ul>"
    )


def test_claim_box_repeated_has_no_ids() -> None:
    claim = Claim("c", "C.", "confirmed", Pos("f"), lang="en")
    r = renderer("nb")
    first = r.claim_box(claim, lambda s: (1, "x"))
    again = r.claim_box(claim, lambda s: (1, "x"), anchor=False)
    assert sorted(ids_in(first)) == ["claim-c", "claim-c-text"]
    assert ids_in(again) == set()
    assert '<p class="xp-claim__text" id="claim-c-text" lang="en">C.</p>' in first
    assert '<a class="xp-claim__permalink" href="#claim-c">' in first
    assert "<footer" not in again and 'aria-labelledby="claim-c-text"' in again


def test_load_renderer(tmp_path: Path) -> None:
    assert load_renderer(None, tmp_path) is Renderer
    assert load_renderer("explainers.page.renderer:Renderer", tmp_path) is Renderer
    (tmp_path / "mine.py").write_text(
        "from explainers import Renderer\nclass R(Renderer): pass\nclass N: pass\n", "utf-8"
    )
    assert load_renderer("mine:R", tmp_path).__name__ == "R"
    for spec, message in (
        ("mine:N", "renderer 'mine:N' is not a subclass of explainers.Renderer"),
        (
            "mine:Nope",
            "renderer 'mine:Nope' cannot be loaded: module 'mine' has no attribute 'Nope'",
        ),
        ("mine", "renderer 'mine' cannot be loaded: module 'mine' has no attribute ''"),
    ):
        with pytest.raises(ValueError) as caught:
            load_renderer(spec, tmp_path)
        assert str(caught.value) == message


def test_ids_in() -> None:
    assert ids_in('<p id="a"><b id="">x</b><i id=b></i><i data-id="c"></i>') == {"a", "b"}


def test_escaping_and_labels_fall_back() -> None:
    from explainers.page.renderer import esc

    assert esc("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"
    assert Labels("en", {"nb": {"sources": "K"}})["sources"] == "Sources"
    tree = read(b"sources:\n  - id: a\n", "f.yml", Report())
    assert node_at(tree, ["sources", 1]).line == 2  # one past the end: the list itself


def test_renderer_pieces_exactly() -> None:
    from explainers.data.model import Evidence, HistoryEntry

    src = Source("s", "Title!", Pos("f"), place="Station X")
    dot = Source("t", "Done.", Pos("f"), url="https://x.example/t")
    r = renderer("en", s=src, t=dot)
    assert "“Title!” Station X. <span" in r.source_entry(src, 1, [])
    assert "“Done.”. <span" in r.source_entry(dot, 2, [])
    assert r.source_list(["s", "t"], {"s": 1, "t": 2}, {}).count("</li>\n<li ") == 1
    claim = Claim(
        "c",
        "C.",
        "disputed",
        Pos("f"),
        appearance=["s", "t"],
        evidence=[
            Evidence("s", "supports", Pos("f")),
            Evidence("ghost", "supports", Pos("f"), locator="p. 1"),
        ],
        missing=["M1", "M2"],
        history=[
            HistoryEntry("2025", "unconfirmed", Pos("f")),
            HistoryEntry("2025-10", "disputed", Pos("f"), note="N"),
        ],
    )
    numbers = iter(range(1, 10))
    box = r.claim_box(claim, lambda s: (next(numbers), f"cite-{s}"))
    assert 'Appeared in: “Title!”; <a href="https://x.example/t">“Done.”</a></p>' in box
    assert (
        '<p class="xp-evidence__source">Title! <a class="footnote-ref xp-cite" data-cite="s" id="cite-s" '
        'href="#source-s">[1]</a></p></li><li><p class="xp-evidence__source">ghost <a class="footnote-ref '
        'xp-cite" data-cite="ghost" id="cite-ghost" href="#source-ghost">[2, p. 1]</a></p></li></ul>'
    ) in box
    assert '<p class="xp-claim__text" id="claim-c-text">C.</p>' in box
    assert (
        '<ol><li><time datetime="2025">2025</time>: <span class="xp-badge" data-status="unconfirmed">'
        '<span class="xp-badge__icon" aria-hidden="true">?</span> <span class="xp-badge__label">Unconfirmed'
        '</span></span></li><li><time datetime="2025-10">October 2025</time>: <span class="xp-badge" '
        'data-status="disputed"><span class="xp-badge__icon" aria-hidden="true">⇄</span> '
        '<span class="xp-badge__label">Disputed</span></span> N</li></ol>'
    ) in box
    claim.lang = "en"
    assert '<p class="xp-claim__text" id="claim-c-text">C.</p>' in r.claim_box(
        claim, lambda s: (1, "a")
    )
    listed = r.unconfirmed_list([claim, claim], {"c"})
    assert "<ul><li>M1</li><li>M2</li></ul></li><li class=" in listed
    assert r.corrections(
        {"corrections": [{"date": "2025", "note": "A"}, {"date": "2026", "note": "B"}]}
    ).endswith(
        '<ul><li><time datetime="2025">2025</time>: A</li><li><time datetime="2026">2026</time>: B</li></ul></aside>'
    )
    post = Source("p", "T", Pos("f"), author=["A", "B"], lang="nb", text="Hei", type="social")
    card = r.post_card(post, 1, "cite-p-1")
    assert (
        '<span class="xp-post__author">A, B</span></figcaption><blockquote class="xp-post__text" lang="nb">'
        in card
    )


def test_load_renderer_adds_the_site_folder_once(tmp_path: Path) -> None:
    import sys

    root = tmp_path / "once"
    root.mkdir()
    (root / "once_renderer.py").write_text(
        "from explainers import Renderer\nclass R(Renderer): pass\n", "utf-8"
    )
    load_renderer("once_renderer:R", root)
    load_renderer("once_renderer:R", root)
    assert sys.path.count(str(root)) == 1
    sys.path.remove(str(root))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", 'Published <time datetime="2026-12-05">December 5, 2026</time>'),
        ("nb", 'Publisert <time datetime="2026-12-05">5. desember 2026</time>'),
    ],
)
def test_byline_says_updated_only_when_it_differs(lang: str, expected: str) -> None:
    r = renderer(lang)
    same = r.byline({"date": "2026-12-05", "updated": "2026-12-05T10:00"})
    assert same == f'<p class="xp-byline">{expected}</p>'
    later = r.byline({"date": "2026-12-05", "updated": "2026-12-06"})
    assert later.startswith(f'<p class="xp-byline">{expected} · ')
    assert "2026-12-06" in later


@pytest.mark.parametrize("lang", ["en", "nb"])
@pytest.mark.parametrize(
    "pasted", ["“This is not correct.”", "«This is not correct.»", '"This is not correct."']
)
def test_pasted_quotation_marks_are_shown_once(lang: str, pasted: str) -> None:
    """The page puts its own marks around a quote (``<q>``) and a title: pasted ones go."""
    source = Source("s", pasted, Pos("f"), publisher="P")
    r = renderer(lang, s=source)
    claim = Claim(
        "c",
        pasted,
        "confirmed",
        Pos("f"),
        evidence=[Evidence("s", "supports", Pos("f"), quote=pasted)],
    )
    html = r.evidence(claim, lambda ident: (1, "cite-s-1"))
    assert '<q class="xp-evidence__quote">This is not correct.</q>' in html
    left, right = {"en": ("“", "”"), "nb": ("«", "»")}[lang]
    assert Labels(lang).quote(pasted) == f"{left}This is not correct.{right}"
    reference = r.reference(source)
    assert reference.count("This is not correct.") == 1
    assert f"{left}This is not correct." in reference
    for mark in '“”«»"':
        if mark not in (left, right):
            assert mark not in reference.split("<span")[0]
    # marks that do not wrap the whole text stay
    assert Labels(lang).quote("“A” and “B”") == f"{left}“A” and “B”{right}"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Draft</span> mkdocs build leaves this out until its draft: true is removed."),
        ("nb", "Utkast</span> mkdocs build utelater dette til draft: true er fjernet."),
    ],
)
def test_a_draft_says_so_at_its_top(lang: str, expected: str) -> None:
    """Under ``serve`` a draft article starts with its mark and what the build does."""
    assert renderer(lang).draft_banner() == (
        f'<p class="xp-draft-note" data-draft><span class="xp-draft">{expected}</p>'
    )


def translated_claim() -> Claim:
    """A claim reviewed in English whose texts are given per language (as the loader
    makes it: the plain fields hold its own language's text), one of them in Bokmål."""
    return Claim(
        "c",
        "Claim E",
        "confirmed",
        P,
        lang="en",
        claimant="Who E",
        summary="Sum E",
        evidence=[
            Evidence("s", "supports", P, note="Note E0"),
            Evidence("s", "context", P, note="Note E1"),
        ],
        history=[HistoryEntry("2025", "confirmed", P, note="Hist E")],
        missing=["Miss E0", "Miss E1"],
        texts={
            "claim": {"en": "Claim E"},
            "claimant": {"en": "Who E"},
            "summary": {"en": "Sum E"},
            "evidence.1.note": {"en": "Note E1"},
            "history.0.note": {"en": "Hist E"},
            "missing.0": {"en": "Miss E0"},
            "missing.1": {"en": "Miss E1", "nb": "Mangler N1"},
        },
    )


FALLBACK_NB = (
    '<p class="xp-claim__fallback" role="note">Deler av denne vurderingen er ikke skrevet på '
    "norsk ennå: de vises på språket påstanden ble vurdert på.</p>"
)


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"),
    [
        (
            "en",
            [
                '<p class="xp-claim__text" id="claim-c-text">Claim E</p>',
                '<p class="xp-claim__meta">Claimed by Who E</p>',
                '<div class="xp-claim__summary"><p>Sum E</p></div>',
                '<div class="xp-evidence__note"><p>Note E1</p></div>',
                "<ul><li>Miss E0</li><li>Miss E1</li></ul>",
                "</span></span> Hist E</li>",
            ],
            ['lang="en">', "xp-claim__fallback", "Mangler"],
        ),
        (
            "nb",
            [
                '<p class="xp-claim__text" id="claim-c-text" lang="en">Claim E</p>',
                '<p class="xp-claim__meta">Fremsatt av <span lang="en">Who E</span></p>',
                f"</header>\n{FALLBACK_NB}\n",
                '<div class="xp-claim__summary" lang="en"><p>Sum E</p></div>',
                # the first note has no text per language: as written, no attribute
                '<div class="xp-evidence__note"><p>Note E0</p></div>',
                '<div class="xp-evidence__note" lang="en"><p>Note E1</p></div>',
                '<ul><li lang="en">Miss E0</li><li>Mangler N1</li></ul>',
                '</span></span> <span lang="en">Hist E</span></li>',
            ],
            ["Miss E1"],
        ),
    ],
)
def test_text_in_another_language_says_its_language(
    lang: str, shown: list[str], not_shown: list[str]
) -> None:
    """A box on a page in another language than a text field's marks that field with its
    language and says so once; the unconfirmed list marks its items alike."""
    r = renderer(lang, s=Source("s", "S", P))
    box = r.claim_box(translated_claim(), lambda s: (1, "cite-s"))
    for part in shown:
        assert part in box
    for part in not_shown:
        assert part not in box.replace(f'lang="{lang}" data-search-exclude', "")
    listed = r.unconfirmed_list([translated_claim()], set())
    assert shown[4 if lang == "en" else 6] in listed
    # the claim's own text too, beside the badge and link in the page's language
    text = "Claim E</p>" if lang == "en" else '<span lang="en">Claim E</span></p>'
    assert f"</span> {text}" in listed
    assert r.fallback_note(r.local(translated_claim())) == ("" if lang == "en" else FALLBACK_NB)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            ' <span class="xp-draft" data-draft title="mkdocs build leaves this out until its '
            'draft: true is removed.">Draft</span>',
        ),
        (
            "nb",
            ' <span class="xp-draft" data-draft title="mkdocs build utelater dette til draft: '
            'true er fjernet.">Utkast</span>',
        ),
    ],
)
def test_a_draft_claim_or_source_is_marked(lang: str, expected: str) -> None:
    r = renderer(lang)
    draft_source = Source("s", "S", P, draft=True)
    assert r.draft_mark(draft_source) == expected
    assert r.draft_mark(Source("t", "T", P)) == ""
    assert r.draft_mark(Claim("c", "C.", "confirmed", P, draft=True)) == expected
    assert f'</span></span>{expected} <span class="xp-source__backs">' in r.source_entry(
        draft_source, 1, []
    )


def test_a_verdict_with_a_badge_colour_says_it_wherever_it_is_shown() -> None:
    scale = {"odd": Verdict("odd", {"en": "Odd"}, False, "!", badge="purple")}
    r = Renderer(Site(scale=scale), Labels("en"), PageInfo("en"))
    claim = Claim("c", "C.", "odd", P)
    badge = (
        '<span class="xp-badge" data-status="odd" data-badge="purple">'
        '<span class="xp-badge__icon" aria-hidden="true">!</span> '
        '<span class="xp-badge__label">Odd</span></span>'
    )
    assert r.badge("odd") == badge
    assert (
        '<section class="xp-claim" id="claim-c" data-claim="c" data-status="odd" data-badge="purple" '
        in (r.box_head(claim))
    )
    assert 'data-claim="c" data-status="odd" data-badge="purple">' in r.unconfirmed_list(
        [claim], set()
    )
    assert r.badge_attr("confirmed") == ""


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        # the same day with a time: "Updated" says nothing
        (
            {"date": "2026-12-05T09:00", "updated": "2026-12-05T10:00"},
            'Published <time datetime="2026-12-05">December 5, 2026</time>',
        ),
        # a date that is not one is shown as written
        ({"date": "XXXX"}, 'Published <time datetime="XXXX">XXXX</time>'),
    ],
)
def test_byline_dates_exactly(meta: dict[str, str], expected: str) -> None:
    assert renderer().byline(meta) == f'<p class="xp-byline">{expected}</p>'
