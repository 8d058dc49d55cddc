"""Read the parts of ``zensical.toml`` the CLI needs, for sites that have no ``mkdocs.yml``.

Zensical runs the explainers as a Markdown extension, so the data folders, the
default language and the verdict scale are that extension's options
(``[project.markdown_extensions.explainers]``), relative to its ``base_dir``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ..data.diagnostics import Report
from ..page.i18n import site_langs
from .mkdocs_yml import (
    ConfigError,
    SiteConfig,
    config_error,
    config_text,
    data_dirs,
    label_options,
    lang_and_scale,
    markdown_config,
)

CONFIG_NAME = "zensical.toml"


#: arrays and inline tables in arrays, as deep as any configuration needs (tomllib
#: itself recurses, and a few hundred levels end in a RecursionError)
MAX_DEPTH = 50
_WHERE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")
#: tomllib's wording, in the plain words content files get
_PLAIN = {
    "Invalid value": 'a value TOML cannot read: put text in quotes (lang = "en"); '
    'lists are ["a", "b"], tables {key = "value"}',
    "Expected '=' after a key in a key/value pair": "a key without '= value': "
    'write key = value, and put text values in quotes (site_name = "A: B")',
    "Unterminated string": "a quoted value is never closed: add the closing quote",
}


def _nested_too_deep(text: str) -> tuple[int, int] | None:
    """(line, col) where arrays or inline tables nest more than MAX_DEPTH deep, outside
    strings and comments; None when they do not."""
    depth, line, col, i = 0, 1, 1, 0
    quote = ""
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\" and quote[0] == '"':
                i += 1
            elif text.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote) - 1
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, col
        elif char in "]}":
            depth = max(depth - 1, 0)
        if char == "\n":
            line, col = line + 1, 0
        i += 1
        col += 1
    return None


def load_zensical_toml(path: Path, name: str = CONFIG_NAME) -> dict[str, Any]:
    """The settings of a ``zensical.toml``, read with the care content gets: size and depth
    bounded, every problem a located diagnostic (raised as a ConfigError)."""
    report = Report()
    text = config_text(path, name, report)
    if text is None:
        raise ConfigError(f"{path}: cannot read", report.errors)
    deep = _nested_too_deep(text)
    if deep is not None:
        raise config_error(name, *deep, f"TOML nested more than {MAX_DEPTH} levels deep")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _WHERE.search(message)
        if where is None or where.group(1) is None:
            lines = text.split("\n")
            line, col = len(lines), len(lines[-1]) + 1
        else:
            line, col = int(where.group(1)), int(where.group(2))
        problem = message[: where.start()] if where else message
        plain = _PLAIN.get(problem, problem[:1].lower() + problem[1:])
        raise config_error(name, line, col, f"TOML does not parse: {plain}") from exc
    except RecursionError as exc:  # the depth scan above should make this unreachable
        raise config_error(name, 1, 1, f"TOML nested more than {MAX_DEPTH} levels deep") from exc


def _table_position(text: str, header: str) -> tuple[int, int]:
    """(line, col) of a ``[header]`` line, else of the file's start."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip() == f"[{header}]":
            return number, 1
    return 1, 1


def read_zensical_config(site_dir: Path) -> SiteConfig:
    path = site_dir / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(f"{site_dir}: no mkdocs.yml or {CONFIG_NAME} here")
    data = load_zensical_toml(path)
    project: dict[str, Any] = data["project"] if isinstance(data.get("project"), dict) else {}
    extensions = project.get("markdown_extensions")
    options = extensions.get("explainers") if isinstance(extensions, dict) else None
    if not isinstance(options, dict):
        raise config_error(
            CONFIG_NAME,
            1,
            1,
            "no [project.markdown_extensions.explainers] table: add it, "
            "with the explainers options (claims_dir, sources_dir, lang)",
        )
    root = path.parent.resolve()
    theme: dict[str, Any] = project["theme"] if isinstance(project.get("theme"), dict) else {}
    try:
        lang, scale = lang_and_scale(options, theme, path)
    except ConfigError as exc:
        text = path.read_text("utf-8-sig")
        where = _table_position(text, "project.markdown_extensions.explainers")
        raise config_error(CONFIG_NAME, *where, str(exc)) from exc
    claims_dir, sources_dir = data_dirs(options, root / str(options.get("base_dir") or "."))
    assert isinstance(extensions, dict)
    # the check renders articles with the same extensions Zensical runs (but ours)
    others = {name: value for name, value in extensions.items() if name != "explainers"}
    try:
        markdown = markdown_config(others)
    except ConfigError as exc:
        where = _table_position(path.read_text("utf-8-sig"), "project.markdown_extensions")
        raise config_error(CONFIG_NAME, *where, str(exc)) from exc
    return SiteConfig(
        root=root,
        docs_dir=root / str(project.get("docs_dir") or "docs"),
        claims_dir=claims_dir,
        sources_dir=sources_dir,
        lang=lang,
        langs=site_langs(label_options(options)),
        scale=scale,
        markdown=markdown,
    )
