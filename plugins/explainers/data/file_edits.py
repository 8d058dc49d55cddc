"""Under ``serve``, an edit inside one entry of a data file: that entry's lines found
and parsed on their own, instead of the whole file.

A claims file of a large desk holds hundreds of claims (0.4 MB of YAML at 625); an
editor's save changes one of them, and parsing, schema-checking and making every
claim again is most of what the rebuild then spends on the data. The shortcut is
taken only where its result is the whole file's parse, entry for entry: the same
number of lines (every other entry's positions unchanged), the changed lines inside
one item of the file's top-level list, that item's old lines giving back the entry
they gave before, and the new lines parsing with no problem at all (any problem, or
any doubt, and the whole file is read as always, so every message is the usual one).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .diagnostics import Report
from .yaml_reader import MAX_DEPTH, Mapping, Node, Scalar, Sequence, decode, parse

log = logging.getLogger(__name__)


@dataclass
class LastFile:
    """A data file as the last load read it, with no problem: its bytes and entries."""

    data: bytes
    entries: list[Any]


def item_starts(lines: list[str], kind: str) -> list[int] | None:
    """The first line of each item of the file's top-level ``kind:`` list (0-based),
    when the file is that key alone followed by its block list; else ``None``."""
    head = 0
    while head < len(lines) and _blank(lines[head]):
        head += 1
    if head == len(lines) or lines[head].rstrip() != f"{kind}:":
        return None
    first = head + 1
    while first < len(lines) and _blank(lines[first]):
        first += 1
    if first == len(lines):
        return None
    line = lines[first]
    indent = line[: len(line) - len(line.lstrip(" "))]
    mark = indent + "- "
    if not line.startswith(mark):
        return None
    return [n for n in range(first, len(lines)) if lines[n].startswith(mark)]


def lines_of(text: str) -> list[str] | None:
    """``text``'s lines, each with its newline; ``None`` when it holds a character other
    than a newline that YAML or Python breaks lines at (the two would count lines
    differently)."""
    if any(mark in text for mark in _OTHER_BREAKS):
        return None
    return text.splitlines(keepends=True)


_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def changed_item(old: str, new: str, kind: str) -> tuple[int, int, int] | None:
    """(the item's number, its first line, the line past it) when the only lines that
    differ between ``old`` and ``new`` lie in one item of the list, the same lines in
    both and as many; else ``None``."""
    before, after = lines_of(old), lines_of(new)
    if before is None or after is None or len(before) != len(after):
        return None
    starts = item_starts(before, kind)
    if not starts or starts != item_starts(after, kind):
        return None
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    if not changed:
        return None
    ends = [*starts[1:], len(before)]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start <= changed[0] and changed[-1] < end:
            return number, start, end
    return None


def parse_item(text: str, start: int, end: int, kind: str, path: str) -> tuple[Node, int] | None:
    """Lines ``start`` to ``end`` of ``text`` parsed on their own, at their own line
    numbers, as the file ``{kind: [that item]}``: (the tree, the item's YAML values);
    ``None`` when they hold anything but one clean item."""
    lines = lines_of(text)
    if lines is None:
        return None
    report = Report()
    # the item alone is a list one level less deep than in its file
    node = parse("\n" * start + "".join(lines[start:end]), path, report, max_depth=MAX_DEPTH - 1)
    if report.items or not isinstance(node, Sequence) or len(node.items) != 1:
        return None
    if not isinstance(node.items[0], Mapping):
        return None
    top = Mapping([(Scalar(kind, start, 1), node)], 1, 1, {kind: 0})
    return top, count_nodes(node.items[0])


def count_nodes(node: Node) -> int:
    """The YAML values in ``node`` (keys included), as the parser counts them."""
    if isinstance(node, Scalar):
        return 1
    if isinstance(node, Sequence):
        return 1 + sum(count_nodes(item) for item in node.items)
    return 1 + sum(1 + count_nodes(value) for _, value in node.items)


def text_of(data: bytes, path: str) -> str | None:
    """``data`` as text when it decodes with no problem (else the whole file is read)."""
    report = Report()
    text = decode(data, path, report)
    return None if report.items else text
