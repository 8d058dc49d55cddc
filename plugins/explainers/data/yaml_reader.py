"""Read untrusted YAML into positioned plain values, within fixed bounds.

PyYAML's event stream is turned into our own small node tree: every scalar is the
string the editor typed (no YAML 1.1 booleans, numbers or dates), aliases are
refused (no "billion laughs"), and size, nesting depth and node count are capped
before anything recursive runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeAlias

import yaml

from .diagnostics import Report
from .pasted import QUOTE_PAIRS, TYPOGRAPHIC_QUOTES, unwrap, wrapped, yaml_fix

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 50_000


@dataclass
class Scalar:
    value: str
    line: int
    col: int


@dataclass
class Sequence:
    items: list[Node]
    line: int
    col: int


@dataclass
class Mapping:
    items: list[tuple[Scalar, Node]]
    line: int
    col: int
    keys: dict[str, int] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        index = self.keys.get(key)
        return None if index is None else self.items[index][1]

    def key_node(self, key: str) -> Scalar | None:
        index = self.keys.get(key)
        return None if index is None else self.items[index][0]


Node: TypeAlias = Scalar | Sequence | Mapping


def to_plain(node: Node | None) -> Any:
    """The node as plain Python data (dict, list, str) for schema validation."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    return {key.value: to_plain(value) for key, value in node.items}


def node_at(root: Node, path: list[str | int]) -> Node:
    """The deepest node reachable along ``path`` (a JSON-pointer-like list)."""
    node = root
    for part in path:
        if isinstance(node, Mapping) and isinstance(part, str) and part in node.keys:
            node = node.items[node.keys[part]][1]
        elif isinstance(node, Sequence) and isinstance(part, int) and part < len(node.items):
            node = node.items[part]
        else:
            break
    return node


def decode(data: bytes, path: str, report: Report) -> str | None:
    """UTF-8 text with a BOM dropped and CRLF folded; an error at the first bad byte."""
    if len(data) > MAX_BYTES:
        report.error(path, 1, 1, f"file is {len(data)} bytes, over the {MAX_BYTES}-byte limit")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        report.error(
            path, line, col, f"file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)"
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Builder:
    def __init__(
        self, path: str, report: Report, aliases: bool = False, max_depth: int = MAX_DEPTH
    ) -> None:
        self.path = path
        self.report = report
        self.count = 0
        #: aliases allowed (a site's mkdocs.yml): each counts as the values it repeats, so
        #: the node cap bounds the expanded size (no "billion laughs" there either)
        self.aliases = aliases
        self.max_depth = max_depth
        self.anchored: dict[str, int] = {}
        self.started: list[tuple[str | None, int]] = []

    def fail(self, mark: Any, message: str) -> NoReturn:
        self.report.error(self.path, mark.line + 1, mark.column + 1, message)
        raise _Stop

    def build(self, events: Any) -> Node | None:
        root: Node | None = None
        stack: list[Sequence | Mapping] = []
        pending_key: list[Scalar | None] = []
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fail(event.start_mark, "a file holds one YAML document; found a second")
                continue
            if isinstance(
                event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
            ):
                continue
            if isinstance(event, yaml.AliasEvent):
                if not self.aliases:
                    self.fail(
                        event.start_mark, "YAML aliases (*name) are not allowed in content files"
                    )
                at: Any = event.start_mark
                self.count += self.anchored.get(event.anchor or "", 1)
                if self.count > MAX_NODES:
                    self.fail(at, f"file has more than {MAX_NODES} YAML values")
                alias = Scalar("", at.line + 1, at.column + 1)
                if not stack:
                    root = alias
                    continue
                self._attach(stack, pending_key, alias, event)
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                anchor, before = self.started.pop()
                if anchor:
                    self.anchored[anchor] = self.count - before
                if isinstance(done, Mapping):
                    pending_key.pop()
                node: Node = done
                if not stack:
                    root = node
                    continue
                self._attach(stack, pending_key, node, event)
                continue
            mark = event.start_mark
            self.count += 1
            if self.count > MAX_NODES:
                self.fail(mark, f"file has more than {MAX_NODES} YAML values")
            if isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    self.anchored[event.anchor] = 1
                node = Scalar(event.value, mark.line + 1, mark.column + 1)
                if not stack:
                    root = node
                    continue
                self._attach(stack, pending_key, node, event)
                continue
            if len(stack) >= self.max_depth:
                self.fail(mark, f"YAML nested more than {self.max_depth} levels deep")
            self.started.append((event.anchor, self.count - 1))
            if isinstance(event, yaml.MappingStartEvent):
                stack.append(Mapping([], mark.line + 1, mark.column + 1))
                pending_key.append(None)
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append(Sequence([], mark.line + 1, mark.column + 1))
        return root

    def _attach(
        self,
        stack: list[Sequence | Mapping],
        pending_key: list[Scalar | None],
        node: Node,
        event: Any,
    ) -> None:
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                self.fail(event.start_mark, "a mapping key must be plain text")
            pending_key[-1] = node
            return
        if key.value in parent.keys:
            first = parent.items[parent.keys[key.value]][0]
            self.report.error(
                self.path,
                key.line,
                key.col,
                f"field '{key.value}' given twice (first at {self.path}:{first.line}:{first.col})",
            )
        else:
            parent.keys[key.value] = len(parent.items)
            parent.items.append((key, node))
        pending_key[-1] = None


class _Stop(Exception):
    pass


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def parse(
    text: str, path: str, report: Report, aliases: bool = False, max_depth: int = MAX_DEPTH
) -> Node | None:
    """Parse one YAML document; problems go to ``report`` and give ``None``.

    ``aliases`` and ``max_depth`` are for a site's ``mkdocs.yml``, which MkDocs lets use
    anchors and which nests its ``nav`` deeper than content does.

    libyaml (when PyYAML has it) reads well-formed files several times faster; a file
    it rejects is read again by the pure-Python parser, whose messages the error
    format documents.
    """
    if _FAST_LOADER is not None:
        local = Report()
        try:
            node = _Builder(path, local, aliases, max_depth).build(
                yaml.parse(text, Loader=_FAST_LOADER)
            )
        except (yaml.YAMLError, _Stop):
            pass
        else:
            report.extend(local)
            return node
    builder = _Builder(path, report, aliases, max_depth)
    try:
        return builder.build(yaml.parse(text, Loader=yaml.SafeLoader))
    except _Stop:
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        report.error(path, line, col, f"YAML does not parse: {explain(exc, text)}")
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        report.error(
            path, line, col, f"YAML does not parse: character {exc.character!r} is not allowed"
        )
    except yaml.YAMLError as exc:
        report.error(path, 1, 1, f"YAML does not parse: {exc}")
    return None


def _open_quote(text: str, before_line: int) -> tuple[int, str] | None:
    """(line, quote) of a quoted value that runs over several lines up to ``before_line``.

    An unclosed quote swallows the lines after it up to the next quote character, and the
    parser only fails there; the line where the quote opened is where the fix goes.
    """
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line >= before_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.end_mark.line > token.start_mark.line
            ):
                found = (token.start_mark.line + 1, token.style)
    except yaml.YAMLError:
        pass
    return found


