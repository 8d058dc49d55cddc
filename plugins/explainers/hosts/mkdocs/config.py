"""Options of the ``explainers`` MkDocs plugin (every option is described in the format
reference), and what they tell the host-neutral build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ...data import drafts
from ...data.cache import FOLDER as CACHE_FOLDER
from ...data.model import CLAIMS_DIR, SOURCES_DIR
from ...data.scales import positions as scale_positions
from ...page.i18n import normalize_lang, site_langs, unsupported_lang
from ...page.renderer import load_renderer
from ...site.build import SiteBuild
from ...site.options import BuildOptions
from ..mkdocs_yml import label_errors, site_scale
from .i18n_build import LanguageBuild


class ExplainersConfig(Config):
    enabled = c.Type(bool, default=True)
    claims_dir = c.Type(str, default=CLAIMS_DIR)
    """Folder of claims YAML files, relative to mkdocs.yml."""
    sources_dir = c.Type(str, default=SOURCES_DIR)
    """Folder of sources YAML files, relative to mkdocs.yml."""
    lang = c.Optional(c.Type(str))
    """Default page language (en, nb, nn or one `labels` adds); else theme.language, else en."""
    # -- the verdict scale (scales.py) --
    scale = c.Optional(c.Type(dict))
    """Replaces the verdict scale: {KEY: {en: LABEL, nb: LABEL, settled: bool, icon: TEXT}};
    with scale_extends, adds to, changes or (KEY: null) removes from that base scale."""
    scale_extends = c.Optional(c.Type(str))
    """A base scale (default, true-false, context, conclusion) that `scale` changes."""
    # -- end of the verdict scale --
    labels = c.Type(dict, default={})
    """Label overrides per language: {en: {sources: References}}."""
    claim_pages = c.Type(bool, default=True)
    """Generate claims/<id>/ pages, a claims index (claims/) and a sources index (sources/)."""
    claims_index_group = c.Choice(("date", "verdict", "tag"), default="date")
    """The claims index: newest first with its filter form (date), or grouped by verdict
    (scale order) or by claim `tags`, without the form."""
    publish_schemas = c.Type(bool, default=True)
    """Publish schemas/claims.schema.json and schemas/sources.schema.json."""
    publisher = c.Optional(c.Type(str))
    """ClaimReview author; default: site_name."""
    atomic_build = c.Type(bool, default=True)
    """`mkdocs build` writes to a temporary folder and swaps it in only when the build succeeds."""
    cache = c.Type(bool, default=True)
    """Keep what was learned about each data file and article in .explainers_cache/ beside
    mkdocs.yml, keyed by content, so the next build (or `explainers check`) redoes only
    what changed."""
    assets = c.Type(bool, default=True)
    """Add the package's stylesheet for boxes, badges, cards and the source list."""
    links = c.Type(dict, default={})
    """Settings of `explainers links` (the build ignores them): record, recheck_days,
    dead_after, days_apart, concurrency, per_host, interval, timeout, retries, ..."""
    serve_data_poll = c.Type((int, float), default=0.1)
    """Under `mkdocs serve`, seconds between two looks at the data folders (MkDocs looks
    at the rest every 0.5 s); 0 leaves them to MkDocs' watcher."""
    renderer = c.Optional(c.Type(str))
    """`module:Class` of a Renderer subclass, to restyle boxes, cards or lists without forking."""

    # -- what may publish (drafts.py) ------------------------------------------------
    require_review = c.Type(bool, default=False)
    """A claim publishes only with `reviewed_by` and a `reviewed` date no older than its
    last history entry."""
    standalone_claims = c.Type(bool, default=False)
    """A claim that no published article boxes or mentions is not a warning (a claims
    database published on its own)."""


def site_root(config: MkDocsConfig) -> Path:
    """Where mkdocs.yml is: paths in messages are relative to it."""
    return Path(config.config_file_path or ".").resolve().parent


def data_dirs(options: ExplainersConfig, config: MkDocsConfig) -> tuple[Path, Path]:
    """The claims and sources folders (taken out of the site even with the plugin off)."""
    root = site_root(config)
    return (root / options.claims_dir).resolve(), (root / options.sources_dir).resolve()


