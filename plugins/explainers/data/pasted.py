"""What a word processor leaves in pasted text: quotation marks around a whole value, and
autocorrected dashes or apostrophes in ids.

The page puts its own quotation marks around a quote or a title, so a value already
wrapped in them would show them twice; :func:`unwrap` drops one pair where the page
adds its own, and :func:`wrapped` lets the check warn at the value. :func:`id_fix`
names the character autocorrect put in an id and the id the editor meant.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Collection

from .model import ID_RE

#: Opening mark -> the closing marks that end a value it opens (English, Norwegian,
#: German, Swedish and Danish usage, and straight quotes inside a YAML-quoted value).
QUOTE_PAIRS: dict[str, str] = {
    "“": "”",
    "«": "»",
    "„": "“”",
    "»": "«",
    "”": "”",
    "‘": "’",
    '"': '"',
}

#: The marks of :data:`QUOTE_PAIRS` that are not YAML's own quotes.
TYPOGRAPHIC_QUOTES = frozenset("“”„«»‘’")

#: Characters autocorrect writes where an id has a plain hyphen (or nothing).
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")
APOSTROPHES = frozenset("\u2018\u2019\u02bc'")
DROPPED = INVISIBLE | APOSTROPHES


def wrapped(text: str) -> tuple[str, str, str] | None:
    """(opening mark, text inside, closing mark) when one pair of quotation marks wraps
    the whole of ``text`` (``“A” and “B”`` is not wrapped); None otherwise."""
    if len(text) < 3:
        return None
    left, right = text[0], text[-1]
    closing = QUOTE_PAIRS.get(left, "")
    if right not in closing:
        return None
    inner = text[1:-1]
    if left in inner or right in inner or not inner.strip():
        return None
    return left, inner, right


def unwrap(text: str) -> str:
    """``text`` without the quotation marks that wrap it whole: the page adds its own."""
    found = wrapped(text)
    return text if found is None else found[1]


def yaml_fix(field: str, value: str) -> str:
    """``field: "value"`` in straight quotes, as valid YAML an editor can paste back."""
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f"{field}: {json.dumps(shown, ensure_ascii=False)}"


def wrapped_warning(field: str, value: str) -> str | None:
    """The warning for a value the page would show in quotation marks twice."""
    found = wrapped(value)
    if found is None:
        return None
    left, inner, right = found
    return (
        f"'{field}' is wrapped in {left} {right}, and the page puts its own quotation marks "
        f"around it, so it is shown without these: remove them ({yaml_fix(field, inner)})"
    )


def _named(char: str) -> str:
    name = unicodedata.name(char, "") or "a control character"
    return f"'{char}' (U+{ord(char):04X} {name})"


def id_fix(ident: str, known: Collection[str] = ()) -> tuple[str, str] | None:
    """(what is wrong, the id meant) for an id that autocorrect spoiled: its dashes made
    typographic, an apostrophe or an invisible character added; None for another problem.

    An apostrophe is dropped (``o’brien`` -> ``obrien``), or made a hyphen when that is
    an id in ``known``.
    """
    odd = [char for char in dict.fromkeys(ident) if char in DASHES or char in DROPPED]
    if not odd:
        return None
    plain = "".join("-" if char in DASHES else char for char in ident)
    fixed = "".join(char for char in plain if char not in DROPPED)
    hyphened = "".join(
        "-" if char in APOSTROPHES else char for char in plain if char not in INVISIBLE
    )
    if fixed not in known and hyphened in known:
        fixed = hyphened
    if not ID_RE.fullmatch(fixed):
        return None
    names = " and ".join(_named(char) for char in odd)
    if all(char in DASHES for char in odd):
        why = f"it has {names} where an id has a plain '-'"
    else:
        why = f"it has {names}, which an id cannot hold"
    return why, fixed


def id_problem(ident: str, known: Collection[str] | None = None) -> str | None:
    """The plain-words end of a bad-id message, with the id to write (``known``: the ids it
    may refer to, when they are known), or None when autocorrect is not the cause."""
    found = id_fix(ident, known or ())
    if found is None:
        return None
    why, fixed = found
    if known is not None and fixed in known:
        return f"{why}; did you mean '{fixed}'?"
    return f"{why}: write '{fixed}'"
