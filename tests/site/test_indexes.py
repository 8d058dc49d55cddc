"""The index pages' helpers: inert Markdown text, what goes after the title, the
claims and sources indexes of odd data."""

from __future__ import annotations

from explainers.data.model import (
    Claim,
    Pos,
    Site,
    Source,
)
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
