"""`mkdocs build --strict` and `explainers check --strict` print the same set of problems
on every fixture site of the suite (issue 22).

An editor runs `check` to know whether the build will pass: each problem the build
prints, `check` prints, and the other way round. Our own problems are the same
`path:line:col: severity: message` line on both sides. MkDocs' own validation
messages (a nav entry or a link to no file) name the page and the link but no line,
so they are compared as (file, link) with `check`'s positioned line for the same.

The sites under tests/fixtures/parity/ hold one problem kind each and a `check.txt`
with exactly what `check` prints for them; each is also built in process.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
import yaml

from explainers import cli

from helpers import FIXTURES
from sitebuild import build

PARITY = FIXTURES / "parity"
SITES = sorted(path.parent for path in FIXTURES.rglob("mkdocs.yml"))
OWN = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(\S+:\d+:\d+: (?:error|warning): .*)$")
#: MkDocs' messages for what `check` reports from navlinks (mkdocs/structure/nav.py, pages.py)
MKDOCS_LINK = re.compile(
    r"^WARNING\s+-\s+Doc file '(?P<page>[^']+)' contains (?:an absolute |an unrecognized relative |a )"
    r"link '(?P<url>[^']+)'"
)
MKDOCS_NAV = re.compile(
    r"^WARNING\s+-\s+(?:A reference to|An absolute path to) '(?P<url>[^']+)' is included in the 'nav'"
)
CHECK_LINK = re.compile(r"^(?P<path>[^:]+):\d+:\d+: warning: (?:link|nav entry) '(?P<url>[^']+)'")
#: the build's own closing line when our errors stop it: a count, not a problem
SUMMARY = re.compile(r"^ERROR\s+-\s+explainers: \d+ content errors?; nothing was built$")
#: What cannot agree, and so has no fixture site here (navlinks' docstring says it too):
#: - links to anchors (`validation: links: anchors: warn`): which ids a page has depends on
#:   the data its boxes and lists show, which `check` does not render;
#: - links to files another plugin or the theme adds to the build: `check` knows only
#:   docs_dir's files and the explainers plugin's own pages and schemas.


def docs_dir(root: Path) -> str:
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    return str(config.get("docs_dir") or "docs").strip("/")


def problems_of_build(lines: list[str], docs: str) -> set[str]:
    """The problems in a build's log lines: ours as printed, MkDocs' link and nav
    warnings as `file -> link`; any other warning or error as itself (a difference)."""
    found: set[str] = set()
    for line in lines:
        if own := OWN.match(line):
            found.add(own.group(1))
        elif link := MKDOCS_LINK.match(line):
            found.add(f"{docs}/{link['page']} -> {link['url']}")
        elif nav := MKDOCS_NAV.match(line):
            found.add(f"mkdocs.yml -> {nav['url']}")
        elif line.startswith(("WARNING", "ERROR")) and not SUMMARY.match(line):
            found.add(line)
    return found


def problems_of_check(lines: list[str]) -> set[str]:
    found = set()
    for line in lines:
        link = CHECK_LINK.match(line)
        found.add(f"{link['path']} -> {link['url']}" if link else line)
    return found


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = cli.main(["check", "--strict", "--no-cache", str(root)])
    return code, capsys.readouterr().out.splitlines()


def build_in_process(root: Path) -> list[str]:
    """`mkdocs build --strict` in this process: the log lines it prints, as printed."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                lines.append(f"{record.levelname:<7} -  {record.getMessage()}")

    handler = Keep()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        except Abort:
            pass
        finally:
            config.plugins.on_shutdown()
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return lines


def copy(site: Path, tmp_path: Path) -> Path:
    root = tmp_path / site.name
    shutil.copytree(
        site, root, ignore=shutil.ignore_patterns("check.txt", "site", ".explainers_cache")
    )
    return root


@pytest.mark.build
@pytest.mark.parametrize("site", SITES, ids=[str(s.relative_to(FIXTURES)) for s in SITES])
def test_strict_build_and_check_print_the_same_problems(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy(site, tmp_path)
    code, checked = run_check(root, capsys)
    result = build(root)
    built = (result.stdout + result.stderr).splitlines()
    assert "Traceback" not in result.stderr
    assert problems_of_build(built, docs_dir(root)) == problems_of_check(checked)
    assert (code == 0) == (result.returncode == 0), "both pass, or both fail"


PARITY_SITES = sorted(p.parent for p in PARITY.glob("*/mkdocs.yml"))


@pytest.mark.parametrize("site", PARITY_SITES, ids=[s.name for s in PARITY_SITES])
def test_each_problem_kind_is_printed_once_in_process_too(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The one-kind sites: `check` prints exactly `check.txt`; a strict build in this
    process prints the same problems, each once."""
    root = copy(site, tmp_path)
    expected = (site / "check.txt").read_text("utf-8").splitlines()
    code, checked = run_check(root, capsys)
    assert checked == expected
    assert code == (1 if expected else 0)
    built = build_in_process(root)
    ours = [line for line in built if OWN.match(line)]
    assert len(ours) == len(set(ours)), "each problem once"
    assert problems_of_build(built, docs_dir(root)) == problems_of_check(checked)


def test_links_are_reported_from_a_warm_cache_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page's links are kept with its cached render: an unchanged page is not rendered
    again, and its broken links are still reported."""
    root = copy(PARITY / "link-missing-page", tmp_path)
    expected = (PARITY / "link-missing-page" / "check.txt").read_text("utf-8").splitlines()
    for _ in ("cold", "warm"):
        capsys.readouterr()
        assert cli.main(["check", str(root)]) == 0
        assert capsys.readouterr().out.splitlines() == expected
    assert list((root / ".explainers_cache").rglob("*")), "the cache was used"


def test_a_warm_build_reports_what_a_data_or_page_edit_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A build reuses an unchanged page's checks only against the same data: the second
    build says what the first said, and a data edit (the page's claim renamed) or a page
    edit (an unknown source cited) that makes a mistake is reported on the next build."""
    root = copy(PARITY / "uncited-source", tmp_path)
    docs = docs_dir(root)
    first = problems_of_build(build_in_process(root), docs)
    expected = (PARITY / "uncited-source" / "check.txt").read_text("utf-8").splitlines()
    assert first == problems_of_check(expected)
    assert list((root / ".explainers_cache" / "checked").glob("*.json")), "checks were kept"
    assert problems_of_build(build_in_process(root), docs) == first
    claims = root / "content" / "claims" / "claims.yml"
    claims.write_text(claims.read_text("utf-8").replace("id: rates-up", "id: rates-upp"), "utf-8")
    renamed = problems_of_build(build_in_process(root), docs)
    assert any("unknown claim 'rates-up'" in line for line in renamed), renamed
    code, checked = run_check(root, capsys)
    assert renamed == problems_of_check(checked) and code == 1
    claims.write_text(claims.read_text("utf-8").replace("id: rates-upp", "id: rates-up"), "utf-8")
    assert problems_of_build(build_in_process(root), docs) == first
    page = root / "content" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nSee [@no-such-source].\n", "utf-8")
    edited = problems_of_build(build_in_process(root), docs)
    assert any("unknown source 'no-such-source'" in line for line in edited), edited
