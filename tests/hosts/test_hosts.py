"""The same site on every host: MkDocs, ProperDocs (its maintained fork, through the
plugin) and Zensical (through the Markdown extension and ``explainers pages``).

Each site is built once per host from one copy of its sources, after
``explainers pages content`` has written the generated pages into the docs folder
(which the MkDocs plugin must then ignore). Every page MkDocs makes must come out
of the other hosts with the same hooks (citations, boxes, mentions, the unconfirmed
section, the source lists in order) and the same page language, and no host may
publish the YAML data.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import browser_page, serve
from helpers import FIXTURES, hooks
from sitebuild import REPO, log_lines, tool

HOST_FIXTURE = FIXTURES / "hosts"
HOSTS = ["mkdocs", "properdocs", "zensical"]
SITE_DIRS = {"mkdocs": "site", "properdocs": "site-properdocs", "zensical": "site-zensical"}


def copy_fixture(dest: Path) -> Path:
    shutil.copytree(HOST_FIXTURE, dest)
    return dest


def write_pages(root: Path) -> None:
    result = tool("explainers", "pages", "content", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def build_with(host: str, root: Path) -> Path:
    """Build ``root`` with ``host`` as its users would; no warning, no error."""
    if host == "zensical":
        result = tool("zensical", "build", "--strict", "--clean", cwd=root)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert "No issues found" in output, output
    else:
        config = ["-f", "mkdocs.yml"] if host == "properdocs" else []
        result = tool(host, "build", "--strict", *config, "-d", SITE_DIRS[host], cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
        assert log_lines(result, "WARNING") == []
        assert log_lines(result, "ERROR") == []
    assert "Traceback" not in result.stderr
    return root / SITE_DIRS[host]


@pytest.fixture(scope="module", params=["fixture"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """{host: site folder} for the hosts fixture (the demo is built by `make zensical`
    and `make properdocs`: tests never read the working-tree demo)."""
    root = copy_fixture(tmp_path_factory.mktemp(request.param) / "site")
    write_pages(root)
    return {host: build_with(host, root) for host in HOSTS}


def page_hooks(site: Path) -> dict[str, list[str]]:
    """Per page: its language, then its hooks in document order."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html":
            continue
        html = path.read_text("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        meta = soup.select_one('meta[name="explainers:lang"]')
        lines = [f"lang {soup.html.get('lang')} meta {meta and meta.get('content')}"]
        for span in soup.select("li > span[id^=source-]"):  # the sources index
            links = [a.get("href") for a in span.parent.select("a[href]")]
            lines.append(f"listed {span['id']} cited in {' '.join(links)}")
        pages[path.relative_to(site).as_posix()] = lines + hooks(html)
    return pages


@pytest.mark.build
@pytest.mark.parametrize("host", ["properdocs", "zensical"])
def test_every_page_with_the_same_hooks_and_language(built: dict[str, Path], host: str) -> None:
    expected = page_hooks(built["mkdocs"])
    assert len(expected) >= 8  # the fixture: 3 articles, 2 indexes, 3 claim pages
    assert page_hooks(built[host]) == expected


@pytest.mark.build
@pytest.mark.parametrize("host", HOSTS)
def test_no_yaml_published(built: dict[str, Path], host: str) -> None:
    published = [p for p in built[host].rglob("*") if p.suffix in (".yml", ".yaml")]
    assert published == []


MATERIAL_STRINGS = {  # per site: (page, <html lang>, Material's search placeholder)
    "fixture": [
        ("index.html", "en", "Search"),
        ("nb/sak/index.html", "nb", "Søk"),
        ("claims/nb-okning/index.html", "nb", "Søk"),
        ("claims/sharp-rise/index.html", "en", "Search"),
    ],
}


@pytest.mark.build
@pytest.mark.parametrize("host", HOSTS)
def test_material_strings_follow_the_page_language(
    built: dict[str, Path], host: str, request: pytest.FixtureRequest
) -> None:
    """The language partial (a copy of the demo's, see checks/): Norwegian pages get Material's Norwegian strings."""
    expected = MATERIAL_STRINGS[request.node.callspec.params["built"]]
    found = []
    for page, _, _ in expected:
        soup = BeautifulSoup((built[host] / page).read_text("utf-8"), "html.parser")
        search = soup.select_one("input.md-search__input")
        found.append((page, soup.html.get("lang"), search and search.get("placeholder")))
    assert found == expected


@pytest.mark.build
def test_zensical_links_the_stylesheet_and_script(built: dict[str, Path]) -> None:
    site = built["zensical"]
    for name in ("explainers.css", "lang.js"):
        packaged = (REPO / "plugins/explainers/assets" / name).read_text("utf-8")
        assert (site / "assets/explainers" / name).read_text("utf-8").endswith(packaged)
    soup = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    css = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    scripts = [s["src"] for s in soup.select("script[src]")]
    assert "./assets/explainers/explainers.css" in css
    assert "./assets/explainers/lang.js" in scripts


def _reviews(site: Path) -> dict[str, list[dict]]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        items = [
            json.loads(s.get_text()) for s in soup.select('script[type="application/ld+json"]')
        ]
        if items:
            found[path.relative_to(site).as_posix()] = items
    return found


@pytest.mark.build
def test_zensical_claimreviews_as_mkdocs(built: dict[str, Path]) -> None:
    """Each claim's full ClaimReview on its own page is the same under both hosts, with
    absolute URLs from ``site_url``. (Under MkDocs an article refers to it by ``@id``;
    with the extension alone, each article repeats the review of every claim it boxes.)"""
    mkdocs, zensical = _reviews(built["mkdocs"]), _reviews(built["zensical"])
    claim_pages = sorted(p for p in mkdocs if p.startswith("claims/") and p != "claims/index.html")
    assert len(claim_pages) >= 2
    assert {p: zensical.get(p) for p in claim_pages} == {p: mkdocs[p] for p in claim_pages}
    urls = [r["url"] for p in claim_pages for r in mkdocs[p]]
    assert all(
        u.startswith(("https://hosts.example.org/", "https://explainers.example.org/"))
        for u in urls
    )
    referred = {
        ref["@id"]
        for items in mkdocs.values()
        for item in items
        if item.get("@type") == "WebPage"
        for ref in item.get("mentions", [])
    }
    assert referred and referred <= {r["@id"] for p in claim_pages for r in mkdocs[p]}


@pytest.mark.build
@pytest.mark.parametrize("host", ["mkdocs", "properdocs"])
def test_strict_build_stops_on_a_content_warning(tmp_path: Path, host: str) -> None:
    """Under ProperDocs the plugin's warnings reach the host's log and its --strict."""
    root = copy_fixture(tmp_path / "site")
    with (root / "content/index.md").open("a", encoding="utf-8") as handle:
        handle.write("\nSee [@ report-2025].\n")
    config = ["-f", "mkdocs.yml"] if host == "properdocs" else []
    result = tool(host, "build", "--strict", *config, cwd=root)
    assert result.returncode == 1
    assert log_lines(result, "WARNING") == [
        "WARNING -  content/index.md:10:6: warning: '[@ report-2025]' is not a citation "
        "(space after '@'); did you mean [@report-2025]?"
    ]
    assert not (root / "site").exists()


# -- explainers pages ------------------------------------------------------------------

PACKAGE_ASSETS = sorted(p.name for p in (REPO / "plugins/explainers/assets").iterdir())
EXPECTED_FILES = [
    *(f"assets/explainers/{name}" for name in PACKAGE_ASSETS),
    "claims/index.md",
    "claims/nb-okning.md",
    "claims/person-charged.md",
    "claims/sharp-rise.md",
    "sources/index.md",
]


def _written(root: Path) -> dict[str, bytes]:
    out = root / "out"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.build
def test_pages_writes_markdown_pages(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "site")
    result = tool("explainers", "pages", "out", cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    files = _written(root)
    assert sorted(files) == EXPECTED_FILES
    assert files["claims/sharp-rise.md"].decode() == (
        "---\n"
        'title: "Attacks rose sharply in a year."\n'
        'description: "The ministry gives no figures that can be checked."\n'
        "lang: en\n"
        "generator: explainers pages\n"
        "---\n\n\n"
        "[Claims](index.md)\n\n"
        "# Attacks rose sharply in a year\\.\n\n"
        "::claim[sharp-rise]\n\n"
        "## Discussed in\n\n"
        "- [Are attacks rising?](../en/story.md)\n"
        "- [Økte angrepene?](../nb/sak.md)\n\n"
        "::unconfirmed\n\n"
        "::sources\n"
    )
    nb = files["claims/nb-okning.md"].decode()
    assert "lang: nb\n" in nb and "[Påstander](index.md)" in nb and "## Omtalt i\n" in nb
    index = files["claims/index.md"].decode()
    assert "- [A person was charged with offering a bounty\\.](person-charged.md)" in index
    sources = files["sources/index.md"].decode()
    # pages in path order; the report is numbered on all three (in text and in boxes)
    cited_in = re.findall(r'<span id="source-([a-z0-9-]+)"></span>.* — Cited in: (.*)', sources)
    assert cited_in == [
        (
            "report-2025",
            "[Are attacks rising?](../en/story.md), [Home](../index.md), [Økte angrepene?](../nb/sak.md)",
        ),
        ("court-filing", "[Are attacks rising?](../en/story.md)"),
        ("post-official", "[Are attacks rising?](../en/story.md)"),
        ("ngo-statement", "[Are attacks rising?](../en/story.md)"),
        ("avis-artikkel", "[Økte angrepene?](../nb/sak.md)"),
    ]


@pytest.mark.build
def test_pages_reads_zensical_toml_without_mkdocs_yml(tmp_path: Path) -> None:
    with_mkdocs = copy_fixture(tmp_path / "both")
    assert tool("explainers", "pages", "out", cwd=with_mkdocs).returncode == 0
    root = copy_fixture(tmp_path / "site")
    (root / "mkdocs.yml").unlink()
    result = tool("explainers", "pages", "out", cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert _written(root) == _written(with_mkdocs)
    (root / "zensical.toml").unlink()
    result = tool("explainers", "pages", "out", cwd=root)
    assert (result.returncode, result.stderr) == (
        2,
        "explainers: .: no mkdocs.yml or zensical.toml here\n",
    )


@pytest.mark.build
def test_pages_is_deterministic_and_prunes_its_own_files(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "site")
    assert tool("explainers", "pages", "out", cwd=root).returncode == 0
    first = _written(root)
    assert tool("explainers", "pages", "out", cwd=root).returncode == 0
    assert _written(root) == first
    data = root / "content/claims/claims.yml"
    text = data.read_text("utf-8")
    data.write_text(text.replace("id: person-charged", "id: person-accused"), "utf-8")
    for article in (root / "content").rglob("*.md"):
        article.write_text(
            article.read_text("utf-8").replace("person-charged", "person-accused"), "utf-8"
        )
    assert tool("explainers", "pages", "out", cwd=root).returncode == 0
    assert sorted(_written(root)) == sorted(
        [f for f in EXPECTED_FILES if f != "claims/person-charged.md"]
        + ["claims/person-accused.md"]
    )


@pytest.mark.build
def test_pages_refuses_files_it_did_not_write(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "site")
    mine = root / "out" / "claims" / "index.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My own claims page\n", "utf-8")
    result = tool("explainers", "pages", "out", cwd=root)
    assert result.returncode == 1
    assert result.stderr == (
        "explainers: not replacing files that `explainers pages` did not write: out/claims/index.md\n"
    )
    assert _written(root) == {"claims/index.md": b"# My own claims page\n"}


@pytest.mark.build
def test_pages_writes_nothing_on_content_errors(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "site")
    story = root / "content/en/story.md"
    story.write_text(story.read_text("utf-8").replace("[@ngo-statement]", "[@ngo-statment]"))
    result = tool("explainers", "pages", "out", cwd=root)
    assert result.returncode == 1
    assert result.stdout == (
        "content/en/story.md:12:70: error: unknown source 'ngo-statment'; "
        "did you mean 'ngo-statement'?\n"
    )
    assert result.stderr == "explainers: content problems; no pages written\n"
    assert not (root / "out").exists()


# -- instant navigation in a real browser ----------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("host", ["mkdocs", "zensical"])
def test_instant_navigation_keeps_html_lang(tmp_path: Path, host: str) -> None:
    """Material's instant navigation only runs when the page is served at ``site_url``:
    the site is built for the port it is then served on."""
    root = copy_fixture(tmp_path / "site")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    for name in ("mkdocs.yml", "zensical.toml"):
        config = root / name
        config.write_text(
            config.read_text("utf-8").replace("https://hosts.example.org/", url), "utf-8"
        )
    write_pages(root)
    site = build_with(host, root)
    documents: list[str] = []
    with serve(site, port) as base, browser_page() as page:
        assert base == url
        page.on(
            "request", lambda r: documents.append(r.url) if r.resource_type == "document" else None
        )
        page.goto(base + "en/story/", wait_until="load")
        assert page.evaluate("document.documentElement.lang") == "en"
        steps = [  # (link to follow, where it leads, that page's language)
            ("article a[href$='nb/sak/']", "nb/sak/", "nb"),
            (".md-nav a[href$='claims/']", "claims/", "en"),
            ("article a[href$='nb-okning/']", "claims/nb-okning/", "nb"),
            ("article a[href$='/claims/']", "claims/", "en"),  # the claim page's way back
        ]
        for link, path, lang in steps:
            page.locator(link).first.click()
            page.wait_for_url(base + path)
            page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=5000)
            assert page.locator("meta[name='explainers:lang']").get_attribute("content") == lang
        assert page.locator("article a[href$='/claims/sharp-rise/']").count() == 1
    assert documents == [base + "en/story/"]  # the later pages came without a full load
