"""What a host says about the site it builds, for the host-neutral build
(:mod:`.build`) and the objects it hands steps to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data.diagnostics import Diagnostic
from ..data.drafts import Rules
from ..data.model import Verdict
from ..page.i18n import LANGS
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
    #: the scale options' problems, at their place in the host's config: reported first
    scale_errors: list[Diagnostic] = field(default_factory=list)
    rules: Rules = field(default_factory=Rules)  # what may publish (drafts)
    claim_pages: bool = True
    claims_index_group: str = "date"  # the claims index: date (filter form), verdict, tag
    site_url: str = ""
    directory_urls: bool = True
    strict: bool = False
    serving: bool = False  # ``serve``: problems go on every page instead of stopping it
    dirty: bool = False  # ``serve --dirty``: the host writes only pages it thinks changed
    #: the index pages' lists go into their files once the host has written them (see
    #: :meth:`.SiteBuild.pages_written`), not into the finished page: a host says so
    #: when nothing else reads or edits its finished pages
    lists_after_write: bool = False
    cache_folder: Path | None = None
    langs: tuple[str, ...] = LANGS  # the shipped languages and those ``labels`` adds
    #: where this build's pages go in the site: "" or, in one language build of a site
    #: built once per language (mkdocs-static-i18n), that language's folder ("nb/")
    prefix: str = ""
