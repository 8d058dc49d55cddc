"""What a search index reads of a page: the page without our boxes and lists.

Boxes, source lists, citations and mentions carry ``data-search-exclude`` (Material's
search honours it), but its parser still reads every byte and every tag of them: on a
large article a third of the HTML, and two tags for each citation. So the search plugin
is shown the page with each of them as a short comment, and the page is whole again
once it has read it. The blocks the extension deferred (its markers, see
:class:`~explainers.page.block_stash.DeferredBlocks`) are put in for the search plugin
where it should read them, and stay markers in the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...site.indexes import search_excluded

#: citations and mentions (with the wrap a mention of a generated page has), as the
#: extension writes them
INLINE_RE = re.compile(
    r'<span class="xp-cites[" ][^>]*>.*?</span>'
    # up to the link's own end only: a lazy .*? before "</a></span>" would run on to a
    # later mention's wrap where a link is not closed right before its wrap
    r'|<span class="xp-mention-wrap"><a class="xp-mention"[^>]*>(?:(?!</a>).)*</a></span>'
    r'|<a class="xp-mention"[^>]*>.*?</a>',
    re.S,
)
#: an excluded section's opening and heading, when a hidden fragment is all it holds
#: besides (the "What's unconfirmed" and "Sources" sections, as serialized)
_SECTION_HEAD_RE = re.compile(
    r"<section [^>]*data-search-exclude[^>]*>\s*<h([1-6])[^>]*>(?:(?!</h[1-6]>).)*</h\1>\s*", re.S
)
_SECTION_END_RE = re.compile(r"\s*</section>")


#: whether raw HTML's first element is marked ``data-search-exclude``
excluded = search_excluded


@dataclass(frozen=True)
class SearchView:
    full: str  # the page as built
    shown: str  # the page as the search plugin reads it
    markers: tuple[tuple[str, str], ...]  # (fragment, its marker), in page order

    def restore(self, content: str) -> str:
        """The page whole again; ``content`` is what the search plugin's turn left, which
        another plugin may have changed (then each marker is put back in place)."""
        if content == self.shown:
            return self.full
        for fragment, marker in reversed(self.markers):
            content = content.replace(marker, fragment, 1)
        return content


#: how much of a fragment is looked for before the rest is compared
HEAD = 64


def _find(html: str, fragment: str, start: int) -> int:
    """``html.find(fragment, start)``, faster for fragments of kilobytes: a box's first
    characters are looked for, then the rest compared where they are (a long needle costs
    ``str.find`` a pass over itself, and a page has boxes of several kilobytes)."""
    head = fragment[:HEAD]
    at = html.find(head, start)
    while at >= 0 and not html.startswith(fragment, at):
        at = html.find(head, at + 1)
    return at


def hidden_spans(html: str, fragments: list[str]) -> list[tuple[int, int]]:
    """Where each fragment (raw HTML the page holds, the same text perhaps twice) is in
    ``html``, as (start, end), in page order and none inside another; a fragment not
    found is left out. Found when the page is made: the fragments need not be kept."""
    spans: list[tuple[int, int]] = []
    after: dict[str, int] = {}  # where to look for the next copy of the same fragment
    start = 0  # fragments come mostly in page order: look after the last one first
    for fragment in fragments:
        if not fragment:
            continue
        at = _find(html, fragment, max(start, after.get(fragment, 0)))
        if at < 0 and start:
            at = _find(html, fragment, after.get(fragment, 0))
        if at >= 0:
            after[fragment] = start = at + len(fragment)
            spans.append((at, start))
    spans = sorted(_whole_section(html, at, stop) for at, stop in spans)
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:  # not inside one already kept
            kept.append(span)
    return kept


def _whole_section(html: str, at: int, stop: int) -> tuple[int, int]:
    """The span of the excluded section whose heading is all that ``html[at:stop]`` has
    around it, else the span itself. Material's search starts an entry at every
    heading with an id, even inside an excluded section: each article's "Sources" and
    "What's unconfirmed" would be empty results, titled with the article's name."""
    start = html.rfind("<section ", 0, at)
    if start < 0:
        return at, stop
    head = _SECTION_HEAD_RE.match(html, start)
    end = _SECTION_END_RE.match(html, stop)
    if head is None or head.end() != at or end is None:
        return at, stop
    return start, end.end()


def _same(html: str) -> str:
    return html


def search_view(html: str, fragments: list[str], fill: Callable[[str], str] = _same) -> SearchView:
    """``html`` with each fragment and each citation and mention swapped for a marker."""
    return view_of(html, hidden_spans(html, fragments), fill)


def view_of(
    html: str, spans: list[tuple[int, int]], fill: Callable[[str], str] = _same
) -> SearchView:
    """``html`` with the text at each span (see :func:`hidden_spans`) and each citation
    and mention swapped for a marker; ``fill`` puts in the deferred blocks left."""
    pieces: list[str] = []
    markers: list[tuple[str, str]] = []
    end = 0
    for at, stop in spans:
        marker = f"<!--xp-hidden-{len(markers)}-->"
        pieces += (html[end:at], marker)
        markers.append((html[at:stop], marker))
        end = stop
    pieces.append(html[end:])
    shown = fill("".join(pieces) if markers else html)

    def inline(match: re.Match[str]) -> str:
        marker = f"<!--xp-inline-{len(markers)}-->"
        markers.append((match.group(0), marker))
        return marker

    shown = INLINE_RE.sub(inline, shown)
    return SearchView(html, shown, tuple(markers))


class SearchHider:
    """A page's boxes and lists out of the search plugin's sight while it reads the page.

    :meth:`keep` notes where a page holds them as it is made; :meth:`hide` shows the
    search plugin the page without them, :meth:`show` puts the page back after it.
    Only where, not what, is kept: a large site's boxes and lists would otherwise be
    held twice (as themselves and inside the page) until the search plugin's turn.
    """

    def __init__(self, fill: Callable[[str], str] = _same) -> None:
        #: where a page holds raw HTML a search index should skip: the page as made, spans
        self.hidden: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        self.views: dict[str, SearchView] = {}
        self.fill = fill  # the deferred blocks put in (see the module's docstring)

    def keep(self, uri: str, html: str, fragments: list[str]) -> None:
        self.hidden[uri] = (html, hidden_spans(html, fragments))

    def hide(self, uri: str, content: str | None) -> str | None:
        made, spans = self.hidden.pop(uri, ("", []))
        # Another plugin may have changed the page since: then the search reads it all
        # (it skips what is marked data-search-exclude, only slower).
        if not content:
            return content
        if spans and content is made:
            view = view_of(content, spans, self.fill)
        else:
            shown = self.fill(content)  # read whole, deferred blocks and all
            if shown is content:
                return content
            view = SearchView(content, shown, ())
        self.views[uri] = view
        return view.shown

    def show(self, uri: str, content: str | None) -> str | None:
        view = self.views.pop(uri, None)
        if view is not None and content is not None:
            return view.restore(content)
        return content
