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
