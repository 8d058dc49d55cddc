"""Site-wide generated pages in Markdown: the claims index and the sources index.

Their text is built here from escaped YAML text, so they render through the same
extension and theme as every other page. The per-claim pages are rendered
outside the page loop (see :mod:`.claimpages`).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import NamedTuple

from ..data import translations
from ..data.model import Claim, Site, Source
from ..page import field_markdown as fieldmd
from ..page.block_stash import BlockPacker, DeferredBlocks, PackedBlock
from ..page.extension import id_attrs
from ..page.i18n import Labels, format_partial_date
from ..page.page_record import PageRecord
from ..page.paths import walk

CLAIMS_DIR = "claims"
CLAIMS_INDEX = f"{CLAIMS_DIR}/index.md"
SOURCES_INDEX = "sources/index.md"


@dataclass
class SiteIndex:
    """What rendering the articles found, for the pages that list them.

    ``titles`` maps a page's path under docs_dir to its title; ``claim_pages`` and
    ``source_pages`` map a claim or source id to the pages (paths) that show or
    number it, in first-seen order.
    """

    titles: dict[str, str] = field(default_factory=dict)
    #: a page's site-relative URL, where the host has told it (the MkDocs plugin)
    urls: dict[str, str] = field(default_factory=dict)
    claim_pages: dict[str, list[str]] = field(default_factory=dict)
    source_pages: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of_pages(
        cls, pages: Iterable[tuple[str, str, str | None, list[str], list[str]]]
    ) -> SiteIndex:
        """The index of (path, title, URL or None, claims shown, sources numbered) per
        page, in the order given: the one way both the build and the check make it."""
        index = cls()
        for uri, title, url, claims, sources in pages:
            index.titles[uri] = title
            if url is not None:
                index.urls[uri] = url
            for claim_id in claims:
                add_once(index.claim_pages, claim_id, uri)
            for source_id in sources:
                add_once(index.source_pages, source_id, uri)
        return index

    @classmethod
    def of_records(cls, pages: Iterable[PageRecord]) -> SiteIndex:
        """The index of these pages' records, in path order: the one way both the build
        and the check make it (each record says what its page shows and numbers)."""
        return cls.of_pages(
            (page.src_uri, page.title, page.url, page.claims, page.cited)
            for page in sorted(pages, key=lambda p: p.src_uri)
        )


def add_once(table: dict[str, list[str]], key: str, uri: str) -> None:
    """Record that page ``uri`` uses ``key``, keeping first-seen page order."""
    _once(table.setdefault(key, []), uri)


def _once(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


@dataclass(frozen=True)
class IndexText:
    """An index page's Markdown with its one list block as pieces, made as they are read:
    :meth:`IndexPages.make` packs the block a piece at a time, so the page's text is never
    one string (the claims index at N=1,000: six million characters, 12 MiB with its
    verdict icons, then copied by the joins, the digest and :func:`lift_lists`). The
    text is ``head``, the block's pieces, then ``tail``; ``head`` and ``tail`` hold no
    list block of their own."""

    head: str
    block: Iterable[str]
    tail: str

    def joined(self) -> str:
        """The whole text, as one string (its block's pieces read, once)."""
        return self.head + "".join(self.block) + self.tail


@dataclass(frozen=True)
class PackedList:
    """A list block packed as it was made (:class:`IndexText`), and what the page's
    rendering reads of it: the element ids in it, and whether a search index skips it."""

    block: PackedBlock
    ids: list[str]
    excluded: bool


class Filled(NamedTuple):
    """An index page's rendered HTML with its lists put back (or their markers), what the
    page holds for each list, the element ids in the lists, and what of the page a
    search index may skip (see :meth:`IndexPages.fill`)."""

    html: str
    held: list[str]
    ids: list[str]
    hidden: list[str]


def _list_marker(number: int) -> str:
    return f'<div data-xp-list="{number}"></div>'


def _list_html(found: str | PackedList) -> str:
    """A list block's HTML, unpacked where it was packed as it was made."""
    return found.block.text() if isinstance(found, PackedList) else found


def _packed(text: IndexText) -> tuple[bytes, str, dict[str, str | PackedList]]:
    """The digest of ``text``'s UTF-8, its Markdown with a marker for its list block
    (what :func:`lift_lists` makes of the joined text), and the block, packed."""
    packer, digest = BlockPacker(), hashlib.sha256(text.head.encode("utf-8"))
    ids: list[str] = []
    opening = ""
    for piece in text.block:
        digest.update(packer.add(piece))
        ids += id_attrs(piece)  # a piece starts with a tag or a line break, never an id
        opening = opening or piece
    digest.update(text.tail.encode("utf-8"))
    found = PackedList(packer.packed(), ids, search_excluded(opening))
    marker = _list_marker(0)
    return digest.digest(), text.head + marker + text.tail, {marker: found}


class IndexPages:
    """The claims and sources index pages of a build: made once the articles are
    rendered, their long lists kept out of the host's Markdown (:func:`lift_lists`) and
    put back into its HTML; under ``--dirty``, one made from the same text as the page
    written last time is left as it is (4,000 claims, 2,000 sources to render and
    index again after each save, otherwise)."""

    def __init__(self) -> None:
        #: marker -> list HTML (or, from an :class:`IndexText`, the list packed), per page
        self.lists: dict[str, dict[str, str | PackedList]] = {}
        #: a digest of the text of the page written (the text itself is megabytes on a
        #: large site, held through the build for one comparison under ``--dirty``)
        self.texts: dict[str, bytes] = {}
        self.made: dict[str, bytes] = {}  # ... and of the one being made
        #: under ``serve --dirty``: per page, the text last made into Markdown, and its
        #: digest, Markdown and lists (an edit leaves most index pages' text as it was)
        self.last: dict[str, tuple[str, bytes, str, dict[str, str | PackedList]]] = {}

    def make(
        self, uri: str, text: str | IndexText, keep: bool, again: bool = False
    ) -> tuple[str, bool]:
        """The Markdown the host renders for the index page ``uri`` made of ``text``, and
        whether the page written last time holds the same (``keep``: the host may leave
        it, under ``--dirty`` when its file exists). ``again``: the host will ask again
        (``serve --dirty``): the same text object next time is not hashed and taken
        apart again (megabytes on a large site). An :class:`IndexText`'s list is packed
        as its pieces are made (the same digest, Markdown and list as its joined text)."""
        if again and isinstance(text, IndexText):
            text = text.joined()  # held for the next time: as one string
        last = self.last.get(uri)
        lists: dict[str, str | PackedList]
        if last is not None and last[0] is text:
            _, digest, markdown, lists = last
        elif isinstance(text, IndexText):
            digest, markdown, lists = _packed(text)
        else:
            digest = hashlib.sha256(text.encode("utf-8")).digest()
            markdown, lifted = lift_lists(text)
            lists = dict(lifted)
        if again and isinstance(text, str):
            self.last[uri] = (text, digest, markdown, lists)
        else:
            self.last.pop(uri, None)
        same = keep and self.texts.get(uri) == digest
        self.made[uri] = digest
        self.lists[uri] = lists
        return markdown, same

    def fill(
        self, uri: str, html: str, defer: DeferredBlocks | None = None, into_file: bool = False
    ) -> Filled:
        """The rendered page with its lists put back, what the page holds for each list
        (none: not an index page), the ids in them and what a search index may skip.
        With ``defer`` the page holds each list's marker and the lists wait there
        compressed till the host fills the finished page in
        (:meth:`DeferredBlocks.fill`): on a large site the claims index's lists are
        megabytes the host would hold through its build. With ``into_file`` too they
        wait till the host has written the page, and go into its file
        (:meth:`DeferredBlocks.write_into`)."""
        lists = self.lists.pop(uri, None)
        if not lists:
            return Filled(html, [], [], [])
        ids: list[str] = []
        excluded = []
        for found in lists.values():
            if isinstance(found, PackedList):
                ids += found.ids
                excluded.append(found.excluded)
            else:
                ids += id_attrs(found)
                excluded.append(search_excluded(found))
        packed = [found for found in lists.values() if isinstance(found, PackedList)]
        if defer is None:
            whole = {marker: _list_html(found) for marker, found in lists.items()}
            held = list(whole.values())
            html = put_lists(html, whole)
        else:
            key = defer.open()
            if len(packed) == 1 and len(lists) == 1:  # an IndexText's one list
                defer.keep_packed(key, packed[0].block, into_file)
            else:
                defer.keep(key, [_list_html(found) for found in lists.values()], into_file)
            held = [defer.marker(key, number) for number in range(len(lists))]
            html = put_lists(html, dict(zip(lists, held, strict=True)))
        hidden = [h for h, skip in zip(held, excluded, strict=True) if skip]
        return Filled(html, held, ids, hidden)

    def written(self, uri: str) -> None:
        """The host wrote the page: its text is what ``--dirty`` compares with next time."""
        if uri in self.made:
            self.texts[uri] = self.made.pop(uri)


def md_text(text: str) -> str:
    """Untrusted text made inert inside Markdown: HTML escaped, syntax characters backslashed."""
    out = escape(" ".join(text.split()), quote=False).replace("\\", "\\\\")
    for char in "`*_{}[]()#+-.!":
        out = out.replace(char, "\\" + char)
    return out


def _front(title: str, lang: str) -> str:
    return f"---\ntitle: {json.dumps(escape(title), ensure_ascii=False)}\nlang: {lang}\n---\n\n"


def _draft(entry: Claim | Source, labels: Labels) -> str:
    """Under ``serve``, a draft's mark in an index (a build lists no drafts)."""
    if not entry.draft:
        return ""
    return f' <span class="xp-draft" data-draft>{escape(labels["draft"])}</span>'


def versions_of(claim: Claim) -> list[str]:
    """The languages ``claim`` has a page in besides its own."""
    if not claim.texts:  # the most of a site's claims: one language only
        return []
    own = translations.base_lang(claim.lang)
    return [lang for lang in translations.languages(claim, own) if lang != own]


def claims_index(site: Site, labels: Labels, md_links: bool = False, group: str = "verdict") -> str:
    """Every claim grouped by verdict (scale order), then by id; each links to its page.

    Each group's list is one raw HTML block with the claim pages' final URLs (``<id>/``),
    as those pages are written outside the host's page loop; one block, not thousands
    of inline tags, keeps Python-Markdown's work linear on a large site. With
    ``md_links``, a Markdown list linking ``<id>.md`` (the claim pages as Markdown
    files, see :mod:`.pagefiles`). With ``group="tag"`` (``claims_index_group``), one
    group per claim ``tags`` entry (alphabetical; a claim under each of its tags, its
    verdict beside it) and the claims without tags last.
    """
    lines = [_front(labels["claims_index"], labels.lang)]
    lines.append(f"# {md_text(labels['claims_index'])}\n")
    for heading, claims in _groups(site, labels, group):
        lines.append(f"## {heading}\n")
        items = []
        for claim in sorted(claims, key=lambda c: c.id):
            version = (  # a claim written in the index's language too: its page in it
                labels.lang
                if claim.texts and claim.lang and labels.lang in versions_of(claim)
                else ""
            )
            claim = translations.localized(claim, labels.lang, claim.lang or labels.lang)[0]
            meta = []
            if group == "tag":
                verdict = site.scale.get(claim.status)
                if verdict is not None:
                    meta.append(f"{verdict.icon} {verdict.label(labels.lang)}")
            if claim.claimant:
                meta.append(f"{labels['claimed_by']} {claim.claimant}")
            if claim.date:
                meta.append(format_partial_date(claim.date, labels.lang))
            if md_links:
                tail = f" — {md_text(', '.join(meta))}" if meta else ""
                lines.append(f"- [{md_text(fieldmd.plain(claim.claim))}]({claim.id}.md){tail}")
                continue
            tail = f" — {escape(', '.join(meta))}" if meta else ""
            ident = escape(claim.id)
            items.append(  # the content format's hooks, as on the filtered index's entries
                f'<li data-claim="{ident}" data-status="{escape(claim.status)}">'
                f'<a href="{ident}/{version + "/" if version else ""}">'
                f"{escape(fieldmd.plain(claim.claim))}</a>{tail}{_draft(claim, labels)}</li>"
            )
        if items:
            # Claims are found on their own pages, not in lists of them.
            lines.append(
                '<ul class="xp-claims-index" data-search-exclude="">\n'
                + "\n".join(items)
                + "\n</ul>\n"
            )
        lines.append("")
    return "\n".join(lines)


def _groups(site: Site, labels: Labels, group: str) -> list[tuple[str, list[Claim]]]:
    """The claims index's groups: (heading as Markdown, claims), in the page's order."""
    if group != "tag":
        found = []
        for key, verdict in site.scale.items():
            claims = [c for c in site.claims.values() if c.status == key]
            if claims:
                heading = f"{md_text(verdict.icon)} {md_text(verdict.label(labels.lang))}"
                found.append((heading, claims))
        return found
    by_tag: dict[str, list[Claim]] = {}
    untagged = []
    for claim in site.claims.values():
        for tag in dict.fromkeys(claim.tags):
            by_tag.setdefault(tag, []).append(claim)
        if not claim.tags:
            untagged.append(claim)
    groups = [(md_text(t), by_tag[t]) for t in sorted(by_tag, key=lambda t: (t.casefold(), t))]
    if untagged:
        groups.append((md_text(labels["untagged"]), untagged))
    return groups


#: an index page's list block: from its opening tag's line to the first line that
#: closes it. Matched a line at a time (``[^\n]*\n``), not a character at a time
#: (``.*?`` under re.S): the same matches, seven times faster on the claims index's
#: megabytes at N=1,000.
_LIST_BLOCK_RE = re.compile(
    r'^<(ul|ol|div) class="xp-(?:claims-index|sources-index|claims-archive|claims-list)"'
    r"[^>]*>\n(?:[^\n]*\n)+?</\1>$",
    re.M,
)


def lift_lists(markdown: str) -> tuple[str, dict[str, str]]:
    """An index page's list blocks swapped for markers: ``(markdown, {marker: html})``.

    Python-Markdown (md_in_html above all) would parse every raw list item of a large
    site only to output it unchanged; the host renders the markers instead, and the
    lists go back into the rendered HTML (:func:`put_lists`). Index text is escaped, so
    no marker can come from the data.
    """
    lists: dict[str, str] = {}

    def lift(match: re.Match[str]) -> str:
        marker = _list_marker(len(lists))
        lists[marker] = match.group(0)
        return marker

    return _LIST_BLOCK_RE.sub(lift, markdown), lists


def search_excluded(html: str) -> bool:
    """Whether raw HTML's first element is marked ``data-search-exclude``."""
    return "data-search-exclude" in html[: html.find(">") + 1]


def put_lists(html: str, lists: dict[str, str]) -> str:
    """The rendered page with each marker of :func:`lift_lists` replaced by its list."""
    for marker, block in lists.items():
        html = html.replace(marker, block, 1)
    return html


def after_title(html: str, extra: str) -> str:
    """``extra`` HTML placed right after the page's first ``<h1>``, or first if it has none."""
    if not extra:
        return html
    end = html.find("</h1>")
    if end == -1:
        return extra + html
    end += len("</h1>")
    return "".join((html[:end], "\n", extra, html[end:]))  # one copy of the page, not two


_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def _whole(page: str, start: int, end: int) -> list[str]:
    return [page[start:end]]


def with_lang_and_head(
    page: str,
    lang: str,
    head: str,
    fill: Callable[[str, int, int], list[str]] = _whole,
) -> str:
    """``page`` with ``lang`` on ``<html>`` and ``head`` before ``</head>``, copied once
    (a page is tens of kilobytes, with Material's whole navigation hundreds: two edits one
    after the other would copy it twice); ``fill`` gives each part of the page as pieces
    (the deferred blocks put in: :meth:`~explainers.page.block_stash.DeferredBlocks.pieces`)."""
    pieces: list[str] = []
    start = 0
    if found := _HTML_LANG.search(page):
        pieces += (*fill(page, 0, found.start()), f'<html lang="{lang}"')
        start = found.end()
    end = page.find("</head>", start)
    if end < 0:
        pieces += fill(page, start, len(page))
    else:
        pieces += (*fill(page, start, end), head, *fill(page, end, len(page)))
    return "".join(pieces)


def _reference_text(source: Source, labels: Labels) -> str:
    parts = [
        labels.join(source.author or ([source.handle] if source.handle else [])),
        labels.quote(source.title),
        source.publisher or source.platform,
        source.place,
        format_partial_date(source.date, labels.lang) if source.date else "",
    ]
    return ", ".join(p for p in parts if p) + f". [{labels['type_' + source.type]}]"


def sources_index(site: Site, index: SiteIndex, labels: Labels, root: str = "") -> str:
    """Every source, by title, with the pages that number it (in text, post cards or boxes).

    Source text goes in as escaped plain text, never as HTML or Markdown. Where the
    index knows the pages' URLs (``index.urls``, under MkDocs), the list is one raw
    HTML block with final links, which keeps Python-Markdown's work linear on a large
    site; otherwise a Markdown list linking the pages' ``.md`` files. ``root``: the
    language's folder the index is in, on an i18n site (``nb/``).
    """
    text = sources_index_text(site, index, labels, root)
    return text if isinstance(text, str) else text.joined()


def sources_index_text(
    site: Site, index: SiteIndex, labels: Labels, root: str = ""
) -> str | IndexText:
    """:func:`sources_index`, its list block (where the index knows the pages' URLs) as
    pieces made as they are read (:class:`IndexText`)."""
    here = root + posixpath.dirname(SOURCES_INDEX)
    lines = [
        _front(labels["sources_index"], labels.lang),
        f"# {md_text(labels['sources_index'])}\n",
    ]
    lines.append(md_text(labels["sources_intro"]) + "\n")
    ordered = sorted(site.sources.values(), key=lambda s: (s.title.casefold(), s.id))
    if index.urls:
        block = _sources_list(ordered, index, labels, here)
        return IndexText("\n".join(lines) + "\n", block, "\n")
    for source in ordered:
        text = md_text(_reference_text(source, labels))
        url = fieldmd.safe_url(source.url)
        if url:
            text += f" <{url}>" if ">" not in url and " " not in url else ""
        uris = [u for u in index.source_pages.get(source.id, []) if u in index.titles]
        links = ", ".join(
            f"[{md_text(index.titles[u])}]({posixpath.relpath(u, here)})" for u in uris
        )
        tail = f" — {md_text(labels['cited_in'])}: {links}" if links else ""
        lines.append(f'- <span id="source-{source.id}"></span>{text}{tail}')
    return "\n".join(lines) + "\n"


def _sources_list(
    ordered: list[Source], index: SiteIndex, labels: Labels, here: str
) -> Iterator[str]:
    """The sources index's list block with final links, a piece at a time."""
    # a page's link, made once: a large site's sources name its pages ~15,000 times
    page_link = {
        u: f'<a href="{escape(relative_url(url, here + "/"))}">{escape(index.titles.get(u, u))}</a>'
        for u, url in index.urls.items()
    }
    yield '<ul class="xp-sources-index">\n'
    between = ""  # a line break before every item but the first
    for source in ordered:
        text = escape(_reference_text(source, labels))
        if url := fieldmd.safe_url(source.url):
            text += f' <a href="{escape(url)}">{escape(url)}</a>'
        links = ", ".join(
            page_link[u] for u in index.source_pages.get(source.id, []) if u in page_link
        )
        tail = f" — {escape(labels['cited_in'])}: {links}" if links else ""
        yield (
            f'{between}<li><span id="source-{escape(source.id)}"></span>{text}'
            f"{tail}{_draft(source, labels)}</li>"
        )
        between = "\n"
    yield "\n</ul>"


def relative_url(target: str, here: str) -> str:
    """``target`` (a site-relative URL) as seen from the page at site-relative URL ``here``.

    Both are clean site-relative paths, so no normalising is needed (``posixpath.relpath``
    costs more than making the links of a large site's generated pages).
    """
    # the folder ".." steps out of: "a/" and "a/index.html" are both in "a"
    up = [p for p in posixpath.dirname(here).split("/") if p not in ("", ".")]
    down = [p for p in target.split("/") if p not in ("", ".")]
    rel = walk(up, down)
    if not rel:
        return "./"
    return rel + "/" if target.endswith("/") or target in ("", ".") else rel
