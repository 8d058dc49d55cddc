"""What the plugin takes out of MkDocs' files and puts in: the data is input, never
published; the index pages, the package's assets and the schemas are added."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ...data import drafts, schema
from ...data.load import is_under, real_path
from ...data.model import Verdict
from ...page.i18n import LANGS
from ...page.lang_meta import SCRIPT_URI as LANG_SCRIPT_URI
from ...site import claims_filter, indexes
from ...site.markdown_export import is_written
from .config import ExplainersConfig
from .overrides import add_overrides
from .theme_shell import TEMPLATES_DIR

log = logging.getLogger("mkdocs.plugins.explainers")
ASSET_URI = "assets/explainers/explainers.css"
SCRIPT_URI = "assets/explainers/explainers.js"
#: the package's assets the plugin publishes: (URI, file under explainers/assets)
ASSETS = (
    (ASSET_URI, "explainers.css"),
    (SCRIPT_URI, "explainers.js"),
    (LANG_SCRIPT_URI, "lang.js"),
)
#: what each of i18n's language builds publishes in its language's folder (``nb/``)
LANGUAGE_PAGES = (
    indexes.CLAIMS_INDEX,
    indexes.SOURCES_INDEX,
)


def add_to_config(config: MkDocsConfig, assets: bool, data_dirs: Iterable[Path]) -> None:
    """The lean page template and the Material overrides (:mod:`.overrides`), the
    package's stylesheet and scripts, and the data folders to watch under ``serve``
    (those outside docs_dir: MkDocs watches that)."""
    if str(TEMPLATES_DIR) not in config.theme.dirs:
        config.theme.dirs.append(str(TEMPLATES_DIR))
    add_overrides(config.theme)
    if assets and ASSET_URI not in config.extra_css:
        config.extra_css.insert(0, ASSET_URI)
    for script in (SCRIPT_URI, LANG_SCRIPT_URI) if assets else ():
        if script not in map(str, config.extra_javascript):
            config.extra_javascript.append(script)
    docs = Path(config.docs_dir).resolve()
    for folder in data_dirs:
        if not folder.is_relative_to(docs) and str(folder) not in config.watch:
            config.watch.append(str(folder))


def drop_data(files: Files, claims_dir: Path, sources_dir: Path) -> None:
    """Take the data files (and what ``explainers pages`` wrote) out of the site."""

    folders = (os.fspath(claims_dir), os.fspath(sources_dir))

    def is_data(file: File) -> bool:
        if not file.abs_src_path:
            return False
        path = real_path(file.abs_src_path)  # text: a site has thousands of files
        return (
            is_under(path, folders[0])
            or is_under(path, folders[1])
            or is_written(file.src_uri, Path(path))  # made by `explainers pages`
        )

    for file in [f for f in files if is_data(f)]:
        files.remove(file)


class DraftFiles:
    """Under ``serve``: whether each article is a draft, kept with its file's time and
    size (each rebuild asks of every article: 1,000 files read otherwise)."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[int, int, bool]] = {}

    def of(self, paths: Iterable[str]) -> set[str]:
        """Those of ``paths`` (files) that are drafts; only a changed file is read."""
        seen: dict[str, tuple[int, int, bool]] = {}
        for path in paths:
            try:
                stat = os.stat(path)
            except OSError:
                continue  # unreadable: not a draft (its reader reports it)
            found = self.seen.get(path)
            if found is None or found[:2] != (stat.st_mtime_ns, stat.st_size):
                found = (stat.st_mtime_ns, stat.st_size, drafts.file_is_draft(Path(path)))
            seen[path] = found
        self.seen = seen
        return {path for path, found in seen.items() if found[2]}


def find_drafts(
    files: Files, config: MkDocsConfig, serving: bool, memo: DraftFiles | None = None
) -> set[str]:
    """The articles marked ``draft: true``. A build leaves them out, and out of the
    nav: MkDocs never renders them, and a nav entry for one is no broken link.
    ``memo``: under ``serve``, what the last rebuild found."""
    pages = [f for f in files.documentation_pages() if not f.generated_by and f.abs_src_path]
    if serving and memo is not None:
        marked = memo.of(str(f.abs_src_path) for f in pages)
        found = {f.src_uri for f in pages if f.abs_src_path in marked}
    else:
        found = {f.src_uri for f in pages if drafts.file_is_draft(Path(str(f.abs_src_path)))}
    if serving or not found:
        return found
    for uri in sorted(found):
        file = files.get_file_from_path(uri)
        if file is not None:
            files.remove(file)
    config.nav = drafts.without_pages(config.nav, found)
    return found


def add_generated(
    files: Files,
    config: MkDocsConfig,
    options: ExplainersConfig,
    scale: dict[str, Verdict] | None,
    prefix: str = "",
    langs: Sequence[str] = LANGS,
) -> None:
    """The index pages (their text is made once the articles are rendered), the
    package's stylesheet and scripts, the schemas; never over a page of the site's own.
    ``prefix``: the language's folder of an i18n language build, where its index pages
    go; ``langs``: the site's languages (its schema's)."""

    def add(uri: str, content: str) -> None:
        if files.get_file_from_path(uri) is not None:
            log.warning(f"explainers: {uri} exists in docs_dir; not generating it")
            return
        file = File.generated(config, uri, content=content)
        if prefix and uri in LANGUAGE_PAGES:
            file.dest_uri = prefix + file.dest_uri  # in this language's folder
        files.append(file)

    if options.claim_pages:
        add(indexes.CLAIMS_INDEX, "")
        add(indexes.SOURCES_INDEX, "")
        # the claims index's filter (see explainers.site.claims_filter)
        script = resources.files("explainers").joinpath("assets/claims-filter.js")
        add(claims_filter.SCRIPT_URI, script.read_text("utf-8"))
    for uri, name in ASSETS if options.assets else ():
        add(uri, resources.files("explainers").joinpath(f"assets/{name}").read_text("utf-8"))
    if options.publish_schemas:
        for kind in schema.KINDS:
            add(f"schemas/{kind}.schema.json", schema.schema_text(kind, scale, langs))


def refresh(files: Files, uris: set[str]) -> None:
    """Under ``--dirty``, make MkDocs render these pages again: their output is gone."""
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is not None:
            Path(file.abs_dest_path).unlink(missing_ok=True)


def nav_articles(files: Files, drafts: set[str]) -> list[tuple[str, Path]]:
    """The site's own pages that belong in the nav (not drafts): path and file."""
    docs = files.documentation_pages(inclusion=InclusionLevel.is_in_nav)
    return [
        (f.src_uri, Path(f.abs_src_path or ""))
        for f in docs
        if not f.generated_by and f.src_uri not in drafts
    ]


def left_as_they_were(
    files: Files | None, built: set[str], lang_of: Callable[[Page | None], str]
) -> Iterator[tuple[Path, str]]:
    """Under ``serve --dirty``, the pages MkDocs did not write this time, with their
    language."""
    for file in files.documentation_pages() if files is not None else []:
        dest = Path(file.abs_dest_path)
        if file.abs_dest_path in built or not dest.is_file():
            continue
        yield dest, lang_of(file.page)
