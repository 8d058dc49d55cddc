"""The plugin's log plumbing (``explainers.hosts.mkdocs.logs``): the core's messages go
through MkDocs' logger (so ``--strict`` counts them), warnings are counted per build,
and a content or site-folder error stops MkDocs with its message."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from mkdocs.exceptions import PluginError

from explainers.hosts.mkdocs.logs import WarningCounter, forward_core_log, stopping
from explainers.site.build import BuildError
from explainers.site.site_folder import SiteDirError


@pytest.fixture
def core_log() -> Iterator[logging.Logger]:
    """The core logger as a fresh process has it (another test may have forwarded it)."""
    core = logging.getLogger("explainers")
    handlers, propagate = list(core.handlers), core.propagate
    core.handlers[:] = [h for h in handlers if type(h).__name__ != "_Forward"]
    core.propagate = True
    yield core
    core.handlers[:] = handlers
    core.propagate = propagate


def test_core_messages_reach_mkdocs_once(
    core_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    forward_core_log()
    forward_core_log()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.explainers"):
        logging.getLogger("explainers.data.load").warning("claims.yml:%d:1: warning: %s", 3, "x")
    ours = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert ours == [("mkdocs.plugins.explainers", "WARNING", "claims.yml:3:1: warning: x")]
    assert core_log.propagate is False


def test_the_counter_counts_one_builds_warnings() -> None:
    counter = WarningCounter()
    mkdocs_log = logging.getLogger("mkdocs.test_logs")
    try:
        counter.start()
        mkdocs_log.warning("one")
        mkdocs_log.info("not a warning")
        mkdocs_log.error("an error counts too")
        assert counter.count == 2
        counter.start()  # the next build starts from zero, and is not counted twice
        mkdocs_log.warning("two")
        assert counter.count == 1
    finally:
        counter.stop()
    mkdocs_log.warning("after the build")
    assert counter.count == 1


@pytest.mark.parametrize("error", [BuildError(2), SiteDirError("site/ cannot be replaced")])
def test_a_stopping_step_becomes_a_plugin_error(error: Exception) -> None:
    def step(value: int) -> int:
        if value:
            raise error
        return 7

    assert stopping(step, 0) == 7
    with pytest.raises(PluginError) as raised:
        stopping(step, 1)
    assert str(raised.value) == f"explainers: {error}"
    assert raised.value.__cause__ is error
    with pytest.raises(ValueError):
        stopping(int, "not a number")  # anything else is a bug: it is not dressed up
