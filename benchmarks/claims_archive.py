"""A site whose claims index is an archive: N claims over every verdict, 40 claimants,
five tags, two languages and about three years, from a fixed seed; two articles box a
few of them. The claims filter's browser tests build it small; ``bench_claims.py``
builds it with 10,000 claims.

``python benchmarks/claims_archive.py OUT_DIR N`` writes one such site.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

STATUSES = ("confirmed", "partly-confirmed", "unconfirmed", "disputed", "false")
SETTLED = {"confirmed", "false"}
TAGS = ("economy", "health", "borders", "energy", "crime")
WORDS = [
    "the",
    "ministry",
    "said",
    "officers",
    "networks",
    "payments",
    "attacks",
    "records",
    "reporters",
    "officials",
    "intelligence",
    "researchers",
    "figures",
    "assessment",
    "suspects",
    "border",
    "fuel",
    "prices",
    "hospital",
    "waiting",
    "lists",
    "doubled",
    "halved",
    "since",
    "last",
    "year",
    "according",
    "to",
]
NEWEST = dt.date(2026, 11, 30)
PER_FILE = 1000

SITE_URL = "https://archive.example.org/"
MKDOCS_YML = f"""\
site_name: Claims archive
site_url: {SITE_URL}
docs_dir: content
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.instant
plugins:
  - search
  - explainers:
      claims_dir: content/claims
      sources_dir: content/sources
      standalone_claims: true  # an archive: most claims have only their own page
markdown_extensions:
  - attr_list
  - footnotes
  - md_in_html
  - toc:
      permalink: true
extra_css:
  - assets/site.css
nav:
  - Home: index.md
  - en/report.md
  - nb/rapport.md
  - Claims: claims/index.md
  - Sources: sources/index.md
"""

# What a site adds on top of Material for a readable footer (as the demo does).
SITE_CSS = (
    ".md-footer-meta, .md-copyright, .md-copyright__highlight, .md-footer-meta a { color: #fff; }\n"
)

SOURCES_YML = """\
sources:
  - id: record
    title: The public record
    publisher: Archive office
    date: 2025-01-02
    type: report
    url: https://records.example.org/public
"""


def claims(n: int, seed: int = 26) -> list[dict[str, Any]]:
    """The claims, as their YAML fields: the expectations of tests come from here too."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        claim: dict[str, Any] = {
            "id": f"claim-{i:05d}",
            "claim": " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + ".",
            "claimant": f"Speaker {rng.randrange(40):02d}",
            "date": (NEWEST - dt.timedelta(days=rng.randrange(1100))).isoformat(),
            "status": status,
            "tags": sorted(rng.sample(TAGS, rng.randint(1, 2))),
            "lang": "nb" if i % 3 == 2 else "en",
            "evidence": [{"source": "record", "stance": "context"}],
        }
        if status not in SETTLED:
            claim["missing"] = ["A record that settles it."]
        out.append(claim)
    return out


def _yaml(items: list[dict[str, Any]]) -> str:
    lines = ["claims:"]
    for c in items:
        lines += [
            f"  - id: {c['id']}",
            f"    claim: {c['claim']}",
            f"    claimant: {c['claimant']}",
            f"    date: {c['date']}",
            f"    status: {c['status']}",
            f"    tags: [{', '.join(c['tags'])}]",
            f"    lang: {c['lang']}",
            "    evidence:",
            "      - source: record",
            "        stance: context",
        ]
        if "missing" in c:
            lines += ["    missing:", f"      - {c['missing'][0]}"]
        # published with its verdict on its own date: a claim without history is a warning
        lines += ["    history:", f"      - date: {c['date']}", f"        status: {c['status']}"]
    return "\n".join(lines) + "\n"


def make_archive(root: Path, n: int) -> list[dict[str, Any]]:
    """Write the site under ``root``; the claims it holds."""
    items = claims(n)
    content = root / "content"
    for folder in ("claims", "sources", "en", "nb", "assets"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (content / "assets" / "site.css").write_text(SITE_CSS, "utf-8")
    (content / "sources" / "sources.yml").write_text(SOURCES_YML, "utf-8")
    for start in range(0, len(items), PER_FILE):  # data files are bounded in size
        name = f"claims-{start // PER_FILE:02d}.yml"
        (content / "claims" / name).write_text(_yaml(items[start : start + PER_FILE]), "utf-8")
    (content / "index.md").write_text("# Claims archive\n\nA site of many claims.\n", "utf-8")
    boxed = [c["id"] for c in items[:3]]
    (content / "en" / "report.md").write_text(
        "# A report\n\nWhat was said [@record].\n\n" + "".join(f"::claim[{i}]\n\n" for i in boxed),
        "utf-8",
    )
    (content / "nb" / "rapport.md").write_text(
        "---\nlang: nb\n---\n\n# En rapport\n\nHva som ble sagt [@record].\n\n"
        f"::claim[{boxed[0]}]\n",
        "utf-8",
    )
    return items


if __name__ == "__main__":
    make_archive(Path(sys.argv[1]), int(sys.argv[2]))
