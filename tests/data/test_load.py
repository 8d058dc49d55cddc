"""Loading the data folders, in-process: the cache codec keeps every field of every
entry, cached results are keyed by everything they depend on, and missing folders and
unparsable files are reported as the root causes they are."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from explainers.data import load, model
from explainers.data.cache import FOLDER, Cache
from explainers.data.diagnostics import Report
from explainers.data.load import data_files, load_site, rel
from explainers.data.model import (
    Pos,
    Positions,
    Verdict,
)
from explainers.data.scales import scale_from_config
from explainers.data.yaml_reader import node_at, read

PATH = "content/claims/c.yml"


def at(line: int, col: int) -> Pos:
    return Pos(PATH, line, col)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")


class Parsed:
    """Which data files were parsed (not served from the cache)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        real = load.load_file

        def load_file(data, kind, path, report, scale=None, *rest):  # type: ignore[no-untyped-def]
            self.paths.append(f"{kind}:{path}")
            return real(data, kind, path, report, scale, *rest)

        monkeypatch.setattr(load, "load_file", load_file)

    def take(self) -> list[str]:
        seen, self.paths = sorted(self.paths), []
        return seen


def diagnostics(report: Report) -> list[tuple[str, bool]]:
    return [(str(d), d.first) for d in report.sorted()]


def loaded(root: Path, cache: Cache | None, scale: object = None, folder: str = "") -> tuple:
    claims = root / (folder or "content/claims")
    sources = root / (folder or "content/sources")
    result = load_site(root, claims, sources, scale_from_config(scale), cache)
    return diagnostics(result.report), result.site.sources, result.site.claims


PROBLEMS = {
    "content/sources/a.yml": "sources:\n  - id: a\n    title: A\n    title: B\n    colour: red\n",
    "content/claims/c.yml": (
        "claims:\n  - id: x\n    claim: One.\n    status: confirmed\n    reviewed: 2025-13-01\n"
    ),
}


def test_a_file_with_problems_is_not_parsed_again_and_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, PROBLEMS)
    plain = loaded(tmp_path, None)
    assert plain[0] == [
        (
            "content/claims/c.yml:2:5: warning: claim 'x' has no 'history': add a history "
            "entry with the date it was first published",
            False,
        ),
        (
            "content/claims/c.yml:5:15: error: '2025-13-01' is not a date: use YYYY-MM-DD",
            False,
        ),
        (
            "content/sources/a.yml:4:5: error: field 'title' given twice (first at "
            "content/sources/a.yml:3:5)",
            False,
        ),
        ("content/sources/a.yml:5:5: error: unknown field 'colour'", False),
    ]
    parsed = Parsed(monkeypatch)
    for cache in (Cache(tmp_path / FOLDER), Cache(tmp_path / FOLDER)):  # cold, then warm
        assert loaded(tmp_path, cache) == plain
    assert parsed.take() == ["claims:content/claims/c.yml", "sources:content/sources/a.yml"]
    cache = Cache(tmp_path / FOLDER)
    assert loaded(tmp_path, cache) == plain
    # the two files and the checks across them
    assert (cache.hits, cache.misses, parsed.take()) == (3, 0, [])


def test_the_same_bytes_in_two_files_name_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "sources:\n  - id: a\n    title: A\n    title: B\n"
    write(tmp_path, {"content/sources/a.yml": text, "content/sources/b.yml": text})
    (tmp_path / "content" / "claims").mkdir()
    cache = Cache()
    assert loaded(tmp_path, cache)[0] == [
        (
            "content/sources/a.yml:4:5: error: field 'title' given twice (first at "
            "content/sources/a.yml:3:5)",
            False,
        ),
        (
            "content/sources/b.yml:2:9: error: source id 'a' is defined twice (first at "
            "content/sources/a.yml:2:9)",
            False,
        ),
        (
            "content/sources/b.yml:4:5: error: field 'title' given twice (first at "
            "content/sources/b.yml:3:5)",
            False,
        ),
    ]
    assert loaded(tmp_path, cache) == loaded(tmp_path, None)


