"""The data model: what sources and claims files mean once loaded.

Plain dataclasses with no host dependency. Every value keeps the position it came
from (:class:`Pos`) so later checks can point at it.

The records have ``__slots__`` (no ``__dict__`` each): a large site loads tens of
thousands of them and keeps them for the whole build, and a dict per record held
more than the record's own text (see :mod:`.record_codec` for the strings they share).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

SOURCE_TYPES = (
    "report",
    "article",
    "broadcast",
    "social",
    "court",
    "statement",
    "dataset",
    "book",
    "other",
)
STANCES = ("supports", "contradicts", "context")

#: where the data files are when no option says otherwise, relative to the site's root
CLAIMS_DIR = "content/claims"
SOURCES_DIR = "content/sources"
#: The id rule for sources and claims (the schemas state it too); ``\Z`` and ``fullmatch``, so
#: a final newline (``id: "x\n"``) is not an id.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
#: Ids that generated pages use (or will), per kind of entry, with why: a claim's page is
#: ``claims/<id>.md``, so a claim ``index`` would overwrite the claims index.
RESERVED_IDS: dict[str, dict[str, str]] = {
    "claim": {"index": "the claims index page is claims/index.md"},
    "source": {"index": "the sources index page is sources/index.md"},
}


@dataclass(frozen=True, slots=True)
class Pos:
    """Where a value starts: file path (relative to the site root), 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Positions(Mapping[str, Pos]):
    """Where each field of an entry starts, kept as the cache holds it until a message
    needs one: ``"id:2:9 claim:3:12"`` (one string, read on first use) or ``[line, col]``
    pairs. A large site's entries hold a hundred thousand positions, and only an error
    message reads one. Text that does not read as positions gives none (an entry's
    own position is used instead): a damaged cache can cost a message its column, never
    a build."""

    __slots__ = ("_path", "_where")

    def __init__(self, path: str, where: Mapping[str, list[int]] | str) -> None:
        self._path = path
        self._where = where

    def _table(self) -> Mapping[str, list[int]]:
        where = self._where
        if isinstance(where, str):
            where = self._where = _read_positions(where)
        return where

    def __getitem__(self, name: str) -> Pos:
        line, col = self._table()[name]
        return Pos(self._path, line, col)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __eq__(self, other: object) -> bool:
        """Two unread tables are compared as their text: under ``serve``, a changed data
        file's other entries are compared with their previous load (:mod:`.deps`)."""
        if (
            isinstance(other, Positions)
            and isinstance(self._where, str)
            and isinstance(other._where, str)
            and self._path == other._path
            and self._where == other._where
        ):
            return True
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping: unhashable, as Mapping is

    def __repr__(self) -> str:
        return repr(dict(self))


def positions_text(where: Mapping[str, Pos]) -> str | None:
    """``where`` as :class:`Positions` reads it from one string; None if a name would not
    read back (it holds a colon or a space)."""
    if any(not name or ":" in name or name.split() != [name] for name in where):
        return None
    return " ".join(f"{name}:{pos.line}:{pos.col}" for name, pos in where.items())


def _read_positions(text: str) -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for item in text.split():
        name, _, rest = item.partition(":")
        line, _, col = rest.partition(":")
        if name and line.isdigit() and col.isdigit():
            table[name] = [int(line), int(col)]
    return table


@dataclass(slots=True)
class Source:
    id: str
    title: str
    pos: Pos
    author: list[str] = field(default_factory=list)
    publisher: str = ""
    place: str = ""
    date: str = ""
    type: str = "other"
    url: str = ""
    archive_url: str = ""
    accessed: str = ""
    lang: str = ""
    platform: str = ""
    handle: str = ""
    text: str = ""
    field_pos: Mapping[str, Pos] = field(default_factory=dict)
    draft: bool = False  # `draft: true`: shown under serve, never published (:mod:`.drafts`)

    def at(self, name: str) -> Pos:
        return self.field_pos.get(name, self.pos)


