"""Near misses: text that looks like the article syntax but will publish as raw text.

An editor who writes ``[@ id]``, ``@id`` or ``::claims[x]`` believes the article is
cited; the page shows the characters instead. These checks read the same
markdown-it tokens as :mod:`.scan` (so code spans, code blocks and raw HTML are
skipped) and warn at the ``path:line:col`` of each near miss, with the fix.
Text that names no source (an e-mail address, a social handle) stays quiet.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Collection, Iterator
from typing import Any

from markdown_it.token import Token

from ..data.cache import Cache, key
from ..data.diagnostics import Diagnostic, Report
from ..data.model import Site
from ..data.record_codec import StaleEntry
from .positions import inline_position, parse_tokens, split_front_matter
from .syntax import BARE_KINDS, DIRECTIVE_KINDS, MENTION_RE, parse_cite_group, parse_directive

log = logging.getLogger(__name__)

_FILL = "\x00"  # masks text that is not prose (code, HTML, URLs, valid syntax); never a space
_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_RE = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][^<>]*|[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"
)
_URL_RE = re.compile(r"(?<=\])\((?:<[^<>\n]*>|[^()\s]*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_BARE_URL_RE = re.compile(r"https?://[^\s<>()\[\]]+")
_GROUP_RE = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\]")
_AT_ID_RE = re.compile(r"(?<![\w@\\/.:+-])(-?)@(\s*)([a-z0-9][a-z0-9-]*)(?![\w@-]|\.\w)")
_LINE_DIRECTIVE_RE = re.compile(r"::([A-Za-z][\w-]*)(.*)")
_MID_DIRECTIVE_RE = re.compile(r"(?<=[^\s:\x00])[ \t]*(::)(claim|post)\[([^\[\]\s]*)", re.I)
_MENTION_LIKE_RE = re.compile(r"(?<![:\w\\])(:)([A-Za-z]+)([ \t]*)\[([^\[\]\n]*)(\]?)")


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", _FILL, text[start:end]) + text[end:]


def _masked(content: str) -> str:
    """``content`` with code spans, HTML tags, autolinks and link targets blanked out."""
    for pattern in (_CODE_RE, _HTML_RE, _URL_RE, _BARE_URL_RE):
        for match in reversed(list(pattern.finditer(content))):
            content = _mask(content, match.start(), match.end())
    return content


def _closest(word: str, options: Collection[str], cutoff: float = 0.6) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return found[0] if found else None


def _groups(text: str, known: Collection[str]) -> Iterator[tuple[int, str]]:
    """Bracket groups with an ``@`` that are not citations (and not link text)."""
    for match in _GROUP_RE.finditer(text):
        start, end = match.span()
        if start and text[start - 1] == "\\":
            continue  # \[@a] is written to stay literal
        inner = match.group(1)
        after = text[end] if end < len(text) else ""
        items = parse_cite_group(inner)
        if after and after in "([" + _FILL:  # link text: Markdown makes a link, not a citation
            if items and inner.lstrip().startswith(("@", "-@")):  # [@a](url): meant to cite
                opening = "[" if after == "[" else "("
                closing = "]" if opening == "[" else ")"
                yield (
                    start + 1,
                    f"[{inner}] followed by {opening}…{closing} is a plain link on the page, "
                    f"not a citation: drop the link part to cite '{items[0].id}', or write "
                    f"\\[{inner}] for the literal text",
                )
            continue  # e.g. [follow @jane](https://...)
        if items is not None:
            continue
        parts = inner.split(";")
        if len(parts) > 1 and any(not p.strip() for p in parts):
            fixed = "; ".join(p.strip() for p in parts if p.strip())
            if parse_cite_group(fixed) is not None:
                yield (
                    start,
                    f"empty item in citation '[{inner}]': remove the extra ';' and write [{fixed}]",
                )
                continue
        for at in _AT_ID_RE.finditer(inner):
            ident = at.group(3)
            if ident not in known:
                continue
            where = start + 1 + at.start()
            if at.group(2):
                yield (
                    where,
                    f"'[{inner}]' is not a citation (space after '@'); did you mean [@{ident}]?",
                )
            else:
                yield where, f"'[{inner}]' is not a citation; did you mean [@{ident}]?"


def _bare_ids(text: str, known: Collection[str]) -> Iterator[tuple[int, str]]:
    """``@id`` of a known source in prose; a handle or address that names no source is fine."""
    for match in _AT_ID_RE.finditer(text):
        if match.group(2):
            continue  # "@ id" in prose is not a reference
        ident = match.group(3)
        if ident in known:
            yield match.start(), f"'@{ident}' is not a citation; did you mean [@{ident}]?"


def _fix_for(name: str, rest: str) -> str:
    """The directive the editor probably meant, for the message."""
    kind = (
        name.lower() if name.lower() in DIRECTIVE_KINDS else _closest(name.lower(), DIRECTIVE_KINDS)
    )
    if kind is None:
        return "::claim[id], ::post[id], ::unconfirmed, ::sources, ::matrix or ::articles"
    if kind in BARE_KINDS:
        return f"::{kind}"
    ident = re.match(r"\s*\[?\s*([^\[\]\s{}]*)", rest)
    return f"::{kind}[{ident.group(1) if ident else ''}]"


def _line_directive(line: str) -> str | None:
    """Why a line that starts with ``::name`` is not a directive, with the fix."""
    match = _LINE_DIRECTIVE_RE.match(line)
    if match is None or parse_directive(line) is not None:
        return None
    name, rest = match.group(1), match.group(2).rstrip()
    fix = _fix_for(name, rest)
    shown = line.strip() if len(line.strip()) <= 40 else line.strip()[:37] + "..."
    if name not in DIRECTIVE_KINDS:
        return f"'{shown}' is not a directive; did you mean {fix}?"
    if name in ("claim", "post"):
        if not rest.startswith("["):
            return (
                f"'{shown}' is not a directive: the id goes in brackets right after the name, {fix}"
            )
        if "]" not in rest:
            return f"'{shown}' is not closed: write {fix}"
        if re.search(r"\]\s*\{", rest):
            return f"'{shown}' is not a directive: attributes in {{...}} are not supported; write {fix} alone on its line"
        if re.search(r"\s", rest[: rest.index("]")]):
            return f"'{shown}' is not a directive: an id has no spaces; write {fix}"
    return f"'{shown}' is not a directive: a block directive must be alone on its line; put {fix} on a line of its own"


def _directives(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        if stripped.startswith("::"):
            message = _line_directive(stripped)
            if message:
                yield offset + len(line) - len(stripped), message
        offset += len(line) + 1
    for match in _MID_DIRECTIVE_RE.finditer(text):
        kind, ident = match.group(2).lower(), match.group(3)
        yield (
            match.start(1),
            f"'::{kind}[{ident}]' is a block directive and must be alone on its line"
            + (f"; inside a sentence, write :claim[{ident}]" if kind == "claim" else ""),
        )


def _mentions(text: str) -> Iterator[tuple[int, str]]:
    for match in _MENTION_LIKE_RE.finditer(text):
        name, space, ident, closed = match.group(2), match.group(3), match.group(4), match.group(5)
        if name.lower() != "claim" and _closest(name.lower(), ("claim",), 0.75) is None:
            continue
        if name == "claim" and not space and closed and not re.search(r"\s", ident):
            continue  # a real mention (MENTION_RE)
        fix = f":claim[{ident.strip()}]"
        shown = match.group(0)
        if name != "claim":
            why = f"'{shown}' is not a mention; did you mean {fix}?"
        elif space:
            why = f"'{shown}' is not a mention (space before '['); write {fix}"
        elif not closed:
            why = f"'{shown}' is not closed: write {fix}"
        else:
            why = f"'{shown}' is not a mention: an id has no spaces"
        yield match.start(1), why


def _inline_warnings(content: str, known: Collection[str]) -> list[tuple[int, str]]:
    text = _masked(content)
    for match in reversed(list(MENTION_RE.finditer(text))):
        text = _mask(text, match.start(), match.end())
    directives = list(_directives(text))  # before groups are masked: ``::claim[x]`` holds brackets
    found = list(_groups(text, known))
    for match in reversed(list(_GROUP_RE.finditer(text))):
        text = _mask(text, match.start(), match.end())  # citations, near misses and link text
    found.extend(_bare_ids(text, known))
    found.extend(directives)
    found.extend(_mentions(text))
    return sorted(set(found))


def check(text: str, path: str, known: Collection[str], report: Report) -> None:
    """Warn about every near miss in an article (``text`` is the whole file)."""
    _, body, offset = split_front_matter(text.replace("\r\n", "\n"))
    lines = body.split("\n")
    for token in parse_tokens(body):
        if token.type != "inline" or not _worth_a_look(token):
            continue
        for at, message in _inline_warnings(token.content, known):
            line, col = inline_position(token, at, lines)
            report.warning(path, line + offset, col, message)


def _worth_a_look(token: Token) -> bool:
    return "@" in token.content or ":" in token.content


def site_page_key(text: str, path: str, site: Site) -> str:
    """What :func:`check_site_page`'s result is stored under: the text, its path and the
    site's source ids (a page's near misses are read against those)."""
    ids = site.memo.get(("source-ids",))
    if ids is None:
        ids = site.memo[("source-ids",)] = key("ids", *sorted(site.sources))
    return key("nearmiss", path, ids, text)


def diagnostics_from_json(path: str, stored: Any) -> list[Diagnostic]:
    """Stored near misses (``[line, col, severity, message]`` each) as diagnostics."""
    found = [Diagnostic(path, int(ln), int(col), sev, str(msg)) for ln, col, sev, msg in stored]
    if any(d.severity not in ("error", "warning") for d in found):
        raise StaleEntry("not a diagnostic")
    return found


def diagnostics_to_json(diagnostics: list[Diagnostic]) -> list[list[Any]]:
    return [[d.line, d.col, d.severity, d.message] for d in diagnostics]


def site_page_diagnostics(
    text: str, path: str, site: Site, cache: Cache, ident: str
) -> list[Diagnostic]:
    """:func:`check` against the site's sources, from ``cache`` under ``ident`` (see
    :func:`site_page_key`) when this text was seen with the same source ids."""
    diagnostics = cache.get("nearmiss", ident, lambda stored: diagnostics_from_json(path, stored))
    if diagnostics is None:
        local = Report()
        check(text, path, site.sources, local)
        diagnostics = list(local.items)
        cache.put("nearmiss", ident, diagnostics_to_json(diagnostics))
    return diagnostics


def check_site_page(
    text: str, path: str, site: Site, report: Report, cache: Cache | None = None
) -> None:
    """:func:`check` against the site's sources, from ``cache`` when this text was seen
    with the same source ids (a warm check must not parse every page again)."""
    if cache is None:
        check(text, path, site.sources, report)
        return
    ident = site_page_key(text, path, site)
    for diagnostic in site_page_diagnostics(text, path, site, cache, ident):
        report.add(diagnostic)
