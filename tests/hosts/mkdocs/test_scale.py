"""The large-site pipeline on the benchmark's own synthetic site, at a tiny size.

Builds the generator's output (so the benchmark cannot rot) and checks what the
scale work changed for readers: every claim has its own page in the site's look,
found once in search and listed in the sitemap, while boxes and source lists in
articles stay out of the index; and ``mkdocs serve --dirty`` shows an edited claim
on every page that shows it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands import build as mkdocs_build

from sitebuild import REPO, mkdocs

sys.path.insert(0, str(REPO / "benchmarks"))

from synth import make_site

N = 3


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("synth"), N)
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.build
def test_every_claim_has_a_page_in_the_site_look(built: Path) -> None:
    pages = sorted(p.parent.name for p in (built / "claims").glob("*/index.html"))
    assert pages == sorted(f"c{i}" for i in range(10 * N))
    page = soup(built / "claims" / "c0" / "index.html")
    assert page.html["lang"] == "en"
    assert page.title.get_text() == f"{page.h1.get_text()} - Bench"
    assert page.select_one("header.md-header") is not None, "the site's header"
    assert page.select_one("footer.md-footer") is not None, "the site's footer"
    assert page.select_one(".md-sidebar--primary") is None, "no site navigation to render"
    assert page.select_one("nav.xp-crumbs a")["href"] == "../"
    assert page.select_one("link[rel=canonical]")["href"] == "https://bench.example.org/claims/c0/"
    assert [s["id"] for s in page.select("[data-claim][id^=claim-]")] == ["claim-c0"]
    discussed = [a["href"] for a in page.select("ul.xp-discussed a")]
    articles = sorted((built.parent / "content" / "articles").glob("*.md"))
    showing = [p.stem for p in articles if "claim[c0]" in p.read_text("utf-8")]
    assert showing[0] == "explainer-0000" and len(showing) >= 2, "boxed once, mentioned elsewhere"
    assert discussed == [f"../../articles/{stem}/" for stem in showing]
    review = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert review["url"] == "https://bench.example.org/claims/c0/#claim-c0"
    for marker in ("XPGENERATED", "xp-generated-page-slug"):
        assert marker not in str(page)


@pytest.mark.build
def test_claim_pages_are_in_the_sitemap_once(built: Path) -> None:
    xml = (built / "sitemap.xml").read_text("utf-8")
    locs = [line.strip()[5:-6] for line in xml.splitlines() if "<loc>" in line]
    claim_locs = [loc for loc in locs if "/claims/c" in loc]
    assert claim_locs == sorted(f"https://bench.example.org/claims/c{i}/" for i in range(10 * N))
    assert len(locs) == len(set(locs))


@pytest.mark.build
def test_search_finds_each_claim_once_on_its_own_page(built: Path) -> None:
    docs = json.loads((built / "search" / "search_index.json").read_text("utf-8"))["docs"]
    claim_docs = [d for d in docs if d["location"].startswith("claims/c")]
    assert sorted(d["location"] for d in claim_docs) == sorted(
        f"claims/c{i}/" for i in range(10 * N)
    )
    page = soup(built / "claims" / "c1" / "index.html")
    (entry,) = [d for d in claim_docs if d["location"] == "claims/c1/"]
    assert entry["title"] == page.h1.get_text()
    article_text = " ".join(
        d["text"] for d in docs if d["location"].startswith("articles/explainer-0000/")
    )
    article = soup(built / "articles" / "explainer-0000" / "index.html")
    box = article.select_one("[data-claim]")
    summary = box.select_one(".xp-claim__summary").get_text(" ", strip=True)
    assert summary and summary[:40] not in article_text, "boxes are not indexed in articles"
    assert "xp-source__back" not in article_text and "[Report]" not in article_text
    mentioned = article.select_one("a.xp-mention .xp-sr-only").get_text(" ", strip=True)
    assert mentioned.split(": ", 1)[1][:40] not in article_text, "mentions are not indexed"
    cites = [c.get_text() for c in article.select("span.xp-cites")]
    assert cites and not [c for c in cites if c in article_text], "nor citation numbers"
    # an excluded section's heading would start an entry of its own, with no text
    for section in article.select("section.xp-sources, section.xp-unconfirmed"):
        anchor = f"articles/explainer-0000/#{section.h2['id']}"
        assert anchor not in [d["location"] for d in docs], "no empty result for its heading"
    assert all(d["text"] for d in docs if d["location"].startswith("articles/")), "none empty"


@pytest.mark.build
def test_boxes_and_lists_carry_the_search_exclusion(built: Path) -> None:
    page = soup(built / "articles" / "explainer-0001" / "index.html")
    for selector in ("[data-claim][id^=claim-]", "section.xp-sources", "section.xp-unconfirmed"):
        for element in page.select(selector):
            assert element.has_attr("data-search-exclude"), selector
    assert page.select("[data-post]"), "post cards stay in the article's text"


@pytest.mark.build
def test_the_prune_variant_builds_with_the_plugin_and_prunes_the_navigation(
    built: Path, tmp_path: Path
) -> None:
    """The benchmark's large-desk configs (articles in nav sections, Material's
    ``navigation.prune``) build strictly with the plugin, and an article's page then
    links to its own section's articles only, where the defaults link to every one."""
    root = make_site(tmp_path, 4, section=2)  # 0000-0001 | 0002-0003
    result = mkdocs(root, "build", "--strict", "-f", "mkdocs-prune.yml")
    assert result.returncode == 0, result.stdout + result.stderr

    def nav_links(site: Path) -> set[str]:
        page = soup(site / "articles" / "explainer-0000" / "index.html")
        return {a["href"] for a in page.select("nav.md-nav a[href]")}

    assert {"../explainer-0001/", "../explainer-0002/"} <= nav_links(built)
    pruned = nav_links(root / "site")
    assert "../explainer-0001/" in pruned, "its own section's articles"
    assert "../explainer-0002/" in pruned, "another section: a link to its first article"
    assert "../explainer-0003/" not in pruned, "but not to the rest"
    assert (root / "site" / "claims" / "c0" / "index.html").is_file()
    for kind in ("mkdocs", "mkdocs-lean", "mkdocs-alone"):
        default, config = ((root / f"{kind}{end}.yml").read_text() for end in ("", "-prune"))
        assert "navigation.prune" in config and "navigation.prune" not in default
        assert "Explainers 2-3:" in config and "nav:" not in default
        same = [line for line in config.splitlines() if not line.startswith(("  ", "nav:"))]
        assert same == [line for line in default.splitlines() if not line.startswith("  ")]


