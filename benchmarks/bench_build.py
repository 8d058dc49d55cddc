"""Benchmark: a newsroom-size site built with MkDocs alone, with the plugin, and with
``claim_pages: false``, each with Material's defaults (every article in one nav
section) and as a large desk would set up the theme (the articles in sections of 50,
``navigation.prune``: see synth.py);
``explainers check`` cold and after one edit; and how long an edit takes to reach the
browser under ``mkdocs serve --dirty``.

Prints the figures and, beside each, the goal it is held to (issue 27) and whether it
is met; asserts nothing. ``make bench`` (N=200,400 by default; ``make bench N="500
1000"`` for a desk's whole archive) or ``python benchmarks/bench_build.py 500 1000
--runs 2``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import VARIANTS, make_site

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
PAGE = resource.getpagesize()
KINDS = ("lean", "alone", "plugin")  # a round's order: MkDocs alone next to both others
VARIANT_NAMES = {"": "Material's defaults", "-prune": "navigation.prune"}


def _tree(pid: int) -> list[int]:
    """The process and its descendants, as /proc lists them now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except OSError:
            continue  # it ended meanwhile
    return found


def _resident_bytes(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


class TreePeak:
    """The largest resident memory of a process tree at one moment, sampled every
    ``interval`` seconds on a thread (the kernel's own peak, ``ru_maxrss``, is per
    process: a build that hands work to other processes would hide it)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, _resident_bytes(_tree(self.pid)))
            self._done.wait(self.interval)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


class Timed(NamedTuple):
    """One child process's wall seconds, peak MiB and CPU seconds (user+sys)."""

    seconds: float
    peak: float
    cpu: float


def timed(args: list[str], cwd: Path) -> Timed:
    """(seconds, peak resident MiB of the process tree, CPU seconds of the process tree)
    of one child process, which must succeed: a build that stops at an error is quick
    and would pass for a fast one.

    The disk is synced first: a build writes thousands of files, whose write-back would
    otherwise land on whichever build comes next (a lean build after a full one). The
    peak is the larger of the sampled tree's and the kernel's per-process peak (exact for
    the process itself and for the largest descendant it waited for). The CPU seconds
    are ``wait4``'s: the process's own and its waited-for descendants' user+sys, which
    other processes' load on a shared machine moves far less than the wall seconds."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    sampler = TreePeak(proc.pid)
    # stderr is read only after the end: a build that fills the pipe (64 KiB of warnings)
    # would block, so the benchmark's builds stay quiet (-q) and fail loudly.
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    sampled = sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = ""
    if proc.stderr:
        err = proc.stderr.read().decode()
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-3000:]}")
    peak = max(sampled / 2**20, usage.ru_maxrss / 1024)
    return Timed(seconds, peak, usage.ru_utime + usage.ru_stime)


def build(root: Path, config: str) -> Timed:
    """(seconds, peak MiB, CPU seconds) of one build with one config."""
    site = root / f"site-{config.removesuffix('.yml')}"
    return timed([str(BIN / "mkdocs"), "build", "-q", "-f", config, "-d", str(site)], root)


def config_file(kind: str, variant: str) -> str:
    """synth.py's config of one kind (plugin, lean, alone) and theme variant."""
    return {"plugin": "mkdocs", "lean": "mkdocs-lean", "alone": "mkdocs-alone"}[kind] + (
        f"{variant}.yml"
    )


def check(root: Path, runs: int) -> tuple[float, float]:
    """`explainers check`: first with no cache, then the median after one article changed."""
    shutil.rmtree(root / ".explainers_cache", ignore_errors=True)
    cold = timed([str(BIN / "explainers"), "check", "."], root).seconds
    article = root / "content" / "articles" / "explainer-0000.md"
    original = article.read_text("utf-8")
    times = []
    for run in range(max(runs, 3)):
        article.write_text(original + f"\nAn edit, number {run}.\n", "utf-8")
        times.append(timed([str(BIN / "explainers"), "check", "."], root).seconds)
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


def _ctrl_c_default() -> None:
    """Ctrl-C (SIGINT) as in a terminal: a shell has the children of a command it runs
    in the background ignore it, and MkDocs would never stop and remove its site."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def serve_edits(root: Path, edits: int = 3) -> tuple[float, float, float]:
    """(first page, claim edit, article edit) seconds under `mkdocs serve --dirty`; each
    edit's time is the median of ``edits`` saves, a claim's and an article's in turn,
    from the file's save to the page, polled over HTTP from MkDocs' own server, carrying
    the change (what a browser's live reload then fetches)."""
    port = _free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_ctrl_c_default,  # a bench started in the background: Ctrl-C still stops it
    )
    page = f"http://127.0.0.1:{port}/articles/explainer-0000/"
    claims = root / "data" / "claims" / "claims-0.yml"  # c0 is boxed on explainer-0000
    article = root / "content" / "articles" / "explainer-0000.md"
    text, original = claims.read_text("utf-8"), article.read_text("utf-8")
    claim_edits: list[float] = []
    article_edits: list[float] = []
    try:
        first = _wait(page, "Explainer number 0", start, 1200)
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
        proc.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
    return first, statistics.median(claim_edits), statistics.median(article_edits)


def _wait(url: str, text: str, start: float, timeout: float) -> float:
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return float("nan")


@dataclass
class Builds:
    """One theme variant's timed rounds at one N: seconds and peak MiB of each kind."""

    times: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    peaks: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))
    cpu: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def add(self, kind: str, seconds: float, peak: float, cpu: float = math.nan) -> None:
        self.times[kind].append(seconds)
        self.peaks[kind] = max(self.peaks[kind], peak)
        self.cpu[kind].append(cpu)

    def median(self, kind: str) -> float:
        return statistics.median(self.times[kind])

    def _paired(
        self, kind: str, other: str, op: str, series: dict[str, list[float]] | None = None
    ) -> list[float]:
        """Each round's own ratio or difference of ``kind`` to ``other``, sorted; of the
        wall seconds unless ``series`` (the CPU seconds) is given."""
        series = self.times if series is None else series
        pairs = zip(series[kind], series[other], strict=True)
        return sorted(a / b if op == "/" else a - b for a, b in pairs)

    def ratio(self, kind: str) -> float:
        """Median of the rounds' own ratios to MkDocs alone: a ratio within a round
        cancels the machine's drift between rounds (this shared machine moves by a tenth)."""
        return statistics.median(self._paired(kind, "alone", "/"))

    def ratio_range(self, kind: str) -> tuple[float, float]:
        ratios = self._paired(kind, "alone", "/")
        return ratios[0], ratios[-1]

    def extra(self, kind: str, over: str = "alone") -> float:
        """Median of the rounds' own extra seconds of ``kind`` over ``over``."""
        return statistics.median(self._paired(kind, over, "-"))

    def claim_pages(self) -> float:
        """The claim pages' own cost: the plugin's seconds over ``claim_pages: false``'s."""
        return self.extra("plugin", "lean")

    def cpu_median(self, kind: str) -> float:
        return statistics.median(self.cpu[kind])

    def cpu_extra(self, kind: str, over: str = "alone") -> float:
        """Median of the rounds' own extra CPU seconds of ``kind`` over ``over``."""
        return statistics.median(self._paired(kind, over, "-", self.cpu))

    def memory_ratio(self, kind: str) -> float:
        return self.peaks[kind] / self.peaks["alone"]


