"""Markdown from YAML fields, rendered safely with markdown-it-py.

YAML text is untrusted: raw HTML is off (it shows as text), images are off (no
third-party loads), and only http(s) links survive; anything else stays as
plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

ALLOWED_SCHEMES = ("http://", "https://")


def safe_url(url: str) -> str:
    """The URL if it is http(s), else an empty string."""
    candidate = url.strip()
    if candidate.lower().startswith(ALLOWED_SCHEMES) and not any(
        c in candidate for c in "\x00\n\r\t "
    ):
        return candidate
    return ""


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image"])
    md.validateLink = lambda url: bool(safe_url(url))  # type: ignore[method-assign]
    return md


_MD = _make()

#: texts each of :func:`block`, :func:`inline` and :func:`plain` remembers: more than a
#: large desk's claims (a claims index and the claim pages each read every claim's
#: text once per build; a cache smaller than the site, read in turn, never hits)
CACHED_TEXTS = 65536


#: characters that may start inline markup, an entity or an escape: text without them
#: (most claims and summaries) renders to itself, escaped, with no parse
_INLINE_MARKUP = frozenset("*_`[]<>&\\!~")
_BLOCK_MARKUP = _INLINE_MARKUP | frozenset("\t")
#: a line that may open a block: a list item, heading, quote, setext underline or rule
_BLOCK_START = re.compile(r"^[-+*#>=0-9]")


def _escape(text: str) -> str:
    """What markdown-it does to plain text: &, <, > and " escaped (not ')."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _plain_block(text: str) -> str | None:
    """``block(text)`` without a parse when ``text`` is plain paragraphs, else None."""
    if _BLOCK_MARKUP.intersection(text):
        return None
    paragraphs = []
    for chunk in re.split(r"\n[ ]*\n", text.strip("\n")):
        lines = chunk.split("\n")
        if any(line != line.strip() or not line or _BLOCK_START.match(line) for line in lines):
            return None  # indentation, trailing spaces (hard breaks), list-like lines
        paragraphs.append("<p>" + _escape("\n".join(lines)) + "</p>")
    return "\n".join(paragraphs)


@lru_cache(maxsize=CACHED_TEXTS)
def block(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as HTML."""
    if not text:
        return ""
    plain_html = _plain_block(text)
    return plain_html if plain_html is not None else _MD.render(text).strip()


@lru_cache(maxsize=CACHED_TEXTS)
def inline(text: str) -> str:
    """One line of inline Markdown as HTML, without a wrapping paragraph."""
    if not text:
        return ""
    joined = " ".join(text.split())
    if not _INLINE_MARKUP.intersection(joined):
        return _escape(joined)
    return _MD.renderInline(joined)


@lru_cache(maxsize=CACHED_TEXTS)
def plain(text: str) -> str:
    """The visible text of inline Markdown (for titles, JSON-LD, attributes)."""
    joined = " ".join(text.split())
    if not _INLINE_MARKUP.intersection(joined):
        return joined  # no markup: the text is its own visible text
    tokens = _MD.parseInline(joined)
    out: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)
