"""The skeletons ``explainers new`` writes (``explainers.data.skeleton``): valid YAML
whatever the title holds, drafts, with the placeholder texts drafts.py looks for."""

from __future__ import annotations

import pytest
import yaml

from explainers.data.skeleton import (
    ARTICLE_TEXT,
    CLAIM_TEXT,
    SOURCE_TEXT,
    article_body,
    claim_body,
    source_body,
)

TITLES = ["Første utkast: «test»", 'a: b # c\n- "d"', "", "null", "'quoted'"]


@pytest.mark.parametrize("title", TITLES)
def test_a_new_source_reads_back_with_its_title(title: str) -> None:
    entry = yaml.safe_load(source_body("s-1", title, "2026-12-06"))["sources"][0]
    assert entry == {
        "id": "s-1",
        "draft": True,
        "title": title or SOURCE_TEXT["title"],
        "author": SOURCE_TEXT["author"],
        "publisher": SOURCE_TEXT["publisher"],
        "date": 2026,
        "type": "report",
        "url": SOURCE_TEXT["url"],
        "accessed": yaml.safe_load("2026-12-06"),
    }


@pytest.mark.parametrize("title", TITLES)
def test_a_new_claim_reads_back_with_its_title_and_status(title: str) -> None:
    entry = yaml.safe_load(claim_body("c-1", title, '"false"', "2026-12-06"))["claims"][0]
    assert entry["claim"] == (title or CLAIM_TEXT["claim"])
    assert (entry["id"], entry["draft"], entry["status"]) == ("c-1", True, "false")
    assert entry["summary"] == CLAIM_TEXT["summary"] + "\n"
    assert entry["missing"] == [CLAIM_TEXT["missing"]]
    assert entry["history"] == [
        {"date": yaml.safe_load("2026-12-06"), "status": "false", "note": "First published."}
    ]
    assert entry["evidence"] == []


@pytest.mark.parametrize("title", TITLES)
def test_a_new_article_has_front_matter_and_a_heading(title: str) -> None:
    text = article_body(title, "2026-12-06", "nb")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    heading = title or ARTICLE_TEXT["title"]
    assert meta["title"] == heading
    assert (meta["lang"], meta["draft"], meta["description"]) == (
        "nb",
        True,
        ARTICLE_TEXT["description"],
    )
    assert body.startswith(f"\n# {heading}\n\n{ARTICLE_TEXT['body']}\n")
    assert f"\n{ARTICLE_TEXT['heading']}\n\n::unconfirmed\n\n::sources\n" in body
