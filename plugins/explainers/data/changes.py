"""What changed between two loads of the data, and which pages that touches.

Under ``mkdocs serve --dirty`` MkDocs re-renders only pages whose Markdown file
changed; a page that shows a claim must also be re-rendered when the claim's YAML
changes. This module compares two loaded sites by content (positions ignored, so
moving an entry within its file changes nothing) and names the pages to refresh.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .model import Site

_IGNORED = {"pos", "field_pos", "appearance_pos"}


def content_key(value: Any) -> Any:
    """A hashable picture of a model object's content, without where it was written."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(
            (f.name, content_key(getattr(value, f.name)))
            for f in dataclasses.fields(value)
            if f.name not in _IGNORED
        )
    if isinstance(value, (list, tuple)):
        return tuple(content_key(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, content_key(v)) for k, v in value.items()))
    return value


def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    keys = set(old) | set(new)
    return {
        k
        for k in keys
        if k not in old
        or k not in new
        # equal objects (positions included) are the same content: only the few that
        # differ are compared by content, which ignores where they were written
        or (
            old[k] is not new[k]  # an unchanged file's entries are the very same objects
            and old[k] != new[k]
            and content_key(old[k]) != content_key(new[k])
        )
    }


def changed_claims(old: Site, new: Site) -> set[str]:
    return _changed(old.claims, new.claims)


def changed_sources(old: Site, new: Site) -> set[str]:
    return _changed(old.sources, new.sources)
