"""``::articles``: a generated list of the site's explainers, for a home page to place.

A page that holds the directive renders before the pages it lists (MkDocs renders the
home page first), so the extension leaves a slot (:data:`~..page.extension.ARTICLES_SLOT`)
and the host fills it once every page is rendered, from what each render recorded:
its title, URL, front matter ``date`` and ``description``, and the claims it boxed.

An article is a published Markdown page of the site's own (the contract's "Markdown
articles, at any depth"), whether or not it boxes a claim: not a draft, not a page
generated here or by another plugin (the indexes, the claim pages, a blog's archive),
not a folder's landing page (``index.md``, ``README.md``: the home page, a section's
or the blog's index) unless it boxes a claim (an explainer kept in a folder of its
own, beside its images), not a page with ``listed: false`` (a tags index, an about page),
and not a page that holds ``::articles`` itself (it lists; it is not listed).
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..data.validation import parse_date
from ..page.extension import ARTICLES_SLOT
from ..page.renderer import Renderer, esc
from .indexes import relative_url

log = logging.getLogger("explainers")


@dataclass(frozen=True)
class Article:
    """One explainer as the list shows it."""

    title: str
    url: str  # site-relative, as the host writes it
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD; "" when the page has none
    description: str = ""
    boxed: tuple[str, ...] = field(default_factory=tuple)
    lang: str = ""  # the page's language, marked on its item where the list's differs


#: the names of a folder's landing page (MkDocs takes README.md as index.md)
LANDING_PAGES = ("index", "readme")


def is_landing_page(src_uri: str) -> bool:
    """A folder's landing page: ``index.md``, ``README.md``, and with mkdocs-static-i18n's
    suffix layout ``index.nb.md``; unless it boxes a claim, it leads to articles rather
    than being one."""
    name = posixpath.basename(src_uri)
    return name.split(".", 1)[0].lower() in LANDING_PAGES


def front_date(value: object) -> str:
    """Front matter ``date`` as ``YYYY-MM-DD`` (or as typed).

    YAML reads ``2026-03-01`` as a date, and Material's blog also allows
    ``date: {created: ...}``; anything else is not a date for the list.
    """
    if isinstance(value, Mapping):
        value = value.get("created")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and parse_date(value.strip()) is not None:
        return value.strip()
    return ""


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Articles newest first; undated last; then by title, URL.

    Partial dates sort as their first day, so ``2026-03`` comes before ``2026-03-01``'s
    older neighbours and after its newer ones.
    """

    def key(article: Article) -> tuple[int, tuple[int, int, int], str, str]:
        parts = parse_date(article.date) if article.date else None
        if parts is None:
            return (1, (0, 0, 0), article.title, article.url)
        year, month, day = parts
        return (0, (-year, -(month or 1), -(day or 1)), article.title, article.url)

    return sorted(articles, key=key)


def list_html(articles: list[Article], renderer: Renderer, here: str) -> str:
    """The list as the page at site-relative URL ``here`` shows it, in its language."""
    lb = renderer.labels
    if not articles:
        return (
            f'<div class="xp-articles" data-articles data-search-exclude>'
            f'<p class="xp-articles__none">{esc(lb["articles_none"])}</p></div>'
        )
    items = []
    for article in articles:
        # title and description are in the article's language; date and badges the list's
        lang = f' lang="{esc(article.lang)}"' if article.lang and article.lang != lb.lang else ""
        badges = " ".join(
            renderer.badge(renderer.site.claims[i].status)
            for i in article.boxed
            if i in renderer.site.claims
        )
        date = (
            f'<p class="xp-articles__date">{renderer.date(article.date)}</p>'
            if article.date
            else ""
        )
        text = (
            f'<p class="xp-articles__description"{lang}>{esc(article.description)}</p>'
            if article.description
            else ""
        )
        verdicts = (
            f'<p class="xp-articles__verdicts"><span class="xp-sr-only">'
            f"{esc(lb['articles_verdicts'])}: </span>{badges}</p>"
            if badges
            else ""
        )
        items.append(
            f'<li class="xp-articles__item" data-article="{esc(article.url)}">'
            f'<p class="xp-articles__title"{lang}><a href="{esc(relative_url(article.url, here))}">'
            f"{esc(article.title)}</a></p>{date}{text}{verdicts}</li>"
        )
    return (
        f'<nav class="xp-articles" data-articles data-search-exclude '
        f'aria-label="{esc(lb["articles"])}"><ul class="xp-articles__list">'
        + "".join(items)
        + "</ul></nav>"
    )


def place(html: str, listing: str) -> str:
    """``html`` with its ``::articles`` slot filled."""
    if ARTICLES_SLOT not in html:
        log.debug("no ::articles slot in the page")
        return html
    return html.replace(ARTICLES_SLOT, listing, 1)
