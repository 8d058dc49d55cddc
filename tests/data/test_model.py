"""The data model in exact tables: the verdict scale option, ids, positions."""

from __future__ import annotations

import pytest

from explainers.data.diagnostics import Report
from explainers.data.model import (
    DEFAULT_SCALE,
    ID_RE,
    Claim,
    Pos,
    Site,
    Source,
    Verdict,
)
from explainers.data.scales import ScaleError, scale_from_config
from explainers.data.yaml_reader import read


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
