"""Which language build of mkdocs-static-i18n is running, read from the plugin itself.

i18n builds the site once per language: the first build is the default language,
at the site's root; from its own ``on_post_build`` it runs MkDocs' build again for
each other language, into ``<lang>/`` of the same site folder. Every event of ours
runs once per language. Duck-typed: the package is not a dependency of ours.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from ...site import indexes
from ...site.claim_pages import SearchDoc, claim_url, is_claim_location

log = logging.getLogger("explainers.i18n_build")

PLUGIN_NAMES = ("i18n",)


@dataclass(frozen=True)
class LanguageBuild:
    """One of i18n's language builds."""

    lang: str  #: the language this build publishes (i18n's locale)
    prefix: str  #: where it publishes, under the site folder: "" or "nb/"
    nested: bool  #: run from i18n's on_post_build (not the first build)


def language_build(config: MkDocsConfig) -> LanguageBuild | None:
    """The language build under way, or None on a site without mkdocs-static-i18n."""
    plugin = next((config.plugins.get(n) for n in PLUGIN_NAMES if n in config.plugins), None)
    if plugin is None:
        return None
    default = getattr(plugin, "default_language", None)
    # before i18n's own on_config (ours runs first) the first build has no language yet
    current = getattr(plugin, "current_language", None) or default
    if not isinstance(current, str) or not isinstance(default, str):
        return None
    nested = bool(getattr(plugin, "building", False))
    return LanguageBuild(current, "" if current == default else f"{current}/", nested)


def folder_layout(config: MkDocsConfig) -> bool:
    """Does mkdocs-static-i18n keep each language in a folder (``docs_structure: folder``)?"""
    plugin = next((config.plugins.get(n) for n in PLUGIN_NAMES if n in config.plugins), None)
    options = getattr(plugin, "config", None)
    return getattr(options, "docs_structure", None) == "folder"


def index_pages_in_nav(nav: Navigation, files: Files, config: MkDocsConfig) -> None:
    """With i18n's folder layout and an automatic nav, our index pages in each
    language's nav, as its suffix layout has them (:func:`with_index_pages`)."""
    if config.nav is None and folder_layout(config):
        with_index_pages(nav, files, (indexes.CLAIMS_INDEX, indexes.SOURCES_INDEX))


def with_index_pages(nav: Navigation, files: Files, uris: Iterable[str]) -> None:
    """Put the index pages ``uris`` back at the end of an automatic nav.

    i18n's folder layout keeps in each language's nav only the pages of the language
    folders (``en/``, ``nb/``), so our index pages, at the top of the site, drop out of
    it; its suffix layout, and a site without i18n, have them last. A page the nav
    holds, or one kept out of it, is left alone."""
    present = set(_nav_uris(nav.items))
    for uri in uris:
        file = files.get_file_from_path(uri)
        page = file.page if file is not None else None
        if page is None or file is None or uri in present or not file.inclusion.is_in_nav():
            continue
        page.parent = None
        nav.items.append(page)
        if page not in nav.pages:  # i18n leaves them there
            nav.pages.append(page)


def _nav_uris(items: Iterable[Any]) -> Iterable[str]:
    """The source paths of the pages in nav ``items``, at any depth."""
    for item in items:
        file = getattr(item, "file", None)
        if file is not None:
            yield file.src_uri
        yield from _nav_uris(getattr(item, "children", None) or [])


def i18n_search_entries(
    config: MkDocsConfig, docs: Iterable[SearchDoc], directory_urls: bool, root: str
) -> None:
    """Add the claim pages to the search plugin's own entries.

    i18n collects those entries after each language's build and writes the site's
    one search index from them at the end, over the file each build wrote (where a
    site without i18n gets its claim pages: :func:`search_index_with`).
    """
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if entries is None:
            entries = getattr(index, "_entries", None)
        if not isinstance(entries, list):
            continue
        found = [e for e in entries if not is_claim_location(str(e.get("location", "")), root)]
        found += [
            {
                "location": claim_url(d.claim_id, directory_urls, d.version, root),
                "title": d.title,
                "text": d.text,
            }
            for d in docs
        ]
        entries[:] = found
