"""Finished blocks (boxes, sections, post cards, the matrix) on their way through
Python-Markdown.

Raw HTML usually goes into Python-Markdown's own stash, whose post-processor puts each
piece back and then searches it again for placeholders nested inside: on a page with
five boxes and a source list that is tens of kilobytes searched for nothing, since our
blocks never hold a placeholder. These blocks wait here instead, under a placeholder of
their own (Python-Markdown strips STX and ETX from every source, so no text can forge
one), and go into the page in one pass right after Python-Markdown's raw HTML.
Inline HTML (citations, mentions) stays in Python-Markdown's stash: a heading's id and
its table-of-contents entry are read through that stash.

A host that builds every page before it writes any (MkDocs holds every page's HTML until
the end of the build) may have the blocks deferred (:class:`DeferredBlocks`): the page
then holds a short comment for each, and the blocks wait compressed until the host puts
them into the finished page (:meth:`DeferredBlocks.fill`). Python-Markdown on its own,
and an excerpt of a page shown on another (whose links are rewritten here), get them
inline.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.util import ETX, STX

from .host_context import excerpt_prefix

PREFIX = f"{STX}xpblock:"


#: a deferred block in a page: its conversion's key and its number there (STX and ETX:
#: no source text can forge one)
_DEFERRED = f"<!--{STX}xpdefer:"
DEFERRED_RE = re.compile(f"{_DEFERRED}([0-9]+):([0-9]+){ETX}-->")
_DEFERRED_BYTES_RE = re.compile(DEFERRED_RE.pattern.encode("utf-8"))


@dataclass(frozen=True)
class PackedBlock:
    """One block kept compressed as it was made, a piece at a time (:class:`BlockPacker`):
    never one string. Its length in characters and in UTF-8 bytes, and its UTF-8
    compressed (one zlib stream, as :meth:`DeferredBlocks.keep` makes)."""

    chars: int
    size: int
    data: bytes

    def text(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")


class BlockPacker:
    """A block compressed as its pieces arrive. A large site's claims index is one block
    of six million characters: as one string (two bytes a character with a verdict's
    icon in it), with its pieces, its UTF-8 and the page text it came from, it was the
    largest transient of the pages' rendering (+50 MiB at N=1,000)."""

    def __init__(self) -> None:
        self._packer = zlib.compressobj(1)
        self._out: list[bytes] = []
        self.chars = 0
        self.size = 0

    def add(self, piece: str) -> bytes:
        """One more piece of the block: its UTF-8 bytes (for a digest of the block)."""
        data = piece.encode("utf-8")
        self.chars += len(piece)
        self.size += len(data)
        if out := self._packer.compress(data):
            self._out.append(out)
        return data

    def packed(self) -> PackedBlock:
        """The block, every piece added: no piece can be added after."""
        self._out.append(self._packer.flush())
        return PackedBlock(self.chars, self.size, b"".join(self._out))


