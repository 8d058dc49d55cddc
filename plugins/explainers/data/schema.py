"""The JSON Schemas for claims and sources files, and the structural check built on them.

The same schemas go to editors (``yaml-language-server``) and drive the build's
own structural validation, so the two cannot drift apart. The claims schema lists
the verdict keys, so it is made per scale (:func:`claims_schema`): the package
ships the default scale's, a site publishes its own. Each schema error is turned
into a contract-style diagnostic at the offending YAML node.

A file is first validated by fastjsonschema (the schema compiled to Python, many
times faster); only a file it rejects goes through ``jsonschema``, which names every
error with its position and has the last word.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable, Sequence
from collections.abc import Mapping as MappingABC
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import fastjsonschema

from .diagnostics import Report, did_you_mean
from .model import DEFAULT_SCALE, Verdict
from .pasted import id_problem
from .scales import STATUS_ALIASES, not_on_scale
from .translations import TEXT_LANGS
from .yaml_reader import Mapping, Node, Scalar, node_at, to_plain

Kind = Literal["claims", "sources"]
KINDS: tuple[Kind, ...] = ("claims", "sources")
_TYPE_WORDS = {"object": "a mapping of fields", "array": "a list", "string": "text"}


Scale = MappingABC[str, Verdict]
# What a YAML 1.2 editor (yaml-language-server) makes of a plain scalar that is not text.
_YAML_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_YAML_INT = re.compile(r"^[-+]?[0-9]+$")
_YAML_NULL = re.compile(r"^(null|Null|NULL|~)?$")


if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def _shipped(kind: Kind) -> dict[str, Any]:
    text = resources.files("explainers").joinpath(f"schemas/{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


def _as_editor_reads(key: str) -> tuple[Any] | None:
    """(value,) when an editor's YAML 1.2 parser reads ``key`` as something other than text."""
    if _YAML_BOOL.match(key):
        return (key.lower() == "true",)
    if _YAML_INT.match(key):
        return (int(key),)
    if _YAML_NULL.match(key):
        return (None,)
    return None


def _note(verdict: Verdict) -> str:
    state = "settled" if verdict.settled else "open"
    if verdict.rating is not None:
        state += f", rating {verdict.rating}"
    note = f"{verdict.label('en')} / {verdict.label('nb')} ({state})"
    if verdict.definition.get("en"):
        note += f": {verdict.definition['en']}"
    return note


def status_schema(scale: Scale) -> dict[str, Any]:
    """The schema of a ``status``: one of the scale's keys.

    Our reader keeps every scalar as text, but an editor's YAML 1.2 parser reads
    ``status: false`` as a boolean, so such keys are listed in both forms.
    """
    keys = list(scale)
    enum: list[Any] = list(keys)
    notes = [_note(verdict) for verdict in scale.values()]
    for key, verdict in scale.items():
        other = _as_editor_reads(key)
        if other is not None:
            enum.append(other[0])
            notes.append(_note(verdict))
    settled = [k for k, v in scale.items() if v.settled]
    listed = ", ".join(keys).replace("{", "{{").replace("}", "}}")
    return {  # no "type": the enum says it all, and one wrong value gets one message
        "enum": enum,
        "enumDescriptions": notes,
        "x-message": f"status '{{value}}' is not on the verdict scale ({listed})",
        "description": "A key of the verdict scale: "
        + ", ".join(keys)
        + ". Settled (the question is closed): "
        + (", ".join(settled) or "none")
        + ".",
    }


def _words(langs: Sequence[str]) -> str:
    """``en, nb or nn``."""
    return ", ".join(langs[:-1]) + " or " + langs[-1] if len(langs) > 1 else "".join(langs)


def _alternatives(langs: Sequence[str]) -> str:
    return "|".join(re.escape(lang) for lang in langs)


