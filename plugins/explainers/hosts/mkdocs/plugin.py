"""The MkDocs plugin: MkDocs' events, turned into calls on one host-neutral
:class:`~explainers.site.build.SiteBuild`, whose steps say what each event does
(``on_files``: start, ``on_page_*``: one page, ``on_env``: problems, ``on_post_page``:
the head, ``on_post_build``: publish); the MkDocs side of each is in :mod:`.files`,
:mod:`.config`, :mod:`.search_view`, :mod:`.theme_shell` and :mod:`.logs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ...site import claims_filter
from ...site.build import BuildError, SiteBuild, keep_till_the_end, let_go
from ...site.site_folder import SiteDirError
from .. import nav_check
from . import files as site_files
from .config import ExplainersConfig, build_options, data_dirs
from .logs import WarningCounter, forward_core_log, keep_serving, log
from .search_view import SearchHider, excluded
from .theme_shell import TemplateCode, render_shell

T = TypeVar("T")


class ExplainersPlugin(BasePlugin[ExplainersConfig]):
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
        self.search = SearchHider()
        self.env: Environment | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.built_pages: set[str] = set()  # pages written by this build
        self.drafts: set[str] = set()  # articles marked draft: true (src_uri)
        self.template_code = TemplateCode()  # under serve: templates compiled once

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

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.ext = None
        self.env = None
        self.data_dirs = data_dirs(self.config, config)
        if not self.config.enabled:
            return config
        opts = build_options(self.config, config, self.command, self.dirty)
        self.ext = self.build.configure(opts)
        config.markdown_extensions.append(self.ext)  # type: ignore[arg-type]
        site_files.add_to_config(config, self.config.assets, self.data_dirs)
        forward_core_log()
        self.warnings.start()
        if self.command == "build" and self.config.atomic_build and not self.dirty:
            config.site_dir = str(_stopping(self.build.stage, Path(config.site_dir)))
        return config

    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        site_files.drop_data(files, *self.data_dirs)  # even with the plugin off
        if not self.config.enabled or self.ext is None:
            return files
        self.built_pages = set()
        self.drafts = site_files.find_drafts(files, config, self.command == "serve")
        articles = {f.src_uri for f in files.documentation_pages() if not f.generated_by}
        site_files.refresh(files, _stopping(self.build.start, articles, self.drafts))
        loaded = self.build.loaded
        site = loaded.site if loaded is not None else None
        site_files.add_generated(files, config, self.config, self.build.opts.scale, site)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.ext is not None and isinstance(config.nav, list):
            # a page missing from nav: warn, with the line to add
            docs = files.documentation_pages(inclusion=InclusionLevel.is_in_nav)
            found = [
                (f.src_uri, Path(f.abs_src_path or ""))
                for f in docs
                if not f.generated_by and f.src_uri not in self.drafts
            ]
            nav_check.warn_unlisted(config.nav, found, self.build.opts.root, log.warning)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.ext is None or self.build.loaded is None or not page.file.generated_by:
            return page
        everything = files.get_file_from_path(claims_filter.ALL_URI)
        all_url = everything.url if everything is not None and everything.generated_by else ""
        written = Path(page.file.abs_dest_path).is_file()
        made = self.build.index_page(page.file.src_uri, written, page.file.url, all_url)
        if made is not None:
            page.file.content_string, same = made
            if same:
                page.file.is_modified = lambda: False  # type: ignore[method-assign]
        data, script = files.get_file_from_path(claims_filter.DATA_URI), self.build.claims_data()
        if data is not None and data.generated_by and script is not None:
            data.content_string = script
        return page

    def _page_lang(self, page: Page) -> str:
        return self.build.page_lang(page.meta.get("lang") if isinstance(page.meta, dict) else None)

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
        html, lists = self.build.page_rendered(uri, title, page.url, source, html, page.meta)
        if page.present_anchor_ids is not None:
            # Boxes and lists reach the page as raw HTML, which MkDocs' anchor check cannot see.
            page.present_anchor_ids |= result.ids
        self.search.keep(uri, html, result.hidden + [block for block in lists if excluded(block)])
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
        _stopping(self.build.problems)
        if self.command == "serve" and env.bytecode_cache is None:
            env.bytecode_cache = self.template_code
        self.env, self.files = env, files
        self.build.settle()
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.ext is None:
            return output
        output = self.build.head(output, page.file.src_uri, page.url, self._page_lang(page))
        self.built_pages.add(page.file.abs_dest_path)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.build.serve_errors and template_name.endswith(".html"):  # 404.html: a page too
            return self.build.with_error_view(output_content)
        return output_content

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return  # on_config set nothing up (no handler, no staging folder, no strict)
        try:
            self._finish(config)
        finally:
            let_go()

    def _finish(self, config: MkDocsConfig) -> None:
        """The claim pages, the feeds, and the swap of the staged site into place."""
        self.warnings.stop()
        build = self.build
        if build.serve_errors:
            keep_serving()
        build.reshow_errors(self._pages_left_as_they_were())
        abort = build.opts.strict and self.warnings.count > 0 and not build.serve_errors
        env, nav, files = self.env, self.nav, self.files
        shell_of = None
        if self.ext is not None and env is not None and nav is not None and files is not None:

            def shell_of(lang: str) -> str:
                return render_shell(env, config, nav, files, lang)

        site_dir = Path(config.site_dir)
        final = _stopping(build.publish, site_dir, config.site_name, shell_of, abort)
        if final is not None:
            config.site_dir = str(final)

    def _pages_left_as_they_were(self) -> Iterator[tuple[Path, str]]:
        """Under ``serve --dirty``, the pages MkDocs did not write this time."""
        for file in self.files.documentation_pages() if self.files is not None else []:
            dest = Path(file.abs_dest_path)
            if file.abs_dest_path in self.built_pages or not dest.is_file():
                continue
            yield (
                dest,
                self._page_lang(file.page) if file.page is not None else self.build.opts.lang,
            )

    def on_build_error(self, *, error: Exception) -> None:
        self.warnings.stop()
        self.build.discard()


def _stopping(step: Callable[..., T], *args: Any) -> T:
    """A build step whose content or site folder errors stop MkDocs with the message."""
    try:
        return step(*args)
    except (BuildError, SiteDirError) as exc:
        raise PluginError(f"explainers: {exc}") from exc
