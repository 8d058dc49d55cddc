"""Read the parts of ``mkdocs.yml`` the CLI needs, without importing MkDocs' config machinery.

``mkdocs.yml`` may hold tags such as ``!ENV`` or ``!!python/name:``; they are read
as empty values, except inside ``markdown_extensions``, where the check must load the
extensions exactly as MkDocs would: there ``!!python/name:`` and
``!!python/object/apply:`` are resolved (MkDocs executes them too when it builds).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..data import scales
from ..data.config_position import option_position
from ..data.diagnostics import Diagnostic, Report
from ..data.model import CLAIMS_DIR, SOURCES_DIR, Verdict
from ..data.yaml_reader import Mapping, Node, decode, explain, parse
from ..page.article_render import MKDOCS_BUILTINS, MarkdownConfig
from ..page.i18n import LANGS, check_labels, label_problems, normalize_lang, site_langs


class _Loader(yaml.SafeLoader):
    pass


@dataclass(frozen=True)
class _PythonTag:
    """A ``!!python/...`` value, resolved only where it is needed (``markdown_extensions``)."""

    suffix: str
    value: Any


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _PythonTag:
    value: Any
    if isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return _PythonTag(suffix, value)


_Loader.add_multi_constructor("!", _ignore)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python)


@dataclass
class SiteConfig:
    root: Path
    docs_dir: Path
    claims_dir: Path
    sources_dir: Path
    lang: str
    scale: dict[str, Verdict] | None
    site_url: str = ""
    #: the languages pages may be in: those shipped and those the ``labels`` option adds
    langs: tuple[str, ...] = LANGS
    publish_schemas: bool = True
    nav: Any = None  # the raw ``nav`` list; None when MkDocs makes the nav itself
    nav_exempt: str = ""  # gitignore-style patterns of pages that need no nav entry
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    #: problems with the scale options, at their place in mkdocs.yml (see :mod:`.scales`)
    scale_errors: list[Diagnostic] = field(default_factory=list)
    # what may publish (:mod:`.drafts`)
    require_review: bool = False
    standalone_claims: bool = False
    links: Any = None  # the raw ``links`` option, read by ``explainers links`` (.links)
    #: the file read (mkdocs.yml), its text and what it parsed to: for the checks of
    #: MkDocs' own settings (``validation:``, ``nav``) that want the whole of it
    config_file: Path | None = None
    config_text: str = ""
    raw: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)  # the explainers plugin's


class ConfigError(Exception):
    """A site configuration that cannot be used; ``diagnostics`` locate each problem in
    the file (``mkdocs.yml:5:11: error: ...``) when it can be read that far."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


def config_text(path: Path, name: str, report: Report) -> str | None:
    """A configuration file's text, decoded with the care content gets (a problem goes
    into ``report``, as ``name``'s; None when it does not decode). A ConfigError when the
    file cannot be read: what every host's configuration reader starts with."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return decode(data, name, report)


def config_error(path: str, line: int, col: int, message: str) -> ConfigError:
    """A ConfigError at one place in the configuration file ``path`` (site-relative)."""
    return ConfigError(message, [Diagnostic(path, line, col, "error", message)])


def _key_position(root: Node | None, key: str) -> tuple[int, int]:
    """(line, col) of a top-level setting in the parsed file, else of the file's start."""
    if isinstance(root, Mapping):
        found = root.key_node(key)
        if found is not None:
            return found.line, found.col
    return 1, 1


#: mkdocs.yml nests deeper than content (a nav of sections in sections), never this deep
CONFIG_DEPTH = 50


