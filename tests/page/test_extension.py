"""The page rendering outside MkDocs, language choice, and the renderer hook."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES
from sitebuild import build


def standalone(text: str, extensions: list[str], **options: object) -> str:
    """Render with the extension loaded by its entry-point name, as Zensical would."""
    config = {"base_dir": str(FIXTURES / "data"), "claims_dir": "claims", "sources_dir": "sources"}
    return markdown.markdown(
        text, extensions=extensions, extension_configs={"explainers": {**config, **options}}
    )


def test_extension_by_name_with_data_paths() -> None:
    html = standalone("Text [@a].\n\n::claim[open]\n", ["explainers", "admonition"], lang="nb")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#claim-open")["data-status"] == "unconfirmed"
    assert soup.select_one("section.xp-sources h2").get_text() == "Kilder"
    assert [li["data-source"] for li in soup.select("ol[data-sources] li")] == ["a", "c"]


def test_standalone_page_language_from_meta_and_json_ld_in_body() -> None:
    html = standalone("lang: nb\n\n::claim[closed]\n", ["meta", "explainers"], jsonld_in_body=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("section.xp-sources h2").get_text() == "Kilder"
    script = soup.select_one('script[type="application/ld+json"]')
    assert (
        '"@type":"ClaimReview"' in script.string and '"alternateName":"Bekreftet"' in script.string
    )


@pytest.mark.build
def test_core_and_extension_work_without_mkdocs() -> None:
    code = textwrap.dedent(
        f"""
        import sys
        sys.modules["mkdocs"] = None  # any import of mkdocs now fails
        import markdown
        from explainers import ExplainersExtension, check_all, load_site, scan
        from explainers.cli import main
        ext = ExplainersExtension(base_dir={str(FIXTURES / "data")!r}, claims_dir="claims", sources_dir="sources")
        html = markdown.markdown("[@a] ::claim[open]\\n\\n::claim[open]", extensions=[ext])
        assert 'data-claim="open"' in html
        assert "mkdocs" not in [m.split(".")[0] for m in sys.modules if sys.modules[m] is not None]
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


LANG_SITE = FIXTURES / "sites" / "lang"


def set_options(root: Path, options: str) -> None:
    """The fixture's mkdocs.yml with extra plugin option lines, each indented six spaces."""
    text = (LANG_SITE / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("      renderer:", f"{options}      renderer:"), "utf-8"
    )


def lang_site(tmp_path: Path, options: str = "") -> Path:
    root = tmp_path / "site"
    shutil.copytree(LANG_SITE, root)
    set_options(root, options)
    return root


def built_page(root: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / name / "index.html").read_text("utf-8"), "html.parser")


def sources_heading(soup: BeautifulSoup) -> str:
    return soup.select_one("section.xp-sources h2").get_text().rstrip("¶")


@pytest.mark.build
def test_language_and_renderer_choice(tmp_path: Path) -> None:
    root = lang_site(tmp_path)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    default, english = built_page(root, "default"), built_page(root, "english")
    assert default.html["lang"] == "nb", "theme.language is the default"
    assert sources_heading(default) == "Kilder"
    assert "2. oktober 2025" in default.select_one("ol[data-sources]").get_text()
    assert english.html["lang"] == "en", "front matter beats the site default"
    assert sources_heading(english) == "Sources"
    assert "October 2, 2025" in english.select_one("ol[data-sources]").get_text()
    assert default.select_one("a[data-cite]").get_text() == "(1)", "the site's renderer is used"


@pytest.mark.build
def test_plugin_lang_option_beats_theme_language(tmp_path: Path) -> None:
    root = lang_site(tmp_path, "      lang: en\n")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sources_heading(built_page(root, "default")) == "Sources"


@pytest.mark.build
def test_bad_renderer_option_is_a_clear_error(tmp_path: Path) -> None:
    root = lang_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("LoudRenderer", "Missing"), "utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "renderer 'custom_renderer:Missing' cannot be loaded" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_custom_verdict_scale(tmp_path: Path) -> None:
    root = lang_site(
        tmp_path,
        "      scale:\n"
        "        unconfirmed: {en: Not shown yet, nb: Ikke vist ennå, settled: false, icon: '…'}\n"
        "        mostly-true: {en: Mostly true, nb: Stort sett riktig, settled: true}\n",
    )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    badge = built_page(root, "english").select_one("#claim-open .xp-badge")
    assert badge.get_text(" ", strip=True) == "… Not shown yet"
    claims = root / "data" / "claims" / "c.yml"
    claims.write_text(
        claims.read_text("utf-8").replace("status: unconfirmed", "status: confirmed"), "utf-8"
    )
    result = build(root)
    assert result.returncode != 0
    assert (
        "status 'confirmed' is not on the verdict scale (unconfirmed, mostly-true)"
        in result.stdout + result.stderr
    )


@pytest.mark.build
def test_malformed_scale_is_a_clear_error(tmp_path: Path) -> None:
    from explainers.cli import main

    root = lang_site(tmp_path, "      scale:\n        unconfirmed: yes\n")
    result = build(root)
    assert result.returncode != 0
    line = next(
        n
        for n, text in enumerate((root / "mkdocs.yml").read_text("utf-8").splitlines(), 1)
        if "unconfirmed: yes" in text
    )
    message = (
        f"mkdocs.yml:{line}:22: error: scale: 'unconfirmed' must be a mapping with en, nb, "
        "settled and optionally icon, badge and rating"
    )
    assert f"ERROR   -  {message}\n" in result.stdout + result.stderr  # in the contract's form
    assert "Traceback" not in result.stdout + result.stderr
    assert main(["check", str(root)]) == 1


