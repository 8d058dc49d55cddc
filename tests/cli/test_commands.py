"""``explainers check`` and ``explainers new`` as an editor uses them."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainers.cli import main
from explainers.cli.modeline import PREFIX, package_schema

from helpers import SITES
from sitebuild import tool


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return tool("explainers", *args, cwd=cwd)


#: The reader site's one warning (its page that boxes a claim twice).
TWICE = (
    "content/en/twice.md:7:1: warning: the box of claim 'officer-shot' is already on this page "
    "(line 3); mention it with :claim[officer-shot]"
)


def reader_copy(dest: Path) -> Path:
    shutil.copytree(SITES / "reader", dest)
    return dest


@pytest.mark.build
def test_broken_copy_names_each_problem_with_its_line(tmp_path: Path) -> None:
    root = reader_copy(tmp_path / "site")
    claims = root / "content" / "claims" / "claims.yml"
    text = claims.read_text("utf-8").replace("stance: context", "stance: background", 1)
    claims.write_text(text, "utf-8")
    article = root / "content" / "en" / "bounties.md"
    article.write_text(
        article.read_text("utf-8").replace("[@mhs-report]", "[@mhs-reprot]", 1), "utf-8"
    )
    result = run("check", str(root))
    # the summary goes to stderr, the diagnostics alone to stdout
    assert (result.returncode, result.stderr) == (
        1,
        "checked 4 articles, 11 sources, 6 claims: 2 errors, 1 warning\n"
        # what the build would publish, and the verdicts that changed
        "would publish 4 articles, 6 claims, 11 sources; "
        "drafts left out: 0 articles, 0 claims, 0 sources\n"
        "verdicts changed since their previous history entry: 2\n"
        "  drone-drops: unconfirmed -> confirmed (2025-10-01)\n"
        "  officer-shot: unconfirmed -> false (2025-10-08)\n",
    )
    assert result.stdout.splitlines() == [
        "content/claims/claims.yml:20:17: error: stance 'background' is not one of supports, "
        "contradicts, context; did you mean 'context'?",
        "content/en/bounties.md:15:45: error: unknown source 'mhs-reprot'; did you mean 'mhs-report'?",
        TWICE,
    ]


@pytest.mark.build
def test_json_format(tmp_path: Path) -> None:
    root = reader_copy(tmp_path / "site")
    (root / "content" / "sources" / "extra.yml").write_text(
        "sources:\n  - id: lonely\n    title: T\n", "utf-8"
    )
    result = run("check", "--format", "json", str(root))
    assert result.returncode == 0, "warnings alone pass without --strict"
    data = json.loads(result.stdout)
    assert data == [
        {
            "path": "content/en/twice.md",
            "line": 7,
            "col": 1,
            "severity": "warning",
            "message": TWICE.split(": warning: ")[1],
        },
        {
            "path": "content/sources/extra.yml",
            "line": 2,
            "col": 9,
            "severity": "warning",
            "message": "source 'lonely' is not cited anywhere (no article, evidence item or appearance)",
        },
    ]
    strict = run("check", "--strict", str(root))
    assert (strict.returncode, strict.stdout) == (
        1,
        TWICE
        + "\n"
        + "content/sources/extra.yml:2:9: warning: source 'lonely' is not cited anywhere (no article, evidence item or appearance)\n",
    )


@pytest.mark.build
@pytest.mark.parametrize(
    "args", [["check", "--format", "xml"], ["frobnicate"], [], ["new", "thing"]]
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_missing_site_exits_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"explainers: {tmp_path}: no mkdocs.yml or zensical.toml here\n",
    )


SKELETON_CHECK = {  # a new entry is a draft: a build leaves it out, so nothing to warn about
    "source": "",
    "claim": "",
    "article": "",
}
#: what ``explainers check`` says on stderr after checking the new skeleton
SKELETON_SUMMARY = {
    "source": "checked 0 articles, 1 source, 0 claims: no problems\n"
    "would publish 0 articles, 0 claims, 0 sources; "
    "drafts left out: 0 articles, 0 claims, 1 source\n",
    "claim": "checked 0 articles, 0 sources, 1 claim: no problems\n"
    "would publish 0 articles, 0 claims, 0 sources; "
    "drafts left out: 0 articles, 1 claim, 0 sources\n",
    "article": "checked 1 article, 0 sources, 0 claims: no problems\n"
    "would publish 0 articles, 0 claims, 0 sources; "
    "drafts left out: 1 article, 0 claims, 0 sources\n",
}
#: the skeleton's text that ``check`` finds once ``draft: true`` is deleted, untouched
SKELETON_HELD = {
    "source": [
        "content/sources/forste-utkast-test.yml:5:13: error: source 'forste-utkast-test': "
        "'author' still holds the skeleton's text; write the real author, or mark the entry draft: true",
        "content/sources/forste-utkast-test.yml:6:16: error: source 'forste-utkast-test': "
        "'publisher' still holds the skeleton's text; write the real publisher, or mark the entry draft: true",
        "content/sources/forste-utkast-test.yml:9:10: error: source 'forste-utkast-test': "
        "'url' still holds the skeleton's text; write the real url, or mark the entry draft: true",
    ],
    "claim": [
        "content/claims/forste-utkast-test.yml:5:15: error: claim 'forste-utkast-test': "
        "'claimant' still holds the skeleton's text; write the real claimant, or mark the entry draft: true",
        "content/claims/forste-utkast-test.yml:7:14: error: claim 'forste-utkast-test': "
        "'summary' still holds the skeleton's text; write the real summary, or mark the entry draft: true",
        "content/claims/forste-utkast-test.yml:11:7: error: claim 'forste-utkast-test': "
        "'missing' still holds the skeleton's text; write the real missing, or mark the entry draft: true",
    ],
    "article": [
        "content/forste-utkast-test.md:3:14: error: the article's description still holds the "
        "skeleton's text; write the real description, or mark the article draft: true",
        "content/forste-utkast-test.md:10:1: error: this line still holds the skeleton's text; "
        "write the summary, or mark the article draft: true",
        "content/forste-utkast-test.md:17:1: error: this heading still holds the skeleton's text; "
        "name the section, or mark the article draft: true",
    ],
}
SKELETON_EXISTS = {
    "source": "explainers: source id 'forste-utkast-test' exists "
    "(defined at content/sources/forste-utkast-test.yml:3:9)\n",
    "claim": "explainers: claim id 'forste-utkast-test' exists "
    "(defined at content/claims/forste-utkast-test.yml:3:9)\n",
    "article": "explainers: {root}/content/forste-utkast-test.md exists; choose another id\n",
}


@pytest.mark.build
@pytest.mark.parametrize("kind", ["source", "claim", "article"])
def test_new_writes_a_valid_skeleton(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content\nplugins:\n  - explainers\n")
    assert main(["new", kind, "Første utkast: «test»", "--site", str(root)]) == 0
    created = capsys.readouterr().out
    folder = {"source": "content/sources/", "claim": "content/claims/", "article": "content/"}
    suffix = ".md" if kind == "article" else ".yml"
    assert created == f"{folder[kind]}forste-utkast-test{suffix}\n"
    result = run("check", str(root))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        SKELETON_CHECK[kind],
        SKELETON_SUMMARY[kind],
    )
    today = dt.date.today().isoformat()
    text = (root / created.strip()).read_text("utf-8")
    if kind != "article":
        # a modeline that resolves from the file (no site_url: a relative path to the package's copy)
        schema = package_schema("sources" if kind == "source" else "claims")
        assert schema is not None
        relative = Path(
            os.path.relpath(schema.resolve(), (root / created.strip()).parent.resolve())
        )
        assert text.split("\n", 1)[0] == PREFIX + relative.as_posix()
    if kind == "claim":
        assert text.endswith(
            f"    history:\n      - date: {today}\n        status: partly-confirmed\n"
            f"        note: First published.\n    reviewed: {today}\n"
        )
    if kind == "article":
        assert (
            (root / created.strip())
            .read_text("utf-8")
            .startswith('---\ntitle: "Første utkast: «test»"\n')
        )
    assert main(["new", kind, "Første utkast: «test»", "--site", str(root)]) == 1
    assert capsys.readouterr().err == SKELETON_EXISTS[kind].format(root=root)
    # published untouched, the skeleton's text is an error at each of its lines
    new = root / created.strip()
    assert "draft: true\n" in text
    new.write_text(re.sub(r"(?m)^ *draft: true\n", "", text, count=1), "utf-8")
    result = run("check", str(root))
    assert [line for line in result.stdout.splitlines() if "skeleton" in line] == SKELETON_HELD[
        kind
    ]


@pytest.mark.parametrize("kind", ["source", "claim", "article"])
def test_new_keeps_a_title_pasted_across_lines_on_one_line(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line break in the title would make a two-line heading (or a broken scalar)."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content\nplugins:\n  - explainers\n")
    assert main(["new", kind, "Tiered\n  bounties\r\n for attacks ", "--site", str(root)]) == 0
    created = root / capsys.readouterr().out.strip()
    assert created.stem == "tiered-bounties-for-attacks"
    text = created.read_text("utf-8")
    assert "Tiered bounties for attacks" in text
    assert "Tiered\n" not in text and "\\n" not in text


@pytest.mark.parametrize(
    "order",
    [
        ["claim", "Tiered bounties", "--id", "tiered", "--site", "{root}"],
        ["claim", "--id", "tiered", "Tiered bounties", "--site", "{root}"],
        ["--site", "{root}", "--id", "tiered", "claim", "Tiered bounties"],
        ["claim", "--id", "tiered", "--site", "{root}", "Tiered bounties"],
    ],
)
def test_new_takes_options_in_any_order(
    tmp_path: Path, order: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content\nplugins:\n  - explainers\n")
    assert main(["new", *(arg.format(root=root) for arg in order)]) == 0
    assert capsys.readouterr().out == "content/claims/tiered.yml\n"
    text = (root / "content" / "claims" / "tiered.yml").read_text("utf-8")
    assert '    claim: "Tiered bounties"\n' in text


def test_new_picks_a_fresh_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = reader_copy(tmp_path / "site")
    assert main(["new", "claim", "--site", str(root)]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["new", "claim", "--site", str(root)]) == 0
    second = capsys.readouterr().out.strip()
    assert (first, second) == ("content/claims/new-claim-1.yml", "content/claims/new-claim-2.yml")
    assert main(["new", "source", "--id", "mhs-report", "--site", str(root)]) == 1
    assert capsys.readouterr().err == (
        "explainers: source id 'mhs-report' exists (defined at content/sources/official.yml:2:9)\n"
    )


@pytest.mark.build
@pytest.mark.parametrize(
    "args", [["check"], ["links", "--offline"], ["links", "--offline", "--json"], ["--help"]]
)
def test_a_closed_pipe_ends_the_command_quietly(args: list[str], tmp_path: Path) -> None:
    """``explainers links | head`` after head has quit: no traceback, and 141 (128 +
    SIGPIPE) as the shell reports for cat or grep there (``--help``: argparse keeps quiet
    and exits 0 itself). The read end is closed before the command starts, so its first
    write fails whatever the timing."""
    read, write = os.pipe()
    os.close(read)
    try:
        argv = [*args, str(reader_copy(tmp_path / "site"))] if args[0] != "--help" else args
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        result = subprocess.run(
            [str(Path(sys.executable).parent / "explainers"), *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (0 if args[0] == "--help" else 141, "")
