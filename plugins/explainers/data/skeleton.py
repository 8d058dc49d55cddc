"""The skeletons ``explainers new`` writes, with their placeholder texts.

The texts live here once: ``new`` writes them, and :mod:`.drafts` makes an entry or
article that is not a draft but still holds one an error at its line. New entries
start as drafts, so an untouched skeleton never reaches the site.
"""

from __future__ import annotations

import json
import logging

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
