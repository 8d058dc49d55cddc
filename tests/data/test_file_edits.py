"""Under ``serve``, an edit inside one entry of a data file parses that entry alone
(:mod:`explainers.data.file_edits`): for every edit below, the entries and messages are
the whole file's parse, entry for entry; and the shortcut is taken exactly where the
table says (else the whole file is read, as before)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from explainers.data import load
from explainers.data.cache import Cache
from explainers.data.diagnostics import Report
from explainers.data.file_edits import LastFile, changed_item
from explainers.data.record_codec import entry_to_json

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from synth import make_site


def once(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) >= 1, old
        return text.replace(old, new, 1)

    return edit


def second(old: str, new: str) -> Callable[[str], str]:
    """The second claim's ``old`` replaced (a claim in the middle of the file)."""

    def edit(text: str) -> str:
        head, first, rest = text.partition("\n  - id: ")
        at = rest.index("\n  - id: ")
        return head + first + rest[: at + 1] + rest[at + 1 :].replace(old, new, 1)

    return edit


def last_claim(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        head, mark, tail = text.rpartition("\n  - id: ")
        return head + mark + tail.replace(old, new, 1)

    return edit


#: (name, kind, edit, whether the entry alone is parsed)
EDITS: list[tuple[str, str, Callable[[str], str], bool]] = [
    ("first claim's text", "claims", once("claim: ", "claim: Edited "), True),
    ("a middle claim's text", "claims", second("claim: ", "claim: Edited "), True),
    ("the last claim's text", "claims", last_claim("claim: ", "claim: Edited "), True),
    ("a review's date", "claims", second("reviewed: 2025-", "reviewed: 2024-"), True),
    ("a verdict its history contradicts", "claims", second("status: ", "status: false #"), False),
    ("a quote's words", "claims", second('quote: "', 'quote: "Edited '), True),
    ("a claim's id", "claims", second("- id: c", "- id: x"), True),
    ("a source's title", "sources", second("title: ", "title: Edited "), True),
    ("a verdict off the scale", "claims", second("status: ", "status: wrong #"), False),
    ("a field unknown", "claims", second("claimant: ", "claimnt: "), False),
    ("a bad date", "claims", second("date: 2025-", "date: 2025-13-"), False),
    ("a quote left open", "claims", second('quote: "', 'quote: "" "'), False),
    ("an alias", "claims", second("claimant: ", "claimant: *x #"), False),
    ("a line added", "claims", second("    status: ", "    draft: false\n    status: "), False),
    ("one more value", "claims", second("appearance: [", "appearance: [s1, "), False),
    (
        "two claims",
        "claims",
        lambda t: once("claim: ", "claim: A ")(second("claim: ", "claim: B ")(t)),
        False,
    ),
    ("the list's key", "claims", once("claims:\n", "claim:\n"), False),
    ("an item no longer one", "claims", second("  - id: ", "    id: "), False),
    ("a tab", "claims", second("claimant: ", "claimant:\t"), True),
    ("a form feed", "claims", second("claim: ", "claim: \x0c"), False),
    ("a second document", "claims", second("  - id: ", "---\n  - id: "), False),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = make_site(tmp_path_factory.mktemp("synth"), 3)
    return {
        kind: (root / "data" / kind / f"{kind}-0.yml").read_bytes()
        for kind in ("claims", "sources")
    }


def _full(data: bytes, kind: str) -> tuple[list[object], list[object], bool]:
    report = Report()
    entries, parsed = load.load_file(data, kind, "c.yml", report)  # type: ignore[arg-type]
    return [entry_to_json(e) for e in entries], list(report.items), parsed


@pytest.mark.parametrize(("name", "kind", "edit", "alone"), EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_reads_as_the_whole_file_would(
    files: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    kind: str,
    edit: Callable[[str], str],
    alone: bool,
) -> None:
    before = files[kind]
    after = edit(before.decode("utf-8")).encode("utf-8")
    assert after != before
    last: dict[str, LastFile] = {}
    cache = Cache()
    load._load_cached(before, kind, "c.yml", Report(), cache, last=last)  # type: ignore[arg-type]
    assert "c.yml" in last
    whole = []
    real = load.load_file

    def reading(*args: object, **kwargs: object) -> object:
        whole.append(args[2])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "load_file", reading)
    report = Report()
    entries, parsed = load._load_cached(after, kind, "c.yml", report, cache, last=last)  # type: ignore[arg-type]
    monkeypatch.undo()
    assert ([entry_to_json(e) for e in entries], list(report.items), parsed) == _full(after, kind)
    assert (whole == []) is alone, name
    if alone:  # the other entries are the very objects of the last load
        kept = [e for e in entries if any(e is o for o in last["c.yml"].entries)]
        assert len(kept) == len(entries)


def test_a_file_with_a_problem_is_read_whole_next_time(files: dict[str, bytes]) -> None:
    text = files["claims"].decode("utf-8")
    bad = second("status: ", "status: wrong #")(text).encode("utf-8")
    last: dict[str, LastFile] = {}
    load._load_cached(bad, "claims", "c.yml", Report(), Cache(), last=last)
    assert last == {}  # nothing to patch: the next load reads the file whole


def test_only_lines_inside_one_item_count_as_one_entrys_edit() -> None:
    old = "claims:\n  - id: a\n    x: 1\n  - id: b\n    x: 2\n"
    assert changed_item(old, old.replace("x: 2", "x: 3"), "claims") == (1, 3, 5)
    assert changed_item(old, old.replace("x: 1", "x: 3"), "claims") == (0, 1, 3)
    assert changed_item(old, old, "claims") is None
    assert changed_item(old, old.replace("x: 1", "x: 3\n"), "claims") is None
    assert changed_item(old, old.replace("claims:", "sources:"), "claims") is None


def test_entries_from_the_disk_cache_are_patched_too(
    files: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``serve`` session that starts from a warm cache (the file's entries decoded,
    not parsed) reads the first edit's entry alone as well."""
    data = files["claims"]
    load._load_cached(data, "claims", "c.yml", Report(), Cache(tmp_path))
    last: dict[str, LastFile] = {}
    cache = Cache(tmp_path)
    load._load_cached(data, "claims", "c.yml", Report(), cache, last=last)
    monkeypatch.setattr(load, "load_file", None)  # the whole file is not read
    edited = once("claim: ", "claim: Edited ")(data.decode("utf-8")).encode("utf-8")
    entries, _ = load._load_cached(edited, "claims", "c.yml", Report(), cache, last=last)
    monkeypatch.undo()
    assert [entry_to_json(e) for e in entries] == _full(edited, "claims")[0]
