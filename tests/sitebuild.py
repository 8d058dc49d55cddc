"""Build real sites with ``mkdocs build`` in a subprocess, as a user would; never the demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: The working-tree demo: editors' drafts live here, so no test may read it.
DEMO_PATHS = ("content", "mkdocs.yml", "site_config")


class DemoReads:
    """Records every file under the demo paths that this process opens (an audit hook)."""

    def __init__(self) -> None:
        self.roots = tuple(str(REPO / name) for name in DEMO_PATHS)
        self.paths: set[str] = set()

    def audit(self, event: str, args: tuple) -> None:
        if (
            event not in ("open", "os.scandir", "os.listdir")
            or not args
            or not isinstance(args[0], str | Path)
        ):
            return
        if not os.path.isabs(args[0]) and event == "open" and args[1] is None:
            return  # os.open(name, dir_fd=...) inside a tree walk: relative to that folder
        path = os.path.abspath(args[0])
        if path.startswith(self.roots) and (
            path in self.roots or path.startswith(tuple(r + os.sep for r in self.roots))
        ):
            self.paths.add(path)


demo_reads = DemoReads()


def tool(name: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a console script of this virtual environment (mkdocs, explainers) as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [str(Path(sys.executable).parent / name), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return tool("mkdocs", *args, cwd=root)


def build(root: Path, *args: str, strict: bool = True) -> subprocess.CompletedProcess[str]:
    return mkdocs(root, "build", *(("--strict",) if strict else ()), *args)


def log_lines(result: subprocess.CompletedProcess[str], level: str) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith(level)]
