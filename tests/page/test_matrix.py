"""``::matrix``: the page's boxed claims × the sources their evidence cites.

Each case in ``fixtures/matrix/cases.md`` renders with the fixture data; the
expected block is the matrix as text (``helpers.hooks`` lines for the rest of the
page would repeat ``test_syntax``): its header of source numbers, then one line per
claim row with each cell's ``data-stance`` (``-`` for an empty cell), then what a
screen reader hears in the first non-empty cell. The scanner must find the
directive where the page renders it.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown_it.utils import read_fixture_file

from explainers.page.positions import scan

from helpers import FIXTURES, render

CASES = read_fixture_file(FIXTURES / "matrix" / "cases.md")


def summary(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for matrix in soup.select("[data-matrix]"):
        heads = matrix.select("thead th[data-source]")
        out.append(
            "sources " + " ".join(f"{th['data-source']}={th.a.contents[-1]}" for th in heads)
        )
        for row in matrix.select("tbody tr"):
            cells = [td["data-stance"] or "-" for td in row.select("td")]
            assert len(cells) == len(heads)
            assert row.th.a["href"] == f"#claim-{row['data-claim']}"
            assert soup.select_one(f"#claim-{row['data-claim']}") is not None
            out.append(f"row {row['data-claim']}: " + " | ".join(cells))
        spoken = next(
            td.select_one(".xp-sr-only").get_text()
            for td in matrix.select("td")
            if td["data-stance"]
        )
        out.append(f"spoken {spoken}")
    for string in soup.find_all(string=True):
        if "::" in string and string.parent.name != "code":
            out.append(f"text {string.strip()}")
    return "\n".join(out) + "\n" if out else ""


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_matrix(line: int, title: str, text: str, expected: str) -> None:
    lang = "nb" if "lang: nb" in title else "en"
    html, _ = render(text, lang=lang)
    assert summary(html) == expected


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_scanner_finds_the_rendered_matrix(line: int, title: str, text: str, expected: str) -> None:
    found = [r.kind for r in scan(text) if r.kind == "matrix"]
    html, _ = render(text)
    rendered = BeautifulSoup(html, "html.parser").select("[data-matrix]")
    assert len(found) >= len(rendered)
    assert bool(found) == bool(rendered) or "no boxes" in title
