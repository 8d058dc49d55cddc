"""Checks of the working-tree demo (``content/``, ``mkdocs.yml``, ``site_config/``), run by
``make check`` after ``explainers check --strict``. ``make test`` never reads the demo (an
editor's draft there must not break it), so what the demo must hold is checked here: its
data files' modelines, the format reference (every message, field, option and verdict),
its place in the nav, and the copy of the theme overrides the host tests build with."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from explainers.cli.modeline import PREFIX
from explainers.data import schema
from explainers.data.model import DEFAULT_SCALE
from explainers.data.scales import BADGES, BASES
from explainers.hosts.nav_check import nav_paths

from messages import message_templates

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "content" / "guide" / "format-reference.md"


def test_demo_data_files_point_at_real_schemas() -> None:
    found = sorted((REPO / "content").rglob("*.yml"))
    assert found
    for data in found:
        first = data.read_text("utf-8").splitlines()[0]
        assert first.startswith(PREFIX), f"{data}: {first}"
        target = first.removeprefix(PREFIX)
        assert (data.parent / target).is_file(), f"{data}: {target}"


def test_reference_names_every_message() -> None:
    text = REFERENCE.read_text("utf-8")
    templates = message_templates()
    assert len(templates) > 40
    missing = [f"{where}: {t}" for t, where in templates.items() if not re.search(t, text)]
    assert missing == []


def test_reference_names_every_field_and_option() -> None:
    text = REFERENCE.read_text("utf-8")
    for kind in schema.KINDS:
        parsed = schema.schema(kind)
        entry = parsed["$defs"]["claim" if kind == "claims" else "source"]["properties"]
        names = set(entry)
        if kind == "claims":
            names |= set(parsed["$defs"]["evidence"]["properties"])
            names |= set(parsed["$defs"]["history"]["properties"])
            for table in ("evidence item", "history item"):
                assert f"Each **{table}**:" in text
        for name in names:
            assert f"`{name}`" in text, name
    options = re.findall(
        r"^    (\w+) = c\.", (REPO / "plugins/explainers/hosts/mkdocs/config.py").read_text(), re.M
    )
    assert len(options) == 18
    for option in options:
        assert f"`{option}`" in text, option
    for key in DEFAULT_SCALE:
        assert f"`{key}`" in text, key
    for name, base in BASES.items():  # each base scale: its name, keys, labels, definitions
        assert f"`{name}`" in text, name
        for verdict in base.values():
            row = f"| `{verdict.key}` | {verdict.labels['en']} | {verdict.labels['nb']} |"
            assert row in text, row
            for words in verdict.definition.values():
                assert words in text, words
    for badge in BADGES:
        assert f"`{badge}`" in text, badge


def test_reference_is_in_the_demo_nav_and_names_no_outside_file() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert "guide/format-reference.md" in nav_paths(config["nav"])
    text = REFERENCE.read_text("utf-8")
    assert "shared/" not in text and "CONTENT-FORMAT" not in text


def test_host_fixture_overrides_are_the_demo_overrides() -> None:
    """tests/hosts/test_hosts.py builds with a copy of the demo's theme overrides."""
    demo = REPO / "site_config" / "overrides"
    copy = REPO / "tests" / "fixtures" / "hosts" / "overrides"

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    assert files(copy) == files(demo)
