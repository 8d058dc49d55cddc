"""The claims index as an archive readers can narrow: by verdict, claimant, dates, tag, language.

The page holds every published claim as HTML, newest first: what a reader without
JavaScript sees in full, as the content format asks. Each entry (``<li>``) carries
what the filter needs in data attributes (``data-claim``, ``data-status``,
``data-lang``, and ``data-date``, ``data-claimant``, ``data-tags`` where the claim has
them), so :data:`SCRIPT_URI` filters the page's own entries, without a data file or
``fetch`` (it works from ``file://``): it keeps the filter in the URL
(``?verdict=false&claimant=...``), shows the newest :data:`PAGE_SIZE` (or the first
that many matches) and the next ones per "Show more", and hides the rest. The form
stays hidden until the script runs. The script comes first in the block, so it marks
the page before the entries are parsed and the stylesheet hides those past the first
page before the first paint (no flash of 10,000 entries).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from babel import Locale, UnknownLocaleError

from ..data.model import Claim, Site
from ..page import field_markdown as fieldmd
from ..page.i18n import Labels, format_partial_date, normalize_lang
from .indexes import IndexText, _draft, _front, md_text, relative_url

log = logging.getLogger(__name__)

#: entries the script shows at first, and then per "Show more" (explainers.css hides
#: those past this many before the script runs: ``nth-child(n+51)``)
PAGE_SIZE = 50
SCRIPT_URI = "assets/explainers/claims-filter.js"
#: the URL parameters, in the order the script writes them
PARAMS = ("verdict", "claimant", "from", "to", "tag", "lang")

#: the names of the claims' languages in the filter, on an English or Bokmål page; other
#: pages name them as CLDR does (Babel)
LANG_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "nb": "Norwegian"},
    "nb": {"en": "engelsk", "nb": "norsk"},
}


class FilterText:
    """The filter's words in the page's language: the ``filter_*`` labels (a language a
    site adds gives them in its ``labels``), and the claims' language names."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels

    def __getitem__(self, key: str) -> str:
        if key.startswith("lang_"):
            return language_name(key.removeprefix("lang_"), self.labels.lang)
        return self.labels["filter_" + key]


def language_name(code: str, page_lang: str) -> str:
    """``code`` (a claim's language) named in the page's language."""
    known = LANG_NAMES.get(page_lang, {}).get(code)
    if known:
        return known
    try:
        return Locale.parse(page_lang.replace("-", "_")).languages.get(code, code)
    except (ValueError, UnknownLocaleError):
        return code


@dataclass(frozen=True)
class Links:
    """Where the index links, as seen from the page that lists the claims."""

    #: a claim's page, from the list page
    claim: Callable[[str], str]
    #: the pages that show each claim: (title, URL from the list page), first-seen order
    shown_in: dict[str, list[tuple[str, str]]]
    #: the filter's script, from the list page
    script: str


class EntryMemo:
    """Under ``serve``: each claim's entry in the last index made in the same context
    (the page, the options), reused while its badge and the pages that show it are
    the same and its content did not change (:meth:`since`): an edit of one claim
    makes one entry again."""

    def __init__(self) -> None:
        self.context: object = None
        #: claim id -> (the claim, the pages shown in, its badge, the entry)
        self.entries: dict[str, tuple[Claim, list[tuple[str, str]], str, str]] = {}

    def since(self, changed: set[str] | None) -> None:
        """The data was loaded again: forget the claims that changed (None: all)."""
        if changed is None:
            self.entries = {}
        for claim_id in changed or ():
            self.entries.pop(claim_id, None)

    def use(self, context: object) -> EntryMemo:
        """This memo for an index made in ``context`` (another context: none reused)."""
        if context != self.context:
            self.context, self.entries = context, {}
        return self


def newest_first(site: Site) -> list[Claim]:
    """Claims by date, newest first (a partial date sorts before the days it holds),
    undated last, then by id: the order of the index."""
    dated = sorted((c for c in site.claims.values() if c.date), key=lambda c: c.id)
    dated.sort(key=lambda c: c.date, reverse=True)
    return dated + sorted((c for c in site.claims.values() if not c.date), key=lambda c: c.id)


def _fmt(text: str, **values: int) -> str:
    return text.format(**{k: f"{v:,}".replace(",", "\u202f") for k, v in values.items()})


def _claim_lang(claim: Claim, site_lang: str) -> str:
    return normalize_lang(claim.lang, site_lang) or site_lang


