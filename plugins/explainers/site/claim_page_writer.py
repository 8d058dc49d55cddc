"""Claim pages written into the site folder: each claim's page filled into the host's
page shell (the theme's page without the site navigation, one per language), then
listed in the sitemap and the search index the host wrote.

Under ``serve`` a page is kept with the inputs it was made from, and made (and under
``--dirty`` written) again only when one of them changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.diagnostics import Diagnostic
from ..data.model import Claim, Site
from ..page.i18n import Labels, normalize_lang
from ..page.renderer import Renderer
from . import claim_edits, claim_pages, error_view, feeds, heap, indexes
from .indexes import SiteIndex
from .options import BuildOptions
from .site_folder import PageWriter


@dataclass
class ClaimPagesInput:
    """What the claim pages of one build are made from."""

    site: Site
    index: SiteIndex
    reviews: dict[str, dict[str, Any]]  # each claim's full review (its home's)
    changed: tuple[set[str], set[str]] | None  # claims, sources changed; None: all new
    serve_errors: list[Diagnostic]
    renderer: type[Renderer]
    publisher: str
    #: per claim written in several languages, its other pages' reviews, in order
    versions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: a digest of everything besides the claim itself a build's claim pages are made
    #: from (the data, the code, the options); "": each page is made (see :func:`_inputs`)
    inputs: str = ""
    #: called once every page is made, before the sitemap and the search index are
    #: rewritten: what only the pages read may go (a build's full reviews, its feeds
    #: written: some 20 MiB at N=1,000 under the search index rewrite's transient)
    made: Callable[[], None] | None = None


class ClaimPagesWriter:
    """The claim pages of a site's builds; under ``serve`` it keeps what it made."""

    def __init__(self) -> None:
        #: what the search index holds of the claim pages written last (a host that
        #: writes its index itself, as mkdocs-static-i18n does, adds them from here)
        self.entries: list[claim_pages.SearchDoc] = []
        self._lists = _ListCache()
        #: under ``serve``: the pages written last, what they were made from and what
        #: was made (see :mod:`.claim_edits`); None after a build
        self.written: claim_edits.Written | None = None
        #: what the pages written last hold (:attr:`.PageWriter.records`)
        self.records: dict[str, list[Any]] = {}

    def same_shells(self, shell_of: Callable[[str, str], str]) -> bool:
        """Whether the host's page shells are those the pages written last were filled
        into (a theme's template may have changed under ``serve``)."""
        written = self.written
        return (
            written is not None
            and bool(written.shells)
            and all(shell_of(*which) == shell for which, shell in written.shells.items())
        )

    def relist(self, site_dir: Path, site: Site, opts: BuildOptions) -> None:
        """The claim pages written last, as they are, listed again in the sitemap and
        the search index the host wrote anew."""
        self._lists.write(site_dir, self.entries, site, opts)

    def write(
        self,
        site_dir: Path,
        shell_of: Callable[[str, str], str],
        reusable: tuple[Path, Path] | None,
        given: ClaimPagesInput,
        opts: BuildOptions,
        in_place: set[str] | None = None,
        known: dict[str, list[Any]] | None = None,
    ) -> None:
        """Every claim's page, filled into the host's page shell (``shell_of(lang,
        version)``; ``version``: a claim's page in another language, a folder deeper) and
        written as it is made, in this build's folder (:attr:`.BuildOptions.prefix`);
        then the claim pages go into the sitemap and the search index the host wrote. ``reusable``: (staging folder, live site) when the
        build will be swapped in, so an unchanged page can be a link to the live one;
        ``in_place``: files already in place, ``known``: what the live site's pages hold
        (:class:`~.site_folder.PageWriter`; what this build's hold is :attr:`records`).

        Under ``serve`` a page is kept with the inputs it was made from, and made (and
        under ``--dirty`` written) again only when one of them changed.
        """
        root = opts.prefix
        shell_of = _once(shell_of)  # the check below and the loop render each shell once
        dirty = opts.serving and opts.dirty
        now = claim_edits.Written(
            site_dir,
            (opts, given.renderer, given.publisher),
            given.index,
            given.reviews,
            list(given.serve_errors),
            dirty=dirty,
        )
        last = self.written
        before = last.kept if last is not None else {}
        todo = claim_edits.to_look_at(
            last if dirty else None, now, given.site, given.changed, shell_of
        )
        # the error view on the pages on disk is this build's: they may stay as they are
        same_errors = last is not None and last.dirty and last.errors == now.errors
        here = claim_pages.claim_url("x", opts.directory_urls, root=root)
        prefix = indexes.relative_url(root or "./", here)
        links = feeds.head_links("" if prefix == "./" else prefix, Labels(opts.lang, opts.labels))
        shells: dict[str, tuple[str, str]] = {}  # per language: a theme may translate its strings
        versions: dict[str, str] = {}  # the same, for claims' pages in another language
        site, index, reviews = given.site, given.index, given.reviews
        maker = claim_pages.ClaimPageMaker(
            site,
            given.renderer,
            opts.labels,
            given.publisher,
            opts.site_url,
            opts.directory_urls,
            root,
        )
        entries: list[claim_pages.SearchDoc] = []
        changed = given.changed
        changed_claims, changed_sources = changed if changed else (set(), set())
        settings = (repr(site.scale), repr(opts.labels), opts.site_url)
        # one thread, sixteen pages a task: four threads, a page a task, took the page
        # loop's processor and its GIL (benchmarks/profile-n1000-2026-12-06.md, wall27)
        writer = PageWriter(reusable, threads=1, kept=in_place, known=known, batch=16)
        kept: dict[str, tuple[Any, tuple[claim_pages.SearchDoc, str]]] = {}
        used: dict[tuple[str, str], str] = {}
        dests: dict[str, list[Path]] = {}
        for claim_id, claim in sorted(site.claims.items()):
            if todo is not None and claim_id not in todo and claim_id in before:
                assert last is not None  # todo is None without it
                kept[claim_id] = before[claim_id]  # its page on disk stands
                entries.append(before[claim_id][1][0])
                dests[claim_id] = last.dests.get(claim_id, [])
                continue
            lang = normalize_lang(claim.lang, opts.lang, opts.langs) or opts.lang
            if lang not in shells:
                used[(lang, "")] = raw = shell_of(lang, "")
                shell = raw.replace("</head>", links + "\n</head>", 1)
                shells[lang] = (shell, hashlib.sha256(shell.encode("utf-8")).hexdigest())
            shell, shell_key = shells[lang]
            discussed = [
                claim_pages.Discussion(index.titles[u], index.urls[u])
                for u in index.claim_pages.get(claim_id, [])
            ]
            for version, review in zip(  # the claim's other languages (never kept: few)
                claim_pages.versions(claim), given.versions.get(claim_id, []), strict=False
            ):
                if version not in versions:  # a folder deeper: its own relative links
                    deeper = claim_pages.claim_url("x", opts.directory_urls, version, root)
                    labels = Labels(opts.lang, opts.labels)
                    to_feeds = feeds.head_links(indexes.relative_url(root or "./", deeper), labels)
                    used[(version, version)] = raw = shell_of(version, version)
                    versions[version] = raw.replace("</head>", to_feeds + "\n</head>", 1)
                made = maker.page(claim, version, discussed, review, version)
                html = claim_pages.fill(versions[version], made, opts.theme_lang)
                other = site_dir / claim_pages.claim_dest(
                    claim_id, opts.directory_urls, version, root
                )
                writer.write(other, error_view.inject(html, given.serve_errors, version))
                entries.append(made.search_doc())
                dests.setdefault(claim_id, []).append(other)
            dest = site_dir / claim_pages.claim_dest(claim_id, opts.directory_urls, root=root)
            dests.setdefault(claim_id, []).insert(0, dest)
            key = None
            if opts.serving:
                published = reviews.get(claim_id, {}).get("datePublished", "")
                discussions = tuple((d.title, d.url) for d in discussed)
                key = (lang, shell_key, discussions, published, settings)
                cached = before.get(claim_id)
                named = [e.source for e in claim.evidence] + claim.appearance
                if (
                    cached is not None
                    and cached[0] == key
                    and changed is not None
                    and claim_id not in changed_claims
                    and changed_sources.isdisjoint(named)
                ):
                    kept[claim_id] = cached
                    entries.append(cached[1][0])
                    if not (opts.dirty and same_errors and dest.exists()):
                        writer.write(
                            dest, error_view.inject(cached[1][1], given.serve_errors, lang)
                        )
                    continue
            inputs = ""
            if given.inputs and not opts.serving:
                inputs = _inputs(given.inputs, claim_id, lang, shell_key, discussed, reviews)
                if writer.keep(dest, inputs):  # the page the last build made stands
                    entries.append(maker.search_doc(claim, lang))
                    continue
            made = maker.page(claim, lang, discussed, reviews.get(claim_id))
            html = claim_pages.fill(shell, made, opts.theme_lang)
            writer.write(dest, error_view.inject(html, given.serve_errors, lang), inputs)
            doc = made.search_doc()
            entries.append(doc)
            if opts.serving:
                kept[claim_id] = (key, (doc, html))
        writer.close()
        self.records = writer.records
        # what a build would not write goes: a removed claim's pages (only against the
        # same folder and options: a site built per language writes each in turn)
        if (
            dirty
            and last is not None
            and last.dirty
            and (last.context, last.site_dir) == (now.context, now.site_dir)
        ):
            for claim_id, files in last.dests.items():
                if dests.get(claim_id) is files:
                    continue
                gone = [f for f in files if f not in dests.get(claim_id, ())]
                claim_edits.remove_pages(sorted(gone, key=lambda f: -len(f.parts)))
        if opts.serving:
            # pages not looked at again were filled into the shells written last
            now.shells = {**last.shells, **used} if todo is not None and last else used
            now.kept = kept
            now.dests = dests if dirty else {}
        self.written = now if opts.serving else None
        self.entries = entries
        if given.made is not None:
            given.made()
        self._lists.write(site_dir, entries, site, opts)


