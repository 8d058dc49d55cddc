"""The site folder swap, in-process: every fallback and failure of ``sitedir`` pinned by
what is on disk afterwards and what the build says, without a real MkDocs build (so the
mutation run sees these paths; tests/test_sitedir.py covers the same with real builds).

Tests run as root, where permission bits stop nothing: :class:`AsUser` makes the file
system calls the swap uses answer as they would for an ordinary user who owns the files
(a folder without its owner's write and search bits cannot be changed). Failures that
no permission explains (a busy mount, another device, a full disk) are injected into
the one system call that meets them.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from folder_trees import leftovers, put, tree

from explainers.site import site_folder as sitedir
from explainers.site.site_folder import SiteDirError, StagedSiteDir, remove_stale

SILENCE = "set the explainers option `atomic_build: false` to build in place without this warning"
#: the site before the build, the build, and the site after it: the new build's files,
#: plus the old site's dot entries that the build does not make itself
OLD = {
    ".git/HEAD": "ref",
    ".nojekyll": "old",
    ".well-known/security.txt": "contact",
    "a/page.html": "old",
    "index.html": "old",
    "old.html": "old",
}
NEW = {".nojekyll": "", "b/page.html": "new", "index.html": "new"}
AFTER = {
    ".git/HEAD": "ref",
    ".nojekyll": "",
    ".well-known/security.txt": "contact",
    "b/page.html": "new",
    "index.html": "new",
}
NAME = re.compile(r"\.site\.(building|old)-[0-9]+-[0-9a-f]{8}")


def the_old_site(root: Path) -> str:
    """The one folder a swap leaves beside the new site: the old site, which the next
    build removes while it runs (a build does not wait for the removal of a large tree)."""
    [old] = leftovers(root)
    assert NAME.fullmatch(old) and old.startswith(".site.old-")
    return old


def the_next_build_removes_it(final: Path, notes: Callable[[], list]) -> None:
    """The next build (even one that fails) removes the old site, without a word."""
    site = tree(final)
    StagedSiteDir(final).discard()
    assert leftovers(final.resolve().parent) == []
    assert tree(final) == site
    assert notes() == []


def unlocked(folder: Path) -> bool:
    """Whether another build could take the lock on ``folder`` now."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def oserror(code: int, path: object = None) -> OSError:
    if path is None:
        return OSError(code, os.strerror(code))
    return OSError(code, os.strerror(code), str(path))


def fail_rename(monkeypatch: pytest.MonkeyPatch, fail: Callable[[Path, Path], int]) -> None:
    """``os.rename`` fails with the errno ``fail(src, dst)`` gives (0: it works)."""
    real = os.rename

    def rename(src: object, dst: object) -> None:
        code = fail(Path(str(src)), Path(str(dst)))
        if code:
            raise oserror(code, src)
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)


def fail_removal(monkeypatch: pytest.MonkeyPatch, fail: Callable[[Path], bool]) -> None:
    """Removing the folders ``fail`` picks is refused (as a file system may refuse it)."""
    real = sitedir.remove_tree

    def remove_tree(path: Path) -> None:
        if fail(Path(path)):
            raise oserror(errno.EACCES, path)
        real(path)

    monkeypatch.setattr(sitedir, "remove_tree", remove_tree)


