"""Removing an old site: everything goes, links are removed and never followed, and a
removal that fails part-way is finished by the careful fallback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from explainers.site import site_folder
from explainers.site.site_folder import remove_tree


def make_tree(root: Path, pages: int = 40) -> None:
    for i in range(pages):
        deep = root / f"p{i}" / "deep"
        deep.mkdir(parents=True)
        (deep / "index.html").write_text("page", "utf-8")
        (root / f"p{i}" / "a.txt").write_text("text", "utf-8")
    (root / ".hidden").write_text("dot", "utf-8")
    (root / "empty" / "emptier").mkdir(parents=True)


def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The removals in flight must do it all: the careful one-by-one fallback would hide
    a fast path that removes nothing (it would still leave nothing behind)."""

    def fail(path: object, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"fell back to shutil.rmtree for {path}")

    monkeypatch.setattr(shutil, "rmtree", fail)


def test_everything_goes_and_no_link_is_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_fallback(monkeypatch)
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "keep.txt").write_text("not ours", "utf-8")
    tree = tmp_path / "old"
    make_tree(tree)
    (tree / "folder-link").symlink_to(outside)
    (tree / "p0" / "file-link").symlink_to(outside / "keep.txt")
    (tree / "p1" / "dangling").symlink_to(tmp_path / "nowhere")
    remove_tree(tree)
    assert not os.path.lexists(tree)
    assert sorted(p.name for p in outside.iterdir()) == ["inner", "keep.txt"]
    assert (outside / "keep.txt").read_text("utf-8") == "not ours"


def test_a_link_is_not_a_tree_to_remove(tmp_path: Path) -> None:
    target = tmp_path / "target"
    make_tree(target, pages=2)
    link = tmp_path / "link"
    link.symlink_to(target)
    with pytest.raises(OSError, match="symbolic link"):
        remove_tree(link)
    assert link.is_symlink()
    assert (target / "p1" / "deep" / "index.html").read_text("utf-8") == "page"


def test_a_removal_that_fails_part_way_is_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tmp_path / "old"
    make_tree(tree)
    rmdir = os.rmdir
    failed: list[str] = []

    def once(path: str, *args: object, **kwargs: object) -> None:
        if not failed and os.fspath(path).endswith("deep"):
            failed.append(os.fspath(path))
            raise PermissionError(13, "denied", path)
        rmdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rmdir", once)
    remove_tree(tree)
    assert len(failed) == 1
    assert not os.path.lexists(tree)


def test_an_unreadable_folder_is_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``os.walk`` skips what it cannot list; the removal must not think it is done."""
    tree = tmp_path / "old"
    make_tree(tree, pages=3)
    scandir = os.scandir
    calls: list[str] = []

    def unreadable(path: str | int = ".") -> object:
        if isinstance(path, str) and path.endswith("p2") and not calls:
            calls.append(path)
            raise PermissionError(13, "denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", unreadable)
    remove_tree(tree)
    assert calls == [str(tree / "p2")]
    assert not os.path.lexists(tree)


def test_many_folders_in_one_folder_are_removed_from_several_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removals in one folder wait for each other (the system locks the folder): a
    site's ten thousand ``claims/<id>/`` folders are first moved into several folders,
    so that their removals overlap."""
    no_fallback(monkeypatch)
    tree = tmp_path / "old"
    claims = tree / "claims"
    for i in range(200):
        (claims / f"c{i}").mkdir(parents=True)
        (claims / f"c{i}" / "index.html").write_text("page", "utf-8")
    rmdir = os.rmdir
    parents: list[str] = []

    def recording(path: str, *args: object, **kwargs: object) -> None:
        parents.append(os.path.dirname(os.fspath(path)))
        rmdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rmdir", recording)
    remove_tree(tree)
    assert not os.path.lexists(tree)
    assert len(parents) > 200  # each claim's folder, and the folders they were moved into
    busiest = max(parents.count(parent) for parent in set(parents))
    assert busiest <= 200 // site_folder.REMOVERS + site_folder.REMOVERS
