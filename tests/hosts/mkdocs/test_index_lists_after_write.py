"""The index pages' lists go into their files after MkDocs writes them, not into the
finished page MkDocs holds, encodes and writes (at N=1,000 the claims index was 6.6 MB
of HTML, two bytes a character in memory, and its copies the largest transient of the
build); where another plugin or hook edits finished pages (``on_post_page``), it sees
them whole, as before. Either way the files are the same bytes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from explainers.hosts.mkdocs.plugin import ExplainersPlugin
from explainers.site import claim_pages, heap, site_folder
from explainers.site.build import SiteBuild

from sitebuild import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from synth import make_site

INDEXES = ("claims/index.md", "sources/index.md")
POST_PAGE = ExplainersPlugin.on_post_page
PAGES_WRITTEN = SiteBuild.pages_written
REWRITE = claim_pages.write_search_index_with
SITEMAP = claim_pages.sitemap_with
CLOSE = site_folder.PageWriter.close
HOOK = "def on_post_page(output, page, config):\n    return output\n"


def _build(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch, hooks: list[str]) -> dict:
    """One in-process build: what our ``on_post_page`` hands on for each index page,
    and how often freed memory was handed back."""
    finished: dict[str, str] = {}
    trims: list[bool] = []

    def recording(self: ExplainersPlugin, output: str, *, page: Any, config: Any) -> str:
        output = POST_PAGE(self, output, page=page, config=config)
        if page.file.src_uri in INDEXES:
            finished[page.file.src_uri] = output
        return output

    monkeypatch.setattr(ExplainersPlugin, "on_post_page", recording)
    steps: list[str] = []  # pages written, the trims, the sitemap and the rewrite in turn
    monkeypatch.setattr(
        site_folder.PageWriter, "close", lambda self: steps.append("pages") or CLOSE(self)
    )
    monkeypatch.setattr(heap, "give_back", lambda: trims.append(True) or not steps.append("trim"))
    monkeypatch.setattr(
        claim_pages, "sitemap_with", lambda *a: steps.append("sitemap") or SITEMAP(*a)
    )
    held: list[int] = []

    def pages_written(self: SiteBuild) -> None:  # the full reviews held while pages are written
        held.append(len(self.canon.reviews))
        PAGES_WRITTEN(self)

    monkeypatch.setattr(SiteBuild, "pages_written", pages_written)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), hooks=hooks)
    site_build = config.plugins["explainers"].build

    def rewriting(*args: Any) -> None:  # the full reviews held under the index rewrite
        held.append(len(site_build.canon.reviews))
        steps.append("rewrite")
        REWRITE(*args)

    monkeypatch.setattr(claim_pages, "write_search_index_with", rewriting)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return {"finished": finished, "trims": len(trims), "reviews held": held, "steps": steps}


def _files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".json", ".atom", ".xml")
    }


def test_index_lists_go_into_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path / "synth", 3)
    hook = tmp_path / "hook.py"
    hook.write_text(HOOK, "utf-8")
    alone = _build(root, tmp_path / "alone" / "site", monkeypatch, [])
    edited = _build(root, tmp_path / "edited" / "site", monkeypatch, [str(hook)])
    for uri in INDEXES:
        held, whole = alone["finished"][uri], edited["finished"][uri]
        assert "xpdefer:" in held, f"{uri}: its lists wait for the file"
        assert "xpdefer:" not in whole, f"{uri}: another on_post_page handler sees it whole"
        assert len(held) < len(whole), uri
    site_alone, site_edited = (
        _files(tmp_path / "alone" / "site"),
        _files(tmp_path / "edited" / "site"),
    )
    assert site_alone == site_edited
    for name in ("claims/index.html", "sources/index.html"):
        assert b"xpdefer:" not in site_alone[name]
        assert site_alone[name].count(b"<li") >= 30, name  # 30 claims, their sources
    # freed memory handed back where the large phases end: articles, settle, pages, publish
    assert alone["trims"] >= 4
    # and once the claim pages are made, before the sitemap (where every page was made,
    # its transient on the pages' freed text was the build's peak) and before the rewrite
    assert alone["steps"][-6:-1] == ["pages", "trim", "sitemap", "trim", "rewrite"]
    # the claims' full reviews are made once the pages are written, for the feeds and the
    # claim pages, and let go before the search index is rewritten
    assert alone["reviews held"] == [0, 0]
    page = site_alone["claims/c0/index.html"].decode("utf-8")
    assert '"@type":"ClaimReview"' in page and "/claims/c0/#claim-c0" in page
    article = site_alone["articles/explainer-0000/index.html"].decode("utf-8")
    assert '{"@id":"https://bench.example.org/claims/c0/#claim-c0"}' in article
    assert site_alone["claimreviews.json"].count(b'"@type":"ClaimReview"') == 30
