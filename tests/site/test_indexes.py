"""The index pages' helpers: inert Markdown text, what goes after the title, the
claims and sources indexes of odd data."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from explainers.data.model import (
    Claim,
    Pos,
    Site,
    Source,
)
from explainers.page.block_stash import DeferredBlocks
from explainers.page.i18n import Labels
from explainers.site import indexes as pages


def test_md_text_makes_text_inert() -> None:
    assert pages.md_text("  a\\b *c* [d](e) <f> #1 a-b! \"q\" 'r' & ") == (
        "a\\\\b \\*c\\* \\[d\\]\\(e\\) &lt;f&gt; \\#1 a\\-b\\! \"q\" 'r' &amp;"
    )


def test_after_title() -> None:
    assert pages.after_title("<h1>T</h1><p>x</p>", "<i>b</i>") == "<h1>T</h1>\n<i>b</i><p>x</p>"
    assert pages.after_title("<h1>T</h1><h1>U</h1>", "<i>b</i>") == "<h1>T</h1>\n<i>b</i><h1>U</h1>"
    assert pages.after_title("<p>x</p>", "<i>b</i>") == "<i>b</i><p>x</p>"
    assert pages.after_title("<h1>T</h1>", "") == "<h1>T</h1>"


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
        '<li data-claim="c" data-status="false"><a href="c/">C.</a></li>',
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


def test_index_pages_lift_fill_and_remember_what_was_written() -> None:
    """A build's index pages: the host renders markers, the lists go back into its HTML,
    and under ``--dirty`` a page made from the text written last time may stay as it is."""
    text = '# Claims\n\n<ul class="xp-claims-index">\n<li>one</li>\n</ul>\n'
    built = pages.IndexPages()
    markdown, same = built.make("claims/index.md", text, keep=True)
    assert (markdown, same) == ('# Claims\n\n<div data-xp-list="0"></div>\n', False)
    html = '<h1>Claims</h1>\n<div data-xp-list="0"></div>\n'
    lists = ['<ul class="xp-claims-index">\n<li>one</li>\n</ul>']
    assert built.fill("claims/index.md", html) == (
        '<h1>Claims</h1>\n<ul class="xp-claims-index">\n<li>one</li>\n</ul>\n',
        lists,
        [],
        [],
    )
    assert built.fill("claims/index.md", html) == (html, [], [], [])  # put back once only
    assert built.fill("other.md", "<p>x</p>") == ("<p>x</p>", [], [], [])  # not an index page
    assert built.make("claims/index.md", text, keep=True)[1] is False  # not written yet
    built.written("claims/index.md")
    built.written("never-made.md")
    assert list(built.texts) == ["claims/index.md"] and built.made == {}
    # what --dirty compares is held as a digest: not the page's megabytes of text
    assert all(not isinstance(held, str) and len(held) <= 64 for held in built.texts.values())
    assert built.make("claims/index.md", text, keep=True)[1] is True


def test_index_pages_lists_wait_deferred_till_the_page_is_finished() -> None:
    """With deferred blocks the page holds a marker per list (a large site's claims index
    is megabytes of lists the host would hold through its build); filling the finished
    page puts the same lists back."""
    text = (
        '# Claims\n\n<ul class="xp-claims-index" data-search-exclude="">\n<li>one</li>\n</ul>\n'
        '\n## More\n\n<ul class="xp-claims-index">\n<li>two</li>\n</ul>\n'
    )
    built, defer = pages.IndexPages(), DeferredBlocks()
    markdown = built.make("claims/index.md", text, keep=False)[0]
    html = markdown.replace("# Claims", "<h1>Claims</h1>").replace("## More", "<h2>More</h2>")
    whole = pages.IndexPages()
    whole.make("claims/index.md", text, keep=False)
    expected, lists, _, skipped = whole.fill("claims/index.md", html)
    page, held, ids, hidden = built.fill("claims/index.md", html, defer)
    assert len(lists) == len(held) == 2 and ids == []
    assert skipped == lists[:1] and hidden == held[:1]  # data-search-exclude
    assert all(h in page and "xp-claims-index" not in h for h in held)
    assert "<li>" not in page  # the lists wait compressed
    assert defer.fill(page) == expected
    assert built.make("claims/index.md", text, keep=False)[1] is False  # no --dirty
    assert built.make("claims/index.md", text + "<p>new</p>\n", keep=True)[1] is False


def tagged_site() -> Site:
    at = Pos("f")
    return Site(
        claims={
            "b-two": Claim(
                "b-two", "Two *tagged*.", "false", at, tags=["economy", "Health"],
                claimant="Minister", date="2025-03",
            ),
            "a-one": Claim("a-one", "One.", "confirmed", at, tags=["health", "economy", "economy"]),
            "plain": Claim("plain", "Untagged.", "disputed", at, draft=True),
            "odd": Claim("odd", "Off scale.", "satire", at, tags=["economy"]),
            "multi": Claim(
                "multi", "In English.", "false", at, lang="en",
                texts={"claim": {"en": "In English.", "nb": "På norsk."}},
            ),
            "own-nb": Claim(
                "own-nb", "Norsk.", "false", at, lang="nb",
                texts={"claim": {"nb": "Norsk.", "en": "Norwegian."}},
            ),
        }
    )  # fmt: skip


def test_the_claims_index_by_tag() -> None:
    """``claims_index_group: tag``: a group per tag (case-folded order, each spelling its
    own), a claim under each of its tags once, its verdict beside it (none off the scale),
    the untagged last; a claim written in the index's language links that page."""
    assert pages.claims_index(tagged_site(), Labels("nb"), group="tag").split("\n")[6:] == [
        "# Påstander",
        "",
        "## economy",
        "",
        '<ul class="xp-claims-index" data-search-exclude="">',
        '<li data-claim="a-one" data-status="confirmed"><a href="a-one/">One.</a> — ✓ Bekreftet</li>',
        '<li data-claim="b-two" data-status="false"><a href="b-two/">Two tagged.</a> — ✗ Usant, Fremsatt av '
        "Minister, mars 2025</li>",
        '<li data-claim="odd" data-status="satire"><a href="odd/">Off scale.</a></li>',
        "</ul>",
        "",
        "",
        "## Health",
        "",
        '<ul class="xp-claims-index" data-search-exclude="">',
        '<li data-claim="b-two" data-status="false"><a href="b-two/">Two tagged.</a> — ✗ Usant, Fremsatt av '
        "Minister, mars 2025</li>",
        "</ul>",
        "",
        "",
        "## health",
        "",
        '<ul class="xp-claims-index" data-search-exclude="">',
        '<li data-claim="a-one" data-status="confirmed"><a href="a-one/">One.</a> — ✓ Bekreftet</li>',
        "</ul>",
        "",
        "",
        "## Uten emneord",
        "",
        '<ul class="xp-claims-index" data-search-exclude="">',
        '<li data-claim="multi" data-status="false"><a href="multi/nb/">På norsk.</a> — ✗ Usant</li>',
        '<li data-claim="own-nb" data-status="false"><a href="own-nb/">Norsk.</a> — ✗ Usant</li>',
        '<li data-claim="plain" data-status="disputed"><a href="plain/">Untagged.</a> — ⇄ Omstridt '
        '<span class="xp-draft" data-draft>Utkast</span></li>',
        "</ul>",
        "",
        "",
    ]


