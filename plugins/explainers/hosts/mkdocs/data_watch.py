"""Under ``mkdocs serve``: the data folders looked at every 0.1 s (the option
``serve_data_poll``), where MkDocs' watcher looks at each watched folder every 0.5 s.
A saved claims or sources file then starts its rebuild 0.16 s sooner on average (up to
0.37 s); each look at a folder of a few dozen files costs ~0.15 ms.

MkDocs' server still does the watching, with its own handler and its observer's
start and stop: in ``on_serve`` its watches (``docs_dir``, the config file) move to a
polling observer of the same interval whose watches of the data folders look more
often, and whose looks through any other folder skip them, so a data folder inside
``docs_dir`` (the default ``content/claims``) is seen once: one save, one rebuild.
MkDocs' later ``watch`` of a data folder outside ``docs_dir`` (the plugin lists it in
``config.watch``) only counts it again. Polling, as MkDocs does it, so editors that
replace files and network or container file systems behave as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingEmitter, PollingObserver

from .config import ExplainersConfig

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


class DataPollingObserver(PollingObserver):
    """MkDocs' polling observer, whose watches of the data folders (``folders``, named
    as MkDocs names them) look every ``fast`` seconds, its others every ``timeout``;
    every look skips ``skip`` (the data folders as a look through another names them)."""

    def __init__(
        self, timeout: float, fast: float, folders: frozenset[str], skip: frozenset[str]
    ) -> None:
        listdir = skipping(skip)

        def emitter(queue: Any, watch: ObservedWatch, timeout: float = timeout, **kw: Any) -> Any:
            every = fast if watch.path in folders else timeout
            return PollingEmitter(queue, watch, timeout=every, stat=os.stat, listdir=listdir, **kw)

        # PollingObserver's own __init__ with this emitter (as watchdog's PollingObserverVFS)
        BaseObserver.__init__(self, emitter, timeout=timeout)  # type: ignore[arg-type]


class ServeWatch:
    """The plugin's ``on_serve`` (a base of its class)."""

    config: ExplainersConfig
    data_dirs: tuple[Path, Path]

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """The data folders looked at every ``serve_data_poll`` seconds (see the module)."""
        if self.config.enabled and self.config.serve_data_poll > 0:
            # what MkDocs' serve watches itself before this event
            own = [config.docs_dir, *config.theme.dirs, *filter(None, [config.config_file_path])]
            watch_data(server, self.data_dirs, float(self.config.serve_data_poll), own)
        return server


def watch_data(
    server: LiveReloadServer, folders: Iterable[Path], interval: float, mkdocs_paths: Iterable[str]
) -> list[str]:
    """Have MkDocs' server look at ``folders`` every ``interval`` seconds, and leave
    them out of its looks through the folders it watches; the folders so watched.
    ``mkdocs_paths``: what MkDocs' ``serve`` watches itself (``docs_dir``, the config
    file, the theme's folders). MkDocs' watcher is left as it is when its observer is
    not the one ``serve`` made (started, replaced, or watching another plugin's paths);
    a folder that holds something MkDocs watches (the config file), or more than
    :data:`MOST_FILES` files, is left to it."""
    mkdocs = server.observer
    watches = [emitter.watch for emitter in mkdocs.emitters]
    own = {os.path.abspath(p) for p in mkdocs_paths}
    if mkdocs.is_alive() or type(mkdocs) is not PollingObserver:
        return []
    if any(_raw_path(w) not in own for w in watches):
        return []
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
    if not chosen:
        return []
    deep = sorted({w.path for w in watches if w.is_recursive})  # looked through
    skip = frozenset(named for real in chosen.values() for w in deep if (named := _within(real, w)))
    observer = DataPollingObserver(mkdocs.timeout, interval, frozenset(chosen), skip)
    _move(server, [_raw_path(w) for w in watches], observer)
    for path in chosen:
        server.watch(path)  # MkDocs' later watch of it (config.watch) only counts it again
    return list(chosen)


def _raw_path(watch: ObservedWatch) -> str:
    """The path a watch was asked for (watchdog 5+ watches a file's folder)."""
    return str(getattr(watch, "raw_path", watch.path))


def _move(server: LiveReloadServer, paths: Iterable[str], observer: PollingObserver) -> None:
    """MkDocs' watches of ``paths`` (each as many times as it was asked for) moved from
    its observer, not yet started, to ``observer``, which its server then starts (and
    stops)."""
    asked: dict[str, int] = {}
    for path in dict.fromkeys(paths):
        while any(_raw_path(e.watch) == path for e in server.observer.emitters):
            server.unwatch(path)
            asked[path] = asked.get(path, 0) + 1
    server.observer = observer
    for path, times in asked.items():
        for _ in range(times):
            server.watch(path)
