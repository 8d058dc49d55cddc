"""One full check of a site: data files, then every article, then site-wide warnings.

For ``explainers check`` and ``explainers pages``. Each article is rendered with the
site's own Markdown configuration (:mod:`explainers.page.article_render`) and the
references the page renders are what gets checked; each gives its
:class:`~explainers.page.page_record.PageRecord`, the record a build keeps of the
pages it renders, and both end with the same checks across pages
(:mod:`.site_checks`).
With a :class:`~explainers.cache.Cache` an unchanged article is not rendered again
and an unchanged data file not parsed again; the checks against the data rerun.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..data import drafts
from ..data.cache import Cache, key, paused_gc
from ..data.diagnostics import Diagnostic, Report
from ..data.load import load_site, rel
from ..data.load import resolved as resolved_file
from ..data.model import Site, Verdict
from ..data.yaml_reader import decode
from ..page.article_check import LocatedPage, check_located, locate_page
from ..page.article_render import MarkdownConfig, PageRenderer, RenderError
from ..page.i18n import LANGS
from ..page.link_positions import place_links
from ..page.page_record import PageRecord
from .indexes import SiteIndex
from .site_checks import check_across_pages

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    site: Site
    #: what each article holds (language, title, positioned references, front matter,
    #: what it shows and numbers): the record a build keeps of a page too
    pages: dict[str, PageRecord]
    #: which pages show each claim and number each source
    index: SiteIndex
    report: Report
    #: per article (src_uri): its path and the links it renders, each (url, line, col)
    links: dict[str, tuple[str, list[tuple[str, int, int]]]] = field(default_factory=dict)
    #: articles marked ``draft: true``: not checked, as ``mkdocs build`` leaves them out
    draft_articles: list[tuple[str, Path]] = field(default_factory=list)


def site_renderer(markdown: MarkdownConfig | None = None, default_lang: str = "en") -> PageRenderer:
    """A page renderer with the site's Markdown configuration (its host's reader gives it;
    MkDocs' defaults when there is none or it cannot be loaded: the host reports those)."""
    try:
        renderer = PageRenderer(markdown, default_lang)
        renderer.load()
    except RenderError as exc:
        log.debug("the site's Markdown configuration is not used: %s", exc)
        return PageRenderer(lang=default_lang)
    return renderer


def locate_article(
    text: str,
    src_uri: str,
    path: str,
    renderer: PageRenderer,
    default_lang: str,
    report: Report,
    cache: Cache | None,
    langs: tuple[str, ...] = LANGS,
) -> LocatedPage | None:
    """Render one article and position what it renders; from the cache when this text
    was seen with this Markdown configuration. None (and an error) when the page does
    not render; :class:`RenderError` when no page can (the configuration is broken)."""
    ident = key("page", renderer.key, src_uri, path, default_lang, *langs, text) if cache else ""
    if cache is not None:
        stored = cache.get("pages", ident, LocatedPage.from_json)
        if stored is not None:
            return stored
    try:
        refs = renderer.refs(text, src_uri)
    except RenderError:
        raise
    except Exception as exc:  # an extension crashing on this page: MkDocs would stop here too
        report.error(path, 1, 1, f"the page does not render: {type(exc).__name__}: {exc}")
        return None
    located = locate_page(text, src_uri, path, refs, default_lang, langs)
    located.links = place_links(text, renderer.collector.urls)
    if cache is not None:
        cache.put("pages", ident, located.to_json())
    return located


def check_all(
    root: Path,
    claims_dir: Path,
    sources_dir: Path,
    articles: list[tuple[str, Path]],
    default_lang: str = "en",
    scale: dict[str, Verdict] | None = None,
    renderer: PageRenderer | None = None,
    cache: Cache | None = None,
    config_errors: list[Diagnostic] | None = None,
    rules: drafts.Rules | None = None,
    langs: tuple[str, ...] = LANGS,
) -> CheckResult:
    """``articles`` are (path under docs_dir, file) pairs, in the order to report them.

    ``renderer`` renders the pages (default: MkDocs' own Markdown configuration; see
    :func:`site_renderer`); ``cache`` skips the work for unchanged files and gives the
    same diagnostics. Draft articles are left out, as ``mkdocs build`` leaves them out;
    ``rules`` are the options that decide what may publish.
    """
    with paused_gc():
        loaded = load_site(root, claims_dir, sources_dir, scale, cache, langs)
        report = loaded.report
        if config_errors:  # the site's options (the verdict scale): root causes, listed first
            before = len(report.items)
            for diagnostic in config_errors:
                report.add(diagnostic)
            report.mark_first(before)
        if renderer is None and articles:
            renderer = site_renderer(None, default_lang)
        facts: list[PageRecord] = []
        links: dict[str, tuple[str, list[tuple[str, int, int]]]] = {}
        skipped: list[tuple[str, Path]] = []
        for src_uri, file in articles:
            assert renderer is not None
            path = rel(file, root)
            text = decode(file.read_bytes(), path, report)
            if text is None:
                continue
            if drafts.article_is_draft(text):
                skipped.append((src_uri, file))
                continue
            located = locate_article(
                text, src_uri, path, renderer, default_lang, report, cache, langs
            )
            if located is not None:
                links[src_uri] = (path, located.links)
                facts.append(
                    check_located(located, text, src_uri, path, loaded.site, report, cache)
                )
        index = SiteIndex.of_records(facts)
        check_across_pages(loaded.site, facts, rules or drafts.Rules(), report)
    pages = {page.src_uri: page for page in facts}
    return CheckResult(loaded.site, pages, index, report, links, skipped)


def find_articles(docs_dir: Path, skip: list[Path]) -> list[tuple[str, Path]]:
    """Markdown files under docs_dir (as MkDocs would take them), outside the data folders."""
    skip = [s.resolve() for s in skip]
    found = []
    for file in sorted(docs_dir.rglob("*.md"), key=lambda p: p.as_posix()):
        relative = file.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        resolved = resolved_file(file)
        if any(resolved.is_relative_to(s) for s in skip):
            continue
        found.append((relative.as_posix(), file))
    return found
