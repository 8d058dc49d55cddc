"""The Python-Markdown extension: renders citations, claim boxes, post cards, the
unconfirmed section and the source list inside any Python-Markdown pipeline.

It works alone (``markdown.markdown(text, extensions=["explainers"])`` with
``claims_dir``/``sources_dir`` config, or in Zensical) and is what the MkDocs
plugin wires in. Rendering happens in two steps so numbering follows the page:

1. Parsing: an inline pattern turns ``[@a; @b, p. 12]`` into a raw-HTML placeholder
   (or, for a group with words of its own, a ``<span>`` holding one per citation),
   filled in once numbered, and ``:claim[id]`` into mention stubs (most of them before
   the link patterns look at the text: see :mod:`.early_inline`); a block processor
   turns the ``::`` directives into placeholder elements. Python-Markdown's own escapes and
   code handling decide what is syntax, exactly as the page renders.
2. :class:`PageTreeprocessor` walks the finished tree top to bottom, numbers
   sources with :class:`~explainers.cite.Citations`, renders each stub with
   :class:`~explainers.page.renderer.Renderer` and places the two sections. It records
   every reference it renders, known id or not (:attr:`PageResult.refs`): that list
   is what ``explainers check`` validates, so the check and the page cannot disagree
   on what is syntax. A reference to an unknown id renders inert, never crashes.
"""

from __future__ import annotations

import logging
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# a link written as the serializer writes one (& before an entity name stays as it is)
from markdown.serializers import _escape_attrib_html, _escape_cdata  # type: ignore[attr-defined]
from markdown.treeprocessors import Treeprocessor
from markdown.util import (
    ETX,
    HTML_PLACEHOLDER_RE,
    INLINE_PLACEHOLDER_PREFIX,
    INLINE_PLACEHOLDER_RE,
    STX,
    AtomicString,
)

from ..data import translations
from ..data.diagnostics import ContentError
from ..data.model import CLAIMS_DIR, SOURCES_DIR, Claim, Site
from ..data.scales import scale_from_config
from . import jsonld
from . import locator as locators
from .block_stash import (
    BlockPostprocessor,
    BlockStash,
    DeferredBlocks,
    ExcerptLinksPostprocessor,
)
from .early_inline import EARLY, LATE_CITE, LATE_MENTION, EarlySyntaxProcessor
from .host_context import excerpt_prefix, host_page, load_once
from .i18n import Labels, normalize_lang, site_langs
from .jsonld import claim_review
from .numbering import Citations
from .paths import relpath
from .renderer import PageInfo, Renderer, esc
from .syntax import (
    BARE_KINDS,
    CITE_GROUP,
    MENTION_BODY,
    MENTION_NOT_AFTER,
    CiteItem,
    has_prefix,
    parse_cite_group,
    parse_directive,
)

STUB = "data-xp"
_ID_RE = re.compile(r'id="([^"]+)"')  # a literal start: found fast in a box's kilobytes


def id_attrs(html: str) -> list[str]:
    """The element ids in HTML this package wrote (its attributes are always double-quoted)."""
    return [m[1] for m in _ID_RE.finditer(html) if m.start() and html[m.start() - 1].isspace()]


log = logging.getLogger("explainers")
#: the ids of the two sections' headings (claim pages use the same: links to them hold)
HEADING_IDS = {"unconfirmed": "whats-unconfirmed", "sources": "sources"}


@dataclass
class PageContext:
    """What the host tells the extension about the page it is about to render."""

    #: empty: the page's `lang` meta (Python-Markdown's meta extension), else the default
    lang: str = ""
    src_uri: str = ""  # the page's path under docs_dir, e.g. "en/cartels.md"
    url: str = ""  # the page's public URL (absolute where known)
    page_url: str = ""  # the page's URL relative to the site root, e.g. "en/cartels/"
    date: str = (
        ""  # the page's front-matter date: a ClaimReview's date when its claim has no history
    )


@dataclass(frozen=True)
class RenderedRef:
    """One use of the syntax that the page rendered: what ``explainers check`` validates.

    ``kind`` is cite, mention, claim, post, unconfirmed or sources; ``locator`` is the
    citation's locator as plain text, as the page shows it (emphasis marks gone).
    """

    kind: str
    id: str = ""
    locator: str = ""


