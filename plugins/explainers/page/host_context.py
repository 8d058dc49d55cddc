"""What a host other than MkDocs says about the page an extension renders.

The MkDocs plugin tells the extension which page it renders (a
:class:`~explainers.extension.PageContext`). Zensical runs extensions without
plugins, but it registers a preprocessor named ``rendering_context`` that holds the
page (its path under ``docs_dir``, its URL, its front matter) and the site
configuration. Reading it by name and attribute keeps the core free of host imports;
a host without it leaves the page as the extension's own defaults.

Such a host also makes a new extension for every page: :func:`load_once` keeps the
loaded data between them.
"""

from __future__ import annotations

import logging
import posixpath
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markdown import Markdown

from ..data.load import LoadResult, Reloader
from ..data.model import Verdict
from ..data.translations import TEXT_LANGS
from .i18n import normalize_lang

log = logging.getLogger("explainers")

CONTEXT_NAME = "rendering_context"  # zensical.extensions.context.ContextPreprocessor


def host_page(md: Markdown) -> dict[str, str]:
    """``PageContext`` fields for the page ``md`` renders, as far as the host says.

    Keys: ``lang`` (front matter ``lang`` when supported), ``src_uri``, ``page_url``
    and ``url`` (absolute when the site has a ``site_url``). Empty without a host context.
    """
    context = _context(md)
    page = getattr(context, "page", None)
    if page is None:
        return {}
    src_uri = str(getattr(page, "path", "") or "").replace("\\", "/")
    page_url = str(getattr(page, "url", "") or "").lstrip("/")
    meta = getattr(page, "meta", None)
    meta_lang = meta.get("lang") if isinstance(meta, dict) else None
    config = getattr(context, "config", None)
    site_url = str(config.get("site_url") or "") if isinstance(config, dict) else ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    fields = {"src_uri": src_uri, "page_url": page_url, "url": site_url + page_url}
    lang = normalize_lang(str(meta_lang)) if meta_lang else None
    if lang:
        fields["lang"] = lang
    return fields


#: Material's blog renders each post's excerpt on the blog's index, archive and category
#: pages with its own Markdown; its tree processor of this name points the excerpt's
#: ``#anchor`` links at the post, but cannot see the links our raw HTML holds
EXCERPT_NAME = "excerpt"


def excerpt_prefix(md: Markdown) -> str:
    """Where the post is, seen from the page showing its excerpt (``""``: not an excerpt).

    Duck-typed on Material's ``ExcerptTreeprocessor`` (``page``: the post, ``base``: the
    page the excerpt is on), as :func:`host_page` is on Zensical's context.
    """
    try:
        excerpt = md.treeprocessors[EXCERPT_NAME]
    except (KeyError, IndexError):
        return ""
    post, base = getattr(excerpt, "page", None), getattr(excerpt, "base", None)
    post_url, base_url = getattr(post, "url", None), getattr(base, "url", None)
    if not isinstance(post_url, str) or not isinstance(base_url, str) or post is base:
        return ""
    here = base_url if base_url.endswith("/") or not base_url else posixpath.dirname(base_url)
    rel = posixpath.relpath(post_url or ".", here or ".")
    if rel == ".":
        return ""
    return rel + "/" if post_url.endswith("/") else rel


def _context(md: Markdown) -> Any:
    try:
        return md.preprocessors[CONTEXT_NAME]
    except (KeyError, IndexError):
        return None


_data = Reloader()
_data_lock = threading.Lock()


def load_once(
    root: Path,
    claims_dir: Path,
    sources_dir: Path,
    scale: dict[str, Verdict] | None,
    langs: Sequence[str] = TEXT_LANGS,
) -> LoadResult:
    """The data, read again only when a data file changed.

    Zensical makes a new Markdown instance, and so a new extension, for every page;
    without this each page would read and check all the YAML again. One site per
    process: another site's data replaces it.
    """
    with _data_lock:
        return _data.load(root, claims_dir, sources_dir, scale, langs=langs)[0]
