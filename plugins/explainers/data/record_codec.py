"""The cached form of a data file's entries: each record as a JSON list in its
dataclass's field order, and back.

The field order and each field's codec are read from the model, so a field added to a
record is cached too. Decoding bypasses the dataclasses' ``__init__`` with decoders
generated from the fields (a warm ``explainers check`` decodes tens of thousands of
records on a large site). An entry of another shape raises :class:`StaleEntry`: the
cache reads it as a miss; no editor ever sees it.

The decoded records stay resident for a whole build, so the fields whose values repeat
from entry to entry (:data:`REPEATED`: verdicts, stances, dates, claimants, the ids a
claim cites) are interned as they are decoded: JSON makes a new string for every
occurrence, and 10,000 claims held their claimant 10,000 times.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from . import schema
from .model import Claim, Evidence, HistoryEntry, Pos, Positions, Source, positions_text

# Records become JSON lists in dataclass field order (read from the model, so a new
# field is cached too); positions drop the path, which the cache key holds. Decoding
# bypasses the dataclass __init__: a warm check decodes thousands of entries.

_new = object.__new__
_RECORDS: dict[str, type] = {
    "Source": Source,
    "Claim": Claim,
    "Evidence": Evidence,
    "HistoryEntry": HistoryEntry,
}


#: the slots' own setters: a frozen record's ``__setattr__`` refuses, these do not
_SET_PATH, _SET_LINE, _SET_COL = (getattr(Pos, name).__set__ for name in ("path", "line", "col"))
_intern = sys.intern

#: per record type, the text fields (and lists of text) whose values repeat across a
#: site's entries: kept once each (interned) instead of once per entry. A source's id is
#: here because claims cite it (evidence, appearances): those then share its string.
REPEATED: dict[str, frozenset[str]] = {
    "Source": frozenset(
        ("id", "author", "publisher", "place", "date", "type", "accessed", "lang", "platform")
    ),
    "Claim": frozenset(
        ("status", "claimant", "date", "appearance", "reviewed", "lang", "tags", "reviewed_by")
    ),
    "Evidence": frozenset(("source", "stance", "locator")),
    "HistoryEntry": frozenset(("date", "status", "note")),
}


def _quick_pos(path: str, line: int, col: int) -> Pos:
    pos = _new(Pos)
    _SET_PATH(pos, path)  # frozen: its slots are set directly
    _SET_LINE(pos, line)
    _SET_COL(pos, col)
    return pos


def _positions(value: dict[str, list[int]] | str, path: str) -> Positions:
    if isinstance(value, str):  # read when a message needs one (see model.Positions)
        return Positions(path, value)
    if not set(map(len, value.values())) <= {2}:  # now, not when a message needs one
        raise StaleEntry("a cached position is not a line and a column")
    return Positions(path, value)


def _positions_json(where: dict[str, Pos] | Positions) -> str | dict[str, list[int]]:
    """One string, which JSON reads back as one object, not a dict of lists: a large
    site's data holds a hundred thousand positions (half its cache, in time and memory)."""
    text = positions_text(where)
    return text if text is not None else {k: [p.line, p.col] for k, p in where.items()}


def _codec(annotation: str) -> tuple[Callable[[Any], Any], str | None]:
    """(encode, decode) for one field's declared type; decode is a Python expression
    of the cached value ``{v}`` and the file's ``path`` (None: JSON as it is)."""
    if annotation == "Pos":
        return (lambda p: [p.line, p.col]), "_quick_pos(path, {v}[0], {v}[1])"
    if annotation == "Mapping[str, Pos]":
        return _positions_json, "_positions({v}, path)"
    if annotation == "list[Pos]":
        return (lambda ps: [[p.line, p.col] for p in ps]), (
            "[_quick_pos(path, w[0], w[1]) for w in {v}]"
        )
    inner = annotation[5:-1] if annotation.startswith("list[") else ""
    if inner in _RECORDS:
        return (
            (lambda items: [_encode(item) for item in items]),
            f"[_decode_{inner}(item, path) for item in {{v}}]",
        )
    if annotation in ("str", "list[str]", "bool", "dict[str, str]", "dict[str, dict[str, str]]"):
        return (lambda v: v), None
    raise TypeError(f"no cache codec for a field of type {annotation}")


