"""Where an option sits in the site's ``mkdocs.yml``, so a problem an option causes
(a data folder that does not exist) points at the option's line.

A plain text search, no YAML parser: the data layer needs the line, not the value,
and the full reader (:mod:`explainers.hosts.mkdocs_yml`) sits above this layer.
"""

from __future__ import annotations

import re
from pathlib import Path

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def option_position(root: Path, option: str) -> tuple[str, int, int] | None:
    """(file, line, col) of ``option:`` in the site's mkdocs.yml, or of the file when it is
    left at its default; None without a mkdocs.yml (the Markdown extension alone)."""
    for name in CONFIG_NAMES:
        path = root / name
        if not path.is_file():
            continue
        try:
            lines = path.read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return name, 1, 1
        pattern = re.compile(rf"^(\s*){re.escape(option)}\s*:\s*(\S?)")
        for number, line in enumerate(lines, 1):
            match = pattern.match(line)
            if match:
                return name, number, (match.start(2) if match.group(2) else match.end()) + 1
        return name, 1, 1
    return None
