"""The package's old flat module paths, kept working: ``explainers.render`` is
``explainers.page.renderer`` and so on, with a :class:`DeprecationWarning` that names
the new path.

Each old name is an alias of the moved module itself (not a copy that re-exports it),
so a subclass, an ``isinstance`` check or a patched attribute means the same thing
through either path. A finder answers for the old names only; no file sits at an old
path, so history follows every module to its new place.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
import warnings
from types import ModuleType

#: old module (under ``explainers.``) -> where it lives now
MOVED = {
    "articles": "page.article_check",
    "blockstash": "page.block_stash",
    "cache": "data.cache",
    "check": "site.check",
    "cite": "page.numbering",
    "claimpages": "site.claim_pages",
    "config": "hosts.mkdocs.config",
    "deps": "data.changes",
    "diagnostics": "data.diagnostics",
    "extension": "page.extension",
    "feeds": "site.feeds",
    "fieldmd": "page.field_markdown",
    "fragments": "site.fragment_cache",
    "hostpage": "page.host_context",
    "i18n": "page.i18n",
    "jsonld": "page.jsonld",
    "langmeta": "page.lang_meta",
    "load": "data.load",
    "model": "data.model",
    "modeline": "cli.modeline",
    "navcheck": "hosts.nav_check",
    "nearmiss": "page.near_misses",
    "overlay": "site.error_view",
    "pagefiles": "site.markdown_export",
    "pagerender": "page.article_render",
    "pages": "site.indexes",
    "plugin": "hosts.mkdocs.plugin",
    "render": "page.renderer",
    "scan": "page.positions",
    "schema": "data.schema",
    "searchview": "hosts.mkdocs.search_view",
    "shell": "hosts.mkdocs.theme_shell",
    "siteconfig": "hosts.mkdocs_yml",
    "sitedir": "site.site_folder",
    "syntax": "page.syntax",
    "validate": "data.validation",
    "verdicts": "data.verdict_history",
    "yamlread": "data.yaml_reader",
    "zensicalconfig": "hosts.zensical_toml",
}
PACKAGE = "explainers"
_IMPORTLIB = os.path.dirname(importlib.__file__) + os.sep


class _Alias(importlib.abc.Loader):
    """Loads an old name as the module that now lives elsewhere."""

    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} is deprecated: import {self.target}",
            DeprecationWarning,
            stacklevel=_caller_level(),
        )
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module ran when its new path was imported."""


class OldPaths(importlib.abc.MetaPathFinder):
    """Finds ``explainers.<old name>`` and nothing else."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(f"{PACKAGE}.{MOVED[name]}"))


def _caller_level() -> int:
    """The stack level of the code that imported the old name, past importlib's frames
    (``warnings`` itself skips importlib's bootstrap frames, so those are not counted),
    so the warning names that code's file and line."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and (
        frame.f_code.co_filename.startswith(("<frozen importlib", _IMPORTLIB))
        or frame.f_code.co_filename == __file__
    ):
        if not frame.f_code.co_filename.startswith("<frozen importlib"):
            level += 1
        frame = frame.f_back  # type: ignore[assignment]
    return level


def install() -> None:
    """Answer for the old names (once per interpreter)."""
    if not any(isinstance(finder, OldPaths) for finder in sys.meta_path):
        sys.meta_path.append(OldPaths())