def test_the_claims_index_by_verdict_links_each_claims_page_in_its_language() -> None:
    lines = pages.claims_index(tagged_site(), Labels("en")).split("\n")
    assert (
        '<li data-claim="multi" data-status="false"><a href="multi/">In English.</a></li>' in lines
    )
    assert (
        '<li data-claim="own-nb" data-status="false"><a href="own-nb/en/">Norwegian.</a></li>'
        in lines
    )
    assert [line for line in lines if line.startswith("## ")] == [
        "## ✓ Confirmed",
        "## ⇄ Disputed",
        "## ✗ False",
    ]


def test_the_index_of_what_a_check_positioned() -> None:
    """``SiteIndex.of_records`` of the records a check makes (``shown_and_numbered``): a
    page numbers a source by a citation, a post card or the
    evidence of a claim it boxes, and shows the claims it boxes or mentions; ids the data
    does not know, and a claim's id that is also a source's, count only as what they are."""
    from explainers.data.model import Evidence
    from explainers.page.page_record import PageRecord, shown_and_numbered
    from explainers.page.positions import Ref

    at = Pos("f")
    site = Site(
        sources={"s": Source("s", "S", at), "t": Source("t", "T", at), "x": Source("x", "X", at)},
        claims={"x": Claim("x", "X.", "false", at, evidence=[Evidence("t", "supports", at)])},
    )
    refs = [
        Ref("cite", "ghost", 1, 1),
        Ref("mention", "x", 2, 1),
        Ref("post", "s", 3, 1),
        Ref("claim", "x", 4, 1),
        Ref("claim", "nope", 5, 1),
        Ref("cite", "s", 6, 1),
    ]
    records = [PageRecord("b.md", "b.md", "en", "B", refs), PageRecord("a.md", "a.md", "en", "A")]
    for record in records:
        record.claims, record.cited = shown_and_numbered(record.refs, site)
    index = pages.SiteIndex.of_records(records)
    assert index.titles == {"a.md": "A", "b.md": "B"}
    assert index.claim_pages == {"x": ["b.md"]}
    assert index.source_pages == {"s": ["b.md"], "t": ["b.md"]}
    assert index.urls == {}
    built = pages.SiteIndex.of_pages(
        [("a.md", "A", "a/", ["x"], []), ("b.md", "B", None, ["x"], ["s", "s"])]
    )
    assert built.urls == {"a.md": "a/"}
    assert (built.claim_pages, built.source_pages) == ({"x": ["a.md", "b.md"]}, {"s": ["b.md"]})