def pages_left_alone(config: MkDocsConfig, plugin: object) -> bool:
    """No plugin but ``plugin`` (nor a hook) edits a finished page (``on_post_page``):
    the index pages' lists may then go into their files after MkDocs writes them
    (:attr:`BuildOptions.lists_after_write`), where no other handler would see a page
    without them."""
    handlers = config.plugins.events.get("post_page", [])
    return all(getattr(handler, "__self__", None) is plugin for handler in handlers)


#: the plugins whose ``on_post_build`` reads only what they kept while the pages were
#: built (their search entries), by module
_KEEPING_THEIR_OWN = frozenset({"material.plugins.search.plugin", "mkdocs.contrib.search"})


def contents_unread(config: MkDocsConfig, plugin: object) -> bool:
    """No plugin but ``plugin`` and the search plugins (nor a hook) acts once every page
    is written (``on_post_build``): nothing reads a page's HTML (``page.content``) again."""
    handlers = config.plugins.events.get("post_build", [])
    return all(
        (owner := getattr(handler, "__self__", None)) is plugin
        or (owner is not None and type(owner).__module__ in _KEEPING_THEIR_OWN)
        for handler in handlers
    )


def pages_done(config: MkDocsConfig, plugin: object, files: Files | None, build: SiteBuild) -> None:
    """Every page is written (:meth:`.SiteBuild.pages_written`, which hands freed memory
    back), each page's HTML let go first where nothing reads it again
    (:func:`contents_unread`; not under ``serve``). MkDocs holds it to the end of its
    build: at N=1,000 some 18 M characters under the search plugin's index, the claim
    pages and the feeds, where the full build's memory peaked
    (benchmarks/profile-n1000-2026-12-06.md, late27h)."""
    if files is not None and not build.opts.serving and contents_unread(config, plugin):
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.content = None
    build.pages_written()


def build_options(
    options: ExplainersConfig,
    config: MkDocsConfig,
    command: str,
    dirty: bool,
    i18n: LanguageBuild | None = None,
) -> BuildOptions:
    """The plugin's options and ``mkdocs.yml``, as the host-neutral build reads them;
    ``i18n``: the language build of mkdocs-static-i18n under way (it sets the language
    and the folder this build publishes in).

    A bad ``labels``, ``lang`` or ``renderer`` stops the build with its message; the
    scale's problems are the build's first content errors, at their place in mkdocs.yml."""
    if options.serve_data_poll < 0:
        raise PluginError("explainers: serve_data_poll must be 0 (off) or more seconds")
    root = site_root(config)
    claims_dir, sources_dir = data_dirs(options, config)
    problems = label_errors(dict(options), root)
    if problems:  # every one at once, at the option's line; nothing is built
        raise PluginError("\n".join(str(diagnostic) for diagnostic in problems))
    langs = site_langs(options.labels)
    theme_lang = normalize_lang(str(config.theme.get("language") or "en"), "en", langs)
    chosen = normalize_lang(options.lang, "", langs) if options.lang else ""
    if chosen is None:
        raise PluginError(f"explainers: {unsupported_lang(str(options.lang), langs)}")
    lang = chosen or theme_lang or "en"
    if i18n is not None:  # each of i18n's builds is in its language
        built = normalize_lang(i18n.lang, "", langs)
        if not built:
            raise PluginError(f"explainers: {unsupported_lang(i18n.lang, langs)}")
        lang = built
    where = scale_positions(
        Path(config.config_file_path) if config.config_file_path else None,
        Path(config.config_file_path or "mkdocs.yml").name,
    )
    scale, scale_errors = site_scale(dict(options), where)
    try:
        renderer = load_renderer(options.renderer, root)
    except ValueError as exc:
        raise PluginError(f"explainers: {exc}") from exc
    return BuildOptions(
        root=root,
        claims_dir=claims_dir,
        sources_dir=sources_dir,
        lang=lang,
        theme_lang=str(config.theme.get("language") or "en"),
        scale=scale,
        scale_errors=scale_errors,
        rules=drafts.Rules(options.require_review, options.standalone_claims),
        labels=options.labels,
        publisher=options.publisher or config.site_name,
        renderer=renderer,
        claim_pages=options.claim_pages,
        claims_index_group=options.claims_index_group,
        site_url=config.site_url or "",
        directory_urls=bool(config.use_directory_urls),
        strict=bool(config.strict),
        serving=command == "serve",
        dirty=dirty,
        cache_folder=root / CACHE_FOLDER if options.cache else None,
        langs=langs,
        prefix=i18n.prefix if i18n is not None else "",
    )
