"""Semantic checks that a schema cannot express.

Two kinds, so an unchanged file is never checked again:

- :func:`check_entries`, one file's entries on their own (real calendar dates, valid
  URLs, statuses on the verdict scale, unsettled claims with nothing ``missing``,
  history that disagrees with ``status``): run when the file is loaded, and cached
  with it (:mod:`.load`);
- :func:`check_site`, across files, on every load: unique ids (reported at the later
  definition), references from claims to sources, look-alike sources; and
  :func:`check_unused` once the articles are known.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from . import drafts, translations
from .diagnostics import Report, did_you_mean
from .model import (
    DEFAULT_SCALE,
    ID_RE,
    RESERVED_IDS,
    Claim,
    HistoryEntry,
    Pos,
    Site,
    Source,
    Verdict,
)
from .pasted import wrapped_warning
from .scales import not_on_scale

# The schemas' date pattern: a value it rejects is reported there, not again here.
DATE_RE = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?")


def _parse_date(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a YYYY, YYYY-MM or YYYY-MM-DD date; None if not a real date."""
    match = DATE_RE.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        # month 00 and day 00 are not dates (``or 1`` would let them through)
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    return year, month, day


#: :func:`_parse_date`, remembered: a site repeats a few hundred dates tens of thousands
#: of times (a function of its own, so mutation testing still reaches its body)
parse_date = lru_cache(maxsize=4096)(_parse_date)


def _err(report: Report, pos: Pos, message: str) -> None:
    report.error(pos.path, pos.line, pos.col, message)


def _warn(report: Report, pos: Pos, message: str) -> None:
    report.warning(pos.path, pos.line, pos.col, message)


class _Entry(Protocol):
    def at(self, name: str) -> Pos: ...


# The checks take the entry and the field's name, not its position: a position is made
# only for a message (a large site has a hundred thousand, see model.Positions).


def _check_date(report: Report, entry: _Entry, name: str) -> None:
    value = getattr(entry, name)
    if value and DATE_RE.fullmatch(value) and parse_date(value) is None:
        _err(report, entry.at(name), f"'{value}' is not a real date")


def _check_wrapped(report: Report, entry: _Entry, name: str) -> None:
    value = getattr(entry, name)
    if value and (message := wrapped_warning(name, value)):
        _warn(report, entry.at(name), message)


def _check_url(report: Report, entry: _Entry, name: str) -> None:
    value = getattr(entry, name)
    if not value or not value.lower().startswith(("http://", "https://")):
        return  # the schema reports these
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        _err(report, entry.at(name), f"'{value[:60]}' is not a valid URL")
        return
    if not parts.hostname:
        _err(report, entry.at(name), f"'{value[:60]}' is not an http(s) URL")


def _unique(report: Report, items: Iterable[Source | Claim], noun: str) -> dict:
    seen: dict[str, Source | Claim] = {}
    for item in items:
        if not item.id or not ID_RE.fullmatch(item.id):
            continue
        reserved = RESERVED_IDS[noun].get(item.id)
        if reserved:
            _err(
                report,
                item.at("id"),
                f"{noun} id '{item.id}' is reserved ({reserved}); choose another id",
            )
        if item.id in seen:
            first = seen[item.id].at("id")
            _err(
                report, item.at("id"), f"{noun} id '{item.id}' is defined twice (first at {first})"
            )
            continue
        seen[item.id] = item
    return seen


@lru_cache(maxsize=1 << 16)
def normal_url(url: str) -> str:
    """``url`` as compared for look-alike sources (kept: under ``serve`` every data edit
    compares every source's URL again, and they rarely change)."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def check_entries(
    kind: str, entries: Sequence[Source | Claim], scale: dict[str, Verdict] | None, report: Report
) -> None:
    """The checks of one file's entries that need no other file (see the module docstring)."""
    if kind == "sources":
        for source in entries:
            _check_wrapped(report, source, "title")
            for name in ("date", "accessed"):
                _check_date(report, source, name)
            for name in ("url", "archive_url"):
                _check_url(report, source, name)
            drafts.check_skeleton_entry(source, report)
        return
    given = scale
    scale = DEFAULT_SCALE if scale is None else scale

    def check_status(entry: Claim | HistoryEntry) -> None:
        status = entry.status
        if status and status not in scale:
            _err(report, entry.at("status"), not_on_scale(status, given))

    for claim in entries:
        assert isinstance(claim, Claim)
        _check_date(report, claim, "date")
        _check_date(report, claim, "reviewed")
        check_status(claim)
        for item in claim.evidence:
            _check_wrapped(report, item, "quote")
        drafts.check_skeleton_entry(claim, report)
        for entry in claim.history:
            _check_date(report, entry, "date")
            check_status(entry)
        if claim.texts:
            check_languages(claim, report)
        verdict = scale.get(claim.status)
        if verdict is not None and not verdict.settled and not claim.missing:
            _warn(
                report,
                claim.pos,
                f"claim '{claim.id}' is not settled but has no 'missing' items: say what would settle it",
            )
        if not claim.history:
            _warn(
                report,
                claim.pos,
                f"claim '{claim.id}' has no 'history': add a history entry with the date it "
                "was first published",
            )
        # a status off the scale is an error already; the history need not repeat it
        if claim.history and claim.status in scale and claim.history[-1].status != claim.status:
            last = claim.history[-1]
            _warn(
                report,
                last.at("status"),
                f"history of claim '{claim.id}' ends with status '{last.status}', "
                f"but its status is '{claim.status}'",
            )


