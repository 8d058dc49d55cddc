"""What MkDocs' own validation refuses, found without building: ``nav`` entries and
Markdown links that point at no file of the site.

``mkdocs build --strict`` fails on MkDocs' warnings as on ours, so ``explainers check``
reports the same cases, at their line. The rules are MkDocs 1.6's own
(``get_navigation`` and ``_data_to_navigation`` in ``mkdocs/structure/nav.py``,
``_RelativePathTreeprocessor.path_to_url`` in ``mkdocs/structure/pages.py``) under the
site's ``validation:`` settings; only what MkDocs would log as a warning is reported
(``info`` and ``ignore`` leave a strict build green). Links to anchors
(``validation: links: anchors``) are not checked: the ids a page gets depend on the
data its boxes show.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import pathspec
import yaml
from markdown.util import AMP_SUBSTITUTE

from ..data.diagnostics import Report
from ..data.schema import KINDS
from ..page.link_positions import Link
from ..site.indexes import CLAIMS_INDEX, SOURCES_INDEX

log = logging.getLogger(__name__)

WARN, INFO, IGNORE, RELATIVE_TO_DOCS = "warn", "info", "ignore", "relative_to_docs"
#: MkDocs' defaults for ``validation:`` (mkdocs/config/defaults.py)
DEFAULTS: dict[str, dict[str, str]] = {
    "nav": {"omitted_files": INFO, "not_found": WARN, "absolute_links": INFO},
    "links": {
        "not_found": WARN,
        "absolute_links": INFO,
        "unrecognized_links": INFO,
        "anchors": INFO,
    },
}
#: what MkDocs never publishes from docs_dir (mkdocs.structure.files._default_exclude)
DEFAULT_EXCLUDE = ".*\n/templates/"

NAV_MISSING_MESSAGE = (
    "nav entry '{url}' is not a file of the site (no '{path}' in {docs}/): "
    "fix the path (relative to {docs}/) or remove the entry"
)
NAV_ABSOLUTE_MESSAGE = (
    "nav entry '{url}' is an absolute path, which MkDocs leaves as it is: write it "
    "relative to {docs}/, or set validation: nav: absolute_links: relative_to_docs"
)
LINK_MISSING_MESSAGE = (
    "link '{url}' points at no file of the site (no '{target}' in {docs}/): "
    "fix the path, relative to this page{hint}, or remove the link"
)
LINK_ABSOLUTE_MESSAGE = (
    "link '{url}' is an absolute path, which MkDocs leaves as it is: make it relative "
    "to this page, or set validation: links: absolute_links: relative_to_docs"
)
LINK_UNRECOGNIZED_MESSAGE = (
    "link '{url}' names no file (MkDocs leaves it as it is): link the page's "
    "Markdown file, e.g. '{example}'"
)

Levels = dict[str, dict[str, str]]


def levels(validation: object) -> Levels:
    """``validation:`` as MkDocs reads it: a key at the top applies to ``nav`` and
    ``links`` alike (where it exists there); a key inside ``nav:``/``links:`` wins."""
    result = {group: dict(keys) for group, keys in DEFAULTS.items()}
    if not isinstance(validation, Mapping):
        return result
    for group, keys in result.items():
        own = validation.get(group)
        own = own if isinstance(own, Mapping) else {}
        for key in keys:
            value = own.get(key, validation.get(key))
            allowed = (WARN, INFO, IGNORE) + (
                (RELATIVE_TO_DOCS,) if key == "absolute_links" else ()
            )
            if value in allowed:
                keys[key] = value
    return result


def site_uris(docs_dir: Path, skip: Iterable[Path], generated: Iterable[str]) -> set[str]:
    """Every file the build knows by its path under docs_dir: what is there (MkDocs
    lists excluded files too), less the data folders the plugin takes out, plus the
    files the plugin generates."""
    skip = [s.resolve() for s in skip]
    found = set(generated)
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        here = Path(folder)
        if any(here.resolve().is_relative_to(s) for s in skip):
            dirs[:] = []  # a data folder: thousands of files, none of them published
            continue
        found.update((here / name).relative_to(docs_dir).as_posix() for name in names)
    return found


def nav_entries(config_text: str) -> list[Link]:
    """Each path the ``nav`` of mkdocs.yml names (section titles aside), where it is
    written, in order. Nothing when the file does not parse (reported elsewhere)."""
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):  # PyYAML's composer recurses
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    nav = next(
        (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "nav"), None
    )
    found: list[Link] = []
    stack: list[yaml.Node] = [nav] if nav is not None else []
    while stack:  # no recursion: a deeply nested nav must not overflow the stack
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.value and node.tag.endswith(":str"):
                found.append((node.value, node.start_mark.line + 1, node.start_mark.column + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(reversed([value for _, value in node.value]))
    return found


def nav_problems(
    entries: Iterable[Link], uris: set[str], nav_levels: Mapping[str, str], docs: str
) -> list[tuple[Link, str]]:
    """The entries MkDocs' nav would warn about, each with our message."""
    problems = []
    absolute = nav_levels["absolute_links"]
    for entry in entries:
        url = entry[0]
        lookup = url.lstrip("/") if url.startswith("/") and absolute == RELATIVE_TO_DOCS else url
        if PurePosixPath(lookup).as_posix() in uris:
            continue
        scheme, netloc, *_ = urlsplit(url)
        if scheme or netloc:
            continue  # a link to elsewhere
        if url.startswith("/") and absolute != RELATIVE_TO_DOCS:
            if absolute == WARN:
                problems.append((entry, NAV_ABSOLUTE_MESSAGE.format(url=url, docs=docs)))
        elif nav_levels["not_found"] == WARN:
            problems.append((entry, NAV_MISSING_MESSAGE.format(url=url, path=lookup, docs=docs)))
    return problems


