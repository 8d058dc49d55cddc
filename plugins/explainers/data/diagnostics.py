"""Diagnostics in the contract's ``path:line:col: severity: message`` form.

Every check in the package appends to a :class:`Report` instead of raising, so one
run can show an editor every problem at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]


#: the characters that end a line in Python, escaped where a message must stay one line
_ONE_LINE = {ord(c): repr(c)[1:-1] for c in "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, positioned at the value (or entry) that causes it; 1-based."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    #: a root cause (a data file that did not parse, a data folder that is missing): listed
    #: before everything else, since the rest may follow from it
    first: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        """One line, always: a line break quoted from a damaged file (a ``nav`` entry cut
        mid-value) is shown escaped, so every printed line is in the contract's form."""
        message = self.message.translate(_ONE_LINE)
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
        }


def _order(diagnostic: Diagnostic) -> tuple[bool, Diagnostic]:
    return not diagnostic.first, diagnostic


def did_you_mean(word: str, known: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    """``; did you mean 'x'?`` for the known name ``word`` most likely means, or nothing.

    The same name in other letter case first (``False`` for ``false``: YAML editors write
    booleans capitalised), then a synonym from ``aliases`` (``refutes`` for
    ``contradicts``), then the closest spelling (difflib).
    """
    names = sorted(known)
    folded = word.casefold()
    found = [name for name in names if name.casefold() == folded and name != word]
    alias = (aliases or {}).get(folded)
    if not found and alias in names:
        found = [alias]
    if not found:
        found = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f"; did you mean '{found[0]}'?" if found else ""


@dataclass
class Report:
    """An ordered, de-duplicated collection of diagnostics."""

    items: list[Diagnostic] = field(default_factory=list)
    #: what ``items`` holds, for the duplicate check: thousands of warnings (a desk's
    #: claims without history) must not cost a comparison with every earlier one
    _seen: set[Diagnostic] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(self.items)

    def error(self, path: str, line: int, col: int, message: str) -> None:
        self.add(Diagnostic(path, line, col, "error", message))

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.add(Diagnostic(path, line, col, "warning", message))

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def __contains__(self, diagnostic: Diagnostic) -> bool:
        return diagnostic in self._seen

    def mark_first(self, since: int) -> None:
        """Make the diagnostics added since ``len(items) == since`` root causes."""
        self.items[since:] = [replace(d, first=True) for d in self.items[since:]]

    def extend(self, other: Report) -> None:
        for item in other.items:
            self.add(item)

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted((d for d in self.items if d.severity == "error"), key=_order)

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted((d for d in self.items if d.severity == "warning"), key=_order)

    def sorted(self) -> list[Diagnostic]:
        """Root causes first, then by path, line and column."""
        return sorted(self.items, key=_order)

    def __bool__(self) -> bool:
        return bool(self.items)


class ContentError(Exception):
    """Raised where a host needs an exception: carries every error of the run."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))
