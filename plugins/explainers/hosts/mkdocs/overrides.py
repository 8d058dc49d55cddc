"""Material templates the plugin brings along, so a site needs no ``custom_dir`` copy.

``templates/material/partials/language.html`` gives a page with ``lang: nb`` Material's Bokmål
interface strings (search, "back to top", footer) in a site whose ``theme.language``
is ``en``, and the reverse; ``partials/search.html`` beside it gives the search
dialog an accessible name. They go on the template path after the site's own
``custom_dir`` and before Material's templates: a site can still override them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.theme import Theme

log = logging.getLogger("mkdocs.plugins.explainers.overrides")

OVERRIDES_DIR = Path(__file__).parents[2] / "templates" / "material"
THEMES = ("material",)  # the partials are Material's, with a line or two changed


def add_overrides(theme: Theme) -> None:
    """Put the package's overrides on ``theme``'s template path, once."""
    folder = str(OVERRIDES_DIR)
    if theme.name not in THEMES or folder in theme.dirs:
        return
    theme.dirs.insert(1 if theme.custom_dir is not None else 0, folder)
    log.debug("template path: %s", theme.dirs)