def version_url(target: str, claim: Claim | None, lang: str) -> str:
    """A claim page's URL, or the URL of its page in ``lang`` if the claim is written in
    that language besides its own (``claims/<id>/`` -> ``claims/<id>/nb/``)."""
    if claim is None or not claim.texts or not claim.lang:
        return target
    own = translations.base_lang(claim.lang)
    if lang == own or lang not in translations.languages(claim, own):
        return target
    if target.endswith("/"):
        return f"{target}{lang}/"
    if target.endswith(".html"):
        return f"{target.removesuffix('.html')}/{lang}.html"
    return target


@dataclass
class PageResult:
    """What rendering one page produced, for the host's site-wide steps."""

    reviews: list[dict[str, Any]] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    #: every id the extension wrote inside raw HTML, which a host's anchor check cannot see
    ids: set[str] = field(default_factory=set)
    #: the raw HTML of boxes, lists and sections, which a search index should skip
    hidden: list[str] = field(default_factory=list)
    #: every reference the page rendered, known ids or not, in page order
    refs: list[RenderedRef] = field(default_factory=list)
    #: the claims the page boxes, in page order (the ``::articles`` list shows their badges)
    boxed: list[str] = field(default_factory=list)
    #: the page holds ``::articles``: the host puts the list in once every page is rendered
    articles: bool = False


_ESCAPED_CHAR_RE = re.compile(f"{STX}([0-9]+){ETX}")


def inline_nodes(md: Markdown) -> dict[str, Any]:
    """What Python-Markdown's inline processor has put aside in the run under way (code
    spans, escapes, raw HTML), by placeholder. The run lets go of it when it ends
    (Markdown 3.11.4 on), so a pattern that needs it later keeps this dict."""
    nodes = getattr(md.treeprocessors["inline"], "stashed_nodes", None)
    return nodes if isinstance(nodes, dict) else {}


def plain_text(md: Markdown, text: str, nodes: Mapping[str, Any] | None = None) -> str:
    """``text`` from an inline pattern's match as plain text: Python-Markdown's placeholders
    (code spans, escapes, raw HTML) resolved, raw HTML tags dropped; ``nodes`` is the
    inline run's stash the match was made in (None: the run under way).

    An inline pattern runs after the code, escape and HTML patterns have stashed their
    matches, so an attribute built from its match holds placeholders that would show as
    ``klzzwxh:0000`` junk.
    """
    if STX not in text:  # every placeholder starts with STX: the usual id has none
        return text
    stash = inline_nodes(md) if nodes is None else nodes

    def resolve(value: str, depth: int) -> str:
        def one(match: re.Match[str]) -> str:
            node = stash.get(match.group(1))
            if isinstance(node, str):
                return resolve(node, depth + 1) if depth < 8 else ""
            return "".join(node.itertext()) if node is not None else ""

        value = INLINE_PLACEHOLDER_RE.sub(one, value)
        value = HTML_PLACEHOLDER_RE.sub("", value)
        return _ESCAPED_CHAR_RE.sub(lambda m: chr(int(m.group(1))), value)

    return resolve(text, 0)


def article_locator(
    md: Markdown, text: str, nodes: Mapping[str, Any] | None = None
) -> locators.Locator:
    """A locator from an inline pattern's match, as its citation's link shows it: the
    code spans and escapes Python-Markdown put aside come back (a code span as code),
    raw HTML tags are dropped, and emphasis and strong render (see :mod:`.locator`);
    ``nodes`` as for :func:`plain_text`."""
    if STX not in text and not locators.has_markup(text):
        return locators.Locator(_escape_cdata(text), text)
    stash = inline_nodes(md) if nodes is None else nodes
    pieces: list[locators.Piece] = []

    def piece(html: str, plain: str) -> str:
        char = locators.piece_char(len(pieces))
        if char is None:  # thousands of code spans in one locator: the rest is text
            return plain
        pieces.append(locators.Piece(html, plain))
        return char

    def stashed(match: re.Match[str]) -> str:
        node = stash.get(match.group(1))
        if node is None:
            return ""
        if isinstance(node, str):  # an escaped character, or raw HTML (dropped)
            plain = plain_text(md, node, stash)
            return piece(_escape_cdata(plain), plain) if plain else ""
        plain = "".join(node.itertext())
        if node.tag == "code":
            return piece(f"<code>{_escape_cdata(plain)}</code>", plain)
        return piece(_escape_cdata(plain), plain)

    text = "".join(
        piece(_escape_cdata(char), char) if locators.is_piece_char(char) else char for char in text
    )
    text = INLINE_PLACEHOLDER_RE.sub(stashed, text)
    text = HTML_PLACEHOLDER_RE.sub("", text)
    text = _ESCAPED_CHAR_RE.sub(
        lambda m: piece(_escape_cdata(chr(int(m[1]))), chr(int(m[1]))), text
    )
    return locators.from_article(text, pieces, _escape_cdata)


