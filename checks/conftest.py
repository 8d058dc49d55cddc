"""``make check``: the demo's own checks. The test helpers in ``tests/`` are shared."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
