"""hosts.mkdocs_validation: MkDocs' own nav and link validation, as `explainers check`
applies it.

The cases follow MkDocs 1.6 (mkdocs/structure/nav.py, mkdocs/structure/pages.py);
tests/test_parity.py builds real sites to hold `check` to what MkDocs prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers.hosts import mkdocs_validation as navlinks

URIS = {"index.md", "about.md", "guide/index.md", "guide/setup.md", "img/chart.png"}


@pytest.mark.parametrize(
    ("validation", "group", "key", "level"),
    [
        (None, "nav", "not_found", "warn"),
        (None, "links", "absolute_links", "info"),
        (None, "links", "anchors", "info"),
        ({"not_found": "ignore"}, "nav", "not_found", "ignore"),  # the top applies to both
        ({"not_found": "ignore"}, "links", "not_found", "ignore"),
        ({"not_found": "ignore", "links": {"not_found": "warn"}}, "links", "not_found", "warn"),
        ({"not_found": "ignore", "links": {"not_found": "warn"}}, "nav", "not_found", "ignore"),
        ({"unrecognized_links": "warn"}, "links", "unrecognized_links", "warn"),
        (
            {"links": {"absolute_links": "relative_to_docs"}},
            "links",
            "absolute_links",
            "relative_to_docs",
        ),
        ({"not_found": "relative_to_docs"}, "links", "not_found", "warn"),  # not a level here
        ({"nav": "warn"}, "nav", "not_found", "warn"),
        ("warn", "nav", "not_found", "warn"),
    ],
)
def test_levels_read_as_mkdocs_does(validation: object, group: str, key: str, level: str) -> None:
    assert navlinks.levels(validation)[group][key] == level


LINK_CASES = [
    # url, page, validation, what the message starts with (None: MkDocs says no warning)
    ("about.md", "index.md", None, None),
    ("../about.md", "guide/setup.md", None, None),
    ("setup.md#install", "guide/index.md", None, None),
    ("#top", "index.md", None, None),
    ("https://example.org/x.md", "index.md", None, None),
    ("mailto:desk@example.org", "index.md", None, None),
    (
        "gone.md",
        "index.md",
        None,
        "link 'gone.md' points at no file of the site (no 'gone.md' in docs/)",
    ),
    (
        "gone.md",
        "guide/setup.md",
        None,
        "link 'gone.md' points at no file of the site (no 'guide/gone.md'",
    ),
    ("img/chart.jpg", "index.md", None, "link 'img/chart.jpg' points at no file"),
    ("gone.md", "index.md", {"not_found": "ignore"}, None),
    ("gone.md", "index.md", {"links": {"not_found": "info"}}, None),
    ("/about.md", "index.md", None, None),  # absolute: info by default
    ("/about.md", "index.md", {"absolute_links": "warn"}, "link '/about.md' is an absolute path"),
    ("/about.md", "index.md", {"absolute_links": "relative_to_docs"}, None),
    (
        "/gone.md",
        "index.md",
        {"absolute_links": "relative_to_docs"},
        "link '/gone.md' points at no file",
    ),
    ("about/", "index.md", None, None),  # unrecognized: info by default
    ("about/", "index.md", {"unrecognized_links": "warn"}, "link 'about/' names no file"),
    ("guide", "index.md", {"unrecognized_links": "warn"}, "link 'guide' names no file"),
]


@pytest.mark.parametrize(("url", "page", "validation", "expected"), LINK_CASES)
def test_link_problems(url: str, page: str, validation: object, expected: str | None) -> None:
    found = navlinks.link_problem(url, page, URIS, navlinks.levels(validation)["links"])
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.startswith(expected), found


def test_a_broken_link_names_the_file_it_likely_meant() -> None:
    levels = navlinks.levels({"unrecognized_links": "warn"})["links"]
    assert "e.g. 'about.md'" in (navlinks.link_problem("about/", "index.md", URIS, levels) or "")
    found = navlinks.link_problem("setup.html", "guide/index.md", URIS, levels) or ""
    assert "(did you mean 'setup.md'?)" in found


def test_nav_problems_at_their_line() -> None:
    text = (
        "site_name: x\n"
        "nav:\n"
        "  - index.md\n"
        "  - Guide:\n"
        "      - Setup: guide/setup.md\n"
        "      - Gone: guide/gone.md\n"
        "  - Elsewhere: https://example.org/\n"
        "  - /about.md\n"
    )
    entries = navlinks.nav_entries(text)
    assert [e[0] for e in entries] == [
        "index.md",
        "guide/setup.md",
        "guide/gone.md",
        "https://example.org/",
        "/about.md",
    ]
    assert entries[2] == ("guide/gone.md", 6, 15)
    found = navlinks.nav_problems(entries, URIS, navlinks.levels(None)["nav"], "content")
    assert [(e, m.split(" is ")[0]) for e, m in found] == [
        (("guide/gone.md", 6, 15), "nav entry 'guide/gone.md'")
    ]
    warned = navlinks.nav_problems(
        entries, URIS, navlinks.levels({"absolute_links": "warn"})["nav"], "content"
    )
    assert [e[0] for e, _ in warned] == ["guide/gone.md", "/about.md"]
    relative = navlinks.levels({"nav": {"absolute_links": "relative_to_docs"}})["nav"]
    assert [e[0] for e, _ in navlinks.nav_problems(entries, URIS, relative, "c")] == [
        "guide/gone.md"
    ]


def test_site_files_leave_out_the_data_folders(tmp_path: Path) -> None:
    for name in ("index.md", "img/chart.png", "claims/c.yml", "sources/s.yml", "claimsx/a.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    uris = navlinks.site_uris(
        tmp_path, [tmp_path / "claims", tmp_path / "sources"], ["sources/index.md"]
    )
    assert uris == {"index.md", "img/chart.png", "claimsx/a.md", "sources/index.md"}


def test_a_deep_nav_is_read_or_left_without_a_traceback() -> None:
    def nav(depth: int) -> str:
        return (
            "nav:\n"
            + "".join("  " * i + "- a:\n" for i in range(depth))
            + "  " * depth
            + "- x.md\n"
        )

    assert navlinks.nav_entries(nav(100)) == [("x.md", 102, 203)]
    navlinks.nav_entries(nav(5000))  # PyYAML's own reader recurses: nothing, not a crash
