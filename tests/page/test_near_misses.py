"""Near misses: text that looks like the syntax but would publish as raw text.

Each case in ``fixtures/nearmiss.md`` is an article; its expected block lists the
warnings as ``line:col: message``. The CLI test checks that ``--strict`` fails on a
fixture site holding each near miss and names every line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from explainers.cli import main
from explainers.data.diagnostics import Report
from explainers.page.near_misses import check

from helpers import FIXTURES

CASES = read_fixture_file(FIXTURES / "nearmiss.md")
KNOWN = {"a", "dhs-hta-2025"}


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_nearmiss(line: int, title: str, text: str, expected: str) -> None:
    report = Report()
    check(text, "page.md", KNOWN, report)
    got = "".join(f"{d.line}:{d.col}: {d.message}\n" for d in report.sorted())
    assert all(d.severity == "warning" and d.path == "page.md" for d in report.items)
    assert got == expected


def test_strict_check_fails_on_each_near_miss_and_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "nearmiss" / "site", site)
    assert main(["check", str(site)]) == 0  # warnings only
    capsys.readouterr()
    assert main(["check", "--strict", str(site)]) == 1
    out = capsys.readouterr().out
    lines = sorted({int(line.split(":")[1]) for line in out.splitlines()})
    assert lines == [3, 5, 7, 9, 11, 13, 15, 17, 19], out
    assert out.count("content/index.md:") == 9, out
