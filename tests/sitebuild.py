"""Build real sites with ``mkdocs build`` in a subprocess, as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def copy_demo(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "site_config", dest / "site_config")
    return dest


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


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return mkdocs(root, "build", "--strict", *args)


def log_lines(result: subprocess.CompletedProcess[str], level: str) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith(level)]
