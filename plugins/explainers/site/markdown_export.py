"""The site-wide pages as Markdown files, for hosts that run no MkDocs plugin.

``explainers pages OUT_DIR`` writes what the MkDocs plugin generates inside its
build (the claims index, the sources index, one page per claim) as ordinary
Markdown, plus the package stylesheet and script, so any host that runs the
Python-Markdown extension (Zensical, ProperDocs without the plugin, a script) can
build them like any other page. A claim page holds the claim's box
(``::claim[id]``), the pages that discuss it, ``::unconfirmed`` and ``::sources``,
so the extension numbers and renders it exactly as on an article.

Which pages discuss which claim and number which source is read from the
articles by the same check as ``explainers check`` (:func:`~explainers.check.check_all`).

Every file written carries a marker (``generator: explainers pages`` in the front
matter, or a first-line comment), so a later run replaces and prunes only its own
files, and the MkDocs plugin ignores them when they sit in its ``docs_dir``.
"""

from __future__ import annotations

import json
import logging
import posixpath
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from ..data import translations
from ..data.model import Claim
from ..page import field_markdown as fieldmd
from ..page.i18n import Labels, normalize_lang
from .check import CheckResult
from .indexes import CLAIMS_DIR, CLAIMS_INDEX, SOURCES_INDEX, claims_index, md_text, versions_of
from .indexes import sources_index as make_sources_index

log = logging.getLogger("explainers")

MARK = "generator: explainers pages"
#: the package's assets (all of ``explainers/assets``), written where the plugin publishes them
ASSET_DIR = "assets/explainers"
ASSETS = tuple(
    sorted(
        f.name for f in resources.files("explainers").joinpath("assets").iterdir() if f.is_file()
    )
)
_ASSET_MARK = f"/* {MARK} */\n"


@dataclass(frozen=True)
class PageFile:
    """One file to write: its path under OUT_DIR (``/``-separated) and its text."""

    uri: str
    text: str


def claim_md(claim_id: str, version: str = "") -> str:
    """Where a claim's page goes under OUT_DIR; ``version``: another language it is
    written in (``claims/<id>/nb.md``, published at ``claims/<id>/nb/``)."""
    return f"{CLAIMS_DIR}/{claim_id}/{version}.md" if version else f"{CLAIMS_DIR}/{claim_id}.md"


def is_written(uri: str, path: Path) -> bool:
    """Whether the file at ``path`` (``uri`` under its folder) was written by this module."""
    if not _is_ours(uri):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).decode("utf-8", errors="replace")
    except OSError:
        return False
    if uri.endswith(".md"):
        front = head.split("\n---", 1)[0] if head.startswith("---\n") else ""
        return f"\n{MARK}\n" in front + "\n"
    return head.startswith(_ASSET_MARK)


def _is_ours(uri: str) -> bool:
    if uri in (CLAIMS_INDEX, SOURCES_INDEX):
        return True
    if posixpath.dirname(uri) == ASSET_DIR:
        return posixpath.basename(uri) in ASSETS
    folder = posixpath.dirname(uri)
    if posixpath.dirname(folder) == CLAIMS_DIR and translations.is_lang_code(
        posixpath.basename(uri)[:-3]
    ):
        return uri.endswith(".md")  # a claim's page in another language
    return folder == CLAIMS_DIR and uri.endswith(".md")


def _front(title: str, lang: str, description: str = "") -> str:
    lines = ["---", f"title: {json.dumps(escape(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(escape(description), ensure_ascii=False)}")
    lines += [f"lang: {lang}", MARK, "---", "", ""]
    return "\n".join(lines)


def _marked(text: str) -> str:
    """A generated page's front matter with the marker added."""
    head, sep, rest = text.partition("\n---\n")
    return f"{head}\n{MARK}{sep}{rest}" if text.startswith("---\n") and sep else text


