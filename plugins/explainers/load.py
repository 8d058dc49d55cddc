"""Load the sources and claims folders into a :class:`~explainers.model.Site`.

Files are read in sorted path order; each is parsed with :mod:`.yamlread`, checked
against its JSON Schema (:mod:`.schema`) and turned into model objects that keep
the position of every field. Semantic checks live in :mod:`.validate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema
from .diagnostics import Report
from .model import Claim, Evidence, HistoryEntry, Pos, Site, Source, Verdict
from .siteconfig import option_position
from .validate import check_site
from .yamlread import Mapping, Node, Scalar, Sequence, read

DATA_SUFFIXES = (".yml", ".yaml")


@dataclass
class LoadResult:
    site: Site
    report: Report


def data_files(folder: Path) -> list[Path]:
    """The YAML files under ``folder``, at any depth, in sorted path order."""
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()),
        key=lambda p: p.as_posix(),
    )


def rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
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
    )


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


def claim_from(entry: Mapping, path: str) -> Claim:
    values, where = _fields(entry, path)
    evidence = [
        _record(Evidence, item, path, ("source", "stance", "locator", "quote", "note"))
        for item in _mappings(values.get("evidence"))
    ]
    history = [
        _record(HistoryEntry, item, path, ("date", "status", "note"))
        for item in _mappings(values.get("history"))
    ]
    appearance = values.get("appearance")
    appearance_pos = (
        [_pos(path, item) for item in appearance.items if isinstance(item, Scalar)]
        if isinstance(appearance, Sequence)
        else []
    )
    return Claim(
        id=_text(values.get("id")),
        claim=_text(values.get("claim")),
        status=_text(values.get("status")),
        pos=_pos(path, entry),
        claimant=_text(values.get("claimant")),
        date=_text(values.get("date")),
        appearance=_texts(appearance),
        summary=_text(values.get("summary")),
        evidence=evidence,
        missing=_texts(values.get("missing")),
        history=history,
        reviewed=_text(values.get("reviewed")),
        lang=_text(values.get("lang")),
        field_pos=where,
        appearance_pos=appearance_pos,
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


def load_site(
    root: Path,
    claims_dir: Path,
    sources_dir: Path,
    scale: dict[str, Verdict] | None = None,
) -> LoadResult:
    """Read and check every data file; never raises for bad content."""
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
    for kind, folder in folders:
        if not folder.is_dir():
            _missing_folder(root, kind, folder, site, report)
            continue
        for file in data_files(folder):
            path = rel(file, root)
            before = len(report.items)
            tree = read(file.read_bytes(), path, report)
            if tree is None and len(report.items) > before:
                _unreadable(kind, path, site, report, before)
                continue
            schema.check(tree, kind, path, report, site.scale)
            for entry in _entries(tree, kind):
                if kind == "sources":
                    sources.append(_fix_type(source_from(entry, path)))
                else:
                    claims.append(claim_from(entry, path))
    check_site(site, sources, claims, report)
    return LoadResult(site, report)
