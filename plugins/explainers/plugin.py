"""The MkDocs plugin: a thin adapter that wires MkDocs events to the core.

- ``on_config``: load the data and add the Python-Markdown extension;
- ``on_files``: drop the YAML from the site, check every article, report all
  problems at once (and stop before anything is written), add generated pages
  and the JSON Schemas;
- ``on_page_markdown``/``on_page_content``: tell the extension which page it
  renders and keep its JSON-LD;
- ``on_post_page``: put the JSON-LD in ``<head>`` and the page language on ``<html>``;
- ``on_post_build``/``on_build_error``: swap the finished site into place, or
  throw the half-built one away.
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from . import jsonld, overlay, pages, schema
from .check import CheckResult, check_all
from .config import ExplainersConfig
from .diagnostics import Diagnostic
from .extension import ExplainersExtension, PageContext
from .i18n import Labels, check_label_overrides, normalize_lang
from .model import scale_from_config
from .render import PageInfo, Renderer, ids_in, load_renderer
from .sitedir import SiteDirError, StagedSiteDir

log = logging.getLogger("mkdocs.plugins.explainers")
ASSET_URI = "assets/explainers/explainers.css"


class ExplainersPlugin(BasePlugin[ExplainersConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.ext: ExplainersExtension | None = None
        self.checked: CheckResult | None = None
        self.reviews: dict[str, list[dict[str, Any]]] = {}
        self.page_lang: dict[str, str] = {}
        self.staged: StagedSiteDir | None = None
        self.warnings = _Counter()
        self.serve_errors: list[Diagnostic] = []  # under serve: shown on every page

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    # -- configuration -----------------------------------------------------------

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.reviews, self.page_lang, self.checked, self.ext = {}, {}, None, None
        root = self._root(config)
        self.claims_dir = (root / self.config.claims_dir).resolve()
        self.sources_dir = (root / self.config.sources_dir).resolve()
        if not self.config.enabled:
            return config
        theme_lang = normalize_lang(str(config.theme.get("language") or "en"))
        self.lang = self.config.lang or theme_lang or "en"
        try:
            self.scale = scale_from_config(self.config.scale)
            check_label_overrides(self.config.labels)
        except ValueError as exc:
            raise PluginError(f"explainers: {exc}") from exc
        self.ext = ExplainersExtension(
            lang=self.lang,
            labels=self.config.labels,
            publisher=self.config.publisher or config.site_name,
            claim_url=pages.CLAIMS_DIR + "/{id}.md",
            renderer=self._renderer(root),
        )
        config.markdown_extensions.append(self.ext)  # type: ignore[arg-type]
        if self.config.assets and ASSET_URI not in config.extra_css:
            config.extra_css.insert(0, ASSET_URI)
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
        if self.command == "build" and self.config.atomic_build and not self.dirty:
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

    # -- files: check everything before anything is written ------------------------

    def _is_data(self, file: File) -> bool:
        if not file.abs_src_path:
            return False
        path = Path(file.abs_src_path).resolve()
        return path.is_relative_to(self.claims_dir) or path.is_relative_to(self.sources_dir)

    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        for file in [f for f in files if self._is_data(f)]:
            files.remove(file)  # the data is input, never published; even with the plugin off
        if not self.config.enabled or self.ext is None:
            return files
        articles = [
            (f.src_uri, Path(f.abs_src_path))
            for f in files.documentation_pages()
            if f.abs_src_path and not f.generated_by
        ]
        result = check_all(
            self._root(config), self.claims_dir, self.sources_dir, articles, self.lang, self.scale
        )
        for diagnostic in result.report.sorted():
            (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
        if self.command == "serve":  # what would stop the build goes on every page instead
            before = self.serve_errors
            self.serve_errors = overlay.problems(result.report, self.strict)
            if self.dirty and before != self.serve_errors:  # --dirty: every page shows the change
                for file in files.documentation_pages():
                    Path(file.abs_dest_path).unlink(missing_ok=True)
        if result.report.errors and not self.serve_errors:
            count = len(result.report.errors)
            raise PluginError(
                f"explainers: {count} content error{'s' * (count != 1)}; nothing was built"
            )
        self.checked = result
        self.ext.set_site(result.site)
        for page in result.index.pages.values():
            self.page_lang[page.src_uri] = page.lang
        self._add_generated(files, config, result)
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig, result: CheckResult) -> None:
        labels = Labels(self.lang, self.config.labels)

        def add(uri: str, content: str, in_nav: bool = True) -> None:
            if files.get_file_from_path(uri) is not None:
                log.warning(f"explainers: {uri} exists in docs_dir; not generating it")
                return
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))

        if self.config.claim_pages:
            add(f"{pages.CLAIMS_DIR}/index.md", pages.claims_index(result.site, labels))
            for claim_id, claim in sorted(result.site.claims.items()):
                lang = normalize_lang(claim.lang, self.lang) or self.lang
                uri = pages.claim_page_uri(claim_id)
                labels_here = Labels(lang, self.config.labels)
                page_text = pages.claim_page(result.site, claim_id, result.index, labels_here)
                add(uri, page_text, in_nav=False)
                self.page_lang[uri] = lang
        if self.config.claim_pages:
            add(pages.SOURCES_INDEX, pages.sources_index(result.site, result.index, labels))
        if self.config.assets:
            add(
                ASSET_URI,
                resources.files("explainers").joinpath("assets/explainers.css").read_text("utf-8"),
            )
        if self.config.publish_schemas:
            for kind in schema.KINDS:
                add(f"schemas/{kind}.schema.json", schema.schema_text(kind))

    # -- pages ---------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.ext is not None:
            lang = self.page_lang.get(page.file.src_uri, self.lang)
            url = (config.site_url or "") + page.url if config.site_url else page.url
            self.ext.page = PageContext(lang=lang, src_uri=page.file.src_uri, url=url)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.ext is not None and self.checked is not None:
            facts = self.checked.index.pages.get(page.file.src_uri)
            if facts is not None and facts.meta:
                html = self._with_byline(html, facts.meta, facts.lang)
        if self.ext is not None:
            self.reviews[page.file.src_uri] = self.ext.result.reviews
            if page.present_anchor_ids is not None:
                # Boxes and lists reach the page as raw HTML, which MkDocs' anchor check cannot see.
                page.present_anchor_ids |= ids_in(html)
            self.ext.page = PageContext(lang=self.lang)
        return html

    def _with_byline(self, html: str, meta: dict[str, Any], lang: str) -> str:
        assert self.checked is not None and self.ext is not None
        renderer = self.ext.renderer_class(
            self.checked.site, Labels(lang, self.config.labels), PageInfo(lang)
        )
        return pages.after_title(html, renderer.byline(meta) + renderer.corrections(meta))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.ext is None:
            return output
        lang = self.page_lang.get(page.file.src_uri, self.lang)
        output = re.sub(r'<html lang="[^"]*"', f'<html lang="{lang}"', output, count=1)
        reviews = self.reviews.get(page.file.src_uri)
        if reviews:
            output = output.replace("</head>", jsonld.script(reviews) + "\n</head>", 1)
        if self.serve_errors:
            output = overlay.inject(output, self.serve_errors, lang)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.serve_errors and template_name.endswith(".html"):  # 404.html: a page too
            return overlay.inject(output_content, self.serve_errors, self.lang)
        return output_content

    # -- atomic build --------------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.serve_errors:
            _keep_serving()
        if self.staged is None:
            return
        if self.strict and self.warnings.count:  # MkDocs aborts right after this event
            self.staged.discard()
        else:
            try:
                self.staged.commit()
            except SiteDirError as exc:
                raise PluginError(f"explainers: {exc}") from exc
            config.site_dir = str(self.staged.final)
        self.staged = None

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staged is not None:
            self.staged.discard()
            self.staged = None


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
