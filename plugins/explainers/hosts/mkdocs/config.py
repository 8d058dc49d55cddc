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
    # -- the verdict scale (scales.py) --
    scale = c.Optional(c.Type(dict))
    """Replaces the verdict scale: {KEY: {en: LABEL, nb: LABEL, settled: bool, icon: TEXT}};
    with scale_extends, adds to, changes or (KEY: null) removes from that base scale."""
    scale_extends = c.Optional(c.Type(str))
    """A base scale (default, true-false, context, conclusion) that `scale` changes."""
    # -- end of the verdict scale --
    labels = c.Type(dict, default={})
    """Label overrides per language: {en: {sources: References}}."""
    claim_pages = c.Type(bool, default=True)
    """Generate claims/<id>/ pages, a claims index (claims/) and a sources index (sources/)."""
    claims_index_group = c.Choice(("date", "verdict", "tag"), default="date")
    """The claims index: newest first with its filter form (date), or grouped by verdict
    (scale order) or by claim `tags`, without the form."""
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
    links = c.Type(dict, default={})
    """Settings of `explainers links` (the build ignores them): record, recheck_days,
    dead_after, days_apart, concurrency, per_host, interval, timeout, retries, ..."""
    renderer = c.Optional(c.Type(str))
    """`module:Class` of a Renderer subclass, to restyle boxes, cards or lists without forking."""

    # -- what may publish (drafts.py) ------------------------------------------------
    require_review = c.Type(bool, default=False)
    """A claim publishes only with `reviewed_by` and a `reviewed` date no older than its
    last history entry."""
    standalone_claims = c.Type(bool, default=False)
    """A claim that no published article boxes or mentions is not a warning (a claims
    database published on its own)."""