@dataclass
class Row:
    """Everything measured at one N."""

    n: int
    builds: dict[str, Builds]  # by variant ("" and "-prune")
    plugin_cold: float
    check_cold: float
    check_edit: float
    serve: tuple[float, float, float] | None = None  # first page, claim edit, article edit


def measure(
    n: int, runs: int, workdir: Path, *, serve: bool, ascii: bool, variants: list[str]
) -> Row:
    root = make_site(workdir / f"n{n}", n, ascii=ascii)
    shutil.rmtree(root / ".explainers_cache", ignore_errors=True)
    order = [(variant, kind) for variant in variants for kind in KINDS]
    # A warm-up round, untimed but for the plugin's first build (no cache yet: what a
    # fresh clone or CI pays): the disk cache, Python's bytecode and the plugin's cache
    # are warm for every timed build after it.
    plugin_cold = build(root, config_file("plugin", "")).seconds
    for variant, kind in order:
        if (variant, kind) != ("", "plugin"):
            build(root, config_file(kind, variant))
    builds = {variant: Builds() for variant in variants}
    for round_ in range(runs):
        # Interleaved, so a busier moment weighs on all alike; MkDocs alone in the middle
        # of its variant, next to each build it is compared with; every other round
        # reversed, so going first or last weighs on all alike.
        for variant, kind in order if round_ % 2 == 0 else reversed(order):
            builds[variant].add(kind, *build(root, config_file(kind, variant)))
    cold, warm = check(root, runs)
    return Row(n, builds, plugin_cold, cold, warm, serve_edits(root) if serve else None)