@pytest.mark.build
def test_mentions_link_to_claim_pages_that_exist(built: Path) -> None:
    page = soup(built / "articles" / "explainer-0000" / "index.html")
    hrefs = [a["href"] for a in page.select("a[data-claim-ref]") if not a["href"].startswith("#")]
    assert hrefs, "mentions of claims boxed elsewhere link to their pages"
    for href in hrefs:
        target = (built / "articles" / "explainer-0000" / href / "index.html").resolve()
        assert target.is_file(), href


@pytest.mark.build
def test_serve_dirty_refreshes_every_page_that_shows_an_edited_claim(tmp_path: Path) -> None:
    from test_serve import Server

    root = make_site(tmp_path / "synth", N)
    server = Server(root, "--dirty")
    try:
        mark = server.wait_for("Serving on")
        assert "Edited-claim" not in server.get("/articles/explainer-0000/")
        time.sleep(1.1)
        claims = root / "data" / "claims" / "claims-0.yml"  # c0: boxed on explainer-0000
        claims.write_text(
            claims.read_text("utf-8").replace("claim: ", "claim: Edited-claim ", 1), "utf-8"
        )
        server.wait_for("Reloading browsers", mark)
        for path in ("/articles/explainer-0000/", "/claims/c0/", "/claims/"):
            server.wait_for_page(path, "Edited-claim")
        # a page that only mentions c0 (boxed elsewhere) shows it in its link text
        mentioning = [
            p
            for p in sorted((root / "content" / "articles").glob("*.md"))
            if ":claim[c0]" in p.read_text("utf-8")
        ]
        for page in mentioning:
            server.wait_for_page(f"/articles/{page.stem}/", "Edited-claim")
    finally:
        server.stop()
    assert not any("Traceback" in line for line in server.lines), "\n".join(server.lines)


def build_in_process(root: Path, out: Path, config_file: str = "mkdocs.yml") -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / config_file), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    config.plugins.on_shutdown()


