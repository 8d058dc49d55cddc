"""Check every article's use of the syntax and front matter against the loaded data.

Collects the cross-page facts the site-wide steps need: which sources articles
cite, which pages discuss which claim, each page's language and title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import nearmiss
from .diagnostics import Report, did_you_mean
from .i18n import normalize_lang
from .model import ID_RE, Site
from .scan import Ref, scan_page
from .syntax import BARE_KINDS
from .validate import parse_date
from .yamlread import Mapping, Scalar, Sequence, decode, parse, to_plain

_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


@dataclass
class PageFacts:
    src_uri: str
    path: str
    lang: str
    title: str
    refs: list[Ref] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # front matter, every scalar a string


@dataclass
class ArticleIndex:
    pages: dict[str, PageFacts] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)
    claim_pages: dict[str, list[str]] = field(default_factory=dict)
    source_pages: dict[str, list[str]] = field(default_factory=dict)  # citations and post cards


def _front_matter(
    text: str, path: str, default_lang: str, report: Report
) -> tuple[str, str, dict[str, Any]]:
    """(lang, title, all of it) from front matter YAML, reporting bad known keys."""
    local = Report()
    node = parse(text, path, local)
    for item in local.items:  # front matter starts on line 2 of the file
        report.add(type(item)(item.path, item.line + 1, item.col, item.severity, item.message))
    lang, title = default_lang, ""
    if not isinstance(node, Mapping):
        return lang, title, {}
    value = node.get("lang")
    if isinstance(value, Scalar) and value.value:
        found = normalize_lang(value.value)
        if found is None:
            report.error(
                path,
                value.line + 1,
                value.col,
                f"lang '{value.value}' is not supported: use en or nb",
            )
        else:
            lang = found
    value = node.get("title")
    if isinstance(value, Scalar):
        title = value.value
    for key in ("date", "updated"):
        value = node.get(key)
        if isinstance(value, Scalar) and value.value and parse_date(value.value[:10]) is None:
            report.error(path, value.line + 1, value.col, f"'{value.value}' is not a real date")
    corrections = node.get("corrections")
    if corrections is not None:
        if not isinstance(corrections, Sequence):
            report.error(
                path,
                corrections.line + 1,
                corrections.col,
                "corrections must be a list of {date, note}",
            )
        else:
            for entry in corrections.items:
                if not isinstance(entry, Mapping) or not entry.get("note") or not entry.get("date"):
                    report.error(
                        path, entry.line + 1, entry.col, "a correction needs a date and a note"
                    )
                    continue
                date = entry.get("date")
                if isinstance(date, Scalar) and parse_date(date.value) is None:
                    report.error(
                        path, date.line + 1, date.col, f"'{date.value}' is not a real date"
                    )
    return lang, title, to_plain(node)


def check_ref(ref: Ref, site: Site, path: str, report: Report) -> None:
    if ref.kind in BARE_KINDS:
        return
    noun = "claim" if ref.kind in ("claim", "mention") else "source"
    if not ID_RE.fullmatch(ref.id):
        report.error(path, ref.line, ref.col, f"'{ref.id}' is not a valid {noun} id")
        return
    if noun == "claim":
        if ref.id not in site.claims and not site.unreadable.get("claims"):
            hint = did_you_mean(ref.id, site.claims)
            report.error(path, ref.line, ref.col, f"unknown claim '{ref.id}'{hint}")
        return
    source = site.sources.get(ref.id)
    if source is None:
        if not site.unreadable.get("sources"):  # else the loader said they could not be checked
            hint = did_you_mean(ref.id, site.sources)
            report.error(path, ref.line, ref.col, f"unknown source '{ref.id}'{hint}")
    elif ref.kind == "post" and source.type != "social":
        report.error(
            path,
            ref.line,
            ref.col,
            f"::post[{ref.id}] needs a source of type: social, but '{ref.id}' is of type {source.type}",
        )
    elif ref.kind == "post" and not source.text:
        report.error(
            path,
            ref.line,
            ref.col,
            f"::post[{ref.id}] needs the post's text: source '{ref.id}' has no 'text'",
        )


def check_article(
    data: bytes, src_uri: str, path: str, site: Site, default_lang: str, report: Report
) -> PageFacts | None:
    text = decode(data, path, report)
    if text is None:
        return None
    front, refs, _ = scan_page(text)
    nearmiss.check(text, path, site.sources, report)
    lang, title, meta = (
        _front_matter(front, path, default_lang, report) if front else (default_lang, "", {})
    )
    if not title:
        match = _H1_RE.search(text)
        title = match.group(1) if match else Path(src_uri).stem.replace("-", " ").capitalize()
    boxes: dict[str, Ref] = {}
    for ref in refs:
        check_ref(ref, site, path, report)
        if ref.in_link:
            report.warning(
                path,
                ref.line,
                ref.col,
                "a citation or mention inside link text makes a link inside a link; move it after the link",
            )
        if ref.kind == "claim" and ref.id in boxes:
            first = boxes[ref.id]
            report.warning(
                path,
                ref.line,
                ref.col,
                f"the box of claim '{ref.id}' is already on this page (line {first.line}); mention it with :claim[{ref.id}]",
            )
        if ref.kind == "claim":
            boxes.setdefault(ref.id, ref)
    return PageFacts(src_uri, path, lang, title, refs, meta)


def add_once(table: dict[str, list[str]], key: str, uri: str) -> None:
    """Record that page ``uri`` uses ``key``, keeping first-seen page order."""
    uris = table.setdefault(key, [])
    if uri not in uris:
        uris.append(uri)


def index_articles(pages: list[PageFacts]) -> ArticleIndex:
    index = ArticleIndex()
    for page in pages:
        index.pages[page.src_uri] = page
        for ref in page.refs:
            if ref.kind in ("cite", "post"):
                index.cited.add(ref.id)
                add_once(index.source_pages, ref.id, page.src_uri)
            elif ref.kind in ("claim", "mention"):
                add_once(index.claim_pages, ref.id, page.src_uri)
    return index
