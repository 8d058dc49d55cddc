"""The site folder is replaced whole, or not at all, in every setup: two builds at once,
a symlinked site folder, a killed build, and folders that cannot be swapped or written.

Setups that need a read-only folder are made two ways: MkDocs hooks under
``tests/fixtures/sitedir/hooks/`` inject the failing system call into a real build
(always run: tests run as root, where ``chmod`` stops nothing), and, where the file
system has it, ``chattr +i`` makes a folder really immutable, even for root.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explainers.site.site_folder import StagedSiteDir

from helpers import FIXTURES
from sitebuild import build, log_lines, mkdocs

FIXTURE = FIXTURES / "sitedir"
STAGING = re.compile(r"\.site\.building-[0-9]+-[0-9a-f]{8}")
OLD = re.compile(r"\.site\.old-[0-9]+-[0-9a-f]{8}")
SILENCE = "set the explainers option `atomic_build: false` to build in place without this warning"


def copy_site(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def edit(root: Path) -> None:
    """Change the article, so a build that reaches the site folder shows."""
    page = root / "content" / "index.md"
    page.write_text(page.read_text("utf-8").replace("An article", "A changed article"), "utf-8")


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site"))


def old_site(folder: Path) -> str:
    """The one folder the last swap left: the old site, which the next build removes."""
    [old] = leftovers(folder)
    assert OLD.fullmatch(old)
    return old


def with_hook(root: Path, hook: str) -> list[str]:
    """Arguments that build ``root`` with one of the fixture's failure-injecting hooks."""
    (root / "inject.yml").write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - hooks/{hook}\n", "utf-8")
    return ["-f", "inject.yml"]


