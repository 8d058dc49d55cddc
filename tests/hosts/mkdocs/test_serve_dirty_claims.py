"""Under ``mkdocs serve --dirty`` a claim edit rebuilds only what shows the claim, and
the site folder is then what a fresh full build of the same files writes, byte for byte.

One ``serve --dirty`` session (in a process of its own, as ``mkdocs serve`` keeps one
plugin across rebuilds) takes the edits of :data:`EDITS` in turn on the benchmark's
synthetic site; after each, its site folder is compared with a fresh build of a copy
of the sources in another process. Two files are compared by content, not bytes:
``sitemap.xml.gz`` (MkDocs stamps the time in its gzip header) and the search index.
The claim pages' entries in it are ours and must be the same, in the same order; the
pages' entries are Material's, which under a dirty reload moves a re-rendered page's
entries to the end and keeps the old entries of every re-rendered page but the first
(it drops those of the first page's address only): each of a fresh build's entries
must be there. The
site's ``nav`` names every page with its title: MkDocs' own ``--dirty`` gives a page it
did not render again no title in the navigation of those it did (its warning: "this
will likely lead to inaccurate navigation").
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

from synth import make_site

HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}


def _site(root: Path) -> Path:
    """The synthetic site with every page's title in its nav (see the module's note)."""
    make_site(root, 3)
    config = root / "mkdocs.yml"
    nav = "nav:\n  - Benchmark: index.md\n" + "".join(
        f"  - Explainer number {n}: articles/explainer-{n:04d}.md\n" for n in range(3)
    )
    config.write_text(config.read_text("utf-8").replace("theme:", nav + "theme:", 1), "utf-8")
    return root


def _blocks(path: Path) -> tuple[str, list[str]]:
    """A synthetic claims file as its head and one text block per claim."""
    head, *claims = path.read_text("utf-8").split("\n  - id: ")
    return head, ["  - id: " + c.rstrip("\n") + "\n" for c in claims]


def _write(path: Path, head: str, claims: list[str]) -> None:
    path.write_text(head + "\n" + "".join(claims), "utf-8")


def _where(root: Path, claim_id: str) -> tuple[Path, int]:
    for path in sorted((root / "data" / "claims").glob("*.yml")):
        for n, block in enumerate(_blocks(path)[1]):
            if block.startswith(f"  - id: {claim_id}\n"):
                return path, n
    raise AssertionError(claim_id)


def _edit_block(root: Path, claim_id: str, change: Callable[[str], str]) -> None:
    path, n = _where(root, claim_id)
    head, claims = _blocks(path)
    claims[n] = change(claims[n])
    _write(path, head, claims)


def text_changed(root: Path) -> None:  # c0: boxed on explainer-0000, mentioned on 0002
    _edit_block(root, "c0", lambda b: b.replace("claim: ", "claim: Edited-claim ", 1))


def claimant_changed(root: Path) -> None:  # c16, in c0's file: its line alone changed
    _edit_block(root, "c16", lambda b: b.replace("    claimant: ", "    claimant: Edited ", 1))


def verdict_changed(root: Path) -> None:
    def change(block: str) -> str:
        block = block.replace("\n    status: confirmed\n", "\n    status: disputed\n", 1)
        return block.replace(
            "    reviewed: ",
            "      - date: 2025-11-02\n        status: disputed\n        note: New data.\n"
            "    reviewed: ",
            1,
        )

    _edit_block(root, "c0", change)


def claim_added(root: Path) -> None:
    path, n = _where(root, "c0")
    block = _blocks(path)[1][n].replace("  - id: c0\n", "  - id: c900\n", 1)
    head, claims = _blocks(root / "data" / "claims" / "claims-1.yml")
    _write(root / "data" / "claims" / "claims-1.yml", head, [*claims, block])


def claim_removed(root: Path) -> None:  # c20: on no article
    path, n = _where(root, "c20")
    head, claims = _blocks(path)
    _write(path, head, claims[:n] + claims[n + 1 :])


def claim_moved(root: Path) -> None:  # c0 into another file: the same content
    path, n = _where(root, "c0")
    head, claims = _blocks(path)
    block = claims.pop(n)
    _write(path, head, claims)
    other = root / "data" / "claims" / "claims-3.yml"
    head, claims = _blocks(other)
    _write(other, head, [block, *claims])


def claim_drafted(root: Path) -> None:  # c21: on no article
    _edit_block(
        root, "c21", lambda b: b.replace("\n    status: ", "\n    draft: true\n    status: ", 1)
    )


def shown_claim_drafted(root: Path) -> None:  # c5: boxed and mentioned (an error: shown)
    _edit_block(
        root, "c5", lambda b: b.replace("\n    status: ", "\n    draft: true\n    status: ", 1)
    )


def shown_claim_published(root: Path) -> None:  # the error above mended
    _edit_block(root, "c5", lambda b: b.replace("\n    draft: true\n", "\n", 1))


EDITS = [
    text_changed,
    claimant_changed,
    verdict_changed,
    claim_added,
    claim_removed,
    claim_moved,
    claim_drafted,
    shown_claim_drafted,
    shown_claim_published,
]

#: one ``serve`` session: a first build, then for each edit the edit and a build, the
#: sources and the site folder copied aside after each
SESSION = """
import shutil, sys
from pathlib import Path
sys.path[:0] = [{tests!r}]
import test_serve_dirty_claims as t
root, out = Path({root!r}), Path({out!r})
t.serve_build(root, out, dirty=True)
for n, edit in enumerate(t.EDITS):
    getattr(t, edit.__name__)(root)
    t.serve_build(root, out, dirty=True)
    shutil.copytree(root, Path({aside!r}) / f"src-{{n}}", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(out, Path({aside!r}) / f"out-{{n}}")
"""

FRESH = """
import sys
from pathlib import Path
sys.path[:0] = [{tests!r}]
import test_serve_dirty_claims as t
t.serve_build(Path({root!r}), Path({out!r}), dirty=False)
"""


def serve_build(root: Path, out: Path, dirty: bool) -> MkDocsConfig:
    """One build as ``mkdocs serve`` runs it (its builder, without the server)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out), strict=False)
    config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = "http://127.0.0.1:8000/"
    mkdocs_build(config, serve_url=config.site_url, dirty=dirty)
    return config


