"""Load the sources and claims folders into a :class:`~explainers.model.Site`.

Files are read in sorted path order; each is parsed with :mod:`.yamlread`, checked
against its JSON Schema (:mod:`.schema`) and turned into model objects that keep
the position of every field. Semantic checks live in :mod:`.validate`.

With a :class:`~explainers.cache.Cache`, a file whose bytes were seen before is not
parsed or validated again: its entries and its own diagnostics come from the cache.
The checks across files (duplicate ids, references, look-alikes) always rerun.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Collection, Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import drafts, file_edits, scales, schema, translations
from .cache import Cache, key, paused_gc
from .config_position import option_position
from .diagnostics import Diagnostic, Report
from .model import (
    Claim,
    Evidence,
    HistoryEntry,
    Pos,
    Site,
    Source,
    Verdict,
)
from .record_codec import entry_from_json, entry_to_json, share_repeated
from .validation import check_entries, check_site, index_site
from .yaml_reader import Mapping, Node, Scalar, Sequence, read

log = logging.getLogger(__name__)

DATA_SUFFIXES = (".yml", ".yaml")


@dataclass
class LoadResult:
    site: Site
    report: Report
    #: a hash of every data file's path and bytes and of the verdict scale: equal
    #: digests, equal sites (what is cached per site is keyed by it)
    digest: str = ""


def data_files(folder: Path) -> list[Path]:
    """The YAML files under ``folder``, at any depth, in sorted path order."""
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()),
        key=lambda p: p.as_posix(),
    )


@lru_cache(maxsize=4096)
def resolved_dir(folder: Path) -> Path:
    """``folder.resolve()``, once per folder."""
    return folder.resolve()


def resolved(path: Path) -> Path:
    """``path.resolve()`` for a file, its folder resolved once (:func:`resolved_dir`): a
    site has thousands of files in a few folders, and each resolve is a system call per
    path part."""
    return path.resolve() if path.is_symlink() else resolved_dir(path.parent) / path.name


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """``os.path.realpath(folder)``, once per folder (what :func:`resolved_dir` gives, as text)."""
    return os.path.realpath(folder)


def real_path(path: str) -> str:
    """:func:`resolved` as text: a page's file is looked up a thousand times a build,
    and path objects cost several times what the strings do."""
    if os.path.islink(path):
        return os.path.realpath(path)
    folder, name = os.path.split(path)
    return os.path.join(_real_folder(folder), name)


def is_under(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or inside it (both as :func:`real_path` gives them)."""
    return path == folder or path.startswith(os.path.join(folder, ""))


