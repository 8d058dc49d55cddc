"""The skeletons ``explainers new`` writes, and the check that none of their text is published.

The skeleton's placeholder texts live here once: ``new`` writes them, and an entry
or article that is not a draft but still holds one is an error at its line. New
entries start as drafts, so an untouched skeleton never reaches the site.
"""

from __future__ import annotations

import json
import logging
import re

from .diagnostics import Report
from .model import Claim, Source

log = logging.getLogger(__name__)

#: placeholder text per field of a new claim
CLAIM_TEXT = {
    "claim": "The claim, in one sentence.",
    "claimant": "Who made the claim",
    "summary": "The verdict in a few sentences.",
    "missing": "What would settle the claim.",
}
#: placeholder text per field of a new source
SOURCE_TEXT = {
    "title": "Title as published",
    "author": "Author or organisation",
    "publisher": "Publisher",
    "url": "https://example.org/",
}
#: placeholder lines of a new article (front matter and body), matched whole, trimmed
ARTICLE_TEXT = {
    "title": "New explainer",
    "description": "One sentence on what this explainer answers.",
    "body": "Write the summary here.",
    "heading": "## 1. First section",
}
HELD = "still holds the skeleton's text"


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def source_body(ident: str, title: str, today: str) -> str:
    """A new source entry (without the schema modeline)."""
    return (
        f"sources:\n  - id: {ident}\n    draft: true\n"
        f"    title: {_yaml_str(title or SOURCE_TEXT['title'])}\n"
        f"    author: {SOURCE_TEXT['author']}\n    publisher: {SOURCE_TEXT['publisher']}\n"
        f"    date: {today[:4]}\n    type: report\n    url: {SOURCE_TEXT['url']}\n"
        f"    accessed: {today}\n"
    )


def claim_body(ident: str, title: str, status: str, today: str) -> str:
    """A new claim entry (without the schema modeline); ``status`` is YAML already."""
    return (
        f"claims:\n  - id: {ident}\n    draft: true\n"
        f"    claim: {_yaml_str(title or CLAIM_TEXT['claim'])}\n"
        f"    claimant: {CLAIM_TEXT['claimant']}\n    status: {status}\n"
        f"    summary: |\n      {CLAIM_TEXT['summary']}\n"
        "    evidence: []\n"
        f"    missing:\n      - {CLAIM_TEXT['missing']}\n"
        f"    history:\n      - date: {today}\n        status: {status}\n        note: First published.\n"
        f"    reviewed: {today}\n"
    )


def article_body(title: str, today: str, lang: str) -> str:
    """A new article, front matter first."""
    heading = title or ARTICLE_TEXT["title"]
    return (
        f"---\ntitle: {_yaml_str(heading)}\ndescription: {ARTICLE_TEXT['description']}\n"
        f"date: {today}\nlang: {lang}\ndraft: true\n---\n\n# {heading}\n\n"
        f"{ARTICLE_TEXT['body']}\n\n"
        "<!-- Cite a source with [@source-id] or [@source-id, p. 12]. Show a claim's evidence\n"
        "     box with ::claim[claim-id] on a line of its own; mention it in text with\n"
        "     :claim[claim-id]. Run `explainers check` to find mistakes. When it is ready,\n"
        "     delete `draft: true` above: until then `mkdocs build` leaves it out. -->\n\n"
        f"{ARTICLE_TEXT['heading']}\n\n::unconfirmed\n\n::sources\n"
    )


def _held(report: Report, entry: Claim | Source, noun: str, name: str) -> None:
    pos = entry.at(name)
    report.error(
        pos.path,
        pos.line,
        pos.col,
        f"{noun} '{entry.id}': '{name}' {HELD}; write the real {name}, "
        "or mark the entry draft: true",
    )


def check_entry(entry: Claim | Source, report: Report) -> None:
    """An error per field of a published entry that still holds its skeleton's text."""
    if entry.draft:
        return
    if isinstance(entry, Claim):
        for name in ("claim", "claimant", "summary"):
            if getattr(entry, name).strip() == CLAIM_TEXT[name]:
                _held(report, entry, "claim", name)
        if any(item.strip() == CLAIM_TEXT["missing"] for item in entry.missing):
            _held(report, entry, "claim", "missing")
        return
    for name in ("title", "publisher", "url"):
        if getattr(entry, name).strip() == SOURCE_TEXT[name]:
            _held(report, entry, "source", name)
    if SOURCE_TEXT["author"] in entry.author:
        _held(report, entry, "source", "author")


_LINE_RE = {
    "title": re.compile(r"^title\s*:\s*['\"]?(.*?)['\"]?\s*$"),
    "description": re.compile(r"^description\s*:\s*['\"]?(.*?)['\"]?\s*$"),
}


def check_article(text: str, path: str, report: Report) -> None:
    """An error at each line of a published article that is still the skeleton's text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front_end = 0
    if lines and lines[0].strip() == "---":
        front_end = next(
            (i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0
        )
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        col = len(line) - len(line.lstrip()) + 1
        if number - 1 < front_end and number > 1:
            for name, pattern in _LINE_RE.items():
                match = pattern.match(stripped)
                if match and match.group(1) == ARTICLE_TEXT[name]:
                    report.error(
                        path,
                        number,
                        line.index(match.group(1)) + 1,
                        f"the article's {name} {HELD}; write the real {name}, "
                        "or mark the article draft: true",
                    )
            continue
        if stripped == ARTICLE_TEXT["body"]:
            report.error(
                path, number, col, f"this line {HELD}; write the summary, or mark the article draft: true"
            )
        elif stripped == ARTICLE_TEXT["heading"]:
            report.error(
                path,
                number,
                col,
                f"this heading {HELD}; name the section, or mark the article draft: true",
            )