def end_serving(config: MkDocsConfig) -> None:
    """What ``mkdocs serve`` lets go of when it stops (MkDocs keeps the plugins of this
    process for the next test): our plugin's state, the search plugin's last index."""
    config.plugins.on_shutdown()
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


def _run(code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _files(tree: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tree)): p.read_bytes() for p in tree.rglob("*") if p.is_file()}


def _content(name: str, data: bytes) -> object:
    if name.endswith(".gz"):
        return gzip.decompress(data)
    return data


def _search(data: bytes) -> tuple[object, list[object], set[str]]:
    """The search index: its settings, the claim pages' entries, the pages' entries."""
    index = json.loads(data)
    docs = index.pop("docs")
    claims = [d for d in docs if d["location"].startswith("claims/c")]
    return index, claims, {json.dumps(d) for d in docs if d not in claims}


@pytest.mark.build
def test_after_each_claim_edit_the_dirty_site_is_a_fresh_builds(tmp_path: Path) -> None:
    root = _site(tmp_path / "synth")
    aside = tmp_path / "aside"
    _run(
        SESSION.format(
            tests=str(HERE), root=str(root), out=str(tmp_path / "served"), aside=str(aside)
        )
    )
    wrong: dict[str, list[str]] = {}
    for n, edit in enumerate(EDITS):
        fresh = tmp_path / f"fresh-{n}"
        _run(FRESH.format(tests=str(HERE), root=str(aside / f"src-{n}"), out=str(fresh)))
        dirty, full = _files(aside / f"out-{n}"), _files(fresh)
        differ = sorted(set(dirty) ^ set(full))
        search = "search/search_index.json"
        differ += [
            k
            for k in sorted(set(full) & set(dirty))
            if k != search and _content(k, dirty[k]) != _content(k, full[k])
        ]
        (settings, claims, pages), (settings_full, claims_full, pages_full) = (
            _search(dirty[search]),
            _search(full[search]),
        )
        if (settings, claims) != (settings_full, claims_full) or not pages >= pages_full:
            differ.append(search)
        if differ:
            wrong[edit.__name__] = differ
        shutil.rmtree(fresh)
    assert wrong == {}, json.dumps(wrong, indent=1)