@dataclass(slots=True)
class Evidence:
    source: str
    stance: str
    pos: Pos
    locator: str = ""
    quote: str = ""
    note: str = ""
    field_pos: Mapping[str, Pos] = field(default_factory=dict)

    def at(self, name: str) -> Pos:
        return self.field_pos.get(name, self.pos)


@dataclass(slots=True)
class HistoryEntry:
    date: str
    status: str
    pos: Pos
    note: str = ""
    field_pos: Mapping[str, Pos] = field(default_factory=dict)

    def at(self, name: str) -> Pos:
        return self.field_pos.get(name, self.pos)


@dataclass(slots=True, weakref_slot=True)
class Claim:
    id: str
    claim: str
    status: str
    pos: Pos
    claimant: str = ""
    date: str = ""
    appearance: list[str] = field(default_factory=list)
    summary: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    reviewed: str = ""
    lang: str = ""
    field_pos: Mapping[str, Pos] = field(default_factory=dict)
    appearance_pos: list[Pos] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # short topic words the claims index filters by
    draft: bool = False  # `draft: true`: shown under serve, never published (:mod:`.drafts`)
    reviewed_by: str = ""  # who signed the verdict off (``require_review``)
    #: text fields given per language: field key -> {language: text} (:mod:`.translations`)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    #: on a copy made for one language's page (:func:`.translations.localized`): the text
    #: fields shown in another language, with that language (empty as loaded)
    fallback: dict[str, str] = field(default_factory=dict)

    def at(self, name: str) -> Pos:
        return self.field_pos.get(name, self.pos)


@dataclass(frozen=True)
class Verdict:
    """One step of the verdict scale."""

    key: str
    labels: dict[str, str]
    settled: bool
    icon: str = "•"
    #: a colour of :data:`.scales.BADGES`; empty: the colour the stylesheet gives the key
    badge: str = ""
    #: the ClaimReview ``ratingValue`` (higher is truer); None: the verdict is not a rating
    rating: int | float | None = None
    #: what the verdict means, per language (the base scales' own verdicts; for editors)
    definition: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.key


DEFAULT_SCALE: dict[str, Verdict] = {
    "confirmed": Verdict(
        "confirmed", {"en": "Confirmed", "nb": "Bekreftet", "nn": "Stadfesta"}, True, "✓"
    ),
    "partly-confirmed": Verdict(
        "partly-confirmed",
        {"en": "Partly confirmed", "nb": "Delvis bekreftet", "nn": "Delvis stadfesta"},
        False,
        "◐",
    ),
    "unconfirmed": Verdict(
        "unconfirmed",
        {"en": "Unconfirmed", "nb": "Ubekreftet", "nn": "Ikkje stadfesta"},
        False,
        "?",
    ),
    "disputed": Verdict(
        "disputed", {"en": "Disputed", "nb": "Omstridt", "nn": "Omstridd"}, False, "⇄"
    ),
    "false": Verdict("false", {"en": "False", "nb": "Usant", "nn": "Usant"}, True, "✗"),
}


@dataclass
class Site:
    """Everything loaded from the data folders."""

    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    scale: dict[str, Verdict] = field(default_factory=lambda: dict(DEFAULT_SCALE))
    #: per kind ("claims", "sources"): data files that did not parse (or a missing folder);
    #: references of that kind are not reported as unknown, since they could not be checked
    unreadable: dict[str, list[str]] = field(default_factory=dict)
    #: HTML that depends only on this data (per renderer and language), made once per site:
    #: a large site shows each claim and source on many pages (a renderer's fragments are
    #: held as UTF-8 bytes: half the memory of the text, see ``Renderer._memo``)
    memo: dict[tuple[object, ...], str | bytes] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: drafts a build leaves out (:func:`.drafts.published`): kept to name them in messages
    withheld_claims: dict[str, Claim] = field(default_factory=dict, repr=False, compare=False)
    withheld_sources: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)

    def settled(self, claim: Claim) -> bool:
        verdict = self.scale.get(claim.status)
        return bool(verdict and verdict.settled)
