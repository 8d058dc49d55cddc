"""Layer 5, the command line (``explainers check``, ``new``, ``pages``, ``links``).

May import every layer below; nothing imports it. ``explainers.cli:main`` is the
console script.
"""

from .commands import main

__all__ = ["main"]
