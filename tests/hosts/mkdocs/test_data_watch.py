"""Under `mkdocs serve` MkDocs' watcher looks at the data folders every
``serve_data_poll`` seconds, and a data folder inside ``docs_dir`` is left out of its
looks through ``docs_dir`` (one save, one rebuild); ``serve_data_poll: 0`` leaves
MkDocs' watcher as it is.

The server is MkDocs' own, not serving: its observer runs, and what a change does is
what MkDocs' handler does, ask for a rebuild (``_want_rebuild``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from explainers.hosts.mkdocs import data_watch
from explainers.hosts.mkdocs.data_watch import DataPollingObserver, watch_data
from explainers.hosts.mkdocs.plugin import ExplainersPlugin


def site(root: Path, data: str) -> Path:
    """A site whose claims folder is ``data`` (relative to ``root``)."""
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (root / data).mkdir(parents=True)
    (root / data / "c.yml").write_text("claims: []\n", "utf-8")
    (root / "mkdocs.yml").write_text("site_name: T\ndocs_dir: docs\n", "utf-8")
    return root / data


SERVERS: list[LiveReloadServer] = []


def mkdocs_server(root: Path) -> LiveReloadServer:
    """MkDocs' server with the watches ``mkdocs serve`` makes before ``on_serve``."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))
    SERVERS.append(server)
    server.watch(str(root / "docs"))
    server.watch(str(root / "mkdocs.yml"))
    return server


@pytest.fixture(autouse=True)
def _close_servers() -> Iterator[None]:
    yield
    while SERVERS:
        SERVERS.pop().server_close()  # its socket (never bound)


def own(root: Path) -> list[str]:
    return [str(root / "docs"), str(root / "mkdocs.yml")]


def rebuild_asked(server: LiveReloadServer, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.01)
    return False


def save(path: Path, text: str) -> None:
    time.sleep(0.05)  # a new time stamp even on a coarse file system
    path.write_text(text, "utf-8")


def intervals(server: LiveReloadServer) -> dict[str, float]:
    """Each watched folder's interval between looks."""
    return {e.watch.path: e.timeout for e in server.observer.emitters}


@pytest.fixture
def serving() -> Iterator[list[LiveReloadServer]]:
    """Servers whose observer runs (as ``serve`` starts it), stopped at the end."""
    started: list[LiveReloadServer] = []
    yield started
    for server in started:
        server.observer.stop()
        server.observer.join(timeout=5)


def test_a_folder_outside_docs_dir_is_looked_at_more_often(
    tmp_path: Path, serving: list[LiveReloadServer]
) -> None:
    claims = site(tmp_path, "data/claims")
    server = mkdocs_server(tmp_path)
    assert watch_data(server, [claims], 0.05, own(tmp_path)) == [str(claims)]
    server.watch(str(claims))  # MkDocs' own watch of config.watch, after on_serve
    assert isinstance(server.observer, DataPollingObserver)
    assert intervals(server) == {str(tmp_path / "docs"): 0.5, str(tmp_path): 0.5, str(claims): 0.05}
    server.observer.start()
    serving.append(server)
    time.sleep(0.7)  # every first look taken
    save(claims / "c.yml", "claims: [] # edited\n")
    assert rebuild_asked(server, 5)


def test_a_folder_inside_docs_dir_is_seen_once_per_save(
    tmp_path: Path, serving: list[LiveReloadServer]
) -> None:
    claims = site(tmp_path, "docs/claims")
    server = mkdocs_server(tmp_path)
    assert watch_data(server, [claims], 0.05, own(tmp_path)) == [str(claims)]
    assert intervals(server) == {str(tmp_path / "docs"): 0.5, str(tmp_path): 0.5, str(claims): 0.05}
    server.observer.start()
    serving.append(server)
    time.sleep(0.7)  # every first look taken
    save(claims / "c.yml", "claims: [] # edited\n")
    assert rebuild_asked(server, 5)
    server._want_rebuild = False  # the rebuild MkDocs starts
    assert not rebuild_asked(server, 1.3), "MkDocs' look through docs_dir saw it too"
    save(tmp_path / "docs" / "index.md", "# Home, edited\n")
    assert rebuild_asked(server, 5), "an article's edit is still seen"


def test_left_to_mkdocs_when_its_watches_are_not_only_its_own(tmp_path: Path) -> None:
    """A watch MkDocs' serve did not make (another plugin's): MkDocs' observer is left
    as it is."""
    claims = site(tmp_path, "docs/claims")
    server = mkdocs_server(tmp_path)
    mkdocs = server.observer
    assert watch_data(server, [claims], 0.05, [str(tmp_path / "docs")]) == []
    assert server.observer is mkdocs


def test_a_folder_too_large_or_holding_the_config_is_left_to_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = site(tmp_path, "data/claims")
    server = mkdocs_server(tmp_path)
    mkdocs = server.observer
    assert watch_data(server, [tmp_path], 0.05, own(tmp_path)) == []  # the site's folder
    monkeypatch.setattr(data_watch, "MOST_FILES", 0)
    assert watch_data(server, [claims], 0.05, own(tmp_path)) == []
    assert server.observer is mkdocs


def test_the_skipped_listing_leaves_out_only_the_data_folder(tmp_path: Path) -> None:
    claims = site(tmp_path, "docs/claims")
    (tmp_path / "docs" / "claims-not").mkdir()
    listdir = data_watch.skipping(frozenset({str(claims)}))
    names = sorted(entry.name for entry in listdir(str(tmp_path / "docs")))
    assert names == ["claims-not", "index.md"]
    with pytest.raises(FileNotFoundError):
        listdir(str(tmp_path / "gone"))


def plugin_on_serve(root: Path, options: dict[str, object]) -> tuple[LiveReloadServer, Any]:
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = ExplainersPlugin()
    errors, _ = plugin.load_config(options)
    assert not errors
    plugin.data_dirs = (root / "data" / "claims", root / "data" / "sources")
    server = mkdocs_server(root)
    plugin.on_serve(server, config=config, builder=lambda: None)
    return server, plugin


def test_the_plugin_watches_its_data_folders_unless_told_not_to(tmp_path: Path) -> None:
    claims = site(tmp_path, "data/claims")
    server, _ = plugin_on_serve(tmp_path, {})
    assert intervals(server)[str(claims)] == 0.1, "the sources folder does not exist"
    for off in (0, False):
        server, _ = plugin_on_serve(tmp_path, {"serve_data_poll": off})
        assert type(server.observer) is PollingObserver
        assert str(claims) not in intervals(server)


def test_a_negative_interval_is_refused(tmp_path: Path) -> None:
    site(tmp_path, "data/claims")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    plugin = ExplainersPlugin()
    plugin.load_config({"serve_data_poll": -1})
    with pytest.raises(PluginError, match="serve_data_poll"):
        plugin.on_config(config)
