"""One build of a site, whichever host drives it: the steps between "the host has its
files" and "the site folder is finished", kept as state across ``serve`` rebuilds.

A host turns its events into calls on one :class:`SiteBuild` (the MkDocs plugin is
the host today; see :mod:`explainers.hosts.mkdocs.plugin`):

1. :meth:`~SiteBuild.start`: load the data (again only when a file changed), and say
   which pages show changed data;
2. :meth:`~SiteBuild.index_page` and :meth:`~SiteBuild.page_rendered`, per page: the
   claims and sources index pages' text, then what one rendered article shows, checked
   against the data;
3. :meth:`~SiteBuild.problems`: every problem of the build at once, before any page
   is written; then each claim's one full ClaimReview home (:meth:`~SiteBuild.settle`);
4. :meth:`~SiteBuild.head`, per page: the boxes, lists and sections the extension kept
   out of the page until now (:class:`~..page.block_stash.DeferredBlocks`: the host holds
   every page until the end of its build), the JSON-LD, the feed links and the language;
5. :meth:`~SiteBuild.write_claim_pages` and :meth:`~SiteBuild.write_feeds` into the
   site folder, then :meth:`~SiteBuild.finish`.

Nothing here imports a host: a page arrives as its path, URL, title and the HTML the
extension made; a theme's page shell arrives as a function of the language.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..data import changes, drafts
from ..data.cache import Cache, key
from ..data.diagnostics import Diagnostic, Report
from ..data.load import LoadResult, Reloader, rel
from ..data.model import Site
from ..data.verdict_history import changed_since
from ..data.yaml_reader import decode
from ..page import jsonld
from ..page.article_check import check_page
from ..page.block_stash import DeferredBlocks
from ..page.extension import ExplainersExtension, PageContext
from ..page.i18n import Labels, normalize_lang
from ..page.lang_meta import lang_meta
from ..page.page_record import PageRecord
from ..page.renderer import PageInfo, Renderer
from . import (
    articles,
    claim_pages,
    claim_tags,
    claims_filter,
    error_view,
    feeds,
    fragment_cache,
    heap,
    indexes,
    packed_fragments,
)
from .claim_page_writer import ClaimPagesInput, ClaimPagesWriter
from .indexes import IndexPages, IndexText, SiteIndex
from .options import BuildOptions
from .review_homes import ReviewHomes
from .site_checks import check_across_pages
from .site_folder import FolderMaker, StagedSiteDir, seen_folders

log = logging.getLogger("explainers")


class BuildError(Exception):
    """Content errors stop the build before anything is written."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} content error{'s' * (count != 1)}; nothing was built")


