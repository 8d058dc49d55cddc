"""Find the article syntax with markdown-it-py, with line and column, skipping code.

This is the reading side: ``explainers check`` and the build's checks use it to
point at ``path:line:col``. It follows how pages render through Python-Markdown
with Material's extensions: admonitions (``!!!``, ``???``), content tabs
(``===``), footnotes, tables and raw HTML blocks are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, html_block
from markdown_it.rules_inline import StateInline, link
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.utils import is_code_block

from ..data.front_matter import FRONT_MATTER_RE
from .syntax import CITE_GROUP_RE, MENTION_RE, parse_cite_group, parse_directive

_CONTAINER_RE = re.compile(r"^(?:!!!|\?\?\?\+?|===\+?)[ \t]+\S")


@dataclass(frozen=True)
class Ref:
    """One use of the syntax in an article."""

    kind: str  # cite | mention | claim | post | unconfirmed | sources | matrix | articles
    id: str
    line: int
    col: int
    locator: str = ""
    in_link: bool = False  # inside a link's text, where it would render a link inside a link


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, number of lines the front matter takes)."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return "", text, 0
    return match.group(1), text[match.end() :], match.group(0).count("\n")


# -- markdown-it rules -----------------------------------------------------------


def _is_link(state: StateInline) -> bool:
    """``[see @a](url)`` is a link, as Python-Markdown's link patterns (run first) make it."""
    pos, maximum = state.pos, state.posMax
    try:
        return bool(link(state, True))
    finally:
        state.pos, state.posMax = pos, maximum


def _cite_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = CITE_GROUP_RE.match(state.src, state.pos)
    if not match:
        return False
    items = parse_cite_group(match.group(1))
    if items is None or _is_link(state):
        return False
    if not silent:
        token = state.push("xp_cite", "", 0)
        token.meta = {"items": items, "offset": state.pos + 1}
    state.pos = match.end()
    return True


def _mention_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != ":":
        return False
    match = MENTION_RE.match(state.src, state.pos)
    if not match or (state.pos > 0 and state.src[state.pos - 1] == ":"):
        return False
    if not silent:
        token = state.push("xp_mention", "", 0)
        token.meta = {"id": match.group(1), "offset": state.pos}
    state.pos = match.end()
    return True


