"""Site-wide generated pages: one page per claim and a claims index.

Their Markdown is built here from escaped text and the article syntax, so they
render through the same extension as every other page.
"""

from __future__ import annotations

import json
import posixpath
from html import escape

from . import fieldmd
from .articles import ArticleIndex
from .i18n import Labels, format_partial_date
from .model import Site

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
