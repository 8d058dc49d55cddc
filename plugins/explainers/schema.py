"""The JSON Schemas for claims and sources files, and the structural check built on them.

The same schema files ship to editors (``yaml-language-server``) and drive the
build's own structural validation, so the two cannot drift apart. Each schema
error is turned into a contract-style diagnostic at the offending YAML node.

A file is first validated by fastjsonschema (the schema compiled to Python, many
times faster); only a file it rejects goes through ``jsonschema``, which names every
error with its position and has the last word.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import fastjsonschema

from .diagnostics import Report
from .yamlread import Mapping, Node, Scalar, node_at, to_plain

Kind = Literal["claims", "sources"]
KINDS: tuple[Kind, ...] = ("claims", "sources")
_TYPE_WORDS = {"object": "a mapping of fields", "array": "a list", "string": "text"}


@cache
def schema(kind: Kind) -> dict[str, Any]:
    """The parsed JSON Schema for a kind of data file."""
    return json.loads(schema_text(kind))


def schema_text(kind: Kind) -> str:
    return resources.files("explainers").joinpath(f"schemas/{kind}.schema.json").read_text("utf-8")


if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def _validator(kind: Kind) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # slow to import: only for a failing file

    return Draft202012Validator(schema(kind))


@cache
def _fast(kind: Kind) -> Callable[[Any], Any]:
    # use_default=False: the validator must never fill defaults into the data
    return fastjsonschema.compile(schema(kind), use_default=False)


def is_valid(data: Any, kind: Kind) -> bool:
    """The compiled validator's verdict (True for the common, valid file)."""
    try:
        _fast(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def _field_name(path: list[str | int]) -> str:
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return "the file"
    if isinstance(path[-1], int):
        return f"an item of '{names[-1]}'"
    return f"'{names[-1]}'"


def _message(error: ValidationError, kind: Kind) -> list[tuple[list[Any], str]]:
    """(path to report at, message) pairs for one schema error."""
    path: list[str | int] = list(error.absolute_path)
    field = _field_name(path)
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    value = error.instance
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in value]
        return [(path, f"missing required field '{name}'") for name in missing]
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        out = []
        for name in value:
            if name in known:
                continue
            hint = difflib.get_close_matches(str(name), known, n=1)
            suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
            out.append(([*path, ("__key__", name)], f"unknown field '{name}'{suffix}"))
        return out
    if error.validator == "type" and not path:
        return [(path, f"a {kind} file must be a mapping with a top-level '{kind}:' list")]
    if custom and error.validator != "type":
        return [(path, custom.format(value=_short(value)))]
    if error.validator == "type":
        wanted = error.validator_value
        wanted = wanted[0] if isinstance(wanted, list) else wanted
        return [(path, f"{field} must be {_TYPE_WORDS.get(wanted, wanted)}")]
    if error.validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return [(path, f"{field} '{_short(value)}' is not one of: {options}")]
    if error.validator == "minLength":
        return [(path, f"{field} must not be empty")]
    if error.validator == "maxLength":
        return [(path, f"{field} is longer than {error.validator_value} characters")]
    if error.validator == "minItems":
        return [(path, f"{field} must not be an empty list")]
    return [(path, f"{field}: {error.message}")]


def _position(root: Node, path: list[Any]) -> tuple[int, int]:
    if path and isinstance(path[-1], tuple):
        parent = node_at(root, path[:-1])
        if isinstance(parent, Mapping):
            key = parent.key_node(path[-1][1])
            if key is not None:
                return key.line, key.col
        path = path[:-1]
    node = node_at(root, path)
    return node.line, node.col


def check(root: Node | None, kind: Kind, path: str, report: Report) -> bool:
    """Validate one parsed file against its schema; True when it is structurally sound."""
    if root is None or (isinstance(root, Scalar) and root.value == ""):
        report.error(path, 1, 1, f"file is empty: expected a top-level '{kind}:' list")
        return False
    plain = to_plain(root)
    if is_valid(plain, kind):
        return True
    errors = sorted(
        _validator(kind).iter_errors(plain), key=lambda e: list(map(str, e.absolute_path))
    )
    ok = True
    for error in errors:
        for where, message in _message(error, kind):
            line, col = _position(root, where)
            report.error(path, line, col, message)
            ok = False
    return ok
