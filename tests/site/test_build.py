"""The host-neutral build (:class:`~explainers.site.build.SiteBuild`) driven in this
process, as a host other than MkDocs would: pages in as path, URL, title and the HTML
the extension made; no MkDocs anywhere. Its index is the check's index, its problems
are the check's problems, and under ``--dirty`` it names the pages a data change touches.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown
import pytest

from explainers.data.diagnostics import Report
from explainers.hosts.site_config import renderer_of
from explainers.page.article_render import markdown_body
from explainers.page.renderer import Renderer
from explainers.site import site_checks
from explainers.site.build import BuildError, SiteBuild, let_go
from explainers.site.check import CheckResult, check_all, find_articles
from explainers.site.feeds import ATOM_FEED, REVIEWS_FEED
from explainers.site.options import BuildOptions

from helpers import MATERIAL_EXTENSIONS, SITES

ARTICLES = ["en/bounties.md", "en/twice.md", "index.md", "nb/dusorer.md"]


def options(root: Path, **changes: object) -> BuildOptions:
    content = root / "content"
    values: dict = {
        "root": root,
        "claims_dir": content / "claims",
        "sources_dir": content / "sources",
        "lang": "en",
        "theme_lang": "en",
        "scale": None,
        "labels": {},
        "publisher": "Reader test",
        "renderer": Renderer,
        "site_url": "https://reader.example.org/",
    }
    values.update(changes)
    return BuildOptions(**values)


def render_all(build: SiteBuild, root: Path) -> None:
    """Every article through the extension, as a host renders them."""
    assert build.ext is not None
    for uri in ARTICLES:
        source = root / "content" / uri
        body, _ = markdown_body(source.read_text("utf-8"))
        url = "" if uri == "index.md" else uri.removesuffix(".md") + "/"
        lang = "nb" if uri.startswith("nb/") else "en"
        build.page_starts(uri, url, lang, "")
        html = markdown.markdown(
            body,
            extensions=[build.ext, *MATERIAL_EXTENSIONS],
            extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
        )
        build.page_rendered(uri, uri, url, source, html)


@pytest.fixture
def reader(tmp_path: Path) -> Path:
    root = tmp_path / "reader"
    shutil.copytree(SITES / "reader", root)
    return root


def built_and_checked(root: Path) -> tuple[SiteBuild, Report, CheckResult]:
    """The site at ``root`` built (every article rendered, its problems collected) and
    checked, as ``explainers check`` checks it."""
    build = SiteBuild()
    build.configure(options(root))
    try:
        assert build.start(ARTICLES) == set()
        render_all(build, root)
        report = build.problems()
    finally:
        let_go()
    content = root / "content"
    articles = find_articles(content, [content / "claims", content / "sources"])
    checked = check_all(
        root, content / "claims", content / "sources", articles, renderer=renderer_of(root)
    )
    return build, report, checked


def test_a_build_without_mkdocs_agrees_with_the_check(reader: Path, tmp_path: Path) -> None:
    build, report, checked = built_and_checked(reader)
    assert [str(d) for d in report.sorted()] == [str(d) for d in checked.report.sorted()]
    assert [str(d) for d in report.sorted()] == [
        "content/en/twice.md:7:1: warning: the box of claim 'officer-shot' is already on this "
        "page (line 3); mention it with :claim[officer-shot]"
    ]
    index = build.index()
    assert index.claim_pages == checked.index.claim_pages
    assert index.source_pages == checked.index.source_pages
    assert index.urls == {uri: "" if uri == "index.md" else uri[:-3] + "/" for uri in ARTICLES}
    # one record per page on both sides: what the build's render showed and numbered is
    # what the check reads from the page's positioned references, page by page, in order
    assert {uri: (r.claims, r.cited) for uri, r in build.records.items()} == {
        uri: (p.claims, p.cited) for uri, p in checked.pages.items()
    }
    assert build.records["en/bounties.md"].claims, "the reader site's pages show claims"
    build.settle()
    site = tmp_path / "site"
    site.mkdir()
    build.write_feeds(site, "Reader test")
    feed = json.loads((site / REVIEWS_FEED).read_text("utf-8"))
    claims = sorted(build.loaded.site.claims) if build.loaded else []
    assert len(feed["dataFeedElement"]) == len(claims) > 0
    assert (site / ATOM_FEED).read_text("utf-8").startswith("<?xml")


def test_check_and_build_run_the_same_checks_across_pages(
    reader: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check added to ``site/site_checks.py`` reaches ``explainers check`` and the build
    alike, with what the same pages cite."""

    def planted(site: object, cited: set[str], report: Report) -> None:
        report.warning("planted.yml", 1, 1, f"cited: {', '.join(sorted(cited))}")

    monkeypatch.setattr(site_checks, "check_unused", planted)
    _, report, checked = built_and_checked(reader)
    built = [str(d) for d in report.sorted() if d.path == "planted.yml"]
    found = [str(d) for d in checked.report.sorted() if d.path == "planted.yml"]
    assert len(built) == 1 and built[0].startswith("planted.yml:1:1: warning: cited: ")
    assert built[0] != "planted.yml:1:1: warning: cited: ", "the reader site's pages cite"
    assert found == built


def test_the_page_head_holds_language_review_and_feeds(reader: Path) -> None:
    build = SiteBuild()
    build.configure(options(reader))
    try:
        build.start(ARTICLES)
        render_all(build, reader)
        build.problems()
        build.settle()
    finally:
        let_go()
    shell = '<html lang="en"><head></head><body></body></html>'
    page = build.head(shell, "nb/dusorer.md", "nb/dusorer/", "nb")
    assert '<html lang="nb">' in page
    assert '<meta name="explainers:lang" content="nb">' in page
    assert '<script type="application/ld+json">' in page
    assert 'href="../../verdicts.atom"' in page


def test_content_errors_stop_the_build_but_not_serve(reader: Path) -> None:
    claims = reader / "content" / "claims" / "claims.yml"
    claims.write_text(claims.read_text("utf-8") + "  - id: Bad Id\n", "utf-8")
    build = SiteBuild()
    build.configure(options(reader))
    try:
        with pytest.raises(BuildError, match=r"^\d+ content errors?; nothing was built$"):
            build.start(ARTICLES)
        serving = SiteBuild()
        serving.configure(options(reader, serving=True))
        serving.start(ARTICLES)
        render_all(serving, reader)
        serving.problems()
    finally:
        let_go()
    assert serving.serve_errors and all(d.severity == "error" for d in serving.serve_errors)
    assert "xp-errors" in serving.head(
        "<html><head></head><body></body></html>", "index.md", "", "en"
    )


def test_under_dirty_a_changed_claim_names_the_pages_that_show_it(reader: Path) -> None:
    build = SiteBuild()
    build.configure(options(reader, serving=True, dirty=True))
    try:
        build.start(ARTICLES)
        render_all(build, reader)
        build.problems()
        assert build.start(ARTICLES) == set()  # nothing changed: nothing to render again
        shown = build.index().claim_pages["officer-shot"]
        claims = reader / "content" / "claims" / "claims.yml"
        text = claims.read_text("utf-8")
        start = text.index("- id: officer-shot")
        claims.write_text(
            text[:start] + text[start:].replace("claim: ", "claim: Edited: ", 1), "utf-8"
        )
        stale = build.start(ARTICLES)
    finally:
        let_go()
    assert build.changed is not None and "officer-shot" in build.changed[0]
    assert stale == set(shown) and stale
