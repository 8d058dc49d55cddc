"""The search index with the claim pages' entries, written in pieces: the same text as
encoding it whole, without holding a large site's index as one string."""

from __future__ import annotations

import json

import pytest

from explainers.site import claim_pages
from explainers.site.claim_pages import SearchDoc, search_index_pieces, search_index_with

DOC = {"location": "articles/a/", "title": "Ålesund “quoted”", "text": "Tekst med æøå"}
OLD_CLAIM = {"location": "claims/old/", "title": "Old", "text": "gone"}
CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+"}


def claim(number: int) -> SearchDoc:
    return SearchDoc(f"c{number}", f"Claim “{number}”", f"Text {number}", "")


@pytest.mark.parametrize(
    ("data", "pages"),
    [
        ({"config": CONFIG, "docs": [DOC, OLD_CLAIM]}, [claim(1)]),
        ({"config": CONFIG, "docs": []}, []),  # nothing to list
        ({"docs": [OLD_CLAIM]}, []),  # only a claim page an earlier build listed
        ({"config": CONFIG}, [claim(1), claim(2)]),  # no docs yet
        ({"docs": [DOC], "config": CONFIG}, [claim(1)]),  # a key after the docs
        # more entries than are encoded at once, and a chunk's end on the last one
        ({"config": CONFIG, "docs": [DOC] * 7}, [claim(n) for n in range(5)]),
        ({"config": CONFIG, "docs": [DOC] * 6}, []),
    ],
)
def test_pieces_make_the_text_json_dumps_makes(
    data: dict, pages: list[SearchDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claim_pages, "DOCS_AT_ONCE", 3)
    expected = json.loads(json.dumps(data))
    docs = [d for d in expected.get("docs", []) if d != OLD_CLAIM]
    docs += [{"location": f"claims/{p.claim_id}/", "title": p.title, "text": p.text} for p in pages]
    expected["docs"] = docs
    text = "".join(search_index_pieces(json.loads(json.dumps(data)), pages))
    assert text == json.dumps(expected, separators=(",", ":"), ensure_ascii=False)
    assert search_index_with(json.dumps(data), pages) == text
