"""The index pages made in pieces (:class:`IndexText`): their lists packed as they are made,
the same Markdown, digest, lists, ids and files as their text made whole, and never the
page's text as one string (on a large site, the largest transient of the pages' rendering)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from explainers.data.model import Claim, Pos, Site, Source
from explainers.page.block_stash import DeferredBlocks
from explainers.page.i18n import Labels
from explainers.page.renderer import PageInfo, Renderer
from explainers.site import claims_filter as cf
from explainers.site import indexes as pages

URI = "claims/index.md"


def site_of(count: int) -> Site:
    """Claims of every verdict (icons outside Latin-1), some with curly quotes and
    claimants, and sources with URLs, numbered by one page."""
    statuses = ["false", "confirmed", "unconfirmed", "disputed"]
    claims = {
        f"c{i:05d}": Claim(
            f"c{i:05d}",
            f"Claim “{i}” said </div> here.",
            statuses[i % 4],
            Pos("f"),
            claimant="Minister" if i % 3 else "",
            date=f"2025-{1 + i % 12:02d}" if i % 5 else "",
        )
        for i in range(count)
    }
    sources = {
        f"s{i}": Source(f"s{i}", f"Report “{i}”", Pos("f"), url=f"https://x.example/{i}")
        for i in range(min(count, 50))
    }
    return Site(claims=claims, sources=sources)


def claims_text(site: Site) -> pages.IndexText:
    labels = Labels("en")
    links = cf.links_from(
        "claims/",
        {"a.md": "Page <A>"},
        {"a.md": "a/"},
        {claim_id: ["a.md"] for claim_id in list(site.claims)[::7]},
        lambda i: f"claims/{i}/",
    )
    badge = Renderer(site, labels, PageInfo("en")).badge
    return cf.index_text(site, labels, links, badge)


def sources_text(site: Site) -> pages.IndexText:
    index = pages.SiteIndex(
        titles={"a.md": "A page"},
        urls={"a.md": "a/"},
        source_pages={source_id: ["a.md"] for source_id in site.sources},
    )
    text = pages.sources_index_text(site, index, Labels("en"))
    assert isinstance(text, pages.IndexText)
    return text


@pytest.mark.parametrize("made", [claims_text, sources_text])
def test_an_index_made_in_pieces_is_the_index_made_whole(made, tmp_path: Path) -> None:
    """Markdown, digest (what ``--dirty`` compares), lists, ids, what search skips, the
    filled page and the file the lists go into: all as from the joined text."""
    site = site_of(60)
    whole = made(site).joined()
    plain, pieced = pages.IndexPages(), pages.IndexPages()
    markdown = plain.make(URI, whole, keep=False)[0]
    assert pieced.make(URI, made(site), keep=False)[0] == markdown
    assert pieced.made == plain.made  # the same digest
    html = f"<h1>Index</h1>\n{markdown.split('---')[-1]}"
    found = pieced.fill(URI, html)
    assert found == plain.fill(URI, html)
    assert len(found.ids) == (len(site.sources) if made is sources_text else 1)  # datalist
    for into_file in (False, True):
        plain.make(URI, whole, keep=False)
        pieced.make(URI, made(site), keep=False)
        defer_plain, defer_pieced = DeferredBlocks(), DeferredBlocks()
        expected = plain.fill(URI, html, defer_plain, into_file)
        found = pieced.fill(URI, html, defer_pieced, into_file)
        assert found == expected and found.html != html
        assert found.hidden == (found.held if made is claims_text else [])
        assert defer_pieced.fill(found.html) == defer_plain.fill(expected.html)
        assert defer_pieced.into_file == defer_plain.into_file
        for name, defer in (("plain", defer_plain), ("pieced", defer_pieced)):
            (tmp_path / name).write_text("".join(defer.page_pieces(found.html)), "utf-8")
            defer.write_into(tmp_path / name)
        assert (tmp_path / "pieced").read_bytes() == (tmp_path / "plain").read_bytes()
        assert "“" in (tmp_path / "pieced").read_text("utf-8")


def test_a_large_claims_index_is_never_one_string() -> None:
    """The claims index of 3,000 claims (1.4 M characters, two bytes each with the
    verdicts' icons) made, packed and deferred: the memory it takes at its peak is
    less than its text once in one byte a character. As one string, with its pieces,
    its UTF-8 for the digest and the list lifted out of it, it took five times that."""
    site = site_of(3000)
    size = len(claims_text(site).joined())
    assert size > 1_000_000
    built, defer = pages.IndexPages(), DeferredBlocks()
    tracemalloc.start()
    try:
        markdown = built.make(URI, claims_text(site), keep=False)[0]
        filled = built.fill(URI, markdown, defer, into_file=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < size / 2, (peak, size)
    assert len(filled.held) == 1 and filled.hidden == filled.held  # data-search-exclude
    assert defer.fill(filled.html) == claims_text(site).joined()
