"""The claims index's markup and data, without a browser: order, facets, escaping,
Norwegian, and the one-page list only where the index cannot hold every claim."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explainers.data.load import load_site
from explainers.data.model import Claim, Pos, Site
from explainers.page.i18n import Labels
from explainers.page.renderer import PageInfo, Renderer
from explainers.site import claims_filter as cf
from explainers.site.indexes import lift_lists


def claim(ident: str, status: str = "false", **fields: object) -> Claim:
    return Claim(ident, f"Claim {ident}.", status, Pos("f"), **fields)  # type: ignore[arg-type]


def make(claims: list[Claim], lang: str = "en", shown_in: dict | None = None) -> tuple[str, str]:
    site = Site(claims={c.id: c for c in claims})
    labels = Labels(lang)
    links = cf.links_from(
        "claims/",
        {"en/a.md": "Article <A>"},
        {"en/a.md": "en/a/"},
        shown_in or {},
        lambda i: f"claims/{i}/",
        "claims/full_list/" if cf.needs_all_page(site) else "",
    )
    badge = Renderer(site, labels, PageInfo(lang)).badge
    return cf.index_page(site, labels, links, badge), cf.data_script(site, labels, links, badge)


def data_of(script: str) -> dict:
    return json.loads(script.split("=", 1)[1].split(";\n", 1)[0])


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
    hostile = claim("x", claimant='<img src=x onerror="alert(1)">', date="2025-01-02", tags=["<b>"])
    page, script = make([hostile], shown_in={"x": ["en/a.md"]})
    assert "<img" not in page and "<b>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert '<a href="../en/a/">Article &lt;A&gt;</a>' in page
    assert '<time datetime="2025-01-02">January 2, 2025</time>' in page
    data = data_of(script)
    assert data["claims"] == [
        [
            "x",
            "Claim x.",
            "false",
            '<img src=x onerror="alert(1)">',
            "2025-01-02",
            "en",
            ["<b>"],
            [0],
        ]
    ]
    assert data["pages"] == [["Article <A>", "../en/a/"]]  # the script escapes what it writes
    assert data["href"] == "{id}/"
    assert data["badges"]["false"].startswith('<span class="xp-badge" data-status="false">')


def test_tag_and_language_facets_only_where_the_claims_differ() -> None:
    page, _ = make([claim("a"), claim("b")])
    assert 'name="verdict"' in page and 'name="claimant"' in page and 'name="from"' in page
    assert 'name="tag"' not in page and 'name="lang"' not in page
    page, _ = make([claim("a", tags=["health", "Economy"]), claim("b", lang="nb")])
    assert re.search(
        r'<select name="tag"><option value="">Any</option><option value="Economy">Economy</option>'
        r'<option value="health">health</option></select>',
        page,
    )
    assert '<option value="nb">Norwegian</option>' in page


def test_only_verdicts_in_use_are_offered_in_scale_order() -> None:
    page, _ = make([claim("a", "false"), claim("b", "confirmed")])
    options = re.findall(
        r'<option value="([^"]+)">', page.split('name="verdict"')[1].split("</select>")[0]
    )
    assert options == ["confirmed", "false"]


@pytest.mark.parametrize(
    ("lang", "count", "label"),
    [
        ("en", "2 claims, newest first.", "Filter claims"),
        ("nb", "2 påstander, nyeste først.", "Filtrer påstandene"),
    ],
)
def test_labels_in_both_languages(lang: str, count: str, label: str) -> None:
    page, script = make([claim("a"), claim("b", date="2025-05-17")], lang)
    assert f'aria-label="{label}"' in page
    assert f'role="status" aria-live="polite">{count}</p>' in page
    data = data_of(script)
    assert data["dates"] == {"2025-05-17": "May 17, 2025" if lang == "en" else "17. mai 2025"}
    assert data["labels"]["claimed_by"] == Labels(lang)["claimed_by"]


def test_the_index_holds_one_page_and_links_the_full_list_beyond() -> None:
    few = [claim(f"c{i:03d}", date=f"2025-01-{1 + i % 28:02d}") for i in range(cf.PAGE_SIZE)]
    page, _ = make(few)
    assert page.count('<li class="xp-claim-entry">') == cf.PAGE_SIZE
    assert "full_list" not in page
    page, script = make([*few, claim("late", date="2026-01-01")])
    assert page.count('<li class="xp-claim-entry">') == cf.PAGE_SIZE
    assert 'data-claim="late"' in page  # the newest
    assert "The newest 50 of 51 claims." in page
    assert '<a href="full_list/">All 51 claims on one page</a>' in page
    assert len(data_of(script)["claims"]) == 51


def test_the_block_is_lifted_whole_out_of_the_markdown() -> None:
    """Python-Markdown never sees the form, the list or the script (see lift_lists)."""
    page, _ = make([claim("a", claimant="</div>")])
    markdown, lists = lift_lists(page)
    assert len(lists) == 1
    (block,) = lists.values()
    assert block.startswith('<div class="xp-claims-archive"') and block.endswith("</div>")
    assert "xp-claim-entry" not in markdown and "<script" not in markdown


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


def test_a_draft_is_marked_in_the_index_and_its_data() -> None:
    """Only under serve does the site hold drafts (a build drops them on loading)."""
    page, script = make([claim("a", draft=True), claim("b")])
    assert 'data-claim="a">Claim a.</a> <span class="xp-badge"' in page
    entry_a = page.split('data-claim="a"')[1].split("</li>")[0]
    assert '<span class="xp-draft" data-draft>Draft</span>' in entry_a
    assert "xp-draft" not in page.split('data-claim="b"')[1].split("</li>")[0]
    rows = {row[0]: row for row in data_of(script)["claims"]}
    assert rows["a"][8:] == [1] and rows["b"][8:] == []
    assert data_of(script)["labels"]["draft"] == "Draft"
