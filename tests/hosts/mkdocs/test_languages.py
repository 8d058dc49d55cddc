"""Languages beyond en and nb: Nynorsk shipped, German from a site-supplied label set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainers.cli import main

from helpers import FIXTURES
from sitebuild import build, log_lines

SITE = FIXTURES / "sites" / "languages"

#: page, <html lang>, sources heading, quoted source title, source date, section heading,
#: verdict (German: the site's scale gives it; Nynorsk: shipped)
PAGES = [
    (
        "deutsch",
        "de",
        "Quellen",
        "„Ein Bericht“",
        "2. Oktober 2025",
        "Was nicht bestätigt ist",
        "Unbestätigt",
    ),
    (
        "nynorsk",
        "nn",
        "Kjelder",
        "«Ein Bericht»",
        "2. oktober 2025",
        "Dette er ikkje stadfesta",
        "Ikkje stadfesta",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("languages") / "site"
    shutil.copytree(SITE, root)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def page(root: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / name / "index.html").read_text("utf-8"), "html.parser")


@pytest.mark.build
@pytest.mark.parametrize(
    ("name", "lang", "heading", "title", "date", "unconfirmed", "verdict"), PAGES
)
def test_page_in_language(
    built: Path,
    name: str,
    lang: str,
    heading: str,
    title: str,
    date: str,
    unconfirmed: str,
    verdict: str,
) -> None:
    soup = page(built, name)
    assert soup.html["lang"] == lang
    sources = soup.select_one("section.xp-sources")
    assert sources.select_one("h2").get_text().rstrip("¶") == heading
    entry = sources.select_one("ol[data-sources]").get_text()
    assert title in entry, entry  # the language's quotation marks
    assert date in entry, entry  # Babel's date for the locale
    assert soup.select_one("#whats-unconfirmed").get_text().rstrip("¶") == unconfirmed
    assert soup.select_one(".xp-badge__label").get_text() == verdict


@pytest.mark.build
def test_site_language_drives_generated_pages_and_material(built: Path) -> None:
    """theme.language: de is the site's default: the indexes and Material's own strings."""
    claims = page(built, "claims")
    assert claims.html["lang"] == "de"
    assert claims.select_one("h1").get_text().rstrip("¶") == "Behauptungen"
    assert page(built, "sources").select_one("h1").get_text().rstrip("¶") == "Alle Quellen"
    search = page(built, "deutsch").select_one("input[name=query]")
    assert search["placeholder"] == "Suche", "Material's interface follows theme.language"
    search = page(built, "nynorsk").select_one("input[name=query]")
    assert search["placeholder"] == "Søk", "... and a page's lang: where Material has it"


@pytest.mark.build
def test_missing_labels_are_listed_at_the_option(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    config = root / "mkdocs.yml"
    lines = [
        line
        for line in config.read_text("utf-8").splitlines(keepends=True)
        if not line.lstrip().startswith(("claim:", "verdict_on:", "quote_end:"))
    ]
    config.write_text("".join(lines), "utf-8")
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == "labels:")
    message = (
        f"mkdocs.yml:{line}:14: error: labels: 'de' is a new language and misses 3 of its "
        "labels: claim, verdict_on, quote_end (a new language gives every label)"
    )
    result = build(root)
    assert result.returncode == 1
    assert log_lines(result, "ERROR")[0] == f"ERROR   -  {message}"
    assert "Traceback" not in result.stdout + result.stderr
    assert not (root / "site").exists(), "nothing is built"
    assert main(["check", str(root)]) == 1


@pytest.mark.build
def test_page_language_without_labels_says_how_to_add_it(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    article = root / "content" / "deutsch.md"
    article.write_text(article.read_text("utf-8").replace("lang: de", "lang: da"), "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert log_lines(result, "ERROR")[0] == (
        "ERROR   -  content/deutsch.md:2:7: error: lang 'da' has no labels: use en, nb, nn, de,"
        " or add 'da' to the explainers plugin's labels option in mkdocs.yml with every label"
    )
