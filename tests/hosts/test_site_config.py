"""The one config reader: mkdocs.yml first, else zensical.toml; and the page renderer
made from what it read."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers.hosts.mkdocs_yml import ConfigError
from explainers.hosts.site_config import read_config, renderer_of

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
