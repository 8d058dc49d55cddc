"""Under ``mkdocs serve``: the data folders looked at every 0.1 s (the option
``serve_data_poll``), where MkDocs' watcher looks at each watched folder every 0.5 s.
A saved claims or sources file then starts its rebuild 0.2 s sooner on average, up to
0.4 s; each look at a folder of a few dozen files costs ~0.15 ms.

Each change calls MkDocs' own handler, as for any watched path: a data folder is
watched through MkDocs' ``server.watch`` with a second polling observer in
``server.observer`` for that call, and MkDocs' later ``watch`` of the same folder (the
plugin lists it in ``config.watch``) only counts it again. A data folder inside a
folder MkDocs watches (``docs_dir``: the default ``content/claims``) must not be seen
twice (two rebuilds for one save): MkDocs' watches move to an observer of the same
interval whose looks skip it. Polling, as MkDocs does it, so editors that replace
files and network or container file systems behave as before. A folder of more than
:data:`MOST_FILES` files is left to MkDocs' watcher (a look costs ~8 µs a file).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingEmitter, PollingObserver

#: the most files a data folder may hold to be looked at every ``serve_data_poll``
MOST_FILES = 500


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _at_or_in(path: str, folder: str) -> bool:
    return path == folder or _inside(path, folder)


def _within(real: str, watched: str) -> str | None:
    """``real`` (a folder's real path) named as a path under ``watched`` as MkDocs
    names it (its real path may differ: a link on the way), when it is inside it."""
    watched_real = os.path.realpath(watched)
    if not _inside(real, watched_real):
        return None
    return os.path.join(watched, os.path.relpath(real, watched_real))


def _count_files(folder: str, most: int) -> int:
    """The files under ``folder``, counted up to ``most + 1``."""
    count = 0
    for _, _, names in os.walk(folder):
        count += len(names)
        if count > most:
            break
    return count


def skipping(folders: frozenset[str]) -> Callable[[str | None], Iterator[os.DirEntry[str]]]:
    """A folder's listing without ``folders`` (paths as the snapshot joins them); read
    at once, so a folder that cannot be read fails here, as ``os.scandir`` does."""

    def listdir(path: str | None) -> Iterator[os.DirEntry[str]]:
        with os.scandir(path) as entries:
            kept = [e for e in entries if os.path.join(path or ".", e.name) not in folders]
        return iter(kept)

    return listdir


class SkippingObserver(PollingObserver):
    """MkDocs' polling observer, whose looks skip some folders."""

    def __init__(self, skip: frozenset[str], timeout: float) -> None:
        emitter = partial(PollingEmitter, stat=os.stat, listdir=skipping(skip))
        # PollingObserver's own __init__ with this emitter (as watchdog's PollingObserverVFS)
        BaseObserver.__init__(self, emitter, timeout=timeout)  # type: ignore[arg-type]


class DataWatch:
    """The data folders' observer under ``serve``: started by :meth:`start` (the
    plugin's ``on_serve``), stopped by :meth:`stop` (``on_shutdown``)."""

    def __init__(self) -> None:
        self.observer: PollingObserver | None = None
        #: the data folders it looks at (as MkDocs names them: absolute paths)
        self.folders: list[str] = []

    def start(
        self,
        server: LiveReloadServer,
        folders: Iterable[Path],
        interval: float,
        mkdocs_paths: Iterable[str] = (),
    ) -> None:
        """Look at ``folders`` every ``interval`` seconds (MkDocs' handler called on a
        change), each left out of the folders MkDocs looks through. ``mkdocs_paths``:
        what MkDocs' ``serve`` watches itself (``docs_dir``, the config file, the theme's
        folders): only those watches are moved. A folder that holds something MkDocs
        watches (the config file), or more than :data:`MOST_FILES` files, is left to
        MkDocs; so is one inside a folder MkDocs watches when its watches cannot move
        (its observer started, replaced, or watching paths of another plugin's)."""
        self.stop()
        mkdocs = server.observer
        watches = [emitter.watch for emitter in mkdocs.emitters]
        deep = sorted({w.path for w in watches if w.is_recursive})  # looked through
        chosen: dict[str, str] = {}  # MkDocs' name of each folder (absolute): its real path
        for folder in folders:
            path = os.path.abspath(folder)
            real = os.path.realpath(path)
            if path in chosen or not os.path.isdir(real):
                continue
            if any(_at_or_in(os.path.realpath(w.path), real) for w in watches):
                continue  # MkDocs' watch in it would be looked through every interval
            if _count_files(real, MOST_FILES) > MOST_FILES:
                continue
            chosen[path] = real
        skip = frozenset(
            named for real in chosen.values() for w in deep if (named := _within(real, w))
        )
        own = {os.path.abspath(p) for p in mkdocs_paths}
        movable = (
            not mkdocs.is_alive()
            and type(mkdocs) is PollingObserver
            and all(_raw_path(w) in own for w in watches)
        )
        if skip and movable:  # MkDocs' watches move to an observer that skips them
            _move(server, [_raw_path(w) for w in watches], SkippingObserver(skip, mkdocs.timeout))
        elif skip:  # left to MkDocs' watcher
            chosen = {p: r for p, r in chosen.items() if not any(_within(r, w) for w in deep)}
        if not chosen:
            return
        main, fast = server.observer, PollingObserver(timeout=interval)
        server.observer = fast
        try:
            for path in chosen:
                server.watch(path)  # MkDocs' handler, on the fast observer
        finally:
            server.observer = main
        self.observer, self.folders = fast, list(chosen)
        fast.start()

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=2)
        self.observer, self.folders = None, []


def _raw_path(watch: ObservedWatch) -> str:
    """The path a watch was asked for (watchdog 5+ watches a file's folder)."""
    return str(getattr(watch, "raw_path", watch.path))


def _move(server: LiveReloadServer, paths: Iterable[str], observer: PollingObserver) -> None:
    """MkDocs' watches of ``paths`` (each as many times as it was asked for) moved from
    its observer, not yet started, to ``observer``, which its server then starts."""
    asked: dict[str, int] = {}
    for path in dict.fromkeys(paths):
        while any(_raw_path(e.watch) == path for e in server.observer.emitters):
            server.unwatch(path)
            asked[path] = asked.get(path, 0) + 1
    server.observer = observer
    for path, times in asked.items():
        for _ in range(times):
            server.watch(path)
