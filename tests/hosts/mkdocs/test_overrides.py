"""The Material partials the plugin brings along (``explainers.hosts.mkdocs.overrides``):
on the template path after the site's own ``custom_dir``, before Material's, once."""

from __future__ import annotations

from pathlib import Path

from mkdocs.theme import Theme

from explainers.hosts.mkdocs.overrides import OVERRIDES_DIR, add_overrides


def test_the_partials_exist() -> None:
    for name in ("language.html", "search.html"):
        assert (OVERRIDES_DIR / "partials" / name).is_file()


def test_they_go_before_material_and_only_once() -> None:
    theme = Theme(name="material")
    material = list(theme.dirs)
    add_overrides(theme)
    add_overrides(theme)
    assert theme.dirs == [str(OVERRIDES_DIR), *material]


def test_a_sites_custom_dir_still_wins(tmp_path: Path) -> None:
    theme = Theme(name="material", custom_dir=str(tmp_path))
    add_overrides(theme)
    assert theme.dirs[:3] == [str(tmp_path), str(OVERRIDES_DIR), theme.dirs[2]]
    assert theme.dirs[2].endswith("material/templates")


def test_other_themes_are_left_alone() -> None:
    theme = Theme(name="mkdocs")
    before = list(theme.dirs)
    add_overrides(theme)
    assert theme.dirs == before
