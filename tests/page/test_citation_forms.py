"""Pandoc's citation forms: prefix and suffix, a locator without a comma, ``[-@id]``.

Each case in ``fixtures/citations/forms.md`` renders the paragraph exactly; the
same cases check that the scanner finds the ids the page renders, each at its ``@``.
"""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown_it.utils import read_fixture_file

from explainers.page.extension import ExplainersExtension, PageContext, id_attrs
from explainers.page.positions import scan
from explainers.page.syntax import CiteItem, parse_cite_group

from helpers import FIXTURES, MATERIAL_EXTENSIONS, fixture_site, render

CASES = read_fixture_file(FIXTURES / "citations" / "forms.md")


def first_paragraph(html: str) -> str:
    return re.split(r"\n\n|<section", html, maxsplit=1)[0].strip()


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_rendering(line: int, title: str, text: str, expected: str) -> None:
    html, _ = render(text)
    assert first_paragraph(html) + "\n" == expected


class _Release(Treeprocessor):
    def run(self, root) -> None:
        self.md.treeprocessors["inline"].stashed_nodes = {}


class ReleaseInlineStash(Extension):
    """What Markdown 3.11.4 does at the end of its inline run: it lets go of the nodes it
    put aside (code spans, escapes, raw HTML), before the explainers tree processor runs."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Release(md), "release_inline_stash", 17)  # inline: 20


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_rendering_when_the_inline_run_lets_go_of_its_stash(
    line: int, title: str, text: str, expected: str
) -> None:
    """Locators' code spans and escapes, and ids with placeholders, resolve from the stash
    their match was made in, whichever Markdown release lets go of it when."""
    ext = ExplainersExtension(site=fixture_site(), lang="en")
    ext.page = PageContext(lang="en", src_uri="page.md")
    html = markdown.markdown(
        text,
        extensions=[ext, ReleaseInlineStash(), *MATERIAL_EXTENSIONS],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    assert first_paragraph(html) + "\n" == expected


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_scanner_finds_each_id_at_its_at_sign(
    line: int, title: str, text: str, expected: str
) -> None:
    html, _ = render(text)
    rendered = [a["data-cite"] for a in BeautifulSoup(html, "html.parser").select("p a[data-cite]")]
    refs = scan(text)
    assert [r.id for r in refs] == rendered
    for ref in refs:
        assert text.split("\n")[ref.line - 1][ref.col - 1 :].startswith("@" + ref.id)


def test_the_grammar() -> None:
    assert parse_cite_group("see @a, p. 3; also -@b") == [
        CiteItem("a", "p. 3", 4, "see"),
        CiteItem("b", "", 20, "also"),
    ]
    assert parse_cite_group("@a p. 3") == [CiteItem("a", "p. 3", 0)]
    # a prefix of several words keeps them, one space apart however they were spaced
    assert parse_cite_group("see  also\n @a") == [CiteItem("a", "", 11, "see also")]
    assert parse_cite_group(" @a , ch. 3 ; @b") == [
        CiteItem("a", "ch. 3", 1),
        CiteItem("b", "", 14),
    ]
    for not_a_group in ("@ a", "@a;", "; @a", "me@a", "see@a", "-@", "@"):
        assert parse_cite_group(not_a_group) is None, not_a_group


def test_finished_citations_keep_their_place_and_markup() -> None:
    """Numbered citations leave the tree as finished HTML (the tree processors after ours
    need not walk them): each stays where it stood, between the text around it, inside
    its group's span (which attr_list can still style)."""
    html, _ = render("[@a] first, *then* [@b, p. 2]{: .big} and [see @a; also @b] last.")
    paragraph = html.split("\n")[0]
    assert paragraph == (
        '<p><span class="xp-cites" data-search-exclude="">'
        '<a class="footnote-ref xp-cite" data-cite="a" '
        'href="#source-a" id="cite-a-1">[1]</a></span> first, <em>then</em> '
        '<span class="xp-cites big" data-search-exclude=""><a class="footnote-ref xp-cite" data-cite="b" '
        'href="#source-b" id="cite-b-1">[2, p. 2]</a></span> and '
        '<span class="xp-cites" data-search-exclude="">[see <a class="footnote-ref xp-cite" data-cite="a" '
        'href="#source-a" id="cite-a-2">1</a>; also <a class="footnote-ref xp-cite" '
        'data-cite="b" href="#source-b" id="cite-b-2">2</a>]</span> last.</p>'
    )
    # after an element of the group's own (emphasis in a prefix)
    html, _ = render("Text [see *this* @a, p. 3] end.")
    assert html.split("\n")[0] == (
        '<p>Text <span class="xp-cites" data-search-exclude="">[see <em>this</em> <a class="footnote-ref xp-cite" '
        'data-cite="a" href="#source-a" id="cite-a-1">1</a>, p. 3]</span> end.</p>'
    )


def test_a_citation_in_a_heading_reads_as_its_number_in_ids_and_the_toc() -> None:
    """toc runs after the citations became finished HTML: it must still read "[1]"."""
    import markdown

    from explainers.page.extension import ExplainersExtension, PageContext

    from helpers import MATERIAL_EXTENSIONS, fixture_site

    ext = ExplainersExtension(site=fixture_site(), lang="en")
    ext.page = PageContext(lang="en", src_uri="page.md")
    md = markdown.Markdown(
        extensions=[ext, *MATERIAL_EXTENSIONS],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    html = md.convert("## Heading [@a] *x*\n\nText.")
    assert html.startswith(
        '<h2 id="heading-1-x">Heading <span class="xp-cites" data-search-exclude="">'
    )
    heading = md.toc_tokens[0]  # type: ignore[attr-defined]
    assert (heading["id"], heading["name"]) == ("heading-1-x", "Heading [1] x")


def test_the_ids_a_box_holds() -> None:
    """What MkDocs' anchor check is told the raw HTML holds: ``id`` attributes only."""
    html = (
        '<section id="claim-a" data-id="no">\n<p\tid="t-1" x="y id=&quot;no&quot;">'
        '<a href="#claim-a" aria-describedby="no" id="">a</a>id="no"</p></section>'
    )
    assert id_attrs(html) == ["claim-a", "t-1"]
    assert id_attrs('id="at-the-start"') == []


LOCATORS = read_fixture_file(FIXTURES / "citations" / "locators.md")
_LINK = r'<a class="footnote-ref xp-cite" data-cite="{}"[^>]*>(.*?)</a>'


@pytest.mark.parametrize(
    ("line", "title", "locator", "expected"), LOCATORS, ids=[c[1] for c in LOCATORS]
)
def test_a_locator_renders_alike_in_the_text_and_in_a_box(
    line: int, title: str, locator: str, expected: str
) -> None:
    """Emphasis, strong and code in a locator, after ``@id`` in an article and in a box's
    evidence (the YAML ``locator`` field): the same HTML in the link."""
    locator, expected = locator.rstrip("\n"), expected.rstrip("\n")
    site = fixture_site()
    site.claims["closed"].evidence[0].locator = locator  # its evidence cites source d
    html, ext = render(f"Text [@a, {locator}].\n\n::claim[closed]\n", site=site)
    assert re.findall(_LINK.format("a"), html) == [f"[1, {expected}]"]
    assert re.findall(_LINK.format("d"), html) == [f"[2, {expected}]"]
    # what the check reports is the text the reader sees
    shown = BeautifulSoup(expected, "html.parser").get_text()
    assert [r.locator for r in ext.result.refs if r.kind == "cite"] == [shown]
