"""YAML fields as Markdown: the fast path for plain text gives markdown-it's own output."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainers.page import field_markdown as fieldmd

#: plain prose, digits, quotes, brackets of the harmless kind, line breaks and blank lines
prose = st.text(alphabet="ab Z.,;:?'\"\n 1)(/é’–#-*_&<", max_size=120)


@settings(max_examples=3000, deadline=None)
@given(prose)
def test_plain_text_renders_as_markdown_it_renders_it(text: str) -> None:
    fast = fieldmd._plain_block(text)
    if text and fast is not None:
        assert fast == fieldmd._MD.render(text).strip()
    joined = " ".join(text.split())
    if joined:
        assert fieldmd.inline(text) == fieldmd._MD.renderInline(joined)
        assert fieldmd.block(text) == fieldmd._MD.render(text).strip()
    visible = "".join(  # plain(): the text of the parsed tokens
        child.content if child.type in ("text", "code_inline") else " "
        for token in fieldmd._MD.parseInline(joined)
        for child in token.children or []
        if child.type in ("text", "code_inline", "softbreak", "hardbreak")
    )
    assert fieldmd.plain(text) == visible


def test_the_fast_path_is_taken_for_plain_prose_only() -> None:
    assert fieldmd._plain_block("One line.\nTwo lines.\n\nA paragraph.") == (
        "<p>One line.\nTwo lines.</p>\n<p>A paragraph.</p>"
    )
    for markup in ("- a list", "*em*", "1. item", "  indented", "a  \nbreak", "# head", "a &amp;"):
        assert fieldmd._plain_block(markup) is None, markup


def test_every_claim_of_a_large_site_is_remembered() -> None:
    """A build reads each claim's text in turn, more than once (the claims index, its
    data file, each claim's page): a cache smaller than 10,000 claims never hits."""
    texts = [f"Claim number {n} about the border." for n in range(20_000)]
    for render in (fieldmd.plain, fieldmd.inline):
        render.cache_clear()
        for text in texts:
            render(text)
        before = render.cache_info().hits
        for text in texts:
            render(text)
        assert render.cache_info().hits - before == len(texts)
