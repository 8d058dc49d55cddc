"""Benchmark: a newsroom-size site built with MkDocs alone, with the plugin, and with
``claim_pages: false``; ``explainers check`` cold and after one edit; and how long an
edit takes to reach the browser under ``mkdocs serve --dirty``.

Prints one table; asserts nothing. ``make bench`` (N=200,400 by default) or
``python benchmarks/bench_build.py 200 400 --runs 3``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import make_site

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of one child process.

    The disk is synced first: a build writes thousands of files, whose write-back would
    otherwise land on whichever build comes next (a lean build after a full one)."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def build(root: Path, config: str, runs: int) -> tuple[float, float]:
    """(median seconds, peak MB) of ``runs`` builds with one config."""
    site = root / f"site-{config.removesuffix('.yml')}"
    args = [str(BIN / "mkdocs"), "build", "-q", "-f", config, "-d", str(site)]
    results = [timed(args, root) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def check(root: Path, runs: int) -> tuple[float, float]:
    """`explainers check`: first with no cache, then the median after one article changed."""
    shutil.rmtree(root / ".explainers_cache", ignore_errors=True)
    cold, _ = timed([str(BIN / "explainers"), "check", "."], root)
    article = root / "content" / "articles" / "explainer-0000.md"
    original = article.read_text("utf-8")
    times = []
    for run in range(runs):
        article.write_text(original + f"\nAn edit, number {run}.\n", "utf-8")
        times.append(timed([str(BIN / "explainers"), "check", "."], root)[0])
    article.write_text(original, "utf-8")
    return cold, statistics.median(times)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def serve_edits(root: Path, edits: int = 3) -> tuple[float, float, float]:
    """(first page, claim edit, article edit) seconds under `mkdocs serve --dirty`; each
    edit's time is the median of ``edits`` saves, a claim's and an article's in turn."""
    port = _free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/articles/explainer-0000/"
    claims = root / "data" / "claims" / "claims-0.yml"  # c0 is boxed on explainer-0000
    article = root / "content" / "articles" / "explainer-0000.md"
    text, original = claims.read_text("utf-8"), article.read_text("utf-8")
    claim_edits: list[float] = []
    article_edits: list[float] = []
    try:
        first = _wait(page, "Explainer number 0", start, 600)
        time.sleep(3)  # let the watcher settle: the site's files were just written
        for edit in range(edits):
            mark = f"Edited-claim-text-{edit}"
            start = time.perf_counter()
            claims.write_text(text.replace("claim: ", f"claim: {mark} ", 1), "utf-8")
            claim_edits.append(_wait(page, mark, start, 120))
            time.sleep(2)
            mark = f"Edited-article-text-{edit}"
            start = time.perf_counter()
            article.write_text(original + f"\n{mark}.\n", "utf-8")
            article_edits.append(_wait(page, mark, start, 120))
            time.sleep(2)
    finally:
        article.write_text(original, "utf-8")
        claims.write_text(text, "utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    return first, statistics.median(claim_edits), statistics.median(article_edits)


def _wait(url: str, text: str, start: float, timeout: float) -> float:
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return float("nan")


def measure(n: int, runs: int, workdir: Path, serve: bool, ascii: bool) -> dict[str, Any]:
    root = make_site(workdir / f"n{n}", n, ascii=ascii)
    shutil.rmtree(root / ".explainers_cache", ignore_errors=True)
    plugin_cold, _ = build(root, "mkdocs.yml", 1)  # the first build fills the cache
    times: dict[str, list[float]] = {"alone": [], "plugin": [], "lean": []}
    peaks: dict[str, float] = {"alone": 0.0, "plugin": 0.0, "lean": 0.0}
    configs = {"lean": "mkdocs-lean.yml", "alone": "mkdocs-alone.yml", "plugin": "mkdocs.yml"}
    for round_ in range(runs):
        # Interleaved, so a busier moment weighs on all three alike; MkDocs alone in the
        # middle, next to each build it is compared with; every other round reversed, so
        # going first or last weighs on both alike.
        order = list(configs.items())
        for name, config in order if round_ % 2 == 0 else reversed(order):
            seconds, peak = build(root, config, 1)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    cold, warm = check(root, runs)
    # A ratio within a round cancels the machine's drift between rounds (this shared
    # machine moves by a tenth).
    ratios = {
        name: sorted(t / a for t, a in zip(times[name], times["alone"], strict=True))
        for name in ("plugin", "lean")
    }
    extras = {  # the same for the plugin's extra seconds, which the growth compares
        name: statistics.median(t - a for t, a in zip(times[name], times["alone"], strict=True))
        for name in ("plugin", "lean")
    }
    row = {
        "n": n,
        "plugin_ratio": statistics.median(ratios["plugin"]),
        "plugin_ratios": (ratios["plugin"][0], ratios["plugin"][-1]),
        "lean_ratio": statistics.median(ratios["lean"]),
        "lean_ratios": (ratios["lean"][0], ratios["lean"][-1]),
        "plugin_extra": extras["plugin"],
        "lean_extra": extras["lean"],
        "alone": statistics.median(times["alone"]),
        "plugin": statistics.median(times["plugin"]),
        "plugin_cold": plugin_cold,
        "lean": statistics.median(times["lean"]),
        "check_cold": cold,
        "check_edit": warm,
        "alone_mb": peaks["alone"],
        "plugin_mb": peaks["plugin"],
        "lean_mb": peaks["lean"],
    }
    if serve:
        row["serve_first"], row["serve_claim"], row["serve_article"] = serve_edits(root)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 400])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument(
        "--ascii", action="store_true", help="articles in plain ASCII (see synth.py: unrealistic)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, args.runs, Path(tmp), not args.no_serve, args.ascii) for n in args.sizes]
    print(
        f"explainers benchmark, {dt.date.today()}, {os.cpu_count()} cores, "
        f"{'plain ASCII' if args.ascii else 'typographic'} prose, medians of "
        f"{args.runs} rounds (each builds claim_pages: false, alone and plugin back to back, "
        "every other round the other way round; a ratio or extra time is the median of the "
        "rounds' own) and of 3 saves for each serve edit"
    )
    print()
    print(
        "| N | MkDocs alone | plugin | ratio | plugin, first build | claim_pages: false | ratio "
        "| plugin extra | check, no cache | check after an edit | check / alone "
        "| serve --dirty: claim edit | article edit | peak MB alone / plugin |"
    )
    print("|" + "---|" * 14)
    for row in rows:
        extra = row["plugin_extra"]
        print(
            f"| {row['n']} | {row['alone']:.1f} s | {row['plugin']:.1f} s "
            f"| {row['plugin_ratio']:.2f}× | {row['plugin_cold']:.1f} s "
            f"| {row['lean']:.1f} s | {row['lean_ratio']:.2f}× | {extra:.1f} s "
            f"| {row['check_cold']:.2f} s | {row['check_edit']:.2f} s "
            f"| {row['check_edit'] / row['alone'] * 100:.0f} % "
            f"| {row.get('serve_claim', float('nan')):.2f} s "
            f"| {row.get('serve_article', float('nan')):.2f} s "
            f"| {row['alone_mb']:.0f} / {row['plugin_mb']:.0f} |"
        )
    print()
    for row in rows:
        (p_low, p_high), (l_low, l_high) = row["plugin_ratios"], row["lean_ratios"]
        print(
            f"N {row['n']}, ratios of the {args.runs} rounds: plugin {p_low:.2f}-{p_high:.2f}×, "
            f"claim_pages: false {l_low:.2f}-{l_high:.2f}×"
        )
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        growth = large["plugin_extra"] / max(small["plugin_extra"], 1e-9)
        lean_growth = large["lean_extra"] / max(small["lean_extra"], 1e-9)
        mem = large["plugin_mb"] / small["plugin_mb"]
        print(
            f"N {small['n']} -> {large['n']} ({large['n'] / small['n']:.1f}×): plugin extra time "
            f"grows {growth:.2f}× (claim_pages: false {lean_growth:.2f}×), peak memory {mem:.2f}×"
        )


if __name__ == "__main__":
    main()
