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

from explainers.scan import scan

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


def test_scanner_positions_point_at_the_syntax() -> None:
    text = (FIXTURES / "positions.md").read_text("utf-8")
    lines = text.split("\n")
    refs = scan(text)
    assert refs, "positions fixture found nothing"
    for ref in refs:
        at = lines[ref.line - 1][ref.col - 1 :]
        expected = {"cite": "@", "mention": ":claim[", "claim": "::claim[", "post": "::post["}.get(
            ref.kind, "::"
        )
        assert at.startswith(expected + (ref.id if ref.kind != "cite" else "")[:0]), (ref, at)
        if ref.kind == "cite":
            assert at.startswith("@" + ref.id), (ref, at)
        elif ref.id:
            assert ref.id in at, (ref, at)