class SiteBuild:
    """The state of a site's builds; one per host process (one plugin instance)."""

    def __init__(self) -> None:
        self.options: BuildOptions | None = None
        self.ext: ExplainersExtension | None = None
        self.data = Reloader()
        self.loaded: LoadResult | None = None
        self.cache = Cache()
        self.records: dict[str, PageRecord] = {}
        self.draft_pages: set[str] = set()  # articles marked draft: true (paths)
        self.reviews: dict[str, list[dict[str, Any]]] = {}
        self.index_pages = IndexPages()
        self.data_logged = False  # start() said the data's problems (it holds an error)
        self.homes = ReviewHomes()
        self.changed: tuple[set[str], set[str]] | None = None  # claims, sources since last build
        self.claim_writer = ClaimPagesWriter()
        self.serve_errors: list[Diagnostic] = []  # under serve: shown on every page
        self.shown_errors: list[Diagnostic] = []  # what the pages of the last build show
        self.canon = jsonld.Canonical()
        #: True: canon holds the reviews' ids only, till publish() makes them; None: made
        #: there, for this build's feeds and claim pages alone
        self.reviews_due: bool | None = False
        self.feeds_done = False  # this build's feeds are written (see _reviews_read)
        self.fragments: tuple[str, int] | None = None  # their key, how many the cache holds
        self.staged: StagedSiteDir | None = None  # ``build``: the site is swapped in at the end
        self.folders: FolderMaker | None = None  # claim pages' folders, made while pages render
        self.deferred = DeferredBlocks()  # each page's blocks, till head() fills them in
        self.data_version = 0  # counts the loads that gave new data (see _site_key)
        self.data_key = ""  # what a page's checks read of the data (see _checked_data_key)
        self.sources_version = 0  # ... and those of them whose sources changed
        self._index: tuple[tuple[Any, ...], SiteIndex] | None = None  # its key, the index
        self._made: dict[str, tuple[Any, str]] = {}  # an index page's key and text
        self._written: tuple[Any, ...] | None = None  # what the last site-wide writing used
        self.feed_memo = feeds.FeedMemo()  # under serve: the feeds' parts, per claim
        self.index_entries = claims_filter.EntryMemo()  # ... and the claims index's
        self.lists_into_file: set[str] = set()  # index pages whose lists go into the file
        self.to_fill: list[Path] = []  # ... and the files, written by the host, they go into

    # -- configuration -----------------------------------------------------------

    def configure(self, options: BuildOptions) -> ExplainersExtension:
        """A new build with these options: the extension the host renders pages with."""
        self.options = options
        self.ext = ExplainersExtension(
            lang=options.lang,
            labels=options.labels,
            publisher=options.publisher,
            claim_url=options.prefix + claim_pages.claim_url("{id}", options.directory_urls),
            renderer=options.renderer,
            warn_unknown=False,  # the checks report unknown ids, with their positions
        )
        self.deferred.clear()
        self.ext.deferred = self.deferred
        if self.cache.folder != options.cache_folder:
            self.cache = Cache(options.cache_folder)
        # a build reads each page's cached checks once; ``serve`` reads them again
        self.cache.remember = options.serving
        return self.ext

    def stage(self, site_dir: Path) -> Path:
        """Build beside ``site_dir`` and swap it in only at :meth:`publish` (see
        :mod:`.site_folder`): the folder to write to. Raises ``SiteDirError``."""
        opts = self.opts
        # the claim pages' folders of the old site are this build's (see site_folder.Skeleton)
        reuse = opts.claim_pages and opts.directory_urls and not opts.serving
        skeleton_of = opts.prefix + indexes.CLAIMS_DIR if reuse else ""
        self.staged = StagedSiteDir(site_dir, skeleton_of)
        return self.staged.building

    @property
    def opts(self) -> BuildOptions:
        assert self.options is not None
        return self.options

    # -- the data, checked before anything is written -----------------------------

    def start(self, articles: Iterable[str], drafts: Iterable[str] = ()) -> set[str]:
        """Load the data (again only when a data file changed) and begin a build of these
        articles (paths under docs_dir; ``drafts``: those marked ``draft: true``, which
        only ``serve`` renders). Returns, under ``--dirty``, the articles that show a
        changed claim or source: the host must render them again.

        Raises :class:`BuildError` on content errors, except under ``serve`` (there
        :meth:`problems` puts them on every page)."""
        opts, ext = self.opts, self.ext
        assert ext is not None
        self.draft_pages = set(drafts)
        loaded, previous = self.data.load(
            opts.root,
            opts.claims_dir,
            opts.sources_dir,
            opts.scale,
            self.cache,
            also=(tuple(opts.scale_errors), opts.serving),
            then=self._for_this_host,
            langs=opts.langs,
            edits=opts.serving,
        )
        self.loaded = loaded
        # What exists now (the data above all) lives through the build: the collector
        # need not walk it again and again; let_go() hands it back.
        gc.freeze()
        self.serve_errors = []
        # With an error the data's report is said here (the build stops, or serve shows
        # it on every page); else problems() says it with the pages' problems, in order.
        self.data_logged = bool(loaded.report.errors)
        if self.data_logged:
            for diagnostic in loaded.report.sorted():
                _log(diagnostic)
        if loaded.report.errors and not opts.serving:  # serve: problems() shows them
            raise BuildError(len(loaded.report.errors))
        ext.set_site(loaded.site)
        self.data_key = self._checked_data_key(loaded)
        self._restore_fragments(loaded)
        articles = set(articles)
        # a page deleted under serve leaves no record, reviews or search state behind
        self.records = {uri: r for uri, r in self.records.items() if uri in articles}
        self.reviews = {uri: r for uri, r in self.reviews.items() if uri in articles}
        if previous is not loaded:
            self.data_version += 1
        if previous is None:
            self.changed = None  # everything is new
        elif previous is loaded:
            self.changed = (set(), set())
        else:
            self.changed = (
                changes.changed_claims(previous.site, loaded.site),
                changes.changed_sources(previous.site, loaded.site),
            )
        if previous is not loaded and (self.changed is None or self.changed[1]):
            self.sources_version += 1
        if previous is not loaded:  # what is kept of each claim's parts under serve
            claims = self.changed[0] if self.changed is not None else None
            self.index_entries.since(claims)
            self.feed_memo.since(claims)
        if self.staged is not None and opts.claim_pages and self.folders is None:
            dests = [
                claim_pages.claim_dest(i, opts.directory_urls, version, opts.prefix)
                for i, claim in loaded.site.claims.items()
                for version in ["", *claim_pages.versions(claim)]
            ]
            skeleton = self.staged.skeleton
            if skeleton is not None:  # what the build that last prepared it found in it
                found = self.cache.get(FOLDERS_SEEN, self._seen_key(), seen_folders, once=True)
                skeleton.seen = found or {}
            self.folders = FolderMaker(self.staged.building, dests, skeleton)
        if self.changed and opts.dirty:
            return self._dependents(*self.changed)
        return set()

    def _for_this_host(self, loaded: LoadResult) -> LoadResult:
        """The scale options' problems first in the report; and, unless serving, the
        data without what is marked draft (a build publishes no draft claim or source)."""
        if self.opts.scale_errors:  # the options' problems: root causes, listed first
            before = len(loaded.report.items)
            for diagnostic in self.opts.scale_errors:
                loaded.report.add(diagnostic)
            loaded.report.mark_first(before)
        if not self.opts.serving:
            loaded = LoadResult(drafts.published(loaded.site), loaded.report, loaded.digest)
        return loaded

    def _checked_data_key(self, loaded: LoadResult) -> str:
        """What a page's checks against the data read of it (see :func:`check_page`):
        the data files (their digest), what could not be read, the options that change
        the site a build checks against (drafts are left out unless serving). "" under
        ``serve``: its pages are checked again each time (a rebuild renders only a few,
        and its cache is held in memory)."""
        if self.opts.serving:
            return ""
        unreadable = sorted((kind, sorted(paths)) for kind, paths in loaded.site.unreadable.items())
        return key("checked-data", loaded.digest, repr(unreadable), repr(self.opts.scale_errors))

    def _restore_fragments(self, loaded: LoadResult) -> None:
        """The box and source HTML the last build with this data made (see
        :mod:`.fragment_cache`)."""
        assert self.ext is not None
        renderer = self.ext.renderer_class
        ident = fragment_cache.fragments_key(
            loaded.digest, renderer, self.opts.labels, repr(self.opts.scale)
        )
        if ident is None:
            self.fragments = None
        elif self.fragments is None or self.fragments[0] != ident:
            self.fragments = (
                ident,
                fragment_cache.restore(loaded.site, self.cache, ident, renderer),
            )

    def _dependents(self, claims: set[str], sources: set[str]) -> set[str]:
        return {
            uri
            for uri, record in self.records.items()
            if claims.intersection(record.claims) or sources.intersection(record.cited)
        }

    # -- pages ---------------------------------------------------------------------

    def _index_key(self) -> tuple[Any, ...]:
        """What :meth:`index` is made from: the pages' titles, URLs, claims and sources."""
        return tuple(
            (uri, r.title, r.url, tuple(r.claims), tuple(r.cited))
            for uri, r in sorted(self.records.items())
        )

    def index(self) -> SiteIndex:
        """Which pages show each claim and number each source, in path order; made
        again only when a page's part of it changed (a build asks for it several times,
        and under ``serve`` an edit rarely changes it)."""
        key = self._index_key()
        if self._index is None or self._index[0] != key:
            self._index = (key, SiteIndex.of_records(self.records.values()))
        return self._index[1]

    def _site_key(self, sources_only: bool = False) -> tuple[Any, ...] | None:
        """Under ``serve --dirty``, what the site-wide pages (the index pages, claim
        pages, feeds) are made from; None otherwise (they are made anew). Equal keys:
        equal pages, already written. ``sources_only``: for a page made of the sources
        alone (the sources index), which an edit of claims leaves as it is."""
        if not (self.opts.serving and self.opts.dirty):
            return None
        version = self.sources_version if sources_only else self.data_version
        return (version, self.opts, self._index_key(), tuple(self.serve_errors))

    def index_page(self, uri: str, written: bool, url: str = "claims/") -> tuple[str, bool] | None:
        """The Markdown of a generated index page (``None`` for any other page), and
        whether it is the same as the page already written (``written``: its file
        exists), so ``--dirty`` can leave it as it is. ``url``: the page's URL."""
        assert self.loaded is not None and self.ext is not None
        if uri not in (indexes.CLAIMS_INDEX, indexes.SOURCES_INDEX):
            return None
        key = self._site_key(sources_only=uri == indexes.SOURCES_INDEX)
        made = self._made.get(uri)
        if key is not None and made is not None and made[0] == (key, url):
            return self.index_pages.make(uri, made[1], written, again=True)
        site, labels = self.loaded.site, Labels(self.opts.lang, self.opts.labels)
        text: str | IndexText  # an IndexText's list is packed as it is made (see make)
        if uri == indexes.CLAIMS_INDEX and self.opts.claims_index_group != "date":
            # grouped by verdict or by tag, without the filter form
            text = indexes.claims_index(site, labels, group=self.opts.claims_index_group)
        elif uri == indexes.CLAIMS_INDEX:
            index, renderer = self.index(), self._renderer_for(labels.lang)
            links = claims_filter.links_from(
                url,
                index.titles,
                index.urls,
                index.claim_pages,
                # each claim's page in the index's language, where it has one
                lambda i: claim_pages.claim_url_in(
                    site, i, labels.lang, self.opts.directory_urls, self.opts.prefix
                ),
            )
            memo = None
            if self.opts.serving:
                memo = self.index_entries.use((url, self.opts, self.ext.renderer_class))
            text = claims_filter.index_text(site, labels, links, renderer.badge, memo)
        else:
            text = indexes.sources_index_text(site, self.index(), labels, self.opts.prefix)
        if key is not None:  # only ``serve --dirty`` makes it again from the same key
            if isinstance(text, IndexText):
                text = text.joined()  # held till then: as one string
            self._made[uri] = ((key, url), text)
        return self.index_pages.make(uri, text, self.opts.dirty and written, key is not None)

    def page_starts(self, uri: str, url: str, lang: str, date: str) -> None:
        """The host is about to render the page at ``uri`` (path under docs_dir; ``url``
        site-relative; ``date`` its front matter's): tell the extension."""
        assert self.ext is not None
        site_url = self.opts.site_url
        self.ext.page = PageContext(
            lang=lang,
            src_uri=uri,
            url=site_url + url if site_url else url,
            page_url=url,
            date=date,
        )
        self.ext.reset()

    def page_tags(self, own: object, markdown: str) -> list[str] | None:
        """The page's ``tags`` with those of the claims it shows (None: leave them be),
        where the site's claims have tags at all."""
        site = self.loaded.site if self.loaded is not None else None
        if site is None or not claim_tags.any_tagged(site):
            return None
        return claim_tags.page_tags(own, markdown, site)

    def page_rendered(
        self,
        uri: str,
        title: str,
        url: str,
        source: Path | None,
        html: str,
        meta: Mapping[str, Any] | None = None,
    ) -> tuple[str, list[str]]:
        """A page the extension has just rendered (``source``: its Markdown file; None
        for a generated page): its references checked, its record kept, its byline and
        "Updated" note added. Returns the page's HTML and, for an index page, the lists
        put into it that a search index may skip (their raw HTML or, deferred, what the
        page holds for each till :meth:`head`)."""
        assert self.ext is not None and self.loaded is not None
        result = self.ext.result
        after_write = self.opts.lists_after_write
        filled = self.index_pages.fill(uri, html, self.ext.deferred, after_write)
        html, hidden = filled.html, filled.hidden
        if filled.held and after_write:
            self.lists_into_file.add(uri)
        result.ids.update(filled.ids)
        lang = self.ext.page.lang
        meta = meta or {}
        path = rel(source, self.opts.root) if source is not None else ""
        record = PageRecord(
            uri,
            path,
            lang,
            title,
            url=url,
            claims=result.claims,
            cited=result.cited,
            date=articles.front_date(meta.get("date")),
            description=str(meta.get("description") or ""),
            boxed=list(result.boxed),
            lists_articles=result.articles,
            listed=meta.get("listed") is not False,
        )
        if source is not None:
            text = decode(source.read_bytes(), path, record.report)
            facts = None
            if text is not None:
                # The references this very render produced: check and build cannot disagree.
                facts = check_page(
                    text, uri, path, result.refs, self.loaded.site, self.opts.lang,
                    record.report, cache=self.cache, langs=self.opts.langs,
                    data_key=self.data_key,
                )  # fmt: skip
            if facts is not None and facts.meta:
                html = self._with_byline(html, facts.meta, lang)
                record.meta = facts.meta
            if uri in self.draft_pages:  # only under serve: shown, marked
                record.draft = True
                html = indexes.after_title(html, self._renderer_for(lang).draft_banner())
            self.records[uri] = record
        reviews = result.reviews
        if self.opts.claim_pages:  # the full reviews live on the claim pages
            reviews = [jsonld.reference(review) for review in reviews]
        self.reviews[uri] = reviews
        self.ext.page = PageContext(lang=self.opts.lang)
        return html, hidden

    def _renderer_for(self, lang: str) -> Renderer:
        assert self.loaded is not None and self.ext is not None
        return self.ext.renderer_class(
            self.loaded.site, Labels(lang, self.opts.labels), PageInfo(lang)
        )

    def _with_byline(self, html: str, meta: dict[str, Any], lang: str) -> str:
        assert self.loaded is not None and self.ext is not None
        renderer = self._renderer_for(lang)
        site, result = self.loaded.site, self.ext.result
        shown = changed_since([site.claims[i] for i in result.claims], str(meta.get("date") or ""))
        updates = renderer.verdict_updates([(c, self._history_href(c.claim.id)) for c in shown])
        return indexes.after_title(
            html, renderer.byline(meta) + updates + renderer.corrections(meta)
        )

    def _history_href(self, claim_id: str) -> str:
        """Where the "Updated" note links: the box's history here, else on the claim's page."""
        assert self.ext is not None
        if f"history-{claim_id}" in self.ext.result.ids:
            return f"#history-{claim_id}"
        if self.opts.claim_pages:
            return self.ext.claim_href(claim_id, self.ext.page) + f"#history-{claim_id}"
        return ""

    # -- the whole build -----------------------------------------------------------

    def problems(self) -> Report:
        """Every problem of the build, logged once (the data's by :meth:`start` when they
        hold an error, else here, in order with the pages').

        Raises :class:`BuildError` on errors, except under ``serve``, where they go on
        every page instead (see :attr:`serve_errors`)."""
        assert self.loaded is not None
        report = Report()
        report.extend(self.loaded.report)
        for record in self.records.values():
            report.extend(record.report)
        check_across_pages(self.loaded.site, self.records.values(), self.opts.rules, report)
        said = self.loaded.report if self.data_logged else Report()
        for diagnostic in report.sorted():
            if diagnostic not in said:
                _log(diagnostic)
        if self.opts.serving:  # what would stop the build goes on every page instead
            self.serve_errors = error_view.problems(report, self.opts.strict)
        if report.errors and not self.serve_errors:
            raise BuildError(len(report.errors))
        return report

    def settle(self) -> None:
        """Where each claim's one full review lives (its claim page, else the first page
        that boxes it); call once every page is rendered."""
        heap.give_back()  # the articles' phase: its transient pages and lists
        site = self.loaded.site if self.loaded is not None and self.ext is not None else None
        self.feeds_done = False
        self.reviews_due = self.opts.claim_pages and not self.opts.serving and site is not None
        if self.reviews_due and site is not None:  # the pages read only each review's @id
            self.canon = self.homes.ids(site, self.opts)
        else:
            self._make_reviews()
        if site is not None and not self.opts.serving:
            if self.opts.claim_pages:  # only the claim pages read the boxes again
                site.memo = packed_fragments.pack(site.memo)
            else:
                self._let_go_of_fragments(site)
        heap.give_back()  # the memo's runs, packed, and the plain memo freed

    def _make_reviews(self) -> None:
        """Each claim's full review and its home (:attr:`canon`)."""
        self.reviews_due = False
        site = self.loaded.site if self.loaded is not None and self.ext is not None else None
        publisher = self.ext.publisher if self.ext is not None else ""
        self.canon = self.homes.settle(self.reviews, site, self.changed, self.opts, publisher)

    def _reviews_ready(self) -> None:
        """The full reviews :meth:`settle` left to be made when first read."""
        if self.reviews_due:
            self._make_reviews()
            self.reviews_due = None  # made for this build's claim pages and feeds alone

    def _reviews_read(self) -> None:
        """A build's claim pages are made and its feeds written: the full reviews made
        for them (:meth:`publish`) are not read again."""
        self.canon.reviews.clear()
        self.canon.versions.clear()

    def _let_go_of_fragments(self, site: Site) -> None:
        """Every page is rendered and no claim page will be: store the box and source
        HTML for the next build now and stop holding it (at N=1,000 some 20 MiB through
        the writing of the pages, the search index and the feeds, where the peak is).
        ``serve`` keeps it: its next build reuses it in memory."""
        self._save_fragments()
        self.fragments = None  # the memo is empty: a next build restores it again
        site.memo.clear()

    def page_lang(self, meta_lang: object) -> str:
        """A page's language: its front matter's ``lang``, else the site's."""
        lang = self.opts.lang
        found = normalize_lang(str(meta_lang) if meta_lang else None, lang, self.opts.langs)
        return found or lang

    def head(self, output: str, uri: str, url: str, lang: str, dest: Path | None = None) -> str:
        """A finished page with its boxes, lists and sections, its JSON-LD, feed links
        and language in ``<head>``, and under ``serve`` the error view. ``dest``: the
        file the host writes the page to; with :attr:`BuildOptions.lists_after_write`
        an index page's lists go in there at :meth:`pages_written`."""
        opts = self.opts
        if uri in self.lists_into_file:
            if dest is None:  # nowhere to put them later: into the page, as without
                self.deferred.into_file.clear()
            else:
                self.to_fill.append(dest)
        head = [lang_meta(lang)]
        reviews = self.reviews.get(uri)
        if reviews:
            found = jsonld.for_page(reviews, opts.site_url + url, self.canon, uri)
            head.append(jsonld.script(found))
        prefix = indexes.relative_url(opts.prefix or "./", url)  # to its feeds
        head.append(feeds.head_links("" if prefix == "./" else prefix, Labels(lang, opts.labels)))
        # the deferred blocks put in as the head goes in: the page is copied once
        head_html = "\n".join(head) + "\n"
        output = indexes.with_lang_and_head(output, lang, head_html, self.deferred.page_pieces)
        self.deferred.forget_last()
        record = self.records.get(uri)
        if record is not None and record.lists_articles:  # ``::articles``
            listed = articles.newest_first(
                articles.Article(
                    r.title, r.url or "", r.date, r.description, tuple(r.boxed), r.lang
                )
                for other, r in self.records.items()
                if r.listed
                and not r.draft
                and not r.lists_articles
                and (r.boxed or not articles.is_landing_page(other))
            )
            output = articles.place(
                output, articles.list_html(listed, self._renderer_for(lang), url)
            )
        if self.serve_errors:
            output = error_view.inject(output, self.serve_errors, lang)
        self.index_pages.written(uri)
        return output

    def with_error_view(self, output: str) -> str:
        """Any other page of the host's (``404.html``), under ``serve`` with errors."""
        return error_view.inject(output, self.serve_errors, self.opts.lang)

    def reshow_errors(self, pages: Iterable[tuple[Path, str]]) -> None:
        """Under ``serve --dirty`` the host writes only changed pages: put the current
        error view (or none) on these (file, language) pages it left as they were."""
        if self.opts.dirty and self.serve_errors != self.shown_errors:
            for dest, lang in pages:
                page = error_view.strip(dest.read_text("utf-8"))
                dest.write_text(error_view.inject(page, self.serve_errors, lang), "utf-8")
        self.shown_errors = list(self.serve_errors)

    # -- writing: claim pages, sitemap, search, feeds ------------------------------

    def write_claim_pages(
        self,
        site_dir: Path,
        shell_of: Callable[[str, str], str],
        reusable: tuple[Path, Path] | None,
        in_place: set[str] | None = None,
    ) -> None:
        """Every claim's page, filled into the host's page shell (see
        :class:`~.claim_page_writer.ClaimPagesWriter`); ``in_place``: the files of the old
        site's folders placed in the staging folder, each kept or replaced."""
        assert self.ext is not None and self.loaded is not None
        self._reviews_ready()
        given = ClaimPagesInput(
            self.loaded.site,
            self.index(),
            self.canon.reviews,
            self.changed,
            self.serve_errors,
            self.ext.renderer_class,
            self.ext.publisher,
            self.canon.versions,
            self._pages_inputs(),
            made=self._reviews_read if self.reviews_due is None and self.feeds_done else None,
        )
        # what the live site's claim pages hold, by the build that wrote them: each page
        # kept or linked without reading the live file back (it may have left the memory)
        ident = key("claim-pages", str(reusable[1])) if reusable is not None else ""
        known = (self.cache.get(PAGES_HELD, ident, _records, once=True) or {}) if ident else None
        self.claim_writer.write(site_dir, shell_of, reusable, given, self.opts, in_place, known)
        if ident:
            self.cache.put(PAGES_HELD, ident, self.claim_writer.records)
            self.claim_writer.records = {}

    def _pages_inputs(self) -> str:
        """What every claim page is made from besides its claim's own parts (see
        :attr:`.ClaimPagesInput.inputs`): the data, the renderer's and this package's
        code, the labels and the scale (the key of the box fragments), this build's
        options and publisher; "" where the fragments' key cannot be made."""
        if self.fragments is None or self.ext is None:
            return ""
        return key("claim-page-inputs", self.fragments[0], repr(self.opts), self.ext.publisher)

    def write_feeds(self, site_dir: Path, site_name: str) -> None:
        """``claimreviews.json`` and ``verdicts.atom`` at the site root; in this build's
        language folder (:attr:`.BuildOptions.prefix`) on a site built per language."""
        assert self.loaded is not None and self.ext is not None
        self._reviews_ready()
        opts, reviews, versions = self.opts, self.canon.reviews, self.canon.versions
        site_dir = site_dir / opts.prefix
        site_dir.mkdir(parents=True, exist_ok=True)
        # the feeds' own address: their language's folder
        feed_url = opts.site_url + opts.prefix if opts.site_url else ""
        memo = self.feed_memo if opts.serving else None
        with (site_dir / feeds.REVIEWS_FEED).open("w", encoding="utf-8") as out:
            out.writelines(feeds.reviews_feed_parts(reviews, site_name, feed_url, versions, memo))
        infos = [
            feeds.PageFeedInfo(r.title, r.url or "", r.lang, list(r.meta.get("corrections") or []))
            for _, r in sorted(self.records.items())
        ]
        found = feeds.entries(
            self.loaded.site, reviews, infos, opts.site_url, opts.labels, versions, memo
        )
        publisher = self.ext.publisher
        with (site_dir / feeds.ATOM_FEED).open("w", encoding="utf-8") as out:
            out.writelines(
                feeds.atom_feed_lines(found, site_name, publisher, feed_url, opts.lang, memo)
            )
        self.feeds_done = True

    def publish(
        self,
        site_dir: Path,
        site_name: str,
        shell_of: Callable[[str, str], str] | None,
        abort: bool,
    ) -> None:
        """The claim pages (into ``shell_of(lang, version)``, None: no claim pages) and
        the feeds; or, when ``abort`` (a strict build with warnings), nothing written and
        the staged site thrown away. :meth:`commit` swaps the staged site in: a host
        that builds a site in several passes (one per language) calls it after the last."""
        self._stop_folders()
        self._fill_written()
        self.deferred.clear()  # every page is written
        heap.give_back()  # the host's search index, made and written
        self._reviews_ready()  # not held through the pages and the host's search index
        written = self._written_key(site_dir, site_name)
        same = written is not None and written == self._written
        self._written = None if abort else written
        feeds_there = same and all(
            (site_dir / self.opts.prefix / name).is_file()
            for name in (feeds.REVIEWS_FEED, feeds.ATOM_FEED)
        )
        # the feeds first: the claim pages are then the reviews' last readers
        if self.loaded is not None and not abort and not feeds_there:
            self.write_feeds(site_dir, site_name)
        if shell_of is not None and self.opts.claim_pages and not abort:
            if same and self.claim_writer.same_shells(shell_of):
                assert self.loaded is not None
                self.claim_writer.relist(site_dir, self.loaded.site, self.opts)
            else:
                reusable, in_place = None, set()
                if self.staged is not None:
                    reusable, in_place = self.staged.reusable(), self.staged.place_skeleton()
                self.write_claim_pages(site_dir, shell_of, reusable, in_place)
                heap.give_back()  # the claim pages' and the search index rewrite's
        self.finish()
        if self.staged is not None and abort:
            self.staged.discard()
            self.staged = None

    def _written_key(self, site_dir: Path, site_name: str) -> tuple[Any, ...] | None:
        """Under ``serve --dirty``, what the claim pages and feeds are made from (see
        :meth:`_site_key`): the same as last time, they are in the site folder already."""
        key = self._site_key()
        if key is None or self.ext is None:
            return None
        infos = tuple(
            (r.title, r.url, r.lang, repr(r.meta.get("corrections")))
            for _, r in sorted(self.records.items())
        )
        canon = (self.canon.reviews, self.canon.versions)
        return (key, infos, canon, str(site_dir), site_name, self.ext.publisher)

    def commit(self) -> Path | None:
        """The staged site swapped into place: the site folder, when it moved. Raises
        ``SiteDirError`` when the swap fails (the staged site is kept for
        :meth:`discard`, the host's build error)."""
        staged = self.staged
        if staged is None:
            return None
        staged.commit()
        self.staged = None
        return staged.final

    def discard(self) -> None:
        """The build failed: the staged site is thrown away, the previous one stays."""
        self._stop_folders()
        self.to_fill, self.lists_into_file = [], set()
        self.deferred.clear()
        let_go()
        if self.staged is not None:
            self.staged.discard()
            self.staged = None

    def pages_written(self) -> None:
        """Every page is written: its deferred blocks are not read again. Freed before
        the host's search index is made, where a large build's memory peaks. The
        index pages' lists go into their files now (see :meth:`head`)."""
        self._fill_written()
        self.deferred.clear()
        if self.folders is not None and self.folders.done():  # so is the folders' record
            self._save_seen()
        heap.give_back()  # every page written: their strings, MkDocs' UTF-8 copies

    def _fill_written(self) -> None:
        for path in self.to_fill:
            if path.is_file():
                self.deferred.write_into(path)
        self.to_fill, self.lists_into_file = [], set()

    def _stop_folders(self) -> None:
        if self.folders is not None:
            self.folders.close()
            self.folders = None
            self._save_seen()

    def _save_seen(self) -> None:
        """What the reused tree's folders held (:attr:`.Skeleton.listed`), stored for the
        build after next (which reuses that tree) and no longer held."""
        skeleton = self.staged.skeleton if self.staged is not None else None
        if skeleton is not None and skeleton.prepared and skeleton.listed:
            self.cache.put(FOLDERS_SEEN, self._seen_key(), skeleton.listed)
            skeleton.listed = {}

    def _seen_key(self) -> str:
        """The cache's key of what a reused tree's folders held (:attr:`.Skeleton.seen`):
        the site folder's and the tree's own (a site folder's builds alternate between
        two trees)."""
        assert self.staged is not None and self.staged.skeleton is not None
        return key("claim-folders", str(self.staged.target), self.staged.skeleton.ident)

    def finish(self) -> None:
        """The build is written: keep its box and source HTML for the next build, and
        let the cache forget what no build used."""
        # after the claim pages: their boxes and sources are kept for the next build too
        self._save_fragments()
        self.cache.forget_unused()

    def _save_fragments(self) -> None:
        if self.fragments is not None and self.loaded is not None and self.ext is not None:
            ident, restored = self.fragments
            site, renderer = self.loaded.site, self.ext.renderer_class
            self.fragments = (
                ident,
                fragment_cache.save(site, self.cache, ident, renderer, restored),
            )


