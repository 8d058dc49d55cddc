"""Where a page's text spells each link it renders: ``explainers check`` reports a
broken link at its line (MkDocs' own warning names the page only). The links come
from the render (:class:`~explainers.page.article_render.LinkCollector`), in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .article_render import markdown_body

Link = tuple[str, int, int]  # url, line, col


def _line_col(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def place_links(text: str, urls: Iterable[str]) -> list[Link]:
    """Each rendered link's url with where the page's text spells it: the n-th link
    to a url at the n-th time the url is written (else its first), after the front
    matter; the body's first line when the text does not spell it as rendered."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _, skipped = markdown_body(text)
    start = 0
    for _ in range(skipped):
        start = text.find("\n", start) + 1
    seen: dict[str, int] = {}
    placed: list[Link] = []
    for url in urls:
        nth = seen[url] = seen.get(url, -1) + 1
        # the url whole: after `(`, `<`, a quote, `=`, a space or a line start
        spelled = re.compile(rf"(?<![^\s(<\"'=]){re.escape(url)}") if url else None
        offsets = [m.start() for m in spelled.finditer(text, start)] if spelled else []
        offset = offsets[nth] if nth < len(offsets) else offsets[0] if offsets else start
        placed.append((url, *_line_col(text, offset)))
    return placed
