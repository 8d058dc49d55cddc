"""Where an article's YAML front matter is: the one pattern, for every layer.

An article's front matter is text the data layer reads too (is the article a draft?),
so its pattern lives here, below the page layer's syntax (:mod:`explainers.page.syntax`
takes it from here).
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

#: YAML front matter at the top of an article, as MkDocs finds it
#: (``mkdocs.utils.meta.get_data``); group 1 is the YAML
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def front_matter_yaml(text: str) -> str | None:
    """The YAML of an article's front matter, None when it has none. ``text`` as a file
    holds it: a byte order mark and CRLF line ends are read as MkDocs reads them, and a
    closing line the file ends on without a line end still closes it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    match = FRONT_MATTER_RE.match(text if text.endswith("\n") else text + "\n")
    return match.group(1) if match else None
