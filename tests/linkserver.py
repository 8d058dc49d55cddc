"""Loopback web servers for ``explainers links`` tests: each path answers one way a real
site can (200, redirect chains, 404, 410, 429 with Retry-After, slow answers, a redirect
to the root, a loop, a soft 404), over HTTP or HTTPS with the test-only certificate in
``tests/fixtures/links`` (self-signed: trusted only when a test says so).

The server notes every request (method, path, Host, User-Agent, start and end time),
so tests measure politeness where a site would: on the server side.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CERTS = Path(__file__).parent / "fixtures" / "links"
CERT = CERTS / "test-cert.pem"
KEY = CERTS / "test-key.pem"


@dataclass
class Hit:
    method: str
    path: str
    host: str
    agent: str
    start: float
    end: float = 0.0


# (status, headers, title, delay): one answer
Answer = tuple[int, dict[str, str], str, float]


def _page(title: str) -> Answer:
    return 200, {}, title, 0.0


def _to(location: str, status: int = 301) -> Answer:
    return status, {"Location": location}, "", 0.0


class LinkServer:
    """One loopback server; ``routes`` maps a path to a function of (method, how many
    times this path was asked before) returning an :data:`Answer`."""

    def __init__(self, tls: bool = False, address: str = "127.0.0.1", delay: float = 0.0) -> None:
        self.hits: list[Hit] = []
        self.asked: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.delay = delay
        self.routes: dict[str, Callable[[str, int], Answer]] = default_routes()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self._answer()

            def do_GET(self) -> None:
                self._answer()

            def _answer(self) -> None:
                hit = Hit(
                    self.command,
                    self.path,
                    self.headers.get("Host", ""),
                    self.headers.get("User-Agent", ""),
                    time.monotonic(),
                )
                with server.lock:
                    server.hits.append(hit)
                    count = server.asked[self.path]
                    server.asked[self.path] += 1
                route = server.routes.get(self.path.split("?")[0])
                status, headers, title, delay = (
                    route(self.command, count) if route else (404, {}, "Not found", 0.0)
                )
                time.sleep(delay + server.delay)
                hit.end = time.monotonic()  # before answering: the next may start at once
                body = f"<!doctype html><title>{title}</title><p>{title}</p>".encode()
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    if self.command == "GET" and title == "Trickle":
                        for _ in range(20):  # a body that never quite ends
                            self.wfile.write(b" ")
                            self.wfile.flush()
                            time.sleep(0.25)
                    if self.command == "GET":
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the checker gave up (a timeout test)
                self.close_connection = True

        self.httpd = ThreadingHTTPServer((address, 0), Handler)
        self.httpd.daemon_threads = True
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(CERT, KEY)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        scheme = "https" if tls else "http"
        self.base = f"{scheme}://{address}:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LinkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_routes() -> dict[str, Callable[[str, int], Answer]]:
    def chain(n: int) -> Callable[[str, int], Answer]:
        return lambda m, c: _to(f"/chain/{n - 1}") if n else _page("Report")

    routes: dict[str, Callable[[str, int], Answer]] = {
        "/": lambda m, c: _page("Home"),
        "/ok": lambda m, c: _page("Annual report 2026"),
        "/plain": lambda m, c: _page("Annual report 2025"),
        "/gone": lambda m, c: (404, {}, "Not here", 0.0),
        "/removed": lambda m, c: (410, {}, "Gone", 0.0),
        "/home-redirect": lambda m, c: _to("/"),
        "/loop-a": lambda m, c: _to("/loop-b", 302),
        "/loop-b": lambda m, c: _to("/loop-a", 302),
        "/soft": lambda m, c: _to("/not-found", 302),
        "/not-found": lambda m, c: _page("Sorry"),
        "/soft-title": lambda m, c: _to("/library", 302),
        "/library": lambda m, c: _page("Siden finnes ikke – NRK"),
        "/moved": lambda m, c: _to("/ok", 308),
        "/nohead": lambda m, c: (405, {}, "", 0.0) if m == "HEAD" else _page("Data"),
        "/headfail": lambda m, c: (500, {}, "", 0.0) if m == "HEAD" else _page("Data"),
        "/forbidden": lambda m, c: (403, {}, "Just a moment...", 0.0),
        "/login": lambda m, c: (401, {}, "Sign in", 0.0),
        "/busy": lambda m, c: (429, {"Retry-After": "1"}, "", 0.0) if c == 0 else _page("Busy"),
        "/always-busy": lambda m, c: (429, {"Retry-After": "0"}, "", 0.0),
        "/busy-long": lambda m, c: (429, {"Retry-After": "3600"}, "", 0.0),
        "/broken": lambda m, c: (500, {}, "", 0.0),
        "/flaky": lambda m, c: (503, {}, "", 0.0) if c == 0 else _page("Flaky"),
        "/slow": lambda m, c: (200, {}, "Slow", 3.0),
        "/trickle": lambda m, c: (302, {"Location": "/trickle-page"}, "", 0.0),
        "/trickle-page": lambda m, c: (200, {}, "Trickle", 0.0),
        "/bad-scheme": lambda m, c: _to("ftp://127.0.0.1/x"),
    }
    for n in range(8):
        routes[f"/chain/{n}"] = chain(n)
    return routes
