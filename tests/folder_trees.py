"""Site folders as dicts, for the site-folder tests: written from one, read into one."""

from __future__ import annotations

import os
from pathlib import Path


def put(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` under ``folder``; a text ``-> x`` makes a symlink to ``x``."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text.startswith("-> "):
            path.symlink_to(text[3:])
        else:
            path.write_text(text, "utf-8")


def tree(folder: Path) -> dict[str, str]:
    """The files and symlinks under ``folder`` (links as ``-> target``, never followed)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            if path.is_symlink():
                out[path.relative_to(folder).as_posix()] = "-> " + os.readlink(path)
            elif path.is_file():
                out[path.relative_to(folder).as_posix()] = path.read_text("utf-8")
    return dict(sorted(out.items()))


def leftovers(folder: Path) -> list[str]:
    """The build's own entries beside the site (staging, old site, reused folder)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site"))
