"""What an editor needs from the repo: schemas and scaffolds that work in an editor,
a warning for a page missing from nav, a plain command line, and a format reference
that names every message the code can print.

Sites are copies of ``tests/fixtures/docs/demo-like`` (a custom verdict scale and a nav).
"""

from __future__ import annotations

import ast
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

from explainers import schema
from explainers.cli import main
from explainers.diagnostics import Report
from explainers.model import DEFAULT_SCALE, scale_from_config
from explainers.modeline import PREFIX, is_placeholder, package_schema
from explainers.navcheck import check_nav, nav_paths
from explainers.yamlread import read, to_plain

from helpers import FIXTURES
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
        "c.yml:4:13: error: status 'nope' is not on the verdict scale (true, 1, x{y})"
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
    """The demo's data files and the shipped VS Code settings name schema files that exist."""
    for data in sorted((REPO / "content").rglob("*.yml")):
        target = _modeline_target(data)
        assert (data.parent / target).is_file(), f"{data}: {target}"
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


def test_check_warns_for_a_page_missing_from_nav(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    (root / "content" / "guide" / "second.md").write_text("# Second\n", "utf-8")
    result = tool("explainers", "check", str(root))
    assert (result.returncode, result.stdout) == (0, NAV_WARNING + "\n")
    assert result.stderr == "checked 3 articles, 2 sources, 1 claim: 1 warning\n"
    assert tool("explainers", "check", "--strict", str(root)).returncode == 1


def test_build_warns_for_a_page_missing_from_nav(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    (root / "content" / "guide" / "second.md").write_text("# Second\n", "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert f"WARNING -  {NAV_WARNING}" in log_lines(result, "WARNING")


NO_NAV = ("nav:\n", "unused_nav:\n")


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


def test_summary_line_when_clean(tmp_path: Path) -> None:
    result = tool("explainers", "check", "--strict", str(copy_site(tmp_path)))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        "checked 2 articles, 2 sources, 1 claim: no problems\n",
    )


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
    assert result.stderr == "checked 2 articles, 3 sources, 1 claim: 2 errors, 1 warning\n"


def test_version() -> None:
    result = tool("explainers", "--version")
    assert (result.returncode, result.stdout) == (
        0,
        f"explainers {metadata.version('explainers')}\n",
    )


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["new", "--help"]])
def test_help_is_plain_text(args: list[str]) -> None:
    result = tool("explainers", *args)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: explainers")
    for markup in ("``", ":func:", ":mod:", ":class:", "**"):
        assert markup not in result.stdout


# -- 3. the format reference, README, license, changelog -----------------------------

REFERENCE = REPO / "content" / "guide" / "format-reference.md"
# Report calls and their helpers: the position of the message argument.
REPORT_CALLS = {"error": 3, "warning": 3, "_err": 2, "_warn": 2, "fail": 1}
RAISES = ("ScaleError", "ConfigError", "ValueError", "PluginError")


def _template(node: ast.expr) -> str | None:
    """A message expression as a regex: literal text kept, every {value} or %s any text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _holes(re.escape(node.value))
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(_holes(re.escape(str(value.value))))
            else:
                parts.append(".*?")
        return "".join(parts)
    return None


def _holes(escaped: str) -> str:
    """``%s`` and ``{name}`` placeholders (of ``%`` logging and ``str.format``) match any text."""
    return re.sub(r"%s|\\\{\w+\\\}", ".*?", escaped)


def _reports(tree: ast.Module) -> bool:
    """Does the module put diagnostics in a report (not just log)?"""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id
            receiver = getattr(getattr(func, "value", None), "id", "")
            if name in REPORT_CALLS and receiver != "log":
                return True
    return False


def _built_messages(tree: ast.Module) -> list[ast.expr]:
    """Messages a reporting module builds before reporting them: returned, yielded
    (alone or as a tuple's last item) or assigned to a name as an f-string."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        value: ast.expr | None = None
        if isinstance(node, (ast.Return, ast.Yield)) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Tuple) and value.elts:
                value = value.elts[-1]
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.JoinedStr):
            value = node.value
        if isinstance(value, (ast.JoinedStr, ast.Constant)):
            found.append(value)
    return found


def _message_args(module: str, tree: ast.Module) -> list[ast.expr]:
    """The message arguments of every call in a module that can show text to an editor."""
    found: list[ast.expr] = _built_messages(tree) if _reports(tree) else []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_message":  # schema.py
            found += [
                t.elts[1] for t in ast.walk(node) if isinstance(t, ast.Tuple) and len(t.elts) == 2
            ]
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id.endswith("MESSAGE") for t in node.targets
        ):
            found.append(node.value)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        receiver = getattr(getattr(func, "value", None), "id", "")
        if receiver == "log" and name in ("error", "warning") and node.args:
            found.append(node.args[0])
        elif name in REPORT_CALLS and any(isinstance(a, ast.Starred) for a in node.args):
            found.append(node.args[-1])  # report.error(*where, message)
        elif name in REPORT_CALLS and len(node.args) > REPORT_CALLS[name]:
            found.append(node.args[REPORT_CALLS[name]])
        elif name in RAISES and node.args:
            found.append(node.args[0])
        elif name == "print" and any(k.arg == "file" for k in node.keywords) and node.args:
            found.append(node.args[0])  # the CLI's messages on stderr
    return found


def message_templates() -> dict[str, str]:
    """Every message the package can show an editor: {regex: where it is made}."""
    found: dict[str, str] = {}
    for module in sorted((REPO / "plugins" / "explainers").glob("*.py")):
        tree = ast.parse(module.read_text("utf-8"))
        for arg in _message_args(module.name, tree):
            template = _template(arg)
            if template and re.search(r"[a-z]{3}", template):
                found[template] = f"{module.name}:{arg.lineno}"
    for kind in schema.KINDS:
        for custom in re.findall(r'"x-message": "([^"]+)"', schema.schema_text(kind)):
            found[_holes(re.escape(custom))] = f"{kind}.schema.json"
    return found


def test_reference_names_every_message() -> None:
    text = REFERENCE.read_text("utf-8")
    templates = message_templates()
    assert len(templates) > 40
    missing = [f"{where}: {t}" for t, where in templates.items() if not re.search(t, text)]
    assert missing == []


def test_reference_names_every_field_and_option() -> None:
    text = REFERENCE.read_text("utf-8")
    for kind in schema.KINDS:
        parsed = schema.schema(kind)
        entry = parsed["$defs"]["claim" if kind == "claims" else "source"]["properties"]
        names = set(entry)
        if kind == "claims":
            names |= set(parsed["$defs"]["evidence"]["properties"])
            names |= set(parsed["$defs"]["history"]["properties"])
            for table in ("evidence item", "history item"):
                assert f"Each **{table}**:" in text
        for name in names:
            assert f"`{name}`" in text, name
    options = re.findall(
        r"^    (\w+) = c\.", (REPO / "plugins/explainers/config.py").read_text(), re.M
    )
    assert len(options) == 13
    for option in options:
        assert f"`{option}`" in text, option
    for key in DEFAULT_SCALE:
        assert f"`{key}`" in text, key


def test_reference_is_in_the_demo_nav_and_names_no_outside_file() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert "guide/format-reference.md" in nav_paths(config["nav"])
    for path in (REFERENCE, REPO / "README.md", REPO / "CHANGELOG.md"):
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
