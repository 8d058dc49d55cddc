"""What a page shows and numbers (``page/page_record.py``, :func:`shown_and_numbered`):
the claims it boxes or mentions, the sources it cites, carries as post cards or numbers
as the evidence of a claim it boxes; in first-seen order, each once, ids the data does
not know left out. ``explainers check`` and a build both count pages this way."""

from __future__ import annotations

import pytest

from explainers.data.model import Claim, Evidence, Pos, Site, Source
from explainers.page.page_record import PageRecord, shown_and_numbered
from explainers.page.positions import Ref

AT = Pos("content/data.yml", 1, 1)


def site() -> Site:
    """Sources s1..s3; claim c1 with evidence s3, an unknown source and s1; c2 with none.
    No id is both a source's and a claim's."""
    sources = {sid: Source(sid, sid.upper(), AT) for sid in ("s1", "s2", "s3")}
    evidence = [
        Evidence("s3", "refutes", AT),
        Evidence("gone", "refutes", AT),
        Evidence("s1", "supports", AT),
    ]
    claims = {
        "c1": Claim("c1", "One.", "false", AT, evidence=evidence),
        "c2": Claim("c2", "Two.", "true", AT),
    }
    return Site(sources=sources, claims=claims)


def refs(*uses: str) -> list[Ref]:
    """``"kind:id"`` uses, one a line."""
    return [Ref(use.split(":")[0], use.split(":")[1], n, 1) for n, use in enumerate(uses, 1)]


CASES = {
    "nothing": ([], [], []),
    "a citation numbers its source": (["cite:s2"], [], ["s2"]),
    "a post card numbers its source": (["post:s2"], [], ["s2"]),
    "a boxed claim numbers its known evidence, in its order": (["claim:c1"], ["c1"], ["s3", "s1"]),
    "a mention shows the claim, numbers nothing": (["mention:c1"], ["c1"], []),
    "a claim without evidence": (["claim:c2"], ["c2"], []),
    "first seen order, each once": (
        ["cite:s2", "mention:c2", "cite:s1", "claim:c1", "cite:s2", "claim:c1", "mention:c2"],
        ["c2", "c1"],
        ["s2", "s1", "s3"],
    ),
    "unknown ids are left out": (["cite:nope", "post:nope", "claim:nope", "mention:nope"], [], []),
    "a claim id cited is no source": (["cite:c1", "post:c2"], [], []),
    "a source id boxed or mentioned is no claim": (["claim:s1", "mention:s2"], [], []),
    "other syntax shows and numbers nothing": (
        ["sources:s1", "unconfirmed:c1", "matrix:c1", "articles:c2"],
        [],
        [],
    ),
}


@pytest.mark.parametrize("uses, claims, sources", CASES.values(), ids=CASES)
def test_what_a_page_shows_and_numbers(
    uses: list[str], claims: list[str], sources: list[str]
) -> None:
    assert shown_and_numbered(refs(*uses), site()) == (claims, sources)


def test_a_record_starts_empty_and_listed() -> None:
    """A build fills a record in as its page renders; until then it shows nothing, is no
    draft and is listed."""
    record = PageRecord("a.md", "content/a.md", "en", "A")
    assert (record.refs, record.meta, record.url) == ([], {}, None)
    assert (record.claims, record.cited) == ([], [])
    assert (record.draft, record.date, record.description, record.boxed) == (False, "", "", [])
    assert (record.lists_articles, record.listed, record.report.items) == (False, True, [])
    assert PageRecord("b.md", "content/b.md", "en", "B").claims is not record.claims
