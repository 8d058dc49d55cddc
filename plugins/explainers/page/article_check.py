"""Check every article's use of the syntax and front matter against the loaded data.

What is syntax is decided by rendering, never guessed: :func:`check_page` takes the
references the page rendered (:class:`~explainers.extension.RenderedRef`, from the
build itself or from :mod:`.pagerender`), gives each its ``line:col`` from the
markdown-it scanner (:mod:`.scan`, matched in order by kind and id, else found by a
text search) and validates exactly those. Syntax the scanner sees but the page does
not render gets a warning at its line.

Each checked page gives its :class:`~.page_record.PageRecord`, the record the
site-wide steps read: which sources it numbers, which claims it shows, its language
and title.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence as Seq
from dataclasses import dataclass, field
from functools import cache as memoize
from pathlib import Path
from typing import Any

from ..data import drafts
from ..data.cache import Cache
from ..data.cache import key as cache_key
from ..data.diagnostics import Diagnostic, Report, did_you_mean
from ..data.model import ID_RE, Site
from ..data.pasted import id_problem
from ..data.record_codec import StaleEntry
from ..data.validation import DATE_RE, parse_date
from ..data.yaml_reader import Mapping, Scalar, Sequence, decode, parse, to_plain
from . import near_misses as nearmiss
from .article_render import PageRenderer, markdown_body
from .extension import RenderedRef
from .i18n import LANGS, normalize_lang, unsupported_lang
from .page_record import PageRecord, shown_and_numbered
from .positions import Ref, scan_page
from .syntax import BARE_KINDS

_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


#: the record a check makes of a page: the one :class:`~.page_record.PageRecord` (its
#: old name, kept for callers)
PageFacts = PageRecord


def _date_problem(value: str, checked: str) -> str:
    """What is wrong with a front-matter date (``checked``: the part read as the date): its
    form, as data files say, or the day."""
    if DATE_RE.fullmatch(checked):
        return f"'{value}' is not a real date"
    return f"'{value}' is not a date: use YYYY-MM-DD"


def _front_matter(
    text: str, path: str, default_lang: str, report: Report, langs: Seq[str] = LANGS
) -> tuple[str, str, dict[str, Any]]:
    """(lang, title, all of it) from front matter YAML, reporting bad known keys."""
    # front matter starts on line 2 of the file: a blank line standing in for the opening
    # '---' makes every position, and every line a message names, the file's own
    node = parse("\n" + text, path, report)
    lang, title = default_lang, ""
    if not isinstance(node, Mapping):
        return lang, title, {}
    value = node.get("lang")
    if isinstance(value, Scalar) and value.value:
        found = normalize_lang(value.value, default_lang, langs)
        if found is None:
            report.error(path, value.line, value.col, unsupported_lang(value.value, langs))
        else:
            lang = found
    value = node.get("title")
    if isinstance(value, Scalar):
        title = value.value
    for key in ("date", "updated"):
        value = node.get(key)
        if isinstance(value, Scalar) and value.value and parse_date(value.value[:10]) is None:
            report.error(path, value.line, value.col, _date_problem(value.value, value.value[:10]))
    value = node.get("draft")
    if isinstance(value, Scalar) and value.value.lower() not in ("true", "false"):
        # Material's blog plugin would read `yes` as true: say it, rather than publish
        report.error(path, value.line, value.col, f"draft '{value.value}' must be true or false")
    corrections = node.get("corrections")
    if corrections is not None:
        if not isinstance(corrections, Sequence):
            report.error(
                path,
                corrections.line,
                corrections.col,
                "corrections must be a list of {date, note}",
            )
        else:
            for entry in corrections.items:
                if not isinstance(entry, Mapping) or not entry.get("note") or not entry.get("date"):
                    report.error(
                        path, entry.line, entry.col, "a correction needs a date and a note"
                    )
                    continue
                date = entry.get("date")
                if isinstance(date, Scalar) and parse_date(date.value) is None:
                    report.error(path, date.line, date.col, _date_problem(date.value, date.value))
    return lang, title, to_plain(node)


def check_ref(ref: Ref, site: Site, path: str, report: Report, draft_page: bool = False) -> None:
    """One reference of a page; ``draft_page``: the page is a draft, so it may show drafts."""
    if ref.kind in BARE_KINDS:
        return
    noun = "claim" if ref.kind in ("claim", "mention") else "source"
    if not ID_RE.fullmatch(ref.id):
        known = site.claims if noun == "claim" else site.sources
        why = id_problem(ref.id, known)
        detail = f": {why}" if why else ""
        report.error(path, ref.line, ref.col, f"'{ref.id}' is not a valid {noun} id{detail}")
        return
    draft = drafts.draft_entry(site, noun, ref.id)
    if draft is not None:
        if not draft_page:
            verb = "article cannot box or mention" if noun == "claim" else "article cannot cite"
            report.error(path, ref.line, ref.col, drafts.draft_ref_message(noun, draft, verb))
        if ref.id not in (site.claims if noun == "claim" else site.sources):
            return  # withheld by the build: the error above says why it is not there
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


@dataclass
class LocatedPage:
    """What one article says, independent of the data: cached by its text."""

    lang: str
    title: str
    meta: dict[str, Any]
    refs: list[Ref]
    notes: list[Diagnostic]  # front matter problems, syntax the page does not render
    #: the links and images the page renders, each (url, line, col): ``check`` tests them
    #: as MkDocs' validation would (:mod:`explainers.hosts.mkdocs_validation`); empty where a build renders the page
    links: list[tuple[str, int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "title": self.title,
            "meta": self.meta,
            "refs": [[r.kind, r.id, r.line, r.col, r.locator, r.in_link] for r in self.refs],
            "notes": [[d.path, d.line, d.col, d.severity, d.message] for d in self.notes],
            "links": [list(link) for link in self.links],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LocatedPage:
        return cls(
            data["lang"],
            data["title"],
            data["meta"],
            [Ref(k, i, line, col, loc, bool(link)) for k, i, line, col, loc, link in data["refs"]],
            [Diagnostic(p, line, col, sev, msg) for p, line, col, sev, msg in data["notes"]],
            [(url, line, col) for url, line, col in data.get("links", [])],
        )


def _spelled(kind: str, ident: str) -> str:
    return {
        "cite": f"[@{ident}]",
        "mention": f":claim[{ident}]",
        "claim": f"::claim[{ident}]",
        "post": f"::post[{ident}]",
    }.get(kind, f"::{kind}")


#: what Markdown takes out of an id before the page shows it: escapes, code ticks, tags
_MARKUP = r"(?:<[^<>\n]*>|[\\`])*"


def _loose(ident: str) -> str:
    """An id as the page shows it (see :func:`~explainers.extension.plain_text`)."""
    return re.sub(r"<[^<>\n]*>|[\\`]", "", ident)


def _pattern(ref: RenderedRef) -> re.Pattern[str]:
    """Where the source spells ``ref``, allowing the markup rendering took out of its id."""
    ident = "".join(_MARKUP + re.escape(char) for char in ref.id)
    if ref.kind == "cite":
        return re.compile(rf"@{ident}{_MARKUP}(?=[\]\s;,])")
    if ref.kind == "mention":
        return re.compile(rf"(?<!:):claim\[{ident}{_MARKUP}\]")
    if ref.kind in ("claim", "post"):
        return re.compile(rf"::{ref.kind}\[{ident}\]")
    return re.compile(rf"::{re.escape(ref.kind)}\b")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _find(text: str, ref: RenderedRef, taken: set[tuple[int, int]]) -> tuple[int, int]:
    """Where a rendered reference the scanner did not see is written: its first
    occurrence in the file not already given to another reference."""
    for match in _pattern(ref).finditer(text):
        where = _line_col(text, match.start())
        if where not in taken:
            return where
    return 1, 1


_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|canvas|center|dd|details|dialog|div|dl|dt|"
    "fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|iframe|li|main|math|"
    "menu|nav|noscript|ol|output|p|pre|section|script|style|table|tbody|td|tfoot|th|"
    "thead|tr|ul|video|audio"
)
_HTML_OPEN_RE = re.compile(rf"^<({_BLOCK_TAGS})(?=[\s/>])(?![^>]*\bmarkdown\b)", re.I)


def _raw_html_start(lines: list[str], first: int, line: int) -> int | None:
    """The line where a raw HTML block that swallows ``line`` opens, if one does: a
    block-level tag at the start of a line opens one, which Python-Markdown reads up
    to its closing tag, blank lines and all. A heuristic, only to explain a warning."""
    opened: tuple[str, int] | None = None
    depth = 0
    for number in range(first, min(line, len(lines)) + 1):
        text = lines[number - 1]
        if opened is None:
            match = (
                _HTML_OPEN_RE.match(text.lstrip(" "))
                if len(text) - len(text.lstrip(" ")) < 4
                else None
            )
            if match:
                opened, depth = (match.group(1).lower(), number), 0
        if opened is not None:
            tag = opened[0]
            depth += len(re.findall(rf"<{tag}(?=[\s/>])", text, re.I))
            depth -= len(re.findall(rf"</{tag}\s*>", text, re.I))
            if number == line:
                return opened[1]
            if depth <= 0:
                opened = None
    return None


def _why_not_rendered(lines: list[str], ref: Ref, body_line: int) -> str:
    spelled = _spelled(ref.kind, ref.id)
    if ref.line <= body_line:
        return (
            f"{spelled} would not render here (MkDocs reads the lines up to the first "
            "blank line as page metadata)"
        )
    start = _raw_html_start(lines, body_line + 1, ref.line)
    if start is not None:
        return (
            f"{spelled} would not render here (inside a raw HTML block that opens at line "
            f"{start} and runs to its closing tag): close that block first"
        )
    if ref.kind == "cite":
        line = lines[ref.line - 1] if ref.line - 1 < len(lines) else ""
        close = line.find("]", ref.col - 1)
        if close >= 0 and line[close + 1 : close + 2] in ("(", "["):
            return (
                f"{spelled} followed by {line[close + 1]}…{')' if line[close + 1] == '(' else ']'}"
                f" is a plain link on the page, not a citation: drop the link part to cite "
                f"'{ref.id}', or write \\[@{ref.id}] for the literal text"
            )
    return f"{spelled} would not render here (the page reads it as code or plain text)"


def locate_page(
    text: str,
    src_uri: str,
    path: str,
    rendered: Seq[RenderedRef],
    default_lang: str,
    langs: Seq[str] = LANGS,
) -> LocatedPage:
    """The part of :func:`check_page` that does not depend on the data."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    report = Report()
    front, scanned, _ = scan_page(text)
    lang, title, meta = (
        _front_matter(front, path, default_lang, report, langs) if front else (default_lang, "", {})
    )
    if not title:
        match = _H1_RE.search(text)
        title = match.group(1) if match else Path(src_uri).stem.replace("-", " ").capitalize()
    # 1. the longest runs in the same order, 2. the same kind and id anywhere (footnotes
    # move to the end of the page), 3. a text search (what the scanner read as code).
    keys = [(r.kind, _loose(r.id)) for r in scanned]
    wanted = [(r.kind, _loose(r.id)) for r in rendered]
    pair: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, wanted, keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for step in range(block.size):
            pair[block.a + step] = block.b + step
    free: dict[tuple[str, str], list[int]] = {}
    matched = set(pair.values())
    for index, ident in enumerate(keys):
        if index not in matched:
            free.setdefault(ident, []).append(index)
    for index, ident in enumerate(wanted):
        if index not in pair and free.get(ident):
            pair[index] = free[ident].pop(0)
    taken = {(scanned[i].line, scanned[i].col) for i in pair.values()}
    refs: list[Ref] = []
    for index, item in enumerate(rendered):
        if index in pair:
            seen = scanned[pair[index]]
            refs.append(Ref(item.kind, item.id, seen.line, seen.col, item.locator, seen.in_link))
            continue
        line, col = _find(text, item, taken)
        taken.add((line, col))
        refs.append(Ref(item.kind, item.id, line, col, item.locator))
    if not drafts.meta_is_draft(meta):
        drafts.check_skeleton_article(text, path, report)
    lines = text.split("\n")
    _, body_lines = markdown_body(text)
    used = set(pair.values())
    for index, ref in enumerate(scanned):
        if index not in used:
            report.warning(path, ref.line, ref.col, _why_not_rendered(lines, ref, body_lines))
    return LocatedPage(lang, title, meta, refs, list(report.items))


