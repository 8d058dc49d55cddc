"""The editors' command line: ``explainers init``, ``check`` and ``new``.

``init`` writes a new site; ``check`` validates all data and every article without
building; ``new`` writes a valid skeleton. Help texts are plain strings here (not this docstring), so
``--help`` shows no markup. Exit codes: 0 clean, 1 content problems, 2 bad usage, 141 when
the reader of the output went away (a closed pipe: ``explainers links | head``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

from ..data import drafts, skeleton
from ..data.cache import FOLDER as CACHE_FOLDER
from ..data.cache import Cache
from ..data.config_position import option_position
from ..data.diagnostics import Diagnostic, Report
from ..data.load import load_site
from ..data.model import DEFAULT_SCALE, ID_RE
from ..hosts import mkdocs_validation
from ..hosts.mkdocs_yml import ConfigError, SiteConfig
from ..hosts.nav_check import check_nav
from ..hosts.site_config import check_config, check_site, read_config
from ..page.article_render import PageRenderer, RenderError
from ..site import markdown_export as pagefiles
from ..site.check import find_articles
from . import init, links
from .modeline import modeline


def _slug(text: str) -> str:
    text = unicodedata.normalize(
        "NFKD", text.replace("ø", "o").replace("æ", "ae").replace("Ø", "O")
    )
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary(articles: int, sources: int, claims: int, errors: int, warnings: int) -> str:
    """The last line of ``check``: what was read, and how many problems it has."""
    checked = f"checked {_count(articles, 'article')}, {_count(sources, 'source')}, {_count(claims, 'claim')}"
    if not errors and not warnings:
        return f"{checked}: no problems"
    found = [_count(errors, "error")] if errors else []
    found += [_count(warnings, "warning")] if warnings else []
    return f"{checked}: {', '.join(found)}"


def cmd_check(args: argparse.Namespace) -> int:
    # A short-lived command: the cyclic collector would only rescan the thousands of
    # objects a large site loads (a quarter of a warm check's time), never free them.
    # Called in process (tests, a host's own tooling), it gives the collector back.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(args)
    finally:
        if enabled:
            gc.enable()


def _check(args: argparse.Namespace) -> int:
    cfg = read_config(Path(args.site_dir))
    articles = find_articles(cfg.docs_dir, [cfg.claims_dir, cfg.sources_dir])
    renderer = PageRenderer(cfg.markdown, cfg.lang)
    cache = None if args.no_cache else Cache(cfg.root / CACHE_FOLDER)
    try:
        result = check_config(cfg, articles, renderer, cache)
    except RenderError as exc:
        where = option_position(cfg.root, "markdown_extensions") or ("zensical.toml", 1, 1)
        raise ConfigError(str(exc), [Diagnostic(*where, "error", str(exc))]) from exc
    published = [a for a in articles if a not in result.draft_articles]
    check_nav(
        drafts.without_pages(cfg.nav, {uri for uri, _ in result.draft_articles}),
        published,
        cfg.root,
        result.report,
        cfg.nav_exempt,
    )
    check_targets(cfg, result.links, result.report, result.draft_articles)
    if cache is not None:
        cache.forget_unused()
    diagnostics = result.report.sorted()
    if args.format == "json":
        print(json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            print(diagnostic)
    # stdout holds only the problems (or the JSON); the summary is for the person reading.
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    site = result.site
    print(
        summary(len(articles), len(site.sources), len(site.claims), errors, warnings),
        file=sys.stderr,
    )
    for line in drafts.publication(site, len(published), len(result.draft_articles)):
        print(line, file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0


def check_targets(
    cfg: SiteConfig,
    links: dict[str, tuple[str, list[mkdocs_validation.Link]]],
    report: Report,
    draft_articles: list[tuple[str, Path]],
) -> None:
    """What MkDocs' own validation would warn about: nav entries and links to no file.
    A build leaves draft articles out (a link to one is broken) and out of the nav."""
    if cfg.config_file is None:
        return
    left_out = {uri for uri, _ in draft_articles}
    uris = mkdocs_validation.site_uris(
        cfg.docs_dir,
        [cfg.claims_dir, cfg.sources_dir],
        mkdocs_validation.plugin_files(cfg.options, cfg.publish_schemas),
    )
    uris -= left_out
    where = cfg.config_file.name  # beside the site root, which paths are relative to
    mkdocs_validation.check_nav(cfg.raw, cfg.config_text, where, uris, report, left_out)
    mkdocs_validation.check_links(cfg.raw, uris, links, report)


def cmd_init(args: argparse.Namespace) -> int:
    """``explainers init DIR``: the work is in :mod:`.init`."""
    target = Path(args.dir)
    try:
        files = init.write_site(target, args.lang, args.force)
    except init.InitError as exc:
        print(f"explainers: {exc}", file=sys.stderr)
        return 1
    for file in files:
        print((target / file.path).as_posix())
    print("explainers: a new site; next:", file=sys.stderr)
    print(init.next_steps(target), file=sys.stderr)
    return 0


def cmd_pages(args: argparse.Namespace) -> int:
    """``explainers pages OUT_DIR``: the site-wide pages as Markdown, for other hosts."""
    cfg = read_config(Path(args.site))
    result = check_site(cfg)
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
    loaded = load_site(cfg.root, cfg.claims_dir, cfg.sources_dir, cfg.scale, langs=cfg.langs)
    table = loaded.site.sources if kind == "source" else loaded.site.claims
    return {ident: str(item.at("id")) for ident, item in table.items()}


def _fresh_id(wanted: str, prefix: str, taken: dict[str, str] | set[str]) -> str:
    if wanted:
        return wanted
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def _open_status(cfg: SiteConfig) -> str:
    """A new claim starts open: the site scale's first unsettled verdict (else its first)."""
    scale = cfg.scale or DEFAULT_SCALE
    key = next((key for key, v in scale.items() if not v.settled), next(iter(scale)))
    return key if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", key) else _yaml_str(key)


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def cmd_new(args: argparse.Namespace) -> int:
    cfg = read_config(Path(args.site))
    # a title pasted across lines is one line (a heading or YAML scalar cannot hold a break)
    title = " ".join((args.title or "").split())
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
        body = skeleton.article_body(title, today, cfg.lang)
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
        head = modeline(schema, target, cfg.site_url, cfg.publish_schemas)
        if args.kind == "source":
            body = head + skeleton.source_body(ident, title, today)
        else:
            body = head + skeleton.claim_body(ident, title, _open_status(cfg), today)
    for folder in (target.parent, cfg.claims_dir, cfg.sources_dir):  # a missing one is an error
        folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(body)
    print(target.relative_to(cfg.root).as_posix() if target.is_relative_to(cfg.root) else target)
    if args.kind == "article" and isinstance(cfg.nav, list):
        uri = target.relative_to(cfg.docs_dir).as_posix()
        print(
            f'explainers: to list it in the menu, add "- {uri}" under nav: in mkdocs.yml',
            file=sys.stderr,
        )
    return 0