def build_seen_by_search(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Build ``root`` into ``out`` in process; what Material's search plugin read of each page."""
    from material.plugins.search.plugin import SearchPlugin

    seen: dict[str, str] = {}
    read = SearchPlugin.on_page_context

    def reading(self, context, *, page, config, nav):  # type: ignore[no-untyped-def]
        seen[page.file.src_uri] = page.content
        return read(self, context, page=page, config=config, nav=nav)

    monkeypatch.setattr(SearchPlugin, "on_page_context", reading)
    build_in_process(root, out)
    return seen


def test_a_second_build_makes_no_box_or_source_entry_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claim pages' boxes and sources too: half the claims are boxed only there."""
    from explainers.page.renderer import Renderer

    root = make_site(tmp_path / "synth", N)
    build_in_process(root, tmp_path / "first")
    for name in ("box_head", "box_tail", "reference"):
        monkeypatch.setattr(Renderer, name, lambda *a, **k: pytest.fail("made again"))
    build_in_process(root, tmp_path / "second")
    for page in ("claims/c29/index.html", "articles/explainer-0000/index.html"):
        first = (tmp_path / "first" / page).read_text("utf-8")
        assert (tmp_path / "second" / page).read_text("utf-8") == first, page


def test_without_claim_pages_the_fragments_and_blocks_are_let_go_before_the_search_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``claim_pages: false`` nothing renders a box once the articles are: the box
    and source HTML (stored for the next build first) and the pages' deferred blocks are
    not held while the search index and the feeds are made, where the memory peaks; the
    next build restores the HTML and writes the same pages and feeds."""
    from material.plugins.search.plugin import SearchPlugin

    from explainers.page.renderer import Renderer

    held: list[tuple[int, int]] = []
    index = SearchPlugin.on_post_build

    def indexing(self, *, config):  # type: ignore[no-untyped-def]
        build = config.plugins["explainers"].build
        held.append((len(build.loaded.site.memo), len(build.deferred.kept)))
        return index(self, config=config)

    monkeypatch.setattr(SearchPlugin, "on_post_build", indexing)
    root = make_site(tmp_path / "synth", N)
    build_in_process(root, tmp_path / "first", "mkdocs-lean.yml")
    for name in ("box_head", "box_tail", "reference"):
        monkeypatch.setattr(Renderer, name, lambda *a, **k: pytest.fail("made again"))
    build_in_process(root, tmp_path / "second", "mkdocs-lean.yml")
    assert held == [(0, 0), (0, 0)]
    for page in ("articles/explainer-0000/index.html", "claimreviews.json", "verdicts.atom"):
        first = (tmp_path / "first" / page).read_text("utf-8")
        assert (tmp_path / "second" / page).read_text("utf-8") == first, page


def test_with_claim_pages_what_the_pages_phase_holds_is_packed_or_deferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the host writes its pages and makes its search index (claim pages on),
    the boxes only the claim pages read again wait compressed, the index pages' lists
    wait deferred (MkDocs holds every page's content to the end of its build) and the
    articles' reviews are held only as what names their claim; the pages, claim pages
    and feeds are those of a build holding everything, cold and warm."""
    from material.plugins.search.plugin import SearchPlugin

    from explainers.site.packed_fragments import PACKED, PackedMemo

    held: list[tuple[Any, ...]] = []
    index, read = SearchPlugin.on_post_build, SearchPlugin.on_page_context
    pages: dict[str, Any] = {}

    def reading(self, context, *, page, config, nav):  # type: ignore[no-untyped-def]
        pages[page.file.src_uri] = page
        return read(self, context, page=page, config=config, nav=nav)

    def indexing(self, *, config):  # type: ignore[no-untyped-def]
        build = config.plugins["explainers"].build
        memo = build.loaded.site.memo
        plain = [key for key in dict.keys(memo) if len(key) == 5 and key[2] in PACKED]
        keys = {key for reviews in build.reviews.values() for r in reviews for key in r}
        held.append((isinstance(memo, PackedMemo), plain, keys))
        return index(self, config=config)

    written: dict[str, Any] = {}
    build_page = mkdocs_build._build_page

    def building(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        build_page(page, *args, **kwargs)
        written[page.file.src_uri] = page.content  # held once written (let go at the end)

    monkeypatch.setattr(SearchPlugin, "on_post_build", indexing)
    monkeypatch.setattr(SearchPlugin, "on_page_context", reading)
    monkeypatch.setattr(mkdocs_build, "_build_page", building)
    root = make_site(tmp_path / "synth", N)
    build_in_process(root, tmp_path / "first")
    content = written["claims/index.md"]
    assert pages["claims/index.md"].content is None  # nothing acts after the pages but search
    build_in_process(root, tmp_path / "second")
    assert held == [(True, [], {"@id", "datePublished"})] * 2
    assert 'data-search-exclude=""' not in content and "<li" not in content
    claims_index = (tmp_path / "first" / "claims" / "index.html").read_text("utf-8")
    claims = [d for d in (tmp_path / "first" / "claims").iterdir() if d.is_dir()]
    assert claims and claims_index.count(" data-claim=") == len(claims)
    for page in (
        "claims/index.html",
        "sources/index.html",
        "claims/c0/index.html",
        "claims/c29/index.html",
        "articles/explainer-0000/index.html",
        "claimreviews.json",
        "verdicts.atom",
        "search/search_index.json",
    ):
        first = (tmp_path / "first" / page).read_text("utf-8")
        assert (tmp_path / "second" / page).read_text("utf-8") == first, page


def test_the_search_plugin_reads_pages_without_our_blocks_and_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Material's search parses (it would skip them, but parse every byte first):
    no box, source list, citation, mention or claims-index list; the pages as written
    still hold them all."""
    out = tmp_path / "out"
    seen = build_seen_by_search(make_site(tmp_path / "synth", N), out, monkeypatch)
    article = seen["articles/explainer-0000.md"]
    for written in ("data-claim=", "data-sources", 'class="xp-cites', 'class="xp-mention"'):
        assert written not in article, written
    assert "xp-claims-archive" not in seen["claims/index.md"]
    page = (out / "claims" / "index.html").read_text("utf-8")
    assert 'class="xp-claims-archive"' in page
    page = (out / "articles" / "explainer-0000" / "index.html").read_text("utf-8")
    for written in ("data-claim=", "data-sources", 'class="xp-cites', 'class="xp-mention"'):
        assert written in page, written


def test_a_page_another_plugin_changed_is_searched_whole_and_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the boxes are is found when the page is made; if a plugin after ours changes
    the page, the search reads all of it (and skips what is marked), the page keeps all."""
    root = make_site(tmp_path / "synth", N)
    (root / "changer.py").write_text(
        "def on_page_content(html, page, config, files):\n"
        "    return html + '<p>Changed after explainers.</p>'\n"
    )
    with (root / "mkdocs.yml").open("a") as config_file:
        config_file.write("hooks:\n  - changer.py\n")
    out = tmp_path / "out"
    article = build_seen_by_search(root, out, monkeypatch)["articles/explainer-0000.md"]
    assert "data-claim=" in article and article.endswith("<p>Changed after explainers.</p>")
    page = (out / "articles" / "explainer-0000" / "index.html").read_text("utf-8")
    assert "data-claim=" in page and "<p>Changed after explainers.</p>" in page
    index = json.loads((out / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("articles/"))
    assert "Changed after explainers." in text
    boxed = soup(out / "claims" / "c0" / "index.html").select_one(".xp-claim__text")
    assert boxed is not None and boxed.get_text(" ", strip=True)[:40] not in text


def test_serve_dirty_leaves_an_unchanged_index_page_as_it_is(tmp_path: Path) -> None:
    """MkDocs' --dirty re-renders generated pages on every build; the claims and sources
    indexes are rebuilt only when their text changed."""
    from test_serve_errors import serve_build

    root = make_site(tmp_path / "synth", N)
    out = tmp_path / "served"
    serve_build(root, out, dirty=True)
    claims_index, sources_index = out / "claims" / "index.html", out / "sources" / "index.html"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (claims_index, sources_index)}
    time.sleep(0.01)
    data = root / "data" / "claims" / "claims-0.yml"
    data.write_text(data.read_text("utf-8").replace("claim: ", "claim: Edited-claim ", 1))
    serve_build(root, out, dirty=True)
    assert b"Edited-claim" in claims_index.read_bytes()
    assert (sources_index.stat().st_mtime_ns, sources_index.read_bytes()) == before[sources_index]
    sources = root / "data" / "sources" / "sources-0.yml"
    sources.write_text(sources.read_text("utf-8").replace("title: ", "title: Renamed ", 1))
    serve_build(root, out, dirty=True)
    assert b"Renamed" in sources_index.read_bytes()


@pytest.mark.parametrize("ascii", [False, True])
def test_the_generator_writes_typographic_prose_unless_told_ascii(
    tmp_path: Path, ascii: bool
) -> None:
    """Real copy has curly apostrophes (so every page is wider than ASCII, for MkDocs
    alone too); ``ascii`` reproduces the earlier benchmark's plain articles."""
    root = make_site(tmp_path, 2, ascii=ascii)

    def wide(paths: list[Path]) -> list[bool]:
        return [any(ord(ch) > 127 for ch in p.read_text("utf-8")) for p in paths]

    articles = wide(sorted((root / "content" / "articles").glob("*.md")))
    claims = wide(sorted((root / "data" / "claims").glob("*.yml")))
    assert len(articles) == 2 and len(claims) == 8
    assert articles == [not ascii] * 2  # ~1,500 words each: always some
    assert any(claims) is not ascii


#: two builds of one site in a fresh process (in this one, an earlier test's in-process
#: ``serve`` build leaves state that changes the next build's JSON-LD addresses): what each
#: page held at ``on_post_page``, with the blocks deferred and then inline
TWO_BUILDS = """
import json, sys
from pathlib import Path
sys.path[:0] = [{tests!r}, {top!r}]
from explainers.hosts.mkdocs.plugin import ExplainersPlugin
from explainers.site.build import SiteBuild
from test_scale import build_in_process

root = Path({root!r})
held = {{}}
post_page = ExplainersPlugin.on_post_page

def noting(self, output, *, page, config):
    held.setdefault(page.file.src_uri, []).append(page.content)
    return post_page(self, output, page=page, config=config)

ExplainersPlugin.on_post_page = noting
build_in_process(root, root / "deferred")
configure = SiteBuild.configure

def inline(self, options):
    ext = configure(self, options)
    ext.deferred = None
    return ext

SiteBuild.configure = inline
build_in_process(root, root / "inline")
print(json.dumps(held["articles/explainer-0000.md"]))
"""


@pytest.mark.build
def test_pages_hold_no_block_html_till_written_and_are_written_the_same(tmp_path: Path) -> None:
    """MkDocs holds every page's HTML until its build ends: between ``on_page_content``
    and ``on_post_page`` a page holds a short marker for each box, list and section (kept
    compressed aside), and every file written (the search index too) is the same as when
    the blocks stay in the page."""
    import subprocess

    root = make_site(tmp_path / "synth", N)
    here = Path(__file__).parent
    code = TWO_BUILDS.format(tests=str(here), top=str(here.parent.parent), root=str(root))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    deferred, inline = json.loads(result.stdout.splitlines()[-1])
    for block in ("data-claim=", "data-sources", "xp-post"):
        assert block not in deferred, block
        assert block in inline, block
    assert "xpdefer:" in deferred and "xpdefer:" not in inline
    written = (root / "deferred" / "articles" / "explainer-0000" / "index.html").read_text()
    assert "data-claim=" in written and "xpdefer:" not in written
    files = sorted(p.relative_to(root / "inline") for p in (root / "inline").rglob("*"))
    assert files == sorted(p.relative_to(root / "deferred") for p in (root / "deferred").rglob("*"))
    for name in files:
        if (root / "inline" / name).is_file():
            inline_bytes = (root / "inline" / name).read_bytes()
            assert (root / "deferred" / name).read_bytes() == inline_bytes, name


def test_serve_dirty_makes_no_site_wide_page_again_for_an_edit_that_changes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article's prose edited under ``--dirty``: the index pages, claim pages and
    feeds are made from what did not change, so they are neither made nor written
    again (and the sitemap and search index MkDocs wrote anew still list every claim
    page); an edit that changes which pages show a claim makes them again."""
    from test_serve_errors import serve_build

    from explainers.site import claim_pages, claims_filter, feeds

    root = make_site(tmp_path / "synth", N)
    out = tmp_path / "served"
    serve_build(root, out, dirty=True)
    kept = [out / feeds.REVIEWS_FEED, out / feeds.ATOM_FEED, out / "claims" / "c0" / "index.html"]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in kept}
    time.sleep(0.01)

    def made_again(*args: object, **kwargs: object) -> None:
        pytest.fail("made again")

    for module, name in (
        (claims_filter, "index_page"),
        (feeds, "reviews_feed"),
        (claim_pages.ClaimPageMaker, "page"),
    ):
        monkeypatch.setattr(module, name, made_again)
    article = root / "content" / "articles" / "explainer-0001.md"
    article.write_text(article.read_text("utf-8") + "\nEdited-article-text.\n", "utf-8")
    serve_build(root, out, dirty=True)
    assert "Edited-article-text" in (out / "articles" / "explainer-0001" / "index.html").read_text(
        "utf-8"
    )
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in kept} == before
    search = json.loads((out / "search" / "search_index.json").read_text("utf-8"))
    listed = {d["location"] for d in search["docs"] if d["location"].startswith("claims/c")}
    assert listed == {f"claims/c{i}/" for i in range(10 * N)}
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert all(f"/claims/c{i}/</loc>" in sitemap for i in range(10 * N))
    monkeypatch.undo()
    # explainer-0001 now mentions c0 too: c0's page lists it, the feeds are written
    article.write_text(article.read_text("utf-8") + "\nSee :claim[c0].\n", "utf-8")
    serve_build(root, out, dirty=True)
    discussed = soup(out / "claims" / "c0" / "index.html").select("ul.xp-discussed a")
    assert "../../articles/explainer-0001/" in [a["href"] for a in discussed]
    feed = out / feeds.REVIEWS_FEED
    assert feed.stat().st_mtime_ns != before[feed][0]


def test_a_build_writes_its_claim_pages_on_one_thread_beside_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One writer thread beside the claim-page loop, not four: on two cores under load
    they took the loop's processor and its interpreter lock
    (benchmarks/profile-n1000-2026-12-06.md, wall27); the third build keeps every page
    of the second, by the record of it. Each page is made here, as after a change of
    the data (an unchanged page is not made at all: claims27e)."""
    import threading

    from explainers.site import site_folder

    root = make_site(tmp_path / "synth", N)
    out = tmp_path / "out" / "site"
    build_in_process(root, out)
    monkeypatch.setattr(site_folder.PageWriter, "keep", lambda self, dest, inputs: False)
    started: list[str] = []
    start = threading.Thread.start

    def starting(self: threading.Thread) -> None:
        started.append(self.name)
        start(self)

    writers: list[int] = []
    made = site_folder.PageWriter.__init__

    def writer(self: site_folder.PageWriter, *args: object, **kwargs: object) -> None:
        made(self, *args, **kwargs)  # type: ignore[arg-type]
        writers.append(len(started))

    monkeypatch.setattr(threading.Thread, "start", starting)
    monkeypatch.setattr(site_folder.PageWriter, "__init__", writer)
    pages = []
    for _ in range(2):
        build_in_process(root, out)
        assert len(started[writers[-1] :]) == 1, started[writers[-1] :]
        pages.append(
            {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("claims/*/*.html")}
        )
    assert pages[1] == pages[0] and len(pages[0]) == 10 * N


@pytest.mark.parametrize("damage", ["[]", '{"/claims/c0/index.html": [1, 2]}', "not json"])
def test_a_damaged_record_of_the_live_pages_is_none(tmp_path: Path, damage: str) -> None:
    """The cache's record of what the live claim pages hold, damaged: every page is
    read and compared instead, and the site is the one a build with the record writes."""
    root = make_site(tmp_path / "synth", N)
    out = tmp_path / "out" / "site"
    for _ in range(2):
        build_in_process(root, out)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("claims/*/*.html")}
    records = sorted((root / ".explainers_cache" / "claim-pages-held").glob("*.json"))
    assert len(records) == 1
    records[0].write_text(damage, "utf-8")
    build_in_process(root, out)
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("claims/*/*.html")}
    assert after == before and len(after) == 10 * N
    assert records[0].read_text("utf-8") != damage, "the next build records the pages again"