def validate_page(
    page: LocatedPage, src_uri: str, path: str, site: Site, report: Report
) -> PageRecord:
    """The part of :func:`check_page` that depends on the data: cheap, rerun every time."""
    for note in page.notes:
        report.add(note)
    boxes: dict[str, Ref] = {}
    draft_page = drafts.meta_is_draft(page.meta)
    for ref in page.refs:
        check_ref(ref, site, path, report, draft_page)
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
    claims, cited = shown_and_numbered(page.refs, site)
    return PageRecord(
        src_uri, path, page.lang, page.title, list(page.refs), page.meta, claims=claims, cited=cited
    )


def located_key(text: str, src_uri: str, path: str, rendered: Seq[RenderedRef], lang: str) -> str:
    refs = "\n".join(f"{r.kind}\t{r.id}\t{r.locator}" for r in rendered)
    return cache_key("located", src_uri, path, lang, refs, text)


def check_page(
    text: str,
    src_uri: str,
    path: str,
    rendered: Seq[RenderedRef],
    site: Site,
    default_lang: str,
    report: Report,
    cache: Cache | None = None,
    langs: Seq[str] = LANGS,
    data_key: str = "",
) -> PageRecord | None:
    """Check the references one page rendered; ``text`` is the whole article file.

    Returns the page's facts, whose ``refs`` are ``rendered`` with their positions.
    With ``cache``, the positions and front matter checks of an unchanged page (same
    text, same rendered references) are reused; the checks against the data rerun,
    unless ``data_key`` names the data ``site`` was loaded from (every data file's
    bytes, the scale, the languages, what the host left out): then the same page
    checked against the same data before gives its diagnostics again, from one entry.
    """
    if cache is None:
        located = locate_page(text, src_uri, path, rendered, default_lang, langs)
        return check_located(located, text, src_uri, path, site, report)
    ident = located_key(text, src_uri, path, rendered, "/".join((default_lang, *langs)))
    checked = cache_key("checked", ident, data_key) if data_key else ""
    if checked:
        found = cache.get(CHECKED, checked, lambda data: _checked_entry(data, src_uri, path))
        if found is not None:
            record, diagnostics, near_ident = found
            cache.touch("located", ident)  # kept for `explainers check` and the next edit
            cache.touch("nearmiss", near_ident)
            for diagnostic in diagnostics:
                report.add(diagnostic)
            return record
        local, given = Report(), report
        report = local
    near_ident = nearmiss.site_page_key(text, path, site)
    # One read a page: the located page's entry also holds the page's near misses, with
    # the key they were found under (they depend on the site's source ids as well).
    entry = cache.get("located", ident, lambda data: _located_entry(data, path))
    if entry is None:
        located, near = locate_page(text, src_uri, path, rendered, default_lang, langs), None
    else:
        located, near = entry
    record = validate_page(located, src_uri, path, site, report)
    if near is not None and near[0] == near_ident:
        cache.touch("nearmiss", near_ident)  # `explainers check` reads it: kept on disk
        diagnostics = near[1]
    else:
        diagnostics = nearmiss.site_page_diagnostics(text, path, site, cache, near_ident)
        stored = nearmiss.diagnostics_to_json(diagnostics)
        cache.put("located", ident, {**located.to_json(), "nearmiss": [near_ident, stored]})
    for diagnostic in diagnostics:
        report.add(diagnostic)
    if checked:
        entry = _checked_json(located, record, report.items, near_ident)
        cache.put(CHECKED, checked, entry)
        given.extend(report)
    return record


