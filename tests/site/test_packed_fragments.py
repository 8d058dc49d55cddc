"""The box HTML only the claim pages read again, packed once the articles are rendered
(:mod:`explainers.site.packed_fragments`): found as the plain memo found it, held
smaller, stored for the next build as before."""

from __future__ import annotations

import zlib
from typing import Any

import pytest

from explainers.data.cache import Cache
from explainers.page.renderer import Renderer
from explainers.site import fragment_cache
from explainers.site import packed_fragments as packed


class Other(Renderer):
    pass


def a_memo(claims: int = 100) -> dict[tuple[Any, ...], Any]:
    """Box heads and tails of ``claims`` claims (alike, as a site's boxes are), two
    references, a repeated box's head, another renderer's and a non-fragment."""
    memo: dict[tuple[Any, ...], Any] = {}
    for n in range(claims):
        head = (
            f'<div class="xp-claim" id="claim-c{n}"><p class="xp-claim__text">Claim {n}’s text.</p>'
        )
        memo[(Renderer, "en", "box-head", f"c{n}", True)] = head.encode("utf-8")
        memo[(Renderer, "en", "box-tail", f"c{n}", True)] = f"<footer>c{n}</footer></div>".encode()
    memo[(Renderer, "en", "box-head", "c1", False)] = b'<div class="xp-claim">again</div>'
    memo[(Renderer, "en", "reference", "s1")] = b"<li>Source one</li>"
    memo[(Renderer, "nb", "reference", "s2")] = b"Kilde to"
    memo[(Other, "en", "box-head", "c0", True)] = b"<div>other</div>"
    memo[("source-ids",)] = "not a fragment"
    return memo


def test_every_fragment_is_found_as_the_plain_memo_found_it_and_held_smaller() -> None:
    memo = a_memo()
    found = packed.pack(memo)
    for key, value in memo.items():
        assert found.get(key) == value, key
    assert found.get((Renderer, "en", "box-head", "c999", True)) is None
    assert found.get((Renderer, "en", "box-head", "c999", True), b"x") == b"x"
    # what is left plain: references and anything not a box's head or tail
    plain = [key for key in dict.keys(found) if len(key) == 5 and key[2] in packed.PACKED]
    assert plain == []
    boxes = sum(len(v) for k, v in memo.items() if len(k) == 5 and k[2] in packed.PACKED)
    assert sum(len(run[2]) for run in found.runs) * 3 < boxes
    assert dict(found.every()) == memo
    # the claim pages read the boxes in claim-id order: each run is decompressed once
    reads: list[int] = []
    real = packed.zlib.decompress
    try:
        packed.zlib.decompress = lambda data: reads.append(1) or real(data)  # type: ignore[assignment]
        for n in sorted(f"c{n}" for n in range(100)):
            found.get((Renderer, "en", "box-head", n, True))
            found.get((Renderer, "en", "box-tail", n, True))
    finally:
        packed.zlib.decompress = real
    assert len(reads) == len(found.runs) == -(-100 // packed.RUN)


def test_what_is_stored_later_is_kept_and_packing_again_keeps_both() -> None:
    found = packed.pack(a_memo(3))
    key = (Renderer, "en", "box-head", "c7", True)
    assert found.setdefault(key, b"<div>new</div>") == b"<div>new</div>"
    first = (Renderer, "en", "box-head", "c0", True)
    assert found.setdefault(first, b"not this") == a_memo(3)[first]  # packed: not stored twice
    assert first not in dict.keys(found)
    again = packed.pack(found)
    assert dict(again.every()) == {**a_memo(3), key: b"<div>new</div>"}
    again.clear()
    assert dict(again.every()) == {} and again.get(first) is None


def test_a_packed_memo_is_stored_whole_and_left_unread_when_nothing_is_new(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``fragment_cache.save`` counts packed fragments without decompressing them: a
    warm build (nothing new) reads none; a build that made one more stores them all."""

    class FakeSite:
        memo: dict[tuple[Any, ...], Any]

    site = FakeSite()
    site.memo = packed.pack(a_memo())
    mine = sum(1 for k, v in a_memo().items() if k[0] is Renderer and isinstance(v, bytes))
    cache = Cache()
    monkeypatch.setattr(zlib, "decompress", lambda data: pytest.fail("read"))
    assert fragment_cache.save(site, cache, "k", Renderer, mine) == mine  # type: ignore[arg-type]
    assert cache.get(fragment_cache.SPACE, "k") is None
    monkeypatch.undo()
    site.memo[(Renderer, "en", "box-head", "c500", True)] = b"<div>new</div>"
    assert fragment_cache.save(site, cache, "k", Renderer, mine) == mine + 1  # type: ignore[arg-type]
    stored = cache.get(fragment_cache.SPACE, "k")
    assert len(stored) == mine + 1
    assert [
        "en",
        "box-head",
        "c0",
        True,
        a_memo()[(Renderer, "en", "box-head", "c0", True)].decode(),
    ] in stored
