"""Ids and dates are matched whole, and the schemas agree with the validator."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from explainers.data.model import ID_RE
from explainers.data.schema import schema
from explainers.data.validation import DATE_RE

SAMPLES = ["x", "a-1", "2024", "2024-02", "2024-02-30", "x\n", "2024\n", "X", "-x", "", "a b"]


@pytest.mark.parametrize("kind", ["claims", "sources"])
def test_schema_patterns_agree_with_the_validator(kind: str) -> None:
    defs = schema(kind)["$defs"]
    for name, rule in (("id", ID_RE), ("date", DATE_RE)):
        check = Draft202012Validator(defs[name])
        for value in SAMPLES:
            in_schema = not any(e.validator == "pattern" for e in check.iter_errors(value))
            assert in_schema == bool(rule.fullmatch(value)), (kind, name, value)


def test_a_final_newline_is_not_part_of_an_id() -> None:
    assert ID_RE.fullmatch("x") and not ID_RE.fullmatch("x\n") and not ID_RE.match("x\n")