def test_one_file_read_as_sources_and_as_claims_is_cached_per_kind(tmp_path: Path) -> None:
    """A site may keep both in one folder: each kind has its own cached reading."""
    write(
        tmp_path,
        {
            "content/data/all.yml": (
                "sources:\n  - id: a\n    title: A\n"
                "claims:\n  - id: x\n    claim: One.\n    status: confirmed\n"
                "    history:\n      - date: 2025-01-01\n        status: confirmed\n"
            )
        },
    )
    plain = loaded(tmp_path, None, folder="content/data")
    assert (list(plain[1]), list(plain[2])) == (["a"], ["x"])
    cache = Cache()
    for _ in range(2):
        assert loaded(tmp_path, cache, folder="content/data") == plain
    assert (cache.hits, cache.misses) == (3, 3)  # each kind's reading, and the checks across


SCALE_YES = {"yes": {"en": "Yes", "settled": True}}
SCALE_TRUE = {"true": {"en": "True", "settled": True}}
NOT_ON_TRUE = (
    "; the site's scale: option replaces the default scale; add yes: {en: LABEL, nb: LABEL, "
    "settled: true|false} to scale:, or set scale_extends: default to keep the default "
    "verdicts and add yours to them"
)


def test_each_verdict_scale_has_its_own_cached_diagnostics(tmp_path: Path) -> None:
    """The claims schema lists the scale's statuses: a file's own diagnostics depend on it."""
    write(
        tmp_path,
        {
            "content/sources/a.yml": "sources: []\n",
            "content/claims/c.yml": (
                "claims:\n  - id: x\n    claim: One.\n    status: yes\n"
                "    history:\n      - date: 2025-01-01\n        status: yes\n"
            ),
        },
    )
    cache = Cache()
    for _ in range(2):  # in both orders
        assert loaded(tmp_path, cache, SCALE_TRUE) == loaded(tmp_path, None, SCALE_TRUE)
        assert loaded(tmp_path, cache, SCALE_YES) == loaded(tmp_path, None, SCALE_YES)
    assert loaded(tmp_path, cache, SCALE_YES)[0] == []
    assert loaded(tmp_path, cache, SCALE_TRUE)[0] == [
        (
            "content/claims/c.yml:4:13: error: status 'yes' is not on the verdict scale (true)"
            + NOT_ON_TRUE,
            False,
        ),
        (
            "content/claims/c.yml:7:17: error: status 'yes' is not on the verdict scale (true)"
            + NOT_ON_TRUE,
            False,
        ),
    ]


def test_a_cached_entry_of_another_shape_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """As after a model change that kept the cache's format: a miss, never an error."""
    write(tmp_path, {"content/sources/a.yml": "sources:\n  - id: a\n    title: A\n"})
    (tmp_path / "content" / "claims").mkdir()
    plain = loaded(tmp_path, None)
    loaded(tmp_path, Cache(tmp_path / FOLDER))
    [stored] = (tmp_path / FOLDER / "data").glob("*.json")
    value = json.loads(stored.read_text("utf-8"))
    value["entries"] = [value["entries"][0][:2]]
    stored.write_text(json.dumps(value), "utf-8")
    parsed = Parsed(monkeypatch)
    caplog.set_level(logging.DEBUG, logger="explainers.data.cache")
    assert loaded(tmp_path, Cache(tmp_path / FOLDER)) == plain
    assert parsed.take() == ["sources:content/sources/a.yml"]
    assert [r.getMessage() for r in caplog.records if r.name == "explainers.data.cache"] == [
        f"cache: damaged entry data/{stored.stem}: a cached Source has 2 fields, not 17"
    ]


# -- root causes ---------------------------------------------------------------------------


