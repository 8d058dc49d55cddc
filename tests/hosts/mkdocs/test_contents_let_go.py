"""Once every page is written, MkDocs still holds each page's HTML (``page.content``) to
the end of the build; nothing reads it again where no plugin but ours and the search
plugins (nor a hook) acts after the pages (``on_post_build``), so it goes before the
search index is made (at N=1,000 some 18 M characters under the search index, the
claim pages and the feeds: Material's index 277.8 -> 251.4 MiB). With another
``on_post_build`` handler it stays. Either way the files are the same bytes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from explainers.site.build import SiteBuild

from sitebuild import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from synth import make_site

PUBLISH = SiteBuild.publish
HOOK = "def on_post_build(config):\n    pass\n"


def _build(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch, hooks: list[str]) -> list[bool]:
    """One in-process build: per article, whether its HTML was let go by the time the
    claim pages and feeds are published (after the search plugin's index)."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), hooks=hooks)
    plugin = config.plugins["explainers"]
    gone: list[bool] = []

    def publish(self: SiteBuild, *args: Any) -> None:
        assert plugin.files is not None
        pages = [f.page for f in plugin.files.documentation_pages() if f.page is not None]
        gone.extend(page.content is None for page in pages)
        PUBLISH(self, *args)

    monkeypatch.setattr(SiteBuild, "publish", publish)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return gone


def _files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def test_page_contents_go_once_written_unless_another_handler_follows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(tmp_path / "synth", 3)
    hook = tmp_path / "hook.py"
    hook.write_text(HOOK, "utf-8")
    alone = _build(root, tmp_path / "alone" / "site", monkeypatch, [])
    hooked = _build(root, tmp_path / "hooked" / "site", monkeypatch, [str(hook)])
    assert len(alone) >= 5 and all(alone)
    assert len(hooked) == len(alone) and not any(hooked)
    assert _files(tmp_path / "alone" / "site") == _files(tmp_path / "hooked" / "site")
