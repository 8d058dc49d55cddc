"""Build a site next to the real one and swap it in only when the build succeeds,
so a failed build leaves the previous site exactly as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class StagedSiteDir:
    def __init__(self, final: Path) -> None:
        self.final = final
        self.building = final.parent / f".{final.name}.building"
        self._old = final.parent / f".{final.name}.old"

    def commit(self) -> None:
        """Put the finished build where the site belongs; the old site goes only after."""
        if self._old.exists():
            shutil.rmtree(self._old)
        if self.final.exists():
            os.replace(self.final, self._old)
        os.replace(self.building, self.final)
        if self._old.exists():
            shutil.rmtree(self._old)

    def discard(self) -> None:
        shutil.rmtree(self.building, ignore_errors=True)
