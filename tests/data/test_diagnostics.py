"""A report keeps each problem once, in the order found."""

from __future__ import annotations

import pytest

from explainers.data.diagnostics import Diagnostic, Report


def test_report_keeps_each_problem_once_in_order() -> None:
    report = Report([Diagnostic("b.yml", 1, 1, "error", "x")])
    report.warning("a.yml", 2, 1, "y")
    report.error("b.yml", 1, 1, "x")  # given at construction: not again
    report.warning("a.yml", 2, 1, "y")
    report.mark_first(1)
    report.warning("a.yml", 2, 1, "y")  # a root cause now; still the same problem
    other = Report()
    other.warning("a.yml", 2, 1, "y")
    other.warning("c.yml", 3, 1, "z")
    report.extend(other)
    assert [(str(d), d.first) for d in report.items] == [
        ("b.yml:1:1: error: x", False),
        ("a.yml:2:1: warning: y", True),
        ("c.yml:3:1: warning: z", False),
    ]
    assert Diagnostic("c.yml", 3, 1, "warning", "z") in report
    assert Diagnostic("c.yml", 3, 1, "error", "z") not in report


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\x85"])
def test_a_diagnostic_prints_on_one_line_whatever_its_message_quotes(brk: str) -> None:
    """A nav entry cut mid-value by a damaged mkdocs.yml put a line break in the message:
    its second half printed as a line out of the contract's form."""
    shown = str(Diagnostic("mkdocs.yml", 3, 5, "warning", f"nav entry 'a.md{brk}   v' is missing"))
    assert shown.splitlines() == [shown]
    assert shown.startswith("mkdocs.yml:3:5: warning: nav entry 'a.md\\")


def test_the_json_form_and_what_a_host_raises() -> None:
    """``explainers check --format json`` prints ``as_dict``; a host that needs an
    exception gets :class:`ContentError`, carrying every diagnostic and their lines."""
    from explainers.data.diagnostics import ContentError

    one = Diagnostic("a.yml", 2, 9, "error", "bad\nvalue", first=True)
    two = Diagnostic("b.md", 7, 1, "warning", "w")
    assert one.as_dict() == {
        "path": "a.yml",
        "line": 2,
        "col": 9,
        "severity": "error",
        "message": "bad\nvalue",  # JSON escapes it itself
    }
    error = ContentError([one, two])
    assert error.diagnostics == [one, two]
    assert str(error) == "a.yml:2:9: error: bad\\nvalue\nb.md:7:1: warning: w"
    assert not Report() and Report([two])
