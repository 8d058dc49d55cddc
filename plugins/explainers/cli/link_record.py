"""The record of link checks: each address's recent checks, kept in a JSON file beside
``mkdocs.yml`` and meant to be committed, so a desk's history survives between runs.

The rule is InternetArchiveBot's: an address is *dead* only after failing
``dead_after`` checks (default 3) that lie at least ``days_apart`` days (default 3)
apart, counted since it last answered; before that it is *failing since* its first
failure. A "could not check" (401, 403, 429) neither counts nor breaks a run of
failures. The file is written with sorted keys and two-space indentation, so it
changes only where a check changed it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .link_check import RESULTS, Outcome, Result

log = logging.getLogger(__name__)

#: the record's file name, beside mkdocs.yml
RECORD_NAME = "explainers-links.json"
FORMAT = 1
#: checks kept per address (the ones the rule counts are always kept too)
KEEP = 10
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

State = Literal["ok", "dead", "failing", "unknown", "unchecked"]


class RecordError(ValueError):
    """The record file cannot be read."""


@dataclass(frozen=True)
class Rule:
    """When a failing address is dead, and when an address is checked again."""

    dead_after: int = 3
    days_apart: float = 3.0
    recheck_days: float = 7.0


@dataclass(frozen=True)
class Check:
    at: dt.datetime
    result: Result
    status: int = 0
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.strftime(TIME_FORMAT),
            "reason": self.reason,
            "result": self.result,
            "status": self.status,
        }


@dataclass(frozen=True)
class LinkState:
    """What the record says of one address now."""

    state: State
    #: the reason of the latest failure ("404", "TLS failure"), or of "could not check"
    reason: str = ""
    #: the day the current run of failures began (YYYY-MM-DD)
    since: str = ""
    #: failed checks counted by the rule (at least ``days_apart`` apart)
    counted: int = 0
    #: the last check, or None
    last: Check | None = None


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, TIME_FORMAT).replace(tzinfo=dt.UTC)


def _check_from(item: Any) -> Check:
    if not isinstance(item, dict) or item.get("result") not in RESULTS:
        raise RecordError("a check needs at, result (ok, dead, failed, unknown), status, reason")
    status, reason = item.get("status", 0), item.get("reason", "")
    if not isinstance(status, int) or not isinstance(reason, str):
        raise RecordError("a check's status is a number and its reason text")
    try:
        at = parse_time(str(item.get("at")))
    except ValueError as exc:
        raise RecordError(f"a check's time is not like 2026-11-02T10:00:00Z: {exc}") from exc
    return Check(at, item["result"], status, reason)


def _failing_run(checks: list[Check]) -> list[Check]:
    """The failures since the last success, oldest first ("could not check" skipped)."""
    run: list[Check] = []
    for check in reversed(checks):
        if check.result == "ok":
            break
        if check.result in ("dead", "failed"):
            run.append(check)
    return run[::-1]


def _counted(run: list[Check], days_apart: float) -> list[Check]:
    """The failures the rule counts: the first, then each at least ``days_apart`` after
    the last one counted."""
    counted: list[Check] = []
    gap = dt.timedelta(days=days_apart)
    for check in run:
        if not counted or check.at - counted[-1].at >= gap:
            counted.append(check)
    return counted


class Record:
    """Every address's recent checks, oldest first."""

    def __init__(self, links: dict[str, list[Check]] | None = None) -> None:
        self.links: dict[str, list[Check]] = links or {}

    @classmethod
    def load(cls, path: Path) -> Record:
        """The record at ``path``; an empty one if there is no file."""
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            raise RecordError(str(exc)) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(f"not JSON: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("links"), dict):
            raise RecordError('not a link record: it has no "links" mapping')
        if data.get("format") != FORMAT:
            raise RecordError(f"format {data.get('format')!r}; this version reads format {FORMAT}")
        links: dict[str, list[Check]] = {}
        for url, entry in data["links"].items():
            if not isinstance(entry, dict) or not isinstance(entry.get("checks"), list):
                raise RecordError(f'{url}: no "checks" list')
            try:
                links[url] = sorted(
                    (_check_from(item) for item in entry["checks"]), key=lambda c: c.at
                )
            except RecordError as exc:
                raise RecordError(f"{url}: {exc}") from exc
        return cls(links)

    def add(self, outcome: Outcome, now: dt.datetime, rule: Rule) -> None:
        """Keep one check; drop the oldest beyond :data:`KEEP` unless the rule counts them."""
        checks = self.links.setdefault(outcome.url, [])
        checks.append(
            Check(
                now.astimezone(dt.UTC).replace(microsecond=0),
                outcome.result,
                outcome.status,
                outcome.reason,
            )
        )
        if len(checks) > KEEP:
            keep = {id(c) for c in _counted(_failing_run(checks), rule.days_apart)}
            keep |= {id(c) for c in checks[-KEEP:]}
            checks[:] = [c for c in checks if id(c) in keep]

    def state(self, url: str, rule: Rule) -> LinkState:
        checks = self.links.get(url, [])
        if not checks:
            return LinkState("unchecked")
        last = checks[-1]
        run = _failing_run(checks)
        decided = [c for c in checks if c.result != "unknown"]
        if not decided:
            return LinkState("unknown", last.reason, last=last)
        if decided[-1].result == "ok":
            if last.result == "unknown":
                return LinkState("unknown", last.reason, last=last)
            return LinkState("ok", last=last)
        counted = _counted(run, rule.days_apart)
        state: State = "dead" if len(counted) >= rule.dead_after else "failing"
        return LinkState(state, run[-1].reason, run[0].at.date().isoformat(), len(counted), last)

    def due(self, url: str, rule: Rule, now: dt.datetime) -> str | None:
        """Why ``url`` should be checked now, or None if its last check is recent enough."""
        checks = self.links.get(url)
        if not checks:
            return "never checked"
        last = checks[-1]
        current = self.state(url, rule)
        if current.state == "failing":
            counted = _counted(_failing_run(checks), rule.days_apart)
            if now - counted[-1].at >= dt.timedelta(days=rule.days_apart):
                return f"failing since {current.since}"
            return None
        if now - last.at >= dt.timedelta(days=rule.recheck_days):
            return f"last checked {last.at.date().isoformat()}"
        return None

    def keep_only(self, urls: set[str]) -> None:
        """Forget addresses no source cites any more."""
        for url in [u for u in self.links if u not in urls]:
            del self.links[url]

    def dumps(self) -> str:
        data = {
            "format": FORMAT,
            "links": {
                url: {"checks": [c.to_json() for c in checks]}
                for url, checks in self.links.items()
                if checks
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def save(self, path: Path) -> None:
        """Write the record in one step (a reader never sees half a file)."""
        text = self.dumps()
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
