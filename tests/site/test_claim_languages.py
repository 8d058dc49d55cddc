"""One claim in several languages (``fixtures/sites/bilingual``): a page per language with
hreflang links, a language switch and its own ClaimReview; the fallback note where a text
is missing, and the same warning from ``explainers check`` and ``mkdocs build``; feeds,
sitemap, search and the claims index list each language version."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from explainers.site import claim_pages, text_window
from explainers.site.claim_pages import is_claim_location

from helpers import SITES
from sitebuild import build, tool

URL = "https://example.org/"
WARNINGS = [
    "data/claims/c.yml:32:7: warning: claim 'rain-record': 'summary' has no nb text, "
    "so its nb page shows the en text: add nb: ...",
    "data/claims/c.yml:34:9: warning: claim 'rain-record': 'missing' item 1 has no nb text, "
    "so its nb page shows the en text: add nb: ...",
    "data/claims/c.yml:40:15: warning: claim 'rain-record': 'note' of evidence item 1 has no "
    "en text, so its en page shows the nb text: add en: ...",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The built site, the build's output and ``explainers check``'s."""
    root = tmp_path_factory.mktemp("languages") / "site-root"
    shutil.copytree(SITES / "bilingual", root)
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr
    check = tool("explainers", "check", cwd=root)
    return root / "site", result.stdout + result.stderr, check.stdout + check.stderr


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def review(soup: BeautifulSoup) -> dict:
    (script,) = soup.select('script[type="application/ld+json"]')
    found = json.loads(script.string)
    return found[0] if isinstance(found, list) else found


# (page, its language, the claim text shown, the URL of its review)
PAGES = [
    ("claims/sky-green", "en", "The sky is green.", f"{URL}claims/sky-green/"),
    ("claims/sky-green/nb", "nb", "Himmelen er grønn.", f"{URL}claims/sky-green/nb/"),
    ("claims/rain-record", "en", "It rained for 40 days.", f"{URL}claims/rain-record/"),
    ("claims/rain-record/nb", "nb", "Det regnet i 40 dager.", f"{URL}claims/rain-record/nb/"),
]


