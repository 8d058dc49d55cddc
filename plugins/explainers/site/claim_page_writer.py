"""Claim pages written into the site folder: each claim's page filled into the host's
page shell (the theme's page without the site navigation, one per language), then
listed in the sitemap and the search index the host wrote.

Under ``serve`` a page is kept with the inputs it was made from, and made (and under
``--dirty`` written) again only when one of them changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.diagnostics import Diagnostic
from ..data.model import Site
from ..page.i18n import Labels, normalize_lang
from ..page.renderer import Renderer
from . import claim_pages, error_view, feeds, indexes
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


class ClaimPagesWriter:
    """The claim pages of a site's builds; under ``serve`` it keeps what it made."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Any, tuple[claim_pages.SearchDoc, str]]] = {}
        #: what the search index holds of the claim pages written last (a host that
        #: writes its index itself, as mkdocs-static-i18n does, adds them from here)
        self.entries: list[claim_pages.SearchDoc] = []

    def write(
        self,
        site_dir: Path,
        shell_of: Callable[[str, str], str],
        reusable: tuple[Path, Path] | None,
        given: ClaimPagesInput,
        opts: BuildOptions,
    ) -> None:
        """Every claim's page, filled into the host's page shell (``shell_of(lang,
        version)``; ``version``: a claim's page in another language, a folder deeper) and
        written as it is made, in this build's folder (:attr:`.BuildOptions.prefix`);
        then the claim pages go into the sitemap and the search index the host wrote. ``reusable``: (staging folder, live site) when the
        build will be swapped in, so an unchanged page can be a link to the live one.

        Under ``serve`` a page is kept with the inputs it was made from, and made (and
        under ``--dirty`` written) again only when one of them changed.
        """
        root = opts.prefix
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
        writer = PageWriter(reusable)
        kept: dict[str, tuple[Any, tuple[claim_pages.SearchDoc, str]]] = {}
        for claim_id, claim in sorted(site.claims.items()):
            lang = normalize_lang(claim.lang, opts.lang, opts.langs) or opts.lang
            if lang not in shells:
                shell = shell_of(lang, "").replace("</head>", links + "\n</head>", 1)
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
                    versions[version] = shell_of(version, version).replace(
                        "</head>", to_feeds + "\n</head>", 1
                    )
                made = maker.page(claim, version, discussed, review, version)
                html = claim_pages.fill(versions[version], made, opts.theme_lang)
                other = site_dir / claim_pages.claim_dest(
                    claim_id, opts.directory_urls, version, root
                )
                writer.write(other, error_view.inject(html, given.serve_errors, version))
                entries.append(made.search_doc())
            dest = site_dir / claim_pages.claim_dest(claim_id, opts.directory_urls, root=root)
            key = None
            if opts.serving:
                published = reviews.get(claim_id, {}).get("datePublished", "")
                discussions = tuple((d.title, d.url) for d in discussed)
                key = (lang, shell_key, discussions, published, settings)
                cached = self.kept.get(claim_id)
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
                    if not (opts.dirty and dest.exists()):
                        writer.write(
                            dest, error_view.inject(cached[1][1], given.serve_errors, lang)
                        )
                    continue
            made = maker.page(claim, lang, discussed, reviews.get(claim_id))
            html = claim_pages.fill(shell, made, opts.theme_lang)
            writer.write(dest, error_view.inject(html, given.serve_errors, lang))
            doc = made.search_doc()
            entries.append(doc)
            if opts.serving:
                kept[claim_id] = (key, (doc, html))
        writer.close()
        self.kept = kept
        self.entries = entries
        _list_claim_pages(site_dir, entries, site, opts)


def _list_claim_pages(
    site_dir: Path, entries: list[claim_pages.SearchDoc], site: Site, opts: BuildOptions
) -> None:
    """The claim pages in the sitemap and the search index, where the host wrote them."""
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        claims = [site.claims[i] for i in sorted(site.claims)]
        xml = claim_pages.sitemap_with(
            sitemap.read_text("utf-8"), opts.site_url, claims, opts.directory_urls, opts.prefix
        )
        sitemap.write_text(xml, "utf-8")
        gz = site_dir / "sitemap.xml.gz"
        previous = gz.read_bytes() if gz.exists() else None
        gz.write_bytes(claim_pages.gzip_like(xml.encode("utf-8"), previous))
    search = site_dir / "search" / "search_index.json"
    if search.exists():
        data = json.loads(search.read_text("utf-8"))  # its text let go once parsed
        pieces = claim_pages.search_index_pieces(data, entries, opts.directory_urls, opts.prefix)
        with search.open("w", encoding="utf-8") as out:
            out.writelines(pieces)