DESCRIPTION = "The editors' command line for an explainers site."
EPILOG = """\
examples:
  explainers init factchecks         a new site in the folder factchecks/
  explainers init faktasjekk --lang nb
  explainers check                   check the site in this folder
  explainers check --strict docs/    warnings fail too
  explainers new source "Homeland Threat Assessment 2026"
  explainers new claim "Cartels offer tiered bounties" --id tiered-bounties
  explainers new article "Are cartels paying bounties?"
  explainers links                   check the sources' web addresses

exit codes: 0 no problems (or only warnings without --strict), 1 problems
found or the file exists, 2 bad usage or an unreadable mkdocs.yml.
"""
CHECK_DESCRIPTION = """\
Check every sources and claims file and every article of the site without
building it. Each problem is one line on stdout, path:line:col: error: message
(or warning:), sorted by file and line; a summary line (what was checked and
how many errors and warnings) goes to stderr, then what `mkdocs build` would
publish (draft articles are left out, as the build leaves them out) and the
claims whose verdict changed in their last history entry."""
INIT_DESCRIPTION = """\
Write a new site into DIR (made if missing): mkdocs.yml with Material, the
explainers plugin and the recommended Markdown extensions, and content/ with a
home page and one example explainer, claim and source to read and then delete.
It passes "explainers check --strict" and "mkdocs build --strict" as written.
Prints the path of each file written.

examples:
  explainers init factchecks && cd factchecks && mkdocs serve
  explainers init . --lang nb        here, in Norwegian Bokmål

exit codes: 0 written, 1 nothing written: DIR is not empty (without --force),
one of the files exists (init never replaces a file) or could not be written,
2 bad usage."""
NEW_DESCRIPTION = """\
Write a valid skeleton: a sources or claims file in the site's data folders
(its first line points editors at the JSON Schema), or a Markdown article
in docs_dir. The id is made from the title unless --id is given; an id that
exists is refused. The new entry is a draft (draft: true), which `mkdocs build`
leaves out until the line is deleted. Prints the path of the new file."""


