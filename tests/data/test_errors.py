"""Every error and warning of the contract, with its exact ``path:line:col``.

Each case in ``fixtures/errors.md`` is a small site written as files
(``=== path`` headers, optionally ``(latin-1)`` or ``(bom crlf)``); the
expected block is exactly what ``explainers check`` prints for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from explainers.cli import main
from explainers.data import drafts
from explainers.hosts.mkdocs_yml import read_site_config
from explainers.hosts.site_config import renderer_of
from explainers.site.check import check_all, find_articles

from helpers import FIXTURES

CASES = read_fixture_file(FIXTURES / "errors.md")
HEADER = re.compile(r"^=== (\S+)(?: \(([^)]*)\))?$")


def write_site(root: Path, blob: str) -> None:
    path, flags, lines = None, "", []

    def flush() -> None:
        if path is None:
            return
        text = "".join(lines)
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if "crlf" in flags:
            text = text.replace("\n", "\r\n")
        data = text.encode("latin-1" if "latin-1" in flags else "utf-8")
        if "bom" in flags:
            data = b"\xef\xbb\xbf" + data
        target.write_bytes(data)

    for line in blob.splitlines(keepends=True):
        match = HEADER.match(line.rstrip("\n"))
        if match:
            flush()
            path, flags, lines = match.group(1), match.group(2) or "", []
        else:
            lines.append(line)
    flush()
    for folder in ("claims", "sources"):  # a missing data folder is an error of its own
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    if not any((root / name).exists() for name in ("mkdocs.yml", "zensical.toml")):
        # Most cases are about one data or article problem, and their claims are shown
        # on no page: a claims database (the unused-claim cases write their own mkdocs.yml)
        (root / "mkdocs.yml").write_text(DEFAULT_CONFIG)


DEFAULT_CONFIG = """\
site_name: t
docs_dir: content
plugins:
  - explainers:
      standalone_claims: true
"""


def diagnostics(root: Path) -> str:
    content = root / "content"
    articles = find_articles(content, [content / "claims", content / "sources"])
    cfg = read_site_config(root)
    rules = drafts.Rules(cfg.require_review, cfg.standalone_claims)
    renderer = renderer_of(root)
    result = check_all(
        root, content / "claims", content / "sources", articles, renderer=renderer, rules=rules
    )
    return "".join(f"{d}\n" for d in result.report.sorted())


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_diagnostics(tmp_path: Path, line: int, title: str, blob: str, expected: str) -> None:
    write_site(tmp_path, blob)
    assert diagnostics(tmp_path) == expected


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_cli_prints_the_same(
    tmp_path: Path, capsys, line: int, title: str, blob: str, expected: str
) -> None:
    write_site(tmp_path, blob)
    code = main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert out == expected
    assert code == (1 if ": error: " in expected else 0)
