"""Where a citation gets its number (``explainers.page.numbering``): first use takes the
next number, reuse keeps it, and every spot gets its own anchor for the back-links."""

from __future__ import annotations

from explainers.page.numbering import Citations


def test_first_use_numbers_reuse_keeps_and_every_spot_has_an_anchor() -> None:
    cites = Citations()
    spots = [cites.cite(source) for source in ("b", "a", "b", "c", "b")]
    assert spots == [
        (1, "cite-b-1"),
        (2, "cite-a-1"),
        (1, "cite-b-2"),
        (3, "cite-c-1"),
        (1, "cite-b-3"),
    ]
    assert cites.in_order() == ["b", "a", "c"]
    assert cites.spots == {
        "b": ["cite-b-1", "cite-b-2", "cite-b-3"],
        "a": ["cite-a-1"],
        "c": ["cite-c-1"],
    }


def test_in_order_follows_the_numbers_not_the_names() -> None:
    cites = Citations(numbers={"z": 1, "m": 3, "a": 2})
    assert cites.in_order() == ["z", "a", "m"]
    assert cites.cite("new") == (4, "cite-new-1")
    assert Citations().in_order() == []
