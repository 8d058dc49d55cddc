"""The content-keyed cache: same diagnostics with and without it, and no work redone
for a file whose bytes did not change."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_errors import CASES, write_site

from explainers.cli import main
from explainers.data import cache as cache_module
from explainers.data import load, schema
from explainers.data.cache import FOLDER, PRUNE_EVERY, PRUNED, STALE_AFTER, Cache
from explainers.data.diagnostics import Report
from explainers.data.load import load_site
from explainers.data.translations import TEXT_LANGS
from explainers.hosts.site_config import renderer_of
from explainers.page.article_render import PageRenderer
from explainers.site.check import CheckResult, check_all, find_articles

from helpers import FIXTURES

SCHEMA_SETTINGS = settings(max_examples=200, deadline=None)


def run(root: Path, cache: Cache | None) -> CheckResult:
    content = root / "content"
    articles = find_articles(content, [content / "claims", content / "sources"])
    renderer = renderer_of(root)
    return check_all(
        root, content / "claims", content / "sources", articles, renderer=renderer, cache=cache
    )


def summary(result: CheckResult) -> tuple:
    """Everything a check hands on: diagnostics, data, per-page facts."""
    return (
        [str(d) for d in result.report.sorted()],
        result.site.sources,
        result.site.claims,
        {uri: vars(page) for uri, page in result.pages.items()},
        result.index.titles,
        result.index.claim_pages,
        result.index.source_pages,
    )


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_same_results_with_and_without_cache(
    tmp_path: Path, line: int, title: str, blob: str, expected: str
) -> None:
    write_site(tmp_path, blob)
    plain = summary(run(tmp_path, None))
    cold = summary(run(tmp_path, Cache(tmp_path / FOLDER)))
    warm = summary(run(tmp_path, Cache(tmp_path / FOLDER)))
    assert cold == plain
    assert warm == plain


class Counts:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.data: list[str] = []
        self.pages: list[str] = []
        real_load, real_refs = load.load_file, PageRenderer.refs

        def load_file(data, kind, path, report, scale=None, langs=TEXT_LANGS):
            self.data.append(path)
            return real_load(data, kind, path, report, scale, langs)

        def refs(renderer, text, src_uri=""):
            self.pages.append(src_uri)
            return real_refs(renderer, text, src_uri)

        monkeypatch.setattr(load, "load_file", load_file)
        monkeypatch.setattr(PageRenderer, "refs", refs)

    def take(self) -> tuple[list[str], list[str]]:
        seen = (sorted(self.data), sorted(self.pages))
        self.data, self.pages = [], []
        return seen


SITE = """\
=== content/sources/a.yml
sources:
  - id: a
    title: A
=== content/sources/b.yml
sources:
  - id: b
    title: B
=== content/claims/c.yml
claims:
  - id: x
    claim: One.
    status: confirmed
    history:
      - date: 2025-10-16
        status: confirmed
