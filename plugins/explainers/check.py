"""One full check of a site: data files, then every article, then site-wide warnings.

Shared by the MkDocs plugin (before anything is written) and ``explainers check``.
Each article is rendered with the site's own Markdown configuration
(:mod:`.pagerender`) and the references the page renders are what gets checked.
With a :class:`~explainers.cache.Cache` an unchanged article is not rendered again
and an unchanged data file not parsed again; the checks against the data rerun.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .articles import ArticleIndex, PageFacts, check_page, index_articles
from .cache import Cache, key
from .diagnostics import Report
from .extension import RenderedRef
from .load import load_site, rel
from .model import Site, Verdict
from .pagerender import PageRenderer, RenderError
from .validate import check_unused
from .yamlread import decode

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    site: Site
    index: ArticleIndex
    report: Report


def site_renderer(root: Path, default_lang: str = "en") -> PageRenderer:
    """A page renderer with the Markdown configuration of ``root/mkdocs.yml`` (MkDocs'
    defaults when it cannot be read)."""
    from .siteconfig import ConfigError, read_site_config

    try:
        config = read_site_config(root).markdown
    except ConfigError as exc:
        log.debug("no site Markdown configuration: %s", exc)
        return PageRenderer(lang=default_lang)
    try:
        return PageRenderer(config, default_lang)
    except RenderError as exc:
        log.debug("%s", exc)
        return PageRenderer(lang=default_lang)


def rendered_refs(
    text: str, src_uri: str, path: str, renderer: PageRenderer, report: Report, cache: Cache | None
) -> list[RenderedRef] | None:
    """What the page renders; from the cache when this text was rendered with this
    Markdown configuration before. None (and an error) when the page does not render."""
    ident = key("refs", renderer.key, src_uri, text) if cache is not None else ""
    if cache is not None:
        stored = cache.get("refs", ident)
        if stored is not None:
            return [RenderedRef(kind, ref_id, locator) for kind, ref_id, locator in stored]
    try:
        refs = renderer.refs(text, src_uri)
    except Exception as exc:  # an extension crashing on this page: MkDocs would stop here too
        report.error(path, 1, 1, f"the page does not render: {type(exc).__name__}: {exc}")
        return None
    if cache is not None:
        cache.put("refs", ident, [[r.kind, r.id, r.locator] for r in refs])
    return refs


def check_all(
    root: Path,
    claims_dir: Path,
    sources_dir: Path,
    articles: list[tuple[str, Path]],
    default_lang: str = "en",
    scale: dict[str, Verdict] | None = None,
    renderer: PageRenderer | None = None,
    cache: Cache | None = None,
) -> CheckResult:
    """``articles`` are (path under docs_dir, file) pairs, in the order to report them.

    ``renderer`` renders the pages (default: the Markdown configuration of
    ``root/mkdocs.yml``); ``cache`` skips the work for unchanged files.
    """
    loaded = load_site(root, claims_dir, sources_dir, scale, cache)
    report = loaded.report
    if renderer is None and articles:
        renderer = site_renderer(root, default_lang)
    facts: list[PageFacts] = []
    for src_uri, file in articles:
        assert renderer is not None
        path = rel(file, root)
        text = decode(file.read_bytes(), path, report)
        if text is None:
            continue
        refs = rendered_refs(text, src_uri, path, renderer, report, cache)
        if refs is None:
            continue
        page = check_page(text, src_uri, path, refs, loaded.site, default_lang, report, cache=cache)
        if page is not None:
            facts.append(page)
    index = index_articles(facts)
    check_unused(loaded.site, index.cited, report)
    return CheckResult(loaded.site, index, report)


def find_articles(docs_dir: Path, skip: list[Path]) -> list[tuple[str, Path]]:
    """Markdown files under docs_dir (as MkDocs would take them), outside the data folders."""
    skip = [s.resolve() for s in skip]
    found = []
    for file in sorted(docs_dir.rglob("*.md"), key=lambda p: p.as_posix()):
        resolved = file.resolve()
        if any(resolved.is_relative_to(s) for s in skip):
            continue
        if any(part.startswith(".") for part in file.relative_to(docs_dir).parts):
            continue
        found.append((file.relative_to(docs_dir).as_posix(), file))
    return found
