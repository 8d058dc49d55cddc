"""Languages beyond en and nb: Nynorsk shipped, German from a site-supplied label set."""

from __future__ import annotations

import json
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


#: (page, its language, the text of claim 'zwei' it shows): the German site's claim given
#: in de (its own language, which the site adds) and en
ZWEI = [
    ("deutsch", "de", "Die Brücke ist gesperrt."),
    ("english", "en", "The bridge is closed."),
    ("claims/zwei", "de", "Die Brücke ist gesperrt."),
    ("claims/zwei/en", "en", "The bridge is closed."),
]


@pytest.mark.build
@pytest.mark.parametrize(("name", "lang", "text"), ZWEI, ids=[z[0] for z in ZWEI])
def test_claim_text_in_a_language_the_site_adds(
    built: Path, name: str, lang: str, text: str
) -> None:
    soup = page(built, name)
    assert soup.html["lang"] == lang
    assert [p.get_text() for p in soup.select(".xp-claim__text")] == [text]
    assert "text_fallback" not in soup.text
    if name.startswith("claims/"):  # a page per language, linking each other
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup.select('link[rel="alternate"][hreflang]')
        }
        assert alternates == (
            {"de": "./", "en": "en/"} if lang == "de" else {"de": "../", "en": "./"}
        )
        switch = soup.select_one("nav.xp-langs")
        assert switch.select_one('[aria-current="page"]')["lang"] == lang


@pytest.mark.build
def test_search_and_sitemap_list_the_added_language_version(built: Path) -> None:
    search = json.loads((built / "site" / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in search["docs"]]
    assert locations.count("claims/zwei/en/") == 1, "listed once, never twice"
    assert "claims/zwei/en/" in (built / "site" / "sitemap.xml").read_text("utf-8")


@pytest.mark.build
def test_a_text_language_the_site_does_not_add_is_an_error_at_its_key(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    claims = root / "content" / "claims" / "c.yml"
    text = claims.read_text("utf-8").replace('en: "Nobody', 'fr: "Nobody')
    claims.write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if 'fr: "Nobody' in row)
    col = text.splitlines()[line - 1].index("fr:") + 1
    message = (
        f"content/claims/c.yml:{line}:{col}: error: 'fr' is not a language a text can be given "
        "in: use en, nb, nn or de, or add 'fr' to the explainers labels option with every label"
    )
    result = build(root)
    assert result.returncode == 1
    assert f"ERROR   -  {message}" in log_lines(result, "ERROR")
    assert "Traceback" not in result.stdout + result.stderr
    assert main(["check", str(root)]) == 1


@pytest.mark.build
def test_pages_for_other_hosts_in_a_language_the_site_adds(tmp_path: Path) -> None:
    """``explainers pages`` writes a claim's page in the added language (``de.md``) and,
    once the claim has no German text, takes it away again as one of its own pages."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    claims = root / "content" / "claims" / "c.yml"
    claims.write_text(
        claims.read_text("utf-8")
        + "  - id: drei\n    lang: en\n    claim: {en: Three., de: Drei.}\n"
        + "    status: unconfirmed\n    missing: [More.]\n"
        + "    history:\n      - date: 2025-10-07\n        status: unconfirmed\n",
        "utf-8",
    )
    english = root / "content" / "english.md"
    english.write_text(english.read_text("utf-8") + "\n::claim[drei]\n", "utf-8")
    assert main(["pages", str(root / "content"), "--site", str(root)]) == 0
    written = root / "content" / "claims" / "drei" / "de.md"
    front = written.read_text("utf-8").split("\n---", 1)[0]
    assert 'title: "Drei."' in front and "lang: de" in front
    claims.write_text(claims.read_text("utf-8").replace(", de: Drei.}", "}"), "utf-8")
    assert main(["pages", str(root / "content"), "--site", str(root)]) == 0
    assert not written.exists(), "a page it wrote, in a language the site adds"