class _ListCache:
    """The claim pages listed in the sitemap and the search index the host wrote (it
    writes both anew each build): under ``serve`` what was made from the same input
    last time is reused, and each claim page's search entry is encoded once."""

    def __init__(self) -> None:
        self.sitemap: tuple[Any, str] | None = None  # what it was made from, the sitemap
        self.gz: tuple[bytes, bytes, bytes] | None = None  # sitemap, old header, gzip
        self.search: claim_pages.SearchMemo = {}
        self.hosts: claim_pages.HostMemo = {}  # the host's own entries, as written last
        #: each claim's sitemap entries, and the URLs they were made for
        self.urls: tuple[Any, dict[str, tuple[Claim, str]]] = (None, {})

    def write(
        self, site_dir: Path, entries: list[claim_pages.SearchDoc], site: Site, opts: BuildOptions
    ) -> None:
        # the pages' freed text first: where every page was made (a build after the
        # shells changed) the sitemap's transient on it was the build's peak
        heap.give_back()
        self._write_sitemap(site_dir, site, opts)
        search = site_dir / "search" / "search_index.json"
        if search.exists():
            heap.give_back()  # the sitemap's freed text, before the index
            memo, hosts = (self.search, self.hosts) if opts.serving else (None, None)
            claim_pages.write_search_index_with(
                search, entries, opts.directory_urls, opts.prefix, memo, hosts
            )

    def _write_sitemap(self, site_dir: Path, site: Site, opts: BuildOptions) -> None:
        """The host's sitemap with the claim pages (its text let go before the search
        index is rewritten)."""
        serving = opts.serving
        sitemap = site_dir / "sitemap.xml"
        if sitemap.exists():
            written = sitemap.read_text("utf-8")
            made = (written, site, opts.site_url, opts.directory_urls, opts.prefix)
            if self.sitemap is not None and _same(self.sitemap[0], made):
                xml = self.sitemap[1]
            else:
                claims = [site.claims[i] for i in sorted(site.claims)]
                where = (opts.site_url, opts.directory_urls, opts.prefix)
                if self.urls[0] != where:
                    self.urls = (where, {})
                xml = claim_pages.sitemap_with(
                    written,
                    opts.site_url,
                    claims,
                    opts.directory_urls,
                    opts.prefix,
                    self.urls[1] if serving else None,
                )
            self.sitemap = (made, xml) if serving else None
            sitemap.write_text(xml, "utf-8")
            gz = site_dir / "sitemap.xml.gz"
            previous = gz.read_bytes() if gz.exists() else None
            data, header = xml.encode("utf-8"), (previous or b"")[:8]
            if self.gz is not None and self.gz[:2] == (data, header):
                zipped = self.gz[2]
            else:
                zipped = claim_pages.gzip_like(data, previous)
            self.gz = (data, header, zipped) if serving else None
            gz.write_bytes(zipped)


