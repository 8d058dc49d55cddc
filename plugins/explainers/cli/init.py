"""``explainers init DIR``: a new site of its own, ready for ``mkdocs serve``.

The site is copied from the package's ``sitetemplate/`` folder: a ``mkdocs.yml``
(Material, the plugin, the Markdown extensions the format reference recommends) and
``content/`` with a home page and one example explainer, claim and source, in
English or Norwegian Bokmål. It holds nothing the package provides (templates,
stylesheets, scripts, schemas): the plugin adds those itself, so a site that is
upgraded with ``pip`` gets the new ones.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

log = logging.getLogger(__name__)

LANGS = ("en", "nb")
#: Stored without its dot (package data globs and some tools skip dotfiles).
GITIGNORE = "gitignore"


class InitError(Exception):
    """The site cannot be written where it was asked for; nothing was written."""


@dataclass(frozen=True)
class SiteFile:
    """One file of the new site: where it goes (relative, POSIX) and its text."""

    path: str
    text: str


def _walk(folder: Traversable, prefix: str = "") -> list[SiteFile]:
    found: list[SiteFile] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            found += _walk(entry, f"{prefix}{entry.name}/")
        else:
            found.append(SiteFile(prefix + entry.name, entry.read_text("utf-8")))
    return found


def site_files(lang: str = "en") -> list[SiteFile]:
    """Every file ``init`` writes for a site in ``lang``, in a fixed order."""
    if lang not in LANGS:
        raise InitError(f"no site template for language '{lang}' (choose from {', '.join(LANGS)})")
    root = resources.files("explainers").joinpath("sitetemplate")
    files = [SiteFile(".gitignore", root.joinpath(GITIGNORE).read_text("utf-8"))]
    return files + _walk(root.joinpath(lang))


def write_site(target: Path, lang: str = "en", force: bool = False) -> list[SiteFile]:
    """Write a new site into ``target`` (made if missing); return what was written.

    A folder that holds anything is refused unless ``force``; even then no file that
    exists is changed, so ``--force`` only adds a site beside what is there.
    """
    files = site_files(lang)
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InitError(f"{target} is not empty; pass --force to add a site to it anyway")
    clashes = [f.path for f in files if (target / f.path).exists()]
    if clashes:  # every one of them, so a second try does not find the next
        raise InitError(f"{target}: {', '.join(clashes)} exist already; init never replaces a file")
    made: list[Path] = []  # files and folders this run made, to take back on a failure
    try:
        for file in files:
            path = target / file.path
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                made.append(path)
                handle.write(file.text)
            log.debug("wrote %s", path)
    except OSError as exc:
        for path in reversed(made):
            path.rmdir() if path.is_dir() else path.unlink()
        where = exc.filename or target
        raise InitError(f"{where}: {exc.strerror or exc}; nothing was written") from exc
    return files


def next_steps(target: Path) -> str:
    """What to run next, with the folder as the user would type it."""
    relative = os.path.relpath(target)
    shown = target if relative.startswith("..") else relative
    cd = "" if relative == "." else f"  cd {shown}\n"
    return (
        f"{cd}  mkdocs serve                 preview at http://127.0.0.1:8000\n"
        "  explainers check --strict    check the content without building\n"
        "  mkdocs build                 write the site to site/"
    )
