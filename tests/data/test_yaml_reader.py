"""The YAML reader's guarantee where ``fixtures/errors.md`` cannot reach: whatever PyYAML
raises, and whatever counts as a line break, a file gets one positioned error, never a
traceback.

PyYAML's parser always gives a problem and its mark; these stand-ins raise what it
could raise without them, so the fall-backs are held to exact output too.
"""

from __future__ import annotations

import pytest
import yaml

from explainers.data import yaml_reader as yamlread
from explainers.data.diagnostics import Report
from explainers.data.yaml_reader import Mapping, Scalar, Sequence, decode, node_at, read, to_plain


def _mark(line: int, column: int) -> yaml.Mark:
    return yaml.Mark("f.yml", 0, line, column, None, None)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (yaml.MarkedYAMLError(), "f.yml:1:1: error: YAML does not parse: invalid YAML"),
        (
            yaml.MarkedYAMLError(context="while reading a value"),
            "f.yml:1:1: error: YAML does not parse: while reading a value",
        ),
        # only the context is marked: the error sits there, and the line it names is its own
        (
            yaml.MarkedYAMLError("while reading a value", _mark(0, 4), "something odd"),
            "f.yml:1:5: error: YAML does not parse: something odd",
        ),
        (
            yaml.YAMLError("the stream broke"),
            "f.yml:1:1: error: YAML does not parse: the stream broke",
        ),
    ],
    ids=["nothing", "context only", "context mark only", "not marked"],
)
def test_any_yaml_error_is_one_positioned_error(
    monkeypatch: pytest.MonkeyPatch, error: yaml.YAMLError, expected: str
) -> None:
    def parse(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(yamlread.yaml, "parse", parse)
    report = Report()
    assert yamlread.parse("a: b\n", "f.yml", report) is None
    assert [str(d) for d in report.sorted()] == [expected]


def test_unicode_line_separators_count_as_lines_and_do_not_break_the_message() -> None:
    # PyYAML counts U+2028 as a line break, str.split("\n") does not: the item check
    # must not look past the text's last line
    report = Report()
    assert yamlread.parse("a:\u2028  - b\u2028 - c\n", "f.yml", report) is None
    assert [str(d) for d in report.sorted()] == [
        "f.yml:3:2: error: YAML does not parse: wrong indentation: this line does not line "
        "up with the list or mapping that starts at line 1; give every '- ' item of a list, "
        "and every field of an entry, the same indentation as the first one"
    ]


def test_node_at_and_to_plain() -> None:
    tree = read(b"sources:\n  - id: a\n    tags: [x, y]\n", "f.yml", Report())
    assert isinstance(tree, Mapping)
    assert to_plain(tree) == {"sources": [{"id": "a", "tags": ["x", "y"]}]}
    assert to_plain(None) is None
    tags = node_at(tree, ["sources", 0, "tags", 1])
    assert (tags.value, tags.line, tags.col) == ("y", 3, 15)
    assert node_at(tree, ["sources", 5]).line == 2  # the deepest node reached: the list
    assert node_at(tree, ["nope"]) is tree
    assert node_at(tree, ["sources", "id"]).col == 3
    entry = node_at(tree, ["sources", 0])
    assert isinstance(entry, Mapping) and entry.get("nope") is None
    assert entry.key_node("tags") == Scalar("tags", 3, 5) and entry.key_node("x") is None
    assert isinstance(node_at(tree, ["sources"]), Sequence)


@pytest.mark.parametrize(
    ("data", "text", "errors"),
    [
        (b"a: 1\r\nb: 2\rc", "a: 1\nb: 2\nc", []),
        (b"\xef\xbb\xbfa", "a", []),
        (b"ok\nab\xffc", None, ["f:2:3: error: file is not UTF-8 (byte 0xff cannot be decoded)"]),
        (b"\xc3\xa5\xe5", None, ["f:1:2: error: file is not UTF-8 (byte 0xe5 cannot be decoded)"]),
    ],
)
def test_decode(data: bytes, text: str | None, errors: list[str]) -> None:
    report = Report()
    assert decode(data, "f", report) == text
    assert [str(d) for d in report.items] == errors


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (b"a: 1\n---\nb: 2\n", ["f:2:1: error: a file holds one YAML document; found a second"]),
        (b"---\na: 1\n", []),
        (b"hello\n---\nworld\n", ["f:2:1: error: a file holds one YAML document; found a second"]),
        # today: at the end of the key (`]`), and the character as a number
        (b"a:\n  ? [x]\n  : y\n", ["f:2:7: error: a mapping key must be plain text"]),
        (b"a: 1\nb: x\x07y\n", ["f:2:5: error: YAML does not parse: character 7 is not allowed"]),
        (b"a: 1\n  b: x\x07y\n", ["f:2:7: error: YAML does not parse: character 7 is not allowed"]),
        (
            b"a: 1\nb: 2\nc: x\x07\n",
            ["f:3:5: error: YAML does not parse: character 7 is not allowed"],
        ),
    ],
)
def test_yaml_reader_errors(data: bytes, errors: list[str]) -> None:
    report = Report()
    read(data, "f", report)
    assert [str(d) for d in report.items] == errors


def test_yaml_reader_top_level_scalar_and_size_limit() -> None:
    from explainers.data.yaml_reader import MAX_BYTES

    assert read(b"hello\n", "f", Report()) == Scalar("hello", 1, 1)
    report = Report()
    data = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(data) == MAX_BYTES
    assert isinstance(read(data, "f", report), Mapping) and report.items == []