def test_a_missing_folder_is_the_first_problem_and_the_other_kind_still_loads(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: T\nplugins:\n  - explainers:\n      sources_dir: data/src\n",
            "content/claims/c.yml": "claims:\n  - id: x\n    claim: One.\n    status: confirmed\n",
        },
    )
    result = load_site(tmp_path, tmp_path / "content/claims", tmp_path / "data/src")
    assert diagnostics(result.report) == [
        (
            "mkdocs.yml:4:20: error: sources_dir: the folder 'data/src' does not exist; create "
            "it, or set sources_dir to the folder that holds the sources files",
            True,
        ),
        (
            "content/claims/c.yml:2:5: warning: claim 'x' has no 'history': add a history "
            "entry with the date it was first published",
            False,
        ),
    ]
    assert list(result.site.claims) == ["x"]
    assert result.site.unreadable == {"sources": ["data/src"]}


def test_a_missing_folder_without_a_config_is_placed_at_the_folder(tmp_path: Path) -> None:
    write(tmp_path, {"content/sources/a.yml": "sources:\n  - id: a\n    title: A\n    x: 1\n"})
    result = load_site(tmp_path, tmp_path / "content" / "claims", tmp_path / "content/sources")
    assert diagnostics(result.report) == [
        (
            "content/claims:1:1: error: claims_dir: the folder 'content/claims' does not "
            "exist; create it, or set claims_dir to the folder that holds the claims files",
            True,
        ),
        ("content/sources/a.yml:4:5: error: unknown field 'x'", False),
    ]
    assert list(result.site.sources) == ["a"]
    assert result.site.unreadable == {"claims": ["content/claims"]}


@pytest.mark.parametrize("cached", [False, True], ids=["plain", "cached"])
def test_a_file_that_does_not_parse_leads_the_report(tmp_path: Path, cached: bool) -> None:
    write(
        tmp_path,
        {
            "content/claims/c.yml": "claims:\n  - id: x\n    claim: One.\n    status: confirmed\n",
            "content/sources/a.yml": "sources:\n  - id: a\n    title: A\n    title: B\n",
            "content/sources/b.yml": "sources:\n  - id: [b\n",
        },
    )
    cache = Cache() if cached else None
    for _ in range(2 if cached else 1):
        result = load_site(
            tmp_path, tmp_path / "content/claims", tmp_path / "content/sources", cache=cache
        )
    assert diagnostics(result.report) == [
        (
            "content/sources/b.yml:3:1: error: YAML does not parse: the '[' at line 2 is not "
            "closed: add ']', or put the value in quotes if the text starts with '['",
            True,
        ),
        (
            "content/sources/b.yml:3:1: warning: references to sources could not be checked: "
            "content/sources/b.yml did not parse; fix it first",
            True,
        ),
        (
            "content/claims/c.yml:2:5: warning: claim 'x' has no 'history': add a history "
            "entry with the date it was first published",
            False,
        ),
        (
            "content/sources/a.yml:4:5: error: field 'title' given twice (first at "
            "content/sources/a.yml:3:5)",
            False,
        ),
    ]
    assert list(result.site.sources) == ["a"]
    assert result.site.unreadable == {"sources": ["content/sources/b.yml"]}


