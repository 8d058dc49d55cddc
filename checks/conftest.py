"""``make check``: the demo's own checks. The test helpers in ``tests/`` are shared."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS / "hosts"))  # test_hosts: the demo is built the same way