#: the cache's space for what a site's claim pages hold (:attr:`.PageWriter.records`)
PAGES_HELD = "claim-pages-held"
#: ... and for what the folders of a reused tree held (:attr:`.Skeleton.listed`)
FOLDERS_SEEN = "claim-folders-seen"


class _NotRecords(ValueError):
    """A stored record of pages that is damaged (an internal signal, not a message)."""


def _records(value: Any) -> dict[str, list[Any]]:
    """A stored :attr:`.PageWriter.records`, checked: a damaged entry is none."""
    if not isinstance(value, dict) or not all(
        isinstance(v, list) and len(v) == 5 for v in value.values()
    ):
        raise _NotRecords(PAGES_HELD)
    return value


def keep_till_the_end() -> None:
    """A page is rendered: free its garbage (a host's Markdown instance for the page is
    cyclic) and freeze what survives, which lives through the build (the page, its
    record, its reviews). The collector then never walks a finished page again: on a
    large site, half its time. :func:`let_go` unfreezes."""
    if gc.isenabled():
        gc.collect(1)
        gc.freeze()


def let_go() -> None:
    """The build is over (written or failed): what it froze can be collected again
    (under ``serve``, the old build's objects)."""
    gc.unfreeze()


def _log(diagnostic: Diagnostic) -> None:
    (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
