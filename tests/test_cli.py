"""``explainers check`` and ``explainers new`` as an editor uses them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from explainers.cli import main

from sitebuild import REPO, copy_demo, tool


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return tool("explainers", *args, cwd=cwd)


def test_demo_is_clean() -> None:
    result = run("check", "--strict", str(REPO))
    assert (result.returncode, result.stdout) == (0, "")
    assert re.fullmatch(
        r"checked \d+ articles, \d+ sources, \d+ claims: no problems\n", result.stderr
    )


def test_broken_copy_names_each_problem_with_its_line(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    claims = root / "content" / "claims" / "dusorer.yml"
    text = claims.read_text("utf-8").replace("stance: context", "stance: background", 1)
    claims.write_text(text, "utf-8")
    article = root / "content" / "en" / "border-bounties.md"
    article.write_text(
        article.read_text("utf-8").replace("[@factdesk-review]", "[@factdesk-reveiw]", 1), "utf-8"
    )
    result = run("check", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    stance_line = text.split("\n").index("        stance: background") + 1
    assert (
        f"content/claims/dusorer.yml:{stance_line}:17: error: stance 'background' is not one of supports, contradicts, context"
        in lines
    )
    assert any(
        line.startswith("content/en/border-bounties.md:")
        and "unknown source 'factdesk-reveiw'" in line
        for line in lines
    )
    assert lines == sorted(
        lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2]))
    )


def test_json_format(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    (root / "content" / "sources" / "extra.yml").write_text(
        "sources:\n  - id: lonely\n    title: T\n", "utf-8"
    )
    result = run("check", "--format", "json", str(root))
    assert result.returncode == 0, "warnings alone pass without --strict"
    data = json.loads(result.stdout)
    assert data == [
        {
            "path": "content/sources/extra.yml",
            "line": 2,
            "col": 9,
            "severity": "warning",
            "message": "source 'lonely' is not cited anywhere (no article, evidence item or appearance)",
        }
    ]
    assert run("check", "--strict", str(root)).returncode == 1


@pytest.mark.parametrize(
    "args", [["check", "--format", "xml"], ["frobnicate"], [], ["new", "thing"]]
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_missing_site_exits_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert "no mkdocs.yml" in result.stderr


@pytest.mark.parametrize("kind", ["source", "claim", "article"])
def test_new_writes_a_valid_skeleton(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content").mkdir()
    assert main(["new", kind, "Første utkast: «test»", "--site", str(root)]) == 0
    created = capsys.readouterr().out.strip()
    assert created.endswith(".yml" if kind != "article" else ".md")
    assert "forste-utkast-test" in created
    result = run("check", str(root))
    assert ": error: " not in result.stdout, result.stdout
    if kind == "article":
        assert (root / created).read_text("utf-8").startswith("---\ntitle:")
    assert main(["new", kind, "Første utkast: «test»", "--site", str(root)]) == 1
    assert "exists" in capsys.readouterr().err


def test_new_picks_a_fresh_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_demo(tmp_path / "site")
    assert main(["new", "claim", "--site", str(root)]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["new", "claim", "--site", str(root)]) == 0
    second = capsys.readouterr().out.strip()
    assert first != second
    assert main(["new", "source", "--id", "mhs-threat-assessment-2025", "--site", str(root)]) == 1
    assert "content/sources/official.yml" in capsys.readouterr().err
