"""The effect of every plugin option, on copies of the reader site: one build with the
defaults (the session's ``reader`` site), one with each option changed, one disabled."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import SITES
from sitebuild import build, log_lines

pytestmark = pytest.mark.build  # every test here starts a process

CHANGED = """      claim_pages: false
      publish_schemas: false
      atomic_build: false
      cache: false
      assets: false
      publisher: Factdesk
      labels: {en: {sources: References, verdict: Rating}}
      renderer: loud:LoudRenderer
"""
LOUD = """from explainers import Renderer


class LoudRenderer(Renderer):
    def citation_text(self, number: int, locator: str = "") -> str:
        return f"({number})"
"""


def configured(tmp: Path, options: str) -> Path:
    root = tmp / "site-src"
    shutil.copytree(SITES / "reader", root)
    (root / "loud.py").write_text(LOUD, "utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "      sources_dir: content/sources\n", "      sources_dir: content/sources\n" + options
    )
    # generated pages are gone with claim_pages: false, so drop them from nav
    text = text.replace("  - Claims: claims/index.md\n  - Sources: sources/index.md\n", "")
    config.write_text(text, "utf-8")
    return root


def review_of(site: Path, claim_id: str) -> tuple[str, dict] | tuple[None, None]:
    """(page, ClaimReview) of a claim: its one full review on the site, wherever it is."""
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for script in soup.select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            if data["@type"] == "ClaimReview" and data["@id"].endswith(f"#claim-{claim_id}"):
                return path.parent.relative_to(site).as_posix() + "/", data
    return None, None


def observe(root: Path, inode_before: int) -> dict[str, object]:
    site = root / "site"
    soup = BeautifulSoup((site / "en/bounties/index.html").read_text("utf-8"), "html.parser")
    home, review = review_of(site, "tiered-bounties")
    return {
        "claim_pages": (site / "claims/index.html").exists(),
        "sources_index": (site / "sources/index.html").exists(),
        "publish_schemas": (site / "schemas/claims.schema.json").exists(),
        "assets": bool(soup.select('link[href$="assets/explainers/explainers.css"]')),
        # without claim pages the review lives on the first article that boxes the claim
        "review_home": home,
        "publisher": review["author"]["name"] if review else None,
        "labels": [
            *[h.get_text().rstrip("¶") for h in soup.select("article section > h2")][-1:],
            label.get_text() if (label := soup.select_one(".xp-claim__verdict-label")) else None,
        ],
        "renderer": cite.get_text() if (cite := soup.select_one("a[data-cite]")) else None,
        "raw_syntax_shown": "::claim[tiered-bounties]" in soup.select_one("article").get_text(),
        "atomic_build": os.stat(site).st_ino != inode_before,
        "data_published": sorted(p.name for p in site.rglob("*.yml")),
        "cache": (root / ".explainers_cache").is_dir(),
        "feeds": [
            name for name in ("claimreviews.json", "verdicts.atom") if (site / name).is_file()
        ],
        "scripts": [
            s["src"] for s in soup.select("script[src]") if "assets/explainers/" in s["src"]
        ],
    }


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            "",
            {
                "claim_pages": True,
                "sources_index": True,
                "publish_schemas": True,
                "assets": True,
                "publisher": "Reader test",
                "labels": ["Sources", "Verdict:"],
                "renderer": "[1]",
                "raw_syntax_shown": False,
                "atomic_build": True,
                "data_published": [],
                "review_home": "claims/tiered-bounties/",
                "cache": True,
                "feeds": ["claimreviews.json", "verdicts.atom"],
                "scripts": [
                    "../../assets/explainers/explainers.js",
                    "../../assets/explainers/lang.js",
                ],
            },
        ),
        (
            CHANGED,
            {
                "claim_pages": False,
                "sources_index": False,
                "publish_schemas": False,
                "assets": False,
                "publisher": "Factdesk",
                "labels": ["References", "Rating:"],
                "renderer": "(1)",
                "raw_syntax_shown": False,
                "atomic_build": False,
                "data_published": [],
                "review_home": "en/bounties/",
                "cache": False,
                "feeds": ["claimreviews.json", "verdicts.atom"],
                "scripts": [],
            },
        ),
        (
            "      enabled: false\n",
            {
                "claim_pages": False,
                "sources_index": False,
                "publish_schemas": False,
                "assets": False,
                "publisher": None,
                "labels": [None],
                "renderer": None,
                "raw_syntax_shown": True,
                "atomic_build": False,
                "data_published": [],
                "review_home": None,
                "cache": False,
                "feeds": [],
                "scripts": [],
            },
        ),
    ],
    ids=["defaults", "every-option-changed", "disabled"],
)
def test_option_effects(tmp_path: Path, options: str, expected: dict[str, object]) -> None:
    root = configured(tmp_path, options)
    (root / "site").mkdir()
    inode = os.stat(root / "site").st_ino
    result = build(root, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log_lines(result, "ERROR") == []
    assert observe(root, inode) == expected
