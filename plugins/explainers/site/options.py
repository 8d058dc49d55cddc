"""What a host says about the site it builds, for the host-neutral build
(:mod:`.build`) and the objects it hands steps to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data.model import Verdict
from ..page.renderer import Renderer


@dataclass
class BuildOptions:
    """What a host says about the site to build (the MkDocs plugin: its options and
    ``mkdocs.yml``)."""

    root: Path  # paths in messages are relative to it
    claims_dir: Path
    sources_dir: Path
    lang: str  # the site's default page language
    theme_lang: str  # the theme's own language setting, as written
    scale: dict[str, Verdict] | None
    labels: dict[str, dict[str, str]]
    publisher: str
    renderer: type[Renderer]
    claim_pages: bool = True
    site_url: str = ""
    directory_urls: bool = True
    strict: bool = False
    serving: bool = False  # ``serve``: problems go on every page instead of stopping it
    dirty: bool = False  # ``serve --dirty``: the host writes only pages it thinks changed
    cache_folder: Path | None = None