def _inputs(
    common: str,
    claim_id: str,
    lang: str,
    shell_key: str,
    discussed: list[claim_pages.Discussion],
    reviews: dict[str, dict[str, Any]],
) -> str:
    """What a claim's page is made from, as a digest: ``common`` (the data, the code and
    the options: :attr:`ClaimPagesInput.inputs`), its page shell, the pages that discuss
    it and its review's date. The review is made from the data, the options and that
    date, the first of the articles that box the claim (:mod:`.review_homes`): its
    date, not the whole review, is what an article changes in it (the whole, written
    out, cost more than the rest of this digest)."""
    review = reviews.get(claim_id)
    date = None if review is None else review.get("datePublished", "")
    pages = [(d.title, d.url) for d in discussed]  # a dataclass's repr is slow Python
    made_from = (common, claim_id, lang, shell_key, pages, date)
    return hashlib.blake2b(repr(made_from).encode(), digest_size=16).hexdigest()


def _once(shell_of: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """``shell_of``, each (language, version) rendered once."""
    made: dict[tuple[str, str], str] = {}

    def shell(lang: str, version: str) -> str:
        if (lang, version) not in made:
            made[(lang, version)] = shell_of(lang, version)
        return made[(lang, version)]

    return shell


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Equal, with the site compared as the same object (its data did not change)."""
    return a[0] == b[0] and a[1] is b[1] and a[2:] == b[2:]
