"""Drafts, sign-off and what a build publishes.

``draft: true`` on an article's front matter (the key Material's blog plugin and Hugo
use), a claim or a source keeps it out of everything ``mkdocs build`` writes; ``mkdocs
serve`` shows it with a Draft mark. What a build leaves out must not be reachable
from what it publishes, so a published article or claim that shows or cites a draft
is an error, checked the same way by the plugin and by ``explainers check``.

Also here, as they decide what may publish: the errors for :mod:`.skeleton` text
left in what is not a draft, the ``require_review`` sign-off check,
the warning for a claim that no published article shows (unless
``standalone_claims``), and the summary ``explainers check`` ends with.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import skeleton
from .diagnostics import Report
from .front_matter import front_matter_yaml
from .model import Claim, Evidence, Pos, Site, Source

log = logging.getLogger(__name__)

#: ``draft: true`` at the top level of an article's front matter (every scalar is text:
#: quoted or not, ``true`` in any case is the same word)
_DRAFT_LINE = re.compile(r"""^draft[ \t]*:[ \t]*(['"]?)true\1[ \t]*(#.*)?$""", re.I | re.M)


def article_is_draft(text: str) -> bool:
    """Whether an article's front matter says ``draft: true``."""
    front = front_matter_yaml(text)
    return front is not None and _DRAFT_LINE.search(front) is not None


def file_is_draft(path: Path) -> bool:
    """:func:`article_is_draft` of a file; a file that cannot be read is not a draft (its
    reader reports it)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return article_is_draft(head.decode("utf-8", "replace"))


def meta_is_draft(meta: Mapping[str, Any] | None) -> bool:
    """Whether front matter, as MkDocs (YAML 1.1) or our reader (text) gives it, says draft."""
    value = (meta or {}).get("draft")
    return value is True or (isinstance(value, str) and value.lower() == "true")


# -- the site a build publishes ------------------------------------------------------


def published(site: Site) -> Site:
    """``site`` without its draft claims and sources, which are kept aside to be named
    in messages (a build's indexes, claim pages, feeds and reviews read only these)."""
    if not any(c.draft for c in site.claims.values()) and not any(
        s.draft for s in site.sources.values()
    ):
        return site
    return dataclasses.replace(
        site,
        claims={k: c for k, c in site.claims.items() if not c.draft},
        sources={k: s for k, s in site.sources.items() if not s.draft},
        withheld_claims={k: c for k, c in site.claims.items() if c.draft},
        withheld_sources={k: s for k, s in site.sources.items() if s.draft},
    )


def draft_entry(site: Site, noun: str, ident: str) -> Claim | Source | None:
    """The draft claim (``noun`` "claim") or source with this id, shown or withheld."""
    table: Mapping[str, Claim | Source]
    withheld: Mapping[str, Claim | Source]
    if noun == "claim":
        table, withheld = site.claims, site.withheld_claims
    else:
        table, withheld = site.sources, site.withheld_sources
    entry = table.get(ident)
    if entry is not None:
        return entry if entry.draft else None
    return withheld.get(ident)


def draft_ref_message(noun: str, entry: Claim | Source, verb: str) -> str:
    """A published page or claim naming a draft: what it is, where, and the two fixes."""
    return (
        f"{noun} '{entry.id}' is a draft ({entry.at('draft')}): a published {verb} it; "
        f"remove its draft: true, or remove this reference"
    )


def check_data(site: Site, report: Report) -> None:
    """Published claims whose evidence or appearance names a draft source."""
    for claim in site.claims.values():
        if claim.draft:
            continue
        # an evidence item's position only for a message: reading one decodes the
        # item's positions, which a large site's claims would otherwise all hold
        named: list[tuple[str, Evidence | Pos]] = [
            (item.source, item) for item in claim.evidence if item.source
        ]
        named += list(zip(claim.appearance, claim.appearance_pos, strict=False))
        for ident, where in named:
            source = draft_entry(site, "source", ident)
            if source is not None:
                pos = where.at("source") if isinstance(where, Evidence) else where
                report.error(
                    pos.path,
                    pos.line,
                    pos.col,
                    draft_ref_message("source", source, f"claim ('{claim.id}') cannot cite"),
                )


# -- what may publish: sign-off and claims nothing shows ---------------------------------


@dataclass(frozen=True)
class Rules:
    """The plugin options that decide whether a claim may publish."""

    require_review: bool = False
    standalone_claims: bool = False


def _latest(claim: Claim) -> str:
    return max((entry.date for entry in claim.history if entry.date), default="")


def check_review(claim: Claim, report: Report) -> None:
    """``require_review``: a sign-off (``reviewed_by``) dated no earlier than the last
    history entry."""
    wanted = []
    if not claim.reviewed_by.strip():
        wanted.append("reviewed_by (who signed the verdict off)")
    if not claim.reviewed:
        wanted.append("reviewed (the date of the sign-off)")
    if wanted:
        pos = claim.at("id")
        report.error(
            pos.path,
            pos.line,
            pos.col,
            f"claim '{claim.id}' needs {' and '.join(wanted)} to publish, as require_review "
            "is on; add them, or mark the claim draft: true",
        )
        return
    latest = _latest(claim)
    if latest and claim.reviewed < latest:
        pos = claim.at("reviewed")
        report.error(
            pos.path,
            pos.line,
            pos.col,
            f"claim '{claim.id}' was reviewed on {claim.reviewed}, before its last history "
            f"entry ({latest}); review the verdict again and update reviewed",
        )


def check_publication(site: Site, shown: Iterable[str], rules: Rules, report: Report) -> None:
    """Site-wide checks of what publishes, once every published article is known.

    ``shown``: the claims that published articles box or mention.
    """
    shown = set(shown)
    for claim in site.claims.values():
        if claim.draft:
            continue
        if rules.require_review:
            check_review(claim, report)
        if not rules.standalone_claims and claim.id not in shown:
            pos = claim.at("id")
            report.warning(
                pos.path,
                pos.line,
                pos.col,
                f"claim '{claim.id}' is not shown anywhere (no published article boxes or "
                "mentions it)",
            )


# -- skeleton text left in what publishes --------------------------------------------

HELD = "still holds the skeleton's text"


def _held(report: Report, entry: Claim | Source, noun: str, name: str) -> None:
    pos = entry.at(name)
    report.error(
        pos.path,
        pos.line,
        pos.col,
        f"{noun} '{entry.id}': '{name}' {HELD}; write the real {name}, "
        "or mark the entry draft: true",
    )


def check_skeleton_entry(entry: Claim | Source, report: Report) -> None:
    """An error per field of a published entry that still holds its skeleton's text."""
    if entry.draft:
        return
    if isinstance(entry, Claim):
        for name in ("claim", "claimant", "summary"):
            if getattr(entry, name).strip() == skeleton.CLAIM_TEXT[name]:
                _held(report, entry, "claim", name)
        if any(item.strip() == skeleton.CLAIM_TEXT["missing"] for item in entry.missing):
            _held(report, entry, "claim", "missing")
        return
    for name in ("title", "publisher", "url"):
        if getattr(entry, name).strip() == skeleton.SOURCE_TEXT[name]:
            _held(report, entry, "source", name)
    if skeleton.SOURCE_TEXT["author"] in entry.author:
        _held(report, entry, "source", "author")


_LINE_RE = {
    "title": re.compile(r"^title\s*:\s*['\"]?(.*?)['\"]?\s*$"),
    "description": re.compile(r"^description\s*:\s*['\"]?(.*?)['\"]?\s*$"),
}


def check_skeleton_article(text: str, path: str, report: Report) -> None:
    """An error at each line of a published article that is still the skeleton's text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front_end = 0
    if lines and lines[0].strip() == "---":
        front_end = next(
            (i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0
        )
    fence = ""  # the fence of the code block the line is in: its text is an example
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        col = len(line) - len(line.lstrip()) + 1
        if number - 1 >= front_end and (fence or stripped[:3] in ("```", "~~~")):
            if not fence:
                fence = stripped[:3]
            elif stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
            continue
        if number - 1 < front_end and number > 1:
            for name, pattern in _LINE_RE.items():
                match = pattern.match(stripped)
                if match and match.group(1) == skeleton.ARTICLE_TEXT[name]:
                    report.error(
                        path,
                        number,
                        line.index(match.group(1)) + 1,
                        f"the article's {name} {HELD}; write the real {name}, "
                        "or mark the article draft: true",
                    )
            continue
        if stripped == skeleton.ARTICLE_TEXT["body"]:
            report.error(
                path,
                number,
                col,
                f"this line {HELD}; write the summary, or mark the article draft: true",
            )
        elif stripped == skeleton.ARTICLE_TEXT["heading"]:
            report.error(
                path,
                number,
                col,
                f"this heading {HELD}; name the section, or mark the article draft: true",
            )


# -- nav -------------------------------------------------------------------------------


def without_pages(nav: Any, uris: set[str]) -> Any:
    """``nav`` (MkDocs' raw list) without entries for the pages ``uris``; a section left
    empty goes too. What is not a nav list is returned as it is."""
    if not isinstance(nav, list):
        return nav
    kept: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if item not in uris:
                kept.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, str):
                if value not in uris:
                    kept.append(item)
            elif isinstance(value, list):
                inner = without_pages(value, uris)
                if inner or not value:
                    kept.append({title: inner})
            else:
                kept.append(item)
        else:
            kept.append(item)
    return kept


# -- what a build would publish ------------------------------------------------------


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def changed_verdicts(site: Site) -> list[tuple[Claim, str]]:
    """Published claims whose last history entry changed the status: (claim, previous)."""
    found = []
    for claim in sorted(site.claims.values(), key=lambda c: c.id):
        if claim.draft or len(claim.history) < 2:
            continue
        before, last = claim.history[-2].status, claim.history[-1].status
        if before and last and before != last:
            found.append((claim, before))
    return found


def publication(site: Site, articles: int, draft_articles: int) -> list[str]:
    """The lines ``explainers check`` ends with: what ``mkdocs build`` would publish."""
    claims = [c for c in site.claims.values() if not c.draft]
    sources = [s for s in site.sources.values() if not s.draft]
    draft_claims = len(site.claims) - len(claims) + len(site.withheld_claims)
    draft_sources = len(site.sources) - len(sources) + len(site.withheld_sources)
    lines = [
        f"would publish {_count(articles, 'article')}, {_count(len(claims), 'claim')}, "
        f"{_count(len(sources), 'source')}; drafts left out: "
        f"{_count(draft_articles, 'article')}, {_count(draft_claims, 'claim')}, "
        f"{_count(draft_sources, 'source')}"
    ]
    changed = changed_verdicts(site)
    if changed:
        lines.append(f"verdicts changed since their previous history entry: {len(changed)}")
        lines += [
            f"  {claim.id}: {before} -> {claim.history[-1].status} ({claim.history[-1].date})"
            for claim, before in changed
        ]
    return lines