def claim_page(
    claim: Claim,
    lang: str,
    discussed: list[tuple[str, str]],
    labels: dict[str, dict[str, str]] | None = None,
    version: str = "",
) -> str:
    """A claim's own page in Markdown; ``discussed`` holds (title, path under OUT_DIR);
    ``version``: its page in another language it is written in."""
    words = Labels(lang, labels)
    here = posixpath.dirname(claim_md(claim.id, version))
    shown = translations.localized(claim, lang, claim.lang or lang)[0]
    title = fieldmd.plain(shown.claim)
    summary = fieldmd.plain(shown.summary)
    index = posixpath.relpath(CLAIMS_INDEX, here)
    parts = [
        _front(title, lang, summary[:300] or title),
        f"[{md_text(words['claims_index'])}]({index})\n",
        f"# {md_text(title)}\n",
    ]
    others = versions_of(claim)
    if others:
        own = translations.base_lang(claim.lang)
        links = [
            f"[{md_text(Labels(v, labels)['language_name'])}]"
            f"({posixpath.relpath(claim_md(claim.id, '' if v == own else v), here)})"
            for v in [own, *others]
            if v != lang
        ]
        parts.append(f"{md_text(words['other_languages'])}: " + " · ".join(links) + "\n")
    parts.append(f"::claim[{claim.id}]\n")
    if discussed:
        parts.append(f"## {md_text(words['discussed_in'])}\n")
        parts += [f"- [{md_text(t)}]({posixpath.relpath(uri, here)})" for t, uri in discussed]
        parts.append("")
    parts += ["::unconfirmed\n", "::sources\n"]
    return "\n".join(parts)


def page_files(
    result: CheckResult, lang: str, labels: dict[str, dict[str, str]] | None = None
) -> list[PageFile]:
    """Every generated page and asset, in a fixed order (the same input, the same files)."""
    site = result.site
    index = result.index
    words = Labels(lang, labels)
    files = [
        PageFile(CLAIMS_INDEX, _marked(claims_index(site, words, md_links=True))),
        PageFile(SOURCES_INDEX, _marked(make_sources_index(site, index, words))),
    ]
    for claim_id, claim in sorted(site.claims.items()):
        discussed = [(index.titles[u], u) for u in index.claim_pages.get(claim_id, [])]
        page_lang = normalize_lang(claim.lang, lang) or lang
        files.append(PageFile(claim_md(claim_id), claim_page(claim, page_lang, discussed, labels)))
        for version in versions_of(claim):
            text = claim_page(claim, version, discussed, labels, version)
            files.append(PageFile(claim_md(claim_id, version), text))
    package = resources.files("explainers").joinpath("assets")
    for name in ASSETS:
        text = package.joinpath(name).read_text("utf-8")
        files.append(PageFile(f"{ASSET_DIR}/{name}", _ASSET_MARK + text))
    return files


class WriteError(Exception):
    """A file in the way that this module did not write; nothing was written."""


def write(out_dir: Path, files: list[PageFile]) -> list[Path]:
    """Write ``files`` under ``out_dir``; remove claim pages an earlier run wrote that are
    gone now. Refuses (before writing anything) to replace a file it did not write."""
    targets = [(out_dir / f.uri, f) for f in files]
    in_the_way = [path for path, f in targets if path.exists() and not is_written(f.uri, path)]
    if in_the_way:
        names = ", ".join(str(p) for p in in_the_way)
        raise WriteError(f"not replacing files that `explainers pages` did not write: {names}")
    wanted = {path.resolve() for path, _ in targets}
    stale = [
        path
        for path in sorted((out_dir / CLAIMS_DIR).glob("*.md"))
        + sorted((out_dir / CLAIMS_DIR).glob("*/*.md"))
        if path.resolve() not in wanted and is_written(path.relative_to(out_dir).as_posix(), path)
    ]
    written = []
    for path, f in targets:
        data = f.text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue  # unchanged: keep the file's time, so watching hosts do not rebuild
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for path in stale:
        path.unlink()
        log.info("removed %s", path)
    return written