#: the cache's space for a page checked against one version of the data (see check_page)
CHECKED = "checked"


def _checked_json(
    page: LocatedPage, record: PageRecord, diagnostics: list[Diagnostic], near_ident: str
) -> dict[str, Any]:
    located = page.to_json()
    return {
        "lang": located["lang"],
        "title": located["title"],
        "meta": located["meta"],
        "refs": located["refs"],
        "claims": record.claims,
        "cited": record.cited,
        "diagnostics": [[d.path, d.line, d.col, d.severity, d.message] for d in diagnostics],
        "nearmiss": near_ident,
    }


def _checked_entry(
    data: dict[str, Any], src_uri: str, path: str
) -> tuple[PageRecord, list[Diagnostic], str]:
    """A stored check of a page: its record, every diagnostic in order, its near misses' key."""
    diagnostics = [
        Diagnostic(str(p), int(line), int(col), sev, str(msg))
        for p, line, col, sev, msg in data["diagnostics"]
    ]
    if any(d.severity not in ("error", "warning") for d in diagnostics):
        raise StaleEntry("not a diagnostic")  # a damaged entry: Cache.get treats it as none
    refs = [Ref(k, i, line, col, loc, bool(link)) for k, i, line, col, loc, link in data["refs"]]
    record = PageRecord(
        src_uri,
        path,
        str(data["lang"]),
        str(data["title"]),
        refs,
        dict(data["meta"]),
        claims=[str(c) for c in data["claims"]],
        cited=[str(c) for c in data["cited"]],
    )
    return record, diagnostics, str(data["nearmiss"])


