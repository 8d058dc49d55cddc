"""The ``explainers links`` subcommand: its flags, its output and its exit code.

Problems go to stdout as ``path:line:col: severity: message`` lines (or one JSON
object with ``--json``); a summary line goes to stderr. Exit 1 when a source's
``url`` is dead with no live ``archive_url``, else 0; 2 for bad usage (as ``check``).
"""

from __future__ import annotations

import argparse
import json
import logging
import ssl
import sys
from pathlib import Path
from typing import Any

from ..hosts.mkdocs_yml import ConfigError
from ..hosts.site_config import read_config
from .link_record import RECORD_NAME
from .link_report import LinkRun, link_options, run_links

log = logging.getLogger(__name__)

DESCRIPTION = f"""\
Check every source's url and archive_url on the web, politely (a few requests
per host at a time, a pause between them that grows when a host asks to slow
down), and keep each address's history in {RECORD_NAME} beside mkdocs.yml
(commit it). An address is dead only after failing 3 checks at least 3 days
apart; until then it is failing. Addresses that answered are checked again
after 7 days. Problems go to stdout as path:line:col: severity: message, a
summary to stderr. Exit 1 when a source's url is dead and it has no live
archive_url."""


def add_parser(sub: Any) -> None:
    """Register ``links`` on the CLI's subparsers."""
    links = sub.add_parser(
        "links",
        help="check the sources' web addresses and keep a record of dead ones",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    links.add_argument("site_dir", nargs="?", default=".", help="folder holding mkdocs.yml")
    links.add_argument("--all", action="store_true", help="check every address now")
    links.add_argument(
        "--offline", action="store_true", help="check nothing: print what would be checked"
    )
    links.add_argument("--json", action="store_true", help="print one JSON object instead")
    links.add_argument("--record", help=f"the record file (default: {RECORD_NAME})")
    links.add_argument("--concurrency", type=int, help="requests at a time in all (16)")
    links.add_argument("--per-host", type=int, help="requests at a time to one host (2)")
    links.add_argument(
        "--interval", type=float, help="seconds between two requests to one host (1)"
    )
    links.add_argument("--timeout", type=float, help="seconds to wait for an answer (10)")
    links.add_argument(
        "--ca-bundle", help="trust the certificates in this PEM file instead of the system's"
    )
    links.set_defaults(func=cmd_links)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary(run: LinkRun, offline: bool) -> str:
    """The last line: how many addresses, what was checked, what is wrong."""
    addresses = len(run.cited)
    head = f"{addresses} address{'' if addresses == 1 else 'es'} in {_count(run.sources, 'source')}"
    if offline:
        return f"{head}: {len(run.due)} would be checked now"
    states = ", ".join(
        f"{run.count(state)} {label}"
        for state, label in (
            ("ok", "alive"),
            ("dead", "dead"),
            ("failing", "failing"),
            ("unknown", "could not be checked"),
        )
    )
    errors, warnings = len(run.report.errors), len(run.report.warnings)
    problems = ", ".join(
        [_count(errors, "error")] * bool(errors) + [_count(warnings, "warning")] * bool(warnings)
    )
    return f"{head}, {len(run.outcomes)} checked now: {states}: {problems or 'no problems'}"


def _as_json(run: LinkRun, offline: bool) -> dict[str, Any]:
    links = []
    for url, cited in sorted(run.cited.items()):
        state = run.states[url]
        links.append(
            {
                "url": url,
                "sources": [{"id": s.id, "field": name} for s, name in cited.places],
                "state": state.state,
                "reason": state.reason,
                "since": state.since,
                "checked": state.last.at.strftime("%Y-%m-%dT%H:%M:%SZ") if state.last else "",
                "status": state.last.status if state.last else 0,
                "due": run.due.get(url, ""),
            }
        )
    return {
        "diagnostics": [] if offline else [d.as_dict() for d in run.report.sorted()],
        "links": links,
        "summary": summary(run, offline),
    }


def cmd_links(args: argparse.Namespace) -> int:
    cfg = read_config(Path(args.site_dir))
    options = link_options(
        cfg.links,
        str(cfg.root / "mkdocs.yml"),
        record=args.record,
        concurrency=args.concurrency,
        per_host=args.per_host,
        interval=args.interval,
        timeout=args.timeout,
    )
    context = None
    if args.ca_bundle:
        try:
            context = ssl.create_default_context(cafile=args.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(f"{args.ca_bundle}: cannot read the CA bundle: {exc}") from exc
    run = run_links(cfg, options, all_links=args.all, offline=args.offline, ssl_context=context)
    if args.json:
        print(json.dumps(_as_json(run, args.offline), ensure_ascii=False, indent=2, sort_keys=True))
    elif args.offline:
        for url, why in run.due.items():
            print(f"would check {url} ({why})")
    else:
        for diagnostic in run.report.sorted():
            print(diagnostic)
    print(summary(run, args.offline), file=sys.stderr)
    return 1 if run.report.errors and not args.offline else 0
