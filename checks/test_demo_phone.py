"""The demo on a phone: no page scrolls sideways at 320 or 375 px (a wide table, the
matrix, scrolls inside its own box). Run by ``make check``; the test suite checks its
own fixture sites the same way (``tests/test_verdicts_browser.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import browser_page, serve
from sitebuild import build

REPO = Path(__file__).resolve().parent.parent
#: the narrowest phones in use, and the most common width
PHONES = [320, 375]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo-phone")
    for name in ("content", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.mark.parametrize("width", PHONES)
def test_no_demo_page_scrolls_sideways(demo: Path, width: int) -> None:
    pages = sorted(p.parent.relative_to(demo).as_posix() + "/" for p in demo.rglob("index.html"))
    assert len(pages) >= 10
    wider = []
    with serve(demo) as base, browser_page(viewport={"width": width, "height": 700}) as page:
        for url in pages:
            page.goto(base + ("" if url == "./" else url), wait_until="load")
            over = page.evaluate(
                "Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)"
            )
            if over:
                wider.append((url, over))
    assert wider == []