@pytest.mark.parametrize("article_first", [False, True], ids=["first", "after-article-edit"])
def test_a_claim_edit_makes_only_that_claims_parts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article_first: bool
) -> None:
    """The edited claim's page, its entry in the claims index and in the feeds are made
    again; no other claim's is, nor is its page looked at (not even to find that it
    stands: 10,000 of them on a desk's site), nor the sources index; the sources' URLs
    are not taken apart again to compare them. The same after a rebuild that did not
    load the data (an article's edit, as a desk's session goes): no file's entries are
    decoded again (:func:`explainers.data.record_codec.entry_from_json`), and of the
    edited file only the edited claim is read from its YAML (:mod:`explainers.data.file_edits`)."""
    from explainers.data import load, validation
    from explainers.site import claim_page_writer, claim_pages, claims_filter, feeds, indexes

    root, out = _site(tmp_path / "synth"), tmp_path / "served"
    serve_build(root, out, dirty=True)
    if article_first:
        article = root / "content" / "articles" / "explainer-0001.md"
        article.write_text(article.read_text("utf-8") + "\nEdited-article.\n", "utf-8")
        serve_build(root, out, dirty=True)
    calls: dict[str, list[str]] = {}

    def counting(owner: object, name: str, ident: Callable[..., str]) -> None:
        real = getattr(owner, name)

        def call(*args: object, **kwargs: object) -> object:
            calls.setdefault(name, []).append(ident(*args))
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, call)

    counting(claim_pages.ClaimPageMaker, "page", lambda self, claim, *a: claim.id)
    counting(claim_page_writer.claim_pages, "claim_dest", lambda claim_id, *a: claim_id)
    counting(claims_filter, "entry", lambda claim, *a: claim.id)
    counting(feeds, "_claim_entries", lambda site, claim, *a: claim.id)

    def encoded(value: object) -> str:  # a feed item: its review; the feed: its type
        if isinstance(value, dict):
            return value["item"][0]["@id"] if "item" in value else value["@type"]
        return ""

    counting(feeds, "_dumps", encoded)
    counting(indexes, "sources_index_text", lambda *a: "")
    counting(feeds, "escape", lambda text, *a: text)
    counting(claim_pages, "last_change", lambda claim: claim.id)  # its sitemap entry
    counting(validation, "urlsplit", lambda url, *a: url)  # look-alike sources: compared
    counting(load, "entry_from_json", lambda kind, item, path: path)  # from the cache
    counting(load, "claim_from", lambda entry, *a: entry.get("id").value)  # from its YAML
    # an index page's text taken apart for the host: the sources index's is as it was
    counting(indexes, "lift_lists", lambda text: text.split('class="xp-', 1)[1].split('"')[0])
    text_changed(root)
    end_serving(serve_build(root, out, dirty=True))
    escaped = calls.pop("escape")  # the Atom feed's own lines, and c0's entry's
    assert len(escaped) == 6 and "Edited-claim" in escaped[4]
    review = "http://127.0.0.1:8000/claims/c0/#claim-c0"
    assert calls == {
        "page": ["c0"],
        "claim_dest": ["c0"],
        "entry": ["c0"],
        "_claim_entries": ["c0"],
        "_dumps": ["DataFeed", "", review],  # the feed around the items, its feed item
        # the edited claim alone read from its file's YAML, as it was and as it is; the
        # file's other claims are the last load's objects (their sitemap entries kept)
        "claim_from": ["c0", "c0"],
        "last_change": ["c0"],
        "lift_lists": ["claims-archive"],
    }
    assert "Edited-claim" in (out / "claims" / "c0" / "index.html").read_text("utf-8")


I18N_SESSION = """
import sys
from pathlib import Path
sys.path[:0] = [{tests!r}]
import test_serve_dirty_claims as t
root, out = Path({root!r}), Path({out!r})
t.serve_build(root, out, dirty=True)
claims = next((root / "docs" / "claims").glob("*.yml"))
claims.write_text(claims.read_text("utf-8").replace("claim: ", "claim: Edited ", 1), "utf-8")
t.serve_build(root, out, dirty=True)
"""


@pytest.mark.build
def test_a_site_built_per_language_keeps_each_languages_claim_pages(tmp_path: Path) -> None:
    """mkdocs-static-i18n builds each language in turn: a claim edit removes no claim
    page of the other language (each build's pages are compared with its own)."""
    root, out = tmp_path / "src", tmp_path / "served"
    shutil.copytree(HERE.parents[1] / "fixtures" / "sites" / "i18n", root)
    _run(I18N_SESSION.format(tests=str(HERE), root=str(root), out=str(out)))
    pages = {str(p.relative_to(out)) for p in out.rglob("claims/*/index.html")}
    english = {p for p in pages if not p.startswith("nb/")}
    assert english and {f"nb/{p}" for p in english} <= pages