# The goals of issue 27 (set for N=1,000 on this project's machine).
RATIO_GOALS = {"": {"plugin": 1.25, "lean": 1.10}, "-prune": {"plugin": 1.5, "lean": 1.2}}
GROWTH_GOAL = 2.1  # for twice the pages; scaled with the pages for other steps
MEMORY_GOAL = 2.0
CHECK_GOAL = 3.0  # % of a MkDocs-alone build
SERVE_GOAL = 1.5  # seconds


def _met(value: float, goal: float) -> str:
    return "met" if value <= goal else "NOT MET"


def growth_goal(small: int, large: int) -> float:
    """2.1× for twice the pages: linear growth with 5 % to spare, scaled to the step."""
    return GROWTH_GOAL / 2 * large / small


def growth(before: float, after: float) -> float | None:
    """``after`` over ``before``; None when either is not above zero: a cost the rounds
    measured at or below nothing (the plugin as fast as, or faster than, the build it is
    compared with) is noise, and a ratio over it (or of it) says nothing."""
    return after / before if before > 0 and after > 0 else None


def _noise(before: float, after: float, small: int, large: int) -> tuple[int, float]:
    """The N whose cost is at or below nothing, and that cost (``growth`` gave None)."""
    return (small, before) if before <= 0 else (large, after)


def _growth_cell(before: float, after: float, goal: float, small: int, large: int) -> str:
    grew = growth(before, after)
    if grew is None:
        n, cost = _noise(before, after, small, large)
        return f"no growth figure: N={n}'s is {cost:.2f} s, within the rounds' noise"
    return f"×{grew:.2f} from N={small} (≤ {goal:.2f}×: {_met(grew, goal)})"


def _times(before: float, after: float, ns: tuple[int, int]) -> str:
    grew = growth(before, after)
    if grew is None:
        n, cost = _noise(before, after, *ns)
        return f"n/a (N={n}'s is {cost:.2f} s: noise)"
    return f"{grew:.2f}×"


def goals_table(rows: list[Row]) -> list[str]:
    """Every figure issue 27 sets a goal for, one column per N, each with its verdict."""
    sizes = [row.n for row in rows]
    lines = [
        "| figure | goal | " + " | ".join(f"N={n}" for n in sizes) + " |",
        "|" + "---|" * (2 + len(rows)),
    ]

    def line(figure: str, goal: str, cells: list[str]) -> None:
        lines.append(f"| {figure} | {goal} | " + " | ".join(cells) + " |")

    names = {"plugin": "plugin", "lean": "claim_pages: false"}
    for variant in rows[0].builds:
        label = "" if not variant else f"{VARIANT_NAMES[variant]}: "
        for kind, goal in RATIO_GOALS[variant].items():
            line(
                f"{label}{names[kind]} / MkDocs alone, time",
                f"≤ {goal:.2f}×",
                [
                    f"{r.builds[variant].ratio(kind):.2f}× {_met(r.builds[variant].ratio(kind), goal)}"
                    for r in rows
                ],
            )
        for what, cost in (
            ("plugin's extra time (plugin − MkDocs alone)", lambda b: b.extra("plugin")),
            ("claim pages' own cost (plugin − claim_pages: false)", Builds.claim_pages),
        ):
            cells = []
            for index, row in enumerate(rows):
                seconds = cost(row.builds[variant])
                cell = f"{seconds:.2f} s"
                if index:
                    small = rows[index - 1].n
                    before = cost(rows[index - 1].builds[variant])
                    cell += ", " + _growth_cell(
                        before, seconds, growth_goal(small, row.n), small, row.n
                    )
                cells.append(cell)
            line(f"{label}{what}, its growth", f"≤ {GROWTH_GOAL}× for twice the pages", cells)
        for kind in ("plugin", "lean"):
            builds = [r.builds[variant] for r in rows]
            line(
                f"{label}peak memory, {names[kind]} / MkDocs alone",
                f"≤ {MEMORY_GOAL:.0f}×",
                [
                    f"{b.peaks[kind]:.0f} / {b.peaks['alone']:.0f} MiB = "
                    f"{b.memory_ratio(kind):.2f}× {_met(b.memory_ratio(kind), MEMORY_GOAL)}"
                    for b in builds
                ],
            )
    cells = []
    for row in rows:
        share = row.check_edit / row.builds[""].median("alone") * 100
        cells.append(
            f"{row.check_edit:.2f} s = {share:.1f} % of {row.builds[''].median('alone'):.1f} s "
            f"{_met(share, CHECK_GOAL)}"
        )
    line("`explainers check` after one edit / MkDocs alone", f"≤ {CHECK_GOAL:.0f} %", cells)
    for index, what in ((1, "a claim"), (2, "an article")):
        line(
            f"`serve --dirty`: an edit of {what} served",
            f"≤ {SERVE_GOAL} s",
            [
                "not run"
                if row.serve is None
                else "not seen in 120 s"
                if math.isnan(row.serve[index])
                else f"{row.serve[index]:.2f} s {_met(row.serve[index], SERVE_GOAL)}"
                for row in rows
            ],
        )
    return lines


