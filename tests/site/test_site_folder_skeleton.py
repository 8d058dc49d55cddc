"""The claim pages' folders of the old site reused as the next build's (``Skeleton``):
the site is the one a fresh build writes, a removed claim's folder and every stray
entry are gone, and the live site (whose files the old site's are hard links to) is
never written through a link."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from folder_trees import leftovers, put, tree

from explainers.site import site_folder as sitedir
from explainers.site.site_folder import FolderMaker, PageWriter, StagedSiteDir

THREADS = [0]  # the page writer's threads: 0 (the claim pages' own) and 4, each test both


@pytest.fixture(autouse=True, params=[0, 4], ids=["on the caller's thread", "4 threads"])
def writer_threads(request: pytest.FixtureRequest) -> None:
    THREADS[0] = request.param


def rebuild(final: Path, pages: dict[str, str], host: dict[str, str]) -> StagedSiteDir:
    """One build as ``SiteBuild`` runs it: the folders made (in the skeleton) while the
    host writes its pages (``host``), then the skeleton placed and the claim pages written."""
    staged = StagedSiteDir(final, "claims")
    maker = FolderMaker(staged.building, list(pages), staged.skeleton)
    put(staged.building, host)
    maker.close()
    in_place = staged.place_skeleton()
    writer = PageWriter(staged.reusable(), threads=THREADS[0], kept=in_place)
    for page, html in pages.items():
        writer.write(staged.building / page, html)
    writer.close()
    staged.commit()
    return staged


def inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.lstat().st_ino
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_rebuild_reuses_the_old_sites_claim_folders_and_never_writes_the_live_site(
    tmp_path: Path,
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    final, outside = root / "site", tmp_path / "outside.txt"
    outside.write_text("not the site's", "utf-8")
    first = {"claims/a/index.html": "A", "claims/b/index.html": "B", "claims/gone/index.html": "G"}
    rebuild(final, first, {"index.html": "home", "claims/index.html": "list 1"})
    rebuild(final, first, {"index.html": "home", "claims/index.html": "list 1"})
    [old] = leftovers(root)  # the first build's site: its claim pages are the live ones
    put(
        root / old,
        {
            "claims/a/stray.txt": "stray",
            "claims/z/index.html": "z",
            "claims/b/evil": f"-> {outside}",
        },
    )
    os.chmod(root / old / "claims" / "gone", 0o700)  # not a new folder's mode: not reused
    skeleton_folder = (root / old / "claims").stat().st_ino
    live_before, live_inodes = tree(final), inodes(final)
    assert os.path.samefile(final / "claims/a/index.html", root / old / "claims/a/index.html")

    pages = {
        "claims/a/index.html": "A",
        "claims/b/index.html": "B2",
        "claims/gone/index.html": "G",
        "claims/new/nb/index.html": "N",
    }
    rebuild(final, pages, {"index.html": "home", "claims/index.html": "list 2"})

    assert tree(final) == {
        "claims/a/index.html": "A",
        "claims/b/index.html": "B2",
        "claims/gone/index.html": "G",
        "claims/index.html": "list 2",
        "claims/new/nb/index.html": "N",
        "index.html": "home",
    }
    assert (final / "claims").stat().st_ino == skeleton_folder, "the old site's folder, reused"
    assert inodes(final)["claims/a/index.html"] == live_inodes["claims/a/index.html"]
    assert oct((final / "claims" / "gone").stat().st_mode & 0o777) == oct(0o777 & ~sitedir._umask())
    # the site that was live is the old site now, exactly as it was: nothing written through
    [old] = leftovers(root)
    assert tree(root / old) == live_before
    assert inodes(root / old) == live_inodes
    assert outside.read_text("utf-8") == "not the site's"


def test_a_removed_claims_folder_and_a_page_not_written_are_gone(tmp_path: Path) -> None:
    final = tmp_path / "site"
    both = {"claims/a/index.html": "A", "claims/b/index.html": "B"}
    for _ in range(2):
        rebuild(final, both, {})
    rebuild(final, {"claims/a/index.html": "A"}, {})
    assert tree(final) == {"claims/a/index.html": "A"}

    # a file the skeleton kept that the writer is not given is removed when it closes
    rebuild(final, both, {})
    rebuild(final, both, {})
    staged = StagedSiteDir(final, "claims")
    FolderMaker(staged.building, list(both), staged.skeleton).close()
    in_place = staged.place_skeleton()
    assert {Path(p).relative_to(staged.building).as_posix() for p in in_place} == set(both)
    writer = PageWriter(staged.reusable(), threads=THREADS[0], kept=in_place)
    writer.write(staged.building / "claims/a/index.html", "A")
    writer.close()
    staged.commit()
    assert tree(final) == {"claims/a/index.html": "A"}


def test_an_unused_skeleton_goes_with_the_build_or_the_next_one(tmp_path: Path) -> None:
    final = tmp_path / "site"
    pages = {"claims/a/index.html": "A"}
    for _ in range(2):
        rebuild(final, pages, {})
    staged = StagedSiteDir(final, "claims")  # a build that fails: its skeleton is removed
    assert staged.skeleton is not None and staged.skeleton.holding.is_dir()
    staged.discard()
    assert leftovers(tmp_path) == []
    assert tree(final) == pages

    rebuild(final, pages, {})
    rebuild(final, pages, {})
    staged = StagedSiteDir(final, "claims")
    assert staged.skeleton is not None
    holding = staged.skeleton.holding
    staged._lock.release()  # a build killed here leaves its skeleton beside the site
    assert sitedir.stale_pattern("site").fullmatch(holding.name)
    StagedSiteDir(final).discard()
    assert not holding.exists()


def test_a_build_copied_in_place_does_not_reuse_the_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built elsewhere (maybe on another device) and copied in: the skeleton is dropped,
    the pages are written into folders of their own."""
    final = tmp_path / "site"
    pages = {"claims/a/index.html": "A"}
    for _ in range(2):
        rebuild(final, pages, {})
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == final)
    staged = StagedSiteDir(final, "claims")
    assert staged.in_place and staged.skeleton is not None
    FolderMaker(staged.building, list(pages), staged.skeleton).close()
    assert staged.place_skeleton() == set()
    writer = PageWriter(staged.reusable(), threads=THREADS[0])
    writer.write(staged.building / "claims/a/index.html", "A2")
    writer.close()
    staged.commit()
    assert tree(final) == {"claims/a/index.html": "A2"}
    assert not [p for p in tmp_path.iterdir() if ".reuse-" in p.name]


