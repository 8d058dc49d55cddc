"""Read the parts of ``mkdocs.yml`` the CLI needs, without importing MkDocs' config machinery.

``mkdocs.yml`` may hold tags such as ``!ENV`` or ``!!python/name:``; they are read
as empty values, never executed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .i18n import normalize_lang
from .model import ScaleError, Verdict, scale_from_config


class _Loader(yaml.SafeLoader):
    pass


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_multi_constructor("!", _ignore)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)


@dataclass
class SiteConfig:
    root: Path
    docs_dir: Path
    claims_dir: Path
    sources_dir: Path
    lang: str
    scale: dict[str, Verdict] | None
    site_url: str = ""
    publish_schemas: bool = True
    nav: Any = None  # the raw ``nav`` list; None when MkDocs makes the nav itself
    nav_exempt: str = ""  # gitignore-style patterns of pages that need no nav entry


class ConfigError(Exception):
    pass


def _plugin_options(plugins: Any) -> dict[str, Any]:
    for entry in plugins or []:
        if isinstance(entry, dict) and "explainers" in entry:
            return entry["explainers"] or {}
        if entry == "explainers":
            return {}
    if isinstance(plugins, dict) and "explainers" in plugins:
        return plugins["explainers"] or {}
    return {}


def read_site_config(site_dir: Path) -> SiteConfig:
    path = site_dir / "mkdocs.yml"
    if not path.is_file():
        alt = site_dir / "mkdocs.yaml"
        if not alt.is_file():
            raise ConfigError(f"{site_dir}: no mkdocs.yml here")
        path = alt
    try:
        data = yaml.load(path.read_text("utf-8-sig"), Loader=_Loader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: not a mapping")
    options = _plugin_options(data.get("plugins"))
    root = path.parent.resolve()
    theme: dict[str, Any] = data["theme"] if isinstance(data.get("theme"), dict) else {}
    lang = normalize_lang(str(options.get("lang") or theme.get("language") or "en")) or "en"
    try:
        scale = scale_from_config(options.get("scale"))
    except ScaleError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return SiteConfig(
        root=root,
        docs_dir=root / str(data.get("docs_dir") or "docs"),
        claims_dir=root / str(options.get("claims_dir") or "content/claims"),
        sources_dir=root / str(options.get("sources_dir") or "content/sources"),
        lang=lang,
        scale=scale,
        site_url=str(data.get("site_url") or ""),
        publish_schemas=options.get("publish_schemas", True) is not False
        and options.get("enabled", True) is not False,
        nav=data.get("nav"),
        nav_exempt="\n".join(
            ["/templates/"]  # MkDocs never publishes these
            + [str(data.get(key) or "") for key in ("not_in_nav", "exclude_docs", "draft_docs")]
        ),
    )


CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def option_position(root: Path, option: str) -> tuple[str, int, int] | None:
    """(file, line, col) of ``option:`` in the site's mkdocs.yml, or of the file when it is
    left at its default; None without a mkdocs.yml (the Markdown extension alone)."""
    for name in CONFIG_NAMES:
        path = root / name
        if not path.is_file():
            continue
        try:
            lines = path.read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return name, 1, 1
        pattern = re.compile(rf"^(\s*){re.escape(option)}\s*:\s*(\S?)")
        for number, line in enumerate(lines, 1):
            match = pattern.match(line)
            if match:
                return name, number, (match.start(2) if match.group(2) else match.end()) + 1
        return name, 1, 1
    return None