def cpu_lines(rows: list[Row]) -> list[str]:
    """The same figures on CPU seconds (user+sys of each build's process tree): beside
    the wall ones, not instead. A difference of two wall medians on a loaded machine
    moves with the load (claims27f could not reproduce a x3.66 in CPU); the CPU is
    what the build itself spent."""
    out = [
        "On CPU seconds (user+sys of each build's process tree; medians of the rounds, an "
        "extra the median of the rounds' own; no goal is judged on these):"
    ]
    for row in rows:
        for variant, b in row.builds.items():
            out.append(
                f"N {row.n}, {VARIANT_NAMES[variant]}, CPU: MkDocs alone "
                f"{b.cpu_median('alone'):.1f} s, plugin {b.cpu_median('plugin'):.1f} s, "
                f"claim_pages: false {b.cpu_median('lean'):.1f} s; plugin extra "
                f"{b.cpu_extra('plugin'):.2f} s, claim_pages: false extra "
                f"{b.cpu_extra('lean'):.2f} s, claim pages' cost "
                f"{b.cpu_extra('plugin', 'lean'):.2f} s"
            )
    for small, large in itertools.pairwise(rows):
        for variant in small.builds:
            s, g = small.builds[variant], large.builds[variant]
            ns = (small.n, large.n)
            out.append(
                f"N {small.n} -> {large.n} ({large.n / small.n:.1f}×), {VARIANT_NAMES[variant]}, "
                f"CPU: MkDocs alone {g.cpu_median('alone') / s.cpu_median('alone'):.2f}×, "
                f"plugin extra {_times(s.cpu_extra('plugin'), g.cpu_extra('plugin'), ns)} "
                f"(claim_pages: false {_times(s.cpu_extra('lean'), g.cpu_extra('lean'), ns)}"
                "), claim pages' cost "
                f"{_times(s.cpu_extra('plugin', 'lean'), g.cpu_extra('plugin', 'lean'), ns)}"
            )
    return out


