"""Bad content stops the build: every problem as ``path:line:col: error:``, no traceback,
no half-written site, and the previous site left as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitebuild import build, copy_demo, log_lines


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def break_claims(root: Path) -> tuple[int, int]:
    """Put a bad status and a bad stance in the demo; return their line numbers."""
    path = root / "content" / "claims" / "border-bounties.yml"
    text = path.read_text("utf-8")
    text = text.replace("    status: disputed\n", "    status: debatable\n", 1)
    text = text.replace("        stance: contradicts\n", "        stance: refutes\n", 1)
    path.write_text(text, "utf-8")
    lines = text.split("\n")
    return lines.index("    status: debatable") + 1, lines.index("        stance: refutes") + 1


def test_broken_claim_file_fails_with_positions(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site-src")
    status_line, stance_line = break_claims(root)
    result = build(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    errors = [line.split("-  ", 1)[1] for line in log_lines(result, "ERROR") if ": error: " in line]
    assert errors == [
        f"content/claims/border-bounties.yml:{stance_line}:17: error: "
        "stance 'refutes' is not one of supports, contradicts, context",
        f"content/claims/border-bounties.yml:{status_line}:13: error: "
        "status 'debatable' is not on the verdict scale (confirmed, partly-confirmed, unconfirmed, disputed, false)",
    ]
    assert not (root / "site").exists(), "no partial site"
    assert not list(root.glob(".site*")), "no staging folder left behind"


def test_failed_build_leaves_previous_site_intact(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site-src")
    assert build(root).returncode == 0
    before = tree_digest(root / "site")
    break_claims(root)
    assert build(root).returncode != 0
    assert tree_digest(root / "site") == before


def test_strict_warning_leaves_previous_site_intact(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site-src")
    assert build(root).returncode == 0
    before = tree_digest(root / "site")
    sources = root / "content" / "sources" / "extra.yml"
    sources.write_text("sources:\n  - id: nobody-cites-me\n    title: Unused\n", "utf-8")
    result = build(root)
    assert result.returncode != 0
    assert any(
        "content/sources/extra.yml:2:9: warning: source 'nobody-cites-me' is not cited anywhere"
        in line
        for line in log_lines(result, "WARNING")
    )
    assert tree_digest(root / "site") == before


def test_build_never_writes_into_content_or_site_config(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site-src")
    before = {name: tree_digest(root / name) for name in ("content", "site_config")}
    assert build(root).returncode == 0
    assert {name: tree_digest(root / name) for name in ("content", "site_config")} == before
