"""Freed memory handed back to the system: glibc's ``malloc_trim``, and nothing where the
C library has no such function."""

from __future__ import annotations

import ctypes
import platform
from typing import Any

import pytest

from explainers.site import heap


class _NoTrim:
    """A C library without ``malloc_trim`` (macOS's, musl's)."""

    def __init__(self, name: str | None) -> None:
        self.name = name


def _missing(name: str | None) -> Any:
    raise OSError(f"{name}: cannot open shared object file")


def _windows(name: str | None) -> Any:
    raise TypeError("expected str, bytes or os.PathLike object, not NoneType")


@pytest.mark.parametrize("library", [_NoTrim, _missing, _windows])
def test_no_trim_where_the_c_library_has_none(monkeypatch: pytest.MonkeyPatch, library) -> None:
    monkeypatch.setattr(ctypes, "CDLL", library)
    assert heap.find_trim() is None
    monkeypatch.setattr(heap, "_trim", heap.find_trim())
    assert heap.give_back() is False


def test_give_back_calls_the_trim_with_no_padding(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(heap, "_trim", lambda pad: calls.append(pad) or 1)
    assert heap.give_back() is True
    assert calls == [0]


def test_glibc_has_the_trim() -> None:
    found = heap.find_trim()
    if platform.libc_ver()[0] == "glibc":
        assert found is not None
        assert found(0) in (0, 1)  # 1: memory was returned
        assert heap.give_back() is True
    else:  # pragma: no cover - not this project's machine
        assert heap.give_back() is (found is not None)
