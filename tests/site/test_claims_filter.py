"""The claims index's markup, without a browser: every claim's entry, newest first, with
the content format's hooks and the filter's keys on it; order, facets, escaping,
Norwegian."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag

from explainers.data.load import load_site
from explainers.data.model import Claim, Pos, Site
from explainers.page.i18n import Labels
from explainers.page.renderer import PageInfo, Renderer
from explainers.site import claims_filter as cf
from explainers.site.indexes import lift_lists


def claim(ident: str, status: str = "false", **fields: object) -> Claim:
    return Claim(ident, f"Claim {ident}.", status, Pos("f"), **fields)  # type: ignore[arg-type]


def make(claims: list[Claim], lang: str = "en", shown_in: dict | None = None) -> str:
    site = Site(claims={c.id: c for c in claims})
    labels = Labels(lang)
    links = cf.links_from(
        "claims/",
        {"en/a.md": "Article <A>"},
        {"en/a.md": "en/a/"},
        shown_in or {},
        lambda i: f"claims/{i}/",
    )
    badge = Renderer(site, labels, PageInfo(lang)).badge
    return cf.index_page(site, labels, links, badge)


def entries(page: str) -> list[Tag]:
    return BeautifulSoup(page, "html.parser").select("ol.xp-claims-list > li")


def test_newest_first_partial_dates_before_their_days_undated_last_by_id() -> None:
    site = Site(
        claims={
            c.id: c
            for c in (
                claim("b", date="2025"),
                claim("a"),
                claim("c", date="2025-03-01"),
                claim("d", date="2025-03"),
                claim("e", date="2025-03-01"),
                claim("0"),
            )
        }
    )
    assert [c.id for c in cf.newest_first(site)] == ["c", "e", "d", "b", "0", "a"]


def test_an_entry_escapes_every_field_and_links_its_articles() -> None:
    hostile = claim(
        "x", claimant='<img src=x onerror="alert(1)">', date="2025-01-02", tags=["<b>", 'a"b']
    )
    page = make([hostile], shown_in={"x": ["en/a.md"]})
    assert "<img" not in page and "<b>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert '<a href="../en/a/">Article &lt;A&gt;</a>' in page
    assert '<time datetime="2025-01-02">January 2, 2025</time>' in page
    (li,) = entries(page)
    # what the script reads is the text as written, once the browser has unescaped it
    assert li["data-claimant"] == '<img src=x onerror="alert(1)">'
    assert [unquote(t) for t in li["data-tags"].split(" ")] == ["<b>", 'a"b']


CLAIMS = [
    claim("plain"),
    claim("dated", "confirmed", date="2025-03"),
    claim("full", "disputed", claimant="Ministry", date="2024-12-31", lang="nb", tags=["x"]),
    claim("tagged", "misleading", tags=["public health", "100%", "økonomi"]),
]


def test_every_entry_carries_its_claims_hooks_and_filter_keys() -> None:
    """The content format's hooks on each entry (``<li>``): ``data-claim`` and
    ``data-status``; and what the script filters by, with nothing for a missing field."""
    got = {
        li["data-claim"]: {k: v for k, v in li.attrs.items() if k.startswith("data-")}
        for li in entries(make(CLAIMS))
    }
    assert got == {
        "plain": {"data-claim": "plain", "data-status": "false", "data-lang": "en"},
        "dated": {
            "data-claim": "dated",
            "data-status": "confirmed",
            "data-lang": "en",
            "data-date": "2025-03",
        },
        "full": {
            "data-claim": "full",
            "data-status": "disputed",
            "data-lang": "nb",
            "data-date": "2024-12-31",
            "data-claimant": "Ministry",
            "data-tags": "x",
        },
        "tagged": {
            "data-claim": "tagged",
            "data-status": "misleading",
            "data-lang": "en",
            "data-tags": "public%20health 100%25 økonomi",  # a space never splits a tag
        },
    }
    tags = [unquote(t) for t in got["tagged"]["data-tags"].split(" ")]
    assert tags == ["public health", "100%", "økonomi"]


def test_the_index_holds_every_claim_newest_first_and_no_data_file() -> None:
    """Without scripts every claim shows: all of them are on the page, in the order the
    script pages through; the count says how many (the script says how many it shows)."""
    many = [claim(f"c{i:03d}", date=f"2025-01-{1 + i % 28:02d}") for i in range(cf.PAGE_SIZE)]
    page = make([*many, claim("late", date="2026-01-01")])
    ids = [li["data-claim"] for li in entries(page)]
    site = Site(claims={c.id: c for c in [*many, claim("late", date="2026-01-01")]})
    assert ids == [c.id for c in cf.newest_first(site)] and len(ids) == cf.PAGE_SIZE + 1
    assert ids[0] == "late"
    assert 'role="status" aria-live="polite">51 claims, newest first.</p>' in page
    assert "full_list" not in page and "claims-data" not in page
    root = BeautifulSoup(page, "html.parser").select_one(".xp-claims-archive")
    assert root is not None and root["data-page-size"] == str(cf.PAGE_SIZE) == "50"
    assert root["data-newest"] == "The newest {shown} of {total} claims."


def test_tag_and_language_facets_only_where_the_claims_differ() -> None:
    page = make([claim("a"), claim("b")])
    assert 'name="verdict"' in page and 'name="claimant"' in page and 'name="from"' in page
    assert 'name="tag"' not in page and 'name="lang"' not in page
    page = make([claim("a", tags=["health", "Economy"]), claim("b", lang="nb")])
    assert re.search(
        r'<select name="tag"><option value="">Any</option><option value="Economy">Economy</option>'
        r'<option value="health">health</option></select>',
        page,
    )
    assert '<option value="nb">Norwegian</option>' in page


def test_only_verdicts_in_use_are_offered_in_scale_order() -> None:
    page = make([claim("a", "false"), claim("b", "confirmed")])
    options = re.findall(
        r'<option value="([^"]+)">', page.split('name="verdict"')[1].split("</select>")[0]
    )
    assert options == ["confirmed", "false"]


@pytest.mark.parametrize(
    ("lang", "count", "label", "date", "showing"),
    [
        ("en", "2 claims, newest first.", "Filter claims", "May 17, 2025", "Showing {shown}"),
        ("nb", "2 påstander, nyeste først.", "Filtrer påstandene", "17. mai 2025", "Viser {shown}"),
    ],
)
def test_labels_in_both_languages(
    lang: str, count: str, label: str, date: str, showing: str
) -> None:
    page = make([claim("a"), claim("b", date="2025-05-17")], lang)
    assert f'aria-label="{label}"' in page
    assert f'role="status" aria-live="polite">{count}</p>' in page
    assert f">{date}</time>" in page
    root = BeautifulSoup(page, "html.parser").select_one(".xp-claims-archive")
    assert root is not None and root["data-showing"].startswith(showing)
    assert root["data-count-none"] == Labels(lang)["filter_count_none"]


def test_the_block_is_lifted_whole_out_of_the_markdown() -> None:
    """Python-Markdown never sees the form, the list or the script (see lift_lists)."""
    page = make([claim("a", claimant="</div>")])
    markdown, lists = lift_lists(page)
    assert len(lists) == 1
    (block,) = lists.values()
    assert block.startswith('<div class="xp-claims-archive"') and block.endswith("</div>")
    assert "xp-claim-entry" not in markdown and "<script" not in markdown
    # the script comes before the entries: it runs before they are parsed (no flash)
    assert block.index("<script src=") < block.index('<ol class="xp-claims-list">')


TAGS_CASES = [
    ("tags: [health, energy]", ["health", "energy"], []),
    ("tags: health", [], ["'tags' must be a list"]),
    ("tags: [" + "x" * 41 + "]", [], ["longer than 40"]),
    ("tags: ['']", [], ["an item of 'tags' must not be empty"]),
]


@pytest.mark.parametrize(("line", "tags", "errors"), TAGS_CASES)
def test_tags_are_a_list_of_short_words(
    tmp_path: Path, line: str, tags: list[str], errors: list[str]
) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "c.yml").write_text(
        f"claims:\n  - id: a\n    claim: A.\n    status: false\n    {line}\n", "utf-8"
    )
    loaded = load_site(tmp_path, tmp_path / "claims", tmp_path / "sources")
    found = [str(d) for d in loaded.report.errors]
    assert len(found) == len(errors), found
    for message, expected in zip(found, errors, strict=True):
        assert message.startswith("claims/c.yml:5:") and expected in message, message
    if not errors:
        assert loaded.site.claims["a"].tags == tags


def test_a_draft_is_marked_in_the_index() -> None:
    """Only under serve does the site hold drafts (a build drops them on loading)."""
    page = make([claim("a", draft=True), claim("b")])
    marks = {li["data-claim"]: li.select("span.xp-draft[data-draft]") for li in entries(page)}
    assert [m.get_text() for m in marks["a"]] == ["Draft"] and marks["b"] == []


def test_the_stylesheet_hides_past_the_same_page_size() -> None:
    """explainers.css hides the entries past the first page before the script runs: the
    number in its rule is the script's page (:data:`PAGE_SIZE`, on the page's root)."""
    css = (Path(cf.__file__).parent.parent / "assets" / "explainers.css").read_text("utf-8")
    rules = re.findall(r"nth-child\(n\+(\d+)\)", css)
    assert rules == [str(cf.PAGE_SIZE + 1)]
