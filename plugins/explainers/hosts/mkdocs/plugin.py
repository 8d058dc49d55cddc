"""The MkDocs plugin: MkDocs' events, turned into calls on one host-neutral
:class:`~explainers.site.build.SiteBuild`, whose steps say what each event does
(``on_files``: start, ``on_page_*``: one page, ``on_env``: problems, ``on_post_page``:
the head, ``on_post_build``: publish, then commit once the last language's build is
done); the MkDocs side of each is in :mod:`.files`, :mod:`.config`, :mod:`.search_view`,
:mod:`.theme_shell`, :mod:`.i18n_build` and :mod:`.logs`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ...site.build import SiteBuild, keep_till_the_end, let_go
from .. import nav_check
from . import files as site_files
from .config import ExplainersConfig, build_options, data_dirs, pages_done, pages_left_alone
from .data_watch import ServeWatch
from .i18n_build import LanguageBuild, i18n_search_entries, index_pages_in_nav, language_build
from .logs import WarningCounter, forward_core_log, keep_serving, log, stopping
from .search_view import SearchHider
from .theme_shell import TemplateCode, render_shell, theme_languages


class ExplainersPlugin(ServeWatch, BasePlugin[ExplainersConfig]):  # ServeWatch: on_serve
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.warnings = WarningCounter()
        self._let_go()

    def _let_go(self) -> None:
        """Start from nothing: no site model, no caches, no pages."""
        self.build = SiteBuild()
        self.ext = self.build.ext
        self.search = SearchHider(self.build.deferred.fill)
        self.env: Environment | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.built_pages: set[str] = set()  # pages written by this build
        self.drafts: set[str] = set()  # articles marked draft: true (src_uri)
        self.template_code = TemplateCode()  # under serve: templates compiled once
        self.draft_files = site_files.DraftFiles()  # ... and drafts found once per file
        self.i18n: LanguageBuild | None = None  # mkdocs-static-i18n's build under way

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_shutdown(self) -> None:
        """Let go of the site model and the caches. MkDocs keeps its plugins until the
        interpreter exits, whose last garbage collections would otherwise walk every
        claim and cached entry: over a second at the end of a large build."""
        if self.ext is not None:
            self.ext.set_site(None)  # MkDocs' config, which lists the extension, lives on too
        self._let_go()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.ext in config.markdown_extensions:  # i18n's next language build: one of us
            config.markdown_extensions.remove(self.ext)  # type: ignore[arg-type]
        self.ext = None
        self.env = None
        self.i18n = language_build(config)
        self.data_dirs = data_dirs(self.config, config)
        if not self.config.enabled:
            return config
        opts = build_options(self.config, config, self.command, self.dirty, self.i18n)
        # not under serve, whose server reads the pages while they are written
        opts.lists_after_write = self.command == "build" and pages_left_alone(config, self)
        self.ext = self.build.configure(opts)
        config.markdown_extensions.append(self.ext)  # type: ignore[arg-type]
        site_files.add_to_config(config, self.config.assets, self.data_dirs)
        forward_core_log()
        self.warnings.start()
        if self.i18n is not None and self.i18n.nested:
            pass  # the first language build's staging folder takes every language's pages
        elif self.command == "build" and self.config.atomic_build and not self.dirty:
            config.site_dir = str(stopping(self.build.stage, Path(config.site_dir)))
        return config

    @event_priority(-110)  # after i18n's (-100), which reads every file's source path
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        site_files.drop_data(files, *self.data_dirs)  # even with the plugin off
        if not self.config.enabled or self.ext is None:
            return files
        self.built_pages = set()
        serving = self.command == "serve"
        self.drafts = site_files.find_drafts(files, config, serving, self.draft_files)
        articles = {f.src_uri for f in files.documentation_pages() if not f.generated_by}
        site_files.refresh(files, stopping(self.build.start, articles, self.drafts))
        opts = self.build.opts
        site_files.add_generated(files, config, self.config, opts.scale, opts.prefix, opts.langs)
        return files

    @event_priority(-110)  # after i18n's (-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        index_pages_in_nav(nav, files, config)  # i18n's folder layout drops them
        if self.ext is not None and isinstance(config.nav, list):  # warn: a page not in nav
            found = site_files.nav_articles(files, self.drafts)
            nav_check.warn_unlisted(config.nav, found, self.build.opts.root, log.warning)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.ext is None or self.build.loaded is None or not page.file.generated_by:
            return page
        written = Path(page.file.abs_dest_path).is_file()
        made = self.build.index_page(page.file.src_uri, written, page.file.url)
        if made is not None:
            page.file.content_string, same = made
            if same:
                page.file.is_modified = lambda: False  # type: ignore[method-assign]
        return page

    def _page_lang(self, page: Page) -> str:
        return self.build.page_lang(page.meta.get("lang") if isinstance(page.meta, dict) else None)

    def _lang(self, page: Page | None) -> str:
        return self._page_lang(page) if page is not None else self.build.opts.lang

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.ext is not None:
            date = str(page.meta.get("date") or "")
            self.build.page_starts(page.file.src_uri, page.url, self._page_lang(page), date)
            if (tags := self.build.page_tags(page.meta.get("tags"), markdown)) is not None:
                page.meta["tags"] = tags  # before the tags plugin reads them
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.ext is None or self.build.loaded is None:
            return html
        result, uri = self.ext.result, page.file.src_uri
        source = None
        if page.file.abs_src_path and not page.file.generated_by:
            source = Path(page.file.abs_src_path)
        title = page.title or uri
        html, hidden = self.build.page_rendered(uri, title, page.url, source, html, page.meta)
        if page.present_anchor_ids is not None:
            # Boxes and lists reach the page as raw HTML, which MkDocs' anchor check cannot see.
            page.present_anchor_ids |= result.ids
        self.search.keep(uri, html, result.hidden + hidden)
        keep_till_the_end()
        return html

    @event_priority(100)
    def _hide_from_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Before the search plugin reads the page: our boxes and lists become markers
        (each claim is indexed once, on its own page)."""
        page.content = self.search.hide(page.file.src_uri, page.content)
        return context

    @event_priority(-100)
    def _show_after_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        page.content = self.search.show(page.file.src_uri, page.content)
        return context

    on_page_context = CombinedEvent(_hide_from_search, _show_after_search)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.ext is None or self.build.loaded is None:
            return env
        if self.command == "serve" and env.bytecode_cache is None:
            env.bytecode_cache = self.template_code  # before the first template is loaded
        # the page languages Material has strings for (partials/language.html reads it)
        env.globals["explainers_page_languages"] = theme_languages(env, self.build.opts.langs)
        stopping(self.build.problems)
        self.env, self.files = env, files
        self.build.settle()
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.ext is None:
            return output
        dest = Path(page.file.abs_dest_path)
        output = self.build.head(output, page.file.src_uri, page.url, self._page_lang(page), dest)
        self.built_pages.add(page.file.abs_dest_path)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.build.serve_errors and template_name.endswith(".html"):  # 404.html: a page too
            return self.build.with_error_view(output_content)
        return output_content

    @event_priority(100)  # before the search plugin makes its index (the peak of memory)
    def _post_build_first(self, *, config: MkDocsConfig) -> None:
        pages_done(config, self, self.files, self.build)

    # after the search plugin has written its index; before i18n's (-100), which runs the
    # other languages' builds (each replaces what this object holds about the build)
    @event_priority(-99)
    def _post_build_language(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return  # on_config set nothing up (no handler, no staging folder, no strict)
        try:
            self._finish(config)
        finally:
            let_go()

    @event_priority(-110)  # after i18n's other language builds, all in the staging folder
    def _post_build_swap(self, *, config: MkDocsConfig) -> None:
        running = language_build(config)  # now, not as the last on_config saw it
        if not self.config.enabled or (running is not None and running.nested):
            return
        final = stopping(self.build.commit)
        if final is not None:
            config.site_dir = str(final)

    on_post_build = CombinedEvent(_post_build_first, _post_build_language, _post_build_swap)

    def _finish(self, config: MkDocsConfig) -> None:
        """This build's (this language's) claim pages and feeds."""
        self.warnings.stop()
        build = self.build
        if build.serve_errors:
            keep_serving()
        build.reshow_errors(site_files.left_as_they_were(self.files, self.built_pages, self._lang))
        abort = build.opts.strict and self.warnings.count > 0 and not build.serve_errors
        env, nav, files = self.env, self.nav, self.files
        shell_of = None
        if self.ext is not None and env is not None and nav is not None and files is not None:

            def shell_of(lang: str, version: str) -> str:
                return render_shell(env, config, nav, files, lang, build.opts.prefix, version)

        stopping(build.publish, Path(config.site_dir), config.site_name, shell_of, abort)
        if self.i18n is not None and shell_of is not None and build.opts.claim_pages and not abort:
            # i18n writes the search index anew from the search plugin's entries
            docs = build.claim_writer.entries
            i18n_search_entries(config, docs, build.opts.directory_urls, build.opts.prefix)

    def on_build_error(self, *, error: Exception) -> None:
        self.warnings.stop()
        self.build.discard()
