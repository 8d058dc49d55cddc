"""Where an option sits in mkdocs.yml: the line and column of its value, else of the
file, and nothing without a mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers.data.config_position import option_position


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plugins:\n  - explainers:\n      claims_dir: data/claims\n", ("mkdocs.yml", 3, 19)),
        ("claims_dir:\n", ("mkdocs.yml", 1, 12)),  # no value: just after the colon
        ("site_name: x\n", ("mkdocs.yml", 1, 1)),  # left at its default: the file
        ("# claims_dir: here\n", ("mkdocs.yml", 1, 1)),  # a comment is not the option
    ],
)
def test_the_option_or_the_file(tmp_path: Path, text: str, expected: tuple) -> None:
    (tmp_path / "mkdocs.yml").write_text(text, "utf-8")
    assert option_position(tmp_path, "claims_dir") == expected


def test_mkdocs_yaml_and_no_config(tmp_path: Path) -> None:
    assert option_position(tmp_path, "claims_dir") is None  # the Markdown extension alone
    (tmp_path / "mkdocs.yaml").write_text("x: 1\nsources_dir: s\n", "utf-8")
    assert option_position(tmp_path, "sources_dir") == ("mkdocs.yaml", 2, 14)
    (tmp_path / "mkdocs.yaml").write_bytes(b"\xff\xfe")
    assert option_position(tmp_path, "sources_dir") == ("mkdocs.yaml", 1, 1)