@pytest.mark.build
@pytest.mark.parametrize(("path", "lang", "text", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_per_language_with_its_own_review(
    built: tuple[Path, str, str], path: str, lang: str, text: str, url: str
) -> None:
    soup = page(built[0], path)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text() == text
    assert soup.select_one(".xp-claim__text").get_text() == text
    found = review(soup)
    assert (found["inLanguage"], found["url"], found["claimReviewed"]) == (
        lang,
        url + "#claim-" + path.split("/")[1],
        text,
    )
    claim = path.split("/")[1]
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {"en": f"{URL}claims/{claim}/", "nb": f"{URL}claims/{claim}/nb/"}
    switch = soup.select_one("nav.xp-langs")
    assert switch is not None
    current = switch.select_one('[aria-current="page"]')
    assert (current["lang"], current.get_text()) == (
        lang,
        {"en": "English", "nb": "Norsk (bokmål)"}[lang],
    )
    # the page's own links resolve from its folder (a language page is a folder deeper)
    for tag in soup.select('link[rel="stylesheet"][href], script[src]'):
        target = tag.get("href") or tag.get("src")
        if "://" not in target:
            assert (built[0] / path / target.split("?")[0]).resolve().is_file(), target
    (other,) = switch.select("a[hreflang]")
    assert other["hreflang"] == {"en": "nb", "nb": "en"}[lang]
    assert other["href"] == {"en": "nb/", "nb": "../"}[lang]


@pytest.mark.build
def test_a_claim_in_one_language_has_one_page(built: tuple[Path, str, str]) -> None:
    site = built[0]
    soup = page(site, "claims/plain-claim")
    assert soup.select("nav.xp-langs") == []
    assert soup.select('link[rel="alternate"][hreflang]') == []
    assert sorted(p.name for p in (site / "claims" / "plain-claim").iterdir()) == ["index.html"]


@pytest.mark.build
def test_a_missing_text_falls_back_with_a_note_and_its_language(
    built: tuple[Path, str, str],
) -> None:
    box = page(built[0], "claims/rain-record/nb").select_one("section.xp-claim")
    note = box.select_one(".xp-claim__fallback")
    assert note is not None and note["role"] == "note"
    assert note.get_text().startswith("Deler av denne vurderingen er ikke skrevet på norsk")
    summary = box.select_one(".xp-claim__summary")
    assert (summary["lang"], summary.get_text(strip=True)) == ("en", "Only one station reports it.")
    items = [(li.get("lang"), li.get_text()) for li in box.select(".xp-claim__missing li")]
    assert items == [("en", "The records of the other stations."), (None, "En kilde til.")]
    assert box.select_one(".xp-claim__meta").get_text().startswith("Fremsatt av Meteorologene")
    assert box.select_one(".xp-evidence__note").get("lang") is None  # in nb: the page's
    # a text only in another language falls back on the claim's own page too
    own = page(built[0], "claims/rain-record").select_one("section.xp-claim")
    assert own.select_one(".xp-claim__fallback").get_text().startswith("Parts of this review")
    note = own.select_one(".xp-evidence__note")
    assert (note["lang"], note.get_text(strip=True)) == ("nb", "Bare én stasjon.")
    # a fully translated claim has no note
    assert page(built[0], "claims/sky-green/nb").select(".xp-claim__fallback") == []
    assert page(built[0], "claims/sky-green").select(".xp-claim__fallback") == []


@pytest.mark.build
def test_check_and_build_report_the_same_fallbacks(built: tuple[Path, str, str]) -> None:
    _, build_output, check_output = built
    assert [line for line in check_output.splitlines() if ": warning: " in line] == WARNINGS
    warned = [
        line.removeprefix("WARNING").lstrip(" -")
        for line in build_output.splitlines()
        if line.startswith("WARNING")
    ]
    assert warned == WARNINGS


@pytest.mark.build
def test_articles_show_the_claim_in_their_language(built: tuple[Path, str, str]) -> None:
    nb = page(built[0], "nb/himmel")
    texts = [p.get_text() for p in nb.select(".xp-claim__text")]
    assert texts == ["Himmelen er grønn.", "Det regnet i 40 dager."]
    en = page(built[0], "en/sky")
    assert [p.get_text() for p in en.select(".xp-claim__text")][:1] == ["The sky is green."]
    # the claims index (in the site's language) links each claim's page in that language
    index = page(built[0], "claims")
    links = {li["data-claim"]: li.a["href"] for li in index.select("li[data-claim]")}
    assert links == {
        "sky-green": "sky-green/",
        "rain-record": "rain-record/",
        "plain-claim": "plain-claim/",
    }


@pytest.mark.build
def test_feeds_sitemap_and_search_list_each_language_version(
    built: tuple[Path, str, str],
) -> None:
    site = built[0]
    feed = json.loads((site / "claimreviews.json").read_text("utf-8"))
    items = {
        item["item"][0]["@id"].rpartition("#claim-")[2]: [
            (r["inLanguage"], r["url"]) for r in item["item"]
        ]
        for item in feed["dataFeedElement"]
    }
    assert items["sky-green"] == [
        ("en", f"{URL}claims/sky-green/#claim-sky-green"),
        ("nb", f"{URL}claims/sky-green/nb/#claim-sky-green"),
    ]
    assert items["plain-claim"] == [("en", f"{URL}claims/plain-claim/#claim-plain-claim")]
    atom = ElementTree.fromstring((site / "verdicts.atom").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    titles = {
        (e.get(lang), e.find("a:link", ns).get("href")): e.findtext("a:title", "", ns)
        for e in atom.findall("a:entry", ns)
    }
    assert titles[("nb", f"{URL}claims/sky-green/nb/#history-sky-green")].endswith(
        "Himmelen er grønn."
    )
    assert titles[("en", f"{URL}claims/sky-green/#history-sky-green")].endswith("The sky is green.")
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{URL}claims/sky-green/nb/</loc>" in sitemap
    search = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = [d["location"] for d in search["docs"] if d["location"].startswith("claims/")]
    assert "claims/sky-green/nb/" in locations and "claims/sky-green/" in locations


@pytest.mark.build
def test_markdown_pages_for_other_hosts_have_each_language(tmp_path: Path) -> None:
    """``explainers pages`` (Zensical, ProperDocs) writes a page per language too, in that
    language, with the switch; a second run with the claim in one language removes it."""
    root = tmp_path / "site-root"
    shutil.copytree(SITES / "bilingual", root)
    result = tool("explainers", "pages", "content", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    claims = root / "content" / "claims"
    nb = (claims / "sky-green" / "nb.md").read_text("utf-8")
    assert nb.startswith('---\ntitle: "Himmelen er grønn."')
    assert "lang: nb" in nb.split("\n---", 1)[0]
    assert "Denne påstanden på andre språk: [English](../sky-green.md)" in nb
    assert "::claim[sky-green]" in nb
    assert "[English]" not in (claims / "plain-claim.md").read_text("utf-8")
    assert sorted(p.relative_to(claims).as_posix() for p in claims.rglob("*/*.md")) == [
        "rain-record/nb.md",
        "sky-green/nb.md",
    ]
    data = root / "data" / "claims" / "c.yml"
    data.write_text(data.read_text("utf-8").replace("nb: Himmelen er *grønn*.", ""), "utf-8")
    text = data.read_text("utf-8")
    text = text.replace("      nb: Bilder viser en blå himmel.\n", "")
    text = text.replace(
        "note: {en: Taken at noon., nb: Tatt midt på dagen.}", "note: Taken at noon."
    )
    text = text.replace("note: {en: First published., nb: Første publisering.}", "note: First.")
    data.write_text(text, "utf-8")
    result = tool("explainers", "pages", "content", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (claims / "sky-green" / "nb.md").exists()


@pytest.mark.parametrize(
    ("location", "root", "claim"),
    [
        ("claims/sky-green/", "", True),
        ("claims/sky-green/nb/", "", True),
        ("claims/sky-green/de/", "", True),  # a language a site adds
        ("claims/sky-green/pt-BR/", "", True),
        ("nb/claims/sky-green/de/#claim-sky-green", "nb/", True),
        ("claims/sky-green/de.html", "", True),
        ("claims/", "", False),
        ("claims/index.html", "", False),
        ("claims/sky-green/not-a-language/", "", False),
        ("nb/claims/sky-green/", "", False),  # another language's folder
    ],
)
def test_claim_locations_in_any_language(location: str, root: str, claim: bool) -> None:
    """The search index's claim pages (replaced on each build) in every language version,
    a site's added languages too."""
    assert is_claim_location(location, root) is claim


def test_the_search_index_with_claim_pages_is_the_plain_json_and_reuses_entries() -> None:
    """Each claim page's entry is encoded once and reused while its SearchDoc is the
    same object (under ``serve``); the text is json.dumps of the whole, byte for byte,
    and an earlier build's claim entries are replaced."""
    host = {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+"},
        "docs": [
            {"location": "a/", "title": "Å «quoted»", "text": "x"},
            {"location": "claims/old/", "title": "Gone", "text": ""},
        ],
    }
    pages = [
        claim_pages.SearchDoc("c1", "Ein “Satz”", "t"),
        claim_pages.SearchDoc("c2", "B", "u", "nb"),
    ]
    expected = {
        **host,
        "docs": [
            host["docs"][0],
            {"location": "claims/c1/", "title": "Ein “Satz”", "text": "t"},
            {"location": "claims/c2/nb/", "title": "B", "text": "u"},
        ],
    }
    plain = json.dumps(expected, separators=(",", ":"), ensure_ascii=False)
    memo: claim_pages.SearchMemo = {}
    text = json.dumps(host)
    assert claim_pages.search_index_with(text, pages, memo=memo) == plain
    assert claim_pages.search_index_with(text, pages) == plain
    assert set(memo) == {id(p) for p in pages}
    assert claim_pages.search_index_with(text, pages, memo=memo) == plain
    renamed = [claim_pages.SearchDoc("c1", "New", "t"), pages[1]]
    again = json.loads(claim_pages.search_index_with(text, renamed, memo=memo))
    assert [d["title"] for d in again["docs"]] == ["Å «quoted»", "New", "B"]
    no_docs = json.dumps({"config": {}})
    assert json.loads(claim_pages.search_index_with(no_docs, []))["docs"] == []


def rewrite_peak(index: Path, pages: list[claim_pages.SearchDoc]) -> int:
    """The traced memory peak of rewriting the search index at ``index``."""
    tracemalloc.start()
    try:
        claim_pages.write_search_index_with(index, pages)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_search_index_is_rewritten_in_place_without_holding_it_whole(tmp_path: Path) -> None:
    """The rewritten index is the text :func:`search_index_with` makes, byte for byte,
    and is written entry by entry: its peak is under three times the index's length
    (the file's text, the entries joined and the whole as one string made it over six:
    issue 27, a large site's peak memory)."""
    host = {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+"},
        "docs": [
            {"location": f"a{n}/", "title": f"Å {n}", "text": "ord «ø» " * 200} for n in range(300)
        ]
        + [{"location": "claims/old/", "title": "Gone", "text": ""}],
    }
    pages = [claim_pages.SearchDoc(f"c{n}", f"“{n}”", "sånn " * 400) for n in range(3000)]
    text = json.dumps(host)
    index = tmp_path / "search_index.json"
    index.write_text(text, "utf-8")
    expected = claim_pages.search_index_with(text, pages)
    size = len(expected)
    del expected
    peak = rewrite_peak(index, pages)
    assert index.read_text("utf-8") == claim_pages.search_index_with(text, pages)
    assert peak < 3 * size, (peak, size)


def large_host_index(**after: object) -> dict[str, object]:
    """A host's search index of 2,000 entries (~1.7 MB as JSON), with a claim page
    entry a rebuild drops and ``after`` as keys after ``docs``."""
    return {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+"},
        "docs": [
            {"location": f"a{n}/#s", "title": f"Å {n}", "text": "ord “ø” " * 100}
            for n in range(2000)
        ]
        + [{"location": "claims/old/", "title": "Gone", "text": ""}],
        **after,
    }


def hundred_claim_pages() -> list[claim_pages.SearchDoc]:
    return [claim_pages.SearchDoc(f"c{n}", f"“{n}”", "sånn") for n in range(100)]


def test_a_large_host_index_is_rewritten_without_parsing_it_whole(tmp_path: Path) -> None:
    """The host's entries are read one at a time (parsed whole and encoded again, the
    rewrite's peak was 2.46 times the text here, a third more than the index at
    N=1,000: issue 27, the claim pages' memory peak); the same bytes as
    :func:`search_index_with`, and the keys around ``docs`` kept in their order."""
    host, pages = large_host_index(after={"kept": True}), hundred_claim_pages()
    text = json.dumps(host, indent=1)
    index = tmp_path / "search_index.json"
    index.write_text(text, "utf-8")
    expected = claim_pages.search_index_with(text, pages)
    assert list(json.loads(expected)) == ["config", "docs", "after"]
    peak = rewrite_peak(index, pages)
    assert index.read_text("utf-8") == expected
    assert [p.name for p in tmp_path.iterdir()] == ["search_index.json"]
    assert peak < 2.1 * len(text), (peak, len(text))


def test_the_hosts_entries_are_encoded_once_under_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under ``serve`` the host writes its index anew each build, its entries mostly as
    they were (in another order after a dirty reload): each is encoded again only when
    its text in the host's index changed; the index written is the same, byte for byte,
    and an earlier build's claim entries still go."""
    encoded: list[str] = []
    real = claim_pages._host_entry

    def host_entry(doc: dict[str, str], root: str) -> str:
        encoded.append(doc["location"])
        return real(doc, root)

    monkeypatch.setattr(claim_pages, "_host_entry", host_entry)
    docs = [{"location": f"a{n}/", "title": f"Å {n}", "text": "«ø»"} for n in range(4)]
    old = {"location": "claims/old/", "title": "Gone", "text": ""}
    pages = [claim_pages.SearchDoc("c1", "“T”", "t")]
    index, hosts = tmp_path / "search_index.json", claim_pages.HostMemo()

    def rewrite(host: list[dict[str, str]], root: str = "") -> str:
        text = json.dumps({"config": {"lang": ["en"]}, "docs": host})
        index.write_text(text, "utf-8")
        claim_pages.write_search_index_with(index, pages, root=root, hosts=hosts)
        assert index.read_text("utf-8") == claim_pages.search_index_with(text, pages, root=root)
        seen, encoded[:] = sorted(encoded), []
        return " ".join(seen)

    assert rewrite([*docs, old]) == "a0/ a1/ a2/ a3/ claims/old/"
    changed = {**docs[1], "text": "new"}
    assert rewrite([docs[0], docs[2], docs[3], changed, old]) == "a1/ claims/old/"
    assert rewrite([docs[3], changed]) == ""
    assert rewrite([docs[3], docs[0]]) == "a0/"  # forgotten: not in the last index
    assert rewrite([docs[3]], root="nb/") == "a3/"  # another language's folder


@pytest.mark.parametrize(
    "text",
    [
        '{"docs": [{"location": "a/"}], "docs": []}',  # a key twice: json.loads' reading
        '{"config": {}}',  # no docs: added after the other keys
        '[{"location": "a/"}]',  # not an object
        '{"docs": {"location": "a/"}}',  # not a list
    ],
)
def test_an_index_of_another_shape_is_rewritten_as_before(tmp_path: Path, text: str) -> None:
    index = tmp_path / "search_index.json"
    index.write_text(text, "utf-8")
    pages = [claim_pages.SearchDoc("c1", "T", "t")]
    try:
        expected: str | type[Exception] = claim_pages.search_index_with(text, pages)
    except Exception as exc:
        expected = type(exc)
    if isinstance(expected, str):
        claim_pages.write_search_index_with(index, pages)
        assert index.read_text("utf-8") == expected
    else:
        with pytest.raises(expected):
            claim_pages.write_search_index_with(index, pages)
    assert [p.name for p in tmp_path.iterdir()] == ["search_index.json"]


def test_the_host_index_is_read_a_piece_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The host's index is never held whole: the rewrite reads it a piece at a time
    (read whole, its bytes and then its text were the claim pages' memory peak at
    N=1,000: issue 27, peak27e), so its peak is well under the file's length."""
    monkeypatch.setattr(text_window, "PIECE", 1 << 14)
    host, pages = large_host_index(), hundred_claim_pages()
    text = json.dumps(host, ensure_ascii=False)
    index = tmp_path / "search_index.json"
    index.write_text(text, "utf-8")
    expected = claim_pages.search_index_with(text, pages)
    peak = rewrite_peak(index, pages)
    assert index.read_text("utf-8") == expected
    assert peak < len(text) / 4, (peak, len(text))


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 8, 13, 64, 1 << 20])
def test_any_piece_size_reads_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    """Wherever a piece ends (inside a key, a string, a number, space, between
    entries), the rewrite is the same text as the index parsed whole."""
    monkeypatch.setattr(text_window, "PIECE", piece)
    host = {
        "n": 12345,
        "config": {"lang": ["en"], "min": 3.25, "on": True, "x": None},
        "docs": [{"location": f"a{n}/", "title": f"“{n}”", "text": "ø " * n} for n in range(12)]
        + [{"location": "claims/old/", "title": "Gone", "text": ""}],
        "after": 7,
    }
    pages = [claim_pages.SearchDoc("c1", "Ein “Satz”", "t")]
    for text in (json.dumps(host), json.dumps(host, indent=2, ensure_ascii=False)):
        index = tmp_path / "search_index.json"
        index.write_text(text, "utf-8")
        claim_pages.write_search_index_with(index, pages)
        assert index.read_text("utf-8") == claim_pages.search_index_with(text, pages)


LONG_ENTRIES = [
    {"location": "sources/", "title": "Sources", "text": '“ø” \\ " 😀 ' * 40},
    {"title": "T", "text": "before its location " * 20, "location": "late/"},  # read whole
    {"location": "claims/gone/", "title": "Gone", "text": "old claim " * 30},  # dropped
    {"location": "b/", "text": "x" * 300, "boost": 2.5, "tags": ["a", "ø"], "n": None},
    {"location": "c/", "title": "A " * 90, "text": "B " * 90},  # two long strings
    {"location": 7, "text": "a number for a location " * 10},
    {"location": "d/", "title": "short"},
]


@pytest.mark.parametrize("piece", [3, 16, 1 << 16])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_a_long_entry_is_written_member_by_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int, ensure_ascii: bool
) -> None:
    """An entry longer than LONG_ENTRY (an index page's) is written a member and a
    string's piece at a time, the same text as the index parsed whole: a claim page's
    is still dropped, one whose location comes after a long value is read whole."""
    monkeypatch.setattr(text_window, "PIECE", piece)
    monkeypatch.setattr(claim_pages, "LONG_ENTRY", 40)
    host = {"config": {"lang": ["en"]}, "docs": LONG_ENTRIES, "after": 1}
    pages = [claim_pages.SearchDoc("c1", "Ein “Satz”", "t")]
    index = tmp_path / "search_index.json"
    for text in (json.dumps(host, ensure_ascii=ensure_ascii), json.dumps(host, indent=1)):
        index.write_text(text, "utf-8")
        claim_pages.write_search_index_with(index, pages)
        assert index.read_text("utf-8") == claim_pages.search_index_with(text, pages)


def test_a_long_entry_with_a_key_twice_is_read_as_json_loads_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key again after a long value written already: the index is parsed whole."""
    monkeypatch.setattr(claim_pages, "LONG_ENTRY", 40)
    long = "y" * 99
    index = tmp_path / "search_index.json"
    pages = [claim_pages.SearchDoc("c1", "T", "t")]
    for text, gone in [
        ('{"docs": [{"location": "a/", "text": "%s", "location": "claims/x/"}]}', "a/"),
        ('{"docs": [{"location": "a/", "text": "short", "text": "%s"}]}', "short"),
        ('{"docs": [{"location": "a/", "text": "%s", "text": "last"}]}', long),
    ]:
        text = text.replace("%s", long)
        index.write_text(text, "utf-8")
        claim_pages.write_search_index_with(index, pages)
        assert index.read_text("utf-8") == claim_pages.search_index_with(text, pages)
        assert gone not in index.read_text("utf-8")  # json.loads keeps the last value
        assert [p.name for p in tmp_path.iterdir()] == ["search_index.json"]


def test_a_long_entry_is_never_held_whole(tmp_path: Path) -> None:
    """The sources index page's entry (1.5 M characters at N=1,000) decoded whole and
    encoded again was some 10 MiB of the rewrite's peak (issue 27, late27h): the
    rewrite's peak now stays under the entry's length in characters (a quarter of its
    text in memory, four bytes a character here; read whole it was 19 times that)."""
    long = "Kilde “ø” – 😀 " * 100_000
    host = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "a/", "title": "A", "text": "a"},
            {"location": "sources/", "title": "Sources", "text": long},
        ],
    }
    text = json.dumps(host, separators=(",", ":"))
    index = tmp_path / "search_index.json"
    index.write_text(text, "utf-8")
    pages = hundred_claim_pages()
    expected = claim_pages.search_index_with(text, pages)
    peak = rewrite_peak(index, pages)
    assert index.read_text("utf-8") == expected
    assert peak < len(long), (peak, len(long))
