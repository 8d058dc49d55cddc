"""``explainers``: the editors' command line.

``explainers check [SITE_DIR]`` validates all data and every article without
building; ``explainers new source|claim|article`` writes a valid skeleton.
Exit codes: 0 clean, 1 content problems, 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

from . import pagefiles
from .check import check_all, find_articles
from .load import load_site
from .model import ID_RE
from .siteconfig import ConfigError, SiteConfig, read_site_config


def _slug(text: str) -> str:
    text = unicodedata.normalize(
        "NFKD", text.replace("ø", "o").replace("æ", "ae").replace("Ø", "O")
    )
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def cmd_check(args: argparse.Namespace) -> int:
    cfg = read_site_config(Path(args.site_dir))
    articles = find_articles(cfg.docs_dir, [cfg.claims_dir, cfg.sources_dir])
    result = check_all(cfg.root, cfg.claims_dir, cfg.sources_dir, articles, cfg.lang, cfg.scale)
    diagnostics = result.report.sorted()
    if args.format == "json":
        print(json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            print(diagnostic)
    if result.report.errors or (args.strict and result.report.warnings):
        return 1
    return 0


def cmd_pages(args: argparse.Namespace) -> int:
    """``explainers pages OUT_DIR``: the site-wide pages as Markdown, for other hosts."""
    cfg = pagefiles.read_config(Path(args.site))
    result = pagefiles.check_site(cfg)
    for diagnostic in result.report.sorted():
        print(diagnostic)
    if result.report.errors or (args.strict and result.report.warnings):
        print("explainers: content problems; no pages written", file=sys.stderr)
        return 1
    try:
        pagefiles.write(Path(args.out_dir), pagefiles.page_files(result, cfg.lang))
    except pagefiles.WriteError as exc:
        print(f"explainers: {exc}", file=sys.stderr)
        return 1
    return 0


def _existing_ids(cfg: SiteConfig, kind: str) -> dict[str, str]:
    loaded = load_site(cfg.root, cfg.claims_dir, cfg.sources_dir, cfg.scale)
    table = loaded.site.sources if kind == "source" else loaded.site.claims
    return {ident: str(item.at("id")) for ident, item in table.items()}


def _fresh_id(wanted: str, prefix: str, taken: dict[str, str] | set[str]) -> str:
    if wanted:
        return wanted
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def cmd_new(args: argparse.Namespace) -> int:
    cfg = read_site_config(Path(args.site))
    title = args.title or ""
    wanted = args.id or _slug(title)
    if wanted and not ID_RE.fullmatch(wanted):
        print(f"explainers: '{wanted}' is not a valid id", file=sys.stderr)
        return 2
    today = dt.date.today().isoformat()
    if args.kind == "article":
        ident = _fresh_id(wanted, "new-explainer", {p.stem for p in cfg.docs_dir.rglob("*.md")})
        target = cfg.docs_dir / f"{ident}.md"
        if target.exists():
            print(f"explainers: {target} exists; choose another id", file=sys.stderr)
            return 1
        body = (
            f"---\ntitle: {_yaml_str(title or 'New explainer')}\ndescription: One sentence on what this explainer answers.\n"
            f"date: {today}\nlang: {cfg.lang}\n---\n\n# {title or 'New explainer'}\n\n"
            "Write the summary here.\n\n"
            "<!-- Cite a source with [@source-id] or [@source-id, p. 12]. Show a claim's evidence\n"
            "     box with ::claim[claim-id] on a line of its own; mention it in text with\n"
            "     :claim[claim-id]. Run `explainers check` to find mistakes. -->\n\n"
            "## 1. First section\n\n::unconfirmed\n\n::sources\n"
        )
    else:
        taken = _existing_ids(cfg, args.kind)
        ident = _fresh_id(wanted, f"new-{args.kind}", taken)
        if ident in taken:
            print(
                f"explainers: {args.kind} id '{ident}' exists (defined at {taken[ident]})",
                file=sys.stderr,
            )
            return 1
        folder = cfg.sources_dir if args.kind == "source" else cfg.claims_dir
        target = folder / f"{ident}.yml"
        if target.exists():
            print(f"explainers: {target} exists; choose another id", file=sys.stderr)
            return 1
        schema = "sources" if args.kind == "source" else "claims"
        head = f"# yaml-language-server: $schema=https://explainers.example.org/schemas/{schema}.schema.json\n"
        if args.kind == "source":
            body = head + (
                f"sources:\n  - id: {ident}\n    title: {_yaml_str(title or 'Title as published')}\n"
                "    author: Author or organisation\n    publisher: Publisher\n"
                f"    date: {today[:4]}\n    type: report\n    url: https://example.org/\n"
                f"    accessed: {today}\n"
            )
        else:
            body = head + (
                f"claims:\n  - id: {ident}\n    claim: {_yaml_str(title or 'The claim, in one sentence.')}\n"
                "    claimant: Who made the claim\n    status: unconfirmed\n"
                "    summary: |\n      The verdict in a few sentences.\n"
                "    evidence: []\n"
                "    missing:\n      - What would settle the claim.\n"
                f"    history:\n      - date: {today}\n        status: unconfirmed\n        note: First published.\n"
                f"    reviewed: {today}\n"
            )
    for folder in (target.parent, cfg.claims_dir, cfg.sources_dir):  # a missing one is an error
        folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(body)
    print(target.relative_to(cfg.root).as_posix() if target.is_relative_to(cfg.root) else target)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="explainers", description=__doc__.split("\n\n")[0])
    sub = top.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate data and articles without building")
    check.add_argument("site_dir", nargs="?", default=".", help="folder holding mkdocs.yml")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=cmd_check)
    new = sub.add_parser("new", help="write a valid skeleton source, claim or article")
    new.add_argument("kind", choices=("source", "claim", "article"))
    new.add_argument(
        "title", nargs="?", help="title (source, article) or claim text; the id is made from it"
    )
    new.add_argument("--id", help="the id to use (default: made from the title)")
    new.add_argument("--site", default=".", help="folder holding mkdocs.yml")
    new.set_defaults(func=cmd_new)
    pages = sub.add_parser(
        "pages", help="write the claims and sources indexes and claim pages as Markdown"
    )
    pages.add_argument("out_dir", help="folder to write them to, e.g. the host's docs folder")
    pages.add_argument("--site", default=".", help="folder holding mkdocs.yml or zensical.toml")
    pages.add_argument("--strict", action="store_true", help="write nothing on warnings too")
    pages.set_defaults(func=cmd_pages)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"explainers: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
