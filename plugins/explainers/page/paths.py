"""Relative paths between pages, worked out from the two paths alone: a large site
makes tens of thousands of links a build, and ``posixpath.relpath`` asks the system
for the working folder twice a call."""

from __future__ import annotations

import posixpath


def walk(here: list[str], to: list[str]) -> str:
    """The way from the folder whose parts are ``here`` to the path whose parts are
    ``to``: up past what they do not share, then down ("" where they are the same)."""
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:])


def _parts(path: str) -> list[str] | None:
    """A relative path's parts once normalised; None where it leaves its folder or is absolute."""
    norm = posixpath.normpath(path)
    if norm.startswith("/") or norm == ".." or norm.startswith("../"):
        return None
    return [part for part in norm.split("/") if part and part != "."]


def relpath(path: str, start: str = ".") -> str:
    """``posixpath.relpath(path, start)``, without asking the system for the working
    folder where both paths are relative and stay below it (every link to a claim page:
    ``posixpath.relpath`` calls ``os.getcwd()`` twice a link, thousands of times a build)."""
    to, here = _parts(path), _parts(start)
    if not path or to is None or here is None:
        return posixpath.relpath(path, start)
    return walk(here, to) or "."