class AsUser:
    """The swap's file system calls as an ordinary user who owns every file sees them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.mkdir, self.rename, self.rmtree = os.mkdir, os.rename, shutil.rmtree
        monkeypatch.setattr(os, "access", self._access)
        monkeypatch.setattr(os, "mkdir", self._mkdir)
        monkeypatch.setattr(os, "rename", self._rename)
        monkeypatch.setattr(shutil, "rmtree", self._rmtree)

    @staticmethod
    def _allows(path: object, bits: int) -> bool:
        return os.stat(path).st_mode & bits == bits  # type: ignore[arg-type]

    def _changeable(self, folder: object, path: object) -> None:
        if not self._allows(folder, stat.S_IWUSR | stat.S_IXUSR):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def _access(self, path: object, mode: int, **kwargs: object) -> bool:
        bits = (
            (stat.S_IRUSR if mode & os.R_OK else 0)
            | (stat.S_IWUSR if mode & os.W_OK else 0)
            | (stat.S_IXUSR if mode & os.X_OK else 0)
        )
        return os.path.exists(path) and self._allows(path, bits)  # type: ignore[arg-type]

    def _mkdir(self, path: object, mode: int = 0o777, **kwargs: object) -> None:
        self._changeable(Path(str(path)).parent, path)
        self.mkdir(path, mode, **kwargs)  # type: ignore[arg-type]

    def _rename(self, src: object, dst: object, **kwargs: object) -> None:
        self._changeable(Path(str(src)).parent, src)
        self._changeable(Path(str(dst)).parent, src)
        self.rename(src, dst, **kwargs)  # type: ignore[arg-type]

    def _rmtree(self, path: object, *args: object, **kwargs: object) -> None:
        self._changeable(Path(str(path)).parent, path)
        for folder, _dirs, _files in os.walk(str(path)):
            if not self._allows(folder, stat.S_IRWXU):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), folder)
        self.rmtree(path, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch) -> AsUser:
    return AsUser(monkeypatch)


@pytest.fixture
def notes(caplog: pytest.LogCaptureFixture) -> Callable[[], list[tuple[str, str]]]:
    """What the swap logged so far, as (level, message)."""
    caplog.set_level(logging.INFO, logger="explainers.sitedir")

    def taken() -> list[tuple[str, str]]:
        seen = [
            (r.levelname, r.getMessage()) for r in caplog.records if r.name == "explainers.sitedir"
        ]
        caplog.clear()
        return seen

    return taken


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, where a staging folder goes when the site's
    folder cannot hold one."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def root(tmp_path: Path, temp: Path) -> Path:
    """A folder holding the old site ``site/`` (mode 0751)."""
    folder = tmp_path / "root"
    put(folder / "site", OLD)
    (folder / "site").chmod(0o751)
    return folder


def stage(final: Path) -> StagedSiteDir:
    staged = StagedSiteDir(final)
    put(staged.building, NEW)
    return staged


def give_away(folder: Path) -> None:
    """Make another user own ``folder`` (only root may)."""
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    os.chown(folder, 4321, 4322)


def warning(final: Path, reason: str) -> tuple[str, str]:
    return (
        "WARNING",
        f"explainers: the site folder {final} cannot be replaced in one step ({reason}); "
        f"the finished build is copied into it instead; {SILENCE}",
    )


def read_only(final: Path, reason: str) -> str:
    return (
        f"the site folder {final} is read-only ({reason}): the new site was neither swapped "
        "in nor written; the previous site is unchanged"
    )


# -- the swap ----------------------------------------------------------------------------


def test_the_old_site_is_replaced_whole(root: Path, notes: Callable[[], list]) -> None:
    final = root / "site"
    before = final.stat().st_ino
    staged = stage(final)
    assert NAME.fullmatch(staged.building.name) and staged.building.parent == root
    assert not unlocked(root)
    staged.commit()
    assert tree(final) == AFTER
    assert final.stat().st_ino != before, "a new folder, not the old one rewritten"
    assert oct(final.stat().st_mode & 0o7777) == oct(0o751)
    old = the_old_site(root)  # what the build did not carry over, until the next build
    assert tree(root / old) == {"a/page.html": "old", "index.html": "old", "old.html": "old"}
    assert notes() == []
    assert unlocked(root)
    the_next_build_removes_it(final, notes)


def test_the_new_site_folder_gets_the_old_ones_owner(root: Path, notes: Callable[[], list]) -> None:
    """A web server that reads the site as another user still can."""
    final = root / "site"
    give_away(final)
    stage(final).commit()
    assert (final.stat().st_uid, final.stat().st_gid) == (4321, 4322)
    assert tree(final) == AFTER
    assert notes() == []


def test_an_owner_that_cannot_be_given_away_keeps_the_mode(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    give_away(final)

    def chown(path: object, uid: int, gid: int) -> None:
        raise oserror(errno.EPERM, path)

    monkeypatch.setattr(os, "chown", chown)
    stage(final).commit()
    assert (final.stat().st_uid, final.stat().st_gid) == (os.getuid(), os.getgid())
    assert oct(final.stat().st_mode & 0o7777) == oct(0o751)
    assert tree(final) == AFTER
    assert notes() == []


def test_permissions_that_cannot_be_copied_are_said_and_the_site_still_swapped(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    staged = stage(final)

    def chmod(path: object, mode: int) -> None:
        raise oserror(errno.EPERM, path)

    monkeypatch.setattr(os, "chmod", chmod)
    staged.commit()
    assert tree(final) == AFTER
    the_old_site(root)
    assert notes() == [
        (
            "INFO",
            f"explainers: could not copy the permissions to {final} "
            f"([Errno 1] Operation not permitted: '{final}')",
        )
    ]


def test_a_read_only_old_site_gives_up_its_dot_entries(
    root: Path, as_user: AsUser, notes: Callable[[], list]
) -> None:
    """As a web root may be: mode 0550. Its ``.git`` moves into the new site all the
    same, and the emptied old folder goes with the next build."""
    final = root / "site"
    final.chmod(0o550)
    stage(final).commit()
    assert tree(final) == AFTER
    assert oct(final.stat().st_mode & 0o7777) == oct(0o550)
    the_old_site(root)
    assert notes() == []
    the_next_build_removes_it(final, notes)


def test_a_new_site_whose_parent_folders_do_not_exist_yet(
    tmp_path: Path, notes: Callable[[], list]
) -> None:
    final = tmp_path / "out" / "www" / "site"
    stage(final).commit()
    assert tree(final) == NEW
    assert notes() == []


def test_a_site_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("", "utf-8")
    final = tmp_path / "out" / "site"
    with pytest.raises(SiteDirError) as caught:
        StagedSiteDir(final)
    assert str(caught.value) == (
        f"cannot prepare the site folder {final}: [Errno 17] File exists: '{tmp_path / 'out'}'"
    )


def test_a_symlinked_site_stays_a_link_and_its_target_gets_the_site(
    tmp_path: Path, temp: Path, notes: Callable[[], list]
) -> None:
    web = tmp_path / "www" / "html"
    put(web, OLD)
    web.chmod(0o751)
    (tmp_path / "src").mkdir()
    final = tmp_path / "src" / "site"
    final.symlink_to("../www/html")
    staged = stage(final)
    assert staged.building.parent == web.parent
    staged.commit()
    assert os.readlink(final) == "../www/html"
    assert tree(web) == AFTER
    assert oct(web.stat().st_mode & 0o7777) == oct(0o751)
    [old, html] = sorted(os.listdir(tmp_path / "www"))  # the old site, beside its target
    assert html == "html" and old.startswith(".html.old-")
    assert sorted(os.listdir(tmp_path / "src")) == ["site"]
    assert notes() == []
    StagedSiteDir(final).discard()
    assert sorted(os.listdir(tmp_path / "www")) == ["html"]
    assert notes() == []


def test_the_old_site_vanishing_during_the_swap_does_not_fail_it(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """Another tool cleaned the folder up between the two renames."""
    final = root / "site"
    staged = stage(final)
    real = os.rename

    def rename(src: object, dst: object) -> None:
        real(src, dst)  # type: ignore[arg-type]
        if NAME.fullmatch(Path(str(dst)).name) and ".old-" in str(dst):
            shutil.rmtree(str(dst))

    monkeypatch.setattr(os, "rename", rename)
    staged.commit()
    assert tree(final) == NEW
    assert leftovers(root) == []
    assert notes() == []


def test_the_next_build_removes_the_old_site_while_it_runs(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """The build does not wait for the removal: it starts (and could render) while the old
    site is still being removed, and lets go of the lock only once it is gone."""
    final = root / "site"
    stage(final).commit()
    old = root / the_old_site(root)
    started, release = threading.Event(), threading.Event()
    real = sitedir.remove_tree

    def slow(path: Path) -> None:
        started.set()
        assert release.wait(timeout=60)
        real(path)

    monkeypatch.setattr(sitedir, "remove_tree", slow)
    staged = stage(final)  # returns while the removal waits
    assert started.wait(timeout=60)
    assert old.exists() and staged.building.is_dir()
    release.set()
    staged.commit()
    assert not old.exists()
    assert the_old_site(root) != old.name  # this build's own, for the next one
    assert tree(final) == AFTER
    assert notes() == []
    assert unlocked(root)


def test_an_old_site_that_cannot_be_removed_goes_with_the_next_build(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    stage(final).commit()
    old = the_old_site(root)
    with monkeypatch.context() as patch:
        fail_removal(patch, lambda path: ".site.old-" in path.name)
        stage(final).commit()
    assert tree(final) == AFTER
    assert sorted(leftovers(root)) == sorted([old, the_old_site_of_this_build(root, old)])
    assert tree(root / old) == {"a/page.html": "old", "index.html": "old", "old.html": "old"}
    assert notes() == [
        ("INFO", f"explainers: could not remove {root / old} ([Errno 13] Permission denied: "
         f"'{root / old}')")
    ]  # fmt: skip
    StagedSiteDir(final).discard()
    assert leftovers(root) == []
    assert notes() == []


def the_old_site_of_this_build(root: Path, earlier: str) -> str:
    [old] = [name for name in leftovers(root) if name != earlier]
    assert NAME.fullmatch(old) and old.startswith(".site.old-")
    return old


def test_a_dot_entry_that_cannot_be_moved_keeps_the_old_site(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """The old site stays, with what could not be carried, until someone looks."""
    final = root / "site"
    staged = stage(final)
    with monkeypatch.context() as patch:
        fail_rename(patch, lambda src, dst: errno.EBUSY if src.name == ".git" else 0)
        staged.commit()
    assert tree(final) == {k: v for k, v in AFTER.items() if not k.startswith(".git/")}
    [old] = leftovers(root)
    assert tree(root / old) == {  # its .nojekyll, superseded by the new one, is gone
        ".git/HEAD": "ref",
        "a/page.html": "old",
        "index.html": "old",
        "old.html": "old",
    }
    assert notes() == [
        (
            "WARNING",
            f"explainers: could not keep .git of the old site ([Errno 16] Device or resource "
            f"busy: '{root / old / '.git'}'); it is in {root / old}",
        )
    ]
    StagedSiteDir(final).discard()
    assert leftovers(root) == [old]
    assert notes() == [
        (
            "INFO",
            f"explainers: kept {root / old}: it holds files whose names start with a dot",
        )
    ]


def test_a_superseded_dot_entry_that_cannot_be_removed_does_not_stop_the_swap(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """The old site's own ``.well-known``, replaced by the build's, goes with the old site."""
    final = root / "site"
    staged = stage(final)
    put(staged.building, {".well-known/new.txt": "new"})
    fail_removal(monkeypatch, lambda path: path.name == ".well-known" and ".site.old-" in str(path))
    staged.commit()
    assert tree(final) == {
        **{k: v for k, v in AFTER.items() if not k.startswith(".well-known/")},
        ".well-known/new.txt": "new",
    }
    assert leftovers(root) == []  # the old site goes at once: it would look kept for it
    assert notes() == []


def test_taken_names_are_never_reused(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """A staging or old-site name that something already has is skipped, whatever it is."""
    outside = tmp_path / "outside"
    put(outside, {"keep.txt": "not ours"})
    pid = os.getpid()
    taken = [f".site.building-{pid}-aaaaaaaa", f".site.old-{pid}-cccccccc"]
    for name in taken:
        (root / name).symlink_to(outside)  # our names, but links: never removed
    hexes = iter(["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(hexes))
    staged = stage(root / "site")
    assert staged.building.name == f".site.building-{pid}-bbbbbbbb"
    staged.commit()
    assert tree(root / "site") == AFTER
    assert leftovers(root) == sorted([*taken, f".site.old-{pid}-dddddddd"])
    assert tree(outside) == {"keep.txt": "not ours"}
    assert list(hexes) == [], "the old site's name was found on the second try"
    assert notes() == []


# -- where no swap is possible: the build is copied in place -------------------------------

#: a site whose old content holds a link out of it, and a build with links of its own
OLD_LINKS = {**OLD, "latest": "-> ../../outside"}
NEW_LINKS = {
    **NEW,
    ".well-known/new.txt": "new",
    "b/same.html": "-> page.html",
    "home.html": "-> index.html",
}
AFTER_LINKS = {
    ".git/HEAD": "ref",
    ".nojekyll": "",
    ".well-known/new.txt": "new",
    "b/page.html": "new",
    "b/same.html": "-> page.html",
    "home.html": "-> index.html",
    "index.html": "new",
}


@pytest.fixture
def mounted(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site folder is a mount point (a container volume); returns it, with links."""
    final = root / "site"
    put(tmp_path / "outside", {"keep.txt": "not ours"})
    put(final, {"latest": OLD_LINKS["latest"]})
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == final or real(path))
    return final