_SPACE_RE = re.compile(r"[%\s]")


def tags_value(tags: list[str]) -> str:
    """A claim's tags as one ``data-tags`` value: space-separated, each tag's ``%`` and
    white space percent-encoded (UTF-8, so ``decodeURIComponent`` reads it back), so a
    tag of two words stays one tag."""
    return " ".join(_SPACE_RE.sub(lambda m: quote(m.group(0), safe=""), t) for t in tags)


def entry_attrs(claim: Claim, lang: str) -> str:
    """The hooks and filter keys of a claim's entry: ``data-claim`` and ``data-status``
    (the content format's hooks), ``data-lang``, then ``data-date``, ``data-claimant``
    and ``data-tags`` where the claim has them. ``lang``: the page's, a claim's default."""
    attrs = [
        f'data-claim="{escape(claim.id)}" data-status="{escape(claim.status)}"',
        f'data-lang="{escape(_claim_lang(claim, lang))}"',
    ]
    if claim.date:
        attrs.append(f'data-date="{escape(claim.date)}"')
    if claim.claimant:
        attrs.append(f'data-claimant="{escape(claim.claimant)}"')
    if claim.tags:
        attrs.append(f'data-tags="{escape(tags_value(claim.tags))}"')
    return " ".join(attrs)


def entry(claim: Claim, badge: str, labels: Labels, links: Links) -> str:
    """One claim as a list item: its text (linking its page), verdict badge, claimant,
    date and the articles that show it; its data attributes (:func:`entry_attrs`) are
    what the script filters by."""
    text = FilterText(labels)
    meta = []
    if claim.claimant:
        meta.append(f"{escape(labels['claimed_by'])} {escape(claim.claimant)}")
    if claim.date:
        meta.append(
            f'<time datetime="{escape(claim.date)}">'
            f"{escape(format_partial_date(claim.date, labels.lang))}</time>"
        )
    shown = links.shown_in.get(claim.id, [])
    if shown:
        meta.append(
            f"{escape(text['shown_in'])} "
            + ", ".join(f'<a href="{escape(url)}">{escape(title)}</a>' for title, url in shown)
        )
    tail = f'<span class="xp-claim-entry__meta">{" · ".join(meta)}</span>' if meta else ""
    return (
        f'<li class="xp-claim-entry" {entry_attrs(claim, labels.lang)}>'
        f'<a href="{escape(links.claim(claim.id))}">'
        f"{escape(fieldmd.plain(claim.claim))}</a> {badge}{_draft(claim, labels)} {tail}</li>"
    )


def _select(name: str, labels: Labels, options: list[tuple[str, str]]) -> str:
    text = FilterText(labels)
    items = "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in options)
    return (
        f'<label class="xp-claims-filter__field">{escape(text[name])} '
        f'<select name="{name}"><option value="">{escape(text["any"])}</option>{items}'
        "</select></label>"
    )


def _form(site: Site, claims: list[Claim], labels: Labels) -> str:
    """The filter form: verdicts of the scale in use, a claimant box, a date range, and
    tags and languages only where the claims carry more than one."""
    text = FilterText(labels)
    used = {c.status for c in claims}
    fields = [
        _select(
            "verdict",
            labels,
            [(k, v.label(labels.lang)) for k, v in site.scale.items() if k in used],
        ),
        f'<label class="xp-claims-filter__field">{escape(text["claimant"])} '
        '<input type="search" name="claimant" list="xp-claimants" autocomplete="off">'
        '</label><datalist id="xp-claimants"></datalist>',
        f'<label class="xp-claims-filter__field">{escape(text["from"])} '
        '<input type="date" name="from"></label>',
        f'<label class="xp-claims-filter__field">{escape(text["to"])} '
        '<input type="date" name="to"></label>',
    ]
    tags = sorted({t for c in claims for t in c.tags}, key=str.casefold)
    if tags:
        fields.append(_select("tag", labels, [(t, t) for t in tags]))
    langs = sorted({_claim_lang(c, labels.lang) for c in claims})
    if len(langs) > 1:
        fields.append(_select("lang", labels, [(x, text[f"lang_{x}"]) for x in langs]))
    return (
        f'<form class="xp-claims-filter" role="search" aria-label="{escape(text["filter"])}" '
        f'hidden>{"".join(fields)}<button type="reset" class="md-button">'
        f"{escape(text['clear'])}</button></form>"
    )


