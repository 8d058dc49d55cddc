"""`explainers init DIR`: the new site it writes, in process; its builds with `mkdocs build`.

The wheel-installed run, outside the repository, is ``tests/test_wheel.py``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from explainers.cli import init, main

from helpers import FIXTURES, MATERIAL_EXTENSIONS
from sitebuild import build, log_lines

EN_FILES = [
    ".gitignore",
    "content/claims/example.yml",
    "content/example-explainer.md",
    "content/index.md",
    "content/sources/example.yml",
    "mkdocs.yml",
]
NB_FILES = [
    ".gitignore",
    "content/claims/eksempel.yml",
    "content/eksempel-forklaring.md",
    "content/index.md",
    "content/sources/eksempel.yml",
    "mkdocs.yml",
]


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("lang", "expected"), [("en", EN_FILES), ("nb", NB_FILES)])
def test_init_writes_the_site_and_lists_each_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: list[str]
) -> None:
    target = tmp_path / "desk"  # made by init
    code, out, err = run(capsys, "init", str(target), "--lang", lang)
    assert code == 0, err
    assert files_under(target) == expected
    assert sorted(out.splitlines()) == [(target / name).as_posix() for name in expected]
    assert err.startswith("explainers: a new site; next:\n")
    assert "  mkdocs serve " in err and "  explainers check --strict " in err
    for file in init.site_files(lang):  # the text is the package's, byte for byte
        assert (target / file.path).read_bytes() == file.text.encode("utf-8")


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_init_settings(tmp_path: Path, lang: str) -> None:
    init.write_site(tmp_path, lang)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text("utf-8"))
    assert config["theme"]["name"] == "material"
    assert config["theme"]["language"] == lang
    assert config["theme"]["font"] is False
    assert "custom_dir" not in config["theme"]
    assert "extra_css" not in config and "extra_javascript" not in config
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in config["plugins"]}
    assert list(plugins) == ["search", "explainers"]
    assert plugins["explainers"]["explainers"] == {
        "claims_dir": "content/claims",
        "sources_dir": "content/sources",
    }
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert names == MATERIAL_EXTENSIONS


@pytest.mark.parametrize(
    ("lang", "word", "foreign"),
    [("en", "example", r"\b(og|ikke|eksempel)\b"), ("nb", "eksempel", r"\b(the|and|example)\b")],
)
def test_every_example_says_it_is_one_in_the_sites_language(
    tmp_path: Path, lang: str, word: str, foreign: str
) -> None:
    init.write_site(tmp_path, lang)
    for path in sorted((tmp_path / "content").rglob("*.*")):
        text = path.read_text("utf-8")
        assert word in text.lower(), path
        # the prose is in the site's language (ids, paths and commands aside)
        prose = re.sub(
            r"`[^`]*`|https?://\S+|^!!! \w+|\[[^]]*\]|\([^)]*\.md\)|^\s*(- )?[\w-]+:",
            " ",
            text,
            flags=re.M,
        )
        assert not re.search(foreign, prose.lower()), (path, re.search(foreign, prose.lower()))
    article = "example-explainer.md" if lang == "en" else "eksempel-forklaring.md"
    assert f"\nlang: {lang}\n" in (tmp_path / "content" / article).read_text("utf-8")


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    code, out, err = run(capsys, "init", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        f"explainers: {tmp_path} is not empty; pass --force to add a site to it anyway\n"
    )
    assert files_under(tmp_path) == ["notes.txt"]


def test_force_adds_the_site_beside_what_is_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    code, _, err = run(capsys, "init", str(tmp_path), "--force")
    assert code == 0, err
    assert files_under(tmp_path) == sorted([*EN_FILES, "notes.txt"])
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"


def test_force_never_replaces_a_file_and_names_every_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", "utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Mine\n", "utf-8")
    code, out, err = run(capsys, "init", str(tmp_path), "--force")
    assert (code, out) == (1, "")
    assert err == (
        f"explainers: {tmp_path}: content/index.md, mkdocs.yml exist already; "
        "init never replaces a file\n"
    )
    assert files_under(tmp_path) == ["content/index.md", "mkdocs.yml"]  # nothing written
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: Mine\n"


def test_init_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "desk").write_text("", "utf-8")
    code, _, err = run(capsys, "init", str(tmp_path / "desk"))
    assert code == 1
    assert err == f"explainers: {tmp_path / 'desk'} is a file, not a folder\n"


def test_init_knows_only_its_languages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["init", "x", "--lang", "de"])
    assert exit_.value.code == 2
    assert "argument --lang: invalid choice: 'de'" in capsys.readouterr().err
    with pytest.raises(init.InitError, match="no site template for language 'de'"):
        init.site_files("de")


def test_next_steps_name_the_folder_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert init.next_steps(tmp_path / "desk").startswith("  cd desk\n  mkdocs serve ")
    assert init.next_steps(tmp_path).startswith("  mkdocs serve ")
    monkeypatch.chdir(tmp_path / "..")
    assert init.next_steps(tmp_path).startswith(f"  cd {tmp_path.name}\n")


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_new_site_passes_both_strict_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    site = tmp_path / "desk"
    init.write_site(site, lang)
    code, out, err = run(capsys, "check", "--strict", str(site))
    assert (code, out) == (0, ""), out + err
    assert err == (
        "checked 2 articles, 1 source, 1 claim: no problems\n"
        "would publish 2 articles, 1 claim, 1 source; "
        "drafts left out: 0 articles, 0 claims, 0 sources\n"
    )
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert log_lines(result, "WARNING") == log_lines(result, "ERROR") == []
    article = "example-explainer" if lang == "en" else "eksempel-forklaring"
    page = BeautifulSoup((site / "site" / article / "index.html").read_text("utf-8"), "html.parser")
    assert page.html is not None and page.html["lang"] == lang
    assert page.select(".xp-claim") and page.select(".xp-sources")
    assert (site / "site" / "claims" / "index.html").is_file()
    assert (site / "site" / "assets" / "explainers" / "explainers.css").is_file()


@pytest.mark.build
def test_what_builds_leave_beside_the_site_is_ignored_by_git(tmp_path: Path) -> None:
    """A build leaves the old site beside the new one (``.site.old-...``, removed by the
    next build) and a build or check writes ``site/`` and the cache: in a desk's git
    repository none of it shows as a change to commit."""
    init.write_site(tmp_path, "en")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "new site"]):
        subprocess.run([*git, *args], check=True)
    for _ in range(2):  # the second leaves the first's site beside its own
        assert build(tmp_path).returncode == 0
    assert [p.name for p in tmp_path.glob(".site.old-*")], "no old site left: test is moot"
    status = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


@pytest.mark.build
def test_the_plugin_brings_materials_page_language_strings(tmp_path: Path) -> None:
    """No custom_dir: a Norwegian page in an English site gets Material's Bokmål strings,
    and the search dialog has an accessible name (the package's own overrides)."""
    init.write_site(tmp_path, "en")
    article = tmp_path / "content" / "example-explainer.md"
    article.write_text(article.read_text("utf-8").replace("\nlang: en\n", "\nlang: nb\n"), "utf-8")
    assert build(tmp_path).returncode == 0
    nb = BeautifulSoup(
        (tmp_path / "site" / "example-explainer" / "index.html").read_text("utf-8"), "html.parser"
    )
    en = BeautifulSoup((tmp_path / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert nb.select_one("a.md-skip").get_text(strip=True) == "Gå til innhold"
    assert en.select_one("a.md-skip").get_text(strip=True) == "Skip to content"
    assert nb.select_one(".md-search")["aria-label"] == "Søk"
    assert en.select_one(".md-search")["aria-label"] == "Search"


@pytest.mark.build
def test_a_site_override_still_comes_first(tmp_path: Path) -> None:
    init.write_site(tmp_path, "en")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  font: false", "  custom_dir: overrides\n  font: false"
        ),
        "utf-8",
    )
    partial = tmp_path / "overrides" / "partials" / "search.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<div class="md-search" data-own-search></div>\n', "utf-8")
    assert build(tmp_path).returncode == 0
    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one(".md-search").has_attr("data-own-search")
    assert page.select_one("a.md-skip").get_text(strip=True) == "Skip to content"


def test_the_hosts_fixture_overrides_are_the_packages() -> None:
    """Hosts without the plugin (Zensical) need the package's partials in their own
    custom_dir: the copies must not drift (``make check`` holds the demo's to the fixture's)."""
    from explainers.hosts.mkdocs.overrides import OVERRIDES_DIR

    copy = FIXTURES / "hosts" / "overrides"
    shipped = sorted(p.relative_to(OVERRIDES_DIR) for p in OVERRIDES_DIR.rglob("*.html"))
    assert [p.as_posix() for p in shipped] == ["partials/language.html", "partials/search.html"]
    for path in shipped:
        assert (copy / path).read_bytes() == (OVERRIDES_DIR / path).read_bytes(), path


def test_a_failed_write_takes_back_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content").write_text("a file where the site needs a folder", "utf-8")
    code, out, err = run(capsys, "init", str(tmp_path / "."), "--force")
    assert (code, out) == (1, "")
    assert re.fullmatch(
        rf"explainers: {re.escape(str(tmp_path))}/content/claims: .+; nothing was written\n", err
    ), err
    assert files_under(tmp_path) == ["content"]
    assert "Traceback" not in err
