"""A data folder that does not exist is an error naming the option and the path.

It leads the report, and references into the missing folder are not reported as
unknown ids one by one. ``explainers check`` and ``mkdocs build`` say the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers.cli import main

from sitebuild import build

MKDOCS = """site_name: t
docs_dir: content
plugins:
  - explainers:
      claims_dir: content/claimz
"""
MISSING = (
    "mkdocs.yml:5:19: error: claims_dir: the folder 'content/claimz' does not exist; "
    "create it, or set claims_dir to the folder that holds the claims files"
)


def make_site(root: Path, config: str = MKDOCS) -> Path:
    (root / "content" / "sources").mkdir(parents=True)
    (root / "content" / "claims").mkdir()
    (root / "mkdocs.yml").write_text(config)
    (root / "content" / "sources" / "s.yml").write_text("sources:\n  - id: a\n    title: A\n")
    (root / "content" / "index.md").write_text("# T\n\nText [@a] and :claim[x].\n\n::claim[y]\n")
    return root


def test_check_names_the_option_and_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(make_site(tmp_path))]) == 1
    assert capsys.readouterr().out == MISSING + "\n"


def test_a_missing_default_folder_is_named_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path, "site_name: t\ndocs_dir: content\nplugins:\n  - explainers\n")
    (site / "content" / "claims").rmdir()
    assert main(["check", str(site)]) == 1
    assert capsys.readouterr().out == (
        "mkdocs.yml:1:1: error: claims_dir: the folder 'content/claims' does not exist; "
        "create it, or set claims_dir to the folder that holds the claims files\n"
    )


@pytest.mark.build
def test_the_build_fails_with_the_same_error(tmp_path: Path) -> None:
    result = build(make_site(tmp_path))
    assert result.returncode != 0
    assert f"ERROR   -  {MISSING}" in result.stdout + result.stderr
    assert "unknown claim" not in result.stdout + result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
