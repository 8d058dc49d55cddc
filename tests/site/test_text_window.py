"""A JSON string read a piece at a time (:meth:`TextWindow.copy_string`): wherever the
pieces end, the characters handed on are the string's, escapes whole."""

from __future__ import annotations

import io
import json
import random

import pytest

from explainers.site import text_window
from explainers.site.text_window import TextWindow

TRICKY = [
    "plain",
    'a "quoted" word',
    "back\\slash",
    "\\\\",
    '\\"',
    "line\nbreak\ttab\r\b\f",
    "\x00\x01\x1f\x7f",
    "“curly” ’ – Ørsted",
    "😀 a pair 𝄞",
    "\ud800 lone high",
    "lone low \udc00",
    "\\ud83d not an escape",
]


def copied(text: str, at: int) -> tuple[str, int]:
    pieces: list[str] = []
    end = TextWindow(io.StringIO(text)).copy_string(at, pieces.append)
    return "".join(pieces), end


@pytest.mark.parametrize("piece", [1, 2, 5, 7, 13, 19, 64])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_a_string_is_copied_the_same_wherever_the_pieces_end(
    monkeypatch: pytest.MonkeyPatch, piece: int, ensure_ascii: bool
) -> None:
    monkeypatch.setattr(text_window, "PIECE", piece)
    rng = random.Random(piece)
    for n in range(60):
        value = "".join(rng.choice(TRICKY) for _ in range(rng.randrange(1, 12))) * (n % 5 + 1)
        text = json.dumps({"k": value, "after": 1}, ensure_ascii=ensure_ascii)
        at = text.index(":") + 2
        got, end = copied(text, at)
        assert got == value
        assert text[end:] == ', "after": 1}'


def test_a_surrogate_pair_is_never_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut between its two escapes, each half would decode as a lone surrogate."""
    for piece in range(1, 30):
        monkeypatch.setattr(text_window, "PIECE", piece)
        for lead in range(14):
            value = "x" * lead + "😀" * 3 + "\\" * (lead % 3) + "𝄞"
            got, _ = copied(json.dumps([value]), 1)
            assert got == value


@pytest.mark.parametrize("text", ['"never closed', '"bad \\x escape"', "123", '"tab\there"'])
def test_what_is_not_a_json_string_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        copied(text, 0)


def test_decode_within_stops_at_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_window, "PIECE", 8)
    text = json.dumps(["a" * 100, "b"])
    window = TextWindow(io.StringIO(text))
    assert window.decode_within(1, 32) is None
    assert len(window.text) < 80  # not grown for the whole value
    assert window.decode_within(1, 0) == ("a" * 100, 103)
    assert window.decode_within(105, 32) == ("b", 108)