def _located_entry(
    data: dict[str, Any], path: str
) -> tuple[LocatedPage, tuple[str, list[Diagnostic]] | None]:
    """A located page's cache entry and the near misses stored with it, if any."""
    near = data.get("nearmiss")
    found = None if near is None else (str(near[0]), nearmiss.diagnostics_from_json(path, near[1]))
    return LocatedPage.from_json(data), found


def check_located(
    page: LocatedPage,
    text: str,
    src_uri: str,
    path: str,
    site: Site,
    report: Report,
    cache: Cache | None = None,
) -> PageRecord:
    """A positioned page checked against the data, and its near misses: the last step
    per page, the same in ``explainers check`` (:func:`explainers.site.check.check_all`)
    and a build (:func:`check_page`)."""
    record = validate_page(page, src_uri, path, site, report)
    nearmiss.check_site_page(text, path, site, report, cache)
    return record


@memoize
def _default_renderer() -> PageRenderer:
    return PageRenderer()


def check_article(
    data: bytes,
    src_uri: str,
    path: str,
    site: Site,
    default_lang: str,
    report: Report,
    renderer: PageRenderer | None = None,
    langs: Seq[str] = LANGS,
) -> PageRecord | None:
    """Decode, render (MkDocs' default Markdown configuration unless ``renderer``) and
    :func:`check_page` one article file."""
    text = decode(data, path, report)
    if text is None:
        return None
    rendered = (renderer or _default_renderer()).refs(text, src_uri)
    return check_page(text, src_uri, path, rendered, site, default_lang, report, langs=langs)
