"""``mkdocs.yml`` and ``zensical.toml`` read with the care content gets: each case in
``fixtures/config.md`` is a small site (as in ``fixtures/errors.md``) and exactly what
``explainers check`` prints; a configuration that cannot be used exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file
from test_errors import write_site

from explainers.cli import main

from helpers import FIXTURES

CASES = read_fixture_file(FIXTURES / "config.md")


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_check_reads_the_configuration(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    line: int,
    title: str,
    blob: str,
    expected: str,
) -> None:
    write_site(tmp_path, blob)
    code = main(["check", "--no-cache", str(tmp_path)])
    captured = capsys.readouterr()
    assert captured.out == expected
    assert "Traceback" not in captured.err
    config_error = any(
        line.split(":")[0] in ("mkdocs.yml", "zensical.toml") for line in expected.splitlines()
    )
    assert code == (2 if config_error else 1 if ": error: " in expected else 0)
