"""The plugin's log plumbing: the core's messages through MkDocs' logger, so
``--strict`` counts them, and a count of the build's warnings of our own."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from ...site.build import BuildError
from ...site.site_folder import SiteDirError

log = logging.getLogger("mkdocs.plugins.explainers")
T = TypeVar("T")


def forward_core_log() -> None:
    """Pass the core's log records (logger ``explainers``) to MkDocs' logger, once."""
    core_log = logging.getLogger("explainers")
    if not any(isinstance(h, _Forward) for h in core_log.handlers):
        core_log.addHandler(_Forward())
        core_log.propagate = False


def keep_serving() -> None:
    """Every page shows the problems; MkDocs' strict count must not also fail the build,
    or ``serve`` keeps waiting for a good one and every request hangs."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            handler.counts.clear()


class _Forward(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


class WarningCounter(logging.Handler):
    """Counts warnings, so a strict build that will abort is not swapped into place."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def start(self) -> None:
        """Count this build's warnings, from zero."""
        self.count = 0
        logging.getLogger("mkdocs").removeHandler(self)
        logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def stopping(step: Callable[..., T], *args: Any) -> T:
    """A build step whose content or site folder errors stop MkDocs with the message."""
    try:
        return step(*args)
    except (BuildError, SiteDirError) as exc:
        raise PluginError(f"explainers: {exc}") from exc