def _version() -> str:
    try:
        return metadata.version("explainers")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


class _Intermixed(argparse.ArgumentParser):
    """A command's parser that takes options before, between or after its arguments
    (``new claim --id x "Text"`` as well as ``new claim "Text" --id x``): plain argparse
    fills the optional title with nothing when an option follows the kind."""

    _inside = False

    def parse_known_args(  # type: ignore[override]
        self, args: list[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._inside:  # parse_known_intermixed_args calls this method (Python < 3.13)
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    top = argparse.ArgumentParser(
        prog="explainers", description=DESCRIPTION, epilog=EPILOG, formatter_class=raw
    )
    top.add_argument("--version", action="version", version=f"explainers {_version()}")
    sub = top.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Intermixed
    )
    init_cmd = sub.add_parser(
        "init",
        help="write a new site, ready for mkdocs serve",
        description=INIT_DESCRIPTION,
        formatter_class=raw,
    )
    init_cmd.add_argument("dir", metavar="DIR", help="folder for the new site (made if missing)")
    init_cmd.add_argument(
        "--lang", choices=init.LANGS, default="en", help="language of the site and its examples"
    )
    init_cmd.add_argument(
        "--force", action="store_true", help="write into a folder that is not empty"
    )
    init_cmd.set_defaults(func=cmd_init)
    check = sub.add_parser(
        "check",
        help="check data and articles without building",
        description=CHECK_DESCRIPTION,
        formatter_class=raw,
    )
    check.add_argument(
        "site_dir", nargs="?", default=".", help="folder holding mkdocs.yml or zensical.toml"
    )
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the cache in .explainers_cache/ (results are the same)",
    )
    check.set_defaults(func=cmd_check)
    new = sub.add_parser(
        "new",
        help="write a valid skeleton source, claim or article",
        description=NEW_DESCRIPTION,
        formatter_class=raw,
    )
    new.add_argument("kind", choices=("source", "claim", "article"), help="what to write")
    new.add_argument(
        "title", nargs="?", help="title (source, article) or claim text; the id is made from it"
    )
    new.add_argument("--id", help="the id to use (default: made from the title)")
    new.add_argument("--site", default=".", help="folder holding mkdocs.yml or zensical.toml")
    new.set_defaults(func=cmd_new)
    pages = sub.add_parser(
        "pages", help="write the claims and sources indexes and claim pages as Markdown"
    )
    pages.add_argument("out_dir", help="folder to write them to, e.g. the host's docs folder")
    pages.add_argument("--site", default=".", help="folder holding mkdocs.yml or zensical.toml")
    pages.add_argument("--strict", action="store_true", help="write nothing on warnings too")
    pages.set_defaults(func=cmd_pages)
    links.add_parser(sub)
    return top


#: the exit status when the reader of our output went away (``explainers links | head``):
#: 128 + SIGPIPE, what the shell reports for ``cat``, ``grep`` or ``git log`` in its place
EXIT_BROKEN_PIPE = 128 + 13


def main(argv: list[str] | None = None) -> int:
    """Run one command; a closed output pipe ends it quietly, as it ends a Unix tool."""
    try:
        try:
            code = _run(argv)
        except SystemExit:  # argparse after --help or a usage error
            sys.stdout.flush()
            raise
        sys.stdout.flush()  # a pipe closed after the last print breaks here, not at exit
    except BrokenPipeError:
        # Python ignores SIGPIPE, so the write raises instead of ending the process; the
        # Python docs' recipe: point stdout at devnull, so the flush at exit cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_BROKEN_PIPE
    return code


def _run(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        if not exc.diagnostics:
            print(f"explainers: {exc}", file=sys.stderr)
        elif getattr(args, "format", "text") == "json":
            print(json.dumps([d.as_dict() for d in exc.diagnostics], ensure_ascii=False, indent=2))
        else:
            for diagnostic in exc.diagnostics:
                print(diagnostic)
            print("explainers: the site's configuration cannot be used", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
