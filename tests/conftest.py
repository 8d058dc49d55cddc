import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

sys.path.insert(0, str(Path(__file__).parent))
# Under `make mutation` the tests run from mutmut's copy (mutants/tests): import the
# mutated package (mutants/src, see the Makefile), not the editable install of the original.
if Path(__file__).parent.parent.name == "mutants":
    sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

from helpers import MUTATION, SITES  # noqa: E402
from sitebuild import DEMO_PATHS, build, demo_reads, log_lines  # noqa: E402

# Tests never read the working-tree demo (content/, mkdocs.yml, site_config/): an editor's
# draft there must not break `make test`. Every file this process opens is audited.
sys.addaudithook(demo_reads.audit)


class Spawned:
    """Counts the processes this one starts (an audit hook): a build, ``serve``, the CLI
    as a process, a browser, a fresh interpreter."""

    def __init__(self) -> None:
        self.count = 0

    def audit(self, event: str, args: tuple) -> None:
        if event == "subprocess.Popen":
            self.count += 1


spawned = Spawned()
sys.addaudithook(spawned.audit)
SPAWNED_BEFORE = pytest.StashKey[int]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser test starts a browser: it is a build test too."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.build)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> object:
    item.stash[SPAWNED_BEFORE] = spawned.count  # a session fixture's build counts too
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """The ``build`` marker tells in-process tests from those that start a process, so
    ``-m "not build"`` runs the fast ones alone: a test that starts one must say so."""
    result = yield
    if spawned.count > item.stash[SPAWNED_BEFORE] and item.get_closest_marker("build") is None:
        pytest.fail("this test starts a process (a build, serve, the CLI): mark it build")
    return result


#: The one warning the reader site is built with: its page that boxes a claim twice.
READER_WARNINGS = [
    "WARNING -  content/en/twice.md:7:1: warning: the box of claim 'officer-shot' is already "
    "on this page (line 3); mention it with :claim[officer-shot]"
]


@pytest.fixture(autouse=True)
def _memo_forgotten() -> None:
    """Under mutation testing each mutant's run is forked from a process that already ran
    the tests: a remembered answer of the unmutated code would hide the mutant."""
    if MUTATION:
        from explainers.data.validation import parse_date
        from explainers.page.i18n import format_partial_date
        from explainers.page.locator import from_data

        parse_date.cache_clear()
        from_data.cache_clear()  # a locator's HTML, made by the mutated locator._render
        format_partial_date.cache_clear()


@pytest.fixture(scope="session")
def reader_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reader fixture site, built once with `mkdocs build`: exactly one warning, no error."""
    root = tmp_path_factory.mktemp("reader") / "reader"
    shutil.copytree(SITES / "reader", root)
    result = build(root, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log_lines(result, "WARNING") == READER_WARNINGS
    assert log_lines(result, "ERROR") == []
    assert "Traceback" not in result.stderr
    return root


@pytest.fixture(scope="session")
def reader(reader_root: Path) -> Path:
    """The built reader site folder."""
    return reader_root / "site"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if demo_reads.paths:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(
            "\nA test read the working-tree demo: "
            + ", ".join(sorted(demo_reads.paths))
            + f" (tests use fixture sites; demo paths: {', '.join(DEMO_PATHS)})",
            file=sys.stderr,
        )
