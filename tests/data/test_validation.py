"""Each validation rule of the contract, data-driven: ``fixtures/validation.md`` holds small
sites (as in ``fixtures/errors.md``) and exactly what ``explainers check`` reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file
from test_errors import diagnostics, write_site

from helpers import FIXTURES

CASES = read_fixture_file(FIXTURES / "validation.md")


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_validation_rule(tmp_path: Path, line: int, title: str, blob: str, expected: str) -> None:
    write_site(tmp_path, blob)
    assert diagnostics(tmp_path) == expected
