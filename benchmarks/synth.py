"""A synthetic newsroom-size site, shaped like the demo, made from a fixed seed.

N articles of about 1,500 words, each with 20 citations, 5 claim boxes, 5 inline
mentions of claims boxed in other articles and one social post card; 10·N claims
and 5·N sources spread over several YAML files (8 for every 500 articles, so no
file nears the data files' 1 MB limit: at N=500 a claims file is 0.8 MB). The data
lives outside
``docs_dir`` so the same Markdown can be built by MkDocs alone for comparison.

The prose carries a typographic apostrophe now and then (about one word in fifty,
as in the English seed and demo article), because newsroom copy does: a page with
one character beyond ASCII is held by Python at two bytes a character, which makes
every page's template render slower for MkDocs alone too. ``ascii=True`` writes
plain ASCII prose instead (an article nobody publishes, but the earlier benchmark's).

``python benchmarks/synth.py OUT_DIR N [--ascii]`` writes one site with three configs:
``mkdocs.yml`` (the plugin with its defaults), ``mkdocs-lean.yml``
(``claim_pages: false``) and ``mkdocs-alone.yml`` (no explainers plugin), and the same
three as a large desk would set them up (``mkdocs-prune.yml``,
``mkdocs-lean-prune.yml``, ``mkdocs-alone-prune.yml``): the articles in sections of
50 (as an archive by month would be; a ``nav`` in the config, so the pages' addresses
stay the same) and Material's ``navigation.prune``, which leaves out the pages of
every section but the open page's own. Material writes the navigation into every
page, so with the articles in one section (the defaults' auto nav) every page
carries a link to every article and MkDocs alone grows with N²; ``navigation.prune``
alone changes nothing there, since the open page's section is never pruned.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

_TEXT = (
    "the ministry said border officers reported that smuggling networks had offered payments "
    "for attacks according to court records seen by reporters although officials declined to "
    "share the underlying intelligence and independent researchers could not confirm figures "
    "published in the annual assessment which cited interviews with detained suspects"
)
ASCII_WORDS = _TEXT.split()
WORDS = [*ASCII_WORDS, "ministry\u2019s"]  # one word in fifty: like the seeds' density
STATUSES = ("confirmed", "partly-confirmed", "unconfirmed", "disputed", "false")
STANCES = ("supports", "contradicts", "context")
FILES_PER_KIND = 8  # for every ARTICLES_PER_FILES articles
ARTICLES_PER_FILES = 500


def files_per_kind(n: int) -> int:
    """How many claims (and sources) files a site of ``n`` articles has."""
    return FILES_PER_KIND * max(1, -(-n // ARTICLES_PER_FILES))


Say = Callable[[int], str]  # a sentence of so many words


def _prose(seed: int, vocabulary: list[str]) -> Say:
    rng = random.Random(seed)

    def sentence(words: int) -> str:
        text = " ".join(rng.choice(vocabulary) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    return sentence


def _sources(n: int, say: Say) -> list[list[str]]:
    """5·N sources; every fifth is a social post with text (one card per article)."""
    files = files_per_kind(n)
    blocks: list[list[str]] = [["sources:"] for _ in range(files)]
    for i in range(5 * n):
        lines = blocks[i % files]
        social = i % 5 == 4
        lines += [
            f"  - id: s{i}",
            f"    title: {'Post' if social else 'Report'} number {i} on border security",
            f"    publisher: {'Platform' if social else 'Benchmark Press'} {i % 17}",
            f"    date: {2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            f"    type: {'social' if social else 'report'}",
            f"    url: https://example.org/s{i}",
            "    accessed: 2025-10-20",
        ]
        if social:
            lines += [
                "    platform: Chirp",
                f'    handle: "@account{i}"',
                f"    text: {say(25)}",
            ]
    return blocks


def _claims(n: int, say: Say) -> list[list[str]]:
    """10·N claims with evidence from the non-social sources, history and missing items."""
    files = files_per_kind(n)
    blocks: list[list[str]] = [["claims:"] for _ in range(files)]
    reports = [i for i in range(5 * n) if i % 5 != 4]
    for i in range(10 * n):
        status = STATUSES[i % len(STATUSES)]
        lines = blocks[i % files]
        lines += [
            f"  - id: c{i}",
            f"    claim: {say(14)}",
            "    claimant: Ministry of Home Security",
            f"    date: 2025-{1 + i % 12:02d}",
            f"    appearance: [s{reports[i % len(reports)]}]",
            f"    status: {status}",
            "    summary: |",
            f"      {say(40)}",
            "    evidence:",
        ]
        for k in range(3):
            lines += [
                f"      - source: s{reports[(i * 3 + k) % len(reports)]}",
                f"        stance: {STANCES[(i + k) % 3]}",
                f"        locator: p. {1 + (i + k) % 90}",
                f'        quote: "{say(12)}"',
            ]
        lines += [
            "    missing:",
            f"      - {say(10)}",
            "    history:",
            "      - date: 2025-10-16",
            f"        status: {status}",
            "        note: First published.",
            "    reviewed: 2025-10-20",
        ]
    return blocks


def _article(a: int, n: int, say: Say) -> str:
    """~1,500 words: 20 citations, 5 boxes, 5 mentions of claims boxed elsewhere, 1 post card."""
    reports = [i for i in range(5 * n) if i % 5 != 4]
    boxed = [a * 5 + k for k in range(5)]  # claims c0 .. c(5N-1) are boxed, 5 per article
    elsewhere = [((a + 1 + k * 7) % n) * 5 + k for k in range(5)]
    lines = [
        "---",
        f"title: Explainer number {a}",
        "description: A synthetic explainer for the benchmark.",
        "date: 2025-10-16",
        "---",
        "",
        f"# Explainer number {a}",
        "",
    ]
    cite = 0
    for section in range(5):
        lines += [f"## Section {section + 1}", ""]
        for _ in range(6):
            words = say(48)
            if cite < 20:
                source = reports[(a * 20 + cite) % len(reports)]
                locator = f", p. {cite + 1}" if cite % 3 == 0 else ""
                words = words[:-1] + f" [@s{source}{locator}]."
                cite += 1
            if section == 2 and _ == 0:
                words += f" As the ministry put it, :claim[c{elsewhere[0]}] remains open."
            elif section < 5 and _ == 1 and section != 2:
                words += f" See also :claim[c{elsewhere[section]}]."
            lines += [words, ""]
        lines += [f"::claim[c{boxed[section]}]", ""]
        if section == 1:
            lines += [f"::post[s{(a % n) * 5 + 4}]", ""]
        if section == 3:
            lines += [
                f"Last quote {say(30)} [@s{reports[(a * 20 + 3) % len(reports)]}]",
                "",
            ]
    lines += ["::unconfirmed", "", "::sources", ""]
    return "\n".join(lines)


#: The theme settings of each variant the benchmark builds, by config file suffix.
VARIANTS = {"": "", "-prune": "  features:\n    - navigation.prune\n"}
SECTION = 50  # articles per nav section in the pruned variant


def _nav(n: int, section: int) -> str:
    """A ``nav`` listing the home page and the articles in sections of ``section``."""
    lines = ["nav:", "  - index.md"]
    for start in range(0, n, section):
        end = min(start + section, n) - 1
        lines.append(f"  - Explainers {start}-{end}:")
        lines += [f"    - articles/explainer-{a:04d}.md" for a in range(start, end + 1)]
    return "\n".join(lines) + "\n"


def _config(name: str, plugin: str, theme: str = "", nav: str = "") -> str:
    return (
        f"site_name: {name}\n"
        "site_url: https://bench.example.org/\n"
        "docs_dir: content\n"
        + nav
        + "theme:\n  name: material\n  font: false\n"
        + theme
        + "plugins:\n  - search\n"
        + plugin
        + "markdown_extensions:\n  - admonition\n  - attr_list\n  - footnotes\n  - md_in_html\n"
        "  - tables\n  - toc:\n      permalink: true\n  - pymdownx.details\n"
        "  - pymdownx.superfences\n"
    )


def make_site(
    root: Path, n: int, seed: int = 2025, *, ascii: bool = False, section: int = SECTION
) -> Path:
    """Write the synthetic site of ``n`` articles under ``root``; return ``root``.
    ``section``: articles per nav section in the pruned variant."""
    say = _prose(seed, ASCII_WORDS if ascii else WORDS)
    content = root / "content"
    for folder in (content / "articles", root / "data" / "sources", root / "data" / "claims"):
        folder.mkdir(parents=True, exist_ok=True)
    for index, lines in enumerate(_sources(n, say)):
        (root / "data" / "sources" / f"sources-{index}.yml").write_text(
            "\n".join(lines) + "\n", "utf-8"
        )
    for index, lines in enumerate(_claims(n, say)):
        (root / "data" / "claims" / f"claims-{index}.yml").write_text(
            "\n".join(lines) + "\n", "utf-8"
        )
    for a in range(n):
        (content / "articles" / f"explainer-{a:04d}.md").write_text(_article(a, n, say), "utf-8")
    (content / "index.md").write_text("# Benchmark\n\nA synthetic site.\n")
    # every claim has its page, but few articles show each one: a claims database
    plugin = (
        "  - explainers:\n      claims_dir: data/claims\n      sources_dir: data/sources\n"
        "      standalone_claims: true\n"
    )
    lean = plugin + "      claim_pages: false\n"
    for suffix, theme in VARIANTS.items():
        nav = _nav(n, section) if theme else ""
        (root / f"mkdocs{suffix}.yml").write_text(_config("Bench", plugin, theme, nav))
        (root / f"mkdocs-lean{suffix}.yml").write_text(_config("Bench", lean, theme, nav))
        (root / f"mkdocs-alone{suffix}.yml").write_text(_config("Bench", "", theme, nav))
    return root


if __name__ == "__main__":
    make_site(Path(sys.argv[1]), int(sys.argv[2]), ascii="--ascii" in sys.argv[3:])