@dataclass(frozen=True)
class PendingCite:
    """One citation of a group, waiting for its number: its raw-HTML slot in
    Python-Markdown's stash, and the id and locator as written (placeholders and all)."""

    slot: int  # -1 in a group that is one piece of raw HTML (ExplainersExtension.loose)
    source: str
    locator: str
    in_text: bool


GROUP = "data-xp-group"  # on a group's <span> until numbered: its index in the pending list
#: a group's <span>: no words a reader searches for, so the search index skips it
GROUP_ATTRS = {"class": "xp-cites", "data-search-exclude": ""}
#: how a group starts when it is raw HTML, as the serializer writes the element
GROUP_OPEN = "<span" + "".join(f' {k}="{v}"' for k, v in GROUP_ATTRS.items()) + ">"


class CitationInlineProcessor(InlineProcessor):
    """``[@a; @b, p. 12]`` as today's links; a group with a prefix (``[see @a, p. 3; also @b]``)
    as one bracket whose numbers are the links (see :meth:`Renderer.citation_number`).

    A group of links and commas only (most are) is one raw-HTML placeholder in the
    text; a group with words of its own (a prefix, an in-text locator), which later
    patterns render, or one that ``attr_list`` styles is a ``<span>`` whose text holds
    one placeholder per link. :class:`PageTreeprocessor` writes the links' HTML once
    the page is numbered: no element per citation for the rest of the pipeline to
    walk and serialize (a page has dozens).
    """

    def __init__(self, pattern: str, md: Markdown, ext: ExplainersExtension) -> None:
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(  # type: ignore[override]
        self, m: Any, data: str
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        items = parse_cite_group(m.group(1))
        if items is None:
            return None, None, None
        in_text = has_prefix(items)
        if not in_text and not data.startswith("{", m.end(0)):  # not styled by attr_list
            return self.loose_group(items), m.start(0), m.end(0)
        self.ext.inline_nodes = inline_nodes(self.md)  # its placeholders' meaning, kept
        stash = self.md.htmlStash
        group = etree.Element("span", GROUP_ATTRS)
        pending: list[PendingCite] = []
        text = ["["] if in_text else []
        for index, item in enumerate(items):
            if in_text and item.prefix:
                text.append(("; " if index else "") + item.prefix + " ")
            elif in_text and index:
                text.append("; ")
            # what shows if the tree processor never reaches the group: an unnumbered link
            text.append(stash.store(cite_link(item.id, "[?]")))
            pending.append(
                PendingCite(len(stash.rawHtmlBlocks) - 1, item.id, item.locator, in_text)
            )
            if in_text and item.locator:  # later patterns render its emphasis
                text.append(", " + self._without_html(item.locator))
            elif not in_text and index < len(items) - 1:
                text.append(", ")
        if in_text:
            text.append("]")
        # nothing but links and commas: no later pattern need search it
        group.text = "".join(text) if in_text else AtomicString("".join(text))
        group.set(GROUP, str(len(self.ext.pending)))
        self.ext.pending.append(pending)
        return group, m.start(0), m.end(0)

    def loose_group(self, items: list[CiteItem]) -> str:
        """A group of links and commas only (no prefix, not styled): the whole group is
        one piece of raw HTML, whose placeholder the tree processor finds in the text,
        not an element."""
        self.ext.inline_nodes = inline_nodes(self.md)  # its placeholders' meaning, kept
        stash = self.md.htmlStash
        placeholder = stash.store(
            GROUP_OPEN + ", ".join(cite_link(item.id, "[?]") for item in items) + "</span>"
        )
        self.ext.loose[len(stash.rawHtmlBlocks) - 1] = [
            PendingCite(-1, item.id, item.locator, False) for item in items
        ]
        return placeholder

    def _without_html(self, text: str) -> str:
        """``text`` without the raw HTML tags Python-Markdown found in it: a locator's
        HTML never renders (see :func:`article_locator`)."""
        if STX not in text:
            return text
        stash = inline_nodes(self.md)

        def keep(match: re.Match[str]) -> str:
            node = stash.get(match.group(1))
            html = isinstance(node, str) and HTML_PLACEHOLDER_RE.fullmatch(node)
            return "" if html else match.group(0)

        return HTML_PLACEHOLDER_RE.sub("", INLINE_PLACEHOLDER_RE.sub(keep, text))


def cite_link(source_id: str, text: str, anchor: str = "", html: str | None = None) -> str:
    """A citation's link as the serializer would write it, holding ``text`` (or ``html``,
    escaped already); without ``anchor`` (not yet numbered) it has no id."""
    ident = _escape_attrib_html(source_id)
    id_attr = f' id="{_escape_attrib_html(anchor)}"' if anchor else ""
    return (
        f'<a class="footnote-ref xp-cite" data-cite="{ident}" href="#source-{ident}"{id_attr}>'
        f"{_escape_cdata(text) if html is None else html}</a>"
    )


class MentionInlineProcessor(InlineProcessor):
    _ESCAPED_COLON = f"{STX}{ord(':')}{ETX}"
    _LAST_PLACEHOLDER = re.compile(INLINE_PLACEHOLDER_PREFIX + r"([0-9]+)" + ETX + "$")

    def __init__(self, pattern: str, md: Markdown, ext: ExplainersExtension) -> None:
        super().__init__(pattern, md)
        self.ext = ext

    def _after_escaped_colon(self, before: str) -> bool:
        """Python-Markdown stashes an escaped colon before later patterns see the text."""
        match = self._LAST_PLACEHOLDER.search(before)
        if not match:
            return before.endswith(self._ESCAPED_COLON)
        return inline_nodes(self.md).get(match.group(1)) == self._ESCAPED_COLON

    def handleMatch(  # type: ignore[override]
        self, m: Any, data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        link = self.mention(data, m.start(0), m.group(1), m.group(0))
        return (link, m.start(0), m.end(0)) if link is not None else (None, None, None)

    def mention(self, data: str, start: int, ident: str, text: str) -> etree.Element | None:
        """The mention ``text`` (``:claim[ident]``) found at ``start`` of ``data``, as a
        stub link; None where it is literal text."""
        if start and data[start - 1] in MENTION_NOT_AFTER:  # MENTION's look-behind
            return None
        if self._after_escaped_colon(data[:start]):  # \::claim[x] is literal text
            return None
        self.ext.inline_nodes = inline_nodes(self.md)  # its placeholders' meaning, kept
        link = etree.Element(  # the claim's text is found on its own page, not here
            "a", {"class": "xp-mention", "data-claim-ref": ident, "data-search-exclude": ""}
        )
        link.text = AtomicString(text)
        return link


#: where ``::articles`` stood: a host that knows every page replaces it with the list
#: (:func:`explainers.site.articles.place`); one without it leaves an empty element
ARTICLES_SLOT = '<div class="xp-articles" data-xp-articles-slot></div>'


class DirectiveBlockProcessor(BlockProcessor):
    """``::claim[id]``, ``::post[id]``, ``::unconfirmed``, ``::sources``, ``::matrix``,
    ``::articles`` alone on a line."""

    @staticmethod
    def _is_directive(line: str) -> bool:
        """A directive line; up to three spaces of indent, as for any Markdown block."""
        stripped = line.lstrip(" ")
        return (
            len(line) - len(stripped) < 4
            and stripped.startswith("::")
            and parse_directive(stripped) is not None
        )

    def test(self, parent: etree.Element, block: str) -> bool:
        # Python-Markdown tests every block against every processor, and a long list is
        # tested again item by item: look at the lines only when a directive may be there.
        return "::" in block and any(self._is_directive(line) for line in block.split("\n"))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        index = next(i for i, line in enumerate(lines) if self._is_directive(line))
        before, after = lines[:index], lines[index + 1 :]
        if before:
            self.parser.parseBlocks(parent, ["\n".join(before)])
        directive = parse_directive(lines[index])
        assert directive is not None
        etree.SubElement(parent, "div", {STUB: directive.kind, "data-xp-id": directive.id})
        if after:
            blocks.insert(0, "\n".join(after))


class PageTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: ExplainersExtension, blocks: BlockStash) -> None:
        super().__init__(md)
        self.ext = ext
        self.blocks = blocks
        #: the inline run's stash the page's citations and mentions were matched in
        self.nodes: dict[str, Any] = {}

    def _note(self, html: str, hidden: bool) -> None:
        """Note the ids raw HTML holds (and whether search should skip it)."""
        result = self.ext.result
        result.ids.update(id_attrs(html))
        if hidden:
            result.hidden.append(html)

    def _stash(self, html: str, hidden: bool = False) -> etree.Element:
        """A finished block (see :mod:`.blockstash`); what search skips of it is what the
        converted page holds for it (the block, or its marker when deferred)."""
        self._note(html, False)
        if hidden:
            self.ext.result.hidden.append(self.blocks.as_written(html))
        return self.blocks.holder(html)

    def _store(self, html: str, hidden: bool = False) -> str:
        """Inline raw HTML, in Python-Markdown's stash."""
        self._note(html, hidden)
        return self.md.htmlStash.store(html)

    def run(self, root: etree.Element) -> None:
        ext = self.ext
        # an excerpt shown on another page gets its blocks inline: its links are rewritten
        self.blocks.reset(None if excerpt_prefix(self.md) else ext.deferred)
        site = ext.site()
        page = ext.page
        if not page.src_uri:  # not told by a plugin: ask the host (Zensical), if it says
            page = replace(page, **host_page(self.md))
        meta_lang = (getattr(self.md, "Meta", None) or {}).get("lang", [""])[0]
        langs = site_langs(ext.labels)
        lang = normalize_lang(page.lang or meta_lang, ext.default_lang, langs) or ext.default_lang
        labels = Labels(lang, ext.labels)
        renderer: Renderer = ext.renderer_class(site, labels, PageInfo(lang, page.url))
        cites = Citations()
        result = ext.result = PageResult()
        parents = {child: parent for parent in root.iter() for child in parent}
        boxed: set[str] = set()
        box_order: list[str] = []
        mentions: list[etree.Element] = []
        on_page: list[str] = []
        slots: dict[str, etree.Element] = {}

        def note_claim(ident: str) -> None:
            if ident not in on_page:
                on_page.append(ident)

        pending, ext.pending = ext.pending, []
        loose, ext.loose = ext.loose, {}
        self.nodes, ext.inline_nodes = ext.inline_nodes, {}
        raw = self.md.htmlStash.rawHtmlBlocks

        def number_groups_in(text: str) -> None:
            """Number the groups whose placeholders ``text`` holds, in its order."""
            for match in HTML_PLACEHOLDER_RE.finditer(text):
                group = loose.pop(int(match.group(1)), None)
                if group is not None:
                    links = (self._citation(cite, cites, renderer) for cite in group)
                    raw[int(match.group(1))] = GROUP_OPEN + ", ".join(links) + "</span>"

        def visit(el: etree.Element) -> None:
            """``el``'s text, then each child, its content and its tail: the page's order."""
            if el.text and loose and STX in el.text:
                number_groups_in(el.text)
            for child in list(el):
                if child.attrib:  # every element of ours has attributes
                    one(child)
                if len(child) or child.text:
                    visit(child)  # noqa: F821 (deleted once the walk is done, see below)
                if child.tail and loose and STX in child.tail:
                    number_groups_in(child.tail)

        def one(el: etree.Element) -> None:
            if el.tag == "span" and GROUP in el.attrib:
                for cite in pending[int(el.attrib.pop(GROUP))]:
                    raw[cite.slot] = self._citation(cite, cites, renderer)
            elif el.tag == "a" and "data-claim-ref" in el.attrib:
                ident = plain_text(self.md, el.get("data-claim-ref", ""), self.nodes)
                el.set("data-claim-ref", ident)
                result.refs.append(RenderedRef("mention", ident))
                if ident in site.claims:
                    note_claim(ident)
                    mentions.append(el)
                else:
                    self._unknown(el, f"unknown claim '{ident}'")
            elif el.tag == "div" and STUB in el.attrib:
                kind, ident = el.get(STUB, ""), el.get("data-xp-id", "")
                result.refs.append(RenderedRef(kind, ident))
                replacement: etree.Element | None = None
                if kind == "claim" and ident in site.claims:
                    claim = site.claims[ident]
                    note_claim(ident)
                    replacement = self._stash(
                        renderer.claim_box(claim, cites.cite, ident not in boxed), hidden=True
                    )
                    if ident not in boxed:
                        result.reviews.append(
                            claim_review(claim, site, page.url, ext.publisher, lang, page.date)
                        )
                        box_order.append(ident)
                    boxed.add(ident)
                elif kind == "post" and ident in site.sources:
                    number, anchor = cites.cite(ident)
                    replacement = self._stash(
                        renderer.post_card(site.sources[ident], number, anchor)
                    )
                elif kind in BARE_KINDS and kind not in slots:
                    slots[kind] = el
                    return
                elif kind in ("claim", "post") and self.ext.getConfig("warn_unknown"):
                    log.warning(
                        "%s: ::%s[%s] names nothing known", page.src_uri or "page", kind, ident
                    )
                self._replace(parents, el, replacement)

        try:
            visit(root)
        finally:
            # visit calls itself through its closure: a cycle that would hold this
            # page's renderer and the whole site model until the collector ran
            del visit
        unsettled = [site.claims[i] for i in on_page if not site.settled(site.claims[i])]
        self._place_unconfirmed(root, parents, slots, unsettled, boxed, renderer, labels)
        self._place_sources(root, parents, slots, cites, renderer, labels)
        self._place_matrix(parents, slots, [site.claims[i] for i in box_order], cites, renderer)
        if (slot := slots.pop("articles", None)) is not None:
            result.articles = True
            self._replace(parents, slot, self._stash(ARTICLES_SLOT))
        listed = {c.id for c in unsettled}
        for link in mentions:
            ident = link.get("data-claim-ref", "")
            if ident in boxed:
                href = f"#claim-{ident}"
            elif ident in listed:
                href = f"#unconfirmed-{ident}"
            else:
                href = ext.claim_href(ident, page)
            inner = renderer.mention_html(site.claims[ident])
            if href.startswith("#") or href.split("#")[0].endswith(".md"):
                link.set("href", href)  # the host resolves (and checks) it like any link
                link.text = self.md.htmlStash.store(inner)
            else:  # a generated page's final URL: no host page to resolve it to
                link.text = self._store(
                    f'<a class="xp-mention" data-claim-ref="{esc(ident)}" data-search-exclude="" '
                    f'href="{esc(href)}">'
                    f"{inner}</a>"
                )
                link.tag = "span"
                link.attrib.clear()
                link.set("class", "xp-mention-wrap")
        result.cited = cites.in_order()
        result.claims = on_page
        result.boxed = box_order
        if ext.getConfig("jsonld_in_body") and result.reviews:
            root.append(self._stash(jsonld.script(result.reviews)))
        self.nodes = {}  # the page's stashed nodes are the page's: not held past it

    def _citation(self, cite: PendingCite, cites: Citations, renderer: Renderer) -> str:
        """One citation's link, numbered; an unknown source's inert (the checks report it)."""
        result = self.ext.result
        source_id = plain_text(self.md, cite.source, self.nodes)
        locator = None if cite.in_text else article_locator(self.md, cite.locator, self.nodes)
        result.refs.append(RenderedRef("cite", source_id, locator.text if locator else ""))
        if source_id not in renderer.site.sources:
            self._warn(f"unknown source '{source_id}'")
            ident = _escape_attrib_html(source_id)
            return f'<span class="footnote-ref xp-cite xp-unknown" data-cite="{ident}">[?]</span>'
        number, anchor = cites.cite(source_id)
        result.ids.add(anchor)
        if locator is None:
            return cite_link(source_id, renderer.citation_number(number), anchor)
        label = renderer.citation_label(number, locator, _escape_cdata)
        return cite_link(source_id, "", anchor, html=label)

    def _warn(self, message: str) -> None:
        if self.ext.getConfig("warn_unknown"):
            log.warning("%s: %s", self.ext.page.src_uri or "page", message)

    def _unknown(self, el: etree.Element, message: str) -> None:
        """Render a reference to an unknown id inert: a ``<span>`` (MkDocs asserts every
        ``<a>`` has an href), keeping its data attribute so the check and tests find it."""
        self._warn(message)
        el.tag = "span"
        el.attrib.pop("href", None)
        el.set("class", el.get("class", "") + " xp-unknown")

    @staticmethod
    def _replace(parents: dict, el: etree.Element, replacement: etree.Element | None) -> None:
        parent = parents[el]
        if replacement is None:
            parent.remove(el)
            return
        index = list(parent).index(el)
        parent.remove(el)
        parent.insert(index, replacement)
        replacement.tail = el.tail
        parents[replacement] = parent

    def _section(self, kind: str, heading: str, body: str, attrs: dict[str, str]) -> etree.Element:
        section = etree.Element(
            "section", {"class": f"xp-{kind}", "data-search-exclude": "", **attrs}
        )
        h2 = etree.SubElement(section, "h2", {"id": self.ext.heading_ids[kind]})
        h2.text = heading
        section.append(self._stash(body, hidden=True))
        return section

    def _put(
        self,
        root: etree.Element,
        parents: dict,
        slot: etree.Element | None,
        new: etree.Element,
        before: etree.Element | None = None,
    ) -> None:
        if slot is not None:
            self._replace(parents, slot, new)
        elif before is not None and before in parents:
            parent = parents[before]
            parent.insert(list(parent).index(before), new)
            parents[new] = parent
        else:
            root.append(new)
            parents[new] = root

    def _place_unconfirmed(
        self, root, parents, slots, claims: list[Claim], boxed, renderer, labels
    ) -> None:
        slot = slots.pop("unconfirmed", None)
        if not claims:
            if slot is not None:
                self._replace(parents, slot, None)
            return
        section = self._section(
            "unconfirmed",
            labels["unconfirmed"],
            renderer.unconfirmed_list(claims, boxed),
            {"data-unconfirmed": "", "aria-labelledby": self.ext.heading_ids["unconfirmed"]},
        )
        self._put(root, parents, slot, section, before=slots.get("sources"))

    def _place_sources(self, root, parents, slots, cites: Citations, renderer, labels) -> None:
        slot = slots.pop("sources", None)
        if not cites.numbers:
            if slot is not None:
                self._replace(parents, slot, None)
            return
        body = renderer.source_list(cites.in_order(), cites.numbers, cites.spots)
        section = self._section(
            "sources", labels["sources"], body, {"aria-labelledby": self.ext.heading_ids["sources"]}
        )
        self._put(root, parents, slot, section)

    def _place_matrix(
        self, parents, slots, claims: list[Claim], cites: Citations, renderer
    ) -> None:
        """``::matrix`` where it stands, once the boxes have numbered their sources."""
        slot = slots.pop("matrix", None)
        if slot is None:
            return
        html = renderer.matrix(claims, cites.numbers)
        self._replace(parents, slot, self._stash(html, hidden=True) if html else None)


class ExplainersExtension(Extension):
    """Python-Markdown extension; see the module docstring."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "claims_dir": [CLAIMS_DIR, "Folder of claims YAML files"],
            "sources_dir": [SOURCES_DIR, "Folder of sources YAML files"],
            "base_dir": [".", "Folder the data paths and error paths are relative to"],
            "lang": ["en", "Default language: en, nb, nn or one labels adds"],
            "scale": [{}, "Verdict scale: {key: {en, nb, settled, icon, badge, rating}}"],
            "scale_extends": [
                "",
                "A base scale (default, true-false, context, conclusion) that scale changes",
            ],
            "labels": [{}, "Label overrides {en: {key: text}}; a new language gives every label"],
            "claim_url": [
                "claims/{id}.md",
                "Where a claim's own page is, relative to the docs root",
            ],
            "publisher": ["", "Who publishes the verdicts (ClaimReview author)"],
            "renderer": [Renderer, "Renderer class (subclass explainers.Renderer)"],
            "jsonld_in_body": [
                False,
                "Append the ClaimReview JSON-LD to the page body (hosts without a <head> hook)",
            ],
            "warn_unknown": [
                True,
                "Log references to unknown ids (off where explainers' own check reports them)",
            ],
        }
        self._site: Site | None = kwargs.pop("site", None)
        super().__init__(**kwargs)
        self.page = PageContext()
        self.result = PageResult()
        #: each citation group's links, from the inline pattern to the tree processor
        self.pending: list[list[PendingCite]] = []
        self.loose: dict[int, list[PendingCite]] = {}  # ... of those that are raw HTML
        #: the inline run's stash (see :func:`inline_nodes`) those were matched in
        self.inline_nodes: dict[str, Any] = {}
        self.heading_ids = dict(HEADING_IDS)
        #: where a host that fills each page in after its theme wants the blocks kept
        #: (None: in the page, as Python-Markdown on its own has them)
        self.deferred: DeferredBlocks | None = None

    @property
    def default_lang(self) -> str:
        return normalize_lang(self.getConfig("lang"), "en", site_langs(self.labels)) or "en"

    @property
    def labels(self) -> dict[str, dict[str, str]]:
        return self.getConfig("labels") or {}

    @property
    def publisher(self) -> str:
        return self.getConfig("publisher")

    @property
    def renderer_class(self) -> type[Renderer]:
        return self.getConfig("renderer")

    def site(self) -> Site:
        """The loaded data: given by the host, or loaded from the configured folders once."""
        if self._site is None:
            base = Path(self.getConfig("base_dir"))
            loaded = load_once(
                base,
                base / self.getConfig("claims_dir"),
                base / self.getConfig("sources_dir"),
                scale_from_config(self.getConfig("scale"), self.getConfig("scale_extends") or None),
                site_langs(self.labels),
            )
            if loaded.report.errors:
                raise ContentError(loaded.report.errors)
            self._site = loaded.site
        return self._site

    def set_site(self, site: Site | None) -> None:
        """Use ``site``; None lets go of it (the folders are loaded again when needed)."""
        self._site = site

    def claim_href(self, claim_id: str, page: PageContext) -> str:
        """The link to a claim's own page from ``page``.

        A ``claim_url`` ending in ``.md`` names a Markdown page, relative to the page's
        source (the host turns it into a URL); anything else is a URL relative to the
        site root, made relative to the page's URL.
        """
        target = version_url(
            self.getConfig("claim_url").format(id=claim_id),
            self._site.claims.get(claim_id) if self._site is not None else None,
            page.lang,
        )
        if "://" in target or target.startswith("/"):
            return target
        if target.endswith(".md"):
            if not page.src_uri:
                return target
            return relpath(target, posixpath.dirname(page.src_uri) or ".")
        here = page.page_url if page.page_url.endswith("/") else posixpath.dirname(page.page_url)
        rel = relpath(target, here.rstrip("/") or ".")
        return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel

    def reset(self) -> None:
        self.result = PageResult()
        self.pending = []
        self.loose = {}
        self.inline_nodes = {}

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # CommonMark lets any punctuation be escaped; with ':' here, \:claim[x] and
        # \::claim[x] stay literal text, as markdown-it (the scanner) reads them.
        if ":" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append(":")
        cite = CitationInlineProcessor(CITE_GROUP, md, self)
        mention = MentionInlineProcessor(MENTION_BODY, md, self)
        md.inlinePatterns.register(cite, LATE_CITE, 85)
        md.inlinePatterns.register(mention, LATE_MENTION, 84)
        # before the link patterns (reference: 170), after footnotes (175)
        md.inlinePatterns.register(EarlySyntaxProcessor(md, cite, mention), EARLY, 172)
        md.parser.blockprocessors.register(DirectiveBlockProcessor(md.parser), "xp_directive", 75)
        blocks = BlockStash()
        md.treeprocessors.register(PageTreeprocessor(md, self, blocks), "xp_page", 15)
        md.postprocessors.register(BlockPostprocessor(md, blocks), "xp_blocks", 29)  # raw_html: 30
        md.postprocessors.register(ExcerptLinksPostprocessor(md), "xp_excerpt_links", 5)


def makeExtension(**kwargs: Any) -> ExplainersExtension:
    return ExplainersExtension(**kwargs)