def _site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_rebuild_makes_only_the_claim_pages_whose_inputs_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claim page the last build made from the same inputs (the data, the code, the
    options, its page shell, the pages that discuss it, its review) and left unchanged
    in the live site stays as it is, unmade: a rebuild of an unchanged site makes no
    claim page and starts no writer thread (benchmarks/profile-n1000-2026-12-06.md,
    claims27e). After an edit, the pages made again are those it changes, and the
    site is byte for byte the one a build from nothing writes."""
    from explainers.site import claim_pages, site_folder

    root = make_site(tmp_path / "synth", N)
    out = tmp_path / "out" / "site"
    for _ in range(2):  # the second build records what its pages are made from
        build_in_process(root, out)
    made: list[str] = []
    page = claim_pages.ClaimPageMaker.page

    def making(self: claim_pages.ClaimPageMaker, claim: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(claim.id)
        return page(self, claim, *args, **kwargs)

    writers: list[site_folder.PageWriter] = []
    init = site_folder.PageWriter.__init__

    def writer(self: site_folder.PageWriter, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        writers.append(self)

    monkeypatch.setattr(claim_pages.ClaimPageMaker, "page", making)
    monkeypatch.setattr(site_folder.PageWriter, "__init__", writer)
    before = _site_files(out)
    build_in_process(root, out)
    assert made == [] and _site_files(out) == before
    assert len(writers) == 1 and writers[0].pool is not None
    assert not writers[0].pool._threads, "no page to write: no thread started"
    # an article retitled: only the pages of the claims it discusses change
    article = root / "content" / "articles" / "explainer-0001.md"
    article.write_text(
        article.read_text("utf-8").replace("title: Explainer number 1\n", "title: Retitled\n"),
        "utf-8",
    )
    build_in_process(root, out)
    after = _site_files(out)
    changed = {
        name.split("/")[1]
        for name, data in after.items()
        if name.startswith("claims/c") and before.get(name) != data
    }
    assert changed and sorted(made) == sorted(changed)
    build_in_process(root, tmp_path / "cold" / "site")
    assert after == _site_files(tmp_path / "cold" / "site")
    # a claim edited (the data: every page is made again)
    claims = next(
        f for f in (root / "data" / "claims").glob("*.yml") if "id: c0\n" in f.read_text()
    )
    text = claims.read_text("utf-8")
    at = text.index("summary: |\n", text.index("id: c0\n")) + len("summary: |\n")
    claims.write_text(text[:at] + "      Edited-summary.\n" + text[at:], "utf-8")
    build_in_process(root, out)
    assert "Edited-summary" in (out / "claims" / "c0" / "index.html").read_text("utf-8")
    build_in_process(root, tmp_path / "cold2" / "site")
    assert _site_files(out) == _site_files(tmp_path / "cold2" / "site")


def test_the_first_rebuild_into_a_site_folder_makes_no_unchanged_claim_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build after the first into a site folder has no older tree to reuse
    (``atomic_build`` reuses the tree of two builds back): an unchanged claim page is
    still not made, its live file is linked into the new tree (same inode), and the
    site is byte for byte the first build's."""
    from explainers.site import claim_pages

    root = make_site(tmp_path / "synth", N)
    build_in_process(root, tmp_path / "warm" / "site")  # the cache knows the data
    out = tmp_path / "out" / "site"
    build_in_process(root, out)  # the first build into this folder
    before = _site_files(out)
    inodes = {p: (out / p).stat().st_ino for p in before if p.startswith("claims/c")}
    made: list[str] = []
    page = claim_pages.ClaimPageMaker.page

    def making(self: claim_pages.ClaimPageMaker, claim: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(claim.id)
        return page(self, claim, *args, **kwargs)

    monkeypatch.setattr(claim_pages.ClaimPageMaker, "page", making)
    build_in_process(root, out)
    assert made == []
    assert _site_files(out) == before
    assert {p: (out / p).stat().st_ino for p in inodes} == inodes


def test_a_steady_rebuild_lists_no_reused_claim_folder_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim pages' folders a build reuses (the tree of two builds back) are not
    listed again when the build that last reused that tree found them as they are now
    (benchmarks/profile-n1000-2026-12-06.md, claims27f): the fifth build into a site
    folder lists only the tree's own folder, and writes the same site."""
    from explainers.site import site_folder

    # this test's folders are seconds old
    monkeypatch.setattr(site_folder, "SETTLED", 0.0, raising=False)
    root = make_site(tmp_path / "synth", N)
    out = tmp_path / "out" / "site"
    for _ in range(4):  # the third and the fourth build each record one of the two trees
        build_in_process(root, out)
    listed: list[str] = []
    scandir = site_folder.os.scandir

    def listing(path: Any) -> Any:
        if ".site.reuse-" in str(path):
            listed.append(str(path))
        return scandir(path)

    monkeypatch.setattr(site_folder.os, "scandir", listing)
    before = _site_files(out)
    build_in_process(root, out)
    monkeypatch.undo()
    assert len(listed) == 1, listed  # before: every claim's folder too
    assert _site_files(out) == before
