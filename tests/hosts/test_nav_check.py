"""A page that ``nav`` does not list (``explainers.hosts.nav_check``): MkDocs logs it at
info level only, so a new article would quietly miss the menu."""

from __future__ import annotations

from pathlib import Path

from explainers.data.diagnostics import Report
from explainers.hosts.nav_check import check_nav, nav_paths, warn_unlisted

NAV = [
    "index.md",
    {"About": "./about.md"},
    {"Explainers": [{"One": "en/one.md"}, "/en/two.md", {"Deep": [{"Three": "en/x/../three.md"}]}]},
    {"Elsewhere": "https://x.example/en/four.md"},
    {"Mail": "mailto:desk@x.example"},
    {"Anchor": "#top"},
    {"Blank": "  "},
]


def test_nav_paths_are_the_pages_at_any_depth_and_no_links() -> None:
    assert nav_paths(NAV) == {"index.md", "about.md", "en/one.md", "en/two.md", "en/three.md"}
    assert nav_paths(None) == set()


def articles(root: Path, *uris: str) -> list[tuple[str, Path]]:
    return [(uri, root / "content" / uri) for uri in uris]


def test_each_unlisted_page_gets_the_line_to_add(tmp_path: Path) -> None:
    report = Report()
    pages = articles(tmp_path, "en/one.md", "en/new.md", "drafts/wip.md", "en/three.md", "b.md")
    check_nav(NAV, pages, tmp_path, report)
    assert [str(d) for d in report.sorted()] == [
        'content/b.md:1:1: warning: this page is not in nav: add "- b.md" under nav: in mkdocs.yml',
        'content/drafts/wip.md:1:1: warning: this page is not in nav: add "- drafts/wip.md" under '
        "nav: in mkdocs.yml",
        'content/en/new.md:1:1: warning: this page is not in nav: add "- en/new.md" under nav: in '
        "mkdocs.yml",
    ]
    exempt = Report()
    check_nav(NAV, pages, tmp_path, exempt, exempt="drafts/\n/b.md\n")
    assert [d.path for d in exempt.sorted()] == ["content/en/new.md"]
    assert not exempt.errors


def test_without_a_nav_list_every_page_is_listed(tmp_path: Path) -> None:
    for nav in (None, {"index.md": "x"}, "index.md"):
        report = Report()
        check_nav(nav, articles(tmp_path, "a.md"), tmp_path, report)
        assert not report


def test_a_logging_host_gets_the_same_lines(tmp_path: Path) -> None:
    lines: list[str] = []
    warn_unlisted(["a.md"], articles(tmp_path, "b.md", "a.md"), tmp_path, lines.append)
    assert lines == [
        'content/b.md:1:1: warning: this page is not in nav: add "- b.md" under nav: in mkdocs.yml'
    ]