def test_a_symlinked_data_file_is_reported_where_it_really_is(tmp_path: Path) -> None:
    write(tmp_path, {"shared/s.yml": "sources:\n  - id: a\n    title: A\n    colour: red\n"})
    (tmp_path / "content" / "sources").mkdir(parents=True)
    (tmp_path / "content" / "claims").mkdir()
    (tmp_path / "content" / "sources" / "s.yml").symlink_to("../../shared/s.yml")
    result = load_site(tmp_path, tmp_path / "content/claims", tmp_path / "content/sources")
    assert diagnostics(result.report) == [
        ("shared/s.yml:4:5: error: unknown field 'colour'", False)
    ]
    assert result.site.sources["a"].pos == Pos("shared/s.yml", 2, 5)


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        (("id:2:5 url:8:10", PATH), ("id:2:5 url:8:10", PATH), True),  # unread: the text
        (("id:2:5 url:8:10", PATH), ("id:2:5  url:8:10", PATH), True),  # read: the same
        (("id:2:5 url:8:10", PATH), ("id:2:5 url:8:11", PATH), False),
        (("id:2:5 url:8:10", PATH), ("id:2:5 url:8:10", "other.yml"), False),
        (("id:2:5 url:8:10", PATH), ({"id": [2, 5], "url": [8, 10]}, PATH), True),
    ],
)
def test_positions_are_equal_when_they_point_at_the_same_places(
    left: tuple[object, str], right: tuple[object, str], equal: bool
) -> None:
    """How :mod:`explainers.data.changes` tells a changed file's unchanged entries (fast when the
    text is the same, and never wrong when it is not)."""
    a, b = Positions(left[1], left[0]), Positions(right[1], right[0])  # type: ignore[arg-type]
    assert (a == b) is equal and (b == a) is equal
    assert (a == {"id": at(2, 5), "url": at(8, 10)}) is (left[1] == PATH)


SOURCE_FILE = "sources:\n  - id: {0}\n    title: {0}\n    type: web\n    url: https://{0}.test/\n"


def test_the_reloader_loads_again_only_when_a_data_file_or_the_scale_changes(
    tmp_path: Path,
) -> None:
    claims, sources = tmp_path / "claims", tmp_path / "sources"
    claims.mkdir()
    sources.mkdir()
    (sources / "s.yml").write_text(SOURCE_FILE.format("a"), "utf-8")
    reloader = load.Reloader()
    first, before = reloader.load(tmp_path, claims, sources, None)
    assert before is None and sorted(first.site.sources) == ["a"]
    again, previous = reloader.load(tmp_path, claims, sources, None)
    assert again is first and previous is first
    (sources / "t.yml").write_text(SOURCE_FILE.format("b"), "utf-8")
    added, previous = reloader.load(tmp_path, claims, sources, None)
    assert previous is first and sorted(added.site.sources) == ["a", "b"]
    (sources / "t.yml").write_text(SOURCE_FILE.format("cc"), "utf-8")
    edited, _ = reloader.load(tmp_path, claims, sources, None)
    assert sorted(edited.site.sources) == ["a", "cc"]
    scale = scale_from_config({"true": {"en": "True", "nb": "Sant", "settled": True}})
    rescaled, previous = reloader.load(tmp_path, claims, sources, scale)
    assert previous is edited and rescaled is not edited


@pytest.mark.parametrize("folder", [False, True])
def test_an_unchanged_reload_keeps_the_files_entries_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: bool
) -> None:
    """Under ``serve`` a rebuild that did not load the data again (an article's edit)
    still uses the files' cached entries: the run's ``forget_unused`` keeps them, so the
    next data edit parses and decodes only the file that changed, and every other
    file's entries are the very objects of the last load (not 10,000 claims decoded
    and compared again)."""
    claims, sources = tmp_path / "claims", tmp_path / "sources"
    claims.mkdir()
    sources.mkdir()
    for name in "ab":
        (sources / f"{name}.yml").write_text(SOURCE_FILE.format(name), "utf-8")
    cache = Cache(tmp_path / FOLDER if folder else None)
    decoded: list[str] = []
    real = load.entry_from_json

    def entry_from_json(kind, item, path):  # type: ignore[no-untyped-def]
        decoded.append(path)
        return real(kind, item, path)

    monkeypatch.setattr(load, "entry_from_json", entry_from_json)
    parsed = Parsed(monkeypatch)
    reloader = load.Reloader()
    first, _ = reloader.load(tmp_path, claims, sources, None, cache)
    cache.forget_unused()  # the end of a build
    for _ in range(2):  # builds that found the data unchanged
        again, _ = reloader.load(tmp_path, claims, sources, None, cache)
        assert again is first
        cache.forget_unused()
    assert parsed.take() == ["sources:sources/a.yml", "sources:sources/b.yml"]
    (sources / "b.yml").write_text(SOURCE_FILE.format("bb"), "utf-8")
    edited, previous = reloader.load(tmp_path, claims, sources, None, cache)
    assert previous is first and sorted(edited.site.sources) == ["a", "bb"]
    assert parsed.take() == ["sources:sources/b.yml"] and decoded == []
    assert edited.site.sources["a"] is first.site.sources["a"]


