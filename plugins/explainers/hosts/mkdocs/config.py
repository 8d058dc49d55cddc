"""Options of the ``explainers`` MkDocs plugin (every option is described in the format reference)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ...data.model import CLAIMS_DIR, SOURCES_DIR


class ExplainersConfig(Config):
    enabled = c.Type(bool, default=True)
    claims_dir = c.Type(str, default=CLAIMS_DIR)
    """Folder of claims YAML files, relative to mkdocs.yml."""
    sources_dir = c.Type(str, default=SOURCES_DIR)
    """Folder of sources YAML files, relative to mkdocs.yml."""
    lang = c.Optional(c.Choice(("en", "nb")))
    """Default page language; else theme.language, else en."""
    scale = c.Optional(c.Type(dict))
    """Replaces the verdict scale: {KEY: {en: LABEL, nb: LABEL, settled: bool, icon: TEXT}}."""
    labels = c.Type(dict, default={})
    """Label overrides per language: {en: {sources: References}}."""
    claim_pages = c.Type(bool, default=True)
    """Generate claims/<id>/ pages, a claims index (claims/) and a sources index (sources/)."""
    publish_schemas = c.Type(bool, default=True)
    """Publish schemas/claims.schema.json and schemas/sources.schema.json."""
    publisher = c.Optional(c.Type(str))
    """ClaimReview author; default: site_name."""
    atomic_build = c.Type(bool, default=True)
    """`mkdocs build` writes to a temporary folder and swaps it in only when the build succeeds."""
    cache = c.Type(bool, default=True)
    """Keep what was learned about each data file and article in .explainers_cache/ beside
    mkdocs.yml, keyed by content, so the next build (or `explainers check`) redoes only
    what changed."""
    assets = c.Type(bool, default=True)
    """Add the package's stylesheet for boxes, badges, cards and the source list."""
    renderer = c.Optional(c.Type(str))
    """`module:Class` of a Renderer subclass, to restyle boxes, cards or lists without forking."""
