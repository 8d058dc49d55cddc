"""data/record_codec.py: each record as a JSON list and back, field by field, and
what a cache entry of another shape does (a miss, never a message)."""

from __future__ import annotations

import json
from dataclasses import fields, replace

import pytest

from explainers.data import record_codec
from explainers.data.model import Claim, Evidence, HistoryEntry, Pos, Positions, Source
from explainers.data.record_codec import StaleEntry, entry_from_json, entry_to_json

PATH = "content/claims/c.yml"


def at(line: int, col: int) -> Pos:
    return Pos(PATH, line, col)


#: every field set, none at its default, no line equal to its column
EVIDENCE = Evidence(
    source="a",
    stance="contradicts",
    pos=at(9, 7),
    locator="p. 4",
    quote="Quoted.",
    note="A note.",
    field_pos={"source": at(9, 15), "stance": at(10, 17), "quote": at(11, 16)},
)
HISTORY = HistoryEntry(
    date="2025-10-16",
    status="disputed",
    pos=at(14, 7),
    note="First look.",
    field_pos={"date": at(14, 13), "status": at(15, 15)},
)
CLAIM = Claim(
    id="x",
    claim="One.",
    status="false",
    pos=at(2, 5),
    claimant="Someone",
    date="2025-10",
    appearance=["https://a.example/1", "https://a.example/2"],
    summary="In short.",
    evidence=[EVIDENCE, Evidence("b", "supports", at(16, 7))],
    missing=["The video."],
    history=[HISTORY],
    reviewed="2025-11-02",
    lang="nb",
    field_pos={"id": at(2, 9), "claim": at(3, 12), "appearance": at(4, 17)},
    appearance_pos=[at(5, 9), at(6, 11)],
)
SOURCE = Source(
    id="a",
    title="A report",
    pos=Pos(PATH, 2, 5),
    author=["One", "Two"],
    publisher="P",
    place="Oslo",
    date="2024",
    type="report",
    url="https://a.example/r",
    archive_url="https://archive.example/r",
    accessed="2025-01-02",
    lang="en",
    platform="web",
    handle="@a",
    text="Said.",
    field_pos={"id": at(2, 9), "url": at(8, 10)},
)


@pytest.mark.parametrize(("kind", "entry"), [("claims", CLAIM), ("sources", SOURCE)])
def test_every_field_survives_the_cache(kind: str, entry: Claim | Source) -> None:
    stored = json.loads(json.dumps(entry_to_json(entry)))
    assert PATH not in json.dumps(stored), "the path is the key's, not stored per position"
    back = entry_from_json(kind, stored, PATH)  # type: ignore[arg-type]
    assert back == entry
    assert type(back) is type(entry)
    if isinstance(back, Claim):
        assert [type(item) for item in back.evidence] == [Evidence, Evidence]
        assert [type(item) for item in back.history] == [HistoryEntry]
    assert str(back.pos) == f"{PATH}:2:5"


def test_each_field_type_of_the_model_has_a_codec() -> None:
    """The codec is chosen per declared type (so a new field is cached too); every type
    the model uses round-trips through JSON."""
    samples: dict[str, object] = {
        "str": "x",
        "bool": True,
        "list[str]": ["a", "b"],
        "Pos": at(3, 7),
        "Mapping[str, Pos]": {"id": at(2, 5), "url": at(8, 10)},
        "list[Pos]": [at(4, 9), at(5, 11)],
        "list[Evidence]": CLAIM.evidence,
        "list[HistoryEntry]": CLAIM.history,
        "dict[str, dict[str, str]]": {"claim": {"en": "Sky", "nb": "Himmel"}},
        "dict[str, str]": {"summary": "en"},
    }
    declared = {str(f.type) for cls in (Source, Claim, Evidence, HistoryEntry) for f in fields(cls)}
    assert declared == set(samples)
    for annotation, value in samples.items():
        encode, decode = record_codec._codec(annotation)
        stored = json.loads(json.dumps(encode(value)))
        # the decoders' code decodes a field with this expression of it and the path
        scope = {**record_codec._SCOPE, "path": PATH, "stored": stored}
        decoded = stored if decode is None else eval(decode.format(v="stored"), scope)
        assert decoded == value, annotation


