"""One full check of a site: data files, then every article, then site-wide warnings.

Shared by the MkDocs plugin (before anything is written) and ``explainers check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .articles import ArticleIndex, check_article, index_articles
from .diagnostics import Report
from .load import load_site, rel
from .model import Site, Verdict
from .validate import check_unused


@dataclass
class CheckResult:
    site: Site
    index: ArticleIndex
    report: Report


def check_all(
    root: Path,
    claims_dir: Path,
    sources_dir: Path,
    articles: list[tuple[str, Path]],
    default_lang: str = "en",
    scale: dict[str, Verdict] | None = None,
) -> CheckResult:
    """``articles`` are (path under docs_dir, file) pairs, in the order to report them."""
    loaded = load_site(root, claims_dir, sources_dir, scale)
    report = loaded.report
    facts = []
    for src_uri, file in articles:
        page = check_article(
            file.read_bytes(), src_uri, rel(file, root), loaded.site, default_lang, report
        )
        if page is not None:
            facts.append(page)
    index = index_articles(facts)
    check_unused(loaded.site, index.cited, report)
    return CheckResult(loaded.site, index, report)


def find_articles(docs_dir: Path, skip: list[Path]) -> list[tuple[str, Path]]:
    """Markdown files under docs_dir (as MkDocs would take them), outside the data folders."""
    skip = [s.resolve() for s in skip]
    found = []
    for file in sorted(docs_dir.rglob("*.md"), key=lambda p: p.as_posix()):
        resolved = file.resolve()
        if any(resolved.is_relative_to(s) for s in skip):
            continue
        if any(part.startswith(".") for part in file.relative_to(docs_dir).parts):
            continue
        found.append((file.relative_to(docs_dir).as_posix(), file))
    return found
