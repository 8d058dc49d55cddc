"""The old flat module paths still work, warn, and mean the very same objects; the entry
points name the new paths, so hosts load the plugin and the extension without a warning."""

from __future__ import annotations

import importlib
import sys
import warnings
from importlib.metadata import entry_points

import markdown
import pytest

import explainers
from explainers._moved import MOVED
from explainers.hosts.mkdocs.plugin import ExplainersPlugin
from explainers.page.extension import ExplainersExtension
from explainers.page.renderer import Renderer


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_is_the_moved_module_and_warns(
    old: str, new: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, f"explainers.{old}", raising=False)
    with pytest.warns(DeprecationWarning) as caught:
        module = importlib.import_module(f"explainers.{old}")
    assert [str(w.message) for w in caught] == [
        f"explainers.{old} is deprecated: import explainers.{new}"
    ]
    assert caught[0].filename == __file__  # the warning points at the importing line
    assert module is importlib.import_module(f"explainers.{new}")
    monkeypatch.delitem(sys.modules, f"explainers.{old}")


def test_every_old_path_names_a_module_that_exists() -> None:
    for new in MOVED.values():
        assert importlib.import_module(f"explainers.{new}").__name__ == f"explainers.{new}"


def test_the_documented_renderer_path_gives_the_same_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "explainers.render", raising=False)
    with pytest.deprecated_call():
        from explainers.render import Renderer as Old
    assert Old is Renderer is explainers.Renderer
    monkeypatch.delitem(sys.modules, "explainers.render")


def test_new_names_are_not_answered_by_the_alias_finder() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("explainers.no_such_module")


@pytest.mark.parametrize(
    ("group", "target"),
    [
        ("mkdocs.plugins", ExplainersPlugin),
        ("properdocs.plugins", ExplainersPlugin),
        ("markdown.extensions", ExplainersExtension),
    ],
)
def test_entry_points_load_the_new_paths_without_a_warning(group: str, target: type) -> None:
    (point,) = entry_points(group=group, name="explainers")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert point.load() is target


def test_the_extension_loads_by_its_short_name() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        md = markdown.Markdown(extensions=["explainers"])
    assert any(isinstance(ext, ExplainersExtension) for ext in md.registeredExtensions)


@pytest.mark.parametrize(
    ("module", "name", "home", "new"),
    [
        ("explainers.page.article_check", "PageFacts", "explainers.page.page_record", "PageRecord"),
        ("explainers.site.build", "PageRecord", "explainers.page.page_record", "PageRecord"),
        (
            "explainers.page.syntax",
            "FRONT_MATTER_RE",
            "explainers.data.front_matter",
            "FRONT_MATTER_RE",
        ),
    ],
)
def test_a_name_given_one_home_still_imports_where_it_was(
    module: str, name: str, home: str, new: str
) -> None:
    """Check's and the build's page records are one type now, and the front matter's
    pattern lives in the data layer: their old names are the very same objects."""
    old = getattr(importlib.import_module(module), name)
    assert old is getattr(importlib.import_module(home), new)