=== content/one.md
[@a] :claim[x]
=== content/two.md
[@b]
"""


def check_cli(root: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> str:
    main(["check", *flags, str(root)])
    return capsys.readouterr().out


def test_unchanged_files_are_never_parsed_or_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_site(tmp_path, SITE)
    counts = Counts(monkeypatch)
    assert check_cli(tmp_path, capsys) == ""
    assert counts.take() == (
        ["content/claims/c.yml", "content/sources/a.yml", "content/sources/b.yml"],
        ["one.md", "two.md"],
    )
    assert check_cli(tmp_path, capsys) == ""
    assert counts.take() == ([], [])

    (tmp_path / "content" / "two.md").write_text("[@b] [@nope]\n")
    assert check_cli(tmp_path, capsys) == "content/two.md:1:7: error: unknown source 'nope'\n"
    assert counts.take() == ([], ["two.md"])

    (tmp_path / "content" / "sources" / "a.yml").write_text(
        "sources:\n  - id: nope\n    title: N\n"
    )
    assert check_cli(tmp_path, capsys) == ("content/one.md:1:2: error: unknown source 'a'\n")
    assert counts.take() == (["content/sources/a.yml"], [])

    # the same text again is found again; a new Markdown configuration renders anew
    (tmp_path / "content" / "sources" / "a.yml").write_text("sources:\n  - id: a\n    title: A\n")
    (tmp_path / "content" / "two.md").write_text("[@b]\n")
    assert check_cli(tmp_path, capsys) == ""
    assert counts.take() == ([], [])
    with (tmp_path / "mkdocs.yml").open("a") as handle:
        handle.write("markdown_extensions:\n  - admonition\n")
    assert check_cli(tmp_path, capsys) == ""
    assert counts.take() == ([], ["one.md", "two.md"])
    assert check_cli(tmp_path, capsys, "--no-cache") == ""
    assert counts.take() == (
        ["content/claims/c.yml", "content/sources/a.yml", "content/sources/b.yml"],
        ["one.md", "two.md"],
    )


def test_a_damaged_or_unwritable_cache_only_costs_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_site(tmp_path, SITE + "=== content/three.md\n[@ghost]\n")
    expected = "content/three.md:1:2: error: unknown source 'ghost'\n"
    assert check_cli(tmp_path, capsys) == expected
    folder = tmp_path / FOLDER
    assert (folder / ".gitignore").read_text("utf-8").endswith("*\n")
    for entry in folder.rglob("*.json"):
        entry.write_text("{not json")
    assert check_cli(tmp_path, capsys) == expected
    for entry in folder.rglob("*.json"):
        entry.write_text(json.dumps({"unexpected": True}))
    assert check_cli(tmp_path, capsys) == expected


def test_entries_of_deleted_files_are_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_site(tmp_path, SITE)
    check_cli(tmp_path, capsys)
    folder = tmp_path / FOLDER
    before = {p.name for p in folder.rglob("*.json")}
    # three data files and the checks across them; two pages, each located and near misses
    assert len(before) == 8
    (tmp_path / "content" / "two.md").unlink()
    check_cli(tmp_path, capsys)
    assert {p.name for p in folder.rglob("*.json")} == before, "kept for a day: edits are undone"
    day_old = time.time() - STALE_AFTER - 60
    for entry in folder.rglob("*.json"):
        os.utime(entry, (day_old, day_old))
    check_cli(tmp_path, capsys)
    assert {p.name for p in folder.rglob("*.json")} == before, "pruned at most once an hour"
    hour_ago = time.time() - PRUNE_EVERY - 1
    os.utime(folder / PRUNED, (hour_ago, hour_ago))
    check_cli(tmp_path, capsys)
    after = {p.name for p in folder.rglob("*.json")}
    assert len(after) == 6 and after < before
    assert time.time() - (folder / PRUNED).stat().st_mtime < PRUNE_EVERY, "now the last prune"


def test_memory_cache_across_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin keeps one in-memory cache across ``mkdocs serve`` rebuilds."""
    write_site(tmp_path, SITE)
    content = tmp_path / "content"
    counts = Counts(monkeypatch)
    cache = Cache()
    first = load_site(tmp_path, content / "claims", content / "sources", cache=cache)
    assert len(counts.take()[0]) == 3
    again = load_site(tmp_path, content / "claims", content / "sources", cache=cache)
    assert counts.take() == ([], [])
    plain = load_site(tmp_path, content / "claims", content / "sources")
    assert again.site == first.site == plain.site
    assert not (tmp_path / FOLDER).exists()
    # An unchanged file hands on the very entries it gave before: nothing is decoded
    # again, and comparing the two loads (deps) sees them unchanged at once.
    assert again.site.sources["a"] is first.site.sources["a"]
    assert again.site.claims["x"] is first.site.claims["x"]
    (content / "sources" / "a.yml").write_text("sources:\n  - id: a\n    title: A2\n", "utf-8")
    edited = load_site(tmp_path, content / "claims", content / "sources", cache=cache)
    assert edited.site.sources["a"].title == "A2"
    assert edited.site.sources["b"] is first.site.sources["b"]