def test_a_mount_point_gets_the_build_copied_into_it(
    mounted: Path, tmp_path: Path, notes: Callable[[], list]
) -> None:
    final = mounted
    before = final.stat().st_ino
    staged = StagedSiteDir(final)
    put(staged.building, NEW_LINKS)
    assert notes() == [warning(final, "it is a mount point")]
    staged.commit()
    assert tree(final) == AFTER_LINKS
    assert final.stat().st_ino == before, "the same folder, its content replaced"
    assert tree(tmp_path / "outside") == {"keep.txt": "not ours"}
    assert leftovers(final.parent) == []
    assert notes() == []
    assert unlocked(final.parent)


def test_a_copy_that_fails_part_way_says_so(
    mounted: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = mounted
    staged = StagedSiteDir(final)
    put(staged.building, NEW_LINKS)

    def full(*args: object, **kwargs: object) -> None:
        raise oserror(errno.ENOSPC)

    monkeypatch.setattr(shutil, "copy2", full)
    with pytest.raises(SiteDirError) as caught:
        staged.commit()
    assert str(caught.value) == (
        f"writing the site into {final} failed part-way ([Errno 28] No space left on device); "
        "build again"
    )
    assert leftovers(final.parent) == []
    assert unlocked(final.parent)


def test_a_read_only_mount_point_is_a_clear_error(
    mounted: Path, as_user: AsUser, notes: Callable[[], list]
) -> None:
    final = mounted
    final.chmod(0o555)
    with pytest.raises(SiteDirError) as caught:
        StagedSiteDir(final)
    assert str(caught.value) == read_only(final, "it is a mount point")
    assert tree(final) == OLD_LINKS
    assert leftovers(final.parent) == []
    assert notes() == []
    assert unlocked(final.parent)


@pytest.fixture
def read_only_parent(root: Path, as_user: AsUser) -> Path:
    root.chmod(0o555)
    return root / "site"


def test_a_read_only_parent_gets_the_build_copied_in_place(
    read_only_parent: Path, temp: Path, notes: Callable[[], list]
) -> None:
    final = read_only_parent
    before = final.stat().st_ino
    staged = stage(final)
    assert staged.building.parent == temp
    assert re.fullmatch(r"explainers-site-\w{8}", staged.building.name)
    assert notes() == [warning(final, "its folder is not writable: Permission denied")]
    staged.commit()
    assert tree(final) == AFTER
    assert final.stat().st_ino == before
    assert list(temp.iterdir()) == []
    assert leftovers(final.parent) == []
    assert notes() == []


def test_a_read_only_parent_and_site_is_a_clear_error(
    read_only_parent: Path, temp: Path, notes: Callable[[], list]
) -> None:
    final = read_only_parent
    final.chmod(0o555)
    with pytest.raises(SiteDirError) as caught:
        StagedSiteDir(final)
    assert str(caught.value) == read_only(final, "its folder is not writable: Permission denied")
    assert tree(final) == OLD
    assert list(temp.iterdir()) == []
    assert notes() == []
    assert unlocked(final.parent)


def test_a_site_folder_without_search_permission_is_read_only(
    read_only_parent: Path, temp: Path
) -> None:
    """Writing into a folder needs its search (x) bit as well as its write bit."""
    final = read_only_parent
    final.chmod(0o655)
    with pytest.raises(SiteDirError) as caught:
        StagedSiteDir(final)
    assert str(caught.value) == read_only(final, "its folder is not writable: Permission denied")
    assert list(temp.iterdir()) == []


def test_nowhere_to_stage_is_a_clear_error(read_only_parent: Path, temp: Path) -> None:
    final = read_only_parent
    temp.chmod(0o555)
    pid = os.getpid()
    with pytest.raises(SiteDirError) as caught:
        StagedSiteDir(final)
    assert re.fullmatch(
        re.escape(
            f"cannot create a staging folder for {final}: [Errno 13] Permission denied: "
            f"'{final.parent}/.site.building-{pid}-"
        )
        + r"[0-9a-f]{8}"
        + re.escape(f"'; [Errno 13] Permission denied: '{temp}/explainers-site-")
        + r"\w{8}'",
        str(caught.value),
    ), str(caught.value)
    assert tree(final) == OLD
    assert unlocked(final.parent)


def test_a_site_that_cannot_be_moved_gets_the_build_copied_in_place(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    staged = stage(final)
    fail_rename(monkeypatch, lambda src, dst: errno.EBUSY if src == final else 0)
    staged.commit()
    assert tree(final) == AFTER
    assert leftovers(root) == []
    assert notes() == [warning(final, "it cannot be moved: Device or resource busy")]


def test_a_read_only_site_that_cannot_be_moved_is_left_as_it_was(
    root: Path, as_user: AsUser, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    final.chmod(0o555)
    staged = stage(final)
    fail_rename(monkeypatch, lambda src, dst: errno.EPERM if src == final else 0)
    with pytest.raises(SiteDirError) as caught:
        staged.commit()
    assert str(caught.value) == read_only(final, "it cannot be moved: Operation not permitted")
    assert tree(final) == OLD
    assert leftovers(root) == []
    assert notes() == []
    assert unlocked(root)


def test_a_new_site_that_cannot_be_moved_in_puts_the_old_one_back_and_copies(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    staged = stage(final)
    fail_rename(monkeypatch, lambda src, dst: errno.EXDEV if src == staged.building else 0)
    staged.commit()
    assert tree(final) == AFTER
    assert leftovers(root) == []
    assert notes() == [
        warning(final, "the new site cannot be moved there: Invalid cross-device link")
    ]


def test_an_old_site_that_cannot_be_put_back_says_where_it_is(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    staged = stage(final)
    building = staged.building

    def fail(src: Path, dst: Path) -> int:
        if src == building:
            return errno.EXDEV
        return errno.EIO if dst == final else 0

    fail_rename(monkeypatch, fail)
    with pytest.raises(SiteDirError) as caught:
        staged.commit()
    [old] = leftovers(root)
    assert str(caught.value) == (
        f"cannot put the new site in place ([Errno 18] Invalid cross-device link: '{building}') "
        f"nor the old one back ([Errno 5] Input/output error: '{root / old}'): the previous "
        f"site is in {root / old}"
    )
    assert tree(root / old) == OLD
    assert not final.exists()
    assert notes() == []
    assert unlocked(root)


# -- the staging folder and the lock -------------------------------------------------------


def test_discard_leaves_the_site_as_it_was(root: Path, notes: Callable[[], list]) -> None:
    final = root / "site"
    staged = stage(final)
    staged.discard()
    staged.commit()  # after discard: nothing
    assert tree(final) == OLD
    assert leftovers(root) == []
    assert notes() == []
    assert unlocked(root)


def test_a_staging_folder_that_cannot_be_removed_goes_with_the_next_build(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    final = root / "site"
    staged = stage(final)
    with monkeypatch.context() as patch:
        fail_removal(patch, lambda path: path == staged.building)
        staged.discard()
    assert notes() == [
        (
            "INFO",
            f"explainers: could not remove the staging folder {staged.building} "
            f"([Errno 13] Permission denied: '{staged.building}')",
        )
    ]
    assert unlocked(root)
    StagedSiteDir(final).discard()
    assert notes() == [
        ("INFO", f"explainers: removed {staged.building.name}, left by an earlier build")
    ]
    assert leftovers(root) == []
    assert tree(final) == OLD


@pytest.mark.parametrize("reverse", [False, True], ids=["sorted", "reversed"])
def test_stale_folders_of_killed_builds_are_removed_in_any_listing_order(
    root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    notes: Callable[[], list],
    reverse: bool,
) -> None:
    """Staging folders go even with dot files in them (a build writes those); an old
    site keeps its folder while it holds dot entries nobody carried over."""
    put(tmp_path / "outside", {"keep.txt": "not ours"})
    stale = {
        ".site.building": {"index.html": "x"},  # the fixed names of earlier versions
        ".site.old": {"index.html": "x"},
        ".site.building-1-aaaaaaaa": {".cache/x": "x", "index.html": "x"},
        ".site.old-2-bbbbbbbb": {".git/HEAD": "ref"},
        ".site.old-3-cccccccc": {"index.html": "x"},
        ".site.building-notes": {"notes.txt": "not ours"},
    }
    for name, files in stale.items():
        put(root / name, files)
    (root / ".site.old-4-dddddddd").symlink_to(tmp_path / "outside")
    (root / ".site.old-5-eeeeeeee").write_text("a file", "utf-8")
    real = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(real(self), reverse=reverse)))
    StagedSiteDir(root / "site").discard()
    assert leftovers(root) == [
        ".site.building-notes",
        ".site.old-2-bbbbbbbb",
        ".site.old-4-dddddddd",
        ".site.old-5-eeeeeeee",
    ]
    assert tree(root / ".site.old-2-bbbbbbbb") == {".git/HEAD": "ref"}
    assert tree(tmp_path / "outside") == {"keep.txt": "not ours"}
    seen = notes()
    assert sorted(seen) == [
        (
            "INFO",
            f"explainers: kept {root / '.site.old-2-bbbbbbbb'}: it holds files whose names "
            "start with a dot",
        ),
        *[
            ("INFO", f"explainers: removed {name}, left by an earlier build")
            # the old sites go without a word: every build leaves one
            for name in (".site.building", ".site.building-1-aaaaaaaa")
        ],
    ]
    names = [re.search(r"\.site\.[a-z0-9.-]*[a-z0-9]", message)[0] for _, message in seen]
    assert names == sorted(names), "one note per folder, in name order whatever the listing"


def test_a_stale_folder_that_cannot_be_removed_is_said_and_skipped(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    put(root / ".site.building-1-aaaaaaaa", {"index.html": "x"})
    put(root / ".site.building-2-bbbbbbbb", {"index.html": "x"})
    stuck = root / ".site.building-1-aaaaaaaa"
    fail_removal(monkeypatch, lambda path: path == stuck)
    StagedSiteDir(root / "site").discard()
    assert leftovers(root) == [stuck.name]
    assert sorted(notes()) == [
        ("INFO", f"explainers: could not remove {stuck} ([Errno 13] Permission denied: '{stuck}')"),
        ("INFO", "explainers: removed .site.building-2-bbbbbbbb, left by an earlier build"),
    ]


def test_stale_folders_made_read_only_are_removed(
    root: Path, as_user: AsUser, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """A killed build that had copied read-only folders: they are made writable to go,
    and one folder whose mode cannot be changed does not stop the others."""
    stale = root / ".site.building-1-aaaaaaaa"
    put(stale, {"assets/img/a.png": "x", "assets/b.css": "x", "index.html": "x"})
    (stale / "assets" / "img").chmod(0o500)
    stale.chmod(0o500)
    real = os.chmod

    def chmod(path: object, mode: int, **kwargs: object) -> None:
        if Path(str(path)) == stale / "assets":
            raise oserror(errno.EPERM, path)
        real(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "chmod", chmod)
    remove_stale(root / "site")
    assert leftovers(root) == []
    assert notes() == [("INFO", f"explainers: removed {stale.name}, left by an earlier build")]


def test_a_second_build_waits_for_the_first(root: Path, notes: Callable[[], list]) -> None:
    """Two builds into one site take turns: the second says it waits, starts when the
    first has put its site in place, and its own site is the one that stays."""
    final = root / "site"
    first = stage(final)
    waiting = threading.Event()
    seen: dict[str, object] = {}

    class Waiting(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "waiting" in record.getMessage():
                waiting.set()

    def second() -> None:
        staged = StagedSiteDir(final)
        seen["site when it started"] = tree(final)
        put(staged.building, {"index.html": "second"})
        staged.commit()
        seen["done"] = True

    handler = Waiting()
    sitedir.log.addHandler(handler)
    try:
        thread = threading.Thread(target=second, daemon=True)
        thread.start()
        assert waiting.wait(timeout=60)
        first.commit()
        thread.join(timeout=60)
    finally:
        sitedir.log.removeHandler(handler)
    assert seen == {"site when it started": AFTER, "done": True}
    assert tree(final) == {
        ".git/HEAD": "ref",
        ".nojekyll": "",
        ".well-known/security.txt": "contact",
        "index.html": "second",
    }
    assert notes() == [
        ("INFO", f"explainers: another build is writing {final}; waiting for it to finish")
    ]
    the_old_site(root)  # the second's: it removed the first's while it built
    assert unlocked(root)


def test_a_folder_that_cannot_be_opened_builds_without_the_lock(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    real = os.open

    def refuse(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == root:
            raise oserror(errno.EACCES, path)
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    stage(root / "site").commit()
    assert tree(root / "site") == AFTER
    assert notes() == [
        (
            "INFO",
            f"explainers: cannot lock {root} ([Errno 13] Permission denied: '{root}'); builds "
            "at once are not kept apart",
        )
    ]


def test_a_file_system_without_locks_builds_without_the_lock(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """A network file system may have no ``flock``: the build goes on, once said."""
    with monkeypatch.context() as patch:

        def flock(fd: int, operation: int) -> None:
            raise oserror(errno.ENOLCK)

        patch.setattr(fcntl, "flock", flock)
        staged = stage(root / "site")
        staged.commit()
        staged.discard()
    assert tree(root / "site") == AFTER
    assert notes() == [
        (
            "INFO",
            f"explainers: cannot lock {root} ([Errno 37] No locks available); builds at once "
            "are not kept apart",
        )
    ]
    assert unlocked(root)


def test_without_fcntl_builds_are_not_serialised_but_work(
    root: Path, monkeypatch: pytest.MonkeyPatch, notes: Callable[[], list]
) -> None:
    """As on Windows."""
    monkeypatch.setattr(sitedir, "fcntl", None)
    staged = stage(root / "site")
    assert unlocked(root)
    staged.commit()
    assert tree(root / "site") == AFTER
    assert notes() == []


# -- pages the build would write as they are: linked to the live site's file -------------

PAGE = "claims/c1/index.html"
HTML = "<p>Claim page</p>\n"


def _same(root: Path) -> None:
    put(root, {PAGE: HTML})


def _other_bytes(root: Path) -> None:
    put(root, {PAGE: HTML.replace("Claim", "Other")})  # the same size


def _longer(root: Path) -> None:
    put(root, {PAGE: HTML + " "})


def _missing(root: Path) -> None:
    put(root, {"claims/c2/index.html": HTML})


def _symlink(root: Path) -> None:
    put(root, {"elsewhere.html": HTML, PAGE: "-> ../../elsewhere.html"})


def _private(root: Path) -> None:
    put(root, {PAGE: HTML})
    (root / PAGE).chmod(0o600)


def _someone_elses(root: Path) -> None:
    put(root, {PAGE: HTML})
    give_away(root / PAGE)


@pytest.mark.parametrize(
    ("live", "linked"),
    [
        (_same, True),
        (_other_bytes, False),
        (_longer, False),
        (_missing, False),
        (_symlink, False),
        (_private, False),
        (_someone_elses, False),
    ],
)
def test_a_page_the_live_site_has_byte_for_byte_is_a_link_to_it(
    tmp_path: Path, live: Callable[[Path], None], linked: bool
) -> None:
    old_site, building = tmp_path / "site", tmp_path / "building"
    live(old_site)
    building.mkdir()
    before = {p: p.read_bytes() for p in sorted(old_site.rglob("*")) if p.is_file()}
    for path in before:  # a linked page is not written again: the live file keeps its date
        os.utime(path, ns=(10**18, 10**18), follow_symlinks=False)
    umask = os.umask(0o022)
    try:
        writer = sitedir.PageWriter((building, old_site))
        writer.write(building / PAGE, HTML)
        writer.close()
    finally:
        os.umask(umask)
    new = building / PAGE
    assert new.read_text("utf-8") == HTML
    assert not new.is_symlink()
    assert oct(new.stat().st_mode & 0o777) == oct(0o644)
    reused = (old_site / PAGE).exists() and os.path.samefile(new, old_site / PAGE)
    assert reused == linked
    assert {p: p.read_bytes() for p in sorted(old_site.rglob("*")) if p.is_file()} == before
    assert {os.lstat(p).st_mtime_ns for p in before} <= {10**18}


def test_a_page_that_cannot_be_linked_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another device, a file system without hard links: the page is written instead."""
    old_site, building = tmp_path / "site", tmp_path / "building"
    _same(old_site)
    building.mkdir()

    put(old_site, {"claims/c2/index.html": HTML})
    tried = []

    def link(*args: object, **kwargs: object) -> None:
        tried.append(args)
        raise oserror(errno.EXDEV)

    monkeypatch.setattr(os, "link", link)
    writer = sitedir.PageWriter((building, old_site), threads=1)
    for page in (PAGE, "claims/c2/index.html"):
        writer.write(building / page, HTML)
    writer.close()
    for page in (PAGE, "claims/c2/index.html"):
        assert (building / page).read_text("utf-8") == HTML
        assert not os.path.samefile(building / page, old_site / page)
    assert len(tried) == 1, "after one failed link, none is tried again"


def test_a_writer_without_threads_writes_every_page_on_the_callers_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``threads=0`` (the claim pages' writer): no thread contends with the page loop for
    the interpreter's lock; a new page, a linked one and a kept one are all written."""
    old_site, building = tmp_path / "site", tmp_path / "building"
    put(old_site, {PAGE: HTML, "claims/c2/index.html": HTML})
    building.mkdir()
    os.link(old_site / PAGE, building / "kept.html")  # a reused skeleton's file

    def no_thread(self: threading.Thread) -> None:
        raise AssertionError(f"a thread was started: {self.name}")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    umask = os.umask(0o022)
    try:
        writer = sitedir.PageWriter(
            (building, old_site), threads=0, kept={str(building / "kept.html")}
        )
        writer.write(building / PAGE, HTML)  # the live file's bytes: a link
        writer.write(building / "claims/c3/index.html", "<p>New</p>")
        writer.close()
    finally:
        os.umask(umask)
    assert os.path.samefile(building / PAGE, old_site / PAGE)
    assert (building / "claims/c3/index.html").read_text("utf-8") == "<p>New</p>"
    assert not (building / "kept.html").exists(), "a kept file not written is removed"


def live_page_written(site: Path, none: Path, inputs: str = "") -> sitedir.PageWriter:
    """The previous build's writer, closed, having written the live claim page ``PAGE``
    (made from ``inputs``) into ``site``; its records are what the next build knows."""
    first = sitedir.PageWriter((site, none), threads=0, known={})
    first.write(site / PAGE, HTML, inputs)
    first.close()
    return first


def test_a_writer_hands_its_pages_to_its_threads_in_batches(tmp_path: Path) -> None:
    """One task (one wake-up of a thread) per ``batch`` pages; the last, short batch at
    :meth:`close`; every page written, and at most ``pending`` pages held."""
    writer = sitedir.PageWriter(threads=1, batch=4, pending=8)
    submitted: list[int] = []
    submit = writer.pool.submit  # type: ignore[union-attr]

    def counting(fn: Callable[..., None], batch: list[tuple[Path, str]]) -> object:
        submitted.append(len(batch))
        assert len(writer.futures) * 4 <= 8
        return submit(fn, batch)

    writer.pool.submit = counting  # type: ignore[union-attr,method-assign,assignment]
    for n in range(10):
        writer.write(tmp_path / f"c{n}" / "index.html", f"<p>{n}</p>")
    writer.close()
    assert submitted == [4, 4, 2]
    assert [(tmp_path / f"c{n}" / "index.html").read_text() for n in range(10)] == [
        f"<p>{n}</p>" for n in range(10)
    ]


def test_a_kept_page_is_compared_with_the_live_file_in_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The live file is read with open, one read and close (not ``read_bytes``' six
    calls): on a page loop of ten thousand pages each call is a switch of threads."""
    old_site, building = tmp_path / "site", tmp_path / "building"
    put(old_site, {PAGE: HTML})
    (building / "claims/c1").mkdir(parents=True)
    os.link(old_site / PAGE, building / PAGE)  # the skeleton's file: the live one
    reads: list[int] = []
    real_read = os.read

    def read(fd: int, size: int) -> bytes:
        reads.append(size)
        return real_read(fd, size)

    def read_bytes(self: Path) -> bytes:
        raise AssertionError(f"read_bytes({self})")

    monkeypatch.setattr(os, "read", read)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    umask = os.umask(0o022)
    try:
        writer = sitedir.PageWriter((building, old_site), threads=1, kept={str(building / PAGE)})
        writer.write(building / PAGE, HTML)
        writer.close()
    finally:
        os.umask(umask)
    assert os.path.samefile(building / PAGE, old_site / PAGE), "kept: the same file"
    assert reads == [len(HTML.encode()) + 1]


def _build_twice(tmp_path: Path, html: str, change: Callable[[Path], None]) -> list[int]:
    """A page written by a build into ``site`` (what it holds recorded), ``change`` done
    to the live file, then the next build's writer given the same page ``html`` as a
    kept file of the skeleton; the sizes of the live file's reads."""
    old_site, building = tmp_path / "site", tmp_path / "building"
    old_site.mkdir()
    umask = os.umask(0o022)
    try:
        first = live_page_written(old_site, tmp_path / "none")
        change(old_site / PAGE)
        (building / "claims/c1").mkdir(parents=True)
        os.link(old_site / PAGE, building / PAGE)
        reads: list[int] = []
        real_read = os.read

        def read(fd: int, size: int) -> bytes:
            reads.append(size)
            return real_read(fd, size)

        os.read = read  # type: ignore[assignment]
        try:
            writer = sitedir.PageWriter(
                (building, old_site), threads=0, kept={str(building / PAGE)}, known=first.records
            )
            writer.write(building / PAGE, html)
            writer.close()
        finally:
            os.read = real_read
    finally:
        os.umask(umask)
    assert (building / PAGE).read_text("utf-8") == html
    info = os.lstat(building / PAGE)
    assert writer.records == {
        "/" + PAGE: [
            info.st_ino,
            info.st_mtime_ns,
            info.st_size,
            sitedir._digest(html.encode()),
            "",
        ]
    }
    return reads


def test_a_page_recorded_as_the_live_files_bytes_is_kept_without_reading_it(
    tmp_path: Path,
) -> None:
    """The previous build recorded what the file holds: the same inode, date and size
    hold the same bytes, so the page is kept with no read (the live file may have left
    the memory: a read from the disk each)."""
    assert _build_twice(tmp_path, HTML, lambda path: None) == []


def test_a_page_whose_live_file_was_written_since_is_compared_by_reading_it(
    tmp_path: Path,
) -> None:
    """The live file was changed in place after its build (same size, new date): its
    record does not stand for it, so it is read, and the page written anew."""

    def edit(path: Path) -> None:
        data = path.read_bytes()
        time.sleep(0.01)
        path.write_bytes(data.replace(b"Claim", b"Other"))

    # read as the kept file, then as a file to link to: neither holds the page
    assert _build_twice(tmp_path, HTML, edit) == [len(HTML.encode()) + 1] * 2


def test_a_page_not_the_recorded_bytes_is_written_without_reading_the_live_file(
    tmp_path: Path,
) -> None:
    """The page changed (same size): its digest is not the recorded one; it is written."""
    assert _build_twice(tmp_path, HTML.replace("Claim", "Other"), lambda path: None) == []


def test_without_a_live_site_every_page_is_written(tmp_path: Path) -> None:
    _same(tmp_path / "site")
    writer = sitedir.PageWriter()
    writer.write(tmp_path / "building" / PAGE, HTML)
    writer.close()
    assert (tmp_path / "building" / PAGE).read_text("utf-8") == HTML
    assert not os.path.samefile(tmp_path / "building" / PAGE, tmp_path / "site" / PAGE)


def test_only_a_build_that_will_be_swapped_in_reuses_the_live_site(
    tmp_path: Path, read_only_parent: Path
) -> None:
    staged = StagedSiteDir(tmp_path / "swapped" / "site")
    assert staged.reusable() == (staged.building, (tmp_path / "swapped" / "site").resolve())
    staged.commit()
    assert staged.reusable() is None  # done: its staging folder is gone
    in_place = StagedSiteDir(read_only_parent)  # built elsewhere, then copied in place
    assert in_place.in_place
    assert in_place.reusable() is None
    in_place.discard()


# -- claim page folders, made while the build renders --------------------------------------


def test_the_folder_maker_makes_each_pages_folders_and_keeps_what_exists(
    tmp_path: Path,
) -> None:
    (tmp_path / "claims" / "b").mkdir(parents=True)
    (tmp_path / "claims" / "b" / "index.html").write_text("kept", "utf-8")
    pages = ["claims/c/index.html", "claims/a/index.html", "claims/b/index.html"]
    maker = sitedir.FolderMaker(tmp_path, pages)
    deadline = time.monotonic() + 10
    while not (tmp_path / "claims" / "c").exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # the last one, sorted: the thread made them all (or failed)
    maker.close()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "claims",
        "claims/a",
        "claims/b",
        "claims/b/index.html",
        "claims/c",
    ]
    assert (tmp_path / "claims" / "b" / "index.html").read_text("utf-8") == "kept"


def test_the_folder_maker_stops_quietly_when_its_folder_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A discarded build removes the staging folder; the maker then makes nothing."""
    raised: list[object] = []
    monkeypatch.setattr(threading, "excepthook", raised.append)
    maker = sitedir.FolderMaker(tmp_path / "gone", ["claims/a/index.html"])
    maker._thread.join(10)  # it ends on its own
    assert not maker._thread.is_alive()
    maker.close()
    assert raised == []
    assert not (tmp_path / "gone").exists()


def test_after_close_the_folder_maker_makes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``close`` waits for the thread, so a staging folder removed after it stays removed."""
    started, release = threading.Event(), threading.Event()
    made: list[str] = []
    real = os.mkdir

    def mkdir(path: object, *args: object, **kwargs: object) -> None:
        started.set()
        release.wait(5)
        made.append(Path(str(path)).name)
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "mkdir", mkdir)
    maker = sitedir.FolderMaker(tmp_path, [f"f{i:03}/index.html" for i in range(100)])
    assert started.wait(5)
    closing = threading.Thread(target=maker.close)
    closing.start()
    release.set()
    closing.join(5)
    assert not closing.is_alive()
    count = len(made)
    assert count < 100, "close stopped the making"
    time.sleep(0.05)
    assert len(made) == count and len(list(tmp_path.iterdir())) == count


def test_pages_in_one_folder_and_text_utf8_cannot_hold_are_written(tmp_path: Path) -> None:
    """The second page of a folder finds it made; a lone surrogate becomes a reference."""
    writer = sitedir.PageWriter(threads=1)
    for name in ("a.html", "b.html"):
        writer.write(tmp_path / "claims" / "c" / name, "<p>\ud800 é</p>")
    writer.close()
    for name in ("a.html", "b.html"):
        assert (tmp_path / "claims" / "c" / name).read_bytes() == "<p>&#55296; é</p>".encode()


@pytest.mark.parametrize("count", [sitedir.SPREAD_OVER, sitedir.SPREAD_OVER + 1])
def test_only_a_folder_with_more_than_spread_over_subfolders_is_spread(
    tmp_path: Path, count: int
) -> None:
    folders = [str(tmp_path / f"{n:03}") for n in range(count)]
    for folder in folders:
        os.mkdir(folder)
    lists = sitedir._spread(folders)
    if count == sitedir.SPREAD_OVER:
        assert lists == [folders] and sorted(os.listdir(tmp_path)) == [
            f"{n:03}" for n in range(count)
        ]
    else:
        assert len(lists) == sitedir.REMOVERS and sum(map(len, lists)) == count + sitedir.REMOVERS
        assert all(os.path.dirname(names[-1]) == str(tmp_path) for names in lists)


def test_spreading_one_parent_keeps_the_other_parents_folders(tmp_path: Path) -> None:
    small = [str(tmp_path / "a" / "x")]
    big = [str(tmp_path / "b" / f"{n:03}") for n in range(sitedir.SPREAD_OVER + 1)]
    for folder in small + big:
        os.makedirs(folder)
    lists = sitedir._spread(small + big)
    assert lists[0] == small and len(lists) == 1 + sitedir.REMOVERS


def _unlinked(path: Path) -> None:
    """The live file replaced by a copy (same bytes, another inode)."""
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)
    path.chmod(0o644)


def _rewritten(path: Path) -> None:
    """The live file written in place since (same bytes and inode, a new date)."""
    time.sleep(0.01)
    path.write_bytes(path.read_bytes())


@pytest.mark.parametrize(
    ("inputs", "change", "kept"),
    [
        ("k1", lambda path: None, True),
        ("k2", lambda path: None, False),  # made from other inputs
        ("", lambda path: None, False),  # no inputs named: always made
        ("k1", _rewritten, False),
        ("k1", _unlinked, False),  # the skeleton's file is no longer the live one
    ],
    ids=["same inputs", "other inputs", "none named", "live file rewritten", "live file replaced"],
)
def test_a_page_recorded_from_the_same_inputs_is_kept_without_its_bytes(
    tmp_path: Path, inputs: str, change: Callable[[Path], None], kept: bool
) -> None:
    """:meth:`PageWriter.keep`: the previous build wrote the live page from inputs
    ``k1`` and recorded them; the skeleton's file (a link to it) stays, unread and
    without the page being made, only when the inputs are the same and the live file is
    that same file as recorded."""
    old_site, building = tmp_path / "site", tmp_path / "building"
    old_site.mkdir()
    umask = os.umask(0o022)
    try:
        first = live_page_written(old_site, tmp_path / "none", "k1")
        assert first.records["/" + PAGE][4] == "k1"
        (building / "claims/c1").mkdir(parents=True)
        os.link(old_site / PAGE, building / PAGE)
        change(old_site / PAGE)
        writer = sitedir.PageWriter(
            (building, old_site), threads=1, kept={str(building / PAGE)}, known=first.records
        )
        assert writer.keep(building / PAGE, inputs) is kept
        if not kept:
            writer.write(building / PAGE, HTML, inputs)
        writer.close()
    finally:
        os.umask(umask)
    assert (building / PAGE).read_text("utf-8") == HTML, "kept or written, never removed"
    assert writer.records["/" + PAGE][4] == inputs
    if kept:
        assert writer.records == first.records and writer.pool is not None
        assert not writer.pool._threads, "nothing to write: no thread started"


@pytest.mark.parametrize("folder_made", [True, False], ids=["folder made", "no folder yet"])
def test_the_first_rebuild_links_a_kept_page_with_no_mkdir_where_its_folder_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder_made: bool
) -> None:
    """:meth:`PageWriter.keep` with no reused tree (the second build into a site folder):
    the live file is linked into the folder the folder maker made, without asking for
    the folder again (a mkdir that fails, and a stat, per page on the page loop's
    thread); a missing folder is made."""
    old_site, building = tmp_path / "site", tmp_path / "building"
    old_site.mkdir()
    umask = os.umask(0o022)
    try:
        first = live_page_written(old_site, tmp_path / "none", "k1")
        (building / "claims").mkdir(parents=True)
        if folder_made:
            (building / "claims/c1").mkdir()
        made: list[str] = []
        real_mkdir = os.mkdir

        def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
            made.append(str(path))
            real_mkdir(path, *args, **kwargs)

        monkeypatch.setattr(os, "mkdir", mkdir)
        writer = sitedir.PageWriter((building, old_site), threads=1, known=first.records)
        assert writer.keep(building / PAGE, "k1")
        writer.close()
    finally:
        os.umask(umask)
    assert made == ([] if folder_made else [str(building / "claims/c1")])
    assert os.path.samefile(building / PAGE, old_site / PAGE)
    assert writer.records == first.records
