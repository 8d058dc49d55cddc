"""The MkDocs side of generated claim pages: render the lean page shell once per build.

The shell is the theme's page (header, palette, footer, scripts, language) for a
page under ``claims/``, without the site navigation, holding the markers of
:mod:`.claimpages` where the title, description, content and the page's own URL
go. Every claim page shares its depth, so the shell's relative links to assets
hold for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jinja2 import BytecodeCache, Environment, TemplateNotFound
from jinja2.bccache import Bucket
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ...site.claim_pages import CONTENT, DESCRIPTION, SLUG, TITLE
from ...site.indexes import CLAIMS_DIR

TEMPLATES_DIR = Path(__file__).parents[2] / "templates"
TEMPLATE = "explainers/generated.html"


def render_shell(
    env: Environment,
    config: MkDocsConfig,
    nav: Navigation,
    files: Files,
    lang: str = "",
    root: str = "",
    version: str = "",
) -> str:
    """The theme's lean page for a claim page, with markers for what differs per claim.

    ``lang`` goes in the page's meta as on an article, for templates that follow it;
    ``root`` is the language's folder on an i18n site (``nb/``), where its claim pages go;
    ``version``: the claim's page in another language, a folder deeper
    (``claims/<id>/nb/``), so the shell's relative links are made from there.
    """
    name = f"{CLAIMS_DIR}/{SLUG}/{version}.md" if version else f"{CLAIMS_DIR}/{SLUG}.md"
    file = File.generated(config, name, content="")
    if root:
        file.dest_uri = root + file.dest_uri
    page = Page(TITLE, file, config)
    page.meta = {"title": TITLE, "description": DESCRIPTION, **({"lang": lang} if lang else {})}
    page.markdown = ""
    page.content = CONTENT
    page.toc = get_toc([])
    context = get_context(nav, files, config, page)
    return env.get_template(TEMPLATE).render(context)


def theme_languages(env: Environment, langs: Iterable[str]) -> list[str]:
    """Those of ``langs`` the theme has interface strings for (Material's
    ``partials/languages/<lang>.html``), so a page in one gets them."""
    found = []
    for lang in langs:
        try:
            env.get_template(f"partials/languages/{lang}.html")
        except TemplateNotFound:
            continue
        found.append(lang)
    return found


class TemplateCode(BytecodeCache):
    """Compiled theme templates, kept in memory across ``mkdocs serve`` rebuilds.

    MkDocs makes a new Jinja environment for every build, which compiles every
    template the pages use again (about 0.15 s with Material). Jinja keys each entry
    by the template's name and a checksum of its source, so an edited override is
    compiled anew.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