def page_url(src_uri: str, directory_urls: bool) -> str:
    """A page's URL under the site root as MkDocs makes it (``File.url``)."""
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        dest = posixpath.join(folder, "index.html")
    elif directory_urls:
        dest = posixpath.join(folder, stem, "index.html")
    else:
        dest = posixpath.join(folder, stem + ".html")
    head, tail = posixpath.split(dest)
    return (head or ".") + "/" if directory_urls and tail == "index.html" else dest


def _target(src: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), path).lstrip("/"))


def _guesses(src_uri: str, path: str, directory_urls: bool) -> list[str]:
    """The other files MkDocs guesses a broken link meant
    (``_possible_target_uris``), in its order."""
    target = _target(src_uri, path)
    if posixpath.normpath(path) == ".":
        return [src_uri]
    prefixes = list(dict.fromkeys([target, _target(page_url(src_uri, directory_urls), path)]))
    suffixes = [lambda p: p] if directory_urls else []
    if not posixpath.splitext(target)[-1]:
        suffixes += [
            lambda p: posixpath.join(p, "index.md"),
            lambda p: posixpath.join(p, "README.md"),
        ]
    if (
        not target.endswith(".")
        and not path.endswith(".md")
        and (directory_urls or not path.endswith("/"))
    ):
        suffixes.append(lambda p: p.removesuffix(".html") + ".md")
    guesses = [posixpath.normpath(suffix(prefix)) for prefix in prefixes for suffix in suffixes]
    return [g for g in dict.fromkeys(guesses) if g != target and not g.startswith("../")]


def _meant(src_uri: str, path: str, uris: set[str], directory_urls: bool) -> str:
    """The file a broken link likely meant, relative to its page; else nothing."""
    for guess in _guesses(src_uri, path, directory_urls):
        if guess in uris:
            return posixpath.relpath(guess, posixpath.dirname(src_uri) or ".")
    return ""