def rel(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` as both really are (symlinks resolved), else as given."""
    real, base = real_path(os.fspath(path)), _real_folder(os.fspath(root))
    if real == base:
        return "."
    if is_under(real, base):
        return real[len(os.path.join(base, "")) :].replace(os.sep, "/")
    return path.as_posix()


def _pos(path: str, node: Node) -> Pos:
    return Pos(path, node.line, node.col)


def _fields(entry: Mapping, path: str) -> tuple[dict[str, Node], dict[str, Pos]]:
    values = {key.value: value for key, value in entry.items}
    return values, {name: _pos(path, node) for name, node in values.items()}


def _text(node: Node | None) -> str:
    return node.value if isinstance(node, Scalar) else ""


def _texts(node: Node | None) -> list[str]:
    if isinstance(node, Scalar):
        return [node.value] if node.value else []
    if isinstance(node, Sequence):
        return [item.value for item in node.items if isinstance(item, Scalar)]
    return []


def _entries(root: Node | None, key: str) -> Iterable[Mapping]:
    return _mappings(root.get(key)) if isinstance(root, Mapping) else []


def source_from(entry: Mapping, path: str) -> Source:
    values, where = _fields(entry, path)
    return Source(
        id=_text(values.get("id")),
        title=_text(values.get("title")),
        pos=_pos(path, entry),
        author=_texts(values.get("author")),
        **{
            name: _text(values.get(name))
            for name in (
                "publisher",
                "place",
                "date",
                "type",
                "url",
                "archive_url",
                "accessed",
                "lang",
                "platform",
                "handle",
                "text",
            )
        },
        field_pos=where,
        draft=_flag(values.get("draft")),
    )


def _flag(node: Node | None) -> bool:
    """A true/false field (the schema allows only those words)."""
    return _text(node).lower() == "true"


def _fix_type(source: Source) -> Source:
    source.type = source.type or "other"
    return source


def _mappings(node: Node | None) -> list[Mapping]:
    return (
        [item for item in node.items if isinstance(item, Mapping)]
        if isinstance(node, Sequence)
        else []
    )


def _record(cls: type, item: Mapping, path: str, names: tuple[str, ...]) -> Any:
    """A model object of text fields, with every field's position."""
    values, where = _fields(item, path)
    return cls(
        pos=_pos(path, item), field_pos=where, **{name: _text(values.get(name)) for name in names}
    )


def _local(
    node: Node | None,
    key: str,
    own: str,
    texts: dict[str, dict[str, str]],
    langs: Collection[str] = translations.TEXT_LANGS,
) -> str:
    """A text field that may be a mapping of language to text (:mod:`.translations`): its
    own-language text (else its first), the mapping kept in ``texts`` under ``key``.
    ``langs``: the site's languages (a key outside them is the schema's error)."""
    if not isinstance(node, Mapping):
        return _text(node)
    given = {  # the schema reports other keys and values
        k.value: v.value
        for k, v in node.items
        if isinstance(v, Scalar) and v.value and k.value in langs
    }
    if not given:
        return ""
    texts[key] = given
    return translations.pick_text(given, own)


def _local_record(
    cls: type,
    item: Mapping,
    path: str,
    names: tuple[str, ...],
    key: str,
    own: str,
    texts: dict[str, dict[str, str]],
    langs: Collection[str],
) -> Any:
    """:func:`_record` with a ``note`` that may be given per language."""
    record = _record(cls, item, path, names)
    record.note = _local(item.get("note"), f"{key}.note", own, texts, langs)
    return record


def claim_from(
    entry: Mapping, path: str, langs: Collection[str] = translations.TEXT_LANGS
) -> Claim:
    """One claim entry; ``langs``: the languages its texts may be given in (the site's)."""
    values, where = _fields(entry, path)
    own = translations.base_lang(_text(values.get("lang")))
    texts: dict[str, dict[str, str]] = {}
    evidence = [
        _local_record(
            Evidence,
            item,
            path,
            ("source", "stance", "locator", "quote", "note"),
            f"evidence.{n}",
            own,
            texts,
            langs,
        )
        for n, item in enumerate(_mappings(values.get("evidence")))
    ]
    history = [
        _local_record(
            HistoryEntry,
            item,
            path,
            ("date", "status", "note"),
            f"history.{n}",
            own,
            texts,
            langs,
        )
        for n, item in enumerate(_mappings(values.get("history")))
    ]
    appearance = values.get("appearance")
    appearance_pos = (
        [_pos(path, item) for item in appearance.items if isinstance(item, Scalar)]
        if isinstance(appearance, Sequence)
        else []
    )
    missing_node = values.get("missing")
    missing: list[str] = []
    if isinstance(missing_node, Sequence):
        for item in missing_node.items:
            key = f"missing.{len(missing)}"
            if isinstance(item, Scalar):
                missing.append(item.value)
            elif isinstance(item, Mapping) and (text := _local(item, key, own, texts, langs)):
                where[key] = _pos(path, item)
                missing.append(text)
    else:
        missing = _texts(missing_node)
    return Claim(
        id=_text(values.get("id")),
        claim=_local(values.get("claim"), "claim", own, texts, langs),
        status=_text(values.get("status")),
        pos=_pos(path, entry),
        claimant=_local(values.get("claimant"), "claimant", own, texts, langs),
        date=_text(values.get("date")),
        appearance=_texts(appearance),
        summary=_local(values.get("summary"), "summary", own, texts, langs),
        evidence=evidence,
        missing=missing,
        history=history,
        reviewed=_text(values.get("reviewed")),
        lang=_text(values.get("lang")),
        field_pos=where,
        appearance_pos=appearance_pos,
        tags=_texts(values.get("tags")),
        draft=_flag(values.get("draft")),
        reviewed_by=_text(values.get("reviewed_by")),
        texts=texts,
    )


def _unreadable(kind: str, path: str, site: Site, report: Report, before: int) -> None:
    """A data file did not parse: its error leads the report, and references of its kind
    are said once to be unchecked instead of each being reported as unknown."""
    problem = report.items[before]
    report.warning(
        problem.path,
        problem.line,
        problem.col,
        f"references to {kind} could not be checked: {path} did not parse; fix it first",
    )
    report.mark_first(before)
    site.unreadable.setdefault(kind, []).append(path)


def _missing_folder(root: Path, kind: str, folder: Path, site: Site, report: Report) -> None:
    option = f"{kind}_dir"
    where = option_position(root, option) or (rel(folder, root), 1, 1)
    before = len(report.items)
    report.error(
        *where,
        f"{option}: the folder '{rel(folder, root)}' does not exist; create it, "
        f"or set {option} to the folder that holds the {kind} files",
    )
    report.mark_first(before)
    site.unreadable.setdefault(kind, []).append(rel(folder, root))


def load_file(
    data: bytes,
    kind: schema.Kind,
    path: str,
    report: Report,
    scale: dict[str, Verdict] | None = None,
    langs: Seq[str] = translations.TEXT_LANGS,
) -> tuple[list[Source] | list[Claim], bool]:
    """Parse and validate one data file on its own: (its entries, whether it parsed);
    its diagnostics go to ``report``. The checks across files are :func:`check_site`'s.
    ``langs``: the site's languages (a claim's texts may be given in them)."""
    before = len(report.items)
    tree = read(data, path, report)
    if tree is None and len(report.items) > before:
        return [], False
    schema.check(tree, kind, path, report, scale, langs)
    entries: list[Source] | list[Claim]
    if kind == "sources":
        entries = [_fix_type(source_from(entry, path)) for entry in _entries(tree, kind)]
    else:
        entries = [claim_from(entry, path, langs) for entry in _entries(tree, kind)]
    for entry in entries:
        share_repeated(entry)
    check_entries(kind, entries, scale, report)
    return entries, True


def _scale_text(scale: dict[str, Verdict] | None, langs: Seq[str]) -> str:
    """The verdict scale and the site's languages as text for cache keys: a file's
    diagnostics may depend on them."""
    return scales.key_for_cache(scale) + "\0" + " ".join(langs)


def _load_cached(
    data: bytes,
    kind: schema.Kind,
    path: str,
    report: Report,
    cache: Cache,
    scale: dict[str, Verdict] | None = None,
    langs: Seq[str] = translations.TEXT_LANGS,
    last: dict[str, file_edits.LastFile] | None = None,
) -> tuple[list[Source] | list[Claim], bool]:
    """:func:`load_file` through ``cache``; ``last``: each file as the last load read it
    (under ``serve``), so that an edit inside one entry parses that entry only."""
    ident = key("data", kind, path, _scale_text(scale, langs), data)

    def decode(stored: Any) -> tuple[list[Diagnostic], list[Source | Claim], bool]:
        diagnostics = [Diagnostic(path, *item) for item in stored["diagnostics"]]
        entries = [entry_from_json(kind, item, path) for item in stored["entries"]]
        return diagnostics, entries, bool(stored["parsed"])

    found = cache.get("data", ident, decode, keep=True)  # entries are never changed
    if found is not None:
        for diagnostic in found[0]:
            report.add(diagnostic)
        _remember(last, path, data, found[1], found[2] and not found[0])
        return found[1], found[2]  # type: ignore[return-value]
    before = last.get(path) if last is not None else None
    one = _one_entry_edited(before, data, kind, path, scale, langs) if before else None
    if one is not None:
        # Not stored: a save under serve is a passing version (the next build that
        # finds the file so parses it once); encoding the file's every entry for the
        # disk would cost what was saved.
        _remember(last, path, data, one, True)
        return one, True
    local = Report()
    entries, parsed = load_file(data, kind, path, local, scale, langs)
    report.extend(local)
    _remember(last, path, data, entries, parsed and not local.items)
    cache.put(
        "data",
        ident,
        {
            "parsed": parsed,
            "diagnostics": [[d.line, d.col, d.severity, d.message] for d in local.items],
            "entries": [entry_to_json(entry) for entry in entries],
        },
        kept=(list(local.items), entries, parsed),
    )
    return entries, parsed


def _remember(
    last: dict[str, file_edits.LastFile] | None,
    path: str,
    data: bytes,
    entries: list[Any],
    clean: bool,
) -> None:
    if last is None:
        return
    if clean:
        last[path] = file_edits.LastFile(data, entries)
    else:
        last.pop(path, None)


def _one_entry_edited(
    before: file_edits.LastFile,
    data: bytes,
    kind: schema.Kind,
    path: str,
    scale: dict[str, Verdict] | None,
    langs: Seq[str],
) -> list[Any] | None:
    """The file's entries when ``data`` differs from the clean file ``before`` inside
    one entry only, that entry alone parsed and checked (see :mod:`.file_edits`);
    ``None``: read the whole file."""
    old, new = file_edits.text_of(before.data, path), file_edits.text_of(data, path)
    if old is None or new is None:
        return None
    where = file_edits.changed_item(old, new, kind)
    if where is None or where[0] >= len(before.entries):
        return None
    number, start, end = where
    was = file_edits.parse_item(old, start, end, kind, path)
    now = file_edits.parse_item(new, start, end, kind, path)
    if was is None or now is None or now[1] > was[1]:  # more values: the file's cap
        return None
    made: list[Any] = []
    for tree, _ in (was, now):
        local = Report()
        if not schema.check(tree, kind, path, local, scale, langs):
            return None
        entry = _entry_of(next(iter(_entries(tree, kind))), kind, path, langs)
        check_entries(kind, [entry], scale, local)
        if local.items:
            return None
        made.append(entry)
    if entry_to_json(made[0]) != entry_to_json(before.entries[number]):
        log.debug("%s: entry %d read alone differs; the whole file is read", path, number)
        return None
    share_repeated(made[1])
    entries = list(before.entries)
    entries[number] = made[1]
    return entries


def _entry_of(entry: Mapping, kind: schema.Kind, path: str, langs: Seq[str]) -> Any:
    if kind == "sources":
        return _fix_type(source_from(entry, path))
    return claim_from(entry, path, langs)


def load_site(
    root: Path,
    claims_dir: Path,
    sources_dir: Path,
    scale: dict[str, Verdict] | None = None,
    cache: Cache | None = None,
    langs: Seq[str] = translations.TEXT_LANGS,
    last: dict[str, file_edits.LastFile] | None = None,
) -> LoadResult:
    """Read and check every data file; never raises for bad content.

    With ``cache``, unchanged files (same bytes, same schema and code) are neither parsed
    nor validated again; the diagnostics are the same either way. ``langs``: the site's
    languages, the shipped ones and those its ``labels`` add (a claim's texts may be
    given in them).
    """
    report = Report()
    site = Site()
    if scale is not None:
        site.scale = dict(scale)
    sources: list[Source] = []
    claims: list[Claim] = []
    folders: tuple[tuple[schema.Kind, Path], ...] = (
        ("sources", sources_dir),
        ("claims", claims_dir),
    )
    digest = hashlib.sha256(_scale_text(scale, langs).encode("utf-8"))
    seen: set[str] = set()
    with paused_gc():
        for kind, folder in folders:
            if not folder.is_dir():
                _missing_folder(root, kind, folder, site, report)
                continue
            for file in data_files(folder):
                path = rel(file, root)
                seen.add(path)
                data = file.read_bytes()
                for part in (kind.encode(), path.encode("utf-8", "surrogatepass"), data):
                    digest.update(len(part).to_bytes(8, "big") + part)
                before = len(report.items)
                if cache is None:
                    entries, parsed = load_file(data, kind, path, report, scale, langs)
                else:
                    entries, parsed = _load_cached(
                        data, kind, path, report, cache, scale, langs, last
                    )
                if not parsed:
                    _unreadable(kind, path, site, report, before)
                    continue
                (sources if kind == "sources" else claims).extend(entries)  # type: ignore[arg-type]
        if last is not None:
            for gone in set(last) - seen:
                del last[gone]
        if cache is None:
            check_site(site, sources, claims, report)
            drafts.check_data(site, report)
        else:
            _check_across(site, sources, claims, report, cache, digest.hexdigest())
    return LoadResult(site, report, digest.hexdigest())


def _check_across(
    site: Site,
    sources: list[Source],
    claims: list[Claim],
    report: Report,
    cache: Cache,
    digest: str,
) -> None:
    """The checks across files (:func:`check_site`, draft references), from ``cache``
    when the same data was checked before (``digest``: of every data file and the
    scale): a check after an article's edit need not check 10,000 claims again."""
    ident = key("across", digest)

    def decode(stored: Any) -> list[Diagnostic]:
        return [
            Diagnostic(str(p), int(ln), int(col), sev, str(msg)) for p, ln, col, sev, msg in stored
        ]

    found = cache.get("across", ident, decode)
    if found is not None and all(d.severity in ("error", "warning") for d in found):
        index_site(site, sources, claims)
        for diagnostic in found:
            report.add(diagnostic)
        return
    local = Report()
    check_site(site, sources, claims, local)
    drafts.check_data(site, local)
    report.extend(local)
    cache.put(
        "across", ident, [[d.path, d.line, d.col, d.severity, d.message] for d in local.items]
    )


class Reloader:
    """The data, loaded again only when a data file changed (its path, size or time) or
    the scale did; one per site, kept by whatever outlives a single build: the MkDocs
    plugin across ``serve`` rebuilds, the Python-Markdown extension across the pages of
    a host that makes a new extension per page."""

    def __init__(self) -> None:
        self.loaded: LoadResult | None = None
        self._key: object = None
        #: the cache and its entries the last load read: an unchanged load touches them
        self._entries: tuple[Cache, dict[str, frozenset[str]]] | None = None
        #: under ``serve``, each data file as the last load read it (see :mod:`.file_edits`)
        self.files: dict[str, file_edits.LastFile] | None = None

    def load(
        self,
        root: Path,
        claims_dir: Path,
        sources_dir: Path,
        scale: dict[str, Verdict] | None,
        cache: Cache | None = None,
        also: object = None,
        then: Callable[[LoadResult], LoadResult] | None = None,
        langs: Seq[str] = translations.TEXT_LANGS,
        edits: bool = False,
    ) -> tuple[LoadResult, LoadResult | None]:
        """(the data now, the data the previous call gave); the same object twice when
        nothing changed. ``also``: whatever else decides the result (it is part of the
        key); ``then``: a step for each new load (the host's own additions); ``edits``:
        keep each file's text for the next load (``serve``: an edit inside one entry
        parses that entry only, see :mod:`.file_edits`)."""
        stats = tuple(
            (str(p), p.stat().st_mtime_ns, p.stat().st_size)
            for folder in (claims_dir, sources_dir)
            for p in data_files(folder)
        )
        key = (
            str(root.resolve()),
            str(claims_dir),
            str(sources_dir),
            repr(scale),
            tuple(langs),
            stats,
            also,
        )
        previous = self.loaded
        if self.loaded is None or key != self._key:
            if not edits or cache is None:
                self.files = None
            elif self.files is None:
                self.files = {}
            loaded = load_site(root, claims_dir, sources_dir, scale, cache, langs, self.files)
            self.loaded = then(loaded) if then is not None else loaded
            self._key = key
            spaces = ("data", "across")
            self._entries = None if cache is None else (cache, {s: cache.used(s) for s in spaces})
        elif self._entries is not None and self._entries[0] is cache:
            # The files' decoded entries stay the cache's for the next load: a run that
            # did not read them (``serve`` after an article's edit) would else let
            # ``forget_unused`` drop them, and the next data edit decode every file again
            # (new objects: every claim compared, every claim page's key made again).
            for space, idents in self._entries[1].items():
                for ident in idents:
                    cache.touch(space, ident)
        return self.loaded, previous
