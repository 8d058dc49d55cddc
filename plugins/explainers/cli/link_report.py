"""``explainers links``: check every source's ``url`` and ``archive_url``, keep a record,
and say which sources need an archived copy.

The addresses due a check (never checked, failing and ``days_apart`` past the last
counted failure, or older than ``recheck_days``; every one with ``all_links``) are
checked by :mod:`.link_check`; each result is added to the record (:mod:`.link_record`),
and the record decides what is dead. Messages point at the ``url:`` (or
``archive_url:``) field of the source.
"""

from __future__ import annotations

import datetime as dt
import logging
import ssl
from dataclasses import dataclass, field, fields
from typing import Any

from ..data.diagnostics import Report
from ..data.load import load_site
from ..data.model import Source
from ..hosts.mkdocs_yml import ConfigError, SiteConfig
from .link_check import Checker, Options, Outcome
from .link_record import RECORD_NAME, LinkState, Record, RecordError, Rule

log = logging.getLogger(__name__)

LINK_FIELDS = ("url", "archive_url")
WAYBACK = "https://web.archive.org/web/"


@dataclass(frozen=True)
class LinkOptions:
    """The ``links`` plugin option (every field is optional there) and its defaults."""

    record: str = RECORD_NAME
    recheck_days: float = 7.0
    dead_after: int = 3
    days_apart: float = 3.0
    # how politely: the checker's own defaults, named once (link_check.Options)
    concurrency: int = Options.concurrency
    per_host: int = Options.per_host
    interval: float = Options.interval
    timeout: float = Options.timeout
    retries: int = Options.retries
    max_redirects: int = Options.max_redirects
    max_retry_after: float = Options.max_retry_after

    @property
    def rule(self) -> Rule:
        return Rule(self.dead_after, self.days_apart, self.recheck_days)


#: options that must be a whole number of at least this
_WHOLE = {"dead_after": 1, "concurrency": 1, "per_host": 1, "retries": 0, "max_redirects": 0}


def link_options(raw: Any, where: str, **overrides: Any) -> LinkOptions:
    """The ``links`` option read from ``mkdocs.yml`` (``where`` names the file), with
    the command line's ``overrides`` (None: not given) on top."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(
            f"{where}: links must be a mapping of options, e.g. links: {{recheck_days: 7}}"
        )
    known = {f.name: f for f in fields(LinkOptions)}
    values: dict[str, Any] = {}
    given = {**raw, **{k: v for k, v in overrides.items() if v is not None}}
    for name, value in given.items():
        if name not in known:
            raise ConfigError(
                f"{where}: links: unknown option '{name}' (known: {', '.join(known)})"
            )
        if name == "record":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: links: record must be a file name")
            values[name] = value
            continue
        whole = name in _WHOLE
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            kind = "a whole number" if whole else "a number"
            raise ConfigError(f"{where}: links: {name} must be {kind}, not {value!r}")
        minimum = _WHOLE.get(name, 0)
        if value < minimum or (name in ("timeout", "days_apart") and value <= 0):
            raise ConfigError(
                f"{where}: links: {name} must be more than 0"
                if not whole
                else f"{where}: links: {name} must be at least {minimum}"
            )
        values[name] = value
    return LinkOptions(**values)


@dataclass
class Cited:
    """One address and where sources cite it."""

    url: str
    places: list[tuple[Source, str]] = field(default_factory=list)


@dataclass
class LinkRun:
    """What one run found: the diagnostics, each address's state, what was (or would be)
    checked."""

    report: Report
    cited: dict[str, Cited]
    states: dict[str, LinkState]
    due: dict[str, str]
    outcomes: dict[str, Outcome]
    sources: int = 0

    def count(self, state: str) -> int:
        return sum(1 for s in self.states.values() if s.state == state)


def cited_links(sources: list[Source]) -> dict[str, Cited]:
    """Every web address the sources give, in the order of the sources' files and lines."""
    found: dict[str, Cited] = {}
    for source in sorted(sources, key=lambda s: (s.pos.path, s.pos.line, s.pos.col)):
        for name in LINK_FIELDS:
            url = getattr(source, name).strip()
            if url.startswith(("http://", "https://")):
                found.setdefault(url, Cited(url)).places.append((source, name))
    return found


