"""The one reader of a site's configuration, whichever host it is written for.

A site is described by its ``mkdocs.yml`` (:mod:`.mkdocs_yml`) or, without one, by
its ``zensical.toml`` (:mod:`.zensical_toml`); both give the same host-neutral
:class:`~explainers.hosts.mkdocs_yml.SiteConfig`, which the commands pass down to
the site-wide steps.
"""

from __future__ import annotations

from pathlib import Path

from ..data import drafts
from ..data.cache import Cache
from ..data.config_position import CONFIG_NAMES
from ..page.article_render import PageRenderer
from ..site.check import CheckResult, check_all, find_articles, site_renderer
from ..site.markdown_export import is_written
from .mkdocs_yml import ConfigError, SiteConfig, read_site_config
from .zensical_toml import read_zensical_config


def read_config(site_dir: Path) -> SiteConfig:
    """The site's ``mkdocs.yml``, or its ``zensical.toml`` when it has no ``mkdocs.yml``."""
    if any((site_dir / name).is_file() for name in CONFIG_NAMES):
        return read_site_config(site_dir)
    return read_zensical_config(site_dir)


def renderer_of(root: Path, default_lang: str = "en") -> PageRenderer:
    """A page renderer with the Markdown configuration of ``root/mkdocs.yml`` (MkDocs'
    defaults when it cannot be read or loaded: MkDocs itself reports those)."""
    try:
        markdown = read_site_config(root).markdown
    except ConfigError:
        markdown = None
    return site_renderer(markdown, default_lang)


def check_site(cfg: SiteConfig) -> CheckResult:
    """The full check of a site's data and articles (files ``explainers pages`` wrote are
    skipped), with the site's own Markdown configuration."""
    articles = [
        (uri, path)
        for uri, path in find_articles(cfg.docs_dir, [cfg.claims_dir, cfg.sources_dir])
        if not is_written(uri, path)
    ]
    renderer = site_renderer(cfg.markdown, cfg.lang) if articles else None
    result = check_config(cfg, articles, renderer)
    result.site = drafts.published(result.site)  # what a build publishes, without drafts
    return result


def check_config(
    cfg: SiteConfig,
    articles: list[tuple[str, Path]],
    renderer: PageRenderer | None,
    cache: Cache | None = None,
) -> CheckResult:
    """:func:`check_all` with everything the site's settings decide (its scale and its
    problems, what may publish, its languages): one place for every command."""
    return check_all(
        cfg.root,
        cfg.claims_dir,
        cfg.sources_dir,
        articles,
        cfg.lang,
        cfg.scale,
        renderer,
        cache,
        config_errors=cfg.scale_errors,
        rules=drafts.Rules(cfg.require_review, cfg.standalone_claims),
        langs=cfg.langs,
    )
