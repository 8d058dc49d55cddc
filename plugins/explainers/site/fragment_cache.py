"""The HTML that depends on the data alone, kept from one build to the next.

A box's head and tail and a source's reference are made once per site, renderer
and language (:meth:`Renderer._memo <explainers.page.renderer.Renderer._memo>`); on a
large site that is thousands of fragments, most of them the same as last build's.
They are stored in the :class:`~explainers.cache.Cache` under a key made of
everything they are made from: the bytes of every data file, the verdict scale,
the label overrides, the code of the renderer class and its base classes, this
package's code (every module, in :func:`~explainers.cache.key`) and the versions of
the libraries it formats with. Any
change to one of them makes a new key, so a stale fragment is never found.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from functools import cache as memoize
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.cache import Cache, key
from .packed_fragments import every, packed_count

if TYPE_CHECKING:
    from ..data.model import Site
    from ..page.renderer import Renderer

log = logging.getLogger(__name__)

SPACE = "fragments"
_LIBRARIES = ("babel", "markdown-it-py")


@memoize
def _libraries() -> bytes:
    """The versions of the libraries a fragment is formatted with (this package's own
    code is in every key already)."""
    digest = hashlib.sha256()
    for library in _LIBRARIES:
        digest.update(f"{library}={metadata.version(library)};".encode())
    return digest.digest()


def _renderer_code(renderer: type[Renderer]) -> bytes:
    """The source of each class the renderer is made of (a site's own renderer is read
    from its file each build: it may change between two builds of one ``serve``)."""
    digest = hashlib.sha256()
    for klass in renderer.__mro__:
        if klass is object:
            continue
        digest.update(f"{klass.__module__}.{klass.__qualname__};".encode())
        file = getattr(sys.modules.get(klass.__module__), "__file__", None)
        if file is None:  # defined where no file says what it does: never cached
            raise _Uncacheable(klass.__qualname__)
        digest.update(Path(file).read_bytes())
    return digest.digest()


class _Uncacheable(Exception):
    pass


def fragments_key(
    data_digest: str, renderer: type[Renderer], labels: dict[str, Any], scale: str
) -> str | None:
    """The key of the fragments of one site, or None where they cannot be kept."""
    try:
        code = _renderer_code(renderer)
    except (_Uncacheable, OSError) as exc:
        log.debug("fragments: not kept (%s)", exc)
        return None
    return key(SPACE, data_digest, repr(sorted(labels.items())), scale, _libraries(), code)


def restore(site: Site, cache: Cache, ident: str, renderer: type[Renderer]) -> int:
    """Put the stored fragments into ``site.memo`` (as UTF-8, as the renderer holds
    them); how many there are."""
    stored = cache.get(SPACE, ident, once=True)  # its lists are not kept beside the memo
    if not isinstance(stored, list):
        return 0
    count = 0
    # one string per language, kind and id in the keys: JSON gives each key its own
    # (at N=1,000, 75,000 strings for 25,000 keys, 3.9 MiB held through the build)
    shared: dict[str, str] = {}
    for item in stored:
        if not (isinstance(item, list) and len(item) >= 3 and isinstance(item[-1], str)):
            return count  # damaged: what is left is made again
        parts = [shared.setdefault(p, p) if isinstance(p, str) else p for p in item[:-1]]
        site.memo.setdefault((renderer, *parts), item[-1].encode("utf-8"))
        count += 1
    return count


def save(site: Site, cache: Cache, ident: str, renderer: type[Renderer], restored: int) -> int:
    """Store ``site.memo``'s fragments, if this build made any the cache does not hold;
    how many the cache holds now."""
    count = packed_count(site.memo, renderer)  # a packed fragment is counted unread
    count += sum(
        1
        for full, html in dict.items(site.memo)
        if full and full[0] is renderer and isinstance(html, bytes)
    )
    if count > restored:  # read and decoded only then: 40 MiB of text at N=1,000
        mine = [
            (full, html)
            for full, html in every(site.memo)
            if full and full[0] is renderer and isinstance(html, bytes)
        ]
        cache.put(SPACE, ident, [[*full[1:], html.decode("utf-8")] for full, html in mine])
        return len(mine)
    cache.touch(SPACE, ident)
    return restored
