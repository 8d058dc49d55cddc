"""The MkDocs plugin: a thin adapter that wires MkDocs events to the core.

- ``on_config``: add the Python-Markdown extension and the lean page template;
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

import hashlib
import logging
import re
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

from . import claimpages, deps, jsonld, pages, schema
from .articles import check_article
from .config import ExplainersConfig
from .diagnostics import Report
from .extension import ExplainersExtension, PageContext
from .i18n import Labels, check_label_overrides, normalize_lang
from .langmeta import SCRIPT_URI, with_lang_meta
from .load import LoadResult, data_files, load_site, rel
from .model import scale_from_config
from .pagefiles import is_written as written_by_pages
from .render import PageInfo, Renderer, load_renderer
from .shell import TEMPLATES_DIR, render_shell
from .sitedir import StagedSiteDir
from .validate import check_unused

log = logging.getLogger("mkdocs.plugins.explainers")
ASSET_URI = "assets/explainers/explainers.css"


@dataclass
class PageRecord:
    """What rendering one article found; kept across ``serve --dirty`` rebuilds."""

    title: str
    url: str
    lang: str
    claims: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    report: Report = field(default_factory=Report)


class ExplainersPlugin(BasePlugin[ExplainersConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.ext: ExplainersExtension | None = None
        self.loaded: LoadResult | None = None
        self._data_key: object = None
        self.records: dict[str, PageRecord] = {}
        self.hidden: dict[str, list[tuple[str, str]]] = {}
        self.claim_html: dict[str, tuple[Any, tuple[claimpages.ClaimPage, str]]] = {}
        self.claim_pages: list[claimpages.ClaimPage] = []
        self.claim_out: dict[str, str] = {}
        self.reviews: dict[str, list[dict[str, Any]]] = {}
        self.written: dict[str, Any] = {}
        self.staged: StagedSiteDir | None = None
        self.nav: Navigation | None = None
        self.warnings = _Counter()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    # -- configuration -----------------------------------------------------------

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.ext = None
        self.claim_out = {}
        root = self._root(config)
        self.claims_dir = (root / self.config.claims_dir).resolve()
        self.sources_dir = (root / self.config.sources_dir).resolve()
        if not self.config.enabled:
            return config
        theme_lang = normalize_lang(str(config.theme.get("language") or "en"))
        self.theme_lang = str(config.theme.get("language") or "en")
        self.lang = self.config.lang or theme_lang or "en"
        try:
            self.scale = scale_from_config(self.config.scale)
            check_label_overrides(self.config.labels)
        except ValueError as exc:
            raise PluginError(f"explainers: {exc}") from exc
        self.directory_urls = bool(config.use_directory_urls)
        self.ext = ExplainersExtension(
            lang=self.lang,
            labels=self.config.labels,
            publisher=self.config.publisher or config.site_name,
            claim_url=claimpages.claim_url("{id}", self.directory_urls),
            renderer=self._renderer(root),
        )
        config.markdown_extensions.append(self.ext)  # type: ignore[arg-type]
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES_DIR))
        if self.config.assets and ASSET_URI not in config.extra_css:
            config.extra_css.insert(0, ASSET_URI)
        if self.config.assets and SCRIPT_URI not in map(str, config.extra_javascript):
            config.extra_javascript.append(SCRIPT_URI)
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
        if self.command == "build" and self.config.atomic_build and not self.dirty:
            self.staged = StagedSiteDir(Path(config.site_dir))
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
        path = Path(file.abs_src_path).resolve()
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
        key = (stats, repr(self.scale))
        previous = self.loaded
        if self.loaded is None or key != self._data_key:
            self.loaded = load_site(root, self.claims_dir, self.sources_dir, self.scale)
            self._data_key = key
        return self.loaded, previous

    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        for file in [f for f in files if self._is_data(f)]:
            files.remove(file)  # the data is input, never published; even with the plugin off
        if not self.config.enabled or self.ext is None:
            return files
        loaded, previous = self._load(self._root(config))
        if loaded.report.errors:
            for diagnostic in loaded.report.sorted():
                (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
            count = len(loaded.report.errors)
            raise PluginError(
                f"explainers: {count} content error{'s' * (count != 1)}; nothing was built"
            )
        self.ext.set_site(loaded.site)
        articles = {f.src_uri for f in files.documentation_pages() if not f.generated_by}
        self.records = {uri: r for uri, r in self.records.items() if uri in articles}
        if self.dirty and previous is not None and previous is not loaded:
            self._refresh_dependents(files, previous, loaded)
        self._add_generated(files, config)
        return files

    def _refresh_dependents(self, files: Files, old: LoadResult, new: LoadResult) -> None:
        """Under ``--dirty``, make MkDocs re-render the pages that show changed data."""
        claims = deps.changed_claims(old.site, new.site)
        sources = deps.changed_sources(old.site, new.site)
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
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))

        if self.config.claim_pages:
            # Their text is made in on_pre_page, once the articles are rendered.
            add(pages.CLAIMS_INDEX, "")
            add(pages.SOURCES_INDEX, "")
        if self.config.assets:
            add(
                ASSET_URI,
                resources.files("explainers").joinpath("assets/explainers.css").read_text("utf-8"),
            )
            add(SCRIPT_URI, resources.files("explainers").joinpath("assets/lang.js").read_text("utf-8"))
        if self.config.publish_schemas:
            for kind in schema.KINDS:
                add(f"schemas/{kind}.schema.json", schema.schema_text(kind))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    # -- pages ---------------------------------------------------------------------

    def _index(self) -> pages.SiteIndex:
        index = pages.SiteIndex()
        for uri, record in sorted(self.records.items()):
            index.titles[uri] = record.title
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
        if page.file.src_uri == pages.CLAIMS_INDEX:
            page.file.content_string = pages.claims_index(self.loaded.site, labels)
        elif page.file.src_uri == pages.SOURCES_INDEX:
            page.file.content_string = pages.sources_index(self.loaded.site, self._index(), labels)
        return page

    def _page_lang(self, page: Page) -> str:
        meta_lang = page.meta.get("lang") if isinstance(page.meta, dict) else None
        return normalize_lang(str(meta_lang) if meta_lang else None, self.lang) or self.lang

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.ext is not None:
            url = self.site_url + page.url if self.site_url else page.url
            self.ext.page = PageContext(
                lang=self._page_lang(page), src_uri=page.file.src_uri, url=url, page_url=page.url
            )
            self.ext.reset()
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.ext is None or self.loaded is None:
            return html
        result = self.ext.result
        lang = self.ext.page.lang
        record = PageRecord(
            page.title or page.file.src_uri, page.url, lang, result.claims, result.cited
        )
        record.reviews = result.reviews
        if page.file.abs_src_path and not page.file.generated_by:
            path = rel(Path(page.file.abs_src_path), self._root(config))
            facts = check_article(
                Path(page.file.abs_src_path).read_bytes(),
                page.file.src_uri,
                path,
                self.loaded.site,
                self.lang,
                record.report,
            )
            if facts is not None and facts.meta:
                html = self._with_byline(html, facts.meta, lang)
            self.records[page.file.src_uri] = record
        if page.present_anchor_ids is not None:
            # Boxes and lists reach the page as raw HTML, which MkDocs' anchor check cannot see.
            page.present_anchor_ids |= result.ids
        self.hidden[page.file.src_uri] = [
            (fragment, f"<!--xp-hidden-{i}-->") for i, fragment in enumerate(result.hidden)
        ]
        self.reviews[page.file.src_uri] = result.reviews
        self.ext.page = PageContext(lang=self.lang)
        return html

    def _with_byline(self, html: str, meta: dict[str, Any], lang: str) -> str:
        assert self.loaded is not None and self.ext is not None
        renderer = self.ext.renderer_class(
            self.loaded.site, Labels(lang, self.config.labels), PageInfo(lang)
        )
        return pages.after_title(html, renderer.byline(meta) + renderer.corrections(meta))

    # -- search: boxes and source lists stay out of the index ----------------------

    @event_priority(100)
    def _hide_from_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Before the search plugin reads the page: our boxes and lists become markers.

        Each claim is indexed once, on its own page; inside articles the search
        plugin would otherwise index (and parse) every box and source list again.
        """
        if page.content:
            for fragment, marker in self.hidden.get(page.file.src_uri, []):
                page.content = page.content.replace(fragment, marker, 1)
        return context

    @event_priority(-100)
    def _show_after_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        if page.content:
            for fragment, marker in self.hidden.pop(page.file.src_uri, []):
                page.content = page.content.replace(marker, fragment, 1)
        return context

    on_page_context = CombinedEvent(_hide_from_search, _show_after_search)

    # -- the whole build: report, then claim pages ---------------------------------

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.ext is None or self.loaded is None:
            return env
        report = Report()
        report.extend(self.loaded.report)
        cited: set[str] = set()
        for record in self.records.values():
            report.extend(record.report)
            cited.update(record.cited)
        check_unused(self.loaded.site, cited, report)
        for diagnostic in report.sorted():
            if diagnostic not in self.loaded.report.items:  # data problems were logged already
                (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
        if report.errors:
            count = len(report.errors)
            raise PluginError(
                f"explainers: {count} content error{'s' * (count != 1)}; nothing was built"
            )
        if self.config.claim_pages and self.nav is not None:
            self._render_claim_pages(env, config, files)
        return env

    def _render_claim_pages(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        assert self.ext is not None and self.loaded is not None
        shells: dict[str, tuple[str, str]] = {}  # per language: a theme may translate its strings
        site = self.loaded.site
        index = self._index()
        maker: claimpages.ClaimPageMaker | None = None
        self.claim_pages = []
        self.claim_out = {}
        for claim_id, claim in sorted(site.claims.items()):
            lang = normalize_lang(claim.lang, self.lang) or self.lang
            if lang not in shells:
                shell = render_shell(env, config, self.nav, files, lang)  # type: ignore[arg-type]
                shells[lang] = (shell, hashlib.sha256(shell.encode("utf-8")).hexdigest())
            shell, shell_key = shells[lang]
            discussed = [
                claimpages.Discussion(self.records[u].title, self.records[u].url)
                for u in index.claim_pages.get(claim_id, [])
            ]
            # A one-off build renders every page once; only `serve` reuses pages.
            key = (
                deps.claim_page_key(
                    claim,
                    site,
                    (lang, shell_key, tuple((d.title, d.url) for d in discussed), self.site_url),
                )
                if self.command == "serve"
                else None
            )
            cached = self.claim_html.get(claim_id)
            if cached is None or key is None or cached[0] != key:
                if maker is None:
                    maker = claimpages.ClaimPageMaker(
                        site,
                        self.ext.renderer_class,
                        self.config.labels,
                        self.ext.publisher,
                        self.site_url,
                        self.directory_urls,
                    )
                made = maker.page(claim, lang, discussed)
                html = claimpages.fill(shell, made, self.theme_lang)
                self.claim_html[claim_id] = (key, (made, html))
            made, html = self.claim_html[claim_id][1]
            self.claim_pages.append(made)
            self.claim_out[claim_id] = html
        for stale in set(self.claim_html) - set(site.claims):
            del self.claim_html[stale]

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.ext is None:
            return output
        lang = self._page_lang(page)
        output = re.sub(r'<html lang="[^"]*"', f'<html lang="{lang}"', output, count=1)
        output = with_lang_meta(output, lang)
        reviews = self.reviews.get(page.file.src_uri)
        if reviews:
            output = output.replace("</head>", jsonld.script(reviews) + "\n</head>", 1)
        return output

    # -- writing: claim pages, sitemap, search, the atomic swap ---------------------

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.ext is not None and self.config.claim_pages and self.claim_out:
            self._write_claim_pages(Path(config.site_dir))
        if self.staged is None:
            return
        if self.strict and self.warnings.count:  # MkDocs aborts right after this event
            self.staged.discard()
        else:
            self.staged.commit()
            config.site_dir = str(self.staged.final)
        self.staged = None

    def _write_claim_pages(self, site_dir: Path) -> None:
        assert self.loaded is not None
        written: dict[str, Any] = {}
        for claim_id, html in self.claim_out.items():
            dest = site_dir / claimpages.claim_dest(claim_id, self.directory_urls)
            key = self.claim_html[claim_id][0]
            if self.dirty and self.written.get(claim_id) == key and dest.exists():
                written[claim_id] = key
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))
            written[claim_id] = key
        self.written = written
        claims = [self.loaded.site.claims[i] for i in sorted(self.claim_out)]
        sitemap = site_dir / "sitemap.xml"
        if sitemap.exists():
            xml = claimpages.sitemap_with(
                sitemap.read_text("utf-8"), self.site_url, claims, self.directory_urls
            )
            sitemap.write_text(xml, "utf-8")
            gz = site_dir / "sitemap.xml.gz"
            previous = gz.read_bytes() if gz.exists() else None
            gz.write_bytes(claimpages.gzip_like(xml.encode("utf-8"), previous))
        index = site_dir / "search" / "search_index.json"
        if index.exists():
            index.write_text(
                claimpages.search_index_with(
                    index.read_text("utf-8"), self.claim_pages, self.directory_urls
                ),
                "utf-8",
            )

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staged is not None:
            self.staged.discard()
            self.staged = None


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