def run_links(
    cfg: SiteConfig,
    options: LinkOptions,
    *,
    now: dt.datetime | None = None,
    all_links: bool = False,
    offline: bool = False,
    ssl_context: ssl.SSLContext | None = None,
) -> LinkRun:
    """Check what is due (nothing when ``offline``), update the record, and report.

    ``now`` is the time the checks are recorded at (tests pass a fake clock)."""
    now = now or dt.datetime.now(dt.UTC)
    loaded = load_site(cfg.root, cfg.claims_dir, cfg.sources_dir, cfg.scale, langs=cfg.langs)
    sources = list(loaded.site.sources.values())
    cited = cited_links(sources)
    path = cfg.root / options.record
    try:
        record = Record.load(path)
    except RecordError as exc:
        raise ConfigError(
            f"{path}: cannot read the link record: {exc}; fix it, or delete it to start a new one"
        ) from exc
    rule = options.rule
    due: dict[str, str] = {}
    for url in cited:
        why = record.due(url, rule, now)
        if why is not None or all_links:
            due[url] = why or "--all"
    outcomes: dict[str, Outcome] = {}
    if not offline:
        checker = Checker(
            Options(
                concurrency=options.concurrency,
                per_host=options.per_host,
                interval=options.interval,
                timeout=options.timeout,
                retries=options.retries,
                max_redirects=options.max_redirects,
                max_retry_after=options.max_retry_after,
                ssl_context=ssl_context,
            )
        )
        outcomes = checker.run(due)
        for url in due:  # in the sources' order, so the record is the same run to run
            if url in outcomes:
                record.add(outcomes[url], now, rule)
        if not loaded.site.unreadable.get("sources"):  # else their addresses keep their history
            record.keep_only(set(cited))
        try:
            record.save(path)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot write the link record: {exc}") from exc
    states = {url: record.state(url, rule) for url in cited}
    report = Report()
    for item in cited.values():
        for source, name in item.places:
            _report(source, name, states, options, report)
    return LinkRun(report, cited, states, due, outcomes, len(sources))


def _why(state: LinkState) -> str:
    return f"{state.reason} since {state.since}"


def _report(
    source: Source, name: str, states: dict[str, LinkState], options: LinkOptions, report: Report
) -> None:
    """The message for one of a source's addresses, at its field."""
    state = states[getattr(source, name).strip()]
    where = source.at(name)
    at = (where.path, where.line, where.col)
    ident = source.id
    url = source.url.strip()
    if name == "url" and state.state == "dead":
        archive = states.get(source.archive_url.strip())
        if archive is None:
            report.error(
                *at,
                f"source '{ident}' url is dead ({_why(state)}): add archive_url "
                f"(e.g. {WAYBACK}{url}) and update accessed",
            )
        elif archive.state == "dead":
            report.error(
                *at,
                f"source '{ident}' url is dead ({_why(state)}) and so is its archive_url "
                f"({_why(archive)}): find another archived copy ({WAYBACK}*/{url}), "
                "set archive_url to it and update accessed",
            )
        else:
            report.warning(
                *at,
                f"source '{ident}' url is dead ({_why(state)}); readers still have its "
                "archive_url: if the page moved, set url to its new address and update accessed",
            )
    elif name == "archive_url" and state.state == "dead":
        report.warning(
            *at,
            f"source '{ident}' archive_url is dead ({_why(state)}): find another archived "
            f"copy ({WAYBACK}*/{url}) and set archive_url to it",
        )
    elif state.state == "failing":
        report.warning(
            *at,
            f"source '{ident}' {name} is failing ({_why(state)}; {state.counted} of "
            f"{options.dead_after} checks): open it to see; it is reported dead after "
            f"{options.dead_after} failed checks at least {options.days_apart:g} days apart",
        )