@pytest.mark.build
def test_label_overrides_and_their_errors(tmp_path: Path) -> None:
    root = lang_site(tmp_path, "      labels: {nb: {sources: Kildeliste}}\n")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sources_heading(built_page(root, "default")) == "Kildeliste"
    set_options(root, "      labels: {nb: {sorces: Kildeliste}}\n")
    result = build(root)
    assert result.returncode != 0
    assert (
        "ERROR   -  mkdocs.yml:11:15: error: labels: unknown label 'sorces'; did you mean 'sources'?"
        in result.stdout + result.stderr
    )


def test_a_host_may_have_the_blocks_deferred_and_filled_in_later() -> None:
    """Python-Markdown on its own gets every box and list inline; a host that sets
    ``deferred`` gets a marker for each, and its ``fill`` makes the very same page."""
    from explainers import ExplainersExtension
    from explainers.page.block_stash import DeferredBlocks

    text = "Text [@a].\n\n::claim[open]\n\nMore [@c].\n\n::claim[open]\n"
    options = {"base_dir": str(FIXTURES / "data"), "claims_dir": "claims", "sources_dir": "sources"}
    inline = markdown.markdown(text, extensions=[ExplainersExtension(**options)])
    assert 'data-claim="open"' in inline and "xpdefer" not in inline
    ext = ExplainersExtension(**options)
    ext.deferred = DeferredBlocks()
    deferred = markdown.markdown(text, extensions=[ext])
    assert "data-claim=" not in deferred and "data-sources" not in deferred
    assert deferred.count("xpdefer:") == 4  # two boxes, the unconfirmed list, the sources
    assert ext.deferred.fill(deferred) == inline
    # what search skips is what the page holds: the boxes' and list's markers
    assert ext.result.hidden and all(h in deferred and "xpdefer:" in h for h in ext.result.hidden)
    ext.deferred.clear()  # the build is written: a marker left is left as it is
    assert ext.deferred.fill(deferred) == deferred


def test_a_converted_page_leaves_no_cycle_holding_the_site() -> None:
    """A page's conversion leaves nothing cyclic that holds the loaded data: once the
    host lets go of it, reference counting frees it. A cycle would leave the whole model
    (every claim, evidence item and position) to the collector: at N=1,000 the
    interpreter's last collection walked 265,000 such objects after a build."""
    import gc
    import weakref

    from helpers import fixture_site, render

    site = fixture_site()
    claim_id = next(iter(site.claims))
    held = weakref.ref(site.claims[claim_id])
    gc.collect()
    gc.disable()
    try:
        html, ext = render(
            f"# Page\n\n::claim[{claim_id}]\n\nSee :claim[{claim_id}] [@{next(iter(site.sources))}].\n",
            site=site,
        )
        assert f'data-claim="{claim_id}"' in html  # the box was made: the site was used
        ext.set_site(None)
        del site, ext
        assert held() is None, "a cycle still holds the site model"
    finally:
        gc.enable()


#: relative paths as hosts give them (and a few odd ones): relpath must agree with posixpath
RELPATH_CASES = [
    ("claims/c1.md", "articles"),
    ("claims/c1/", "articles/x"),
    ("claims/c1/nb/", "nb/articles/x"),
    ("claims/c1.md", "."),
    ("claims/c1.md", "claims"),
    ("a/./b", "a//c/"),
    ("a/b/../c", "a/b"),
    ("..foo/x", "..foo"),
    ("../up", "a"),
    ("a", "../up"),
    ("/abs/x", "a"),
    ("a", ""),
    ("a", "a"),
]


@pytest.mark.parametrize(("path", "start"), RELPATH_CASES)
def test_relpath_agrees_with_posixpath(path: str, start: str) -> None:
    import posixpath

    from explainers.page.paths import relpath

    assert relpath(path, start) == posixpath.relpath(path, start)


def test_links_to_claim_pages_ask_the_system_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A link to a claim's page is worked out from the two paths alone: posixpath.relpath
    asked the system for the working folder twice a link (thousands of calls a build)."""
    import os

    from explainers import ExplainersExtension
    from explainers.page.extension import PageContext

    by_url = ExplainersExtension(claim_url="claims/{id}/")
    by_page = ExplainersExtension()  # claims/{id}.md, relative to the page's source

    asked: list[str] = []
    getcwd = os.getcwd

    def counted() -> str:
        asked.append("getcwd")
        return getcwd()

    monkeypatch.setattr(os, "getcwd", counted)
    assert by_url.claim_href("c1", PageContext(page_url="articles/x/")) == "../../claims/c1/"
    assert by_url.claim_href("c1", PageContext(page_url="articles/x.html")) == "../claims/c1/"
    assert by_url.claim_href("c1", PageContext(page_url="")) == "claims/c1/"
    assert by_page.claim_href("c1", PageContext(src_uri="articles/x.md")) == "../claims/c1.md"
    assert by_page.claim_href("c1", PageContext(src_uri="x.md")) == "claims/c1.md"
    assert asked == []
