"""`make test` never depends on the working-tree demo: an editor's draft in content/ must
not break it. conftest.py audits every file this process opens (the session fails if one
is under the demo's paths); here the audit itself is tested, and the test sources checked."""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild import DEMO_PATHS, REPO, DemoReads, demo_reads

DEMO_REFERENCE = re.compile(
    r"REPO\s*/\s*[\"'](?:content|mkdocs\.yml|site_config)|copy_demo|str\(REPO\)"
)


def test_the_audit_records_reads_of_the_demo_only() -> None:
    reads = DemoReads()
    reads.audit("open", (str(REPO / "content" / "en" / "draft.md"), "r", 0))
    reads.audit("os.scandir", (str(REPO / "site_config"),))
    reads.audit("open", (str(REPO / "mkdocs.yml"), "r", 0))
    reads.audit("open", (str(REPO / "contents.md"), "r", 0))
    reads.audit(
        "open",
        (str(REPO / "tests" / "fixtures" / "sites" / "reader" / "content" / "index.md"), "r", 0),
    )
    reads.audit("open", ("content", None, 0))  # os.open(name, dir_fd=...) in a tree walk
    reads.audit("exec", (str(REPO / "content"),))
    assert sorted(reads.paths) == [
        str(REPO / "content" / "en" / "draft.md"),
        str(REPO / "mkdocs.yml"),
        str(REPO / "site_config"),
    ]
    assert DEMO_PATHS == ("content", "mkdocs.yml", "site_config")


def test_the_audit_is_on_and_has_seen_no_demo_read() -> None:
    (REPO / "tests" / "conftest.py").read_text("utf-8")
    assert demo_reads.paths == set()


def test_no_test_source_names_the_demo() -> None:
    here = Path(__file__).parent
    named = [
        f"{path.name}: {match.group(0)}"
        for path in sorted(here.rglob("*.py"))
        if path.name != Path(__file__).name and "fixtures" not in path.relative_to(here).parts
        for match in DEMO_REFERENCE.finditer(path.read_text("utf-8"))
    ]
    assert named == []
