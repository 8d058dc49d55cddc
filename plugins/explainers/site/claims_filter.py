"""The claims index as an archive readers can narrow: by verdict, claimant, dates, tag, language.

The page holds the newest :data:`PAGE_SIZE` claims as HTML (what a reader without
JavaScript, a search engine or a slow phone sees first), a filter form that stays
hidden until the script runs, and two scripts: :data:`DATA_URI`, every claim as
compact JSON in a ``<script src>`` file (which, unlike ``fetch``, works from
``file://``), and :data:`SCRIPT_URI`, which filters it, keeps the filter in the URL
(``?verdict=false&claimant=...``) and renders the matches a page at a time. With more
claims than one page holds, a link leads to :data:`ALL_URI`, every claim on one
page, so that no claim is out of reach without JavaScript; at 10,000 claims the index
stays a few tens of kilobytes and the data file loads after the first screen.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from babel import Locale, UnknownLocaleError

from ..data.model import Claim, Site
from ..page import field_markdown as fieldmd
from ..page.i18n import Labels, format_partial_date, normalize_lang
from .indexes import _draft, _front, md_text, relative_url

log = logging.getLogger(__name__)

#: claims the index shows as HTML, and the script renders per "Show more"
PAGE_SIZE = 50
DATA_URI = "claims/claims-data.js"
SCRIPT_URI = "assets/explainers/claims-filter.js"
ALL_URI = "claims/full_list.md"  # an underscore: no claim id can take its URL
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
    #: the data file and the script, from the list page
    data: str
    script: str
    #: the one-page list, from the index (empty: none)
    all_page: str


def newest_first(site: Site) -> list[Claim]:
    """Claims by date, newest first (a partial date sorts before the days it holds),
    undated last, then by id; the order of the page and of the data file."""
    dated = sorted((c for c in site.claims.values() if c.date), key=lambda c: c.id)
    dated.sort(key=lambda c: c.date, reverse=True)
    return dated + sorted((c for c in site.claims.values() if not c.date), key=lambda c: c.id)


def _fmt(text: str, **values: int) -> str:
    return text.format(**{k: f"{v:,}".replace(",", "\u202f") for k, v in values.items()})


def _claim_lang(claim: Claim, site_lang: str) -> str:
    return normalize_lang(claim.lang, site_lang) or site_lang


def entry(claim: Claim, badge: str, labels: Labels, links: Links) -> str:
    """One claim as a list item: its text (linking its page), verdict badge, claimant,
    date and the articles that show it. The script builds the same markup."""
    text = FilterText(labels)
    ident = escape(claim.id)
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
        f'<li class="xp-claim-entry"><a href="{escape(links.claim(claim.id))}" data-claim="{ident}">'
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


def data_script(site: Site, labels: Labels, links: Links, badge: Callable[[str], str]) -> str:
    """Every claim, newest first, as a script that hands them to the filter.

    Compact: lists, not objects; each page that shows claims and each date's text once.
    """
    pages: dict[tuple[str, str], int] = {}
    dates: dict[str, str] = {}
    rows = []
    for claim in newest_first(site):
        shown = [pages.setdefault(p, len(pages)) for p in links.shown_in.get(claim.id, [])]
        if claim.date:
            dates.setdefault(claim.date, format_partial_date(claim.date, labels.lang))
        rows.append(
            [
                claim.id,
                fieldmd.plain(claim.claim),
                claim.status,
                claim.claimant,
                claim.date,
                _claim_lang(claim, labels.lang),
                claim.tags,
                shown,
                *([1] if claim.draft else []),  # only under serve: a build has no drafts
            ]
        )
    text = FilterText(labels)
    data = {
        "badges": {c.status: badge(c.status) for c in site.claims.values()},
        # ids are [a-z0-9-]: a claim's link is the template with its id in place
        "href": links.claim("{id}"),
        "pages": [list(p) for p in pages],
        "dates": dates,
        "labels": {
            **{k: text[k] for k in ("shown_in", "count_all", "count_one", "count")},
            **{k: text[k] for k in ("count_none", "showing", "newest")},
            "claimed_by": labels["claimed_by"],
            "draft": labels["draft"],
        },
        "claims": rows,
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.xpClaimsData={body};\nif(window.xpClaimsFilter)window.xpClaimsFilter.init();\n"


def index_block(site: Site, labels: Labels, links: Links, badge: Callable[[str], str]) -> str:
    """The filter, the newest claims and the scripts: one raw HTML block, none of whose
    inner lines is a lone ``</div>`` (see :func:`.indexes.lift_lists`)."""
    text = FilterText(labels)
    claims = newest_first(site)
    first = claims[:PAGE_SIZE]
    total = len(claims)
    if total > len(first):
        status = _fmt(text["newest"], shown=len(first), total=total)
    else:
        status = _fmt(text["count_all"], total=total)
    items = "\n".join(entry(c, badge(c.status), labels, links) for c in first)
    more = ""
    if links.all_page:
        more = (
            f'<p class="xp-claims-more"><a href="{escape(links.all_page)}">'
            f"{escape(_fmt(text['all_link'], total=total))}</a></p>"
        )
    return (
        '<div class="xp-claims-archive" data-search-exclude="" '
        f'data-page-size="{PAGE_SIZE}" data-total="{total}" data-src="{escape(links.data)}" '
        f'data-more="{escape(text["more"])}">\n'
        + _form(site, claims, labels)
        + f'\n<p class="xp-claims-count" role="status" aria-live="polite">{escape(status)}</p>\n'
        + f'<ol class="xp-claims-list">\n{items}\n</ol>\n'
        + more
        + f'\n<script src="{escape(links.script)}"></script>\n</div>'
    )


def all_block(site: Site, labels: Labels, links: Links, badge: Callable[[str], str]) -> str:
    """Every claim, newest first, for readers without JavaScript: one raw HTML block."""
    items = "\n".join(entry(c, badge(c.status), labels, links) for c in newest_first(site))
    return f'<ol class="xp-claims-list" data-search-exclude="">\n{items}\n</ol>'


def links_from(
    here: str,
    titles: dict[str, str],
    urls: dict[str, str],
    claim_pages: dict[str, list[str]],
    claim_url: Callable[[str], str],
    all_url: str,
    root: str = "",
) -> Links:
    """The index's links as seen from the page at site-relative URL ``here``.

    ``titles``, ``urls`` and ``claim_pages`` are the rendered articles' (see
    :class:`.indexes.SiteIndex`); ``claim_url`` gives a claim page's site-relative URL;
    ``all_url`` the one-page list's (empty: none); ``root`` the language's folder the
    index is in, on an i18n site (``nb/``).
    """
    page_link = {u: (titles.get(u, u), relative_url(url, here)) for u, url in urls.items()}
    shown_in = {
        claim_id: [page_link[u] for u in uris if u in page_link]
        for claim_id, uris in claim_pages.items()
    }
    return Links(
        claim=lambda claim_id: relative_url(claim_url(claim_id), here),
        shown_in=shown_in,
        data=relative_url(root + DATA_URI, here),
        script=relative_url(SCRIPT_URI, here),
        all_page=relative_url(all_url, here) if all_url else "",
    )


def index_page(site: Site, labels: Labels, links: Links, badge: Callable[[str], str]) -> str:
    """The claims index as Markdown: its title and the archive block."""
    return (
        _front(labels["claims_index"], labels.lang)
        + f"# {md_text(labels['claims_index'])}\n\n"
        + index_block(site, labels, links, badge)
        + "\n"
    )


def all_page(site: Site, labels: Labels, links: Links, badge: Callable[[str], str]) -> str:
    """Every claim on one page as Markdown, for readers without JavaScript."""
    title = FilterText(labels)["all_title"]
    return (
        _front(title, labels.lang)
        + f"# {md_text(title)}\n\n"
        + all_block(site, labels, links, badge)
        + "\n"
    )


def needs_all_page(site: Site) -> bool:
    """Whether the index holds fewer claims than the site has (then a one-page list)."""
    return len(site.claims) > PAGE_SIZE