def messages(result: subprocess.CompletedProcess[str], level: str) -> list[str]:
    return [line.split("-  ", 1)[1] for line in log_lines(result, level)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The site's files as a plain build writes them: as given, and after :func:`edit`."""
    root = copy_site(tmp_path_factory.mktemp("reference") / "src")
    out = {}
    for name in ("first", "edited"):
        if name == "edited":
            edit(root)
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
        out[name] = digest(root / "site")
    assert len(out["first"]) > 40, "Material's assets are in the site"
    return out


# -- two builds at once ------------------------------------------------------------------


def start_build(root: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )


def wait_for_line(log: Path, text: str, proc: subprocess.Popen[bytes]) -> None:
    """Until the process has written ``text`` (a generous limit only stops a hung test)."""
    deadline = time.monotonic() + 120
    while text not in log.read_text("utf-8", "replace"):
        assert proc.poll() is None, log.read_text("utf-8", "replace")
        assert time.monotonic() < deadline, log.read_text("utf-8", "replace")
        time.sleep(0.1)


@pytest.mark.build
def test_two_builds_at_once_take_turns(tmp_path: Path, built: dict[str, dict[str, str]]) -> None:
    """While a build holds the site, two more start: both say they wait, then both finish."""
    root = copy_site(tmp_path / "src")
    holder = StagedSiteDir(root / "site")  # a build that is writing the site right now
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    try:
        procs = [start_build(root, log) for log in logs]
        waiting = f"explainers: another build is writing {root / 'site'}; waiting for it to finish"
        for proc, log in zip(procs, logs, strict=True):
            wait_for_line(log, waiting, proc)
        assert not (root / "site").exists()
    finally:
        holder.discard()
    codes = [proc.wait(timeout=300) for proc in procs]
    assert codes == [0, 0], [log.read_text("utf-8") for log in logs]
    assert digest(root / "site") == built["first"]
    old_site(root)  # the second build's: the first's site, which the next build removes


@pytest.mark.build
def test_two_builds_started_together_leave_one_whole_site(
    tmp_path: Path, built: dict[str, dict[str, str]]
) -> None:
    root = copy_site(tmp_path / "src")
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    procs = [start_build(root, log) for log in logs]
    codes = [proc.wait(timeout=300) for proc in procs]
    assert codes == [0, 0], [log.read_text("utf-8") for log in logs]
    assert digest(root / "site") == built["first"]
    old_site(root)  # the second build's: the first's site, which the next build removes


# -- a symlinked site folder -------------------------------------------------------------


@pytest.mark.build
def test_symlinked_site_stays_a_link_and_its_target_gets_the_site(
    tmp_path: Path, built: dict[str, dict[str, str]]
) -> None:
    root = copy_site(tmp_path / "src")
    web = tmp_path / "www" / "html"
    web.mkdir(parents=True)
    (web / "stale.html").write_text("from before", "utf-8")
    (web / ".well-known").mkdir()
    (web / ".well-known" / "security.txt").write_text("Contact: x", "utf-8")
    web.chmod(0o751)
    link = os.path.relpath(web, root)
    (root / "site").symlink_to(link)
    for expected in ("first", "edited"):
        if expected == "edited":
            edit(root)
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
        assert (root / "site").is_symlink() and os.readlink(root / "site") == link
        security = {".well-known/security.txt": hashlib.sha256(b"Contact: x").hexdigest()}
        assert digest(web) == {**built[expected], **security}
        assert oct(web.stat().st_mode & 0o7777) == oct(0o751)
        # beside the link's target: the site before (the build before's, removed now)
        [old, html] = sorted(os.listdir(tmp_path / "www"))
        assert html == "html" and re.fullmatch(r"\.html\.old-[0-9]+-[0-9a-f]{8}", old)
        assert leftovers(root) == []


# -- a killed build and its leftovers ----------------------------------------------------


@pytest.mark.build
def test_killed_build_leaves_the_site_and_the_next_build_cleans_up(
    tmp_path: Path, built: dict[str, dict[str, str]]
) -> None:
    root = copy_site(tmp_path / "src")
    assert build(root).returncode == 0
    killed = build(root, *with_hook(root, "killed.py"))
    assert killed.returncode == -signal.SIGKILL
    assert digest(root / "site") == built["first"]
    [stale] = leftovers(root)
    assert STAGING.fullmatch(stale) and any((root / stale).iterdir()), "a half-written staging"

    for legacy in (".site.building", ".site.old"):  # the fixed names of earlier versions
        (root / legacy / "assets").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not ours", "utf-8")
    (root / ".site.old-1-abcdef12").symlink_to(outside)  # our name, but a link: not followed
    (root / ".site.building-notes").mkdir()  # not our name
    edit(root)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(m for m in messages(result, "INFO") if "left by an earlier build" in m) == [
        f"explainers: removed {name}, left by an earlier build"
        for name in sorted([stale, ".site.building"])  # an old site goes without a word
    ]
    assert not (root / ".site.old").exists()
    [old] = [n for n in leftovers(root) if OLD.fullmatch(n) and n != ".site.old-1-abcdef12"]
    assert leftovers(root) == sorted([".site.building-notes", ".site.old-1-abcdef12", old])
    assert (outside / "keep.txt").read_text("utf-8") == "not ours"
    assert digest(root / "site") == built["edited"]


@pytest.mark.build
def test_old_site_that_cannot_be_removed_never_stops_the_next_build(
    tmp_path: Path, built: dict[str, dict[str, str]]
) -> None:
    root = copy_site(tmp_path / "src")
    assert build(root).returncode == 0
    assert build(root).returncode == 0
    old = old_site(root)
    edit(root)
    result = build(root, *with_hook(root, "old_site_stays.py"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert digest(root / "site") == built["edited"]
    assert [m for m in messages(result, "INFO") if "could not remove" in m] == [
        f"explainers: could not remove {root / old} ([Errno 13] Permission denied: '{root / old}')"
    ]
    assert old in leftovers(root) and len(leftovers(root)) == 2  # and this build's old site
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert old_site(root) != old
    assert digest(root / "site") == built["edited"]


# -- folders that cannot be swapped: injected failures -------------------------------------


CASES = [
    # hook, strict, exit code, the site afterwards, (level, message)
    (
        "parent_read_only.py",
        False,
        0,
        "edited",
        (
            "WARNING",
            "cannot be replaced in one step (its folder is not writable: Read-only "
            f"file system); the finished build is copied into it instead; {SILENCE}",
        ),
    ),
    (
        "parent_read_only.py",
        True,
        1,
        "first",
        (
            "WARNING",
            "cannot be replaced in one step (its folder is not writable: Read-only "
            f"file system); the finished build is copied into it instead; {SILENCE}",
        ),
    ),
    (
        "site_cannot_move.py",
        False,
        0,
        "edited",
        (
            "WARNING",
            "cannot be replaced in one step (it cannot be moved: Device or resource "
            f"busy); the finished build is copied into it instead; {SILENCE}",
        ),
    ),
    (
        "site_read_only.py",
        False,
        1,
        "first",
        (
            "ERROR",
            "is read-only (it cannot be moved: Operation not permitted): the new site "
            "was neither swapped in nor written; the previous site is unchanged",
        ),
    ),
]


@pytest.mark.build
@pytest.mark.parametrize(("hook", "strict", "code", "after", "logged"), CASES)
def test_site_that_cannot_be_swapped(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    built: dict[str, dict[str, str]],
    hook: str,
    strict: bool,
    code: int,
    after: str,
    logged: tuple[str, str],
) -> None:
    root = copy_site(tmp_path / "src")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # where a staging folder goes if not beside site/
    assert build(root).returncode == 0
    (root / "site" / ".nojekyll").write_text("", "utf-8")
    edit(root)
    args = with_hook(root, hook)
    result = build(root, *args) if strict else mkdocs(root, "build", *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    level, message = logged
    site = root / "site"
    assert f"explainers: the site folder {site} {message}" in messages(result, level)
    assert digest(site) == {**built[after], ".nojekyll": hashlib.sha256(b"").hexdigest()}
    assert leftovers(root) == []
    assert list(temp.iterdir()) == []


# -- folders that cannot be swapped: really immutable (chattr +i) ---------------------------


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """Makes a folder immutable for the rest of the test (and undoes it after)."""
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        pytest.skip("needs root and chattr; the injected-failure tests cover the same paths")
    made: list[Path] = []

    def make(path: Path) -> None:
        result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"this file system has no immutable flag: {result.stderr!r}")
        made.append(path)

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.build
def test_immutable_parent_writes_the_site_in_place(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    built: dict[str, dict[str, str]],
    immutable: Callable[[Path], None],
) -> None:
    root = copy_site(tmp_path / "src")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    assert build(root).returncode == 0
    edit(root)
    immutable(root)
    result = mkdocs(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert messages(result, "WARNING") == [
        f"explainers: the site folder {root / 'site'} cannot be replaced in one step (its "
        "folder is not writable: Operation not permitted); the finished build is copied into "
        f"it instead; {SILENCE}"
    ]
    assert digest(root / "site") == built["edited"]
    assert leftovers(root) == []
    assert list(temp.iterdir()) == []


@pytest.mark.build
def test_immutable_site_fails_clearly_and_recovers(
    tmp_path: Path, built: dict[str, dict[str, str]], immutable: Callable[[Path], None]
) -> None:
    root = copy_site(tmp_path / "src")
    assert build(root).returncode == 0
    edit(root)
    immutable(root / "site")
    result = build(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert messages(result, "ERROR") == [
        f"explainers: the site folder {root / 'site'} is read-only (it cannot be moved: "
        "Operation not permitted): the new site was neither swapped in nor written; the "
        "previous site is unchanged"
    ]
    assert digest(root / "site") == built["first"]
    assert leftovers(root) == []
    subprocess.run(["chattr", "-i", str(root / "site")], check=True)
    assert build(root).returncode == 0
    assert digest(root / "site") == built["edited"]


# -- a rebuild ---------------------------------------------------------------------------


@pytest.mark.build
def test_a_rebuild_links_the_claim_pages_it_would_write_unchanged(
    tmp_path: Path, built: dict[str, dict[str, str]]
) -> None:
    """A claim page whose bytes are the live site's is that file, linked into the new
    site: the same site as a fresh build, and an edited claim's page is written anew."""
    root = copy_site(tmp_path / "src")
    page = root / "site" / "claims" / "pending" / "index.html"
    inodes, links = [], []
    for edited in (False, False, True):
        if edited:
            claims = root / "data" / "claims" / "claims.yml"
            text = claims.read_text("utf-8").replace("Something happened", "Something else")
            claims.write_text(text, "utf-8")
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
        inodes.append(page.stat().st_ino)
        links.append(page.stat().st_nlink)
    assert inodes[1] == inodes[0]
    assert inodes[2] != inodes[1]
    # the link's other name is in the old site, until the next build removes it
    assert links == [1, 2, 1]
    assert "Something else" in page.read_text("utf-8")
    site = digest(root / "site")
    assert site["claims/pending/index.html"] != built["first"]["claims/pending/index.html"]
    old_site(root)


# -- the staging folder on its own -------------------------------------------------------


def test_hidden_entries_of_the_old_site_are_kept(tmp_path: Path) -> None:
    """As ``mkdocs build`` keeps them: a ``site/.git`` survives, the new build's own win."""
    final = tmp_path / "site"
    (final / ".git").mkdir(parents=True)
    (final / ".git" / "HEAD").write_text("ref", "utf-8")
    (final / ".nojekyll").write_text("old", "utf-8")
    (final / "old.html").write_text("old", "utf-8")
    final.chmod(0o550)  # read-only, as a web root may be
    staged = StagedSiteDir(final)
    (staged.building / "index.html").write_text("new", "utf-8")
    (staged.building / ".nojekyll").write_text("new", "utf-8")
    staged.commit()
    assert digest(final) == {
        ".git/HEAD": hashlib.sha256(b"ref").hexdigest(),
        ".nojekyll": hashlib.sha256(b"new").hexdigest(),
        "index.html": hashlib.sha256(b"new").hexdigest(),
    }
    assert oct(final.stat().st_mode & 0o7777) == oct(0o550)
    old = old_site(tmp_path)  # its old.html, until the next build
    StagedSiteDir(final).discard()
    assert leftovers(tmp_path) == []
    assert not (tmp_path / old).exists()


def test_a_new_site_folder_is_readable_like_any_other(tmp_path: Path) -> None:
    """Not the private 0700 of a temporary folder: a web server must read it."""
    umask = os.umask(0o022)
    try:
        staged = StagedSiteDir(tmp_path / "site")
        staged.commit()
    finally:
        os.umask(umask)
    assert oct((tmp_path / "site").stat().st_mode & 0o777) == oct(0o755)


def test_commit_and_discard_release_the_lock_once(tmp_path: Path) -> None:
    for finish in ("commit", "discard"):
        staged = StagedSiteDir(tmp_path / "site")
        getattr(staged, finish)()
        getattr(staged, finish)()  # a second call does nothing
        staged.discard()
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if still held
        finally:
            os.close(fd)
        assert leftovers(tmp_path) == []


def test_copy_in_place_replaces_the_site_and_keeps_other_dot_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback gives the same result as the swap: the new site, plus the old
    site's dot entries the new build does not make itself."""
    final = tmp_path / "site"
    for name, text in {
        ".git/HEAD": "ref",
        ".well-known/old.txt": "old",
        "a/old.html": "old",
    }.items():
        (final / name).parent.mkdir(parents=True, exist_ok=True)
        (final / name).write_text(text, "utf-8")
    staged = StagedSiteDir(final)
    (staged.building / ".well-known").mkdir()
    (staged.building / ".well-known" / "new.txt").write_text("new", "utf-8")
    (staged.building / "index.html").write_text("new", "utf-8")
    rename = os.rename

    def busy(src: object, dst: object) -> None:
        if Path(str(src)) == final:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(src))
        rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", busy)
    staged.commit()
    assert digest(final) == {
        ".git/HEAD": hashlib.sha256(b"ref").hexdigest(),
        ".well-known/new.txt": hashlib.sha256(b"new").hexdigest(),
        "index.html": hashlib.sha256(b"new").hexdigest(),
    }
    assert leftovers(tmp_path) == []


@pytest.mark.build
def test_a_rebuild_reuses_the_claim_folders_and_drops_a_removed_claims(tmp_path: Path) -> None:
    """The third build takes the old site's ``claims/`` over (the same folder), without
    the folder of a claim removed since: the site is the one a fresh build writes."""
    claims = "data/claims/claims.yml"
    root = copy_site(tmp_path / "src")
    text = (root / claims).read_text("utf-8")
    other = text.replace("id: pending", "id: other").replace("claims:\n", "")
    (root / claims).write_text(text + other, "utf-8")
    article = (root / "content" / "index.md").read_text("utf-8")
    (root / "content" / "index.md").write_text(article + "\n::claim[other]\n", "utf-8")
    for _ in range(2):
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "claims" / "other" / "index.html").is_file()
    reused = (root / old_site(root) / "claims").stat().st_ino
    (root / claims).write_text(text, "utf-8")
    (root / "content" / "index.md").write_text(article, "utf-8")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "claims").stat().st_ino == reused
    assert not (root / "site" / "claims" / "other").exists()
    fresh = copy_site(tmp_path / "fresh")
    result = build(fresh)
    assert result.returncode == 0, result.stdout + result.stderr
    assert digest(root / "site") == digest(fresh / "site")
    old_site(root)