def test_a_one_off_build_holds_no_entry_it_reads_or_writes_in_memory(tmp_path: Path) -> None:
    """``remember`` off (a build, not ``serve``): an entry is read from the folder each
    time and a written one goes to the folder only; in memory without a folder, always."""
    cache = Cache(tmp_path / "cache")
    cache.remember = False
    cache.put("located", "k", {"refs": [1, 2]})
    assert cache.get("located", "k") == {"refs": [1, 2]}  # from the folder
    assert cache.get("located", "k") == {"refs": [1, 2]}
    (tmp_path / "cache" / "located" / "k.json").unlink()
    assert cache.get("located", "k") is None, "held in memory"
    cache.put("located", "k", {"refs": [3]})
    assert cache.get("located", "k") == {"refs": [3]}
    remembering = Cache(tmp_path / "cache")  # serve: read once, then held
    assert remembering.get("located", "k") == {"refs": [3]}
    (tmp_path / "cache" / "located" / "k.json").unlink()
    assert remembering.get("located", "k") == {"refs": [3]}
    in_memory = Cache()
    in_memory.remember = False
    in_memory.put("located", "k", [1])
    assert in_memory.get("located", "k") == [1]


ACROSS = """\
=== content/sources/a.yml
sources:
  - id: a
    title: A
    url: https://example.org/same
  - id: draft-b
    title: B
    draft: true
=== content/sources/b.yml
sources:
  - id: b
    title: B
    url: https://example.org/same/
  - id: a
    title: A again
=== content/claims/c.yml
claims:
  - id: x
    claim: One.
    status: unconfirmed
    evidence:
      - source: zz
      - source: draft-b
"""


def test_the_checks_across_files_are_not_made_again_for_the_same_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check after an article's edit: the data's checks across files (duplicate ids,
    look-alike sources, unknown and draft sources cited) come from the cache, the
    same diagnostics and the same entries; an edit to a data file checks again."""
    write_site(tmp_path, ACROSS)
    content = tmp_path / "content"

    def loaded(cache: Cache | None) -> tuple[list[str], object, object]:
        found = load_site(tmp_path, content / "claims", content / "sources", cache=cache)
        return [str(d) for d in found.report.sorted()], found.site.sources, found.site.claims

    plain = loaded(None)
    assert len(plain[0]) >= 4, plain[0]  # twice defined, look-alike, unknown, draft cited
    assert loaded(Cache(tmp_path / FOLDER)) == plain
    for name in ("check_site",):
        monkeypatch.setattr(load, name, lambda *a, **k: pytest.fail("checked again"))
    monkeypatch.setattr(load.drafts, "check_data", lambda *a, **k: pytest.fail("checked again"))
    assert loaded(Cache(tmp_path / FOLDER)) == plain
    monkeypatch.undo()
    claims = content / "claims" / "c.yml"
    claims.write_text(claims.read_text("utf-8").replace("source: zz", "source: b"), "utf-8")
    edited = loaded(Cache(tmp_path / FOLDER))
    assert edited == loaded(None) and not any("unknown source" in d for d in edited[0])


def test_kept_values_are_decoded_once() -> None:
    cache = Cache()
    cache.put("space", "k", [1])
    calls: list[object] = []

    def decode(value: list[int]) -> tuple[int, ...]:
        calls.append(value)
        return tuple(value)

    first = cache.get("space", "k", decode, keep=True)
    assert first == (1,)
    assert cache.get("space", "k", decode, keep=True) is first
    assert calls == [[1]]
    assert cache.get("space", "k", decode) == (1,)  # not kept: decoded each time
    assert calls == [[1], [1]]
    cache.put("space", "k", [2])  # a new value replaces the kept one
    assert cache.get("space", "k", decode, keep=True) == (2,)
    cache.forget_unused()  # used since the last prune: stays
    assert cache.get("space", "k", decode, keep=True) == (2,)
    assert len(calls) == 3
    cache.forget_unused()
    cache.forget_unused()  # not used since: gone, kept value too
    assert cache.get("space", "k", decode, keep=True) is None


# -- the compiled validator and jsonschema agree ----------------------------------------

scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["x\n", "a-b", "https://x.org/\n", "2025-01-01\n", "social", "supports"]),
    st.integers(),
    st.booleans(),
    st.none(),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "type",
                    "url",
                    "text",
                    "handle",
                    "date",
                    "claim",
                    "status",
                    "evidence",
                    "source",
                    "stance",
                    "missing",
                    "author",
                    "x",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@SCHEMA_SETTINGS
@given(documents, st.sampled_from(schema.KINDS))
def test_compiled_validator_and_jsonschema_agree(document: object, kind: str) -> None:
    for data in ({kind: document}, {kind: [document]}, document):
        plain = yaml.safe_load(yaml.safe_dump(data))
        assert schema.is_valid(plain, kind) == Draft202012Validator(schema.schema(kind)).is_valid(
            plain
        )


def test_another_verdict_scale_is_another_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's own diagnostics may depend on the scale (the claims schema lists it)."""
    from explainers.data.scales import scale_from_config

    write_site(tmp_path, SITE)
    content = tmp_path / "content"
    counts = Counts(monkeypatch)
    cache = Cache()
    scale = scale_from_config({"confirmed": {"en": "Yes", "settled": True}})
    for _ in range(2):
        load_site(tmp_path, content / "claims", content / "sources", cache=cache)
        load_site(tmp_path, content / "claims", content / "sources", scale, cache=cache)
    assert len(counts.take()[0]) == 6


