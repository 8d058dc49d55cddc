"""Bad content stops the build: every problem as ``path:line:col: error:``, no traceback,
no half-written site, and the previous site left as it was. A good build replaces the
old site whole. All on copies of the reader fixture site."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from helpers import SITES
from sitebuild import build, log_lines

pytestmark = pytest.mark.build  # every test here starts a process


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def reader_copy(dest: Path) -> Path:
    shutil.copytree(SITES / "reader", dest)
    return dest


def break_claims(root: Path) -> tuple[int, int]:
    """Put a bad status and a bad stance in the claims; return their line numbers."""
    path = root / "content" / "claims" / "claims.yml"
    text = path.read_text("utf-8")
    text = text.replace("    status: disputed\n", "    status: debatable\n", 1)
    text = text.replace("        stance: contradicts\n", "        stance: refutes\n", 1)
    path.write_text(text, "utf-8")
    lines = text.split("\n")
    return lines.index("    status: debatable") + 1, lines.index("        stance: refutes") + 1


def test_broken_claim_file_fails_with_positions(tmp_path: Path) -> None:
    root = reader_copy(tmp_path / "site-src")
    status_line, stance_line = break_claims(root)
    assert (status_line, stance_line) == (63, 16)
    result = build(root)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert log_lines(result, "ERROR") == [
        "ERROR   -  content/claims/claims.yml:16:17: error: "
        "stance 'refutes' is not one of supports, contradicts, context; did you mean 'contradicts'?",
        "ERROR   -  content/claims/claims.yml:63:13: error: "
        "status 'debatable' is not on the verdict scale (confirmed, partly-confirmed, unconfirmed, disputed, false)"
        "; the site uses the 'default' scale; to add 'debatable' to it, give the explainers "
        "plugin in mkdocs.yml scale_extends: default and a scale: entry debatable: "
        "{en: LABEL, nb: LABEL, settled: true|false}",
        "ERROR   -  explainers: 2 content errors; nothing was built",
    ]
    assert not (root / "site").exists(), "no partial site"
    assert sorted(p.name for p in root.glob(".site*")) == [], "no staging folder left behind"


def test_front_matter_errors_are_positioned_in_the_file(tmp_path: Path) -> None:
    """Lines count the whole file, front matter included."""
    root = reader_copy(tmp_path / "site-src")
    article = root / "content" / "en" / "bounties.md"
    text = article.read_text("utf-8")
    text = text.replace("date: 2025-10-16", "date: 2025-02-30").replace(
        "  - date: 2025-10-21\n    note:", "  - when: 2025-10-21\n    note:"
    )
    article.write_text(text.replace("---\ntitle:", "---\nlang: de\ntitle:", 1), "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert log_lines(result, "ERROR") == [
        "ERROR   -  content/en/bounties.md:2:7: error: lang 'de' has no labels: use en, nb, nn,"
        " or add 'de' to the explainers plugin's labels option in mkdocs.yml with every label",
        "ERROR   -  content/en/bounties.md:5:7: error: '2025-02-30' is not a real date",
        "ERROR   -  content/en/bounties.md:10:5: error: a correction needs a date and a note",
        "ERROR   -  explainers: 3 content errors; nothing was built",
    ]
    assert not (root / "site").exists()


def test_failed_build_leaves_previous_site_intact(tmp_path: Path) -> None:
    root = reader_copy(tmp_path / "site-src")
    assert build(root, strict=False).returncode == 0
    before = tree_digest(root / "site")
    break_claims(root)
    assert build(root, strict=False).returncode == 1
    assert tree_digest(root / "site") == before
    assert sorted(p.name for p in root.glob(".site*")) == []


def test_strict_warning_leaves_previous_site_intact(tmp_path: Path) -> None:
    root = reader_copy(tmp_path / "site-src")
    twice = root / "content" / "en" / "twice.md"
    twice.write_text(twice.read_text("utf-8").rsplit("::claim", 1)[0], "utf-8")  # strict-clean
    assert build(root).returncode == 0
    before = tree_digest(root / "site")
    sources = root / "content" / "sources" / "extra.yml"
    sources.write_text("sources:\n  - id: nobody-cites-me\n    title: Unused\n", "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert log_lines(result, "WARNING") == [
        "WARNING -  content/sources/extra.yml:2:9: warning: source 'nobody-cites-me' is not "
        "cited anywhere (no article, evidence item or appearance)"
    ]
    assert tree_digest(root / "site") == before
    assert sorted(p.name for p in root.glob(".site*")) == []


def test_good_build_replaces_the_old_site_whole(tmp_path: Path) -> None:
    """The swap's success path: the new site is where the old one was, the old one beside
    it until the next build removes it whole (a stray file with it), in the background."""
    root = reader_copy(tmp_path / "site-src")
    old = root / "site"
    (old / "old-page").mkdir(parents=True)
    (old / "old-page" / "index.html").write_text("old", "utf-8")
    inode = os.stat(old).st_ino
    assert build(root, strict=False).returncode == 0
    assert os.stat(old).st_ino != inode, "the folder was swapped, not written into"
    assert not (old / "old-page").exists()
    assert (old / "en" / "bounties" / "index.html").is_file()
    [before] = [p for p in root.iterdir() if p.name.startswith(".site.old-")]
    assert (before / "old-page" / "index.html").read_text("utf-8") == "old"
    assert build(root, strict=False).returncode == 0
    # no staging folder is left, only the site before this build (the one just built:
    # the first old site is gone); the check cache lives beside mkdocs.yml
    [again] = [p for p in root.iterdir() if p.name.startswith(".site.old-")]
    assert again != before and (again / "en" / "bounties" / "index.html").is_file()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".", "site"))) == [
        ".explainers_cache",
        again.name,
        "site",
    ]


def test_build_never_writes_into_content(tmp_path: Path) -> None:
    root = reader_copy(tmp_path / "site-src")

    def sources() -> dict[str, str]:  # everything but what the build writes
        made = ("site/", ".explainers_cache/")
        return {
            path: digest for path, digest in tree_digest(root).items() if not path.startswith(made)
        }

    before = sources()
    assert "content/index.md" in before
    assert build(root, strict=False).returncode == 0
    assert sources() == before
