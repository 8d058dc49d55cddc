"""Read the parts of ``zensical.toml`` the CLI needs, for sites that have no ``mkdocs.yml``.

Zensical runs the explainers as a Markdown extension, so the data folders, the
default language and the verdict scale are that extension's options
(``[project.markdown_extensions.explainers]``), relative to its ``base_dir``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .mkdocs_yml import ConfigError, SiteConfig, data_dirs, lang_and_scale

CONFIG_NAME = "zensical.toml"


def read_zensical_config(site_dir: Path) -> SiteConfig:
    path = site_dir / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(f"{site_dir}: no mkdocs.yml or {CONFIG_NAME} here")
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    project: dict[str, Any] = data["project"] if isinstance(data.get("project"), dict) else {}
    extensions = project.get("markdown_extensions")
    options = extensions.get("explainers") if isinstance(extensions, dict) else None
    if not isinstance(options, dict):
        raise ConfigError(f"{path}: no [project.markdown_extensions.explainers] table")
    root = path.parent.resolve()
    theme: dict[str, Any] = project["theme"] if isinstance(project.get("theme"), dict) else {}
    lang, scale = lang_and_scale(options, theme, path)
    claims_dir, sources_dir = data_dirs(options, root / str(options.get("base_dir") or "."))
    return SiteConfig(
        root=root,
        docs_dir=root / str(project.get("docs_dir") or "docs"),
        claims_dir=claims_dir,
        sources_dir=sources_dir,
        lang=lang,
        scale=scale,
    )