def test_check_in_process_gives_the_collector_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``check`` pauses the cyclic collector for its run, and only for its run."""
    import gc

    write_site(tmp_path, SITE)
    assert gc.isenabled()
    assert check_cli(tmp_path, capsys) == ""
    assert gc.isenabled()


# -- the code version: every module of the package is part of every key ---------------

PACKAGE = Path(cache_module.__file__).parents[1]
#: found here independently of the code under test: every module and schema
PACKAGE_FILES = sorted(
    str(path.relative_to(PACKAGE))
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.schema.json")]
    if "__pycache__" not in path.parts
)


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("package") / "explainers"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def version_of(package: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The code version a package installed at ``package`` has."""
    monkeypatch.setattr(cache_module, "resources", SimpleNamespace(files=lambda name: package))
    return cache_module.code_version.__wrapped__()  # type: ignore[attr-defined]


def test_the_package_has_the_modules_this_test_expects() -> None:
    assert {
        "page/i18n.py",
        "page/renderer.py",
        "data/cache.py",
        "schemas/claims.schema.json",
    } <= set(PACKAGE_FILES)


@pytest.mark.parametrize("name", PACKAGE_FILES)
def test_a_change_to_any_package_file_changes_the_key(
    name: str, package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm cache never serves what an older version of any module computed
    (i18n.py was missed by the hand-kept list: new labels, old cached results)."""
    before = version_of(package_copy, monkeypatch)
    path = package_copy / name
    text = path.read_bytes()
    try:
        path.write_bytes(text + (b"\n# changed\n" if name.endswith(".py") else b"\n"))
        assert version_of(package_copy, monkeypatch) != before
    finally:
        path.write_bytes(text)
    assert version_of(package_copy, monkeypatch) == before


def test_a_new_module_changes_the_key(package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = version_of(package_copy, monkeypatch)
    added = package_copy / "layer" / "added.py"
    added.parent.mkdir()
    try:
        added.write_text("X = 1\n", "utf-8")
        assert version_of(package_copy, monkeypatch) != before
    finally:
        shutil.rmtree(added.parent)


def test_claim_tags_survive_the_cache_codec() -> None:
    """The data cache stores entries as JSON: a claim's ``tags`` come back as they were."""
    data = (FIXTURES / "newsroom" / "content" / "claims" / "claims.yml").read_bytes()
    entries, parsed = load.load_file(data, "claims", "claims.yml", Report())
    assert parsed and [c.tags for c in entries] == [["crime", "statistics"], ["history"], [], []]
    again = [load.entry_from_json("claims", load.entry_to_json(c), "claims.yml") for c in entries]
    assert again == entries


def test_a_value_read_once_is_not_held_in_memory(tmp_path: Path) -> None:
    """``once``: a value read from disk is handed out and not kept (its caller copies
    what it needs); one only in memory (no folder) stays, it is the only copy."""
    on_disk = Cache(tmp_path / "c")
    on_disk.put("space", "k", [["en", "x", "<p>box</p>"]])
    assert Cache(tmp_path / "c").get("space", "k") == [["en", "x", "<p>box</p>"]]
    reader, holder = Cache(tmp_path / "c"), Cache(tmp_path / "c")
    assert reader.get("space", "k", once=True) == holder.get("space", "k")
    (tmp_path / "c" / "space" / "k.json").unlink()
    assert reader.get("space", "k", once=True) is None  # read again: gone from disk
    assert holder.get("space", "k") == [["en", "x", "<p>box</p>"]]  # held since
    memory = Cache()
    memory.put("space", "k", [1])
    assert memory.get("space", "k", once=True) == [1] == memory.get("space", "k", once=True)