def test_a_draft_source_is_marked_in_the_sources_index() -> None:
    site = Site(sources={"s": Source("s", "Draft", Pos("f"), draft=True)})
    html = pages.sources_index(site, pages.SiteIndex(urls={"a.md": "a/"}), Labels("nb"))
    assert '«Draft». [Dokument] <span class="xp-draft" data-draft>Utkast</span></li>' in html


#: how lift_lists found a list block before it matched a line at a time
_CHAR_AT_A_TIME = re.compile(
    r'^<(ul|ol|div) class="xp-(?:claims-index|sources-index|claims-archive|claims-list)"'
    r"[^>]*>\n.*?\n</\1>$",
    re.M | re.S,
)

#: lines of index text: list openers (one spanning two lines), closers, others
_LINES = st.sampled_from(
    [
        '<ul class="xp-sources-index">',
        '<ol class="xp-claims-list" data-a="b',
        'c">',
        '<div class="xp-claims-archive">',
        '<div class="xp-other">',
        "</ul>",
        "</ol>",
        "</div>",
        "</div>x",
        " </ul>",
        "<li>a</li>",
        "",
        ">",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=12).map("\n".join), st.sampled_from(["", "\n"]))
def test_lists_are_found_as_before_a_line_at_a_time(lines: str, end: str) -> None:
    """The blocks :func:`lift_lists` lifts are those the earlier pattern found (the
    first closing line ends a block; a block never closes on its opening line)."""
    text = lines + end
    found = [m.group(0) for m in pages._LIST_BLOCK_RE.finditer(text)]
    assert found == [m.group(0) for m in _CHAR_AT_A_TIME.finditer(text)]
