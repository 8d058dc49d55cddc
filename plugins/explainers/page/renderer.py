"""HTML for boxes, badges, post cards, the unconfirmed section and the source list.

All output is built here, by methods of :class:`Renderer` that a site can
override (subclass it and name it in the ``renderer`` option) to restyle a piece
without forking. Every YAML value passes through :func:`esc` or
:mod:`.fieldmd`; no method trusts its input.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from ..data import translations
from ..data.model import STANCES as _STANCES
from ..data.model import Claim, Site, Source, Verdict
from ..data.pasted import unwrap
from ..data.verdict_history import Change
from . import field_markdown as fieldmd
from . import locator as locators
from .i18n import Labels, format_partial_date

CiteFn = Callable[[str], tuple[int, str]]


_SPECIAL = re.compile(r"[&<>\"']")
#: where a locator's HTML goes in :meth:`Renderer.citation_text`'s text
_LOCATOR_SLOT = "\x00"


def esc(text: str) -> str:
    """``text`` escaped for HTML text and attributes (a page escapes thousands of ids and
    labels, most with nothing to escape)."""
    return escape(text, quote=True) if _SPECIAL.search(text) else text


def attr_url(url: str) -> str:
    return esc(fieldmd.safe_url(url))


@dataclass
class PageInfo:
    """What a renderer knows about the page being built."""

    lang: str = "en"
    url: str = ""  # the page's own URL, absolute where the site has one


class Renderer:
    """Turns model objects into HTML strings for one page."""

    _back_to: str | None = None  # the source list's back-links' label, escaped once

    def __init__(self, site: Site, labels: Labels, page: PageInfo) -> None:
        self.site = site
        self.labels = labels
        self.page = page

    # -- small pieces ------------------------------------------------------------

    def date(self, value: str) -> str:
        if not value:
            return ""
        return f'<time datetime="{esc(value)}">{esc(format_partial_date(value, self.labels.lang))}</time>'

    def verdict(self, status: str) -> Verdict:
        return self.site.scale.get(status) or Verdict(status, {"en": status}, False)

    def badge_attr(self, status: str) -> str:
        """`` data-badge="COLOUR"`` for a verdict that names its colour (the stylesheet's
        ``[data-badge]`` rules); nothing for one coloured by its key."""
        verdict = self.site.scale.get(status)
        return f' data-badge="{esc(verdict.badge)}"' if verdict and verdict.badge else ""

    def badge(self, status: str) -> str:
        verdict = self.verdict(status)
        return (
            f'<span class="xp-badge" data-status="{esc(status)}"{self.badge_attr(status)}>'
            f'<span class="xp-badge__icon" aria-hidden="true">{esc(verdict.icon)}</span> '
            f'<span class="xp-badge__label">{esc(verdict.label(self.labels.lang))}</span></span>'
        )

    def draft_mark(self, entry: Claim | Source) -> str:
        """Under ``serve``, what shows that a claim or source is a draft (a build has none)."""
        if not entry.draft:
            return ""
        lb = self.labels
        return (
            f' <span class="xp-draft" data-draft title="{esc(lb["draft_note"])}">'
            f"{esc(lb['draft'])}</span>"
        )

    def draft_banner(self) -> str:
        """Under ``serve``, the top of a draft article."""
        lb = self.labels
        return (
            f'<p class="xp-draft-note" data-draft><span class="xp-draft">{esc(lb["draft"])}</span> '
            f"{esc(lb['draft_note'])}</p>"
        )

    def citation(self, source_id: str, number: int, anchor: str, locator: str = "") -> str:
        """A citation as HTML; the inline ``[@id]`` form builds the same element in the tree."""
        label = self.citation_label(number, locators.from_data(locator, esc), esc)
        return (
            f'<a class="footnote-ref xp-cite" data-cite="{esc(source_id)}" id="{esc(anchor)}" '
            f'href="#source-{esc(source_id)}">{label}</a>'
        )

    def citation_text(self, number: int, locator: str = "") -> str:
        """A citation's link text; ``locator`` is plain text (override this to change the form)."""
        return f"[{number}, {locator}]" if locator else f"[{number}]"

    def citation_label(
        self, number: int, locator: locators.Locator, escape: Callable[[str], str]
    ) -> str:
        """:meth:`citation_text` as HTML, with the locator's emphasis, strong and code
        rendered (see :mod:`.locator`); text is escaped with ``escape``."""
        if locator.html == escape(locator.text):  # no markup: the text as it always was
            return escape(self.citation_text(number, locator.text))
        return escape(self.citation_text(number, _LOCATOR_SLOT)).replace(
            _LOCATOR_SLOT, locator.html
        )

    def citation_number(self, number: int) -> str:
        """A number inside a bracket the article wrote out: ``[see 1, p. 3; also 2]``."""
        return str(number)

    def local(self, claim: Claim) -> Claim:
        """``claim`` in this page's language, where it is written in several
        (:mod:`~explainers.data.translations`); else as it is."""
        if not claim.texts:
            return claim
        return translations.localized(claim, self.labels.lang, claim.lang or self.labels.lang)[0]

    def _in(self, claim: Claim, key: str) -> str:
        """A ``lang`` attribute for a text field shown in another language than the page's."""
        lang = claim.fallback.get(key)
        return f' lang="{esc(lang)}"' if lang else ""

    def fallback_note(self, claim: Claim) -> str:
        """The visible note on a box some of whose text is not in the page's language."""
        if not claim.fallback:
            return ""
        return f'<p class="xp-claim__fallback" role="note">{esc(self.labels["text_fallback"])}</p>'

    def mention_html(self, claim: Claim) -> str:
        """Inside an inline ``:claim[id]`` link: the badge, and the claim for screen readers."""
        claim = self.local(claim)
        return (
            f'{self.badge(claim.status)}{self.draft_mark(claim)}<span class="xp-sr-only"> '
            f"{esc(self.labels['claim'])}: {esc(fieldmd.plain(claim.claim))}</span>"
        )

    # -- byline and corrections (from an article's front matter) ----------------

    def byline(self, meta: dict) -> str:
        lb = self.labels
        parts = []

        def names(value: object) -> list[str]:
            if isinstance(value, str):
                return [value] if value else []
            return (
                [str(v) for v in value if isinstance(v, str) and v]
                if isinstance(value, list)
                else []
            )

        if authors := names(meta.get("authors")):
            parts.append(f"{esc(lb['by'])} {esc(lb.join(authors))}")
        if reviewers := names(meta.get("reviewers")):
            parts.append(f"{esc(lb['reviewed_by'])} {esc(lb.join(reviewers))}")
        shown = ""
        for key, label in (("date", "published"), ("updated", "updated")):
            value = meta.get(key)
            # "Updated" on the day it was published says nothing: shown only when it differs
            if isinstance(value, str) and value and value[:10] != shown:
                parts.append(f"{esc(lb[label])} {self.date(value[:10])}")
                shown = value[:10]
        if not parts:
            return ""
        return f'<p class="xp-byline">{" · ".join(parts)}</p>'

    def corrections(self, meta: dict) -> str:
        entries = [
            c for c in meta.get("corrections") or [] if isinstance(c, dict) and c.get("note")
        ]
        if not entries:
            return ""
        items = "".join(
            f"<li>{self.date(str(c.get('date', '')))}: {fieldmd.inline(str(c['note']))}</li>"
            for c in entries
        )
        return (
            f'<aside class="xp-corrections" aria-label="{esc(self.labels["corrections"])}">'
            f'<p class="xp-corrections__heading">{esc(self.labels["corrections"])}</p><ul>{items}</ul></aside>'
        )

    def verdict_updates(self, updates: list[tuple[Change, str]]) -> str:
        """The automatic "Updated" note: verdicts on this page that changed after its date.

        Each ``(change, href)`` links to the claim's history (``href`` may be empty).
        """
        if not updates:
            return ""
        lb = self.labels
        items = []
        for change, href in updates:
            claim = self.local(change.claim)
            what = f"{esc(lb['verdict_on'])} {esc(lb.quote(fieldmd.plain(claim.claim)))}"
            if href:
                what = f'<a href="{esc(href)}">{what}</a>'
            items.append(
                f'<li data-claim-update="{esc(claim.id)}">'
                f'<span class="xp-updates__label">{esc(lb["updated"])}</span> '
                f"{self.date(change.after.date)}: {what} {esc(lb['changed_from'])} "
                f"{self.badge(change.before.status)} {esc(lb['changed_to'])} "
                f"{self.badge(change.after.status)}</li>"
            )
        return (
            f'<aside class="xp-updates" data-verdict-updates aria-label="{esc(lb["updated"])}">'
            f"<ul>{''.join(items)}</ul></aside>"
        )

    # -- evidence box ------------------------------------------------------------

    def _memo(self, key: tuple[object, ...], make: Callable[[], str]) -> str:
        """``make()``, once per site, renderer class and language: it depends on the data
        only, and is kept from one build to the next (see :mod:`.fragments`). Held as
        UTF-8: a box's text with one character past Latin-1 (a curly quote) takes two
        bytes a character as a ``str``, and a large site holds every box through its build."""
        full = (type(self), self.labels.lang, *key)
        found = self.site.memo.get(full)
        if isinstance(found, bytes):
            return found.decode("utf-8")
        made = make()
        self.site.memo[full] = made.encode("utf-8")
        return made

    def claim_box(self, claim: Claim, cite: CiteFn, anchor: bool = True) -> str:
        """The evidence box; only the evidence (numbered on this page) is made per page."""
        claim = self.local(claim)
        head = self._memo(("box-head", claim.id, anchor), lambda: self.box_head(claim, anchor))
        tail = self._memo(("box-tail", claim.id, anchor), lambda: self.box_tail(claim, anchor))
        return f"{head}\n{self.evidence(claim, cite)}\n{tail}"

    def box_head(self, claim: Claim, anchor: bool = True) -> str:
        """The box's opening: the claim, who made it, the verdict and the summary."""
        lb = self.labels
        ident = esc(claim.id)
        id_attr = f' id="claim-{ident}"' if anchor else ""
        # a repeated box is labelled by the first box's text, so ids stay unique on the page
        text_id = f' id="claim-{ident}-text"' if anchor else ""
        meta = []
        if claim.claimant:
            who = esc(claim.claimant)
            if lang := self._in(claim, "claimant"):
                who = f"<span{lang}>{who}</span>"
            meta.append(f"{esc(lb['claimed_by'])} {who}")
        if claim.date:
            meta.append(self.date(claim.date))
        if claim.appearance:
            titles = [
                self._appearance(self.site.sources[s])
                for s in claim.appearance
                if s in self.site.sources
            ]
            meta.append(f"{esc(lb['appeared_in'])}: " + "; ".join(titles))
        parts = [
            f'<section class="xp-claim"{id_attr} data-claim="{ident}" data-status="{esc(claim.status)}"'
            f"{self.badge_attr(claim.status)}"
            f' aria-labelledby="claim-{ident}-text" lang="{esc(lb.lang)}" data-search-exclude>',
            '<header class="xp-claim__head">',
            f'<p class="xp-claim__kicker">{esc(lb["claim"])}{self.draft_mark(claim)}</p>',
            f'<p class="xp-claim__text"{text_id}'
            f"{self._in(claim, 'claim') or self._lang_attr(claim.lang)}>"
            f"{fieldmd.inline(claim.claim)}</p>",
        ]
        if meta:
            parts.append(f'<p class="xp-claim__meta">{" · ".join(meta)}</p>')
        parts.append(
            f'<p class="xp-claim__verdict"><span class="xp-claim__verdict-label">'
            f"{esc(lb['verdict'])}:</span> {self.badge(claim.status)}</p>"
        )
        parts.append("</header>")
        if note := self.fallback_note(claim):
            parts.append(note)
        if claim.summary:
            parts.append(
                f'<div class="xp-claim__summary"{self._in(claim, "summary")}>'
                f"{fieldmd.block(claim.summary)}</div>"
            )
        return "\n".join(parts)

    def box_tail(self, claim: Claim, anchor: bool = True) -> str:
        """The box's end: what would settle it, the verdict's history, the review date."""
        lb = self.labels
        ident = esc(claim.id)
        parts = []
        if claim.missing:
            parts.append(self.missing(claim))
        if claim.history:
            parts.append(self.history(claim, anchor=anchor))
        foot = []
        if claim.reviewed:
            foot.append(f"{esc(lb['reviewed'])} {self.date(claim.reviewed)}")
        if anchor:
            foot.append(
                f'<a class="xp-claim__permalink" href="#claim-{ident}">{esc(lb["permalink"])}</a>'
            )
        if foot:
            parts.append(f'<footer class="xp-claim__foot">{" · ".join(foot)}</footer>')
        parts.append("</section>")
        return "\n".join(parts)

    def _lang_attr(self, lang: str) -> str:
        """A ``lang`` attribute where text is not in the page's language."""
        return f' lang="{esc(lang)}"' if lang and lang != self.labels.lang else ""

    def _appearance(self, source: Source) -> str:
        title = esc(self.labels.quote(source.title))
        url = attr_url(source.url)
        return f'<a href="{url}">{title}</a>' if url else title

    def evidence(self, claim: Claim, cite: CiteFn) -> str:
        """Evidence grouped by stance; sources are numbered here, in evidence order."""
        numbered = [(n, item, *cite(item.source)) for n, item in enumerate(claim.evidence)]
        groups = []
        for stance in _STANCES:
            items = [entry for entry in numbered if entry[1].stance == stance]
            if not items:
                continue
            lis = []
            for n, item, number, anchor in items:
                bits = []
                if item.quote:
                    # <q> adds the quotation marks: a quote pasted with its own is shown once
                    bits.append(f'<q class="xp-evidence__quote">{esc(unwrap(item.quote))}</q>')
                if item.note:
                    bits.append(
                        f'<div class="xp-evidence__note"{self._in(claim, f"evidence.{n}.note")}>'
                        f"{fieldmd.block(item.note)}</div>"
                    )
                source = self.site.sources.get(item.source)
                what = esc(source.title) if source else esc(item.source)
                cite_html = self.citation(item.source, number, anchor, item.locator)
                bits.append(f'<p class="xp-evidence__source">{what} {cite_html}</p>')
                lis.append(f"<li>{''.join(bits)}</li>")
            groups.append(
                f'<div class="xp-evidence" data-stance="{stance}">'
                f'<p class="xp-evidence__heading">{esc(self.labels[stance])}</p>'
                f'<ul class="xp-evidence__list">{"".join(lis)}</ul></div>'
            )
        return "".join(groups)

    def missing(self, claim: Claim) -> str:
        items = "".join(
            f"<li{self._in(claim, f'missing.{n}')}>{fieldmd.inline(text)}</li>"
            for n, text in enumerate(claim.missing)
        )
        return (
            f'<div class="xp-claim__missing"><p class="xp-claim__missing-heading">'
            f"{esc(self.labels['missing'])}</p><ul>{items}</ul></div>"
        )

    def history(self, claim: Claim, anchor: bool = True) -> str:
        """The verdict's history, folded; ``history-ID`` on the first box, for "Updated" notes."""
        rows = []
        for n, entry in enumerate(claim.history):
            note = ""
            if entry.note:
                lang = self._in(claim, f"history.{n}.note")
                note = f" <span{lang}>{fieldmd.inline(entry.note)}</span>" if lang else ""
                note = note or f" {fieldmd.inline(entry.note)}"
            rows.append(f"<li>{self.date(entry.date)}: {self.badge(entry.status)}{note}</li>")
        id_attr = f' id="history-{esc(claim.id)}"' if anchor else ""
        return (
            f'<details class="xp-claim__history"{id_attr}><summary>{esc(self.labels["history"])}'
            f"</summary><ol>{''.join(rows)}</ol></details>"
        )

    # -- matrix ------------------------------------------------------------------

    #: one symbol per stance; the cell also says it in words, for screen readers
    STANCE_SYMBOLS: ClassVar[dict[str, str]] = {"supports": "+", "contradicts": "−", "context": "○"}

    def matrix(self, claims: list[Claim], numbers: dict[str, int]) -> str:
        """The page's boxed claims × the sources their evidence cites (``::matrix``).

        Numbers nothing: columns are the sources in the page's number order; a cell
        holds the stances of that claim's evidence from that source, in evidence order.
        """
        lb = self.labels
        cited = {item.source for claim in claims for item in claim.evidence}
        sources = sorted((s for s in cited if s in numbers), key=numbers.__getitem__)
        if not claims or not sources:
            return ""
        head = [f'<th scope="col">{esc(lb["claim"])}</th>']
        for source_id in sources:
            source = self.site.sources.get(source_id)
            title = f' title="{esc(source.title)}"' if source else ""
            head.append(
                f'<th scope="col" data-source="{esc(source_id)}">'
                f'<a href="#source-{esc(source_id)}"{title}><span class="xp-sr-only">'
                f"{esc(lb['source'])} </span>[{numbers[source_id]}]</a></th>"
            )
        rows = []
        for claim in map(self.local, claims):
            cells = [
                f'<th scope="row"><a href="#claim-{esc(claim.id)}">'
                f"{esc(fieldmd.plain(claim.claim))}</a></th>"
            ]
            for source_id in sources:
                stances = [item.stance for item in claim.evidence if item.source == source_id]
                if not stances:
                    cells.append(
                        f'<td data-stance=""><span class="xp-sr-only">{esc(lb["matrix_none"])}'
                        "</span></td>"
                    )
                    continue
                symbols = "".join(self.STANCE_SYMBOLS.get(s, "•") for s in stances)
                words = "; ".join(lb[s] for s in stances)
                cells.append(
                    f'<td data-stance="{esc(" ".join(stances))}">'
                    f'<span class="xp-matrix__symbol" aria-hidden="true">{esc(symbols)}</span>'
                    f'<span class="xp-sr-only">{esc(words)}</span></td>'
                )
            rows.append(f'<tr data-claim="{esc(claim.id)}">{"".join(cells)}</tr>')
        legend = " · ".join(
            f'<span class="xp-matrix__key"><span aria-hidden="true">{esc(symbol)}</span> '
            f"{esc(lb[stance])}</span>"
            for stance, symbol in self.STANCE_SYMBOLS.items()
        )
        return (
            f'<div class="xp-matrix" data-matrix data-search-exclude>'
            f'<div class="xp-matrix__scroll" role="region" tabindex="0" '
            f'aria-labelledby="matrix-caption">'
            f'<table class="xp-matrix__table"><caption id="matrix-caption">'
            f"{esc(lb['matrix'])}</caption>"
            f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            f'<p class="xp-matrix__legend" aria-hidden="true">{legend}</p></div>'
        )

    # -- post card ---------------------------------------------------------------

    def post_card(self, source: Source, number: int, anchor: str) -> str:
        lb = self.labels
        who = esc(", ".join(source.author) or source.handle or source.platform)
        handle = (
            f' <span class="xp-post__handle">{esc(source.handle)}</span>' if source.handle else ""
        )
        lang = f' lang="{esc(source.lang)}"' if source.lang else ""
        paragraphs = [p for p in source.text.strip().split("\n\n") if p.strip()]
        body = "".join(
            f"<p>{'<br>'.join(esc(line) for line in p.split(chr(10)))}</p>" for p in paragraphs
        )
        links = []
        if url := attr_url(source.url):
            links.append(
                f'<a class="xp-post__link" href="{url}" rel="nofollow noopener">{esc(lb["view_original"])}</a>'
            )
        if url := attr_url(source.archive_url):
            links.append(
                f'<a class="xp-post__link" href="{url}" rel="nofollow noopener">{esc(lb["archived_copy"])}</a>'
            )
        meta = [m for m in (esc(source.platform), self.date(source.date)) if m]
        return (
            f'<figure class="xp-post" data-post="{esc(source.id)}">'
            f'<figcaption class="xp-post__head"><span class="xp-post__label">{esc(lb["post_by"])}</span> '
            f'<span class="xp-post__author">{who}</span>{handle}{self.draft_mark(source)}</figcaption>'
            f'<blockquote class="xp-post__text"{lang}>{body}</blockquote>'
            f'<p class="xp-post__meta">{" · ".join(meta + links)} {self.citation(source.id, number, anchor)}</p>'
            "</figure>"
        )

    # -- source list -------------------------------------------------------------

    def source_entry(self, source: Source, number: int, spots: list[str]) -> str:
        text = self._memo(("reference", source.id), lambda: self.reference(source))
        back_to = self._back_to
        if back_to is None:  # once per page: a list has dozens of entries
            back_to = self._back_to = esc(self.labels["back_to"])
        if len(spots) == 1:  # the usual case: one spot, no sub-numbers
            backs = (
                f'<a class="xp-source__back" href="#{esc(spots[0])}" '
                f'aria-label="{back_to} {number}">↩</a>'
            )
        else:
            backs = " ".join(
                f'<a class="xp-source__back" href="#{esc(spot)}" '
                f'aria-label="{back_to} {number}.{i}">↩<sup>{i}</sup></a>'
                for i, spot in enumerate(spots, 1)
            )
        ident = esc(source.id)
        return (
            f'<li id="source-{ident}" data-source="{ident}" value="{number}">'
            f'<span class="xp-source__number">[{number}]</span> '
            f'<span class="xp-source__text">{text}</span>{self.draft_mark(source)} <span class="xp-source__backs">{backs}</span></li>'
        )

    def reference(self, source: Source) -> str:
        """A source's entry text in the list (IEEE style), without its number and back-links."""
        lb = self.labels
        parts = []
        authors = source.author or ([source.handle] if source.handle else [])
        if authors:
            parts.append(esc(lb.join(authors)) + ",")
        title = source.title
        if source.type in ("book", "dataset"):
            parts.append(f"<cite>{esc(title)}</cite>,")
        elif lb.lang == "en":
            title = unwrap(title)  # pasted in quotation marks: shown in ours only
            punct = "" if title.endswith(("?", "!", ".")) else ","
            left, right = "“", "”"
            parts.append(f"{left}{esc(title)}{punct}{right}")
        else:
            parts.append(esc(lb.quote(title)) + ",")
        trail = []
        if source.publisher:
            trail.append(f"<i>{esc(source.publisher)}</i>")
        elif source.platform:
            trail.append(f"<i>{esc(source.platform)}</i>")
        if source.place:
            trail.append(esc(source.place))
        if source.date:
            trail.append(self.date(source.date))
        text = " ".join(parts)
        if trail:
            text += " " + ", ".join(trail)
        text = text.rstrip(",") + "."
        text += f' <span class="xp-source__type">[{esc(lb["type_" + source.type])}]</span>'
        if url := attr_url(source.url):
            text += f' {esc(lb["online"])}: <a href="{url}" rel="nofollow noopener">{esc(source.url)}</a>.'
        if url := attr_url(source.archive_url):
            text += (
                f' {esc(lb["archived"])}: <a href="{url}" rel="nofollow noopener">'
                f"{esc(source.archive_url)}</a>."
            )
        if source.accessed:
            text += f" {esc(lb['accessed'])}: {self.date(source.accessed)}."
        return text

    def source_list(
        self, ids: list[str], numbers: dict[str, int], spots: dict[str, list[str]]
    ) -> str:
        entries = "\n".join(
            self.source_entry(self.site.sources[i], numbers[i], spots.get(i, []))
            for i in ids
            if i in self.site.sources
        )
        return f'<ol class="xp-sources" data-sources>\n{entries}\n</ol>'

    # -- unconfirmed section -----------------------------------------------------

    def unconfirmed_list(self, claims: list[Claim], boxed: set[str]) -> str:
        lb = self.labels
        items = []
        for claim in map(self.local, claims):
            ident = esc(claim.id)
            text = fieldmd.inline(claim.claim)
            if lang := self._in(claim, "claim") or self._lang_attr(claim.lang):
                text = f"<span{lang}>{text}</span>"  # the badge and link are the page's
            missing = (
                "<ul>"
                + "".join(
                    f"<li{self._in(claim, f'missing.{n}')}>{fieldmd.inline(m)}</li>"
                    for n, m in enumerate(claim.missing)
                )
                + "</ul>"
                if claim.missing
                else f"<p>{esc(lb['no_missing'])}</p>"
            )
            link = (
                f' <a class="xp-unconfirmed__link" href="#claim-{ident}">{esc(lb["see_box"])}</a>'
                if claim.id in boxed
                else ""
            )
            items.append(
                f'<li class="xp-unconfirmed__item" id="unconfirmed-{ident}" data-claim="{ident}" '
                f'data-status="{esc(claim.status)}"{self.badge_attr(claim.status)}>'
                f'<p class="xp-unconfirmed__claim">{self.badge(claim.status)} '
                f"{text}{link}</p>"
                f'<p class="xp-unconfirmed__missing-heading">{esc(lb["missing"])}:</p>{missing}</li>'
            )
        return (
            f'<p class="xp-unconfirmed__intro">{esc(lb["unconfirmed_intro"])}</p>'
            f'<ul class="xp-unconfirmed__list">{"".join(items)}</ul>'
        )


def load_renderer(spec: str | None, root: Path) -> type[Renderer]:
    """The Renderer class named by the ``renderer`` option (``module:Class``), found
    on the Python path or beside mkdocs.yml."""
    if not spec:
        return Renderer
    module_name, _, class_name = spec.partition(":")
    if str(root) not in sys.path:
        sys.path.append(str(root))
    try:
        found = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ValueError(f"renderer '{spec}' cannot be loaded: {exc}") from exc
    if not (isinstance(found, type) and issubclass(found, Renderer)):
        raise ValueError(f"renderer '{spec}' is not a subclass of explainers.Renderer")
    return found


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def ids_in(html: str) -> set[str]:
    """Every id attribute in an HTML fragment."""
    parser = _IdCollector()
    parser.feed(html)
    parser.close()
    return parser.ids
