"""`mkdocs serve` rebuilds when a data file changes, reports a broken edit without
crashing, and recovers when the file is fixed, with no restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import SITES

pytestmark = pytest.mark.build  # every test here starts a process


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ctrl_c_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Server:
    """``mkdocs serve`` on a free port with its log kept; ``strict`` as in mkdocs.yml when None."""

    def __init__(self, root: Path, *args: str, strict: bool | None = False) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        #: where MkDocs makes the temporary folder it serves from
        self.tmp = root.parent / f"serve-tmp-{self.port}"
        self.tmp.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PYTHONWARNINGS": "ignore",
            "TMPDIR": str(self.tmp),
        }
        mode = [] if strict is None else ["--strict" if strict else "--no-strict"]
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                *mode,
                "-a",
                f"127.0.0.1:{self.port}",
                *args,
            ],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            # Ctrl-C as in an editor's terminal, also when this run was started in the
            # background, where the shell has the children ignore it (then MkDocs never
            # stops and leaves its served folder behind)
            preexec_fn=_ctrl_c_default,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, after: int = 0, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index, line in enumerate(self.lines[after:], after):
                if text in line:
                    return index
            assert self.proc.poll() is None, "\n".join(self.lines)
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} in:\n" + "\n".join(self.lines))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
            return response.read().decode("utf-8")

    def wait_for_page(self, path: str, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.get(path):
            assert time.monotonic() < deadline, f"{text!r} never showed on {path}"
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop as an editor does (Ctrl-C): MkDocs then removes the temporary folder it
        served from; a terminated server leaves it behind (hundreds of MB a large site)."""
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.reader.join(timeout=10)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


def test_serve_rebuilds_reports_and_recovers(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "site"
    shutil.copytree(SITES / "reader", root)
    claims = root / "content" / "claims" / "claims.yml"
    good = claims.read_text("utf-8")
    status_line = good.split("\n").index("    status: disputed") + 1
    server = Server(root)
    try:
        mark = server.wait_for("Serving on")
        assert "offer <em>tiered</em> bounties" in server.get("/en/bounties/")

        time.sleep(1.1)  # let the watcher settle so the next write is seen as a change
        claims.write_text(good.replace("status: disputed", "status: debatable", 1), "utf-8")
        mark = server.wait_for(": error: status 'debatable'", mark)
        assert server.lines[mark].split("-  ", 1)[1] == (
            f"content/claims/claims.yml:{status_line}:13: error: status 'debatable' is not on "
            "the verdict scale (confirmed, partly-confirmed, unconfirmed, disputed, false); "
            "the site uses the 'default' scale; to add 'debatable' to it, give the explainers "
            "plugin in mkdocs.yml scale_extends: default and a scale: entry debatable: "
            "{en: LABEL, nb: LABEL, settled: true|false}"
        )
        mark = server.wait_for("Reloading browsers", mark)  # pages show the error, nothing hangs
        server.wait_for_page("/en/bounties/", 'id="xp-errors"')
        assert server.proc.poll() is None, "the server is still running"

        time.sleep(1.1)
        claims.write_text(
            good.replace("offer *tiered* bounties", "offer *graded* bounties", 1), "utf-8"
        )
        mark = server.wait_for("Reloading browsers", mark + 1)
        server.wait_for_page("/en/bounties/", "offer <em>graded</em> bounties")
        # the claims folder is inside docs_dir: looked at by the data watch alone, so
        # MkDocs' own look through docs_dir (every 0.5 s) does not build it again
        time.sleep(1.5)
        assert not any("Detected file changes" in line for line in server.lines[mark + 1 :]), (
            "\n".join(server.lines[mark:])
        )
        assert list(server.tmp.glob("mkdocs_*")), "MkDocs serves from a temporary folder"
    finally:
        server.stop()
    assert not any("Traceback" in line for line in server.lines), "\n".join(server.lines)
    assert not list(server.tmp.glob("mkdocs_*")), "the served folder is left behind:\n" + "\n".join(
        [*server.lines[-15:], f"rc={server.proc.returncode}"]
    )


def test_serve_watches_data_outside_docs_dir(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "site"
    shutil.copytree(SITES / "lang", root)
    claims = root / "data" / "claims" / "c.yml"
    server = Server(root)
    try:
        mark = server.wait_for("Serving on")
        assert "Open." in server.get("/english/")
        time.sleep(1.1)
        claims.write_text(
            claims.read_text("utf-8").replace("claim: Open.", "claim: Still open."), "utf-8"
        )
        server.wait_for("Reloading browsers", mark)
        server.wait_for_page("/english/", "Still open.")
    finally:
        server.stop()


@pytest.mark.parametrize("layout", ["suffix", "folder"])
def test_serve_with_mkdocs_static_i18n(tmp_path: Path, layout: str) -> None:
    """``serve`` on a site built once per language by mkdocs-static-i18n (either layout):
    each language's article and claim page over HTTP in its language, and a claim edit
    reaching both languages' pages."""
    import shutil

    root = tmp_path / "site"
    shutil.copytree(SITES / "i18n", root)
    if layout == "folder":  # en/article.md and nb/article.md
        config = root / "mkdocs.yml"
        text = config.read_text("utf-8").replace("docs_structure: suffix", "docs_structure: folder")
        config.write_text(text, "utf-8")
        for lang in ("en", "nb"):
            (root / "docs" / lang).mkdir()
        for name in ("index", "article"):
            (root / "docs" / f"{name}.md").rename(root / "docs" / "en" / f"{name}.md")
            (root / "docs" / f"{name}.nb.md").rename(root / "docs" / "nb" / f"{name}.md")
    claims = root / "docs" / "claims" / "c.yml"
    server = Server(root)
    try:
        mark = server.wait_for("Serving on")
        for path, lang, heading in (
            ("/article/", "en", "Sources"),
            ("/nb/article/", "nb", "Kilder"),
            ("/claims/open/", "en", "Claims"),
            ("/nb/claims/open/", "nb", "Påstander"),
        ):
            page = server.get(path)
            assert f'<html lang="{lang}"' in page, path
            assert heading in page, path
            assert "The bridge opens in May." in page, path
            if path.endswith("/article/"):  # the nav's claims index, in either layout
                assert '<a href="../claims/" class="md-nav__link">' in page, path
        time.sleep(1.1)  # let the watcher settle so the next write is seen as a change
        text = claims.read_text("utf-8")
        claims.write_text(text.replace("opens in May.", "opens in June."), "utf-8")
        server.wait_for("Reloading browsers", mark)
        for path in ("/article/", "/nb/article/", "/claims/open/", "/nb/claims/open/"):
            server.wait_for_page(path, "The bridge opens in June.", timeout=60)
            assert "opens in May." not in server.get(path), path
        assert server.proc.poll() is None, "the server is still running"
        assert not [line for line in server.lines if "Traceback" in line or "ERROR" in line]
    finally:
        server.stop()
