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
4. :meth:`~SiteBuild.head`, per page: the JSON-LD, the feed links and the language;
5. :meth:`~SiteBuild.write_claim_pages` and :meth:`~SiteBuild.write_feeds` into the
   site folder, then :meth:`~SiteBuild.finish`.

Nothing here imports a host: a page arrives as its path, URL, title and the HTML the
extension made; a theme's page shell arrives as a function of the language.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import changes
from ..data.cache import Cache
from ..data.diagnostics import Diagnostic, Report
from ..data.load import LoadResult, Reloader, rel
from ..data.model import Verdict
from ..data.validation import check_unused
from ..data.verdict_history import changed_since
from ..data.yaml_reader import decode
from ..page import jsonld
from ..page.article_check import check_page
from ..page.extension import ExplainersExtension, PageContext, id_attrs
from ..page.i18n import Labels, normalize_lang
from ..page.lang_meta import lang_meta
from ..page.renderer import PageInfo, Renderer
from . import claim_pages, error_view, feeds, fragment_cache, indexes
from .indexes import SiteIndex
from .site_folder import FolderMaker, PageWriter, StagedSiteDir

log = logging.getLogger("explainers")


@dataclass
class BuildOptions:
    """What a host says about the site to build (the MkDocs plugin: its options and
    ``mkdocs.yml``)."""

    root: Path  # paths in messages are relative to it
    claims_dir: Path
    sources_dir: Path
    lang: str  # the site's default page language
    theme_lang: str  # the theme's own language setting, as written
    scale: dict[str, Verdict] | None
    labels: dict[str, dict[str, str]]
    publisher: str
    renderer: type[Renderer]
    claim_pages: bool = True
    site_url: str = ""
    directory_urls: bool = True
    strict: bool = False
    serving: bool = False  # ``serve``: problems go on every page instead of stopping it
    dirty: bool = False  # ``serve --dirty``: the host writes only pages it thinks changed
    cache_folder: Path | None = None


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
        self.reviews: dict[str, list[dict[str, Any]]] = {}
        self.lists: dict[str, dict[str, str]] = {}  # index pages: marker -> list HTML
        self.index_texts: dict[str, str] = {}  # index pages: the text of the page written
        self.made_index_texts: dict[str, str] = {}  # ... and of the one being made
        self.review_cache: dict[str, tuple[str, dict[str, Any]]] = {}
        self.changed: tuple[set[str], set[str]] | None = None  # claims, sources since last build
        self.claim_html: dict[str, tuple[Any, tuple[claim_pages.SearchDoc, str]]] = {}
        self.serve_errors: list[Diagnostic] = []  # under serve: shown on every page
        self.shown_errors: list[Diagnostic] = []  # what the pages of the last build show
        self.canon = jsonld.Canonical()
        self.fragments: tuple[str, int] | None = None  # their key, how many the cache holds
        self.staged: StagedSiteDir | None = None  # ``build``: the site is swapped in at the end
        self.folders: FolderMaker | None = None  # claim pages' folders, made while pages render

    # -- configuration -----------------------------------------------------------

    def configure(self, options: BuildOptions) -> ExplainersExtension:
        """A new build with these options: the extension the host renders pages with."""
        self.options = options
        self.ext = ExplainersExtension(
            lang=options.lang,
            labels=options.labels,
            publisher=options.publisher,
            claim_url=claim_pages.claim_url("{id}", options.directory_urls),
            renderer=options.renderer,
            warn_unknown=False,  # the checks report unknown ids, with their positions
        )
        if self.cache.folder != options.cache_folder:
            self.cache = Cache(options.cache_folder)
        return self.ext

    def stage(self, site_dir: Path) -> Path:
        """Build beside ``site_dir`` and swap it in only at :meth:`publish` (see
        :mod:`.site_folder`): the folder to write to. Raises ``SiteDirError``."""
        self.staged = StagedSiteDir(site_dir)
        return self.staged.building

    @property
    def opts(self) -> BuildOptions:
        assert self.options is not None
        return self.options

    # -- the data, checked before anything is written -----------------------------

    def start(self, articles: Iterable[str]) -> set[str]:
        """Load the data (again only when a data file changed) and begin a build of these
        articles (paths under docs_dir). Returns, under ``--dirty``, the articles that
        show a changed claim or source: the host must render them again.

        Raises :class:`BuildError` on content errors, except under ``serve`` (there
        :meth:`problems` puts them on every page)."""
        opts, ext = self.opts, self.ext
        assert ext is not None
        loaded, previous = self.data.load(
            opts.root, opts.claims_dir, opts.sources_dir, opts.scale, self.cache
        )
        self.loaded = loaded
        # What exists now (the data above all) lives through the build: the collector
        # need not walk it again and again; let_go() hands it back.
        gc.freeze()
        self.serve_errors = []
        if loaded.report.errors:
            for diagnostic in loaded.report.sorted():
                _log(diagnostic)
        if loaded.report.errors and not opts.serving:  # serve: problems() shows them
            raise BuildError(len(loaded.report.errors))
        ext.set_site(loaded.site)
        self._restore_fragments(loaded)
        articles = set(articles)
        # a page deleted under serve leaves no record, reviews or search state behind
        self.records = {uri: r for uri, r in self.records.items() if uri in articles}
        self.reviews = {uri: r for uri, r in self.reviews.items() if uri in articles}
        if previous is None:
            self.changed = None  # everything is new
        elif previous is loaded:
            self.changed = (set(), set())
        else:
            self.changed = (
                changes.changed_claims(previous.site, loaded.site),
                changes.changed_sources(previous.site, loaded.site),
            )
        if self.staged is not None and opts.claim_pages and self.folders is None:
            dests = [claim_pages.claim_dest(i, opts.directory_urls) for i in loaded.site.claims]
            self.folders = FolderMaker(self.staged.building, dests)
        if self.changed and opts.dirty:
            return self._dependents(*self.changed)
        return set()

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

    def index(self) -> SiteIndex:
        """Which pages show each claim and number each source, in path order."""
        return SiteIndex.of_pages(
            (uri, r.title, r.url, r.claims, r.cited) for uri, r in sorted(self.records.items())
        )

    def index_page(self, uri: str, written: bool) -> tuple[str, bool] | None:
        """The Markdown of a generated index page (``None`` for any other page), and
        whether it is the same as the page already written (``written``: its file
        exists), so ``--dirty`` can leave it as it is."""
        assert self.loaded is not None
        labels = Labels(self.opts.lang, self.opts.labels)
        if uri == indexes.CLAIMS_INDEX:
            text = indexes.claims_index(self.loaded.site, labels)
        elif uri == indexes.SOURCES_INDEX:
            text = indexes.sources_index(self.loaded.site, self.index(), labels)
        else:
            return None
        # --dirty re-renders a generated page on every build: an index made from the same
        # text as the page written last time stays as it is (4,000 claims, 2,000 sources
        # to render and index again after each save, otherwise)
        same = self.opts.dirty and self.index_texts.get(uri) == text and written
        self.made_index_texts[uri] = text
        markdown, self.lists[uri] = indexes.lift_lists(text)
        return markdown, same

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

    def page_rendered(
        self, uri: str, title: str, url: str, source: Path | None, html: str
    ) -> tuple[str, list[str]]:
        """A page the extension has just rendered (``source``: its Markdown file; None
        for a generated page): its references checked, its record kept, its byline and
        "Updated" note added. Returns the page's HTML and, for an index page, the lists
        put into it (raw HTML a search index may skip)."""
        assert self.ext is not None and self.loaded is not None
        result = self.ext.result
        blocks: list[str] = []
        if lists := self.lists.pop(uri, None):  # an index page
            html = indexes.put_lists(html, lists)
            result.ids.update(id_attrs("".join(lists.values())))
            blocks = list(lists.values())
        lang = self.ext.page.lang
        record = PageRecord(title, url, lang, result.claims, result.cited)
        if source is not None:
            path = rel(source, self.opts.root)
            text = decode(source.read_bytes(), path, record.report)
            facts = None
            if text is not None:
                # The references this very render produced: check and build cannot disagree.
                facts = check_page(
                    text, uri, path, result.refs, self.loaded.site, self.opts.lang,
                    record.report, cache=self.cache,
                )  # fmt: skip
            if facts is not None and facts.meta:
                html = self._with_byline(html, facts.meta, lang)
                record.meta = facts.meta
            self.records[uri] = record
        self.reviews[uri] = result.reviews
        self.ext.page = PageContext(lang=self.opts.lang)
        return html, blocks

    def _with_byline(self, html: str, meta: dict[str, Any], lang: str) -> str:
        assert self.loaded is not None and self.ext is not None
        renderer = self.ext.renderer_class(
            self.loaded.site, Labels(lang, self.opts.labels), PageInfo(lang)
        )
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
        """Every problem of the build, logged (the data's were logged by :meth:`start`).

        Raises :class:`BuildError` on errors, except under ``serve``, where they go on
        every page instead (see :attr:`serve_errors`)."""
        assert self.loaded is not None
        report = Report()
        report.extend(self.loaded.report)
        cited: set[str] = set()
        for record in self.records.values():
            report.extend(record.report)
            cited.update(record.cited)
        check_unused(self.loaded.site, cited, report)
        for diagnostic in report.sorted():
            if diagnostic not in self.loaded.report:  # data problems were logged already
                _log(diagnostic)
        if self.opts.serving:  # what would stop the build goes on every page instead
            self.serve_errors = error_view.problems(report, self.opts.strict)
        if report.errors and not self.serve_errors:
            raise BuildError(len(report.errors))
        return report

    def settle(self) -> None:
        """Where each claim's one full review lives (its claim page, else the first page
        that boxes it); call once every page is rendered."""
        self.canon = self._canonical()

    def _canonical(self) -> jsonld.Canonical:
        opts = self.opts
        if not opts.claim_pages or self.loaded is None or self.ext is None:
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
                    opts.site_url + claim_pages.claim_url(claim.id, opts.directory_urls),
                    self.ext.publisher,
                    normalize_lang(claim.lang, opts.lang) or opts.lang,
                    date,
                )
            if opts.serving:
                kept[claim.id] = (date, review)
            reviews.append(review)
        self.review_cache = kept
        return jsonld.canonical(self.reviews, reviews)

    def page_lang(self, meta_lang: object) -> str:
        """A page's language: its front matter's ``lang``, else the site's."""
        lang = self.opts.lang
        return normalize_lang(str(meta_lang) if meta_lang else None, lang) or lang

    def head(self, output: str, uri: str, url: str, lang: str) -> str:
        """A finished page with its JSON-LD, feed links and language in ``<head>``, and
        under ``serve`` the error view."""
        opts = self.opts
        head = [lang_meta(lang)]
        reviews = self.reviews.get(uri)
        if reviews:
            found = jsonld.for_page(reviews, opts.site_url + url, self.canon, uri)
            head.append(jsonld.script(found))
        prefix = indexes.relative_url("./", url)
        head.append(feeds.head_links("" if prefix == "./" else prefix, Labels(lang, opts.labels)))
        output = indexes.with_lang_and_head(output, lang, "\n".join(head) + "\n")
        if self.serve_errors:
            output = error_view.inject(output, self.serve_errors, lang)
        if uri in self.made_index_texts:  # written: what --dirty compares with
            self.index_texts[uri] = self.made_index_texts.pop(uri)
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
        shell_of: Callable[[str], str],
        reusable: tuple[Path, Path] | None,
    ) -> None:
        """Every claim's page, filled into the host's page shell (``shell_of(lang)``) and
        written as it is made; then the claim pages go into the sitemap and the search
        index the host wrote. ``reusable``: (staging folder, live site) when the
        build will be swapped in, so an unchanged page can be a link to the live one.

        Under ``serve`` a page is kept with the inputs it was made from, and made (and
        under ``--dirty`` written) again only when one of them changed.
        """
        assert self.ext is not None and self.loaded is not None
        opts = self.opts
        prefix = indexes.relative_url("./", claim_pages.claim_url("x", opts.directory_urls))
        links = feeds.head_links("" if prefix == "./" else prefix, Labels(opts.lang, opts.labels))
        shells: dict[str, tuple[str, str]] = {}  # per language: a theme may translate its strings
        site = self.loaded.site
        index = self.index()
        maker = claim_pages.ClaimPageMaker(
            site,
            self.ext.renderer_class,
            opts.labels,
            self.ext.publisher,
            opts.site_url,
            opts.directory_urls,
        )
        entries: list[claim_pages.SearchDoc] = []
        changed_claims, changed_sources = self.changed if self.changed else (set(), set())
        settings = (repr(site.scale), repr(opts.labels), opts.site_url)
        writer = PageWriter(reusable)
        kept: dict[str, tuple[Any, tuple[claim_pages.SearchDoc, str]]] = {}
        for claim_id, claim in sorted(site.claims.items()):
            lang = normalize_lang(claim.lang, opts.lang) or opts.lang
            if lang not in shells:
                shell = shell_of(lang).replace("</head>", links + "\n</head>", 1)
                shells[lang] = (shell, hashlib.sha256(shell.encode("utf-8")).hexdigest())
            shell, shell_key = shells[lang]
            discussed = [
                claim_pages.Discussion(index.titles[u], index.urls[u])
                for u in index.claim_pages.get(claim_id, [])
            ]
            dest = site_dir / claim_pages.claim_dest(claim_id, opts.directory_urls)
            key = None
            if opts.serving:
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
                    if not (opts.dirty and dest.exists()):
                        writer.write(dest, error_view.inject(cached[1][1], self.serve_errors, lang))
                    continue
            made = maker.page(claim, lang, discussed, self.canon.reviews.get(claim_id))
            html = claim_pages.fill(shell, made, opts.theme_lang)
            writer.write(dest, error_view.inject(html, self.serve_errors, lang))
            doc = made.search_doc()
            entries.append(doc)
            if opts.serving:
                kept[claim_id] = (key, (doc, html))
        writer.close()
        self.claim_html = kept
        self._list_claim_pages(site_dir, entries)

    def _list_claim_pages(self, site_dir: Path, entries: list[claim_pages.SearchDoc]) -> None:
        """The claim pages in the sitemap and the search index, where the host wrote them."""
        assert self.loaded is not None
        site, opts = self.loaded.site, self.opts
        sitemap = site_dir / "sitemap.xml"
        if sitemap.exists():
            claims = [site.claims[i] for i in sorted(site.claims)]
            xml = claim_pages.sitemap_with(
                sitemap.read_text("utf-8"), opts.site_url, claims, opts.directory_urls
            )
            sitemap.write_text(xml, "utf-8")
            gz = site_dir / "sitemap.xml.gz"
            previous = gz.read_bytes() if gz.exists() else None
            gz.write_bytes(claim_pages.gzip_like(xml.encode("utf-8"), previous))
        search = site_dir / "search" / "search_index.json"
        if search.exists():
            text = search.read_text("utf-8")
            search.write_text(
                claim_pages.search_index_with(text, entries, opts.directory_urls), "utf-8"
            )

    def write_feeds(self, site_dir: Path, site_name: str) -> None:
        """``claimreviews.json`` and ``verdicts.atom`` at the site root."""
        assert self.loaded is not None and self.ext is not None
        opts, reviews = self.opts, self.canon.reviews
        (site_dir / feeds.REVIEWS_FEED).write_text(
            feeds.reviews_feed(reviews, site_name, opts.site_url), "utf-8"
        )
        infos = [
            feeds.PageFeedInfo(r.title, r.url, r.lang, list(r.meta.get("corrections") or []))
            for _, r in sorted(self.records.items())
        ]
        found = feeds.entries(self.loaded.site, reviews, infos, opts.site_url, opts.labels)
        atom = feeds.atom_feed(found, site_name, self.ext.publisher, opts.site_url, opts.lang)
        (site_dir / feeds.ATOM_FEED).write_text(atom, "utf-8")

    def publish(
        self, site_dir: Path, site_name: str, shell_of: Callable[[str], str] | None, abort: bool
    ) -> Path | None:
        """The claim pages (into ``shell_of(lang)``, None: no claim pages) and the feeds,
        then the staged site swapped into place; or, when ``abort`` (a strict build with
        warnings), nothing written and the staged site thrown away. Returns the site
        folder when it moved. Raises ``SiteDirError`` when the swap fails."""
        self._stop_folders()
        if shell_of is not None and self.opts.claim_pages and not abort:
            reusable = self.staged.reusable() if self.staged is not None else None
            self.write_claim_pages(site_dir, shell_of, reusable)
        if self.loaded is not None and not abort:
            self.write_feeds(site_dir, site_name)
        self.finish()
        staged = self.staged
        if staged is None:
            return None
        if abort:
            staged.discard()
        else:
            staged.commit()  # on failure, kept for discard() (the host's build error)
        self.staged = None
        return None if abort else staged.final

    def discard(self) -> None:
        """The build failed: the staged site is thrown away, the previous one stays."""
        self._stop_folders()
        let_go()
        if self.staged is not None:
            self.staged.discard()
            self.staged = None

    def _stop_folders(self) -> None:
        if self.folders is not None:
            self.folders.close()
            self.folders = None

    def finish(self) -> None:
        """The build is written: keep its box and source HTML for the next build, and
        let the cache forget what no build used."""
        # after the claim pages: their boxes and sources are kept for the next build too
        if self.fragments is not None and self.loaded is not None and self.ext is not None:
            ident, restored = self.fragments
            site, renderer = self.loaded.site, self.ext.renderer_class
            self.fragments = (
                ident,
                fragment_cache.save(site, self.cache, ident, renderer, restored),
            )
        self.cache.forget_unused()


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
