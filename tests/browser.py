"""Serve a built site on loopback and drive Debian's chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError(
            "Debian's chromium is needed for browser tests: run `make test` (it installs it)"
        )
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve ``folder`` at ``http://127.0.0.1:PORT/`` (a free port unless one is given)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser_page(**context: object) -> Iterator[object]:
    """A page of Debian's chromium; ``context``: Playwright's new_context options."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser.new_context(**context).new_page()
        finally:
            browser.close()


def axe_violations(page: object, scope: str = "document") -> list[dict[str, object]]:
    """axe-core's violations on ``page`` within ``scope`` (a JS expression: ``document`` or a
    selector string), each as its rule id, impact and first three nodes."""
    assert AXE.exists(), "run `make test` (it installs axe-core from npm)"
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    found: list[dict[str, object]] = page.evaluate(  # type: ignore[attr-defined]
        f"async () => (await axe.run({scope}, {{resultTypes: ['violations']}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return found


def serious(violations: list[dict[str, object]]) -> list[dict[str, object]]:
    """The violations a reader is really hindered by (axe's serious and critical)."""
    return [v for v in violations if v["impact"] in ("serious", "critical")]
