"""The package's layers: each module imports only from its own layer and the ones below.

data ← page ← site ← hosts ← cli (the package's ``__init__`` and the old-path aliases
are the public face above them all). Read from the source with :mod:`ast`, so the rule
holds for every import, including those under ``TYPE_CHECKING``; and no import of our
own sits inside a function, where it could hide a cycle. The checker is tested on
planted violations, so a silent pass cannot mean a checker that sees nothing.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import REPO

PACKAGE = REPO / "plugins" / "explainers"
#: layer of each top-level folder, lowest first
LAYERS = {"data": 1, "page": 2, "site": 3, "hosts": 4, "cli": 5}
TOP = 6  # explainers/__init__.py and explainers/_moved.py: the public face
#: third-party imports allowed only in some folders
HOST_LIBRARIES = ("mkdocs", "jinja2")
MARKDOWN_LIBRARIES = ("markdown", "markdown_it", "mdit_py_plugins", "pymdownx")


def package_sources(package: Path = PACKAGE) -> dict[str, str]:
    """{module name: source} of every module in the package (a copy of it: ``package``)."""
    sources = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        sources[".".join(parts)] = path.read_text("utf-8")
    return sources


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], TOP) if len(parts) > 1 else TOP


def is_package(module: str, sources: dict[str, str]) -> bool:
    return any(other.startswith(module + ".") for other in sources)


def imports(module: str, source: str, sources: dict[str, str]) -> list[tuple[str, int, bool]]:
    """(imported name, line, inside a function) of every import in ``source``; ours are
    resolved to the module they name (``from ..data import schema`` is ``explainers.data.schema``)."""
    found = []
    package = module if is_package(module, sources) else module.rpartition(".")[0]
    tree = ast.parse(source)
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    nested = {id(n) for f in functions for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        inner = id(node) in nested
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, inner) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.append((child if child in sources else base, node.lineno, inner))
    return found


def violations(sources: dict[str, str]) -> list[str]:
    """Every broken rule, as ``module:line: what``; empty when the layers hold."""
    problems = []
    graph: dict[str, set[str]] = {module: set() for module in sources}
    for module, source in sources.items():
        folder = module.split(".")[1] if "." in module else ""
        in_host = module.startswith("explainers.hosts.mkdocs")
        for name, line, inner in imports(module, source, sources):
            top = name.split(".")[0]
            where = f"{module}:{line}"
            if top == "explainers":
                if inner:
                    problems.append(f"{where}: imports {name} inside a function")
                if layer(name) > layer(module):
                    problems.append(f"{where}: imports {name} from a layer above")
                if name in sources and name != module:
                    graph[module].add(name)
            elif top in HOST_LIBRARIES and not in_host:
                problems.append(f"{where}: imports {name} outside explainers.hosts.mkdocs")
            elif top in MARKDOWN_LIBRARIES and folder == "data":
                problems.append(f"{where}: the data layer imports the Markdown library {name}")
    problems += [f"import cycle among: {', '.join(group)}" for group in cycles(graph)]
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or not (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_layers_hold() -> None:
    sources = package_sources()
    assert {module.split(".")[1] for module in sources if module.count(".") >= 2} == set(LAYERS)
    assert violations(sources) == []


@pytest.mark.parametrize(
    ("module", "planted", "expected"),
    [
        (
            "explainers.data.model",
            "from ..site.check import check_all\n",
            "explainers.data.model:{line}: imports explainers.site.check from a layer above",
        ),
        (
            "explainers.page.syntax",
            "from explainers.hosts.mkdocs import plugin\n",
            "explainers.page.syntax:{line}: imports explainers.hosts.mkdocs.plugin "
            "from a layer above",
        ),
        (
            "explainers.site.feeds",
            "def f():\n    from ..data import model\n",
            "explainers.site.feeds:{inner}: imports explainers.data.model inside a function",
        ),
        (
            "explainers.site.check",
            "import mkdocs.config\n",
            "explainers.site.check:{line}: imports mkdocs.config outside explainers.hosts.mkdocs",
        ),
        (
            "explainers.data.load",
            "import markdown\n",
            "explainers.data.load:{line}: the data layer imports the Markdown library markdown",
        ),
    ],
)
def test_a_planted_violation_is_found(module: str, planted: str, expected: str) -> None:
    sources = package_sources()
    line = sources[module].count("\n") + 1
    sources[module] += planted
    found = violations(sources)
    assert [p for p in found if not p.startswith("import cycle")] == [
        expected.format(line=line, inner=line + 1)
    ]


def test_a_planted_cycle_is_found() -> None:
    sources = package_sources()
    sources["explainers.data.model"] += "from . import load\n"  # load imports model
    found = violations(sources)
    # one cycle: every module on a path from load back to model is in it (which those are
    # changes as the data layer grows; that the two ends are is the point)
    assert len(found) == 1 and found[0].startswith("import cycle among: "), found
    assert {"explainers.data.load", "explainers.data.model"} <= set(
        found[0].removeprefix("import cycle among: ").split(", ")
    )


def test_the_plugin_only_wires_events() -> None:
    """``hosts/mkdocs/plugin.py`` hands each event to the build object (issue 23): it
    stays under 250 lines, and logic goes to a module of the right layer."""
    lines = (PACKAGE / "hosts" / "mkdocs" / "plugin.py").read_text("utf-8").count("\n")
    assert lines < 250, (
        f"plugin.py has {lines} lines: move logic out (site/build.py, hosts/mkdocs/)"
    )


def test_the_checker_reads_a_planted_tree_from_disk(tmp_path: Path) -> None:
    """The whole path from files to findings, on a copy of the package with three
    planted problems: an upward import, an import inside a function and a cycle (the
    planted tests above change the sources in memory, after they were read)."""
    package = tmp_path / "explainers"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "*.js", "*.css"))
    assert violations(package_sources(package)) == []  # the copy holds as the package does
    numbering = package / "page" / "numbering.py"
    up = numbering.read_text("utf-8").count("\n") + 1
    numbering.write_text(
        numbering.read_text("utf-8") + "from ..cli import commands\n"
        "def later():\n    from explainers.data import load\n",
        "utf-8",
    )
    (package / "data" / "model.py").write_text(
        (package / "data" / "model.py").read_text("utf-8") + "from . import load\n", "utf-8"
    )
    found = violations(package_sources(package))
    assert found[:2] == [
        f"explainers.page.numbering:{up}: imports explainers.cli.commands from a layer above",
        f"explainers.page.numbering:{up + 2}: imports explainers.data.load inside a function",
    ]
    groups = [set(p.removeprefix("import cycle among: ").split(", ")) for p in found[2:]]
    assert all(p.startswith("import cycle among: ") for p in found[2:]), found
    # the upward import closes a cycle of its own (the CLI imports the page layer)
    assert any({"explainers.data.load", "explainers.data.model"} <= g for g in groups)
    assert any({"explainers.page.numbering", "explainers.cli.commands"} <= g for g in groups)


@pytest.mark.build
def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    """No module depends on another having been imported first (the import order an
    entry point or a user's ``import explainers.x`` happens to use): ``python -c "import
    explainers.x"`` in a fresh interpreter per module, as many at once as there are CPUs.
    A name that does not import is among them, so a harness that reports nothing fails."""
    modules = sorted(package_sources())
    script = (
        "import os, subprocess, sys\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "def alone(name):\n"
        "    run = subprocess.run([sys.executable, '-W', 'error', '-c', f'import {name}'],\n"
        "                         capture_output=True, text=True)\n"
        "    return name + ': ' + run.stderr.strip().splitlines()[-1] if run.returncode else ''\n"
        "with ThreadPoolExecutor(os.cpu_count()) as pool:\n"
        "    print('\\n'.join(f for f in pool.map(alone, sys.argv[1:]) if f))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, *modules, "explainers.no_such_module"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip() == (
        "explainers.no_such_module: ModuleNotFoundError: No module named "
        "'explainers.no_such_module'"
    )
