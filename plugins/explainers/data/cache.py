"""Content-keyed results, so a check after one edit only redoes the work that edit touched.

Every entry is keyed by a hash of what it was computed from (the file's bytes, the
schema, the Markdown configuration, this package's code), never by time or name, so
a stale entry cannot be found, only a missing one. Values are JSON (never pickle): a
cache folder that came from elsewhere can at worst hold wrong data for inputs that
hash the same, not run code.

:class:`Cache` keeps entries in memory (the MkDocs plugin keeps one across
``mkdocs serve`` rebuilds) and, given a folder, on disk (``explainers check`` uses
``<site root>/.explainers_cache/``). Writing is best effort: a read-only site still checks.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache as memoize
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

FOLDER = ".explainers_cache"
#: seconds an entry on disk that no run used is kept
STALE_AFTER = 24 * 3600
#: seconds between two prunes of a cache folder on disk: listing its thousands of
#: entries on every run cost a large site's build and each check a few hundredths of a second
PRUNE_EVERY = 3600
#: the file whose modification time says when the folder was last pruned
PRUNED = ".pruned"
#: bump when the shape of a cached value changes
FORMAT = "3"  # 2: a located page keeps its links; 3: claims keep text per language
#: the files of this package a cached value can depend on: every module and the schemas
#: (the stylesheet, scripts and templates are read when a page is written, never cached)
CODE_SUFFIXES = (".py", ".json")


def code_files(root: Traversable) -> list[str]:
    """Every module and data file under ``root`` (this package), as sorted relative paths:
    found, not listed by hand, so a module added later is part of the key too."""
    found: list[str] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for item in folder.iterdir():
            if item.is_dir():
                if item.name != "__pycache__":
                    walk(item, f"{prefix}{item.name}/")
            elif item.name.endswith(CODE_SUFFIXES):
                found.append(prefix + item.name)

    walk(root, "")
    return sorted(found)


def package_files(digest: Any, names: Iterable[str]) -> None:
    """Add the name and text of these files of this package to ``digest`` (a hashlib object)."""
    package = resources.files("explainers")
    for name in names:
        data = package.joinpath(name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)


@memoize
def code_version() -> str:
    """A hash of this package's code and data files: a new version (or an edited
    checkout) never reads entries an older one wrote."""
    digest = hashlib.sha256(FORMAT.encode())
    package_files(digest, code_files(resources.files("explainers")))
    return digest.hexdigest()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block without the cyclic garbage collector: loading thousands of small
    objects (a cached site) otherwise spends more time in collections than in loading.
    Nothing made there is cyclic garbage, so what exists at the end is frozen
    (``gc.freeze``): else the first collection after the block walks every object it
    made, a fifth of a second on a large site. The collector resumes as it was; a
    long-lived caller (the plugin under ``serve``) calls ``gc.unfreeze()`` when done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def key(*parts: str | bytes) -> str:
    """A hash of ``parts`` (each length-prefixed, so parts cannot run into each other)."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Entries by (space, key), in memory and optionally in ``folder``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._memory: dict[tuple[str, str], Any] = {}
        self._decoded: dict[tuple[str, str], Any] = {}  # kept by get(..., keep=True)
        self._used: dict[str, set[str]] = {}
        #: whether what is read from or written to ``folder`` is also held in memory, for
        #: a later run in this process (``serve``'s rebuilds); a one-off build asks for
        #: each page's entries once, and held they would stay through the whole build
        self.remember = True
        self.hits = 0
        self.misses = 0

    def _path(self, space: str, ident: str) -> Path:
        assert self.folder is not None
        return self.folder / space / f"{ident}.json"

    def get(
        self,
        space: str,
        ident: str,
        decode: Callable[[Any], T] | None = None,
        keep: bool = False,
        once: bool = False,
    ) -> T | Any | None:
        """The value stored under ``ident`` (passed through ``decode``), or None: also
        when the stored value is damaged and ``decode`` fails on it.

        With ``keep``, the decoded value itself is kept and handed out again by later
        calls (under ``mkdocs serve``, a rebuild decodes only the files that changed):
        only for values no caller changes. With ``once``, a value read from disk is not
        held in memory either (the caller copies what it needs: the fragments, whose
        lists would otherwise stay for the whole build beside the copy).
        """
        self._used.setdefault(space, set()).add(ident)
        if keep and (space, ident) in self._decoded:
            self.hits += 1
            return self._decoded[(space, ident)]
        value = self._memory.get((space, ident))
        if value is None and self.folder is not None:
            try:
                value = json.loads(self._path(space, ident).read_bytes())
            except (OSError, ValueError):
                value = None
            # kept: the decoded value is what is reused
            if value is not None and not (keep or once) and self.remember:
                self._memory[(space, ident)] = value
        if value is not None and decode is not None:
            try:
                value = decode(value)
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
                log.debug("cache: damaged entry %s/%s: %s", space, ident, exc)
                self._memory.pop((space, ident), None)
                value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            if keep:
                self._decoded[(space, ident)] = value
                if self.folder is not None:  # the JSON is on disk, if ever asked for again
                    self._memory.pop((space, ident), None)
        return value

    def put(self, space: str, ident: str, value: Any, kept: Any = None) -> None:
        """Store a JSON-able value; never fails (a cache that cannot write only costs time).

        ``kept``: what ``get(..., keep=True)`` would decode ``value`` to, handed out as is.
        """
        self._used.setdefault(space, set()).add(ident)
        if self.folder is None or (kept is None and self.remember):
            self._memory[(space, ident)] = value
        else:  # the JSON goes to disk; in memory, only what get(..., keep=True) hands out
            self._memory.pop((space, ident), None)
        if kept is None:
            self._decoded.pop((space, ident), None)
        else:
            self._decoded[(space, ident)] = kept
        if self.folder is None:
            return
        path = self._path(space, ident)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# explainers' check cache: safe to delete\n*\n", "utf-8")
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
            os.replace(temp, path)
        except OSError as exc:
            log.debug("cache: cannot write %s: %s", path, exc)

    def _prune_due(self) -> bool:
        """Whether the folder was last pruned ``PRUNE_EVERY`` seconds ago or more (or
        never); if so, now counts as the last prune."""
        assert self.folder is not None
        stamp = self.folder / PRUNED
        try:
            if time.time() - stamp.stat().st_mtime < PRUNE_EVERY:
                return False
        except OSError:
            pass  # never pruned (or unreadable): prune
        try:
            stamp.touch()
        except OSError as exc:  # a read-only cache: prunes every time, as it would anyway
            log.debug("cache: cannot stamp %s: %s", stamp, exc)
        return True

    def touch(self, space: str, ident: str) -> None:
        """Mark an entry used without reading it: :meth:`forget_unused` keeps it."""
        self._used.setdefault(space, set()).add(ident)

    def used(self, space: str) -> frozenset[str]:
        """The entries of ``space`` read or written since :meth:`forget_unused` last ran:
        what a caller that reuses its result without asking again must :meth:`touch`."""
        return frozenset(self._used.get(space, ()))

    def forget_unused(self, max_age: float = STALE_AFTER) -> None:
        """Drop the entries not read or written since this cache was made (or last
        pruned): after a run over the whole site, those belong to content that is gone.
        On disk only those older than ``max_age`` seconds go, so undoing an edit finds
        its entries again, and the folder is looked through at most once every
        ``PRUNE_EVERY`` seconds."""
        self._memory = {
            (space, ident): value
            for (space, ident), value in self._memory.items()
            if ident in self._used.get(space, set())
        }
        self._decoded = {
            (space, ident): value
            for (space, ident), value in self._decoded.items()
            if ident in self._used.get(space, set())
        }
        if self.folder is not None and self._prune_due():
            now = time.time()
            for space, used in self._used.items():
                folder = self.folder / space
                try:
                    for path in folder.glob("*.json"):
                        if path.stem not in used and now - path.stat().st_mtime > max_age:
                            path.unlink()
                except OSError as exc:
                    log.debug("cache: cannot prune %s: %s", folder, exc)
        self._used = {}