def check_languages(claim: Claim, report: Report) -> None:
    """A claim written in several languages: it names its own, and each field given per
    language has every language the claim has (else its page shows another's text)."""
    if not claim.lang:
        first = next(iter(claim.texts))
        given = sorted({lang for texts in claim.texts.values() for lang in texts})
        choices = " or ".join(given)
        _err(
            report,
            translations.text_pos(claim, first),
            f"claim '{claim.id}' gives text per language but no 'lang': add lang: "
            f"({choices}) to say which language its main page is in",
        )
        return
    own = translations.base_lang(claim.lang)
    langs = translations.languages(claim, own)
    for key, texts in claim.texts.items():
        shown = own if own in texts else next(iter(texts))
        for lang in langs:
            if lang not in texts:
                _warn(
                    report,
                    translations.text_pos(claim, key),
                    f"claim '{claim.id}': {translations.field_words(key)} has no {lang} text, "
                    f"so its {lang} page shows the {shown} text: add {lang}: ...",
                )


def check_sources(site: Site, sources: list[Source], report: Report) -> None:
    """Unique source ids and look-alike sources, across files."""
    site.sources = _unique(report, sources, "source")
    look_alike = (
        ("same URL", lambda s: normal_url(s.url) if s.url else None),
        (
            "same title, publisher and year",
            lambda s: (
                (s.title.casefold().strip(), s.publisher.casefold().strip(), s.date[:4])
                if s.title and s.publisher and s.date
                else None
            ),
        ),
    )
    for reason, key_of in look_alike:
        seen: dict[object, Source] = {}
        for source in site.sources.values():
            key = key_of(source)
            if key is None:
                continue
            if key not in seen:
                seen[key] = source
                continue
            first = seen[key]
            _warn(
                report,
                source.pos,
                f"source '{source.id}' looks like the same document as '{first.id}' ({first.pos}): {reason}",
            )


def check_claims(site: Site, claims: list[Claim], report: Report) -> None:
    """Unique claim ids and the sources claims name, across files."""
    site.claims = _unique(report, claims, "claim")

    def unknown_source(ident: str, where: str = "") -> str | None:
        """The error for a reference to a source there is not, or None."""
        if not ID_RE.fullmatch(ident) or ident in site.sources:
            return None
        if site.unreadable.get("sources"):
            return None  # a sources file did not parse: reported once by the loader
        return f"unknown source '{ident}'{where}{did_you_mean(ident, site.sources)}"

    for claim in claims:
        for ident, pos in zip(claim.appearance, claim.appearance_pos, strict=False):
            if message := unknown_source(ident, " in appearance"):
                _err(report, pos, message)
        for item in claim.evidence:
            if item.source and (message := unknown_source(item.source)):
                _err(report, item.at("source"), message)


def check_site(site: Site, sources: list[Source], claims: list[Claim], report: Report) -> None:
    """The checks across files; each file's own were made when it was loaded."""
    check_sources(site, sources, report)
    check_claims(site, claims, report)


def index_site(site: Site, sources: list[Source], claims: list[Claim]) -> None:
    """What :func:`check_site` puts in the site (its sources and claims by id, the
    first of each id), without its checks: for data whose checks are known already."""
    site.sources = _unique(Report(), sources, "source")
    site.claims = _unique(Report(), claims, "claim")


def check_unused(site: Site, cited: set[str], report: Report) -> None:
    """Warn about sources that no article, evidence item or appearance cites."""
    if site.unreadable.get("claims"):
        return  # evidence in the file that did not parse may cite any of them
    used = set(cited)
    for claim in [*site.claims.values(), *site.withheld_claims.values()]:  # drafts too
        used.update(claim.appearance)
        used.update(item.source for item in claim.evidence)
    for source in site.sources.values():
        if source.id not in used and not source.draft:  # a draft may wait for its citation
            _warn(
                report,
                source.at("id"),
                f"source '{source.id}' is not cited anywhere (no article, evidence item or appearance)",
            )
