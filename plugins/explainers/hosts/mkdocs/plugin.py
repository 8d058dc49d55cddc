"""The MkDocs plugin: a thin adapter that wires MkDocs events to the core.

- ``on_config``: add the Python-Markdown extension, the lean page template and the
  Material overrides (page-language strings, an accessible search dialog);
- ``on_files``: drop the YAML from the site, load and check the data (stop before
  anything is written if it is broken), add the index pages and the schemas; under
  ``serve --dirty``, mark the pages that show a changed claim or source as modified;
- ``on_page_markdown``/``on_page_content``: tell the extension which page it renders,
  then check the references the page rendered and record them for the indexes;
- ``on_page_context``: keep boxes and source lists out of the search index;
- ``on_env``: report every problem of the build at once (errors stop it before any
  page is written) and render the claim pages into the shell;
- ``on_post_page``: put the JSON-LD in ``<head>`` and the page language on ``<html>``;
- ``on_post_build``/``on_build_error``: write the claim pages, add them to the
  sitemap and search index, swap the finished site into place (or throw it away).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ...data import changes as deps
from ...data import drafts, schema
from ...data.cache import FOLDER as CACHE_FOLDER
from ...data.cache import Cache
from ...data.diagnostics import Diagnostic, Report
from ...data.load import LoadResult, data_files, load_site, rel, resolved
from ...data.scales import positions as scale_positions
from ...data.validation import check_unused
from ...data.verdict_history import changed_since
from ...data.yaml_reader import decode
from ...page import jsonld
from ...page.article_check import check_page
from ...page.extension import ExplainersExtension, PageContext, id_attrs
from ...page.i18n import LANGS, Labels, normalize_lang, site_langs, unsupported_lang
from ...page.lang_meta import SCRIPT_URI as LANG_SCRIPT_URI
from ...page.lang_meta import lang_meta
from ...page.renderer import PageInfo, Renderer, load_renderer
from ...site import articles, claim_tags, feeds
from ...site import claim_pages as claimpages
from ...site import claims_filter as claimsfilter
from ...site import error_view as overlay
from ...site import fragment_cache as fragments
from ...site import indexes as pages
from ...site.markdown_export import is_written as written_by_pages
from ...site.site_folder import FolderMaker, PageWriter, SiteDirError, StagedSiteDir
from .. import nav_check as navcheck
from ..mkdocs_yml import label_errors, site_scale
from .config import ExplainersConfig
from .i18n_build import LanguageBuild, i18n_search_entries, language_build
from .overrides import add_overrides
from .search_view import SearchView, excluded, hidden_spans, view_of
from .theme_shell import TEMPLATES_DIR, TemplateCode, render_shell, theme_languages

log = logging.getLogger("mkdocs.plugins.explainers")
#: what each of i18n's language builds publishes in its language's folder (``nb/``)
LANGUAGE_PAGES = (
    pages.CLAIMS_INDEX,
    pages.SOURCES_INDEX,
    claimsfilter.DATA_URI,
    claimsfilter.ALL_URI,
)
ASSET_URI = "assets/explainers/explainers.css"
SCRIPT_URI = "assets/explainers/explainers.js"


@dataclass
class PageRecord:
    """What rendering one article found; kept across ``serve --dirty`` rebuilds."""

    title: str
    url: str
    lang: str
    claims: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    draft: bool = False  # only under serve: a build leaves draft articles out
    #: for ``::articles``: front matter date and description, the claims the page boxes
    date: str = ""
    description: str = ""
    boxed: list[str] = field(default_factory=list)
    lists_articles: bool = False  # the page holds ``::articles``
    listed: bool = True  # front matter ``listed: false`` keeps it out of ``::articles``


class ExplainersPlugin(BasePlugin[ExplainersConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self._let_go()

    def _let_go(self) -> None:
        """Start from nothing: no site model, no caches, no pages."""
        self.ext: ExplainersExtension | None = None
        self.loaded: LoadResult | None = None
        self._data_key: object = None
        self.root = Path()  # the site's root (mkdocs.yml's folder), set by on_config
        self.records: dict[str, PageRecord] = {}
        self.draft_pages: set[str] = set()  # articles marked draft: true (src_uri)
        #: where a page holds raw HTML a search index should skip: the page as made, spans
        self.hidden: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        self.search_views: dict[str, SearchView] = {}
        self.lists: dict[str, dict[str, str]] = {}  # index pages: marker -> list HTML
        self.index_texts: dict[str, str] = {}  # index pages: the text of the page written
        self.made_index_texts: dict[str, str] = {}  # ... and of the one being made
        self.review_cache: dict[str, tuple[str, dict[str, Any]]] = {}
        self.changed: tuple[set[str], set[str]] | None = None  # claims, sources since last build
        self.claim_html: dict[str, tuple[Any, tuple[claimpages.SearchDoc, str]]] = {}
        self.env: Environment | None = None
        self.files: Files | None = None
        self.reviews: dict[str, list[dict[str, Any]]] = {}
        self.staged: StagedSiteDir | None = None
        self.folders: FolderMaker | None = None  # claim pages' folders, made while pages render
        self.nav: Navigation | None = None
        self.warnings = _Counter()
        self.cache = Cache()
        self.serve_errors: list[Diagnostic] = []  # under serve: shown on every page
        self.scale_errors: list[Diagnostic] = []  # the scale options' problems (scales.py)
        self.shown_errors: list[Diagnostic] = []  # what the pages of the last build show
        self.built_pages: set[str] = set()  # pages written by this build
        self.canon = jsonld.Canonical()
        self.fragments: tuple[str, int] | None = None  # their key, how many the cache holds
        self.template_code = TemplateCode()  # under serve: templates compiled once
        self.langs: tuple[str, ...] = LANGS  # the shipped ones and those `labels` adds
        self.i18n: LanguageBuild | None = None  # mkdocs-static-i18n's build under way
        self.prefix = ""  # where this build's pages go in the site: "" or i18n's "nb/"
        self.data_logged = False  # on_files said the data's problems (it holds an error)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_shutdown(self) -> None:
        """Let go of the site model and the caches. MkDocs keeps its plugins until the
        interpreter exits, whose last garbage collections would otherwise walk every
        claim and cached entry: over a second at the end of a large build."""
        if self.ext is not None:
            self.ext.set_site(None)  # MkDocs' config, which lists the extension, lives on too
        self._let_go()

    # -- configuration -----------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.ext in config.markdown_extensions:  # i18n's next language build: one of us
            config.markdown_extensions.remove(self.ext)  # type: ignore[arg-type]
        self.ext = None
        self.env = None
        self.i18n = language_build(config)
        # where mkdocs.yml is: paths in messages are relative to it (resolved once a build)
        root = self.root = Path(config.config_file_path or ".").resolve().parent
        self.claims_dir = (root / self.config.claims_dir).resolve()
        self.sources_dir = (root / self.config.sources_dir).resolve()
        if not self.config.enabled:
            return config
        problems = label_errors(dict(self.config), root)
        if problems:  # every one at once, at the option's line; nothing is built
            raise PluginError("\n".join(str(diagnostic) for diagnostic in problems))
        self.langs = site_langs(self.config.labels)
        theme_lang = normalize_lang(str(config.theme.get("language") or "en"), "en", self.langs)
        self.theme_lang = str(config.theme.get("language") or "en")
        chosen = normalize_lang(self.config.lang, "", self.langs) if self.config.lang else ""
        if chosen is None:
            raise PluginError(f"explainers: {unsupported_lang(str(self.config.lang), self.langs)}")
        self.lang = chosen or theme_lang or "en"
        if self.i18n is not None:  # each of i18n's builds is in its language
            built = normalize_lang(self.i18n.lang, "", self.langs)
            if not built:
                raise PluginError(f"explainers: {unsupported_lang(self.i18n.lang, self.langs)}")
            self.lang = built
        self.prefix = self.i18n.prefix if self.i18n is not None else ""
        where = scale_positions(
            Path(config.config_file_path) if config.config_file_path else None,
            Path(config.config_file_path or "mkdocs.yml").name,
        )
        self.scale, self.scale_errors = site_scale(dict(self.config), where)
        self.directory_urls = bool(config.use_directory_urls)
        self.ext = ExplainersExtension(
            lang=self.lang,
            labels=self.config.labels,
            publisher=self.config.publisher or config.site_name,
            claim_url=self.prefix + claimpages.claim_url("{id}", self.directory_urls),
            renderer=self._renderer(root),
            warn_unknown=False,  # the checks report unknown ids, with their positions
        )
        config.markdown_extensions.append(self.ext)  # type: ignore[arg-type]
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES_DIR))
        add_overrides(config.theme)
        if self.config.assets and ASSET_URI not in config.extra_css:
            config.extra_css.insert(0, ASSET_URI)
        for script in (SCRIPT_URI, LANG_SCRIPT_URI) if self.config.assets else ():
            if script not in map(str, config.extra_javascript):
                config.extra_javascript.append(script)
        docs = Path(config.docs_dir).resolve()
        for folder in (self.claims_dir, self.sources_dir):
            if not folder.is_relative_to(docs) and str(folder) not in config.watch:
                config.watch.append(str(folder))
        core_log = logging.getLogger("explainers")
        if not any(isinstance(h, _Forward) for h in core_log.handlers):
            core_log.addHandler(_Forward())
            core_log.propagate = False
        self.warnings.reset()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        self.strict = bool(config.strict)
        self.site_url = config.site_url or ""
        cache_folder = root / CACHE_FOLDER if self.config.cache else None
        if self.cache.folder != cache_folder:
            self.cache = Cache(cache_folder)
        if self.i18n is not None and self.i18n.nested:
            pass  # the first language build's staging folder takes every language's pages
        elif self.command == "build" and self.config.atomic_build and not self.dirty:
            try:
                self.staged = StagedSiteDir(Path(config.site_dir))
            except SiteDirError as exc:
                raise PluginError(f"explainers: {exc}") from exc
            config.site_dir = str(self.staged.building)
        return config

    def _renderer(self, root: Path) -> type[Renderer]:
        try:
            return load_renderer(self.config.renderer, root)
        except ValueError as exc:
            raise PluginError(f"explainers: {exc}") from exc

    # -- files: the data, checked before anything is written -------------------------

    def _is_data(self, file: File) -> bool:
        if not file.abs_src_path:
            return False
        path = resolved(Path(file.abs_src_path))
        return (
            path.is_relative_to(self.claims_dir)
            or path.is_relative_to(self.sources_dir)
            or written_by_pages(file.src_uri, path)  # made by `explainers pages`
        )

    def _load(self, root: Path) -> tuple[LoadResult, LoadResult | None]:
        """The data, read again only when a data file changed; and the previous load."""
        stats = tuple(
            (str(p), p.stat().st_mtime_ns, p.stat().st_size)
            for folder in (self.claims_dir, self.sources_dir)
            for p in data_files(folder)
        )
        key = (stats, repr(self.scale), tuple(self.scale_errors))
        previous = self.loaded
        if self.loaded is None or key != self._data_key:
            loaded = load_site(
                root, self.claims_dir, self.sources_dir, self.scale, cache=self.cache
            )
            if self.scale_errors:  # the options' problems: root causes, listed first
                before = len(loaded.report.items)
                for diagnostic in self.scale_errors:
                    loaded.report.add(diagnostic)
                loaded.report.mark_first(before)
            if self.command != "serve":  # a build publishes no draft claim or source
                loaded = LoadResult(drafts.published(loaded.site), loaded.report, loaded.digest)
            self.loaded = loaded
            self._data_key = key
        return self.loaded, previous

    @event_priority(-110)  # after i18n's (-100), which reads every file's source path
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        for file in [f for f in files if self._is_data(f)]:
            files.remove(file)  # the data is input, never published; even with the plugin off
        if not self.config.enabled or self.ext is None:
            return files
        self._find_drafts(files, config)
        loaded, previous = self._load(self.root)
        # What exists now (the data above all) lives through the build: the collector
        # need not walk it again and again; on_post_build and on_build_error hand it back.
        gc.freeze()
        self.serve_errors = []
        self.built_pages = set()
        # With an error the data's report is said here (the build stops, or serve shows
        # it on every page); else on_env says it with the pages' problems, in order.
        self.data_logged = bool(loaded.report.errors)
        if self.data_logged:
            _log(loaded.report.sorted())
        if loaded.report.errors and self.command != "serve":  # serve: on_env shows them
            count = len(loaded.report.errors)
            raise PluginError(
                f"explainers: {count} content error{'s' * (count != 1)}; nothing was built"
            )
        self.ext.set_site(loaded.site)
        self._restore_fragments(loaded)
        articles = {f.src_uri for f in files.documentation_pages() if not f.generated_by}
        # a page deleted under serve leaves no record, reviews or search state behind
        self.records = {uri: r for uri, r in self.records.items() if uri in articles}
        self.reviews = {uri: r for uri, r in self.reviews.items() if uri in articles}
        if previous is None:
            self.changed = None  # everything is new
        elif previous is loaded:
            self.changed = (set(), set())
        else:
            self.changed = (
                deps.changed_claims(previous.site, loaded.site),
                deps.changed_sources(previous.site, loaded.site),
            )
            if self.dirty:
                self._refresh_dependents(files, *self.changed)
        self._add_generated(files, config)
        if self.staged is not None and self.config.claim_pages and self.folders is None:
            dests = (
                claimpages.claim_dest(i, self.directory_urls, v, self.prefix)
                for i, claim in loaded.site.claims.items()
                for v in ["", *claimpages.versions(claim)]
            )
            self.folders = FolderMaker(Path(config.site_dir), dests)
        return files

    def _find_drafts(self, files: Files, config: MkDocsConfig) -> None:
        """The articles marked ``draft: true``. A build leaves them out, and out of the
        nav: MkDocs never renders them, and a nav entry for one is no broken link."""
        self.draft_pages = {
            f.src_uri
            for f in files.documentation_pages()
            if not f.generated_by and f.abs_src_path and drafts.file_is_draft(Path(f.abs_src_path))
        }
        if self.command == "serve" or not self.draft_pages:
            return
        for uri in sorted(self.draft_pages):
            file = files.get_file_from_path(uri)
            if file is not None:
                files.remove(file)
        config.nav = drafts.without_pages(config.nav, self.draft_pages)

    def _stop_folders(self) -> None:
        if self.folders is not None:
            self.folders.close()
            self.folders = None

    def _restore_fragments(self, loaded: LoadResult) -> None:
        """The box and source HTML the last build with this data made (see :mod:`.fragments`)."""
        assert self.ext is not None
        renderer = self.ext.renderer_class
        ident = fragments.fragments_key(
            loaded.digest, renderer, self.config.labels, repr(self.scale)
        )
        if ident is None:
            self.fragments = None
        elif self.fragments is None or self.fragments[0] != ident:
            self.fragments = (ident, fragments.restore(loaded.site, self.cache, ident, renderer))

    def _refresh_dependents(self, files: Files, claims: set[str], sources: set[str]) -> None:
        """Under ``--dirty``, make MkDocs re-render the pages that show changed data."""
        for uri, record in self.records.items():
            if claims.intersection(record.claims) or sources.intersection(record.cited):
                file = files.get_file_from_path(uri)
                if file is not None:
                    Path(file.abs_dest_path).unlink(missing_ok=True)

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        def add(uri: str, content: str, in_nav: bool = True) -> None:
            if files.get_file_from_path(uri) is not None:
                log.warning(f"explainers: {uri} exists in docs_dir; not generating it")
                return
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, uri, content=content, inclusion=inclusion)
            if self.prefix and uri in LANGUAGE_PAGES:
                file.dest_uri = self.prefix + file.dest_uri  # in this language's folder
            files.append(file)

        if self.config.claim_pages:
            # Their text is made in on_pre_page, once the articles are rendered.
            add(pages.CLAIMS_INDEX, "")
            add(pages.SOURCES_INDEX, "")
            self._add_claims_filter(files, config, add)
        if self.config.assets:
            add(
                ASSET_URI,
                resources.files("explainers").joinpath("assets/explainers.css").read_text("utf-8"),
            )
            add(
                SCRIPT_URI,
                resources.files("explainers").joinpath("assets/explainers.js").read_text("utf-8"),
            )
            add(
                LANG_SCRIPT_URI,
                resources.files("explainers").joinpath("assets/lang.js").read_text("utf-8"),
            )
        if self.config.publish_schemas:
            for kind in schema.KINDS:
                add(f"schemas/{kind}.schema.json", schema.schema_text(kind, self.scale))

    def _add_claims_filter(self, files: Files, config: MkDocsConfig, add: Any) -> None:
        """The claims index's script, its data file (filled in on_pre_page) and, on a site
        with more claims than the index shows, the one-page list (see :mod:`explainers.site.claims_filter`)."""
        add(
            claimsfilter.SCRIPT_URI,
            resources.files("explainers").joinpath("assets/claims-filter.js").read_text("utf-8"),
        )
        add(claimsfilter.DATA_URI, "")
        if self.loaded is not None and claimsfilter.needs_all_page(self.loaded.site):
            add(claimsfilter.ALL_URI, "", in_nav=False)

    def _claims_pages(self, uri: str, files: Files, labels: Labels) -> str:
        """The text of the claims index or its one-page list; the index fills the data file."""
        assert self.loaded is not None and self.ext is not None
        site, index = self.loaded.site, self._index()
        renderer = self.ext.renderer_class(site, labels, PageInfo(labels.lang))
        all_file = files.get_file_from_path(claimsfilter.ALL_URI)
        page_file = files.get_file_from_path(uri)
        links = claimsfilter.links_from(
            page_file.url if page_file is not None else "claims/",
            index.titles,
            index.urls,
            index.claim_pages,
            lambda i: claimpages.claim_url(i, self.directory_urls, root=self.prefix),
            all_file.url if all_file is not None and all_file.generated_by else "",
            self.prefix,
        )
        if uri == claimsfilter.ALL_URI:
            return claimsfilter.all_page(site, labels, links, renderer.badge)
        data = files.get_file_from_path(claimsfilter.DATA_URI)
        if data is not None and data.generated_by:
            data.content_string = claimsfilter.data_script(site, labels, links, renderer.badge)
        return claimsfilter.index_page(site, labels, links, renderer.badge)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.ext is not None and isinstance(config.nav, list):
            # a page missing from nav: warn, with the line to add
            docs = files.documentation_pages(inclusion=InclusionLevel.is_in_nav)
            found = [
                (f.src_uri, Path(f.abs_src_path or ""))
                for f in docs
                if not f.generated_by and f.src_uri not in self.draft_pages
            ]
            navcheck.warn_unlisted(config.nav, found, self.root, log.warning)
        return nav

    # -- pages ---------------------------------------------------------------------

    def _index(self) -> pages.SiteIndex:
        index = pages.SiteIndex()
        for uri, record in sorted(self.records.items()):
            index.titles[uri] = record.title
            index.urls[uri] = record.url
            for claim_id in record.claims:
                pages_of = index.claim_pages.setdefault(claim_id, [])
                pages_of.append(uri)
            for source_id in record.cited:
                index.source_pages.setdefault(source_id, []).append(uri)
        return index

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.ext is None or self.loaded is None or not page.file.generated_by:
            return page
        labels = Labels(self.lang, self.config.labels)
        uri = page.file.src_uri
        if uri in (pages.CLAIMS_INDEX, claimsfilter.ALL_URI):
            text = self._claims_pages(uri, files, labels)
            if uri == pages.CLAIMS_INDEX and self.config.claims_index_group != "date":
                # grouped by verdict or by tag, without the filter form
                group = self.config.claims_index_group
                text = pages.claims_index(self.loaded.site, labels, group=group)
        elif uri == pages.SOURCES_INDEX:
            text = pages.sources_index(self.loaded.site, self._index(), labels, self.prefix)
        else:
            return page
        if (
            self.dirty
            and self.index_texts.get(uri) == text
            and os.path.isfile(page.file.abs_dest_path)
        ):
            # --dirty re-renders a generated page on every build: an index made from the
            # same text as the page written last time stays as it is (4,000 claims, 2,000
            # sources to render and index again after each save, otherwise)
            page.file.is_modified = lambda: False  # type: ignore[method-assign]
        self.made_index_texts[uri] = text
        page.file.content_string, self.lists[uri] = pages.lift_lists(text)
        return page

    def _page_lang(self, page: Page) -> str:
        meta_lang = page.meta.get("lang") if isinstance(page.meta, dict) else None
        lang = normalize_lang(str(meta_lang) if meta_lang else None, self.lang, self.langs)
        return lang or self.lang

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.ext is not None:
            url = self.site_url + page.url if self.site_url else page.url
            self.ext.page = PageContext(
                lang=self._page_lang(page),
                src_uri=page.file.src_uri,
                url=url,
                page_url=page.url,
                date=str(page.meta.get("date") or ""),
            )
            self.ext.reset()
            site = self.loaded.site if self.loaded is not None else None
            if site is not None and claim_tags.any_tagged(site):  # before the tags plugin
                tags = claim_tags.page_tags(page.meta.get("tags"), markdown, site)
                if tags is not None:
                    page.meta["tags"] = tags
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.ext is None or self.loaded is None:
            return html
        result = self.ext.result
        unsearched: list[str] = []
        if lists := self.lists.pop(page.file.src_uri, None):  # an index page
            html = pages.put_lists(html, lists)
            result.ids.update(id_attrs("".join(lists.values())))
            unsearched = [block for block in lists.values() if excluded(block)]
        lang = self.ext.page.lang
        record = PageRecord(
            page.title or page.file.src_uri, page.url, lang, result.claims, result.cited
        )
        record.date = articles.front_date(page.meta.get("date"))
        record.description = str(page.meta.get("description") or "")
        record.boxed, record.lists_articles = list(result.boxed), result.articles
        record.listed = page.meta.get("listed") is not False
        if page.file.abs_src_path and not page.file.generated_by:
            path = rel(Path(page.file.abs_src_path), self.root)
            text = decode(Path(page.file.abs_src_path).read_bytes(), path, record.report)
            facts = None
            if text is not None:
                # The references this very render produced: check and build cannot disagree.
                facts = check_page(
                    text,
                    page.file.src_uri,
                    path,
                    result.refs,
                    self.loaded.site,
                    self.lang,
                    record.report,
                    cache=self.cache,
                    langs=self.langs,
                )
            if facts is not None and facts.meta:
                html = self._with_byline(html, facts.meta, lang)
                record.meta = facts.meta
            if page.file.src_uri in self.draft_pages:  # only under serve: shown, marked
                record.draft = True
                html = pages.after_title(html, self._renderer_for(lang).draft_banner())
            self.records[page.file.src_uri] = record
        if page.present_anchor_ids is not None:
            # Boxes and lists reach the page as raw HTML, which MkDocs' anchor check cannot see.
            page.present_anchor_ids |= result.ids
        # Where, not what: a large site's boxes and lists would otherwise be held twice
        # (as themselves and inside the page) until the search plugin's turn.
        self.hidden[page.file.src_uri] = (html, hidden_spans(html, result.hidden + unsearched))
        self.reviews[page.file.src_uri] = result.reviews
        self.ext.page = PageContext(lang=self.lang)
        _keep_till_the_end()
        return html

    def _renderer_for(self, lang: str) -> Renderer:
        assert self.loaded is not None and self.ext is not None
        return self.ext.renderer_class(
            self.loaded.site, Labels(lang, self.config.labels), PageInfo(lang)
        )

    def _with_byline(self, html: str, meta: dict[str, Any], lang: str) -> str:
        assert self.loaded is not None and self.ext is not None
        renderer = self._renderer_for(lang)
        site, result = self.loaded.site, self.ext.result
        shown = changed_since([site.claims[i] for i in result.claims], str(meta.get("date") or ""))
        updates = renderer.verdict_updates([(c, self._history_href(c.claim.id)) for c in shown])
        return pages.after_title(html, renderer.byline(meta) + updates + renderer.corrections(meta))

    def _history_href(self, claim_id: str) -> str:
        """Where the "Updated" note links: the box's history here, else on the claim's page."""
        assert self.ext is not None
        if f"history-{claim_id}" in self.ext.result.ids:
            return f"#history-{claim_id}"
        if self.config.claim_pages:
            return self.ext.claim_href(claim_id, self.ext.page) + f"#history-{claim_id}"
        return ""

    # -- search: boxes and source lists stay out of the index ----------------------

    @event_priority(100)
    def _hide_from_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Before the search plugin reads the page: our boxes and lists become markers.

        Each claim is indexed once, on its own page; inside articles the search
        plugin would otherwise parse every box and source list (which it then skips).
        Citations and mentions carry ``data-search-exclude``: the search skips them.
        """
        made, spans = self.hidden.pop(page.file.src_uri, ("", []))
        # Another plugin may have changed the page since: then the search reads it all
        # (it skips what is marked data-search-exclude, only slower).
        if page.content and spans and page.content is made:
            view = view_of(page.content, spans)
            page.content = view.shown
            self.search_views[page.file.src_uri] = view
        return context

    @event_priority(-100)
    def _show_after_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        view = self.search_views.pop(page.file.src_uri, None)
        if view is not None and page.content is not None:
            page.content = view.restore(page.content)
        return context

    on_page_context = CombinedEvent(_hide_from_search, _show_after_search)

    # -- the whole build: report, then claim pages ---------------------------------

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.ext is None or self.loaded is None:
            return env
        # the page languages Material has strings for (partials/language.html reads it)
        env.globals["explainers_page_languages"] = theme_languages(env, self.langs)
        report = Report()
        report.extend(self.loaded.report)
        cited: set[str] = set()
        shown: set[str] = set()
        for record in self.records.values():
            report.extend(record.report)
            if not record.draft:  # what drafts use does not count: a build leaves them out
                cited.update(record.cited)
                shown.update(record.claims)
        check_unused(self.loaded.site, cited, report)
        rules = drafts.Rules(self.config.require_review, self.config.standalone_claims)
        drafts.check_publication(self.loaded.site, shown, rules, report)
        said = self.loaded.report if self.data_logged else Report()
        _log(d for d in report.sorted() if d not in said)
        if self.command == "serve":  # what would stop the build goes on every page instead
            self.serve_errors = overlay.problems(report, self.strict)
        if report.errors and not self.serve_errors:
            count = len(report.errors)
            raise PluginError(
                f"explainers: {count} content error{'s' * (count != 1)}; nothing was built"
            )
        if self.command == "serve" and env.bytecode_cache is None:
            env.bytecode_cache = self.template_code
        self.env, self.files = env, files
        self.canon = self._canonical()
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.ext is None:
            return output
        lang = self._page_lang(page)
        head = [lang_meta(lang)]
        reviews = self.reviews.get(page.file.src_uri)
        if reviews:
            url = self.site_url + page.url if self.site_url else page.url
            found = jsonld.for_page(reviews, url, self.canon, page.file.src_uri)
            head.append(jsonld.script(found))
        prefix = pages.relative_url(self.prefix or "./", page.url)  # to its feeds
        head.append(
            feeds.head_links("" if prefix == "./" else prefix, Labels(lang, self.config.labels))
        )
        output = pages.with_lang_and_head(output, lang, "\n".join(head) + "\n")
        record = self.records.get(page.file.src_uri)
        if record is not None and record.lists_articles:
            listed = articles.newest_first(
                articles.Article(r.title, r.url, r.date, r.description, tuple(r.boxed), r.lang)
                for uri, r in self.records.items()
                if uri != page.file.src_uri and r.listed and not r.draft
            )
            output = articles.place(
                output, articles.list_html(listed, self._renderer_for(lang), page.url)
            )
        if self.serve_errors:
            output = overlay.inject(output, self.serve_errors, lang)
        self.built_pages.add(page.file.abs_dest_path)
        if page.file.src_uri in self.made_index_texts:  # written: what --dirty compares with
            self.index_texts[page.file.src_uri] = self.made_index_texts.pop(page.file.src_uri)
        return output

    def _canonical(self) -> jsonld.Canonical:
        """Where each claim's one full review lives (claim pages, else first boxing page)."""
        if not self.config.claim_pages or self.loaded is None or self.ext is None:
            return jsonld.canonical(self.reviews)
        site, dates = self.loaded.site, jsonld.first_dates(self.reviews)
        changed_claims, changed_sources = self.changed if self.changed else (set(), set())
        reviews = []
        kept: dict[str, tuple[str, dict[str, Any]]] = {}
        for claim in site.claims.values():
            cached = self.review_cache.get(claim.id)
            date = dates.get(claim.id, "")
            if (  # under serve: a claim whose data did not change keeps its review
                cached is not None
                and cached[0] == date
                and self.changed is not None
                and claim.id not in changed_claims
                and changed_sources.isdisjoint(claim.appearance)
            ):
                review = cached[1]
            else:
                review = jsonld.claim_review(
                    claim,
                    site,
                    self.site_url
                    + claimpages.claim_url(claim.id, self.directory_urls, root=self.prefix),
                    self.ext.publisher,
                    normalize_lang(claim.lang, self.lang, self.langs) or self.lang,
                    date,
                )
            if self.command == "serve":
                kept[claim.id] = (date, review)
            reviews.append(review)
        self.review_cache = kept
        found = jsonld.canonical(self.reviews, reviews)
        found.versions = claimpages.version_reviews(
            site, self.ext.publisher, self.site_url, self.directory_urls, dates
        )
        return found

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.serve_errors and template_name.endswith(".html"):  # 404.html: a page too
            return overlay.inject(output_content, self.serve_errors, self.lang)
        return output_content

    # -- writing: claim pages, sitemap, search, the atomic swap ---------------------

    # after the search plugin has written its index; before i18n's (-100), which runs the
    # other languages' builds (each replaces what this object holds about the build)
    @event_priority(-99)
    def _post_build_language(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return  # on_config set nothing up (no handler, no staging folder, no strict)
        try:
            self._finish(config)
        finally:
            gc.unfreeze()  # under serve, the old build's objects can be collected again

    @event_priority(-110)  # after i18n's other language builds, all in the staging folder
    def _post_build_swap(self, *, config: MkDocsConfig) -> None:
        running = language_build(config)  # now, not as the last on_config saw it
        if self.staged is None or (running is not None and running.nested):
            return
        try:
            self.staged.commit()
        except SiteDirError as exc:
            raise PluginError(f"explainers: {exc}") from exc
        finally:
            config.site_dir = str(self.staged.final)
            self.staged = None

    on_post_build = CombinedEvent(_post_build_language, _post_build_swap)

    def _finish(self, config: MkDocsConfig) -> None:
        """The claim pages, the feeds, and the swap of the staged site into place."""
        self._stop_folders()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.serve_errors:
            _keep_serving()
        if self.dirty and self.serve_errors != self.shown_errors:
            self._reshow_errors(config)
        self.shown_errors = list(self.serve_errors)
        aborting = self.strict and self.warnings.count > 0 and not self.serve_errors
        if self.ext is not None and self.config.claim_pages and self.env and not aborting:
            self._write_claim_pages(config)
        if self.ext is not None and self.loaded is not None and not aborting:
            self._write_feeds(Path(config.site_dir), config)
        # after the claim pages: their boxes and sources are kept for the next build too
        if self.fragments is not None and self.loaded is not None and self.ext is not None:
            ident, restored = self.fragments
            site, renderer = self.loaded.site, self.ext.renderer_class
            self.fragments = (ident, fragments.save(site, self.cache, ident, renderer, restored))
        self.cache.forget_unused()
        if self.staged is not None and aborting:
            self.staged.discard()
            self.staged = None

    def _reshow_errors(self, config: MkDocsConfig) -> None:
        """Under ``serve --dirty`` MkDocs writes only changed pages: put the current error
        view (or none) on the pages it left as they were."""
        if self.files is None:
            return
        for file in self.files.documentation_pages():
            dest = Path(file.abs_dest_path)
            if file.abs_dest_path in self.built_pages or not dest.is_file():
                continue
            page = overlay.strip(dest.read_text("utf-8"))
            lang = self._page_lang(file.page) if file.page is not None else self.lang
            dest.write_text(overlay.inject(page, self.serve_errors, lang), "utf-8")

    def _write_claim_pages(self, config: MkDocsConfig) -> None:
        """Every claim's page, filled into the shell and written as it is made.

        Under ``serve`` a page is kept with the inputs it was made from, and made (and
        under ``--dirty`` written) again only when one of them changed.
        """
        assert self.ext is not None and self.loaded is not None
        assert self.nav is not None and self.env is not None and self.files is not None
        site_dir = Path(config.site_dir)
        here = claimpages.claim_url("x", self.directory_urls, root=self.prefix)
        prefix = pages.relative_url(self.prefix or "./", here)
        links = feeds.head_links(
            "" if prefix == "./" else prefix, Labels(self.lang, self.config.labels)
        )
        shells: dict[str, tuple[str, str]] = {}  # per language: a theme may translate its strings
        versions: dict[str, str] = {}  # the same, for claims' pages in another language
        site = self.loaded.site
        index = self._index()
        serving = self.command == "serve"
        maker = claimpages.ClaimPageMaker(
            site,
            self.ext.renderer_class,
            self.config.labels,
            self.ext.publisher,
            self.site_url,
            self.directory_urls,
            self.prefix,
        )
        entries: list[claimpages.SearchDoc] = []
        changed_claims, changed_sources = self.changed if self.changed else (set(), set())
        settings = (repr(site.scale), repr(self.config.labels), self.site_url)
        writer = PageWriter(self.staged.reusable() if self.staged is not None else None)
        kept: dict[str, tuple[Any, tuple[claimpages.SearchDoc, str]]] = {}
        for claim_id, claim in sorted(site.claims.items()):
            lang = normalize_lang(claim.lang, self.lang, self.langs) or self.lang
            if lang not in shells:
                shell = render_shell(self.env, config, self.nav, self.files, lang, self.prefix)
                shell = shell.replace("</head>", links + "\n</head>", 1)
                shells[lang] = (shell, hashlib.sha256(shell.encode("utf-8")).hexdigest())
            shell, shell_key = shells[lang]
            discussed = [
                claimpages.Discussion(self.records[u].title, self.records[u].url)
                for u in index.claim_pages.get(claim_id, [])
            ]
            for version, review in zip(  # the claim's other languages (never kept: few)
                claimpages.versions(claim), self.canon.versions.get(claim_id, []), strict=False
            ):
                if version not in versions:  # a folder deeper: its own relative links
                    made_shell = render_shell(
                        self.env, config, self.nav, self.files, version, self.prefix, version
                    )
                    deeper = claimpages.claim_url("x", self.directory_urls, version, self.prefix)
                    made_shell = made_shell.replace(
                        "</head>",
                        feeds.head_links(
                            pages.relative_url(self.prefix or "./", deeper), Labels(self.lang, self.config.labels)
                        )
                        + "\n</head>",
                        1,
                    )
                    versions[version] = made_shell
                made = maker.page(claim, version, discussed, review, version)
                html = claimpages.fill(versions[version], made, self.theme_lang)
                other = site_dir / claimpages.claim_dest(
                    claim_id, self.directory_urls, version, self.prefix
                )
                writer.write(other, overlay.inject(html, self.serve_errors, version))
                entries.append(made.search_doc())
            dest = site_dir / claimpages.claim_dest(claim_id, self.directory_urls, root=self.prefix)
            key = None
            if serving:
                published = self.canon.reviews.get(claim_id, {}).get("datePublished", "")
                discussions = tuple((d.title, d.url) for d in discussed)
                key = (lang, shell_key, discussions, published, settings)
                cached = self.claim_html.get(claim_id)
                named = [e.source for e in claim.evidence] + claim.appearance
                if (
                    cached is not None
                    and cached[0] == key
                    and self.changed is not None
                    and claim_id not in changed_claims
                    and changed_sources.isdisjoint(named)
                ):
                    kept[claim_id] = cached
                    entries.append(cached[1][0])
                    if not (self.dirty and dest.exists()):
                        writer.write(dest, overlay.inject(cached[1][1], self.serve_errors, lang))
                    continue
            made = maker.page(claim, lang, discussed, self.canon.reviews.get(claim_id))
            html = claimpages.fill(shell, made, self.theme_lang)
            writer.write(dest, overlay.inject(html, self.serve_errors, lang))
            doc = made.search_doc()
            entries.append(doc)
            if serving:
                kept[claim_id] = (key, (doc, html))
        writer.close()
        self.claim_html = kept
        sitemap = site_dir / "sitemap.xml"
        if sitemap.exists():
            claims = [site.claims[i] for i in sorted(site.claims)]
            xml = claimpages.sitemap_with(
                sitemap.read_text("utf-8"), self.site_url, claims, self.directory_urls, self.prefix
            )
            sitemap.write_text(xml, "utf-8")
            gz = site_dir / "sitemap.xml.gz"
            previous = gz.read_bytes() if gz.exists() else None
            gz.write_bytes(claimpages.gzip_like(xml.encode("utf-8"), previous))
        if self.i18n is not None:  # i18n writes the index anew from the search plugin's entries
            i18n_search_entries(config, entries, self.directory_urls, self.prefix)
        search = site_dir / "search" / "search_index.json"
        if search.exists():
            text = search.read_text("utf-8")
            search.write_text(
                claimpages.search_index_with(text, entries, self.directory_urls, self.prefix),
                "utf-8",
            )

    def _write_feeds(self, site_dir: Path, config: MkDocsConfig) -> None:
        """The feeds of this build's language: in its folder (``nb/``) on an i18n site."""
        assert self.loaded is not None and self.ext is not None
        site_dir = site_dir / self.prefix
        site_dir.mkdir(parents=True, exist_ok=True)
        reviews = self.canon.reviews
        # the feeds' own address: their language's folder
        feed_url = self.site_url + self.prefix if self.site_url else ""
        (site_dir / feeds.REVIEWS_FEED).write_text(
            feeds.reviews_feed(reviews, config.site_name, feed_url, self.canon.versions),
            "utf-8",
        )
        infos = [
            feeds.PageFeedInfo(r.title, r.url, r.lang, list(r.meta.get("corrections") or []))
            for _, r in sorted(self.records.items())
        ]
        found = feeds.entries(
            self.loaded.site, reviews, infos, self.site_url, self.config.labels, self.canon.versions
        )
        atom = feeds.atom_feed(
            found, config.site_name, self.ext.publisher, feed_url, self.lang
        )
        (site_dir / feeds.ATOM_FEED).write_text(atom, "utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self._stop_folders()
        gc.unfreeze()
        if self.staged is not None:
            self.staged.discard()
            self.staged = None


def _log(diagnostics: Iterable[Diagnostic]) -> None:
    """Each problem as one log line in the contract's format; warnings count under --strict."""
    for diagnostic in diagnostics:
        (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))


def _keep_till_the_end() -> None:
    """A page is rendered: free its garbage (MkDocs' Markdown instance for the page is
    cyclic) and freeze what survives, which lives through the build (the page, its
    record, its reviews). The collector then never walks a finished page again: on a
    large site, half its time. ``on_post_build`` and ``on_build_error`` unfreeze."""
    if gc.isenabled():
        gc.collect(1)
        gc.freeze()


def _keep_serving() -> None:
    """Every page shows the problems; MkDocs' strict count must not also fail the build,
    or ``serve`` keeps waiting for a good one and every request hangs."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            handler.counts.clear()


class _Forward(logging.Handler):
    """Passes the core's log records (logger ``explainers``) to MkDocs' logger, so
    ``--strict`` counts them."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


class _Counter(logging.Handler):
    """Counts warnings, so a strict build that will abort is not swapped into place."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def reset(self) -> None:
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
