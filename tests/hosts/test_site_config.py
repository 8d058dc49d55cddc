"""The one config reader: mkdocs.yml first, else zensical.toml; and the page renderer
made from what it read."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from explainers.hosts.mkdocs_yml import ConfigError, load_mkdocs_yml
from explainers.hosts.site_config import read_config, renderer_of
from explainers.hosts.zensical_toml import load_zensical_toml

ZENSICAL = """[project]
docs_dir = "docs"
[project.markdown_extensions.explainers]
claims_dir = "data/claims"
sources_dir = "data/sources"
lang = "nb"
"""


def test_mkdocs_yml_wins_over_zensical_toml(tmp_path: Path) -> None:
    (tmp_path / "zensical.toml").write_text(ZENSICAL, "utf-8")
    cfg = read_config(tmp_path)
    assert (cfg.docs_dir, cfg.claims_dir, cfg.lang) == (
        tmp_path.resolve() / "docs",
        tmp_path.resolve() / "data" / "claims",
        "nb",
    )
    (tmp_path / "mkdocs.yml").write_text("docs_dir: content\n", "utf-8")
    cfg = read_config(tmp_path)
    assert (cfg.docs_dir, cfg.lang) == (tmp_path.resolve() / "content", "en")


def test_neither_is_one_message(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        read_config(tmp_path)
    assert str(caught.value) == f"{tmp_path}: no mkdocs.yml or zensical.toml here"


def test_the_renderer_has_the_sites_extensions_or_mkdocs_defaults(tmp_path: Path) -> None:
    assert renderer_of(tmp_path).config.extensions == ["toc", "tables", "fenced_code"]
    (tmp_path / "mkdocs.yml").write_text("markdown_extensions:\n  - admonition\n", "utf-8")
    assert renderer_of(tmp_path, "nb").config.extensions == [
        "toc",
        "tables",
        "fenced_code",
        "admonition",
    ]
    (tmp_path / "mkdocs.yml").write_text("markdown_extensions:\n  - no_such_ext\n", "utf-8")
    assert renderer_of(tmp_path).config.extensions == ["toc", "tables", "fenced_code"]


@pytest.mark.parametrize(
    ("name", "load"), [("mkdocs.yml", load_mkdocs_yml), ("zensical.toml", load_zensical_toml)]
)
def test_both_readers_say_a_file_that_cannot_be_read_or_decoded_alike(
    tmp_path: Path, name: str, load: Callable[[Path, str], object]
) -> None:
    """One start for every host's configuration: a file that cannot be read is a
    ConfigError naming it and why, a file that does not decode one at its place."""
    path = tmp_path / name
    path.mkdir()  # a folder where the file should be
    with pytest.raises(
        ConfigError, match=rf"^{re.escape(str(path))}: cannot read: Is a directory$"
    ):
        load(path, name)
    path.rmdir()
    path.write_bytes(b"site_name = \xff\n")
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}: cannot read$") as raised:
        load(path, name)
    assert [(d.path, d.line, d.severity) for d in raised.value.diagnostics] == [(name, 1, "error")]
    assert "UTF-8" in raised.value.diagnostics[0].message