def load_mkdocs_yml(path: Path, name: str) -> tuple[dict[str, Any], Node | None]:
    """The settings of a ``mkdocs.yml`` and its positioned tree, read with the care content
    gets: size and depth bounded, anchors counted, every problem a located diagnostic in
    the plain words content files get (raised as a ConfigError); ``!ENV`` and
    ``!!python/`` tags are accepted."""
    report = Report()
    text = config_text(path, name, report)
    node = None
    if text is not None:
        node = parse(text, name, report, aliases=True, max_depth=CONFIG_DEPTH)
    if report.errors or text is None:
        raise ConfigError(f"{path}: cannot read", report.errors)
    try:
        loaded = yaml.load(text, Loader=_Loader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise config_error(name, line, col, f"YAML does not parse: {explain(exc, text)}") from exc
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise config_error(name, 1, 1, f"YAML does not parse: {exc}") from exc
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        line, col = (node.line, node.col) if node is not None else (1, 1)
        raise config_error(
            name, line, col, "the file must be a mapping of settings (site_name: ..., nav: ...)"
        )
    return loaded, node


def _plugin_options(plugins: Any) -> dict[str, Any]:
    for entry in plugins or []:
        if isinstance(entry, dict) and "explainers" in entry:
            return entry["explainers"] or {}
        if entry == "explainers":
            return {}
    if isinstance(plugins, dict) and "explainers" in plugins:
        return plugins["explainers"] or {}
    return {}


def _import(dotted: str) -> Any:
    """``package.module.attr`` as Python's ``!!python/name:`` would find it."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            target = getattr(target, name)
        return target
    raise ImportError(f"no module named '{parts[0]}'")


def _resolve(value: Any) -> Any:
    """Resolve the ``!!python/`` tags MkDocs' loader would, anywhere inside ``value``."""
    if isinstance(value, dict):
        return {key: _resolve(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item) for item in value]
    if not isinstance(value, _PythonTag):
        return value
    kind, _, name = value.suffix.partition(":")
    if kind == "name":
        return _import(name)
    if kind == "module":
        return importlib.import_module(name)
    if kind == "object/apply":
        args = _resolve(value.value)
        if isinstance(args, dict):
            return _import(name)(*args.get("args", []), **args.get("kwds", {}))
        return _import(name)(*(args or []))
    return None


def markdown_config(value: Any) -> MarkdownConfig:
    """``markdown_extensions`` normalised as MkDocs does: its built-ins first, each name
    once, configs from one-item mappings."""
    if value is None:
        value = []
    if not isinstance(value, list | tuple | dict):
        raise ConfigError("markdown_extensions: must be a list or a mapping")
    items = list(value.items()) if isinstance(value, dict) else []
    if not isinstance(value, dict):
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                items.append(next(iter(item.items())))
            elif isinstance(item, str):
                items.append((item, None))
            else:
                raise ConfigError("markdown_extensions: each item is a name or {name: options}")
    names: list[str] = list(MKDOCS_BUILTINS)
    configs: dict[str, dict[str, Any]] = {}
    for name, options in items:
        if not isinstance(name, str):
            raise ConfigError(f"markdown_extensions: '{name}' is not an extension name")
        if options and not isinstance(options, dict):
            raise ConfigError(f"markdown_extensions: options of '{name}' must be a mapping")
        if options:
            try:
                configs[name] = _resolve(options)
            except Exception as exc:
                raise ConfigError(f"markdown_extensions: options of '{name}': {exc}") from exc
        if name not in names:
            names.append(name)
    return MarkdownConfig(names, configs)


def site_scale(
    options: dict[str, Any], where: scales.Positions
) -> tuple[dict[str, Verdict] | None, list[Diagnostic]]:
    """The verdict scale from the explainers options, and its problems (as the build
    reports them: at their place in mkdocs.yml)."""
    report = Report()
    scale = scales.scale_from_options(options, where, report)
    return scale, report.errors


def lang_and_scale(
    options: dict[str, Any], theme: dict[str, Any], path: Path
) -> tuple[str, dict[str, Verdict] | None]:
    """The default page language and the verdict scale from the explainers options
    (of a file with no positions to give: every problem is raised at once)."""
    langs = site_langs(label_options(options))
    lang = normalize_lang(str(options.get("lang") or theme.get("language") or "en"), "en", langs)
    lang = lang or "en"
    scale, errors = site_scale(options, scales.Positions(path.name, {}, {}))
    problems = [d.message for d in errors] + label_problems(options.get("labels") or {})
    if problems:
        raise ConfigError("\n".join(f"{path}: {message}" for message in problems))
    return lang, scale


def label_options(options: dict[str, Any]) -> dict[str, Any]:
    labels = options.get("labels")
    return labels if isinstance(labels, dict) else {}


def label_errors(options: dict[str, Any], root: Path) -> list[Diagnostic]:
    """The ``labels`` option's problems, at its line in mkdocs.yml (a language a site
    adds must give every label: the message lists those missing)."""
    report = Report()
    check_labels(
        options.get("labels") or {}, option_position(root, "labels") or ("mkdocs.yml", 1, 1), report
    )
    return report.errors


def data_dirs(options: dict[str, Any], base: Path) -> tuple[Path, Path]:
    """The claims and sources folders the explainers options name, under ``base``."""
    return (
        base / str(options.get("claims_dir") or CLAIMS_DIR),
        base / str(options.get("sources_dir") or SOURCES_DIR),
    )


def read_site_config(site_dir: Path) -> SiteConfig:
    path = site_dir / "mkdocs.yml"
    if not path.is_file():
        alt = site_dir / "mkdocs.yaml"
        if not alt.is_file():
            raise ConfigError(f"{site_dir}: no mkdocs.yml here")
        path = alt
    name = path.name
    data, node = load_mkdocs_yml(path, name)
    try:
        options = _plugin_options(data.get("plugins"))
    except (TypeError, AttributeError) as exc:
        raise config_error(
            name, *_key_position(node, "plugins"), "plugins: must be a list of plugin names"
        ) from exc
    if not isinstance(options, dict):
        raise config_error(
            name,
            *_key_position(node, "plugins"),
            "plugins: the explainers options must be a mapping",
        )
    text = path.read_text("utf-8-sig")  # read by load_mkdocs_yml already: known to decode
    root = path.parent.resolve()
    theme: dict[str, Any] = data["theme"] if isinstance(data.get("theme"), dict) else {}
    langs = site_langs(label_options(options))
    lang = normalize_lang(str(options.get("lang") or theme.get("language") or "en"), "en", langs)
    lang = lang or "en"
    scale, scale_errors = site_scale(options, scales.positions(path, path.name))
    claims_dir, sources_dir = data_dirs(options, root)
    try:
        markdown = markdown_config(data.get("markdown_extensions"))
    except ConfigError as exc:
        raise config_error(name, *_key_position(node, "markdown_extensions"), str(exc)) from exc
    return SiteConfig(
        root=root,
        docs_dir=root / str(data.get("docs_dir") or "docs"),
        claims_dir=claims_dir,
        sources_dir=sources_dir,
        lang=lang,
        langs=langs,
        scale=scale,
        site_url=str(data.get("site_url") or ""),
        publish_schemas=options.get("publish_schemas", True) is not False
        and options.get("enabled", True) is not False,
        nav=data.get("nav"),
        nav_exempt="\n".join(
            ["/templates/"]  # MkDocs never publishes these
            + [str(data.get(key) or "") for key in ("not_in_nav", "exclude_docs", "draft_docs")]
        ),
        markdown=markdown,
        scale_errors=scale_errors + label_errors(options, root),
        require_review=options.get("require_review") is True,
        standalone_claims=options.get("standalone_claims") is True,
        links=options.get("links"),
        config_file=path,
        config_text=text,
        raw=data,
        options=options if isinstance(options, dict) else {},
    )
