"""The claims index of a large archive: what a reader's browser fetches, and how soon the
first filter answers.

``python benchmarks/bench_claims.py [N ...]`` (``make bench-claims``; default 10,000)
builds benchmarks/claims_archive.py's site with N claims, serves it on loopback, opens
the claims index in Debian's chromium and prints: the sizes (raw and gzip -9) of the
index, its data file and script, and of everything the first screen fetched; the time
to the load event; and the time from choosing a verdict to its matches (the data file
loaded, parsed and filtered), then of a second filter. Times are loopback figures on
this machine: a phone on a mobile network adds the transfer of the data file.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from claims_archive import make_archive  # noqa: E402

from browser import browser_page, serve  # noqa: E402

FILES = (
    "claims/index.html",
    "claims/claims-data.js",
    "assets/explainers/claims-filter.js",
    "claims/full_list/index.html",
)
#: what Material fetches after the load on every page of a site: its search index (the
#: search worker) and sitemap (instant navigation); they grow with the site, not the page
THEME_BACKGROUND = ("search/search_index.json", "sitemap.xml")
COUNT = ".xp-claims-count"
ENTRIES = ".xp-claims-list > li"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def measure(site: Path, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures for a built archive site: sizes in bytes, times in seconds."""
    sizes = {name: (len(d := (site / name).read_bytes()), gz(d)) for name in FILES}
    false = sum(1 for c in claims if c["status"] == "false")
    fetched: list[str] = []
    with serve(site) as base, browser_page() as page:
        page.on("request", lambda r: fetched.append(r.url))
        t0 = time.perf_counter()
        page.goto(base + "claims/", wait_until="load")
        load_s = time.perf_counter() - t0
        shown = page.locator(ENTRIES).count()
        first_screen = list(dict.fromkeys(fetched))
        t0 = time.perf_counter()
        page.select_option("select[name=verdict]", "false")
        page.wait_for_function(
            f"document.querySelector('{COUNT}').textContent.includes('match')"
            f" && document.querySelectorAll('{ENTRIES}').length === {min(false, 50)}"
        )
        first_filter_s = time.perf_counter() - t0
        status = page.locator(COUNT).text_content()
        t0 = time.perf_counter()
        page.select_option("select[name=tag]", "health")
        page.wait_for_function("location.search.includes('tag=health')")
        next_filter_s = time.perf_counter() - t0
    local = [urlsplit(u).path.lstrip("/") for u in first_screen if u.startswith(base)]
    files = [site / (p + "index.html" if p.endswith("/") or not p else p) for p in local]
    sized = [(str(f.relative_to(site)), gz(f.read_bytes())) for f in files]
    page = [(name, size) for name, size in sized if name not in THEME_BACKGROUND]
    return {
        "sizes": sizes,
        "first_screen": page,
        "first_screen_gz": sum(size for _, size in page),
        "background": [(name, size) for name, size in sized if name in THEME_BACKGROUND],
        "shown": shown,
        "status": status,
        "false": false,
        "load_s": load_s,
        "first_filter_s": first_filter_s,
        "next_filter_s": next_filter_s,
    }


def report(n: int, figures: dict[str, Any], build_s: float) -> str:
    lines = [f"{n:,} claims: built in {build_s:.1f} s (with a page per claim)"]
    for name, (raw, packed) in figures["sizes"].items():
        lines.append(f"  {name}: {raw / 1000:,.1f} kB, {packed / 1000:,.1f} kB gzip -9")
    lines.append(
        f"  first screen: {len(figures['first_screen'])} files, "
        f"{figures['first_screen_gz'] / 1000:,.1f} kB gzip -9 in all "
        f"(claims-data.js not among them); {figures['shown']} entries"
    )
    lines += [
        f"  fetched in the background on every page of this site: {name} "
        f"{size / 1000:,.1f} kB gzip -9"
        for name, size in figures["background"]
    ]
    lines.append(
        f"  load event {figures['load_s'] * 1000:.0f} ms; first filter (data loaded, parsed, "
        f"filtered) {figures['first_filter_s'] * 1000:.0f} ms; next filter "
        f"{figures['next_filter_s'] * 1000:.0f} ms (loopback)"
    )
    return "\n".join(lines)


def main(counts: list[int]) -> None:
    for n in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "archive"
            claims = make_archive(root, n)
            t0 = time.perf_counter()
            subprocess.run(
                [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q"],
                cwd=root,
                check=True,
            )
            build_s = time.perf_counter() - t0
            print(report(n, measure(root / "site", claims), build_s), flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