def _closed_before(text: str, mark: yaml.Mark | None) -> str | None:
    """The quote that closes a value just before ``mark`` on its line (``'A' or so``)."""
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    before = lines[mark.line][: mark.column].rstrip()
    return before[-1] if before.endswith(("'", '"')) else None


def _misaligned_item(lines: list[str], here: int) -> str | None:
    """For a ``- `` item indented unlike the item above it: both indents, in words."""

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    if here >= len(lines) or not lines[here].lstrip(" ").startswith("-"):
        return None
    for above in range(here - 1, -1, -1):
        line = lines[above]
        if line.lstrip(" ").startswith("- ") and indent(line) != indent(lines[here]):
            return (
                f"wrong indentation: the '- ' item on line {above + 1} is indented "
                f"{indent(line)} spaces and this one {indent(lines[here])}; give the items "
                "of one list the same indentation"
            )
        if line.strip() and indent(line) < indent(lines[here]):
            break
    return None


_FIELD_LINE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"][^:]*?):[ \t]+(.+?)\s*$")


def _typographic_value(lines: list[str], here: int) -> str | None:
    """For ``title: “A: B”``: that “ ” are not YAML's quotes, and the value in straight ones."""
    match = _FIELD_LINE.match(lines[here]) if here < len(lines) else None
    if match is None or match.group(2)[0] not in TYPOGRAPHIC_QUOTES:
        return None
    key, value = match.groups()
    found = wrapped(value)
    left, right = (found[0], found[2]) if found else (value[0], QUOTE_PAIRS.get(value[0], "")[:1])
    marks = f"{left} {right}".strip()
    return (
        f"{marks} are not YAML quotes, so the ': ' inside this value reads as the start of a "
        f"new field: put the value in straight quotes instead, {yaml_fix(key, unwrap(value))}"
    )


def explain(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's complaint (its pure-Python parser's wording) in plain words, with what to do
    and where the problem started."""
    problem = exc.problem or exc.context or "invalid YAML"
    here = exc.problem_mark.line if exc.problem_mark else 0
    start = exc.context_mark.line + 1 if exc.context_mark else None
    context = exc.context or ""
    if "'\\t'" in problem:
        return "a tab is used for indentation; YAML indents with spaces only: replace the tab with spaces"
    if "quoted scalar" in context and "end of stream" in problem:
        return (
            f"the quoted value that starts at line {start} is never closed: "
            "add the closing quote at the end of that value"
        )
    if problem.startswith("mapping values are not allowed"):
        typographic = _typographic_value(text.split("\n"), here)
        if typographic:
            return typographic
        return (
            "a ': ' where no new field can start: if it is part of the text, put the whole "
            'value in quotes (claim: "He said: no"); if it is a field, indent it like the '
            "fields above it"
        )
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        opened = _open_quote(text, here + 1)
        if opened is not None:
            line, quote = opened
            return (
                f"the quoted value that starts at line {line} is not closed on its line, so it "
                f"runs on to here: add the closing {quote} on line {line}"
            )
    if problem.startswith("expected <block end>") and (
        "block collection" in context or "block mapping" in context
    ):
        item = _misaligned_item(text.split("\n"), here)
        if item:
            return item
        closing = _closed_before(text, exc.problem_mark)
        if closing is not None:
            other = '"' if closing == "'" else "'"
            return (
                f"text after the closing {closing} of a quoted value: a quoted value ends at "
                f"its closing quote; if the quotes are part of the text, put the whole value "
                f"in {other} quotes (title: {other}{closing}A{closing} or so{other}), else "
                "remove the text after the quote"
            )
        return (
            f"wrong indentation: this line does not line up with the list or mapping that starts "
            f"at line {start}; give every '- ' item of a list, and every field of an entry, "
            "the same indentation as the first one"
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return (
            f"the '{bracket}' at line {start} is not closed: add '{closing}', or put the value in "
            f"quotes if the text starts with '{bracket}'"
        )
    if start is not None and start != here + 1:
        return f"{problem} (the problem starts at line {start}: {context})"
    return problem


def read(data: bytes, path: str, report: Report) -> Node | None:
    text = decode(data, path, report)
    return None if text is None else parse(text, path, report)
