"""Benchmark: ``explainers links --all`` on 2,000 sources over 50 hosts, all on loopback.

Each host is its own server on its own loopback address (127.0.0.2 to 127.0.0.51, port 0),
answering after a simulated latency; most pages are fine, some are 404, some answer 429
with ``Retry-After: 1`` once, some 503 once. The servers note every request, so the
per-host limit is measured where a site would see it: the most requests one host had
at once, and the shortest gap between two request starts at one host.

Prints one table; exits 1 if the per-host limit or the interval was broken.
``make bench-links`` or ``python benchmarks/bench_links.py --sources 2000 --hosts 50``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

BIN = Path(sys.executable).parent


class Host:
    """One loopback site and what it saw. All hosts share one asyncio loop in one thread:
    a request's start is noted as soon as its head has arrived, with no thread to start
    first, so the gaps measured are the checker's, not this server's scheduling."""

    def __init__(self, address: str, latency: float) -> None:
        self.address = address
        self.latency = latency
        self.active = 0
        self.most = 0
        self.starts: list[float] = []
        self.asked: dict[str, int] = defaultdict(int)
        self.base = ""

    async def start(self) -> None:
        server = await asyncio.start_server(self._handle, self.address, 0)
        self.base = f"http://{self.address}:{server.sockets[0].getsockname()[1]}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            self.starts.append(time.monotonic())
            self.active += 1
            self.most = max(self.most, self.active)
            path = head.split(b" ", 2)[1].decode()
            seen = self.asked[path]
            self.asked[path] += 1
            await asyncio.sleep(self.latency)
            kind = path.rsplit("-", 1)[-1]
            status, extra = "200 OK", ""
            if kind == "gone":
                status = "404 Not Found"
            elif kind == "busy" and not seen:
                status, extra = "429 Too Many Requests", "Retry-After: 1\r\n"
            elif kind == "down" and not seen:
                status = "503 Service Unavailable"
            self.active -= 1  # before answering: the checker may start the next at once
            writer.write(
                f"HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, IndexError):
            pass
        finally:
            writer.close()

    def gaps(self) -> list[float]:
        starts = sorted(self.starts)
        return [b - a for a, b in itertools.pairwise(starts)]

    def most_in(self, window: float) -> int:
        """The most requests whose starts fall within any ``window`` seconds."""
        starts = sorted(self.starts)
        most, first = 0, 0
        for last, start in enumerate(starts):
            while start - starts[first] > window:
                first += 1
            most = max(most, last - first + 1)
        return most


def serve(hosts: list[Host]) -> None:
    """Start every host on one event loop in a background thread."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    async def start_all() -> None:
        for host in hosts:
            await host.start()
        ready.set()

    threading.Thread(target=loop.run_forever, daemon=True).start()
    asyncio.run_coroutine_threadsafe(start_all(), loop)
    ready.wait(30)


def kind_of(n: int) -> str:
    """What the n-th page does: 5% are gone, 2% busy once, 1% down once."""
    if n % 20 == 7:
        return "gone"
    if n % 50 == 11:
        return "busy"
    if n % 100 == 13:
        return "down"
    return "ok"


def make_site(root: Path, hosts: list[Host], sources: int, options: dict[str, float]) -> None:
    (root / "content" / "claims").mkdir(parents=True)
    (root / "content" / "sources").mkdir()
    links = ", ".join(f"{k}: {v}" for k, v in options.items())
    (root / "mkdocs.yml").write_text(
        f"site_name: Bench\ndocs_dir: content\nplugins:\n  - explainers:\n      links: {{{links}}}\n",
        "utf-8",
    )
    per_file = 100
    for first in range(0, sources, per_file):
        lines = ["sources:"]
        for n in range(first, min(first + per_file, sources)):
            host = hosts[n % len(hosts)]
            lines += [
                f"  - id: s{n}",
                f"    title: Source {n}",
                f"    url: {host.base}/doc/{n}-{kind_of(n // len(hosts))}",
            ]
        (root / "content" / "sources" / f"s{first // per_file:03}.yml").write_text(
            "\n".join(lines) + "\n", "utf-8"
        )


def run(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "explainers"), *args], capture_output=True, text=True, check=False
    )
    return time.perf_counter() - start, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument(
        "--latency",
        type=float,
        default=0.15,
        help="seconds per answer (above the interval, so the per-host limit binds)",
    )
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    hosts = [Host(f"127.0.0.{2 + i}", args.latency) for i in range(args.hosts)]
    serve(hosts)
    options = {
        "per_host": args.per_host,
        "interval": args.interval,
        "concurrency": args.concurrency,
        "timeout": 5,
        "retries": 2,
    }
    with tempfile.TemporaryDirectory(prefix="bench-links-") as tmp:
        root = Path(tmp)
        make_site(root, hosts, args.sources, options)
        cold, first = run(["links", str(root), "--all", "--json"])
        if first.returncode not in (0, 1):
            print(first.stderr, file=sys.stderr)
            return 2
        data = json.loads(first.stdout)
        states: dict[str, int] = defaultdict(int)
        for link in data["links"]:
            states[link["state"]] += 1
        requests = sum(len(h.starts) for h in hosts)
        most = max(h.most for h in hosts)
        gaps = sorted(g for h in hosts for g in h.gaps())
        per_second = max(h.most_in(1.0) for h in hosts)
        warm, _ = run(["links", str(root)])  # nothing due: the record answers
        offline, _ = run(["links", str(root), "--offline"])
        record = (root / "explainers-links.json").stat().st_size
    busiest = max(len(h.starts) for h in hosts)
    floor = (busiest - 1) * args.interval
    allowed = int(1.0 / args.interval) + 1
    rows = [
        (
            "sources / hosts",
            f"{args.sources} / {args.hosts} (latency {args.latency * 1000:.0f} ms)",
        ),
        (
            "options",
            f"per_host {args.per_host}, interval {args.interval} s, concurrency {args.concurrency}",
        ),
        ("--all, cold", f"{cold:.2f} s ({requests} requests, {requests / cold:.0f}/s)"),
        ("  floor from the interval", f"{floor:.2f} s ({busiest} requests at the busiest host)"),
        ("results", ", ".join(f"{n} {s}" for s, n in sorted(states.items()))),
        ("most at once, one host", f"{most} (limit {args.per_host})"),
        (
            "gap between starts, one host",
            f"median {statistics.median(gaps) * 1000:.1f} ms, 1st percentile "
            f"{gaps[len(gaps) // 100] * 1000:.1f} ms, shortest {gaps[0] * 1000:.1f} ms "
            f"(interval {args.interval * 1000:.0f} ms)",
        ),
        ("most in any 1 s, one host", f"{per_second} (at most {allowed} with the interval)"),
        ("second run (nothing due)", f"{warm:.2f} s"),
        ("--offline", f"{offline:.2f} s"),
        ("record file", f"{record / 1024:.0f} KB"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(f"(python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    # The shortest gap is as the server's clock saw it: on a busy machine its loop can
    # note a request tens of milliseconds late, which shortens the next gap. The count per
    # second is not fooled by that lateness.
    held = most <= args.per_host and per_second <= allowed
    if not held:
        print("the per-host limit or the interval was broken", file=sys.stderr)
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
