"""Fixture-file tests for the article syntax: Markdown in, the HTML hooks out.

Each case in ``fixtures/syntax.md`` renders with the fixture data through
Python-Markdown with Material's extensions; its expected block lists the hooks
in page order (see ``helpers.hooks``). A second test checks that the
markdown-it-py scanner, which gives editors line numbers, finds exactly what the
page renders.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown_it.utils import read_fixture_file

from explainers.page.positions import scan
from explainers.page.syntax import CiteItem, Directive, parse_cite_group, parse_directive

from helpers import FIXTURES, hooks, render

CASES = read_fixture_file(FIXTURES / "syntax.md")


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_syntax(line: int, title: str, text: str, expected: str) -> None:
    html, _ = render(text)
    assert "\n".join(hooks(html)) + "\n" == expected


def rendered_refs(html: str) -> list[tuple[str, str]]:
    """What the page rendered from the article's own syntax, in page order."""
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for tag in soup.find_all(True):
        inside = any(
            p.has_attr("data-claim") or p.has_attr("data-post") or p.has_attr("data-sources")
            for p in tag.parents
            if p.name
        )
        if inside:
            continue
        if tag.name == "a" and tag.has_attr("data-cite"):
            out.append(("cite", tag["data-cite"]))
        elif tag.name == "a" and tag.has_attr("data-claim-ref"):
            out.append(("mention", tag["data-claim-ref"]))
        elif tag.has_attr("data-claim") and tag.get("id", "").startswith("claim-"):
            out.append(("claim", tag["data-claim"]))
        elif tag.has_attr("data-post"):
            out.append(("post", tag["data-post"]))
    return out


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_scanner_agrees_with_rendering(line: int, title: str, text: str, expected: str) -> None:
    html, _ = render(text)
    found = [(r.kind, r.id) for r in scan(text) if r.kind not in ("unconfirmed", "sources")]
    rendered = rendered_refs(html)
    if "[^1]:" in text:  # Python-Markdown moves footnote text to the end of the page
        assert sorted(found) == sorted(rendered)
    else:
        assert found == rendered


POSITIONS = [
    # kind, id, line, col (of the `@`, or of the first `:`), locator
    ("cite", "a", 1, 17, ""),
    ("cite", "b", 3, 14, ""),
    ("cite", "c", 4, 26, ""),
    ("cite", "d", 4, 30, "p. 4"),
    ("mention", "open", 4, 44, ""),
    ("cite", "a", 6, 11, ""),
    ("cite", "b", 7, 13, ""),
    ("cite", "c", 9, 14, ""),
    ("cite", "d", 10, 13, ""),
    ("cite", "a", 12, 14, ""),
    ("cite", "b", 15, 13, ""),
    ("claim", "closed", 17, 5, ""),
    ("cite", "c", 21, 10, ""),
    ("cite", "a", 25, 4, ""),
    ("cite", "b", 25, 13, ""),
    ("post", "post1", 27, 1, ""),
    ("unconfirmed", "", 28, 1, ""),
]


def test_scanner_positions_point_at_the_syntax() -> None:
    text = (FIXTURES / "positions.md").read_text("utf-8")
    refs = scan(text)
    assert [(r.kind, r.id, r.line, r.col, r.locator) for r in refs] == POSITIONS
    lines = text.split("\n")
    for ref in refs:  # and each position is where the syntax starts in the file
        at = lines[ref.line - 1][ref.col - 1 :]
        start = {"cite": "@", "mention": ":claim[", "claim": "::claim[", "post": "::post["}
        assert at.startswith(start.get(ref.kind, "::") + ref.id), (ref, at)


@pytest.mark.parametrize(
    ("inner", "items"),
    [
        ("@a", [CiteItem("a", "", 0)]),
        ("@a, p. 12", [CiteItem("a", "p. 12", 0)]),
        (
            "@a; @b, ch. 3;@c",
            [CiteItem("a", "", 0), CiteItem("b", "ch. 3", 4), CiteItem("c", "", 14)],
        ),
        ("@a ,  p. 2 ", [CiteItem("a", "p. 2", 0)]),
        ("@a.b-c_d", [CiteItem("a.b-c_d", "", 0)]),
        ("@", None),
        ("@ a", None),
        ("@a b", [CiteItem("a", "b", 0)]),  # Pandoc's locator without a comma
        ("@a; b", None),
        ("@a;", None),
        ("a", None),
        ("ab", None),
        ("@a; ab", None),
        (";".join(["@a"] * 50), [CiteItem("a", "", 3 * i) for i in range(50)]),
        (";".join(["@a"] * 51), None),
    ],
)
def test_parse_cite_group(inner: str, items: list[CiteItem] | None) -> None:
    assert parse_cite_group(inner) == items


@pytest.mark.parametrize(
    ("line", "directive"),
    [
        ("::claim[x]", Directive("claim", "x")),
        ("  ::post[p-1] \t", Directive("post", "p-1")),
        ("::unconfirmed", Directive("unconfirmed")),
        ("::sources", Directive("sources")),
        ("::claim[]", Directive("claim", "")),
        ("::claim[x] y", None),
        ("::claims[x]", None),
        (":claim[x]", None),
        ("::sources please", None),
        ("::claim[a b]", None),
    ],
)
def test_parse_directive(line: str, directive: Directive | None) -> None:
    assert parse_directive(line) == directive