@pytest.mark.parametrize(
    "stored", [{"id": [2, 5], "url": [8, 10]}, "id:2:5 url:8:10"], ids=["pairs", "text"]
)
def test_cached_positions_are_made_when_asked(stored: object) -> None:
    positions = record_codec._positions  # what the decoders call for positions
    assert positions is not None
    found = positions(stored, PATH)
    assert isinstance(found, Positions) and not isinstance(found, dict)
    assert found["url"] == at(8, 10) and found.get("date") is None
    assert list(found) == ["id", "url"] and len(found) == 2
    assert repr(found) == repr({"id": at(2, 5), "url": at(8, 10)})


def test_positions_are_cached_as_one_string_unless_a_name_would_not_read_back() -> None:
    encode = record_codec._codec("Mapping[str, Pos]")[0]
    assert encode({"id": at(2, 5), "url": at(8, 10)}) == "id:2:5 url:8:10"
    assert encode({}) == ""
    for odd in ("a:b", "a b", "a\nb", ""):
        assert encode({"id": at(2, 5), odd: at(3, 1)}) == {"id": [2, 5], odd: [3, 1]}, odd


def test_damaged_position_text_costs_a_column_never_a_build() -> None:
    """Read when a message needs it: what does not read as positions gives none, and
    the entry's own position stands in (``at``)."""
    positions = record_codec._positions  # what the decoders call for positions
    assert positions is not None
    found = positions("id:2:5 url:x:10 date:3 :4:4 title:7:", PATH)
    assert dict(found) == {"id": at(2, 5)}
    claim = replace(CLAIM, field_pos=positions("claim:x:1", PATH))
    assert claim.at("claim") == CLAIM.pos


def test_the_damaged_pairs_form_is_a_miss() -> None:
    positions = record_codec._positions  # what the decoders call for positions
    assert positions is not None
    for damaged in ({"id": [2]}, {"id": [2, 5, 1]}):
        with pytest.raises(StaleEntry) as caught:
            positions(damaged, PATH)
        assert str(caught.value) == "a cached position is not a line and a column"
    with pytest.raises(TypeError):  # read as a miss too
        positions({"id": 2}, PATH)


def test_a_field_type_without_a_codec_is_named() -> None:
    with pytest.raises(TypeError) as caught:
        record_codec._codec("set[int]")
    assert str(caught.value) == "no cache codec for a field of type set[int]"


def test_an_entry_of_another_shape_is_stale() -> None:
    with pytest.raises(StaleEntry) as caught:
        entry_from_json("sources", entry_to_json(SOURCE)[:2], PATH)
    assert str(caught.value) == "a cached Source has 2 fields, not 17"


# -- the cache in load_site ------------------------------------------------------------------


def test_the_repeated_fields_are_text_fields_of_their_records() -> None:
    """What the decoders intern names real fields of text (else a renamed field would
    quietly stop being shared); a non-string there is a damaged entry (a miss)."""
    for cls in (Source, Claim, Evidence, HistoryEntry):
        declared = {f.name: str(f.type) for f in fields(cls)}
        for name in record_codec.REPEATED[cls.__name__]:
            assert declared.get(name) in ("str", "list[str]"), f"{cls.__name__}.{name}"
    damaged = entry_to_json(CLAIM)
    damaged[2] = 5  # the status
    with pytest.raises(TypeError):
        entry_from_json("claims", damaged, PATH)


def test_decoded_records_are_slotted_and_share_repeated_text() -> None:
    stored = json.loads(json.dumps([entry_to_json(CLAIM), entry_to_json(CLAIM)]))
    one, two = (entry_from_json("claims", item, PATH) for item in stored)
    assert one == two == CLAIM
    for record in (one, one.pos, *one.evidence, *one.history, *one.appearance_pos):
        assert not hasattr(record, "__dict__"), type(record).__name__
    assert one.claimant is two.claimant and one.date is two.date
    assert one.evidence[0].stance is two.evidence[0].stance
    assert one.appearance[1] is two.appearance[1]
    assert one.claim is not two.claim  # free text is not interned: it seldom repeats
