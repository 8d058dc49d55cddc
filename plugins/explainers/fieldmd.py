"""Markdown from YAML fields, rendered safely with markdown-it-py.

YAML text is untrusted: raw HTML is off (it shows as text), images are off (no
third-party loads), and only http(s) links survive; anything else stays as
plain text.
"""

from __future__ import annotations

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


@lru_cache(maxsize=8192)
def block(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as HTML."""
    return _MD.render(text).strip() if text else ""


@lru_cache(maxsize=8192)
def inline(text: str) -> str:
    """One line of inline Markdown as HTML, without a wrapping paragraph."""
    return _MD.renderInline(" ".join(text.split())) if text else ""


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """The visible text of inline Markdown (for titles, JSON-LD, attributes)."""
    tokens = _MD.parseInline(" ".join(text.split()))
    out: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)
