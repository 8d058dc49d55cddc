"""Render article files the way MkDocs does, to learn which references a page renders.

``explainers check`` must validate exactly what the build renders, so it does not guess
what is syntax: it runs each article through Python-Markdown with the site's own
``markdown_extensions`` (and their configs, MkDocs' three built-ins first) plus the
explainers extension, after stripping the front matter as MkDocs does. The extension
records every reference it renders (:class:`~explainers.extension.RenderedRef`);
:func:`explainers.articles.check_page` gives each its position and validates it.

No MkDocs import: the CLI and other hosts use this without MkDocs installed.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..data.front_matter import FRONT_MATTER_RE
from ..data.model import Site
from .extension import ExplainersExtension, PageContext, PageResult, RenderedRef

log = logging.getLogger(__name__)

#: MkDocs always loads these before the site's own extensions.
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")

# MkDocs' own front matter rules (mkdocs.utils.meta.get_data), kept byte for byte.
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RenderError(Exception):
    """The site's Markdown configuration cannot be loaded."""


@dataclass
class MarkdownConfig:
    """The Python-Markdown extensions a site renders pages with, as MkDocs would load them."""

    extensions: list[Any] = field(default_factory=lambda: list(MKDOCS_BUILTINS))
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def describe(self) -> str:
        """A stable text of the configuration, for cache keys."""
        names = [e if isinstance(e, str) else type(e).__qualname__ for e in self.extensions]
        return json.dumps([names, self.configs], sort_keys=True, default=repr)


def markdown_body(text: str) -> tuple[str, int]:
    """(the Markdown MkDocs renders, how many of the file's lines precede it).

    Mirrors ``mkdocs.utils.meta.get_data``: YAML front matter that parses to a mapping
    is dropped, else ``key: value`` lines at the top (MultiMarkdown meta) are.
    """
    if match := FRONT_MATTER_RE.match(text):
        try:
            data = yaml.load(match.group(1), _SafeLoader)
        except Exception:
            return text, 0
        if not isinstance(data, dict):
            return text, 0
        rest = text[match.end() :]
        body = rest.lstrip("\n")
        skipped = text[: len(text) - len(body)]
        return body, skipped.count("\n")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    key = ""
    taken = 0
    while taken < len(lines):
        line = lines[taken]
        if line.strip() == "":
            taken += 1
            break
        if m1 := _META_RE.match(line):
            key = m1.group("key")
        elif not (key and _META_MORE_RE.match(line)):
            break
        taken += 1
    rest = "\n".join(lines[taken:])
    body = rest.lstrip("\n")
    return body, taken + (len(rest) - len(body))


def _versions(config: MarkdownConfig) -> list[str]:
    """Versions of the packages whose extensions render the page, for cache keys
    (short names are Python-Markdown's own extensions)."""
    roots = {"markdown"}
    for ext in config.extensions:
        name = ext if isinstance(ext, str) else type(ext).__module__
        roots.add(name.split(".")[0] if "." in name else "markdown")
    versions = []
    for root in sorted(roots):
        try:
            module = importlib.import_module(root)
        except ImportError:
            versions.append(f"{root}=missing")
            continue
        versions.append(f"{root}={getattr(module, '__version__', '')}")
    return versions


class LinkCollector(Treeprocessor):
    """Every link and image the page renders (``href``/``src``, in page order): what
    MkDocs' own link validation reads, for ``explainers check`` to read it too."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.urls = [
            url
            for element in root.iter()
            if element.tag in ("a", "img")
            and (url := element.get("href" if element.tag == "a" else "src")) is not None
        ]


class PageRenderer:
    """Renders article text with one site's Markdown configuration; reuses one
    ``Markdown`` instance (``reset()`` between pages, as Python-Markdown intends),
    built on first use: a check whose pages all come from the cache never builds it."""

    def __init__(self, config: MarkdownConfig | None = None, lang: str = "en") -> None:
        self.config = config or MarkdownConfig()
        self.lang = lang
        self._md: Markdown | None = None
        self.collector = LinkCollector()
        self.key = hashlib.sha256(
            json.dumps([self.config.describe(), _versions(self.config)]).encode()
        ).hexdigest()

    def load(self) -> Markdown:
        """The Markdown instance; :class:`RenderError` when an extension cannot be loaded."""
        if self._md is None:
            # No data: recognising the syntax never depends on it, and every reference
            # then renders inert, cheaply, and is recorded all the same.
            self.ext = ExplainersExtension(site=Site(), lang=self.lang, warn_unknown=False)
            # the site's own explainers extension (a host's instance, or the name in
            # markdown_extensions) gives way to this one
            others = [
                e
                for e in self.config.extensions
                if e != "explainers" and not isinstance(e, ExplainersExtension)
            ]
            try:
                self._md = Markdown(
                    extensions=[*others, self.ext],
                    extension_configs=self.config.configs,
                )
            except Exception as exc:  # any extension may fail to import or reject its config
                raise RenderError(f"cannot load the markdown_extensions: {exc}") from exc
            # where MkDocs runs its own link treeprocessor: after every extension's
            self._md.treeprocessors.register(self.collector, "explainers_links", 0)
        return self._md

    def render(self, text: str, src_uri: str = "") -> tuple[str, PageResult]:
        """The page's HTML and what the extension recorded; ``text`` is the whole file.
        The links it renders are in ``collector.urls`` until the next render."""
        md = self.load()
        body, _ = markdown_body(text)
        md.reset()
        self.collector.urls = []
        self.ext.page = PageContext(src_uri=src_uri)
        html = md.convert(body)
        return html, self.ext.result

    def refs(self, text: str, src_uri: str = "") -> list[RenderedRef]:
        """Every reference the page renders, in page order (its links: ``collector.urls``)."""
        return list(self.render(text, src_uri)[1].refs)
