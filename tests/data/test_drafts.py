"""Drafts never leak; what may publish is checked the same by ``check`` and ``build``.

``fixtures/drafts.md`` holds small sites (as in ``fixtures/errors.md``) with the
exact problems ``explainers check`` prints for them: each case is also built with
``mkdocs build`` in process, which must report the same lines. ``fixtures/sites/drafts``
is a site with a draft article, claim and source: served, each shows its Draft mark;
built, none leaves a trace in the site.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it.utils import read_fixture_file
from mkdocs.exceptions import MkDocsException
from test_errors import diagnostics, write_site

from explainers.cli import main
from explainers.data import drafts

from helpers import FIXTURES
from sitebuild import build

CASES = read_fixture_file(FIXTURES / "drafts.md")
SITE = FIXTURES / "sites" / "drafts"
#: words only the drafts of the fixture site hold (ids, titles, claim text)
DRAFT_WORDS = ("zebrafinch", "wip/")


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_check_reports_exactly(
    tmp_path: Path, line: int, title: str, blob: str, expected: str
) -> None:
    write_site(tmp_path, blob)
    assert diagnostics(tmp_path) == expected


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_cli_prints_the_same(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    line: int,
    title: str,
    blob: str,
    expected: str,
) -> None:
    write_site(tmp_path, blob)
    code = main(["check", str(tmp_path)])
    assert capsys.readouterr().out == expected
    assert code == (1 if ": error: " in expected else 0)


def build_in_process(root: Path, out: Path, command: str = "build") -> None:
    """One build as ``mkdocs build`` (or a ``mkdocs serve`` rebuild) runs it."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command=command, dirty=False)
    if command == "serve":
        config.site_url = "http://127.0.0.1:8000/"
    try:
        mkdocs_build(config, serve_url=config.site_url if command == "serve" else None)
    finally:
        config.plugins.on_shutdown()


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_build_reports_the_same(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    line: int,
    title: str,
    blob: str,
    expected: str,
) -> None:
    root = tmp_path / "src"
    write_site(root, blob)
    caplog.set_level(logging.WARNING, logger="mkdocs")
    try:
        build_in_process(root, tmp_path / "out")
    except MkDocsException:
        assert ": error: " in expected
    else:
        assert ": error: " not in expected
    logged = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.explainers"]
    problems = [m for m in logged if ": error: " in m or ": warning: " in m]
    assert sorted(problems) == sorted(expected.splitlines())


def all_text(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8", "replace").lower()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".gz"
    }


@pytest.mark.build
def test_a_build_leaves_no_trace_of_drafts(tmp_path: Path) -> None:
    root = shutil.copytree(SITE, tmp_path / "src")
    result = build(root)  # --strict, as a user runs it: the draft in nav is no warning
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    texts = all_text(site)
    leaks = {path: word for path, text in texts.items() for word in DRAFT_WORDS if word in text}
    assert leaks == {}
    assert not (site / "wip").exists()
    # ...while what is published is all there
    assert "/ready/" in texts["sitemap.xml"] and "claims/published-claim/" in texts["sitemap.xml"]
    index = json.loads(texts["search/search_index.json"])
    assert {d["location"].split("#")[0] for d in index["docs"]} >= {
        "ready/",
        "claims/published-claim/",
    }
    reviews = json.loads((site / "claimreviews.json").read_text("utf-8"))
    assert "published-claim" in json.dumps(reviews)
    assert "published-claim" in texts["verdicts.atom"]
    assert "published-source" in texts["sources/index.html"]
    assert "published-claim" in texts["claims/index.html"]
    ready = BeautifulSoup(texts["ready/index.html"], "html.parser")
    assert ready.select("[data-draft]") == []
    nav = [a.get_text(" ", strip=True) for a in ready.select("nav a")]
    assert not any("work in progress" in text for text in nav)


