"""page.link_positions: a rendered link is reported where the page's text spells it."""

from __future__ import annotations

from explainers.page.link_positions import place_links


def test_links_placed_where_the_text_spells_them() -> None:
    text = "---\ntitle: a.md\n---\n\n[one](a.md) and [two](a.md)\n\n[ref]\n\n[ref]: b.md\n"
    assert place_links("[d](data.md) [a](a.md)", ["data.md", "a.md"]) == [
        ("data.md", 1, 5),
        ("a.md", 1, 18),
    ], "a url is found whole, not inside another"
    assert place_links(text, ["a.md", "a.md", "b.md", "missing"]) == [
        ("a.md", 5, 7),
        ("a.md", 5, 23),
        ("b.md", 9, 8),
        ("missing", 5, 1),  # the body's first line
    ]
