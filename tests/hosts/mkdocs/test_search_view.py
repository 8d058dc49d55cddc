"""The page the search plugin reads: our raw HTML swapped for markers, then put back."""

from __future__ import annotations

import pytest

from explainers.hosts.mkdocs.search_view import excluded, search_view

BOX, LIST = "<div data-claim>box</div>", "<ol>sources</ol>"
CITE = '<span class="xp-cites" data-search-exclude=""><a href="#source-a">[1]</a></span>'
SECTION = (
    '<section aria-labelledby="sources" class="xp-sources" data-search-exclude="">\n'
    '<h2 id="sources">Sources<a class="headerlink" href="#sources">&para;</a></h2>'
)
SECTION_BOX = '<section class="xp-claim" data-search-exclude><header><h2 id="c">C</h2></header>'
MENTION = '<a class="xp-mention" data-claim-ref="c" href="#claim-c"><span>C</span></a>'


@pytest.mark.parametrize(
    ("page", "fragments", "shown"),
    [
        ("<p>a</p>" + BOX + "<p>b</p>", [BOX], "<p>a</p><!--xp-hidden-0--><p>b</p>"),
        # placed out of the order they were made in (a section before a later box)
        (LIST + "x" + BOX, [BOX, LIST], "<!--xp-hidden-0-->x<!--xp-hidden-1-->"),
        # the same box twice on a page: both copies
        (BOX + "x" + BOX, [BOX, BOX], "<!--xp-hidden-0-->x<!--xp-hidden-1-->"),
        # ... also when a fragment made between them is placed after both
        (
            BOX + "x" + BOX + LIST,
            [BOX, LIST, BOX],
            "<!--xp-hidden-0-->x<!--xp-hidden-1--><!--xp-hidden-2-->",
        ),
        # ... and when it is placed before both
        (
            LIST + BOX + "x" + BOX,
            [LIST, BOX, BOX],
            "<!--xp-hidden-0--><!--xp-hidden-1-->x<!--xp-hidden-2-->",
        ),
        (
            LIST + BOX + "x" + BOX,
            [BOX, LIST, BOX],
            "<!--xp-hidden-0--><!--xp-hidden-1-->x<!--xp-hidden-2-->",
        ),
        # not on the page (another plugin removed it): left out; an empty one too
        ("<p>a</p>", [BOX, ""], "<p>a</p>"),
        # inside a fragment already swapped out
        ("<s>" + BOX + "</s>", ["<s>" + BOX + "</s>", BOX], "<!--xp-hidden-0-->"),
        # citations (a class from attr_list too) and mentions, after the fragments
        (
            f'<p>a {CITE}, b <span class="xp-cites big" x="">[2]</span> c {MENTION}.</p>{BOX}',
            [BOX],
            "<p>a <!--xp-inline-1-->, b <!--xp-inline-2--> c <!--xp-inline-3-->.</p>"
            "<!--xp-hidden-0-->",
        ),
        # a long fragment whose beginning is on the page before it, alone
        (
            f"{'y' * 70}<p>{'y' * 70}{BOX}",
            [f"{'y' * 70}{BOX}"],
            f"{'y' * 70}<p><!--xp-hidden-0-->",
        ),
        # an excluded section that holds a heading and the fragment: all of it (else the
        # search makes an empty entry for the heading)
        (
            f"<p>a</p>{SECTION}\n{LIST}\n</section><p>b</p>",
            [LIST],
            "<p>a</p><!--xp-hidden-0--><p>b</p>",
        ),
        # ... not one that holds more, nor one the search does not skip, nor a box
        # (a section itself) after another box
        (
            f"{SECTION}\n<p>more</p>{LIST}\n</section>",
            [LIST],
            f"{SECTION}\n<p>more</p><!--xp-hidden-0-->\n</section>",
        ),
        (
            f'<section class="x"><h2 id="s">S</h2>{LIST}</section>',
            [LIST],
            '<section class="x"><h2 id="s">S</h2><!--xp-hidden-0--></section>',
        ),
        (
            f"{SECTION}{LIST}</section><p>b</p>",
            [LIST],
            "<!--xp-hidden-0--><p>b</p>",
        ),
        (
            f'<section data-search-exclude=""><h2>a</h2><p>b</p><h3>c</h3>{LIST}</section>',
            [LIST],
            '<section data-search-exclude=""><h2>a</h2><p>b</p><h3>c</h3>'
            "<!--xp-hidden-0--></section>",
        ),
        (
            f"{SECTION_BOX}{BOX}</section>{SECTION_BOX}{BOX}</section>",
            [f"{SECTION_BOX}{BOX}</section>"] * 2,
            "<!--xp-hidden-0--><!--xp-hidden-1-->",
        ),
        # a mention of a generated page, in its wrap
        (
            f'<p>see <span class="xp-mention-wrap">{MENTION}</span>.</p>',
            [],
            "<p>see <!--xp-inline-0-->.</p>",
        ),
        # ... and a wrap not closed right after its link (not ours): the link alone, never
        # the prose up to a later mention's wrap
        (
            f'<span class="xp-mention-wrap">{MENTION} x</span> prose '
            f'<span class="xp-mention-wrap">{MENTION}</span>',
            [],
            '<span class="xp-mention-wrap"><!--xp-inline-0--> x</span> prose <!--xp-inline-1-->',
        ),
        # a span of another class stays
        ('<span class="xp-citesx">s</span>', [], '<span class="xp-citesx">s</span>'),
    ],
)
def test_the_search_reads_the_page_without_the_fragments(
    page: str, fragments: list[str], shown: str
) -> None:
    view = search_view(page, fragments)
    assert view.shown == shown
    assert view.restore(view.shown) == page


def test_a_change_another_plugin_made_meanwhile_is_kept() -> None:
    page = "<p>a</p>" + BOX + f"<p>b {CITE}</p>" + LIST
    view = search_view(page, [BOX, LIST])
    changed = view.shown.replace("<p>b ", "<p>B! ")
    assert view.restore(changed) == "<p>a</p>" + BOX + f"<p>B! {CITE}</p>" + LIST


def test_raw_html_marked_for_exclusion_by_its_first_element() -> None:
    assert excluded('<ul class="xp-claims-index" data-search-exclude="">\n<li>x</li></ul>')
    assert not excluded('<ul class="xp-sources-index">\n<li data-search-exclude>x</li></ul>')
    assert not excluded("text without a tag")
