"""Finished blocks go into the page as Python-Markdown puts raw HTML, in one pass."""

from __future__ import annotations

import markdown
import pytest
from markdown.util import ETX

from explainers.page.block_stash import PREFIX, BlockPostprocessor, BlockStash, DeferredBlocks

BOX = '<section class="xp-claim">box</section>'


def ph(number: int) -> str:
    return f"{PREFIX}{number}{ETX}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a block-level fragment takes its holder paragraph's place
        (f"<p>a</p>\n<p>{ph(0)}</p>\n<p>b</p>", f"<p>a</p>\n{BOX}\n<p>b</p>"),
        # an inline one stays inside the paragraph
        (f"<p>{ph(1)}</p>", "<p><span>s</span></p>"),
        # a holder some other step unwrapped, or put inside text
        (f"x {ph(0)} y", f"x {BOX} y"),
        # the same block twice, and two blocks side by side
        (f"<p>{ph(0)}</p>{ph(1)}{ph(0)}", f"{BOX}<span>s</span>{BOX}"),
        # not ours: a number past the page's blocks, no number, no end
        (f"<p>{ph(7)}</p>", f"<p>{ph(7)}</p>"),
        (f"{PREFIX}{ETX} and {PREFIX}x{ETX}", f"{PREFIX}{ETX} and {PREFIX}x{ETX}"),
        (f"{PREFIX}3", f"{PREFIX}3"),
    ],
)
def test_blocks_take_their_holders_place(text: str, expected: str) -> None:
    md = markdown.Markdown()
    stash = BlockStash()
    stash.holder(BOX)
    stash.holder("<span>s</span>")
    assert BlockPostprocessor(md, stash).run(text) == expected


def test_a_page_without_blocks_is_left_as_it_is() -> None:
    stash = BlockStash()
    stash.holder(BOX)
    stash.reset()
    text = f"<p>{ph(0)}</p>"
    assert BlockPostprocessor(markdown.Markdown(), stash).run(text) == text


def test_the_holder_is_a_paragraph_of_the_placeholder() -> None:
    stash = BlockStash()
    stash.holder("<p>first</p>")
    holder = stash.holder(BOX)
    assert holder.tag == "p" and holder.text == ph(1) and stash.blocks[1] == BOX


def test_deferred_blocks_wait_compressed_and_are_put_back_the_same() -> None:
    """With a :class:`DeferredBlocks`, each block is a marker until ``fill``; the page
    filled in is the page the blocks would have made inline (a holder unwrapped alike)."""
    text = f"<p>a</p>\n<p>{ph(0)}</p>\n<p>{ph(1)}</p>{ph(0)}"
    stash = BlockStash()
    stash.holder(BOX)
    stash.holder("<span>s</span>")
    inline = BlockPostprocessor(markdown.Markdown(), stash).run(text)
    deferred = DeferredBlocks()
    stash.reset(deferred)
    assert stash.as_written(BOX) == deferred.marker(stash.key, 0)
    stash.holder(BOX)
    stash.holder("<span>s</span>")
    out = BlockPostprocessor(markdown.Markdown(), stash).run(text)
    assert BOX not in out and "<span>s</span>" not in out
    assert out.startswith("<p>a</p>\n<!--") and "<p><!--" in out  # unwrapped as the block was
    assert deferred.fill(out) == inline
    other = DeferredBlocks().marker(99, 0)  # a conversion it never kept: left alone
    assert deferred.fill(out + other) == inline + other


def test_blocks_are_kept_once_from_the_page_not_from_each_heading() -> None:
    """toc runs every postprocessor on each heading's text before the page's own run:
    a text without a holder keeps (compresses) nothing; the page's run keeps them all."""
    deferred = DeferredBlocks()
    stash = BlockStash()
    stash.reset(deferred)
    stash.holder(BOX)
    post = BlockPostprocessor(markdown.Markdown(), stash)
    assert post.run("Section 1") == "Section 1"
    assert deferred.kept == {}
    out = post.run(f"<h2>Section 1</h2>\n<p>{ph(0)}</p>")
    assert list(deferred.kept) == [stash.key]
    assert deferred.fill(out) == f"<h2>Section 1</h2>\n{BOX}"


@pytest.mark.parametrize(("first", "last"), [(0, 4), (0, 0), (1, 4), (0, 2), (2, 3), (3, 4)])
def test_deferred_blocks_as_pieces_of_a_part_of_the_page(first: int, last: int) -> None:
    """A host that edits the finished page joins it once: ``pieces`` of a part of the
    page are that part filled in; a marker it never kept (or a block number past the
    end) is left as it is."""
    deferred = DeferredBlocks()
    key = deferred.open()
    deferred.keep(key, [BOX, "<span>s</span>"])
    unknown = deferred.marker(key, 7) + DeferredBlocks().marker(99, 0)
    page = f"<p>a</p>{deferred.marker(key, 1)}{unknown}<b>{deferred.marker(key, 0)}</b>!"
    cuts = [0, len("<p>a</p>"), page.index("<b>"), page.index("</b>"), len(page)]
    start, end = cuts[first], cuts[last]
    assert "".join(deferred.pieces(page, start, end)) == deferred.fill(page[start:end])
    filled = deferred.fill(page)
    assert "".join(deferred.pieces(page)) == filled
    assert BOX in filled and "<span>s</span>" in filled and unknown in filled


def test_blocks_into_file_go_into_the_written_page_byte_for_byte(tmp_path) -> None:
    """An index page's lists stay markers in the finished page and go into its file
    once the host has written it, as the page filled in memory would have been."""
    defer = DeferredBlocks()
    boxes, lists = defer.open(), defer.open()
    defer.keep(boxes, ["<p>box ’one’</p>"])
    defer.keep(lists, ["<ul><li>“a” ✓</li></ul>", "", "<ol><li>b</li></ol>"], into_file=True)
    page = (
        f"<html>{defer.marker(lists, 2)} x {defer.marker(boxes, 0)} ‘y’ "
        f"{defer.marker(lists, 0)}{defer.marker(lists, 1)}{defer.marker(lists, 7)}</html>"
    )
    whole = defer.fill(page)  # what a search index, or a host without the file, is shown
    assert "xpdefer" not in whole.replace(defer.marker(lists, 7), "")
    written = "".join(defer.page_pieces(page))
    assert "<p>box ’one’</p>" in written, "other pages' blocks are filled in as before"
    assert "“a”" not in written and defer.marker(lists, 0) in written
    path = tmp_path / "index.html"
    path.write_bytes(written.encode("utf-8"))
    defer.write_into(path)
    assert path.read_bytes() == whole.encode("utf-8")
    defer.write_into(path)  # nothing left to put in: the file stays as it is
    assert path.read_bytes() == whole.encode("utf-8")
