import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

sys.path.insert(0, str(Path(__file__).parent))

from sitebuild import build, copy_demo, log_lines  # noqa: E402


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once with `mkdocs build --strict`: no warning, no error."""
    root = copy_demo(tmp_path_factory.mktemp("demo"))
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log_lines(result, "WARNING") == []
    assert log_lines(result, "ERROR") == []
    assert "Traceback" not in result.stderr
    return root / "site"