def link_problem(
    url: str,
    src_uri: str,
    uris: set[str],
    link_levels: Mapping[str, str],
    directory_urls: bool = True,
    docs: str = "docs",
) -> str | None:
    """Our message for a link MkDocs would warn about on page ``src_uri``, or None."""
    scheme, netloc, path, _, _ = urlsplit(url)
    absolute = None
    if scheme or netloc or AMP_SUBSTITUTE in url:
        return None  # elsewhere, or an e-mail address Markdown obfuscated
    if url.startswith(("/", "\\")):
        absolute = link_levels["absolute_links"]
        if absolute != RELATIVE_TO_DOCS:
            return LINK_ABSOLUTE_MESSAGE.format(url=url) if absolute == WARN else None
    elif not path:
        return None  # an anchor on this page
    path = unquote(path)
    target = _target(src_uri, path)
    if target in uris:
        return None
    meant = _meant(src_uri, path, uris, directory_urls)
    if not posixpath.splitext(path)[-1] and absolute is None:
        if link_levels["unrecognized_links"] != WARN:
            return None
        example = posixpath.join(path, "index.md") if path.endswith("/") else path + ".md"
        return LINK_UNRECOGNIZED_MESSAGE.format(url=url, example=meant or example)
    if link_levels["not_found"] != WARN:
        return None
    return LINK_MISSING_MESSAGE.format(
        url=url, target=target, docs=docs, hint=f" (did you mean '{meant}'?)" if meant else ""
    )


def plugin_files(options: Mapping[str, Any], publish_schemas: bool) -> list[str]:
    """The Markdown and data files the explainers plugin adds to the build (links may
    point at them): the claims and sources indexes, the JSON Schemas."""
    if options.get("enabled", True) is False:
        return []
    found = [CLAIMS_INDEX, SOURCES_INDEX] if options.get("claim_pages", True) is not False else []
    found += [f"schemas/{kind}.schema.json" for kind in KINDS] if publish_schemas else []
    return found


def check_links(
    config: Mapping[str, Any],
    uris: set[str],
    pages: Mapping[str, tuple[str, list[Link]]],
    report: Report,
) -> None:
    """Warn, as MkDocs would under ``config``'s ``validation:`` (the parsed mkdocs.yml),
    about the links of ``pages`` (src_uri -> (path, links)) that point at no file in
    ``uris``."""
    found = levels(config.get("validation"))
    docs = docs_name(config)
    directory_urls = config.get("use_directory_urls", True) is not False
    unpublished = pathspec.GitIgnoreSpec.from_lines(
        "\n".join(
            [DEFAULT_EXCLUDE] + [str(config.get(k) or "") for k in ("exclude_docs", "draft_docs")]
        ).splitlines()
    )
    for src_uri, (path, links) in sorted(pages.items()):
        if unpublished.match_file(src_uri):
            continue  # MkDocs says no more than info about a page it does not publish
        for url, line, col in links:
            message = link_problem(url, src_uri, uris, found["links"], directory_urls, docs)
            if message is not None:
                report.warning(path, line, col, message)


def docs_name(config: Mapping[str, Any]) -> str:
    """docs_dir as the site's mkdocs.yml names it, for messages."""
    return str(config.get("docs_dir") or "docs").strip("/")


def check_nav(
    config: Mapping[str, Any],
    config_text: str,
    config_path: str,
    uris: set[str],
    report: Report,
    left_out: Collection[str] = (),
) -> None:
    """Warn at their line about ``nav`` entries MkDocs would warn about; entries for
    ``left_out`` pages (drafts, which a build takes out of the nav) are not checked."""
    if not isinstance(config.get("nav"), list):
        return
    docs = docs_name(config)
    nav_levels = levels(config.get("validation"))["nav"]
    entries = [entry for entry in nav_entries(config_text) if entry[0] not in left_out]
    for (_, line, col), message in nav_problems(entries, uris, nav_levels, docs):
        report.warning(config_path, line, col, message)