def language_schemas(langs: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The parts of the claims schema that name the site's languages (the shipped ones
    and those its ``labels`` add): the keys of a text given per language, and a claim's
    ``lang``. Each names the languages and how to add one."""
    words = _words(langs)
    add = "or add '{value}' to the explainers labels option with every label"
    return {
        "propertyNames": {
            "pattern": f"^({_alternatives(langs)})(?![\\s\\S])",
            "x-message": f"'{{value}}' is not a language a text can be given in: use {words}, {add}",
        },
        "lang": {
            "type": "string",
            "pattern": f"^(no|({_alternatives(langs)})(-[A-Z]{{2}})?)(?![\\s\\S])",
            "x-message": f"'{{value}}' is not a language this site publishes in: use {words}, {add}",
            "description": f"The language the claim is written in ({words}); its own page "
            "uses it. Default: the site language.",
        },
    }


def claims_schema(scale: Scale | None = None, langs: Sequence[str] = TEXT_LANGS) -> dict[str, Any]:
    """The claims schema for a verdict scale (default: the default scale) and a site's
    languages (default: the shipped ones)."""
    result = copy.deepcopy(_shipped("claims"))
    result["$defs"]["status"] = status_schema(scale if scale is not None else DEFAULT_SCALE)
    parts = language_schemas(langs)
    localtext = result["$defs"]["localtext"]
    localtext["propertyNames"] = parts["propertyNames"]
    localtext["description"] = (
        "Text, or a mapping of language to text ("
        + ", ".join(f"{lang}: ..." for lang in langs)
        + "): one claim written in several languages."
    )
    result["$defs"]["claim"]["properties"]["lang"] = parts["lang"]
    return result


def _scale_key(scale: Scale | None) -> tuple[tuple[object, ...], ...]:
    scale = DEFAULT_SCALE if scale is None else scale
    return tuple(
        (k, v.label("en"), v.label("nb"), v.settled, v.rating, v.definition.get("en"))
        for k, v in scale.items()
    )


# Per (kind, scale), so a site's schema and its validators are made once per process.
_SCHEMAS: dict[tuple[Kind, Any], dict[str, Any]] = {}
_FAST: dict[tuple[Kind, Any], Callable[[Any], Any]] = {}
_FULL: dict[tuple[Kind, Any], Draft202012Validator] = {}


def _key(kind: Kind, scale: Scale | None, langs: Sequence[str]) -> tuple[Kind, Any]:
    return (kind, (_scale_key(scale), tuple(langs)) if kind == "claims" else None)


def schema(
    kind: Kind, scale: Scale | None = None, langs: Sequence[str] = TEXT_LANGS
) -> dict[str, Any]:
    """The parsed JSON Schema for a kind of data file (claims: for ``scale`` and the
    site's ``langs``, else the default)."""
    key = _key(kind, scale, langs)
    found = _SCHEMAS.get(key)
    if found is None:
        found = _SCHEMAS[key] = claims_schema(scale, langs) if kind == "claims" else _shipped(kind)
    return found


def schema_text(kind: Kind, scale: Scale | None = None, langs: Sequence[str] = TEXT_LANGS) -> str:
    """The schema as published, in the shipped file's formatting."""
    return json.dumps(schema(kind, scale, langs), indent=2, ensure_ascii=False) + "\n"


#: Names editors reach for, mapped to the field they mean; used only where that field
#: belongs to the same kind of entry (difflib alone takes ``claimed_by`` for ``claim``).
FIELD_ALIASES = {
    "claimed_by": "claimant",
    "claimed-by": "claimant",
    "claimer": "claimant",
    "said_by": "claimant",
    "speaker": "claimant",
    "verdict": "status",
    "rating": "status",
    "authors": "author",
    "link": "url",
    "href": "url",
    "archive": "archive_url",
    "archived": "archive_url",
    "archive-url": "archive_url",
    "published": "date",
    "retrieved": "accessed",
    "language": "lang",
    "page": "locator",
    "pages": "locator",
    "position": "stance",
    "sources": "source",
    "open_questions": "missing",
    "unknowns": "missing",
    "appearances": "appearance",
    "seen_in": "appearance",
    "reviewed_at": "reviewed",
    "last_reviewed": "reviewed",
}


#: Words editors use for a value, mapped to the value they mean, per field; used only
#: where the value is allowed (a site's verdict scale may not have ``false``).
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "stance": {
        "refutes": "contradicts",
        "refute": "contradicts",
        "refuted": "contradicts",
        "contradict": "contradicts",
        "disputes": "contradicts",
        "rebuts": "contradicts",
        "debunks": "contradicts",
        "against": "contradicts",
        "opposes": "contradicts",
        "disproves": "contradicts",
        "confirms": "supports",
        "confirm": "supports",
        "support": "supports",
        "corroborates": "supports",
        "backs": "supports",
        "proves": "supports",
        "agrees": "supports",
        "for": "supports",
        "background": "context",
        "contextual": "context",
        "neutral": "context",
        "related": "context",
        "informs": "context",
        "mixed": "context",
    },
    "status": STATUS_ALIASES,
}


def suggest_field(name: str, known: list[str]) -> str | None:
    """The field of this kind of entry that ``name`` most likely means."""
    alias = FIELD_ALIASES.get(name.lower())
    if alias in known:
        return alias
    hint = difflib.get_close_matches(name.lower(), known, n=1)
    return hint[0] if hint else None


def _validator(
    kind: Kind, scale: Scale | None = None, langs: Sequence[str] = TEXT_LANGS
) -> Draft202012Validator:
    """jsonschema's validator, which names every error: only for a file the fast one rejects."""
    key = _key(kind, scale, langs)
    found = _FULL.get(key)
    if found is None:
        from jsonschema import Draft202012Validator  # slow to import

        found = _FULL[key] = Draft202012Validator(schema(kind, scale, langs))
    return found