def test_serve_shows_every_draft_with_its_mark(tmp_path: Path) -> None:
    root = shutil.copytree(SITE, tmp_path / "src")
    out = tmp_path / "served"
    build_in_process(root, out, "serve")
    wip = BeautifulSoup((out / "wip" / "index.html").read_text("utf-8"), "html.parser")
    banner = wip.select_one("article p.xp-draft-note[data-draft]")
    assert banner is not None and banner.get_text(" ", strip=True).startswith("Draft")
    box = wip.select_one('[data-claim="zebrafinch-claim"]')
    assert box is not None and box.select_one(".xp-claim__kicker [data-draft]") is not None
    source = wip.select_one('li[data-source="zebrafinch-source"]')
    assert source is not None and source.select_one("[data-draft]") is not None
    page = BeautifulSoup(
        (out / "claims" / "zebrafinch-claim" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert page.select_one("[data-draft]") is not None
    claims = BeautifulSoup((out / "claims" / "index.html").read_text("utf-8"), "html.parser")
    entry = claims.select_one('li[data-claim="zebrafinch-claim"]')
    assert entry is not None and entry.select_one("[data-draft]") is not None
    sources = BeautifulSoup((out / "sources" / "index.html").read_text("utf-8"), "html.parser")
    marks = [li for li in sources.select("li") if li.select_one("#source-zebrafinch-source")]
    assert marks and marks[0].select_one("[data-draft]") is not None
    # the published page shows no mark
    ready = BeautifulSoup((out / "ready" / "index.html").read_text("utf-8"), "html.parser")
    assert ready.select("[data-draft]") == []


def test_serve_marks_drafts_in_norwegian(tmp_path: Path) -> None:
    root = shutil.copytree(SITE, tmp_path / "src")
    wip = root / "content" / "wip.md"
    wip.write_text(wip.read_text("utf-8").replace("draft: true", "draft: true\nlang: nb"), "utf-8")
    build_in_process(root, tmp_path / "served", "serve")
    page = BeautifulSoup(
        (tmp_path / "served" / "wip" / "index.html").read_text("utf-8"), "html.parser"
    )
    banner = page.select_one("p.xp-draft-note")
    assert banner is not None and banner.get_text(" ", strip=True).startswith("Utkast")


def test_new_writes_drafts_that_check_and_build_leave_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = shutil.copytree(SITE, tmp_path / "src")
    for kind, title in (("source", ""), ("claim", ""), ("article", "")):
        assert main(["new", kind, *([title] if title else []), "--site", str(root)]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", str(root)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (
        "would publish 2 articles, 1 claim, 1 source; drafts left out: 2 articles, 2 claims, 2 sources"
    )


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        ("---\ndraft: true\n---\n", True),
        ("---\ntitle: x\ndraft: 'true'\n---\n", True),
        ("---\ndraft: True # not yet\n---\n", True),
        ("\ufeff---\r\ndraft: true\r\n---\r\n", True),
        ("---\ndraft: false\n---\n", False),
        ("---\ntitle: x\n---\ndraft: true\n", False),  # in the body, not the front matter
        ("---\nextra:\n  draft: true\n---\n", False),  # not at the top level
        ("draft: true\n", False),
        ("---\ndraft: true\n---", True),  # the closing line without a line end
        ("---\ndraft: true\n...\n", True),
        ("---\ndraft: true\n---  \nbody\n", True),
        ("---\ndraft: true\n----\n", False),  # four dashes close nothing
        ("---\n---\ndraft: true\n", False),  # empty front matter, then the body
        (" ---\ndraft: true\n---\n", False),  # not front matter to MkDocs
        ("--- x\ndraft: true\n---\n", False),
    ],
)
def test_what_marks_an_article_draft(text: str, draft: bool) -> None:
    assert drafts.article_is_draft(text) is draft


def test_nav_without_drafts_drops_emptied_sections() -> None:
    nav = [
        "index.md",
        {"Ready": "ready.md"},
        {"WIP": ["wip.md"]},
        {"Both": ["a.md", {"W": "wip.md"}]},
    ]
    assert drafts.without_pages(nav, {"wip.md"}) == [
        "index.md",
        {"Ready": "ready.md"},
        {"Both": ["a.md"]},
    ]


def test_check_ends_with_what_the_build_publishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = shutil.copytree(SITE, tmp_path / "src")
    claims = root / "content" / "claims" / "c.yml"
    claims.write_text(
        claims.read_text("utf-8").replace(
            "      - date: 2025-10-20\n        status: confirmed\n",
            "      - date: 2025-10-01\n        status: unconfirmed\n"
            "      - date: 2025-10-20\n        status: confirmed\n",
        ),
        "utf-8",
    )
    assert main(["check", str(root)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-4:] == [
        "checked 3 articles, 2 sources, 2 claims: no problems",
        "would publish 2 articles, 1 claim, 1 source; drafts left out: 1 article, 1 claim, 1 source",
        "verdicts changed since their previous history entry: 1",
        "  published-claim: unconfirmed -> confirmed (2025-10-20)",
    ]


def test_pages_for_other_hosts_leave_drafts_out(tmp_path: Path) -> None:
    root = shutil.copytree(SITE, tmp_path / "src")
    out = tmp_path / "pages"
    assert main(["pages", str(out), "--site", str(root), "--strict"]) == 0
    texts = all_text(out)
    assert "claims/published-claim.md" in texts
    leaks = {path: word for path, text in texts.items() for word in DRAFT_WORDS if word in text}
    assert leaks == {}