class DeferredBlocks:
    """Blocks kept out of pages until the host has put each page into its theme: on a
    large site the boxes, source lists and sections are a third of every page, and a host
    that holds every page until its build ends would hold them all. Each conversion's
    blocks are kept as one compressed string (a page's boxes compress about sixfold)."""

    def __init__(self) -> None:
        #: per conversion: each block's length, and the blocks joined, compressed
        self.kept: dict[int, tuple[tuple[int, ...], bytes]] = {}
        self.count = 0
        self._last: tuple[int, list[str]] = (0, [])  # the conversion read last, decompressed
        #: conversions whose blocks go into the page's file once the host has written it
        #: (:meth:`write_into`), not into the page: each block's length in UTF-8 bytes
        self.into_file: dict[int, tuple[int, ...]] = {}

    def open(self) -> int:
        """A key for one conversion's blocks."""
        self.count += 1
        return self.count

    @staticmethod
    def marker(key: int, number: int) -> str:
        return f"{_DEFERRED}{key}:{number}{ETX}-->"

    def keep(self, key: int, blocks: list[str], into_file: bool = False) -> None:
        """One conversion's blocks; ``into_file``: they go into the written file
        (:meth:`write_into`), the finished page keeps their markers."""
        joined = "".join(blocks).encode("utf-8")
        self.kept[key] = (tuple(len(block) for block in blocks), zlib.compress(joined, 1))
        if into_file:
            self.into_file[key] = tuple(len(block.encode("utf-8")) for block in blocks)

    def keep_packed(self, key: int, block: PackedBlock, into_file: bool = False) -> None:
        """One conversion's one block, compressed already (see :meth:`keep`)."""
        self.kept[key] = ((block.chars,), block.data)
        if into_file:
            self.into_file[key] = (block.size,)

    def blocks(self, key: int) -> list[str] | None:
        if self._last[0] != key:
            found = self.kept.get(key)
            if found is None:
                return None
            lengths, packed = found
            text, blocks, at = zlib.decompress(packed).decode("utf-8"), [], 0
            for length in lengths:
                blocks.append(text[at : at + length])
                at += length
            self._last = (key, blocks)
        return self._last[1]

    def fill(self, html: str) -> str:
        """``html`` with every deferred block it holds put in place."""
        if _DEFERRED not in html:
            return html
        return "".join(self.pieces(html))

    def page_pieces(self, html: str, start: int = 0, end: int | None = None) -> list[str]:
        """:meth:`pieces` for the page the host writes: the blocks of :attr:`into_file`
        stay markers, for :meth:`write_into`."""
        return self.pieces(html, start, end, leave=self.into_file)

    def pieces(
        self,
        html: str,
        start: int = 0,
        end: int | None = None,
        leave: Mapping[int, object] | None = None,
    ) -> list[str]:
        """``html[start:end]`` with every deferred block it holds put in place, as pieces
        to join: a host that edits the finished page too joins it once. A page with
        Material's whole navigation is hundreds of kilobytes: a regex over it and a
        second copy cost ~0.4 s of a build at N=1,000. Markers are found with
        ``str.find``, far faster than a regex's scan of such a page. The conversions
        in ``leave`` keep their markers."""
        stop = len(html) if end is None else end
        found: list[str] = []
        at = start
        marker = html.find(_DEFERRED, at, stop)
        while marker >= 0:
            match = DEFERRED_RE.match(html, marker, stop)
            after = marker + len(_DEFERRED)
            if match is not None and (leave is None or int(match.group(1)) not in leave):
                blocks = self.blocks(int(match.group(1)))
                number = int(match.group(2))
                if blocks is not None and number < len(blocks):
                    found += (html[at:marker], blocks[number])
                    at = after = match.end()
            marker = html.find(_DEFERRED, after, stop)
        found.append(html[at:stop])
        return found

    def write_into(self, path: Path) -> None:
        """The page the host wrote at ``path`` (UTF-8) written again with the blocks of
        :attr:`into_file` in place of their markers, each copied from its conversion's
        UTF-8 bytes: the claims index's lists are megabytes that as one page string
        (two bytes a character with a curly quote in it), its pieces and the host's
        UTF-8 copy were the largest transient of a large build."""
        page = path.read_bytes()
        found = [m for m in _DEFERRED_BYTES_RE.finditer(page) if int(m.group(1)) in self.into_file]
        if not found:
            return
        unpacked: dict[int, tuple[memoryview, list[int]]] = {}
        written = memoryview(page)
        with path.open("wb") as out:
            at = 0
            for match in found:
                key, number = int(match.group(1)), int(match.group(2))
                if key not in unpacked:
                    offsets = [0]
                    for length in self.into_file[key]:
                        offsets.append(offsets[-1] + length)
                    unpacked[key] = (memoryview(zlib.decompress(self.kept[key][1])), offsets)
                data, offsets = unpacked[key]
                if number + 1 < len(offsets):
                    out.write(written[at : match.start()])
                    out.write(data[offsets[number] : offsets[number + 1]])
                    at = match.end()
            out.write(written[at:])

    def forget_last(self) -> None:
        """The page being filled in is finished: its blocks, decompressed, are not read
        again (a claims index's lists are megabytes)."""
        self._last = (0, [])

    def clear(self) -> None:
        """The build is written: no page will ask for a block again."""
        self.kept = {}
        self.into_file = {}
        self._last = (0, [])


class BlockStash:
    """The blocks of the page being converted."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.defer: DeferredBlocks | None = None
        self.key = 0

    def reset(self, defer: DeferredBlocks | None = None) -> None:
        """A new conversion; ``defer``: its blocks wait there (see :class:`DeferredBlocks`)."""
        self.blocks = []
        self.defer = defer
        self.key = defer.open() if defer is not None else 0

    def as_written(self, html: str) -> str:
        """What the converted page holds for the next block: ``html``, or its marker."""
        if self.defer is None:
            return html
        return self.defer.marker(self.key, len(self.blocks))

    def holder(self, html: str) -> etree.Element:
        """A paragraph that will be ``html`` in the finished page."""
        element = etree.Element("p")
        element.text = f"{PREFIX}{len(self.blocks)}{ETX}"
        self.blocks.append(html)
        return element


class BlockPostprocessor(Postprocessor):
    """Puts each block where its holder is, as Python-Markdown puts raw HTML: a block-level
    fragment replaces its holder paragraph, any other stays inside it."""

    def __init__(self, md: Markdown, stash: BlockStash) -> None:
        super().__init__(md)
        self.stash = stash
        self._raw = RawHtmlPostprocessor(md)  # for its rule of what is block-level

    def run(self, text: str) -> str:
        blocks, defer = self.stash.blocks, self.stash.defer
        # toc runs every postprocessor on each heading's text too (ten a page): none
        # holds a block, and only the page's own run keeps (compresses) the blocks
        if not blocks or PREFIX not in text:
            return text
        pieces: list[str] = []
        end = 0
        at = text.find(PREFIX)
        while at != -1:
            close = text.find(ETX, at)
            number = text[at + len(PREFIX) : close]
            if close == -1 or not number.isdigit() or int(number) >= len(blocks):
                at = text.find(PREFIX, at + 1)  # not one of ours: left as it is
                continue
            html = blocks[int(number)]
            start, stop = at, close + 1
            if (
                text.startswith("<p>", at - 3)
                and text.startswith("</p>", stop)
                and self._raw.isblocklevel(html)
            ):
                start, stop = at - 3, stop + 4
            if defer is not None:
                html = defer.marker(self.stash.key, int(number))
            pieces += (text[end:start], html)
            end = stop
            at = text.find(PREFIX, end)
        pieces.append(text[end:])
        if defer is not None:
            defer.keep(self.stash.key, blocks)
        return "".join(pieces)


class ExcerptLinksPostprocessor(Postprocessor):
    """In a blog post's excerpt shown on another page (Material's blog index), the
    ``#anchor`` links of citations and boxes lead to the post, as the excerpt's own do."""

    def run(self, text: str) -> str:
        prefix = excerpt_prefix(self.md)
        if not prefix or 'href="#' not in text:
            return text
        return text.replace('href="#', f'href="{prefix}#')