def report(rows: list[Row], runs: int, ascii: bool) -> list[str]:
    """The whole printout: the builds' tables, the rounds' ranges, growth and the goals."""
    out = [
        f"explainers benchmark, {dt.date.today()}, {os.cpu_count()} cores, "
        f"{'plain ASCII' if ascii else 'typographic'} prose; after a warm-up round, medians "
        f"of {runs} rounds (each builds claim_pages: false, MkDocs alone and the plugin back "
        "to back, for each theme variant, every other round the other way round; a ratio or "
        "extra time is the median of the rounds' own); peak memory of each build's process "
        "tree, the largest of its rounds; serve edits: medians of 3 saves",
        "",
        "Material's defaults (all articles in one section: every page links to every article):",
        "",
        "| N | MkDocs alone | plugin | ratio | plugin, first build | claim_pages: false | ratio "
        "| plugin extra | check, no cache | check after an edit | check / alone "
        "| serve --dirty: claim edit | article edit | peak MiB alone / plugin / claim_pages: false |",
        "|" + "---|" * 14,
    ]
    for row in rows:
        b = row.builds[""]
        claim, article = (float("nan"),) * 2 if row.serve is None else row.serve[1:]
        out.append(
            f"| {row.n} | {b.median('alone'):.1f} s | {b.median('plugin'):.1f} s "
            f"| {b.ratio('plugin'):.2f}× | {row.plugin_cold:.1f} s "
            f"| {b.median('lean'):.1f} s | {b.ratio('lean'):.2f}× | {b.extra('plugin'):.1f} s "
            f"| {row.check_cold:.2f} s | {row.check_edit:.2f} s "
            f"| {row.check_edit / b.median('alone') * 100:.1f} % "
            f"| {claim:.2f} s | {article:.2f} s "
            f"| {b.peaks['alone']:.0f} / {b.peaks['plugin']:.0f} / {b.peaks['lean']:.0f} |"
        )
    for variant in [v for v in rows[0].builds if v]:
        out += [
            "",
            "As a large desk would set up the theme, on both sides: the articles in nav "
            "sections of 50, Material's navigation.prune (the goals' rows 'navigation.prune'):",
            "",
            "| N | MkDocs alone | plugin | ratio | claim_pages: false | ratio | plugin extra "
            "| claim pages' cost | peak MiB alone / plugin / claim_pages: false |",
            "|" + "---|" * 9,
        ]
        for row in rows:
            b = row.builds[variant]
            out.append(
                f"| {row.n} | {b.median('alone'):.1f} s | {b.median('plugin'):.1f} s "
                f"| {b.ratio('plugin'):.2f}× | {b.median('lean'):.1f} s | {b.ratio('lean'):.2f}× "
                f"| {b.extra('plugin'):.1f} s | {b.claim_pages():.1f} s "
                f"| {b.peaks['alone']:.0f} / {b.peaks['plugin']:.0f} / {b.peaks['lean']:.0f} |"
            )
    out.append("")
    for row in rows:
        for variant, b in row.builds.items():
            (p_low, p_high), (l_low, l_high) = b.ratio_range("plugin"), b.ratio_range("lean")
            out.append(
                f"N {row.n}, {VARIANT_NAMES[variant]}, ratios of the {runs} rounds: plugin "
                f"{p_low:.2f}-{p_high:.2f}×, claim_pages: false {l_low:.2f}-{l_high:.2f}×"
            )
    for small, large in itertools.pairwise(rows):
        for variant in small.builds:
            s, g = small.builds[variant], large.builds[variant]
            ns = (small.n, large.n)
            out.append(
                f"N {small.n} -> {large.n} ({large.n / small.n:.1f}×), {VARIANT_NAMES[variant]}: "
                f"MkDocs alone {g.median('alone') / s.median('alone'):.2f}×, plugin extra time "
                f"{_times(s.extra('plugin'), g.extra('plugin'), ns)} (claim_pages: false "
                f"{_times(s.extra('lean'), g.extra('lean'), ns)}), claim pages' cost "
                f"{_times(s.claim_pages(), g.claim_pages(), ns)}, peak memory "
                f"{g.peaks['plugin'] / s.peaks['plugin']:.2f}×"
            )
    out += ["", *cpu_lines(rows)]
    out += ["", "Goals (issue 27; set for N=1,000 on this project's machine):", ""]
    out += goals_table(rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 400])
    parser.add_argument("--runs", type=int, default=2, help="timed rounds after the warm-up")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--no-prune", action="store_true", help="skip the navigation.prune variant")
    parser.add_argument(
        "--ascii", action="store_true", help="articles in plain ASCII (see synth.py: unrealistic)"
    )
    args = parser.parse_args()
    variants = [v for v in VARIANTS if not (args.no_prune and v)]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            measure(
                n,
                args.runs,
                Path(tmp),
                serve=not args.no_serve,
                ascii=args.ascii,
                variants=variants,
            )
            for n in args.sizes
        ]
    print("\n".join(report(rows, args.runs, args.ascii)))


if __name__ == "__main__":
    main()
