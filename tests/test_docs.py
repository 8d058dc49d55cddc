"""What an editor needs from the repo: schemas and scaffolds that work in an editor,
a warning for a page missing from nav, a plain command line, and a format reference
that names every message the code can print.

Sites are copies of ``tests/fixtures/docs/demo-like`` (a custom verdict scale and a nav).
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from markdown_it.utils import read_fixture_file

from explainers.cli import main
from explainers.cli.modeline import PREFIX, is_placeholder, package_schema
from explainers.data import schema
from explainers.data.diagnostics import Report
from explainers.data.model import DEFAULT_SCALE
from explainers.data.scales import scale_from_config
from explainers.data.yaml_reader import read, to_plain
from explainers.hosts.nav_check import check_nav, nav_paths

from helpers import FIXTURES
from messages import message_templates
from sitebuild import REPO, build, log_lines, tool

SITE = FIXTURES / "docs" / "demo-like"
SITE_SCALE = scale_from_config(
    yaml.safe_load((SITE / "mkdocs.yml").read_text())["plugins"][0]["explainers"]["scale"]
)


def copy_site(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the fixture site, with (old, new) replacements in its mkdocs.yml."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, "utf-8")
    return root


# -- 1. schemas --------------------------------------------------------------------


def test_shipped_claims_schema_is_the_default_scale_schema() -> None:
    shipped = (REPO / "plugins/explainers/schemas/claims.schema.json").read_text("utf-8")
    assert shipped == schema.schema_text("claims") == schema.schema_text("claims", DEFAULT_SCALE)
    status = json.loads(shipped)["$defs"]["status"]
    # an editor's YAML 1.2 parser reads `status: false` as a boolean
    assert status["enum"] == [
        "confirmed",
        "partly-confirmed",
        "unconfirmed",
        "disputed",
        "false",
        False,
    ]


def test_custom_scale_schema_lists_its_keys() -> None:
    assert SITE_SCALE is not None
    status = schema.schema("claims", SITE_SCALE)["$defs"]["status"]
    assert status["enum"] == ["verified", "open-question", "wrong"]
    assert status["description"] == (
        "A key of the verdict scale: verified, open-question, wrong. "
        "Settled (the question is closed): verified, wrong."
    )
    odd = scale_from_config({"true": {"en": "Yes"}, "1": {"en": "One"}, "x{y}": {"en": "Braces"}})
    assert schema.schema("claims", odd)["$defs"]["status"]["enum"] == ["true", "1", "x{y}", True, 1]
    report = Report()
    tree = read(b"claims:\n  - id: a\n    claim: A.\n    status: nope\n", "c.yml", report)
    assert not schema.check(tree, "claims", "c.yml", report, odd)
    assert [str(d) for d in report.items] == [
        "c.yml:4:13: error: status 'nope' is not on the verdict scale (true, 1, x{y}); the "
        "site's scale: option replaces the default scale; add nope: {en: LABEL, nb: LABEL, "
        "settled: true|false} to scale:, or set scale_extends: default to keep the default "
        "verdicts and add yours to them"
    ]


DATES = [
    ("2025", True),
    ("2025-01", True),
    ("2025-12-31", True),
    ("2025-02-30", True),  # well-formed; the validator says it is not a real date
    ("2025-13", False),
    ("2025-00", False),
    ("2025-10-00", False),
    ("2025-10-32", False),
    ("2025-1-02", False),
    ("25-10-02", False),
    ("2025-10-02T10:00", False),
    ("2025-10-02\n", False),
]


@pytest.mark.parametrize(("value", "valid"), DATES)
def test_date_pattern(value: str, valid: bool) -> None:
    for kind, entry in (
        ("sources", {"id": "a", "title": "T", "date": value}),
        ("claims", {"id": "a", "claim": "C.", "status": "confirmed", "date": value}),
    ):
        assert Draft202012Validator(schema.schema(kind)).is_valid({kind: [entry]}) == valid


def _doc(statuses: list[str], dates: list[str]) -> bytes:
    claims = [
        {"id": f"c{n}", "claim": "C.", "status": s, "date": d, "reviewed": d}
        for n, (s, d) in enumerate(zip(statuses, dates, strict=False))
    ]
    return yaml.safe_dump({"claims": claims}).encode()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["verified", "open-question", "wrong", "confirmed", "Verified", ""]),
        max_size=3,
    ),
    st.lists(
        st.sampled_from([d for d, _ in DATES] + ["2024-02-29", "0999"]), min_size=3, max_size=3
    ),
)
def test_schema_and_validator_agree_for_a_custom_scale(
    statuses: list[str], dates: list[str]
) -> None:
    report = Report()
    tree = read(_doc(statuses, dates), "c.yml", report)
    by_check = schema.check(tree, "claims", "c.yml", report, SITE_SCALE)
    by_schema = Draft202012Validator(schema.schema("claims", SITE_SCALE)).is_valid(to_plain(tree))
    assert by_check == by_schema == (report.errors == [])


@pytest.mark.build
def test_build_publishes_the_site_scale_schema(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert log_lines(result, "WARNING") == []
    published = root / "site" / "schemas"
    assert (published / "claims.schema.json").read_text("utf-8") == schema.schema_text(
        "claims", SITE_SCALE
    )
    assert (published / "sources.schema.json").read_text("utf-8") == schema.schema_text("sources")


# -- 1. scaffolds: the modeline works from where the file is ------------------------


def _modeline_target(path: Path) -> str:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith(PREFIX), first
    return first.removeprefix(PREFIX)


SITE_URL = ("site_name:", "site_url: https://factdesk.no/explainers/\nsite_name:")
PLACEHOLDER = ("site_name:", "site_url: https://explainers.example.org/\nsite_name:")
LOCALHOST = ("site_name:", "site_url: http://localhost:8000/\nsite_name:")
UNPUBLISHED = ("  - explainers:\n", "  - explainers:\n      publish_schemas: false\n")
FACTDESK = "https://factdesk.no/explainers/schemas/{kind}.schema.json"


@pytest.mark.build
@pytest.mark.parametrize("kind", ["source", "claim"])
@pytest.mark.parametrize(
    ("edits", "expected_url"),
    [
        ((), None),
        ((SITE_URL,), FACTDESK),
        ((PLACEHOLDER,), None),
        ((LOCALHOST,), None),
        ((SITE_URL, UNPUBLISHED), None),
    ],
    ids=["no-site-url", "site-url", "placeholder-site-url", "localhost", "not-published"],
)
def test_new_writes_a_modeline_that_works(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    edits: tuple[tuple[str, str], ...],
    expected_url: str | None,
) -> None:
    root = copy_site(tmp_path, *edits)
    assert main(["new", kind, "Fresh item", "--site", str(root)]) == 0
    created = root / capsys.readouterr().out.strip()
    plural = f"{kind}s"
    target = _modeline_target(created)
    if expected_url is not None:
        assert target == expected_url.format(kind=plural)
    else:
        assert not target.startswith(("http:", "https:")), target
        local = package_schema(plural)
        assert local is not None
        assert (created.parent / target).resolve() == local.resolve()
    result = tool("explainers", "check", str(root))
    assert ": error: " not in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        ("https://explainers.example.org/", True),
        ("https://example.com", True),
        ("http://site.test/", True),
        ("http://localhost:8000/", True),
        ("https://news.invalid/", True),
        ("https://factdesk.no/", False),
        ("https://examples.org/", False),
        ("not a url", True),
    ],
)
def test_placeholder_addresses(url: str, placeholder: bool) -> None:
    assert is_placeholder(url) == placeholder


def test_repo_files_for_editors_point_at_real_schemas() -> None:
    """The shipped VS Code settings name schema files that exist (the demo's data files'
    modelines are checked by ``make check``, ``checks/test_demo.py``)."""
    settings_file = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings_file["yaml.schemas"]
    assert {Path(k).name: v for k, v in mapping.items()} == {
        "claims.schema.json": ["content/claims/*.yml", "content/claims/**/*.yml"],
        "sources.schema.json": ["content/sources/*.yml", "content/sources/**/*.yml"],
    }
    for path in mapping:
        assert (REPO / path).is_file(), path


# -- 2. a page missing from nav ------------------------------------------------------

NAV_WARNING = 'content/guide/second.md:1:1: warning: this page is not in nav: add "- guide/second.md" under nav: in mkdocs.yml'


def test_nav_paths_walks_every_level() -> None:
    nav = ["index.md", {"A": [{"B": "./a/b.md"}, "/c.md", {"Out": "https://x.org/a.md"}]}]
    assert nav_paths(nav) == {"index.md", "a/b.md", "c.md"}


@pytest.mark.build
def test_check_warns_for_a_page_missing_from_nav(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    (root / "content" / "guide" / "second.md").write_text("# Second\n", "utf-8")
    result = tool("explainers", "check", str(root))
    assert (result.returncode, result.stdout) == (0, NAV_WARNING + "\n")
    assert result.stderr.splitlines()[0] == "checked 3 articles, 2 sources, 1 claim: 1 warning"
    assert tool("explainers", "check", "--strict", str(root)).returncode == 1


@pytest.mark.build
def test_a_draft_needs_no_nav_entry(tmp_path: Path) -> None:
    """A build leaves a draft out of the site and its nav: no entry is missing."""
    root = copy_site(tmp_path)
    (root / "content" / "guide" / "second.md").write_text(
        "---\ndraft: true\n---\n# Second\n", "utf-8"
    )
    result = tool("explainers", "check", "--strict", str(root))
    assert (result.returncode, result.stdout) == (0, "")
    assert build(root).returncode == 0


@pytest.mark.build
def test_build_warns_for_a_page_missing_from_nav(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    (root / "content" / "guide" / "second.md").write_text("# Second\n", "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert f"WARNING -  {NAV_WARNING}" in log_lines(result, "WARNING")


NO_NAV = ("nav:\n", "unused_nav:\n")


@pytest.mark.build
@pytest.mark.parametrize(
    "edit",
    [("nav:", "not_in_nav: |\n  /guide/second.md\nnav:"), NO_NAV],
    ids=["not_in_nav", "no-nav"],
)
def test_no_nav_warning_when_exempt_or_without_nav(tmp_path: Path, edit: tuple[str, str]) -> None:
    root = copy_site(tmp_path, edit)
    (root / "content" / "guide" / "second.md").write_text("# Second\n", "utf-8")
    result = tool("explainers", "check", "--strict", str(root))
    assert (result.returncode, result.stdout) == (0, "")


def test_check_nav_reports_at_the_file() -> None:
    report = Report()
    check_nav(
        ["a.md"],
        [("a.md", SITE / "content/a.md"), ("b/c.md", SITE / "content/b/c.md")],
        SITE,
        report,
    )
    assert [str(d) for d in report.items] == [
        'content/b/c.md:1:1: warning: this page is not in nav: add "- b/c.md" under nav: in mkdocs.yml'
    ]


def test_new_article_says_how_to_add_it_to_nav(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_site(tmp_path)
    assert main(["new", "article", "Brand new", "--site", str(root)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "content/brand-new.md\n"
    assert (
        captured.err
        == 'explainers: to list it in the menu, add "- brand-new.md" under nav: in mkdocs.yml\n'
    )


# -- 3. the command line --------------------------------------------------------------


@pytest.mark.build
def test_summary_line_when_clean(tmp_path: Path) -> None:
    result = tool("explainers", "check", "--strict", str(copy_site(tmp_path)))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        "checked 2 articles, 2 sources, 1 claim: no problems\n"
        "would publish 2 articles, 1 claim, 2 sources; "
        "drafts left out: 0 articles, 0 claims, 0 sources\n",
    )


@pytest.mark.build
def test_summary_line_after_problems(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    page = root / "content" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nMore [@nowhere] and [@gone].\n", "utf-8")
    (root / "content" / "sources" / "t.yml").write_text(
        "sources:\n  - id: lonely\n    title: L\n", "utf-8"
    )
    result = tool("explainers", "check", "--format", "json", str(root))
    assert result.returncode == 1
    assert len(json.loads(result.stdout)) == 3
    assert (
        result.stderr.splitlines()[0]
        == "checked 2 articles, 3 sources, 1 claim: 2 errors, 1 warning"
    )


@pytest.mark.build
def test_version() -> None:
    result = tool("explainers", "--version")
    assert (result.returncode, result.stdout) == (
        0,
        f"explainers {metadata.version('explainers')}\n",
    )


@pytest.mark.build
@pytest.mark.parametrize(
    "args", [["--help"], ["check", "--help"], ["new", "--help"], ["links", "--help"]]
)
def test_help_is_plain_text(args: list[str]) -> None:
    result = tool("explainers", *args)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: explainers")
    for markup in ("``", ":func:", ":mod:", ":class:", "**"):
        assert markup not in result.stdout


# -- 3. the format reference, README, license, changelog -----------------------------


def test_message_templates_are_found() -> None:
    """Every message the fixture sites produce is one of the templates found in the code,
    so the demo's format reference, checked against them by ``make check``
    (``checks/test_demo.py``), misses none; tests never read the demo."""
    templates = message_templates()
    assert len(templates) > 40
    messages = {
        line.split(": error: ", 1)[-1].split(": warning: ", 1)[-1]
        for name in ("errors.md", "validation.md", "drafts.md", "config.md")
        for _line, _title, _blob, expected in read_fixture_file(FIXTURES / name)
        for line in expected.splitlines()
    }
    assert len(messages) > 60
    # a schema's x-message gets its "did you mean" from the code that shows it
    unmatched = sorted(
        m
        for m in messages
        if not any(re.fullmatch(f"(?:{t})(?:; did you mean .*)?", m) for t in templates)
    )
    assert unmatched == []


def test_readme_and_changelog_name_no_outside_file() -> None:
    for path in (REPO / "README.md", REPO / "CHANGELOG.md"):
        text = path.read_text("utf-8")
        assert "shared/" not in text and "CONTENT-FORMAT" not in text, path


def test_readme_links_only_to_files_in_the_repo() -> None:
    text = (REPO / "README.md").read_text("utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        if link.startswith(("http://", "https://", "#")):
            continue
        target = (REPO / link.split("#")[0]).resolve()
        assert target.is_relative_to(REPO) and target.exists(), link


def test_license_and_changelog() -> None:
    license_text = (REPO / "LICENSE").read_text("utf-8")
    assert license_text.startswith("MIT License\n")
    assert "the explainers contributors" in license_text
    changelog = (REPO / "CHANGELOG.md").read_text("utf-8")
    assert "## [Unreleased]" in changelog
    assert f"## [{metadata.version('explainers')}]" in changelog