class _CountedEntry:
    """A listing's entry that counts the system calls asked of it for a file's type."""

    def __init__(self, entry: os.DirEntry[str], asked: list[str]) -> None:
        self._entry, self._asked = entry, asked
        self.name, self.path = entry.name, entry.path

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        self._asked.append(self.name)
        return self._entry.stat(follow_symlinks=follow_symlinks)

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return self._entry.is_dir(follow_symlinks=follow_symlinks)

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return self._entry.is_file(follow_symlinks=follow_symlinks)

    def is_symlink(self) -> bool:
        return self._entry.is_symlink()


def test_preparing_asks_only_the_reused_folders_for_their_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing's own file type decides what a file is: only a folder to be kept is
    asked for its mode and owner (ten thousand claim pages: ten thousand system calls
    fewer); every entry the build does not write is removed all the same."""
    holding = tmp_path / "holding"
    outside = tmp_path / "outside"
    put(outside, {"index.html": "not the site's"})
    put(holding, {f"c{n}/index.html": str(n) for n in (0, 2, 3, 4)})
    put(
        holding,
        {
            "c0/stray.txt": "stray",
            "c1/index.html/x": "a folder where a page goes",
            "c2/sub/index.html": "a folder the build does not write",
            "gone/index.html": "a removed claim",
            "index.html": "a file the build does not write here",
            "linked": f"-> {outside}",
        },
    )
    os.unlink(holding / "c3/index.html")
    (holding / "c3/index.html").symlink_to(outside / "index.html")
    os.chmod(holding / "c4", 0o700)  # another mode: not reused
    asked: list[str] = []
    real = os.scandir

    def scandir(path: str) -> object:
        class Listing:
            def __enter__(self) -> list[_CountedEntry]:
                self._it = real(path)
                return [_CountedEntry(e, asked) for e in self._it]

            def __exit__(self, *exc: object) -> None:
                self._it.close()

        return Listing()

    monkeypatch.setattr(sitedir.os, "scandir", scandir)
    skeleton = sitedir.Skeleton(holding, "claims", 0o777 & ~sitedir._umask())
    pages = {f"c{n}/index.html" for n in range(5)}
    assert skeleton.prepare(pages, {f"c{n}" for n in range(5)})
    monkeypatch.undo()
    assert sorted(asked) == ["c0", "c1", "c2", "c3", "c4"]  # before: every page's file too
    assert skeleton.files == {"c0/index.html", "c2/index.html"}
    assert skeleton.folders == {"c0", "c1", "c2", "c3"}
    assert tree(holding) == {"c0/index.html": "0", "c2/index.html": "2"}
    assert tree(outside) == {"index.html": "not the site's"}


@pytest.mark.parametrize("settled", [True, False], ids=["settled folders", "folders just made"])
def test_a_folder_seen_unchanged_by_the_last_preparation_is_not_listed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: bool
) -> None:
    """What :meth:`Skeleton.prepare` found in each folder is kept for the next build that
    reuses the same tree: a folder with the same inode and change time is not listed
    again (its ``lstat`` is its only system call); one with a stray file added since is,
    and the stray goes; a folder changed within :data:`SETTLED` seconds of the
    preparation is never recorded (a change in the same tick of the clock could keep
    its time)."""
    if settled:
        monkeypatch.setattr(sitedir, "SETTLED", 0.0)
    holding = tmp_path / "holding"
    put(holding, {f"c{n}/index.html": str(n) for n in range(3)})
    put(holding, {"c2/nb/index.html": "2 nb"})
    pages = {f"c{n}/index.html" for n in range(3)} | {"c2/nb/index.html"}
    folders = {"c0", "c1", "c2", "c2/nb"}
    mode = 0o777 & ~sitedir._umask()
    first = sitedir.Skeleton(holding, "claims", mode)
    assert first.prepare(pages, folders)
    if not settled:
        assert first.listed == {}
        return
    assert sorted(first.listed) == ["c0", "c1", "c2", "c2/nb"]
    time.sleep(0.05)  # past the clock's tick: the change gives c1 a new change time
    put(holding, {"c1/stray.txt": "stray"})
    listed: list[str] = []
    real = os.scandir

    def scandir(path: str) -> Any:
        listed.append(os.path.relpath(path, holding))
        return real(path)

    monkeypatch.setattr(sitedir.os, "scandir", scandir)
    second = sitedir.Skeleton(holding, "claims", mode)
    second.seen = first.listed
    assert second.prepare(pages, folders)
    monkeypatch.undo()
    assert sorted(listed) == [".", "c1"]  # before: every folder
    assert second.files == pages and second.folders == folders
    assert tree(holding) == {
        "c0/index.html": "0",
        "c1/index.html": "1",
        "c2/index.html": "2",
        "c2/nb/index.html": "2 nb",
    }
    assert sorted(second.listed) == ["c0", "c2", "c2/nb"]  # c1 changed: listed next time
