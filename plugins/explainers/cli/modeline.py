"""The ``# yaml-language-server: $schema=`` first line of a new data file.

It must work from where the file is: the schema the site publishes when the site
has a real address, else a relative path from the file to the package's copy.
A placeholder address (``example.org``, ``*.test``...) would only give editors a
schema that never loads, so it counts as no address.
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

PREFIX = "# yaml-language-server: $schema="
_RESERVED_NAMES = ("example.com", "example.org", "example.net", "localhost")
_RESERVED_TOPS = ("example", "test", "invalid", "localhost")


def is_placeholder(url: str) -> bool:
    """True when ``url`` is not a real published address (RFC 2606 names, or no host)."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return True
    if host.rsplit(".", 1)[-1] in _RESERVED_TOPS:
        return True
    return any(host == name or host.endswith("." + name) for name in _RESERVED_NAMES)


def package_schema(kind: str) -> Path | None:
    """The package's own copy of a schema, when it is a file on disk."""
    found = resources.files("explainers").joinpath(f"schemas/{kind}.schema.json")
    path = Path(str(found))
    return path if path.is_file() else None


def schema_ref(kind: str, target: Path, site_url: str = "", published: bool = True) -> str:
    """Where the data file ``target`` should find its ``kind`` schema ("" if nowhere)."""
    if site_url and published and not is_placeholder(site_url):
        return site_url.rstrip("/") + f"/schemas/{kind}.schema.json"
    local = package_schema(kind)
    if local is None:
        log.debug("no schema file on disk for %s", kind)
        return ""
    return Path(os.path.relpath(local.resolve(), target.parent.resolve())).as_posix()


def modeline(kind: str, target: Path, site_url: str = "", published: bool = True) -> str:
    """The first line for a new data file (with its newline), or "" when there is no schema."""
    ref = schema_ref(kind, target, site_url, published)
    return f"{PREFIX}{ref}\n" if ref else ""