def _fast(
    kind: Kind, scale: Scale | None = None, langs: Sequence[str] = TEXT_LANGS
) -> Callable[[Any], Any]:
    key = _key(kind, scale, langs)
    found = _FAST.get(key)
    if found is None:
        # use_default=False: the validator must never fill defaults into the data
        # compile a copy: fastjsonschema rewrites the "$ref"s of the schema it is given
        copied = copy.deepcopy(schema(kind, scale, langs))
        found = _FAST[key] = fastjsonschema.compile(copied, use_default=False)
    return found


def is_valid(
    data: Any, kind: Kind, scale: Scale | None = None, langs: Sequence[str] = TEXT_LANGS
) -> bool:
    """The compiled validator's verdict (True for the common, valid file)."""
    try:
        _fast(kind, scale, langs)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    return text if len(text) <= 60 else text[:57] + "..."


def _field_name(path: list[str | int]) -> str:
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return "the file"
    if isinstance(path[-1], int):
        return f"an item of '{names[-1]}'"
    return f"'{names[-1]}'"


def _value_hint(path: list[str | int], value: str, allowed: list[Any]) -> str:
    """The hint for a value not in an enum: only its text values are suggested (the
    booleans a status enum lists for editors' YAML 1.2 parsers are written as text)."""
    names = [p for p in path if isinstance(p, str)]
    aliases = VALUE_ALIASES.get(names[-1], {}) if names else {}
    return did_you_mean(value, [v for v in allowed if isinstance(v, str)], aliases)


def _message(
    error: ValidationError, kind: Kind, scale: Scale | None = None
) -> list[tuple[list[Any], str]]:
    """(path to report at, message) pairs for one schema error."""
    path: list[str | int] = list(error.absolute_path)
    field = _field_name(path)
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    value = error.instance
    if error.validator == "enum" and path and path[-1] == "status" and isinstance(value, str):
        return [(path, not_on_scale(value, scale))]  # the same words as validate's check
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in value]
        return [(path, f"missing required field '{name}'") for name in missing]
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        out = []
        for name in value:
            if name in known:
                continue
            hint = suggest_field(str(name), known)
            suffix = f"; did you mean '{hint}'?" if hint else ""
            out.append(([*path, ("__key__", name)], f"unknown field '{name}'{suffix}"))
        return out
    if error.validator == "type" and not path:
        return [(path, f"a {kind} file must be a mapping with a top-level '{kind}:' list")]
    if error.validator == "pattern" and isinstance(value, str) and (why := id_problem(value)):
        return [(path, f"id '{_short(value)}' breaks the id rules: {why}")]
    if "propertyNames" in error.schema_path:  # at the key itself, not its mapping
        return [([*path, ("__key__", value)], custom.format(value=_short(value)) if custom else "")]
    if error.validator == "minProperties":
        return [
            (
                path,
                f"{field} is an empty mapping: give a text, or a text per language (en: ..., nb: ...)",
            )
        ]
    if custom and error.validator != "type":
        message = custom.format(value=_short(value))
        if error.validator == "enum" and isinstance(value, str):
            message += _value_hint(path, value, error.validator_value)
        return [(path, message)]
    if error.validator == "type" and "additionalProperties" in error.schema_path and len(path) > 1:
        return [(path, f"the {path[-1]} text of '{path[-2]}' must be text, not a list or mapping")]
    if error.validator == "type":
        wanted = error.validator_value
        wanted = wanted[0] if isinstance(wanted, list) else wanted
        return [(path, f"{field} must be {_TYPE_WORDS.get(wanted, wanted)}")]
    if error.validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        hint = _value_hint(path, value, error.validator_value) if isinstance(value, str) else ""
        return [(path, f"{field} '{_short(value)}' is not one of: {options}{hint}")]
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


def check(
    root: Node | None,
    kind: Kind,
    path: str,
    report: Report,
    scale: Scale | None = None,
    langs: Sequence[str] = TEXT_LANGS,
) -> bool:
    """Validate one parsed file against its schema (claims: for ``scale`` and the site's
    ``langs``); True when sound."""
    if root is None or (isinstance(root, Scalar) and root.value == ""):
        report.error(path, 1, 1, f"file is empty: expected a top-level '{kind}:' list")
        return False
    plain = to_plain(root)
    if is_valid(plain, kind, scale, langs):
        return True
    errors = sorted(
        _validator(kind, scale, langs).iter_errors(plain),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    ok = True
    for error in errors:
        for where, message in _message(error, kind, scale):
            line, col = _position(root, where)
            report.error(path, line, col, message)
            ok = False
    return ok
