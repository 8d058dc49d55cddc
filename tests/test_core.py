"""Small exact tables for the core modules, in process (the net `make mutation` measures):
the verdict scale option, the syntax parsers, ids, the YAML reader's helpers, the
renderer's edge cases and the generated pages' helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers.data.diagnostics import Diagnostic, Report
from explainers.data.load import data_files, rel
from explainers.data.model import (
    DEFAULT_SCALE,
    ID_RE,
    Claim,
    Evidence,
    Pos,
    Site,
    Source,
    Verdict,
)
from explainers.data.scales import ScaleError, scale_from_config
from explainers.data.yaml_reader import Mapping, Scalar, Sequence, decode, node_at, read, to_plain
from explainers.page.i18n import Labels, check_label_overrides
from explainers.page.renderer import PageInfo, Renderer, ids_in, load_renderer
from explainers.page.syntax import CiteItem, Directive, parse_cite_group, parse_directive
from explainers.site import indexes as pages

# -- the verdict scale option ------------------------------------------------------


def test_scale_from_config_builds_verdicts() -> None:
    scale = scale_from_config(
        {
            "unconfirmed": {"en": "Open", "nb": "Åpen", "settled": False},
            "mostly-true": {"en": "Mostly true", "settled": True, "icon": "≈"},
            "bare": {},
            7: {"nb": "Sju"},
        }
    )
    assert scale == {
        "unconfirmed": Verdict("unconfirmed", {"en": "Open", "nb": "Åpen"}, False, "?"),
        "mostly-true": Verdict("mostly-true", {"en": "Mostly true"}, True, "≈"),
        "bare": Verdict("bare", {"en": "bare"}, False, "•"),
        "7": Verdict("7", {"nb": "Sju"}, False, "•"),
    }
    assert [scale_from_config(None), scale_from_config({}), scale_from_config([])] == [None] * 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("text", "scale must be a mapping of KEY: {en: LABEL, nb: LABEL, settled: true|false}"),
        (["a"], "scale must be a mapping of KEY: {en: LABEL, nb: LABEL, settled: true|false}"),
        (
            {"a": "yes"},
            "scale: 'a' must be a mapping with en, nb, settled and optionally icon, badge and rating",
        ),
        (
            {"a": {"en": "A", "colour": 1, "bad": 2}},
            "scale: 'a' has unknown field 'bad'; did you mean 'badge'?",
        ),
        ({"a": {"settled": "yes"}}, "scale: 'a': settled must be true or false"),
    ],
)
def test_scale_errors(raw: object, message: str) -> None:
    with pytest.raises(ScaleError) as caught:
        scale_from_config(raw)
    assert str(caught.value) == message


def test_verdict_labels_and_settled() -> None:
    assert Verdict("k", {"nb": "N"}, False).label("en") == "k"
    assert Verdict("k", {"nb": "N"}, False).label("nb") == "N"
    assert Verdict("k", {"en": "E"}, False).label("nb") == "E"
    assert Verdict("k", {}, True).label("en") == "k"
    assert Verdict("k", {}, True).icon == "•"
    site = Site()
    assert site.scale == DEFAULT_SCALE and site.scale is not DEFAULT_SCALE
    claim = Claim("c", "C.", "confirmed", Pos("p"))
    assert site.settled(claim) is True
    claim.status = "unconfirmed"
    assert site.settled(claim) is False
    claim.status = "nope"
    assert site.settled(claim) is False
    assert str(Pos("a.yml", 3, 7)) == "a.yml:3:7" and str(Pos("b")) == "b:1:1"


def test_positions_of_fields_fall_back_to_the_entry() -> None:
    source = Source("s", "T", Pos("f", 2, 5), field_pos={"title": Pos("f", 3, 12)})
    assert (source.at("title"), source.at("url")) == (Pos("f", 3, 12), Pos("f", 2, 5))
    claim = Claim("c", "C.", "x", Pos("g", 4, 5), field_pos={"status": Pos("g", 6, 13)})
    assert (claim.at("status"), claim.at("date")) == (Pos("g", 6, 13), Pos("g", 4, 5))


@pytest.mark.parametrize(
    ("ident", "ok"),
    [
        ("a", True),
        ("a-1", True),
        ("0x", True),
        ("-a", False),
        ("A", False),
        ("a_b", False),
        ("", False),
        ("a b", False),
        ("å", False),
    ],
)
def test_id_rule(ident: str, ok: bool) -> None:
    assert bool(ID_RE.match(ident)) is ok


# -- the syntax ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inner", "items"),
    [
        ("@a", [CiteItem("a", "", 0)]),
        ("@a, p. 12", [CiteItem("a", "p. 12", 0)]),
        (
            "@a; @b, ch. 3;@c",
            [CiteItem("a", "", 0), CiteItem("b", "ch. 3", 4), CiteItem("c", "", 14)],
        ),
        ("@a ,  p. 2 ", [CiteItem("a", "p. 2", 0)]),
        ("@a.b-c_d", [CiteItem("a.b-c_d", "", 0)]),
        ("@", None),
        ("@ a", None),
        ("@a b", [CiteItem("a", "b", 0)]),  # Pandoc's locator without a comma
        ("@a; b", None),
        ("@a;", None),
        ("a", None),
        ("ab", None),
        ("@a; ab", None),
        (";".join(["@a"] * 50), [CiteItem("a", "", 3 * i) for i in range(50)]),
        (";".join(["@a"] * 51), None),
    ],
)
def test_parse_cite_group(inner: str, items: list[CiteItem] | None) -> None:
    assert parse_cite_group(inner) == items


@pytest.mark.parametrize(
    ("line", "directive"),
    [
        ("::claim[x]", Directive("claim", "x")),
        ("  ::post[p-1] \t", Directive("post", "p-1")),
        ("::unconfirmed", Directive("unconfirmed")),
        ("::sources", Directive("sources")),
        ("::claim[]", Directive("claim", "")),
        ("::claim[x] y", None),
        ("::claims[x]", None),
        (":claim[x]", None),
        ("::sources please", None),
        ("::claim[a b]", None),
    ],
)
def test_parse_directive(line: str, directive: Directive | None) -> None:
    assert parse_directive(line) == directive


# -- the YAML reader's helpers ------------------------------------------------------


def test_node_at_and_to_plain() -> None:
    tree = read(b"sources:\n  - id: a\n    tags: [x, y]\n", "f.yml", Report())
    assert isinstance(tree, Mapping)
    assert to_plain(tree) == {"sources": [{"id": "a", "tags": ["x", "y"]}]}
    assert to_plain(None) is None
    tags = node_at(tree, ["sources", 0, "tags", 1])
    assert (tags.value, tags.line, tags.col) == ("y", 3, 15)
    assert node_at(tree, ["sources", 5]).line == 2  # the deepest node reached: the list
    assert node_at(tree, ["nope"]) is tree
    assert node_at(tree, ["sources", "id"]).col == 3
    entry = node_at(tree, ["sources", 0])
    assert isinstance(entry, Mapping) and entry.get("nope") is None
    assert entry.key_node("tags") == Scalar("tags", 3, 5) and entry.key_node("x") is None
    assert isinstance(node_at(tree, ["sources"]), Sequence)


@pytest.mark.parametrize(
    ("data", "text", "errors"),
    [
        (b"a: 1\r\nb: 2\rc", "a: 1\nb: 2\nc", []),
        (b"\xef\xbb\xbfa", "a", []),
        (b"ok\nab\xffc", None, ["f:2:3: error: file is not UTF-8 (byte 0xff cannot be decoded)"]),
        (b"\xc3\xa5\xe5", None, ["f:1:2: error: file is not UTF-8 (byte 0xe5 cannot be decoded)"]),
    ],
)
def test_decode(data: bytes, text: str | None, errors: list[str]) -> None:
    report = Report()
    assert decode(data, "f", report) == text
    assert [str(d) for d in report.items] == errors


def test_data_files_and_rel(tmp_path: Path) -> None:
    for name in ("b.yml", "a/z.yaml", "a/y.txt", "c.YML", "a.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    (tmp_path / "d.yml").mkdir()
    assert [p.relative_to(tmp_path).as_posix() for p in data_files(tmp_path)] == [
        "a.yml",
        "a/z.yaml",
        "b.yml",
    ]
    assert data_files(tmp_path / "missing") == []
    assert rel(tmp_path / "a" / "z.yaml", tmp_path) == "a/z.yaml"
    assert rel(Path("/elsewhere/x.yml"), tmp_path) == "/elsewhere/x.yml"


# -- the renderer's edge cases ------------------------------------------------------


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
        "from explainers.page.renderer import Renderer\nclass R(Renderer): pass\nclass N: pass\n", "utf-8"
    )
    assert load_renderer("mine:R", tmp_path).__name__ == "R"
    for spec, message in (
        ("mine:N", "renderer 'mine:N' is not a subclass of explainers.render.Renderer"),
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


# -- generated pages' helpers -------------------------------------------------------


def test_md_text_makes_text_inert() -> None:
    assert pages.md_text("  a\\b *c* [d](e) <f> #1 a-b! \"q\" 'r' & ") == (
        "a\\\\b \\*c\\* \\[d\\]\\(e\\) &lt;f&gt; \\#1 a\\-b\\! \"q\" 'r' &amp;"
    )


def test_after_title() -> None:
    assert pages.after_title("<h1>T</h1><p>x</p>", "<i>b</i>") == "<h1>T</h1>\n<i>b</i><p>x</p>"
    assert pages.after_title("<h1>T</h1><h1>U</h1>", "<i>b</i>") == "<h1>T</h1>\n<i>b</i><h1>U</h1>"
    assert pages.after_title("<p>x</p>", "<i>b</i>") == "<i>b</i><p>x</p>"
    assert pages.after_title("<h1>T</h1>", "") == "<h1>T</h1>"


def test_label_overrides_are_checked() -> None:
    check_label_overrides({"en": {"sources": "Refs"}, "nb": {}})
    for raw, message in (
        ([], "labels must be a mapping of language (en, nb) to {label: text}"),
        ({"de": {}}, "labels: 'de' is not a language this site publishes in (en, nb)"),
        ({"en": "x"}, "labels: 'en' must be a mapping of label to text"),
        ({"nb": {"sources": 3}}, "labels: 'nb.sources' must be text"),
    ):
        with pytest.raises(ValueError) as caught:
            check_label_overrides(raw)
        assert str(caught.value) == message
    with pytest.raises(ValueError, match=r"^labels: unknown label 'x' \(known: accessed, and, "):
        check_label_overrides({"en": {"x": "y"}})


def test_generated_indexes_skip_empty_statuses_and_odd_entries() -> None:
    from explainers.site.markdown_export import claim_page

    site = Site(
        sources={
            "s": Source("s", "Lonely", Pos("f"), url="https://x.example/a>b"),
            "t": Source("t", "Two", Pos("f"), url="https://x.example/t"),
        },
        claims={"c": Claim("c", "C.", "false", Pos("f"))},
    )
    # What the render found: "ghost" is no claim, "gone.md" is no page of the site.
    index = pages.SiteIndex(
        titles={"a.md": "A page"},
        claim_pages={"ghost": ["a.md"], "c": ["a.md", "gone.md"]},
        source_pages={"t": ["gone.md", "a.md"]},
    )
    # Claim pages are written outside the page loop: one raw HTML list per verdict,
    # linking their URLs (one block, not an inline tag per link, for large sites).
    assert pages.claims_index(site, Labels("en")).split("\n")[6:] == [
        "# Claims",
        "",
        "## ✗ False",
        "",
        '<ul class="xp-claims-index" data-search-exclude="">',
        '<li><a href="c/" data-claim="c">C.</a></li>',
        "</ul>",
        "",
        "",
    ]
    # For other hosts (explainers pages) the claim pages are Markdown files beside it.
    assert pages.claims_index(site, Labels("en"), md_links=True).split("\n")[6:] == [
        "# Claims",
        "",
        "## ✗ False",
        "",
        "- [C\\.](c.md)",
        "",
    ]
    # Where the host gives the pages' URLs (MkDocs), the list is one raw HTML block.
    index_urls = pages.SiteIndex(
        titles=index.titles, urls={"a.md": "a/"}, source_pages=index.source_pages
    )
    assert pages.sources_index(site, index_urls, Labels("en")).split("\n")[10:] == [
        '<ul class="xp-sources-index">',
        '<li><span id="source-s"></span>“Lonely”. [Document] '
        '<a href="https://x.example/a&gt;b">https://x.example/a&gt;b</a></li>',
        '<li><span id="source-t"></span>“Two”. [Document] '
        '<a href="https://x.example/t">https://x.example/t</a> — Cited in: '
        '<a href="../a/">A page</a></li>',
        "</ul>",
        "",
    ]
    # The plugin renders markers in their place and puts the lists back afterwards.
    whole = pages.sources_index(site, index_urls, Labels("en"))
    lifted, lists = pages.lift_lists(whole)
    assert lifted.split("\n")[10:] == ['<div data-xp-list="0"></div>', ""]
    assert list(lists) == ['<div data-xp-list="0"></div>']
    assert pages.put_lists(lifted, lists) == whole
    two = pages.claims_index(site, Labels("en")) + whole
    assert len(pages.lift_lists(two)[1]) == 2
    assert pages.put_lists(*pages.lift_lists(two)) == two
    assert pages.sources_index(site, index, Labels("en")).split("\n")[10:] == [
        '- <span id="source-s"></span>“Lonely”\\. \\[Document\\]',
        '- <span id="source-t"></span>“Two”\\. \\[Document\\] <https://x.example/t> — Cited in: [A page](../a.md)',
        "",
    ]
    assert claim_page(site.claims["c"], "en", []).split("\n")[8:] == [
        "[Claims](index.md)",
        "",
        "# C\\.",
        "",
        "::claim[c]",
        "",
        "::unconfirmed",
        "",
        "::sources",
        "",
    ]


def test_load_site_uses_the_given_scale(tmp_path: Path) -> None:
    from explainers.data.load import load_site

    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()  # a missing data folder is an error of its own
    (tmp_path / "claims" / "c.yml").write_text(
        "claims:\n  - id: c\n    claim: C.\n    status: mostly-true\n"
        "  - id: d\n    claim: D.\n    status: confirmed\n",
        "utf-8",
    )
    scale = {"mostly-true": Verdict("mostly-true", {"en": "Mostly true"}, True)}
    loaded = load_site(tmp_path, tmp_path / "claims", tmp_path / "sources", scale)
    assert loaded.site.scale == scale and loaded.site.scale is not scale
    assert [str(d) for d in loaded.report.items] == [
        "claims/c.yml:7:13: error: status 'confirmed' is not on the verdict scale (mostly-true)"
        "; the site's scale: option replaces the default scale, which has 'confirmed'; add "
        "confirmed: {en: LABEL, nb: LABEL, settled: true|false} to scale:, or set "
        "scale_extends: default to keep the default verdicts and add yours to them",
        "claims/c.yml:2:5: warning: claim 'c' has no 'history': add a history entry with the date"
        " it was first published",
        "claims/c.yml:5:5: warning: claim 'd' has no 'history': add a history entry with the date"
        " it was first published",
    ]


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
        "from explainers.page.renderer import Renderer\nclass R(Renderer): pass\n", "utf-8"
    )
    load_renderer("once_renderer:R", root)
    load_renderer("once_renderer:R", root)
    assert sys.path.count(str(root)) == 1
    sys.path.remove(str(root))


def test_claim_review_edge_cases() -> None:
    from explainers.page import jsonld

    site = Site(
        sources={"s": Source("s", "S", Pos("f"), author=["A", "B"])},
        claims={},
    )
    claim = Claim("c", "C.", "maybe", Pos("f"), appearance=["ghost", "s"])
    review = jsonld.claim_review(claim, site, "u", "P", "en")
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "maybe"}
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "name": "S", "author": {"@type": "Organization", "name": "A, B"}}
    ]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (b"a: 1\n---\nb: 2\n", ["f:2:1: error: a file holds one YAML document; found a second"]),
        (b"---\na: 1\n", []),
        (b"hello\n---\nworld\n", ["f:2:1: error: a file holds one YAML document; found a second"]),
        # today: at the end of the key (`]`), and the character as a number
        (b"a:\n  ? [x]\n  : y\n", ["f:2:7: error: a mapping key must be plain text"]),
        (b"a: 1\nb: x\x07y\n", ["f:2:5: error: YAML does not parse: character 7 is not allowed"]),
        (b"a: 1\n  b: x\x07y\n", ["f:2:7: error: YAML does not parse: character 7 is not allowed"]),
        (
            b"a: 1\nb: 2\nc: x\x07\n",
            ["f:3:5: error: YAML does not parse: character 7 is not allowed"],
        ),
    ],
)
def test_yaml_reader_errors(data: bytes, errors: list[str]) -> None:
    report = Report()
    read(data, "f", report)
    assert [str(d) for d in report.items] == errors


def test_yaml_reader_top_level_scalar_and_size_limit() -> None:
    from explainers.data.yaml_reader import MAX_BYTES

    assert read(b"hello\n", "f", Report()) == Scalar("hello", 1, 1)
    report = Report()
    data = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(data) == MAX_BYTES
    assert isinstance(read(data, "f", report), Mapping) and report.items == []


def test_model_objects_keep_their_entry_position_and_text() -> None:
    from explainers.data.load import claim_from, source_from

    tree = read(
        b"sources:\n  - id: s\n    title: T\n    author: ''\n"
        b"claims:\n  - id: c\n    claim: C.\n    status: x\n    lang: nb\n",
        "f.yml",
        Report(),
    )
    source = source_from(tree.get("sources").items[0], "f.yml")
    assert (source.pos, source.author) == (Pos("f.yml", 2, 5), [])
    claim = claim_from(tree.get("claims").items[0], "f.yml")
    assert (claim.pos, claim.lang) == (Pos("f.yml", 6, 5), "nb")


def test_report_keeps_each_problem_once_in_order() -> None:
    report = Report([Diagnostic("b.yml", 1, 1, "error", "x")])
    report.warning("a.yml", 2, 1, "y")
    report.error("b.yml", 1, 1, "x")  # given at construction: not again
    report.warning("a.yml", 2, 1, "y")
    report.mark_first(1)
    report.warning("a.yml", 2, 1, "y")  # a root cause now; still the same problem
    other = Report()
    other.warning("a.yml", 2, 1, "y")
    other.warning("c.yml", 3, 1, "z")
    report.extend(other)
    assert [(str(d), d.first) for d in report.items] == [
        ("b.yml:1:1: error: x", False),
        ("a.yml:2:1: warning: y", True),
        ("c.yml:3:1: warning: z", False),
    ]
    assert Diagnostic("c.yml", 3, 1, "warning", "z") in report
    assert Diagnostic("c.yml", 3, 1, "error", "z") not in report


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
        "c", pasted, "confirmed", Pos("f"), evidence=[Evidence("s", "supports", Pos("f"), quote=pasted)]
    )
    html = r.evidence(claim, lambda ident: (1, "cite-s-1"))
    assert '<q class="xp-evidence__quote">This is not correct.</q>' in html
    left, right = {"en": ("“", "”"), "nb": ("«", "»")}[lang]
    assert Labels(lang).quote(pasted) == f"{left}This is not correct.{right}"
    reference = r.reference(source)
    assert reference.count("This is not correct.") == 1
    assert f"{left}This is not correct." in reference
    for mark in "“”«»\"":
        if mark not in (left, right):
            assert mark not in reference.split("<span")[0]
    # marks that do not wrap the whole text stay
    assert Labels(lang).quote("“A” and “B”") == f"{left}“A” and “B”{right}"


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\x85"])
def test_a_diagnostic_prints_on_one_line_whatever_its_message_quotes(brk: str) -> None:
    """A nav entry cut mid-value by a damaged mkdocs.yml put a line break in the message:
    its second half printed as a line out of the contract's form."""
    shown = str(Diagnostic("mkdocs.yml", 3, 5, "warning", f"nav entry 'a.md{brk}   v' is missing"))
    assert shown.splitlines() == [shown]
    assert shown.startswith("mkdocs.yml:3:5: warning: nav entry 'a.md\\")
