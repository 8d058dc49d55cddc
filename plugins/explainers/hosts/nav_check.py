"""A page that the site's ``nav`` does not list: readers cannot reach it from the menu.

MkDocs only logs such pages at info level, so a new article quietly goes missing
from the menu. When ``mkdocs.yml`` has a ``nav``, every Markdown page not listed
there (and not exempted by ``not_in_nav``) gets a warning with the line to add.
Used by ``explainers check`` and by the plugin (``on_nav``).
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path

import pathspec

from ..data.diagnostics import Report
from ..data.load import rel

log = logging.getLogger(__name__)

MESSAGE = 'this page is not in nav: add "- {uri}" under nav: in mkdocs.yml'


def _normal(entry: str) -> str | None:
    """A nav entry as a path under docs_dir, or None for a link to elsewhere."""
    entry = entry.strip()
    if not entry or "://" in entry or entry.startswith(("mailto:", "#")):
        return None
    return posixpath.normpath(entry.lstrip("/")).removeprefix("./")


def nav_paths(nav: object) -> set[str]:
    """Every page path that a ``nav`` setting lists, at any depth."""
    found: set[str] = set()
    stack: list[object] = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            path = _normal(item)
            if path is not None:
                found.add(path)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def check_nav(
    nav: object,
    articles: Iterable[tuple[str, Path]],
    root: Path,
    report: Report,
    exempt: str = "",
) -> None:
    """Warn at ``path:1:1`` for each article (src_uri, file) that ``nav`` does not list.

    ``nav`` is the raw setting; without one MkDocs lists every page, so nothing is
    missing. ``exempt`` holds gitignore-style patterns (``not_in_nav``).
    """
    if not isinstance(nav, list):
        return
    listed = nav_paths(nav)
    spec = pathspec.GitIgnoreSpec.from_lines(exempt.splitlines()) if exempt.strip() else None
    for src_uri, file in articles:
        if src_uri in listed or (spec is not None and spec.match_file(src_uri)):
            continue
        report.warning(rel(file, root), 1, 1, MESSAGE.format(uri=src_uri))


def warn_unlisted(
    nav: object, articles: Iterable[tuple[str, Path]], root: Path, warn: Callable[[str], object]
) -> None:
    """The same check for a host that logs: ``warn`` gets each ``path:1:1: warning: ...`` line."""
    report = Report()
    check_nav(nav, articles, root, report)
    for diagnostic in report.sorted():
        warn(str(diagnostic))
