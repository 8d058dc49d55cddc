"""Site-wide generated pages: one page per claim and a claims index.

Their Markdown is built here from escaped text and the article syntax, so they
render through the same extension as every other page.
"""

from __future__ import annotations

import json
import posixpath
from html import escape

from . import fieldmd
from .articles import ArticleIndex, add_once
from .i18n import Labels, format_partial_date
from .model import Site, Source

CLAIMS_DIR = "claims"


def md_text(text: str) -> str:
    """Untrusted text made inert inside Markdown: HTML escaped, syntax characters backslashed."""
    out = escape(" ".join(text.split()), quote=False).replace("\\", "\\\\")
    for char in "`*_{}[]()#+-.!":
        out = out.replace(char, "\\" + char)
    return out


def _front(title: str, lang: str) -> str:
    return f"---\ntitle: {json.dumps(escape(title), ensure_ascii=False)}\nlang: {lang}\n---\n\n"


def claim_page_uri(claim_id: str) -> str:
    return f"{CLAIMS_DIR}/{claim_id}.md"


def claim_page(site: Site, claim_id: str, index: ArticleIndex, labels: Labels) -> str:
    claim = site.claims[claim_id]
    lines = [_front(fieldmd.plain(claim.claim), labels.lang), f"::claim[{claim_id}]", ""]
    uris = index.claim_pages.get(claim_id, [])
    if uris:
        lines.append(f"## {md_text(labels['discussed_in'])}\n")
        here = posixpath.dirname(claim_page_uri(claim_id))
        for uri in uris:
            title = md_text(index.pages[uri].title)
            lines.append(f"- [{title}]({posixpath.relpath(uri, here)})")
        lines.append("")
    lines.append("::unconfirmed\n\n::sources\n")
    return "\n".join(lines)


def claims_index(site: Site, labels: Labels) -> str:
    lines = [_front(labels["claims_index"], labels.lang)]
    lines.append(f"# {md_text(labels['claims_index'])}\n")
    for key, verdict in site.scale.items():
        claims = [c for c in site.claims.values() if c.status == key]
        if not claims:
            continue
        lines.append(f"## {md_text(verdict.icon)} {md_text(verdict.label(labels.lang))}\n")
        for claim in sorted(claims, key=lambda c: c.id):
            meta = []
            if claim.claimant:
                meta.append(f"{labels['claimed_by']} {claim.claimant}")
            if claim.date:
                meta.append(format_partial_date(claim.date, labels.lang))
            tail = f" — {md_text(', '.join(meta))}" if meta else ""
            lines.append(f"- [{md_text(fieldmd.plain(claim.claim))}]({claim.id}.md){tail}")
        lines.append("")
    return "\n".join(lines)


def after_title(html: str, extra: str) -> str:
    """``extra`` HTML placed right after the page's first ``<h1>``, or first if it has none."""
    if not extra:
        return html
    end = html.find("</h1>")
    if end == -1:
        return extra + html
    end += len("</h1>")
    return html[:end] + "\n" + extra + html[end:]


SOURCES_INDEX = "sources/index.md"


def _reference_text(source: Source, labels: Labels) -> str:
    parts = [
        labels.join(source.author or ([source.handle] if source.handle else [])),
        labels.quote(source.title),
        source.publisher or source.platform,
        source.place,
        format_partial_date(source.date, labels.lang) if source.date else "",
    ]
    return ", ".join(p for p in parts if p) + f". [{labels['type_' + source.type]}]"


def sources_index(site: Site, index: ArticleIndex, labels: Labels) -> str:
    """Every source, by title, with the pages that cite it (in text, post cards or claim boxes).

    Source text goes in as escaped plain text, never as HTML or Markdown.
    """
    cited_by: dict[str, list[str]] = {sid: list(uris) for sid, uris in index.source_pages.items()}
    for claim_id, uris in index.claim_pages.items():
        claim = site.claims.get(claim_id)
        for item in claim.evidence if claim else []:
            for uri in uris:
                add_once(cited_by, item.source, uri)
    here = posixpath.dirname(SOURCES_INDEX)
    lines = [
        _front(labels["sources_index"], labels.lang),
        f"# {md_text(labels['sources_index'])}\n",
    ]
    lines.append(md_text(labels["sources_intro"]) + "\n")
    for source in sorted(site.sources.values(), key=lambda s: (s.title.casefold(), s.id)):
        text = md_text(_reference_text(source, labels))
        url = fieldmd.safe_url(source.url)
        if url:
            text += f" <{url}>" if ">" not in url and " " not in url else ""
        uris = [u for u in cited_by.get(source.id, []) if u in index.pages]
        links = ", ".join(
            f"[{md_text(index.pages[u].title)}]({posixpath.relpath(u, here)})" for u in uris
        )
        tail = f" — {md_text(labels['cited_in'])}: {links}" if links else ""
        lines.append(f'- <span id="source-{source.id}"></span>{text}{tail}')
    return "\n".join(lines) + "\n"
