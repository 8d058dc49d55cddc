"""A citation's locator as the page shows it (``explainers.page.locator``): emphasis,
strong and code are markup, as Pandoc has it; links, raw HTML and entities stay text."""

from __future__ import annotations

from html import escape

import pytest

from explainers.page.locator import (
    Locator,
    Piece,
    from_article,
    from_data,
    has_markup,
    is_piece_char,
    piece_char,
)

CASES = [
    ("p. 4", "p. 4", "p. 4"),
    ("pp. 33-35 and *passim*", "pp. 33-35 and <em>passim</em>", "pp. 33-35 and passim"),
    ("**table 2**, `col_b`", "<strong>table 2</strong>, <code>col_b</code>", "table 2, col_b"),
    (r"\*not emphasis\*", "*not emphasis*", "*not emphasis*"),
    (
        "<b>s.</b> & [a](https://x.example) *i*",
        "&lt;b&gt;s.&lt;/b&gt; &amp; [a](https://x.example) <em>i</em>",
        "<b>s.</b> & [a](https://x.example) i",
    ),
    ("ch. `<x>` _y_", "ch. <code>&lt;x&gt;</code> <em>y</em>", "ch. <x> y"),
    ("a <b> with no markup", "a &lt;b&gt; with no markup", "a <b> with no markup"),
]


@pytest.mark.parametrize(("text", "html", "plain"), CASES, ids=[c[0] for c in CASES])
def test_a_data_file_locator(text: str, html: str, plain: str) -> None:
    assert from_data(text, escape) == Locator(html, plain)


def test_markup_is_only_what_may_start_it() -> None:
    assert [has_markup(t) for t in ("p. 4", "a*b", "a_b", "a`b", "a\\b", "<i>")] == [
        False,
        True,
        True,
        True,
        True,
        False,
    ]


def test_an_article_locator_puts_its_pieces_back() -> None:
    """An article's code spans and escapes were rendered by Python-Markdown already:
    they come in as pieces, stand in the text as private-use characters, and go back
    in place, in the HTML and in the plain text."""
    code = Piece("<code>&lt;t&gt;</code>", "<t>")
    star = Piece("*", "*")
    text = f"see {piece_char(0)} and *{piece_char(1)}fig*<"
    assert from_article(text, [code, star], escape) == Locator(
        "see <code>&lt;t&gt;</code> and <em>*fig</em>&lt;", "see <t> and *fig<"
    )
    # an article never parses escapes or code itself: they are pieces by then
    assert from_article("`a` \\*", [], escape) == Locator("`a` \\*", "`a` \\*")
    assert from_article("p. <4>", [], escape) == Locator("p. &lt;4&gt;", "p. <4>")


def test_piece_characters_are_a_bounded_private_range() -> None:
    first, last = piece_char(0), piece_char(0xFFF)
    assert (first, last) == ("\ue000", chr(0xEFFF))
    assert piece_char(0x1000) is None
    assert [is_piece_char(c) for c in (first, last, chr(0xDFFF), chr(0xF000), "a")] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_backslash_at_a_line_end_is_a_space() -> None:
    """In a data file's locator ``\\`` before a line break is Markdown's hard break: a
    locator is one line, so it shows as a space (a plain line break stays as written)."""
    assert from_data("pp. 3\\\n*4*", escape) == Locator("pp. 3 <em>4</em>", "pp. 3 4")


def test_a_private_use_character_that_is_no_piece_stays_text() -> None:
    piece = Piece("<code>x</code>", "x")
    assert from_article(f"a{piece_char(1)}*b*", [piece], escape) == Locator(
        f"a{piece_char(1)}<em>b</em>", f"a{piece_char(1)}b"
    )
    assert from_article("", [piece], escape) == Locator("", "")
