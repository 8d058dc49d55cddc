"""The package on its own: a built wheel, installed in a new virtual environment outside
the repository, runs `explainers init`, and the new site passes `explainers check
--strict` and `mkdocs build --strict` with nothing but what init wrote.

No network at test time: the wheel is built offline (``--no-build-isolation``, with this
environment's setuptools), installed with ``--no-deps``, and the new environment reads
the dependencies (MkDocs, Material, …) from this one through a ``.pth`` line. What it
imports as ``explainers`` is the wheel's copy; this repository is not on its path.
A few seconds in all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from sitebuild import REPO

pytestmark = [pytest.mark.build, pytest.mark.slow]
PACKAGE = REPO / "plugins" / "explainers"


def _run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    result = subprocess.run(
        [str(a) for a in argv], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (a build leaves build/ where it runs)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(PACKAGE, src / "plugins" / "explainers", ignore=skip)
    pip = (sys.executable, "-m", "pip")
    offline = ("--no-deps", "--no-build-isolation", "--no-index", "-q")
    _run(*pip, "wheel", *offline, "-w", work / "dist", src, cwd=work)
    (found,) = (work / "dist").glob("explainers-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed; returns its bin/ folder."""
    root = tmp_path_factory.mktemp("venv") / "env"
    _run(sys.executable, "-m", "venv", "--without-pip", root, cwd=root.parent)
    python = root / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--python", python)
    _run(*pip, "install", "--no-deps", "--no-index", "-q", wheel, cwd=root.parent)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = _run(python, "-c", where, cwd=root)
    (Path(purelib.stdout.strip()) / "borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", "utf-8"
    )
    return root / "bin"


def test_the_wheel_carries_every_file_of_the_package(wheel: Path) -> None:
    """Templates, schemas, scripts, stylesheets and the site template: all package data."""
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n for n in archive.namelist() if n.startswith("explainers/")}
    source = {
        "explainers/" + p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert source - shipped == set()
    assert "explainers/templates/material/partials/language.html" in shipped
    assert "explainers/sitetemplate/nb/content/claims/eksempel.yml" in shipped


def test_the_new_environment_imports_the_wheel_not_the_repository(venv: Path) -> None:
    where = _run(
        venv / "python",
        "-c",
        "import explainers, sys; print(explainers.__file__); print('\\n'.join(sys.path))",
        cwd=venv,
    ).stdout.splitlines()
    assert Path(where[0]).is_relative_to(venv.parent)
    # of this repository, only the borrowed dependencies (in .venv/) are on its path
    borrowed = Path(sysconfig.get_paths()["purelib"]).resolve()
    in_repo = {Path(p).resolve() for p in where[1:] if p and Path(p).resolve().is_relative_to(REPO)}
    assert in_repo <= {borrowed}


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_init_then_both_strict_commands_outside_the_repository(
    venv: Path, tmp_path: Path, lang: str
) -> None:
    site = tmp_path / "desk"
    written = _run(venv / "explainers", "init", site.name, "--lang", lang, cwd=tmp_path).stdout
    wrote = sorted(Path(line).as_posix() for line in written.splitlines())
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in before) == wrote

    check = _run(venv / "explainers", "check", "--strict", cwd=site)
    assert check.stdout == ""
    assert check.stderr == (
        "checked 2 articles, 1 source, 1 claim: no problems\n"
        "would publish 2 articles, 1 claim, 1 source; "
        "drafts left out: 0 articles, 0 claims, 0 sources\n"
    )
    build = _run(venv / "python", "-m", "mkdocs", "build", "--strict", cwd=site)
    assert "WARNING" not in build.stderr and "ERROR" not in build.stderr

    # The folder holds what init wrote, unchanged, and what the two commands make.
    made = ("site", ".explainers_cache")
    after = {
        p: p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] not in made
    }
    assert after == before
    top = sorted(p.name for p in site.iterdir())
    assert top == sorted([".gitignore", "content", "mkdocs.yml", *made])
    index = (site / "site" / "index.html").read_text("utf-8")
    assert f'<html lang="{lang}"' in index
    assert 'class="md-search" data-md-component="search" role="dialog" aria-label=' in index
    for published in (
        "assets/explainers/explainers.css",
        "assets/explainers/lang.js",
        "schemas/claims.schema.json",
        "verdicts.atom",
    ):
        assert (site / "site" / published).is_file(), published