def _directive_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if is_code_block(state, start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    line = state.src[begin : state.eMarks[start]]
    if not line.startswith("::"):
        return False
    directive = parse_directive(line)
    if directive is None:
        return False
    if silent:
        return True
    token = state.push("xp_directive", "", 0)
    token.map = [start, start + 1]
    token.meta = {"kind": directive.kind, "id": directive.id, "col": state.sCount[start]}
    state.line = start + 1
    return True


def _container_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``!!! note``, ``??? note``, ``=== "Tab"``: a marker line, then a 4-space indented body."""
    if is_code_block(state, start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not _CONTAINER_RE.match(state.src[begin : state.eMarks[start]]):
        return False
    if silent:
        return True
    indent = state.sCount[start] + 4
    last = start + 1
    while last < end:
        if state.isEmpty(last):
            last += 1
            continue
        if state.sCount[last] < indent:
            break
        last += 1
    while last > start + 1 and state.isEmpty(last - 1):
        last -= 1
    old_indent, old_parent, old_max = state.blkIndent, state.parentType, state.lineMax
    state.parentType = "xp_container"
    state.blkIndent = indent
    state.lineMax = last
    token = state.push("xp_container_open", "div", 1)
    token.map = [start, last]
    state.md.block.tokenize(state, start + 1, last)
    state.push("xp_container_close", "div", -1)
    state.blkIndent, state.parentType, state.lineMax = old_indent, old_parent, old_max
    state.line = last
    return True


_MD_HTML_OPEN = re.compile(
    r"""^<([A-Za-z][A-Za-z0-9-]*)\b[^>]*?\smarkdown(?:=(["']?)(?:1|block|span)\2)?(?=[\s>/])[^>]*>\s*$"""
)


def _md_in_html_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``<div markdown>`` … ``</div>`` (Python-Markdown's md_in_html): the inside is Markdown."""
    if is_code_block(state, start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    match = _MD_HTML_OPEN.match(state.src[begin : state.eMarks[start]])
    if not match:
        return False
    if silent:
        return True
    tag = match.group(1).lower()
    opener = re.compile(rf"<{tag}\b", re.I)
    closer = re.compile(rf"</{tag}\s*>", re.I)
    depth, last = 1, start + 1
    while last < end:
        text = state.src[state.bMarks[last] + state.tShift[last] : state.eMarks[last]]
        depth += len(opener.findall(text)) - len(closer.findall(text))
        if depth <= 0:
            break
        last += 1
    old_max = state.lineMax
    state.lineMax = last
    token = state.push("xp_md_html_open", tag, 1)
    token.map = [start, min(last + 1, end)]
    state.md.block.tokenize(state, start + 1, last)
    state.push("xp_md_html_close", tag, -1)
    state.lineMax = old_max
    state.line = min(last + 1, end)
    return True


def _html_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's raw HTML block, except one that starts with a closing tag.

    CommonMark makes ``</div>`` at the start of a line open a raw HTML block that runs
    to the next blank line; Python-Markdown, which renders the page, starts raw HTML
    blocks at opening tags only: a stray ``</div>`` is inline HTML in a paragraph, and
    the Markdown around it (citations, directives) renders.
    """
    if not is_code_block(state, start) and state.src.startswith(
        "</", state.bMarks[start] + state.tShift[start]
    ):
        return False
    return html_block(state, start, end, silent)


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(footnote_plugin)
    md.inline.ruler.before("link", "xp_cite", _cite_rule)
    md.inline.ruler.before("link", "xp_mention", _mention_rule)
    md.block.ruler.before(
        "fence",
        "xp_container",
        _container_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.block.ruler.at(
        "html_block", _html_block_rule, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    md.block.ruler.before("html_block", "xp_md_in_html", _md_in_html_rule, {"alt": ["paragraph"]})
    md.block.ruler.before(
        "paragraph",
        "xp_directive",
        _directive_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    return md


_PARSER = make_parser()


@lru_cache(maxsize=4)
def parse_tokens(body: str) -> tuple[Token, ...]:
    """markdown-it's tokens for ``body``; cached so :mod:`.nearmiss` reuses the scan's parse."""
    return tuple(_PARSER.parse(body))


def inline_position(token: Token, offset: int, lines: list[str]) -> tuple[int, int]:
    content = token.content
    before = content[:offset]
    index = before.count("\n")
    line_start = before.rfind("\n") + 1
    content_line = content[line_start:].split("\n", 1)[0]
    base = token.map[0] if token.map else 0
    src_line = lines[base + index] if base + index < len(lines) else ""
    stripped = content_line.lstrip()
    col0 = src_line.find(stripped) if stripped else 0
    col0 = max(col0, 0)
    return base + index + 1, col0 + (offset - line_start - (len(content_line) - len(stripped))) + 1


def scan(body: str, line_offset: int = 0) -> list[Ref]:
    """Every use of the syntax in ``body`` (Markdown without front matter), in page order."""
    lines = body.split("\n")
    refs: list[Ref] = []
    for token in parse_tokens(body):
        if token.type == "xp_directive":
            assert token.map is not None
            meta = token.meta
            kind = meta["kind"]
            line = token.map[0]
            col = lines[line].find("::") + 1
            refs.append(Ref(kind, meta["id"], line + 1 + line_offset, col))
        elif token.type == "inline" and token.children:
            depth = 0
            children = token.children
            for index, child in enumerate(children):
                depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
                # markdown-it refuses a link whose text holds a citation; Python-Markdown makes
                # one, with the citation nested inside: flag both shapes.
                after = children[index + 1].content if index + 1 < len(children) else ""
                in_link = depth > 0 or after.startswith(("](", "]["))
                if child.type == "xp_cite":
                    for item in child.meta["items"]:
                        line, col = inline_position(
                            token, child.meta["offset"] + item.offset, lines
                        )
                        refs.append(
                            Ref("cite", item.id, line + line_offset, col, item.locator, in_link)
                        )
                elif child.type == "xp_mention":
                    line, col = inline_position(token, child.meta["offset"], lines)
                    refs.append(
                        Ref("mention", child.meta["id"], line + line_offset, col, "", in_link)
                    )
    return refs


def scan_page(text: str) -> tuple[str, list[Ref], int]:
    """Scan a whole article file: (front matter YAML, refs, front matter line count)."""
    front, body, offset = split_front_matter(text.replace("\r\n", "\n"))
    return front, scan(body, offset), offset