def index_block(
    site: Site,
    labels: Labels,
    links: Links,
    badge: Callable[[str], str],
    memo: EntryMemo | None = None,
) -> str:
    """The script, the filter form, the count and every claim's entry: one raw HTML
    block, none of whose inner lines is a lone ``</div>`` (see
    :func:`.indexes.lift_lists`).

    The script comes first: it runs before the entries are parsed, and marks the page so
    that the stylesheet hides the entries past the first :data:`PAGE_SIZE` until it takes
    over. The count is what a reader without the script sees (every entry); the script
    says how many of them it shows ("The newest 50 of 4,000 claims.")."""
    return "".join(index_block_pieces(site, labels, links, badge, memo))


def index_block_pieces(
    site: Site,
    labels: Labels,
    links: Links,
    badge: Callable[[str], str],
    memo: EntryMemo | None = None,
) -> Iterator[str]:
    """:func:`index_block` a piece at a time, each entry made as it is read: on a large
    site the block is megabytes (see :class:`.indexes.IndexText`)."""
    text = FilterText(labels)
    claims = newest_first(site)
    status = _fmt(text["count_all"], total=len(claims))
    words = " ".join(
        f'data-{key.replace("_", "-")}="{escape(text[key])}"'
        for key in ("more", "newest", "count_all", "count_one", "count", "count_none", "showing")
    )
    yield (
        '<div class="xp-claims-archive" data-search-exclude="" '
        f'data-page-size="{PAGE_SIZE}" {words}>\n'
        f'<script src="{escape(links.script)}"></script>\n'
        + _form(site, claims, labels)
        + f'\n<p class="xp-claims-count" role="status" aria-live="polite">{escape(status)}</p>\n'
        + '<ol class="xp-claims-list">\n'
    )
    between = ""  # a line break before every entry but the first
    for item in _entries(claims, labels, links, badge, memo):
        if between:
            yield between
        yield item
        between = "\n"
    yield "\n</ol>\n</div>"


def _entries(
    claims: list[Claim],
    labels: Labels,
    links: Links,
    badge: Callable[[str], str],
    memo: EntryMemo | None,
) -> Iterator[str]:
    """Each claim's entry (:func:`entry`), from ``memo`` where it holds it; the memo
    holds this index's entries once the last is read."""
    badges: dict[str, str] = {}
    known = memo.entries if memo is not None else {}
    made: dict[str, tuple[Claim, list[tuple[str, str]], str, str]] = {}
    for claim in claims:
        mark = badges.get(claim.status)
        if mark is None:
            mark = badges[claim.status] = badge(claim.status)
        shown = links.shown_in.get(claim.id, [])
        found = known.get(claim.id)
        if found is None or found[1] != shown or found[2] != mark:
            found = (claim, shown, mark, entry(claim, mark, labels, links))
        if memo is not None:
            made[claim.id] = found
        yield found[3]
    if memo is not None:
        memo.entries = made


def links_from(
    here: str,
    titles: dict[str, str],
    urls: dict[str, str],
    claim_pages: dict[str, list[str]],
    claim_url: Callable[[str], str],
) -> Links:
    """The index's links as seen from the page at site-relative URL ``here``.

    ``titles``, ``urls`` and ``claim_pages`` are the rendered articles' (see
    :class:`.indexes.SiteIndex`); ``claim_url`` gives a claim page's site-relative URL.
    """
    page_link = {u: (titles.get(u, u), relative_url(url, here)) for u, url in urls.items()}
    shown_in = {
        claim_id: [page_link[u] for u in uris if u in page_link]
        for claim_id, uris in claim_pages.items()
    }
    return Links(
        claim=lambda claim_id: relative_url(claim_url(claim_id), here),
        shown_in=shown_in,
        script=relative_url(SCRIPT_URI, here),
    )


def index_page(
    site: Site,
    labels: Labels,
    links: Links,
    badge: Callable[[str], str],
    memo: EntryMemo | None = None,
) -> str:
    """The claims index as Markdown: its title and the archive block (``memo``: see
    :class:`EntryMemo`)."""
    return index_text(site, labels, links, badge, memo).joined()


def index_text(
    site: Site,
    labels: Labels,
    links: Links,
    badge: Callable[[str], str],
    memo: EntryMemo | None = None,
) -> IndexText:
    """:func:`index_page` with its archive block as pieces made as they are read."""
    head = _front(labels["claims_index"], labels.lang) + f"# {md_text(labels['claims_index'])}\n\n"
    return IndexText(head, index_block_pieces(site, labels, links, badge, memo), "\n")
