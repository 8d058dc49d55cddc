"""The early pattern: citations and mentions taken before the link patterns see them,
with the very markup the patterns at their usual place make."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import InlineProcessor, LinkInlineProcessor

from explainers.page.early_inline import EARLY
from explainers.page.extension import ExplainersExtension, RenderedRef

from helpers import FIXTURES, MATERIAL_EXTENSIONS

OPTIONS = {"base_dir": str(FIXTURES / "data"), "claims_dir": "claims", "sources_dir": "sources"}

#: our syntax next to, inside and around what the patterns between take
CASES = [
    "Text [@a]. See also :claim[open].",
    ":claim[open] first, then [@a, p. 3] and [@c; @b, pp. 2-4].",
    "[@a]:claim[open] and :claim[closed][@c]",
    "[@a](https://example.org) is a link, [@c] is not.",
    ":claim[open](https://example.org) is a link.",
    "[@a] [ref] and [@c][ref] and [@b][]\n\n[ref]: https://example.org\n",
    "[@a]\n[ref] across a line\n\n[ref]: https://example.org\n",
    "A reference named so: [@a], and [@c].\n\n[@a]: https://example.org\n",
    "A claim named so: :claim[open], and [@c].\n\n[open]: https://example.org\n",
    "![@a](img.png) and ![@c] and [@b]",
    "[see [@a] here](https://example.org) then [@c]",
    '<span title="[@a]">x</span> [@c] and <b>[@b]</b>',
    "<https://example.org/[@a]> and <me[@a]x@example.org> and [@c]",
    "[@a, <b>p. 3</b>] and [@c, p. <i>4</i>]",
    "[see @a, p. 3] and [@c] and [-@b; also @a]",
    "[@a]{ .note } and [@c] { .x }",
    ":claim[@a] and :claim[a@b;] and [@c]",
    "\\:claim[open] and \\::claim[open] and \\[@a] and [@c\\]]",
    "`[@a]` and ``:claim[open]`` and [@c]",
    "*[@a]* and **:claim[open]** and _[@c, p. *2*]_",
    "Text [@a]  \nnext [@c]",
    "x [@a] [^1]\n\n[^1]: A note [@c] :claim[open].\n",
    "| a | b |\n|---|---|\n| [@a] :claim[open] | [@c, p. 1] |\n",
    "[@a; @c, p. 3] [@unknown] :claim[nothing] [@ a] [@a;] [@a, p. 1 &amp; 2]",
    "!!! note\n    In an admonition [@a] and :claim[open].\n",
    "# Heading [@a] :claim[open]\n\nText [@c].\n",
    "[[@a]] and [x] [@c] and [@b]]",
    "![an image, [@a] in its text](img.png) and ![:claim[open]](img.png) and [@c]",
    "me@example.org [@a] x:claim[open]",
]


def convert(text: str, early: bool = True) -> tuple[str, list[RenderedRef]]:
    ext = ExplainersExtension(**OPTIONS)
    md = markdown.Markdown(extensions=[*MATERIAL_EXTENSIONS, ext])
    if not early:
        md.inlinePatterns.deregister(EARLY)
    return md.convert(text), ext.result.refs


@pytest.mark.parametrize("text", CASES)
def test_the_early_pattern_renders_what_the_late_ones_do(text: str) -> None:
    assert convert(text) == convert(text, early=False)


def test_a_paragraph_of_our_syntax_leaves_the_link_patterns_nothing_to_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each ``[`` of a paragraph makes each link pattern scan the paragraph a character
    at a time; our citations and mentions are out of the text before they look."""
    scanned: list[str] = []
    find = LinkInlineProcessor._findBracketEnds

    def counted(data: str) -> list[int | None]:
        scanned.append(data)
        return find(data)

    monkeypatch.setattr(LinkInlineProcessor, "_findBracketEnds", staticmethod(counted))
    html, refs = convert("Text [@a]. See :claim[open]. More [@c, p. 2].\n\n::claim[open]\n")
    assert scanned == []
    assert [(r.kind, r.id) for r in refs] == [
        ("cite", "a"),
        ("mention", "open"),
        ("cite", "c"),
        ("claim", "open"),
    ]
    assert 'data-cite="a"' in html and 'data-claim-ref="open"' in html
    html, _ = convert("A [link](https://example.org) [@a].")
    assert scanned and '<a href="https://example.org">link</a>' in html  # left to them


class Bang(InlineProcessor):
    """Another extension's pattern, between the early and the late ones."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return self.md.htmlStash.store("<b>bang</b>"), m.start(0), m.end(0)


def test_another_extensions_pattern_between_has_our_syntax_first_as_before() -> None:
    """A pattern the early one knows nothing of sits between: it stands aside, and that
    pattern takes what it takes before ours, as it did before the early one was there."""
    ext = ExplainersExtension(**OPTIONS)
    md = markdown.Markdown(extensions=[ext])
    md.inlinePatterns.register(Bang(r"\[@a\]", md), "bang", 100)
    html = md.convert("Text [@a] and [@c] and :claim[open].")
    assert "<b>bang</b>" in html and 'data-cite="a"' not in html
    assert 'data-cite="c"' in html and 'data-claim-ref="open"' in html


#: pieces of our syntax and of what the patterns between take, joined at random below
# fmt: off
PIECES = [
    "[@a]", "[@c; @b, p. 3]", "[see @a]", ":claim[open]", ":claim[closed]", "[@a",
    "[", "]", "(", ")", "(https://example.org)", "<", ">", "<b>", "</b>",
    "<https://example.org>", "me@example.org", "!", "\\", "`", "*", "_", "{ .x }",
    "[ref]", "[^1]", "@a", ":", ";", " ", "  \n", "\n", "x", "p. 2", "&amp;",
]
# fmt: on
REFS = "\n\n[ref]: https://example.org\n[@a]: https://example.org/a\n\n[^1]: Note [@c].\n"


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14), st.booleans())
def test_random_mixes_render_as_without_the_early_pattern(pieces: list[str], refs: bool) -> None:
    """Any mix of our syntax with links, images, raw HTML, autolinks, escapes, code,
    emphasis, references and footnotes renders and references exactly as the patterns at
    their usual place make it: the early pattern only ever takes what they would."""
    text = "".join(pieces) + (REFS if refs else "\n")
    assert convert(text) == convert(text, early=False), text