def _field_codec(cls: type, name: str, annotation: str) -> tuple[Callable[[Any], Any], str | None]:
    """:func:`_codec`, with the interning of :data:`REPEATED`'s fields (a non-string
    there raises TypeError: a damaged entry, read as a miss)."""
    encode, decode = _codec(annotation)
    if name in REPEATED.get(cls.__name__, ()):
        if annotation == "str":
            return encode, "_intern({v})"
        if annotation == "list[str]":
            return encode, "[_intern(text) for text in {v}]"
        raise TypeError(f"{cls.__name__}.{name}: only text is interned, not {annotation}")
    return encode, decode


_FIELDS: dict[type, list[tuple[str, Callable[[Any], Any], str | None]]] = {
    cls: [(f.name, *_field_codec(cls, f.name, str(f.type))) for f in fields(cls)]
    for cls in _RECORDS.values()
}


def _encode(record: Any) -> list[Any]:
    return [encode(getattr(record, name)) for name, encode, _ in _FIELDS[type(record)]]


class StaleEntry(ValueError):
    """A cache entry of another shape: read as a miss, never shown to an editor."""


def _decoder_code(cls: type) -> str:
    """The source of one record type's decoder: the record's slots set field by field,
    each value decoded in place. A warm check decodes 55,000 records on a large site; a
    generic loop over the fields took twice as long."""
    plan = _FIELDS[cls]
    state = "".join(
        f"    record.{name} = "
        + (decode.format(v=f"values[{i}]") if decode else f"values[{i}]")
        + "\n"
        for i, (name, _, decode) in enumerate(plan)
    )
    name, count = cls.__name__, len(plan)
    return (
        f"def _decode_{name}(values, path):\n"
        f"    if len(values) != {count}:\n"
        f"        raise StaleEntry(f'a cached {name} has {{len(values)}} fields, not {count}')\n"
        f"    record = _new({name})\n"
        f"{state}"
        f"    return record\n"
    )


#: the names the decoders' code uses; they add themselves (``_decode_Claim``, ...)
_SCOPE: dict[str, Any] = {
    "_new": _new,
    "_intern": _intern,
    "_quick_pos": _quick_pos,
    "_positions": _positions,
    "StaleEntry": StaleEntry,
    **{cls.__name__: cls for cls in _RECORDS.values()},
}


def _decoders() -> dict[type, Callable[[list[Any], str], Any]]:
    for cls in _RECORDS.values():
        exec(_decoder_code(cls), _SCOPE)  # our own code, made from the model's fields
    return {cls: _SCOPE[f"_decode_{cls.__name__}"] for cls in _RECORDS.values()}


_DECODERS = _decoders()


def _decode(cls: type, values: list[Any], path: str) -> Any:
    return _DECODERS[cls](values, path)


def share_repeated(record: Any) -> None:
    """Intern ``record``'s :data:`REPEATED` fields (and its evidence's and history's) as
    the decoders do: an entry read from its YAML is kept as long as a cached one."""
    for name in REPEATED[type(record).__name__]:
        value = getattr(record, name)
        if isinstance(value, str):
            setattr(record, name, _intern(value))
        else:
            setattr(record, name, [_intern(text) for text in value])
    if isinstance(record, Claim):
        for item in (*record.evidence, *record.history):
            share_repeated(item)


def entry_to_json(entry: Source | Claim) -> list[Any]:
    """One entry as JSON, without its file's path."""
    return _encode(entry)


def entry_from_json(kind: schema.Kind, data: list[Any], path: str) -> Source | Claim:
    return _decode(Source if kind == "sources" else Claim, data, path)