def test_data_files_and_rel(tmp_path: Path) -> None:
    for name in ("b.yml", "a/z.yaml", "a/y.txt", "c.YML", "a.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    (tmp_path / "d.yml").mkdir()
    assert [p.relative_to(tmp_path).as_posix() for p in data_files(tmp_path)] == [
        "a.yml",
        "a/z.yaml",
        "b.yml",
    ]
    assert data_files(tmp_path / "missing") == []
    assert rel(tmp_path / "a" / "z.yaml", tmp_path) == "a/z.yaml"
    assert rel(Path("/elsewhere/x.yml"), tmp_path) == "/elsewhere/x.yml"


def test_load_site_uses_the_given_scale(tmp_path: Path) -> None:
    from explainers.data.load import load_site

    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()  # a missing data folder is an error of its own
    (tmp_path / "claims" / "c.yml").write_text(
        "claims:\n  - id: c\n    claim: C.\n    status: mostly-true\n"
        "  - id: d\n    claim: D.\n    status: confirmed\n",
        "utf-8",
    )
    scale = {"mostly-true": Verdict("mostly-true", {"en": "Mostly true"}, True)}
    loaded = load_site(tmp_path, tmp_path / "claims", tmp_path / "sources", scale)
    assert loaded.site.scale == scale and loaded.site.scale is not scale
    assert [str(d) for d in loaded.report.items] == [
        "claims/c.yml:7:13: error: status 'confirmed' is not on the verdict scale (mostly-true)"
        "; the site's scale: option replaces the default scale, which has 'confirmed'; add "
        "confirmed: {en: LABEL, nb: LABEL, settled: true|false} to scale:, or set "
        "scale_extends: default to keep the default verdicts and add yours to them",
        "claims/c.yml:2:5: warning: claim 'c' has no 'history': add a history entry with the date"
        " it was first published",
        "claims/c.yml:5:5: warning: claim 'd' has no 'history': add a history entry with the date"
        " it was first published",
    ]


CLEAN = {
    "content/sources/a.yml": (
        "sources:\n  - id: a\n    title: A\n    type: report\n    url: https://a.example/r\n"
        "  - id: b\n    title: B\n    type: report\n    url: https://a.example/s\n"
    ),
    "content/claims/c.yml": (
        "claims:\n  - id: x\n    claim: One.\n    status: confirmed\n    appearance: [b]\n"
        "    evidence:\n      - source: a\n        stance: supports\n"
        "    history:\n      - date: 2025-10-16\n        status: confirmed\n"
    ),
}


def test_a_cached_load_of_clean_data_reads_no_entry_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positions are decoded when a message needs one: a large site's clean data holds a
    hundred thousand, which the checks across files must not all decode."""
    write(tmp_path, CLEAN)
    assert loaded(tmp_path, Cache(tmp_path / FOLDER))[0] == []  # cold: fills the cache
    read: list[str] = []
    real = model._read_positions

    def counting(text: str) -> dict[str, list[int]]:
        read.append(text)
        return real(text)

    monkeypatch.setattr(model, "_read_positions", counting)
    _, sources, claims = loaded(tmp_path, Cache(tmp_path / FOLDER))
    assert (len(sources), len(claims), read) == (2, 1, [])
    assert claims["x"].evidence[0].at("source") == Pos("content/claims/c.yml", 7, 17)
    assert len(read) == 1  # decoded when asked, and right


def test_a_language_the_site_adds_is_a_text_key_and_a_claim_lang(tmp_path: Path) -> None:
    """The data layer takes the site's languages (the host reads them from ``labels``):
    ``de`` is a text key and a claim's ``lang`` where the site adds it, else an error at
    its place; the cache keeps each set of languages' diagnostics apart."""
    write(
        tmp_path,
        {
            "content/sources/a.yml": "sources: []\n",
            "content/claims/c.yml": (
                "claims:\n  - id: x\n    lang: de\n    claim: {de: Eins., en: One.}\n"
                "    status: confirmed\n"
                "    history:\n      - date: 2025-01-01\n        status: confirmed\n"
            ),
        },
    )
    content = tmp_path / "content"
    cache = Cache()
    for _ in range(2):  # in both orders, from the cache and not
        for store in (cache, None):
            german = load_site(
                tmp_path, content / "claims", content / "sources", None, store,
                ("en", "nb", "nn", "de"),
            )  # fmt: skip
            assert [str(d) for d in german.report.errors] == []
            assert german.site.claims["x"].texts == {"claim": {"de": "Eins.", "en": "One."}}
            assert german.site.claims["x"].claim == "Eins."
            shipped = load_site(tmp_path, content / "claims", content / "sources", None, store)
            add = "or add 'de' to the explainers labels option with every label"
            assert [str(d) for d in shipped.report.errors] == [
                "content/claims/c.yml:3:11: error: 'de' is not a language this site publishes "
                f"in: use en, nb or nn, {add}",
                "content/claims/c.yml:4:13: error: 'de' is not a language a text can be given "
                f"in: use en, nb or nn, {add}",
            ]
            assert german.digest != shipped.digest


TRANSLATED = """claims:
  - id: x
    lang: nb
    claim: {en: One., nb: En., de: Eins.}
    claimant: {en: Someone, nb: Noen, de: Jemand}
    summary: {en: Sum., nb: Samm., de: Zus.}
    status: confirmed
    evidence:
      - source: s
        stance: supports
        note: {en: Note., nb: Notat., de: Notiz.}
    history:
      - date: 2025-01-01
        status: confirmed
        note: {en: Was., nb: Var.}
    missing:
      - {en: Ask., nb: Spør.}
      - plain
      - {de: Frage.}
    draft: true
    reviewed_by: Ed
  - id: y
    claim: Two.
    summary: {xx: Nope}
    status: confirmed
    missing: Only this.
"""


@pytest.mark.parametrize(
    ("langs", "note_texts", "german"),
    [
        (None, {"en": "Note.", "nb": "Notat."}, {}),
        (
            ("en", "nb", "nn", "de"),
            {"en": "Note.", "nb": "Notat.", "de": "Notiz."},
            {
                "missing.2": {"de": "Frage."},
                "claim": {"en": "One.", "nb": "En.", "de": "Eins."},
                "summary": {"en": "Sum.", "nb": "Samm.", "de": "Zus."},
                "claimant": {"en": "Someone", "nb": "Noen", "de": "Jemand"},
            },
        ),
    ],
)
def test_a_claim_in_several_languages_shows_its_own(
    langs: tuple[str, ...] | None, note_texts: dict[str, str], german: dict[str, dict[str, str]]
) -> None:
    """Each text field holds the claim's own language's text (not the first given); every
    language the site has is kept per field, and one it has not is dropped (the schema
    reports it); a field given in no such language is empty."""
    tree = read(TRANSLATED.encode(), "c.yml", Report())
    entry = node_at(tree, ["claims", 0])
    claim = load.claim_from(entry, "c.yml", *([langs] if langs else []))
    assert (claim.claim, claim.claimant, claim.summary) == ("En.", "Noen", "Samm.")
    assert claim.evidence[0].note == "Notat." and claim.history[0].note == "Var."
    assert claim.missing == ["Spør.", "plain", *german.get("missing.2", {}).values()]
    assert (claim.draft, claim.reviewed_by) == (True, "Ed")
    assert (
        claim.texts
        == {
            "claim": {"en": "One.", "nb": "En."},
            "claimant": {"en": "Someone", "nb": "Noen"},
            "summary": {"en": "Sum.", "nb": "Samm."},
            "evidence.0.note": note_texts,
            "history.0.note": {"en": "Was.", "nb": "Var."},
            "missing.0": {"en": "Ask.", "nb": "Spør."},
        }
        | german
    )
    assert claim.at("missing.0") == Pos("c.yml", 17, 9)
    plain = load.claim_from(node_at(tree, ["claims", 1]), "c.yml")
    assert (plain.missing, plain.draft, plain.reviewed_by) == (["Only this."], False, "")
    assert (plain.summary, plain.texts) == ("", {})  # no language of the site given


def test_the_reloader_keys_on_every_input_and_hands_its_own_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renamed file, another root or another folder (even a missing one) loads again;
    the cache, the site's languages and the host's ``then`` step are used."""
    import os

    write(
        tmp_path,
        {
            "sources/s.yml": SOURCE_FILE.format("a"),
            "claims/c.yml": "claims:\n  - id: x\n    lang: de\n    claim: {de: Eins.}\n"
            "    status: confirmed\n",
        },
    )
    claims, sources = tmp_path / "claims", tmp_path / "sources"
    langs = ("en", "nb", "nn", "de")

    def then(result: load.LoadResult) -> load.LoadResult:
        return load.LoadResult(result.site, result.report, "then " + result.digest)

    cache = Cache()
    parsed = Parsed(monkeypatch)
    first, _ = load.Reloader().load(tmp_path, claims, sources, None, cache, then=then, langs=langs)
    assert first.digest.startswith("then ")
    assert [str(d) for d in first.report.errors if d.path.startswith("claims")] == []
    assert parsed.take() == ["claims:claims/c.yml", "sources:sources/s.yml"]
    reloader = load.Reloader()
    second, _ = reloader.load(tmp_path, claims, sources, None, cache, langs=langs)
    assert parsed.take() == []  # from the cache
    os.rename(sources / "s.yml", sources / "t.yml")  # same size and time
    renamed, previous = reloader.load(tmp_path, claims, sources, None, cache, langs=langs)
    assert previous is second and renamed.site.sources["a"].pos.path == "sources/t.yml"
    (tmp_path / "other").mkdir()
    elsewhere, previous = reloader.load(
        tmp_path / "other", claims, sources, None, cache, langs=langs
    )
    assert previous is renamed and elsewhere is not renamed
    seen = elsewhere
    no = [tmp_path / f"no{n}" for n in range(4)]  # missing folders: no files to tell apart
    for folders in ((no[0], sources), (no[1], sources), (no[1], no[2]), (no[1], no[3])):
        now, previous = reloader.load(tmp_path, *folders, None, cache, langs=langs)
        assert previous is seen and now is not seen
        seen = now


def test_a_source_says_whether_it_is_a_draft() -> None:
    tree = read(
        b"sources:\n  - id: s\n    title: S\n    draft: true\n  - id: t\n    title: T\n",
        "s.yml",
        Report(),
    )
    drafts = [load.source_from(node_at(tree, ["sources", n]), "s.yml").draft for n in (0, 1)]
    assert drafts == [True, False]


SHARED = {
    "content/sources/a.yml": (
        "sources:\n  - id: report-a\n    title: A\n    publisher: The Press\n"
        "  - id: report-b\n    title: B\n    publisher: The Press\n"
    ),
    "content/claims/c.yml": (
        "claims:\n"
        + "".join(
            f"  - id: claim-{n}\n    claim: Claim {n}.\n    claimant: The Ministry\n"
            "    status: confirmed\n    date: 2025-10\n    appearance: [report-a]\n"
            "    tags: [borders]\n"
            "    evidence:\n      - source: report-a\n        stance: supports\n"
            "        locator: p. 4\n"
            "    history:\n      - date: 2025-10-16\n        status: confirmed\n"
            "        note: First published.\n"
            for n in (1, 2)
        )
    ),
}


@pytest.mark.parametrize("cached", [False, True], ids=["from YAML", "from the cache"])
def test_loaded_records_have_no_dict_and_share_repeated_text(tmp_path: Path, cached: bool) -> None:
    """A large site keeps tens of thousands of records for a whole build: each is slotted
    (no ``__dict__``), and a text that repeats across entries (a claimant, a verdict, a
    cited source's id) is one string, however the file was read."""
    write(tmp_path, SHARED)
    if cached:
        assert loaded(tmp_path, Cache(tmp_path / FOLDER))[0] == []  # fills the cache
    found, sources, claims = loaded(tmp_path, Cache(tmp_path / FOLDER) if cached else None)
    assert found == []
    one, two = claims["claim-1"], claims["claim-2"]
    records = [*sources.values(), one, two]
    records += [*one.evidence, *two.evidence, *one.history, *two.history]
    for record in [*records, *(r.pos for r in records), *one.appearance_pos]:
        assert not hasattr(record, "__dict__"), type(record).__name__
    assert [type(r).__name__ for r in records].count("Evidence") == 2
    for name in ("claimant", "status", "date"):
        assert getattr(one, name) is getattr(two, name), name
    assert one.tags[0] is two.tags[0] and one.appearance[0] is sources["report-a"].id
    assert one.evidence[0].source is two.evidence[0].source is sources["report-a"].id
    assert one.evidence[0].stance is two.evidence[0].stance
    assert one.evidence[0].locator is two.evidence[0].locator
    assert one.history[0].note is two.history[0].note
    assert one.history[0].status is one.status
    assert sources["report-a"].publisher is sources["report-b"].publisher
    assert one.claim == "Claim 1." and two.claim == "Claim 2."  # the rest as read


def test_rel_and_real_path_read_symlinks_as_path_resolve_does(tmp_path: Path) -> None:
    """``rel``, ``real_path`` and ``is_under`` work on text (a build asks a thousand
    times) and give what ``Path.resolve`` and ``relative_to`` give: a symlinked file or
    folder is where it points, a path outside the root stays as given."""
    from explainers.data.load import is_under, real_path

    root = tmp_path / "site"
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "data" / "claims.yml").write_text("", "utf-8")
    (root / "docs" / "sub" / "page.md").write_text("", "utf-8")
    (root / "docs" / "linked.yml").symlink_to(root / "data" / "claims.yml")
    (root / "docs" / "folder").symlink_to(root / "data", target_is_directory=True)
    (tmp_path / "root-link").symlink_to(root, target_is_directory=True)
    (tmp_path / "outside.md").write_text("", "utf-8")
    paths = [
        root / "docs" / "sub" / "page.md",
        root / "docs" / "linked.yml",
        root / "docs" / "folder" / "claims.yml",
        tmp_path / "root-link" / "docs" / "sub" / "page.md",
        tmp_path / "outside.md",
        root,
    ]
    for base in (root, tmp_path / "root-link"):
        for path in paths:
            try:
                expected = path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                expected = path.as_posix()
            assert rel(path, base) == expected, (path, base)
    data = str((root / "data").resolve())
    for path in paths:
        real = real_path(str(path))
        assert real == str(path.resolve())
        assert is_under(real, data) == path.resolve().is_relative_to(root / "data"), path
    assert not is_under(data + "-other/x.yml", data)
