"""Benchmarks: how long `explainers check` and a full build take, and peak memory.

Prints figures; it asserts nothing. Run with `make bench`.

- the demo site: check (in-process, best of 5) and `mkdocs build` (subprocess)
- a synthetic large site: 2,000 sources, 500 claims, 100 articles of 60 citations each
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from explainers.check import check_all, find_articles  # noqa: E402


def check_site(root: Path) -> tuple[float, int, int]:
    content = root / "content"
    best = float("inf")
    count = 0
    for _ in range(5):
        start = time.perf_counter()
        articles = find_articles(content, [content / "claims", content / "sources"])
        result = check_all(root, content / "claims", content / "sources", articles)
        best = min(best, time.perf_counter() - start)
        count = len(result.report.items)
    tracemalloc.start()
    articles = find_articles(content, [content / "claims", content / "sources"])
    check_all(root, content / "claims", content / "sources", articles)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak, count


def build_site(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
        ],
        check=True,
        capture_output=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return time.perf_counter() - start


def make_large(root: Path, sources: int = 2000, claims: int = 500, articles: int = 100) -> None:
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    (content / "claims").mkdir(parents=True)
    for block in range(0, sources, 200):
        lines = ["sources:"]
        for i in range(block, min(block + 200, sources)):
            lines += [
                f"  - id: s{i}",
                f"    title: Source number {i}",
                "    publisher: Benchmark Press",
                f"    date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "    type: report",
                f"    url: https://example.org/s{i}",
            ]
        (content / "sources" / f"s{block:05d}.yml").write_text("\n".join(lines) + "\n")
    lines = ["claims:"]
    for i in range(claims):
        lines += [
            f"  - id: c{i}",
            f"    claim: Claim number {i}.",
            "    status: unconfirmed",
            "    evidence:",
            f"      - source: s{i % sources}",
            "        stance: supports",
            "    missing: [A record.]",
        ]
    (content / "claims" / "claims.yml").write_text("\n".join(lines) + "\n")
    for a in range(articles):
        body = [f"# Article {a}", ""]
        for k in range(60):
            body.append(
                f"Sentence {k} [@s{(a * 60 + k) % sources}; @s{(a + k) % sources}, p. {k}]."
            )
            if k % 12 == 0:
                body += ["", f"::claim[c{(a * 5 + k) % claims}]", ""]
        (content / f"article-{a:03d}.md").write_text("\n".join(body) + "\n")
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\ndocs_dir: content\ntheme:\n  name: material\n  font: false\nplugins:\n  - explainers\n"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        shutil.copytree(REPO / "content", demo / "content")
        shutil.copy(REPO / "mkdocs.yml", demo / "mkdocs.yml")
        shutil.copytree(REPO / "site_config", demo / "site_config")
        seconds, peak, count = check_site(demo)
        print(
            f"demo   check: {seconds * 1000:8.1f} ms  peak {peak / 1e6:6.1f} MB  ({count} diagnostics)"
        )
        print(f"demo   build: {build_site(demo):8.2f} s")
        large = Path(tmp) / "large"
        make_large(large)
        seconds, peak, count = check_site(large)
        print(
            f"large  check: {seconds * 1000:8.1f} ms  peak {peak / 1e6:6.1f} MB  ({count} diagnostics)"
        )
        print(
            f"large  build: {build_site(large):8.2f} s  (2,000 sources, 500 claims, 100 articles)"
        )


if __name__ == "__main__":
    main()
