"""Under ``serve`` the articles marked ``draft: true`` are found again on each rebuild,
reading only the files that changed since (1,000 articles read per save otherwise)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers.data import drafts
from explainers.hosts.mkdocs import files


def test_only_a_changed_article_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real = drafts.file_is_draft

    def file_is_draft(path: Path) -> bool:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(files.drafts, "file_is_draft", file_is_draft)
    pages = {name: tmp_path / f"{name}.md" for name in "abc"}
    pages["a"].write_text("# A\n", "utf-8")
    pages["b"].write_text("---\ndraft: true\n---\n# B\n", "utf-8")
    pages["c"].write_text("# C\n", "utf-8")
    memo = files.DraftFiles()

    def found(*names: str) -> tuple[list[str], list[str]]:
        marked = memo.of(str(pages[n]) for n in names)
        seen, read[:] = sorted(read), []
        return sorted(Path(p).stem for p in marked), seen

    assert found("a", "b", "c") == (["b"], ["a.md", "b.md", "c.md"])
    assert found("a", "b", "c") == (["b"], [])
    pages["a"].write_text("---\ndraft: true\n---\n# A, now a draft\n", "utf-8")
    assert found("a", "b", "c") == (["a", "b"], ["a.md"])
    assert found("a", "c") == (["a"], [])  # b is no longer a page
    assert found("a", "b", "c") == (["a", "b"], ["b.md"])  # ... so it is read again
    pages["c"].unlink()
    assert found("a", "b", "c") == (["a", "b"], [])  # gone: not a draft
