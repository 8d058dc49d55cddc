"""The claims index of a large archive: what a reader's browser fetches, and how soon it
shows the first screen and the first filtered view.

``python benchmarks/bench_claims.py [N ...]`` (``make bench-claims``; default 10,000)
builds benchmarks/claims_archive.py's site with N claims, serves it on loopback, opens
the claims index in Debian's chromium and prints: the sizes (raw and gzip -9) of the
index (every claim's entry: the content format asks that all show without scripts) and
its script, and of everything the first screen fetched; the first contentful paint,
the load event and when the script had set the list up (50 entries shown); the time
from choosing a verdict to its matches, then of a second filter; the time from opening
a filtered address (``?verdict=false``) to its matches; and, with JavaScript off, the
load event and how many entries show. Times are loopback figures on this machine: a
phone on a mobile network adds the transfer of the page.
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

FILES = ("claims/index.html", "assets/explainers/claims-filter.js")
#: what Material fetches after the load on every page of a site: its search index (the
#: search worker) and sitemap (instant navigation); they grow with the site, not the page
THEME_BACKGROUND = ("search/search_index.json", "sitemap.xml")
COUNT = ".xp-claims-count"
ENTRIES = ".xp-claims-list > li"
READY = ".xp-claims-archive[data-ready]"
#: the entries a reader sees, as a JavaScript array (the others are hidden)
SHOWN = f"Array.from(document.querySelectorAll('{ENTRIES}')).filter(li => li.checkVisibility())"
#: when, in ms from the start of the navigation, the page was parsed (DOMContentLoaded),
#: the script had set the list up (data-ready), the load event came and the first
#: contentful paint: the page's own clock, not the test's, which a busy machine delays
CLOCK = (
    "window.xpClock = {};"
    "document.addEventListener('DOMContentLoaded', () => { xpClock.parsed = performance.now(); });"
    "window.addEventListener('load', () => { xpClock.load = performance.now(); });"
    "new MutationObserver((_, observer) => {"
    f" if (!document.querySelector('{READY}')) return;"
    " xpClock.ready = performance.now(); observer.disconnect(); })"
    ".observe(document, {attributes: true, subtree: true, attributeFilter: ['data-ready']});"
)
TIMES = (
    "({...window.xpClock, paint: performance.getEntriesByName('first-contentful-paint')[0]"
    "?.startTime})"
)


#: choose a value in the form as a reader does, and time the script's work and the
#: next frame (the new list laid out and painted), in ms
CHOOSE = """async ([name, value]) => {
  const field = document.querySelector(`[name=${name}]`);
  field.value = value;
  const start = performance.now();
  field.dispatchEvent(new Event("change", {bubbles: true}));
  const script = performance.now() - start;
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return [script, performance.now() - start];
}"""


def clock(page: Any) -> dict[str, float]:
    """The page's clock (see :data:`CLOCK`), in seconds."""
    return {k: v / 1000 for k, v in page.evaluate(TIMES).items() if v is not None}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def measure(site: Path, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures for a built archive site: sizes in bytes, times in seconds."""
    sizes = {name: (len(d := (site / name).read_bytes()), gz(d)) for name in FILES}
    false = sum(1 for c in claims if c["status"] == "false")
    fetched: list[str] = []
    matched = (
        f"document.querySelector('{READY}')"
        f" && document.querySelector('{COUNT}').textContent.includes('match')"
        f" && {SHOWN}.length === {min(false, 50)}"
    )
    with serve(site) as origin, browser_page() as page:
        page.add_init_script(CLOCK)
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(origin + "claims/", wait_until="load")
        page.wait_for_function(f"document.querySelector('{READY}')")
        first = clock(page)
        shown = page.evaluate(f"{SHOWN}.length")
        entries = page.locator(ENTRIES).count()
        first_screen = list(dict.fromkeys(fetched))
        first_filter = page.evaluate(CHOOSE, ["verdict", "false"])
        page.wait_for_function(matched)
        status = page.locator(COUNT).text_content()
        next_filter = page.evaluate(CHOOSE, ["tag", "health"])
        page.wait_for_function("location.search.includes('tag=health')")
    with serve(site) as base, browser_page() as page:
        page.add_init_script(CLOCK)
        page.goto(base + "claims/?verdict=false", wait_until="load")
        page.wait_for_function(matched)
        filtered = clock(page)
    with serve(site) as base, browser_page(java_script_enabled=False) as page:
        page.goto(base + "claims/", wait_until="load")
        nojs_load, nojs_paint = page.evaluate(  # Playwright evaluates; the page does not
            "[performance.getEntriesByType('navigation')[0].loadEventStart,"
            " performance.getEntriesByName('first-contentful-paint')[0]?.startTime]"
        )
        nojs_shown = page.locator(f"{ENTRIES}:visible").count()  # Playwright's own engine
    local = [urlsplit(u).path.lstrip("/") for u in first_screen if u.startswith(origin)]
    files = [site / (p + "index.html" if p.endswith("/") or not p else p) for p in local]
    sized = [(str(f.relative_to(site)), gz(f.read_bytes())) for f in files]
    page = [(name, size) for name, size in sized if name not in THEME_BACKGROUND]
    return {
        "sizes": sizes,
        "first_screen": page,
        "first_screen_gz": sum(size for _, size in page),
        "background": [(name, size) for name, size in sized if name in THEME_BACKGROUND],
        "shown": shown,
        "entries": entries,
        "status": status,
        "false": false,
        "first": first,
        "first_filter": first_filter,
        "next_filter": next_filter,
        "filtered": filtered,
        "nojs": {"load": nojs_load / 1000, "paint": nojs_paint / 1000},
        "nojs_shown": nojs_shown,
    }


def _ms(times: dict[str, float], key: str) -> str:
    return f"{times[key] * 1000:.0f} ms" if key in times else "-"


def report(n: int, figures: dict[str, Any], build_s: float) -> str:
    lines = [f"{n:,} claims: built in {build_s:.1f} s (with a page per claim)"]
    for name, (raw, packed) in figures["sizes"].items():
        lines.append(f"  {name}: {raw / 1000:,.1f} kB, {packed / 1000:,.1f} kB gzip -9")
    lines.append(
        f"  first screen: {len(figures['first_screen'])} files, "
        f"{figures['first_screen_gz'] / 1000:,.1f} kB gzip -9 in all; "
        f"{figures['entries']:,} entries on the page, {figures['shown']} shown"
    )
    lines += [
        f"  fetched in the background on every page of this site: {name} "
        f"{size / 1000:,.1f} kB gzip -9"
        for name, size in figures["background"]
    ]
    first, filtered, nojs = figures["first"], figures["filtered"], figures["nojs"]
    lines.append(
        f"  claims/: first contentful paint {_ms(first, 'paint')}, parsed {_ms(first, 'parsed')}, "
        f"list set up {_ms(first, 'ready')}, load event {_ms(first, 'load')}"
    )
    lines.append(
        f"  claims/?verdict=false: its matches shown (list set up) {_ms(filtered, 'ready')}, "
        f"load event {_ms(filtered, 'load')}"
    )
    for name, (script, shown) in (
        ("a verdict chosen", figures["first_filter"]),
        ("then a tag", figures["next_filter"]),
    ):
        lines.append(
            f"  {name}: the script's work {script:.0f} ms, its matches painted {shown:.0f} ms"
        )
    lines.append(
        f"  JavaScript off: first contentful paint {_ms(nojs, 'paint')}, load event "
        f"{_ms(nojs, 'load')}, {figures['nojs_shown']:,} entries shown"
    )
    lines.append("  (times from the start of each navigation, on loopback)")
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
