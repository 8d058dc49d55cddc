"""Build the site next to the real one and swap it in only when the build succeeds,
so a failed build leaves the previous site exactly as it was.

Each piece is there for a setup that broke a plain "build, then rename" step:

- a lock on the folder the swap happens in: two builds at once into the same site
  take turns (the second says it waits) instead of mixing their files;
- a staging folder with a unique name per build: a killed build's leftovers never
  collide with the next build, which removes them while it holds the lock;
- a site folder that is a symlink (a web root elsewhere): the swap happens next to
  the link's target, so the link stays a link and its target gets the new site;
- where no swap is possible (a read-only parent, a mount point, an immutable
  folder), the finished build is copied into the folder in place, with a warning;
  where the folder cannot be written at all, a clear error and the previous site
  untouched. Nothing is ever left behind that stops the next build.

The old site is not removed before the build returns: after the swap it stays beside
the new one (``.site.old-…``; its unchanged claim pages are hard links to the new
site's files, which take no disk twice) and the next build removes it on a thread while
it renders its pages (a large site's old tree took seconds to remove, longer than any
other step of the swap). A build that fails removes it all the same.

Like ``mkdocs build``, entries of the old site whose names start with a dot
(``.git``, ``.well-known``) are kept unless the new build has its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import posixpath
import re
import secrets
import shutil
import stat
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover  (Windows: builds are not serialised)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("explainers.sitedir")
# Its notes (waiting for another build, cleaning up) are INFO; left to inherit the root
# logger's WARNING they would never reach the host's handlers.
log.setLevel(logging.INFO)

HOW_TO_SILENCE = (
    "set the explainers option `atomic_build: false` to build in place without this warning"
)


class SiteDirError(Exception):
    """The site folder can be neither swapped nor written; the message says why."""


class StagedSiteDir:
    """One build's staging folder for the site at ``final``.

    Creating it waits for any other build of the same site, removes stale staging
    folders and picks where to build (``building``). Then exactly one of
    :meth:`commit` (put the build in place) or :meth:`discard` (throw it away);
    both release the lock and may be called again harmlessly.
    """

    def __init__(self, final: Path, skeleton_of: str = "") -> None:
        self.final = final
        try:
            self.target = final.resolve()  # a symlink's target; the folder that gets replaced
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except (OSError, RuntimeError) as exc:
            raise SiteDirError(f"cannot prepare the site folder {final}: {exc}") from exc
        self._lock = _FolderLock(self.target.parent, final)
        stale = stale_entries(self.target)
        #: ``skeleton_of`` (a folder of the site, ``claims``) taken from the previous
        #: build's old site, to be filled again instead of made anew (see :class:`Skeleton`)
        self.skeleton = Skeleton.take(self.target, stale, skeleton_of) if skeleton_of else None
        # listed before this build's own staging folder exists, removed while it builds
        self._sweeper = _Sweeper(self.target, stale)
        try:
            self.building, self.in_place = self._stage()
        except BaseException:
            self._sweeper.join()
            self._drop_skeleton()
            self._lock.release()
            raise
        self._done = False

    def _stage(self) -> tuple[Path, bool]:
        """Where to build, and whether the result must be copied in place."""
        try:
            building = _fresh(self.target.parent, f".{self.target.name}.building-", make=True)
        except OSError as exc:
            try:
                building = Path(tempfile.mkdtemp(prefix="explainers-site-"))
            except OSError as temp_exc:
                raise SiteDirError(
                    f"cannot create a staging folder for {self.final}: {exc}; {temp_exc}"
                ) from exc
            self._fall_back(f"its folder is not writable: {exc.strerror or exc}", building)
            return building, True
        if os.path.ismount(self.target):
            self._fall_back("it is a mount point", building)
            return building, True
        return building, False

    def _fall_back(self, reason: str, building: Path | None = None) -> None:
        """Say the site will be written in place, or fail if even that is impossible."""
        if self.target.exists() and not os.access(self.target, os.W_OK | os.X_OK):
            if building is not None:
                remove_tree(building)
            raise SiteDirError(
                f"the site folder {self.final} is read-only ({reason}): the new site was "
                "neither swapped in nor written; the previous site is unchanged"
            )
        log.warning(
            f"explainers: the site folder {self.final} cannot be replaced in one step ({reason}); "
            f"the finished build is copied into it instead; {HOW_TO_SILENCE}"
        )

    def reusable(self) -> tuple[Path, Path] | None:
        """``(staging folder, live site)`` when the build will be swapped in: a file the
        build would write with the live file's exact bytes can be a hard link to it."""
        if self.in_place or self._done:
            return None
        return self.building, self.target

    def commit(self) -> None:
        """Put the finished build where the site belongs; the old site goes only after."""
        if self._done:
            return
        try:
            if self.in_place:
                self._copy_in_place()
            else:
                self._swap()
        finally:
            self._finish()

    def discard(self) -> None:
        """Throw the staging folder away; the site stays as it was."""
        if self._done:
            return
        self._finish()

    def place_skeleton(self) -> set[str]:
        """Put the skeleton (prepared by a :class:`FolderMaker`) in its place in the
        staging folder, taking in what the build wrote there already; the files in it
        that a writer must replace or keep (:class:`PageWriter`'s ``kept``). Without a
        prepared skeleton, nothing is placed and the set is empty."""
        skeleton, self.skeleton = self.skeleton, None
        if skeleton is None or self._done:
            return set()
        if not skeleton.prepared or self.in_place:  # copied in place: maybe another device
            skeleton.drop()
            return set()
        try:
            return skeleton.put_in(self.building)
        except OSError as exc:
            skeleton.drop()
            raise SiteDirError(
                f"cannot reuse the old site's folders in {self.building}: {exc}"
            ) from exc

    def _drop_skeleton(self) -> None:
        skeleton, self.skeleton = self.skeleton, None
        if skeleton is not None:
            skeleton.drop()

    def _finish(self) -> None:
        self._done = True
        try:
            self._sweeper.join()  # before the lock goes: the next build lists what is left
            self._drop_skeleton()
            if self.building.exists():
                remove_tree(self.building)
        except OSError as exc:  # the next build removes it
            log.info(f"explainers: could not remove the staging folder {self.building} ({exc})")
        finally:
            self._lock.release()

    def _swap(self) -> None:
        old: Path | None = None
        if os.path.lexists(self.target):
            old = _fresh(self.target.parent, f".{self.target.name}.old-", make=False)
            try:
                os.rename(self.target, old)
            except OSError as exc:
                self._fall_back(f"it cannot be moved: {exc.strerror or exc}")
                self._copy_in_place()
                return
        try:
            os.rename(self.building, self.target)
        except OSError as exc:
            if old is not None:
                try:
                    os.rename(old, self.target)
                except OSError as back_exc:
                    raise SiteDirError(
                        f"cannot put the new site in place ({exc}) nor the old one back "
                        f"({back_exc}): the previous site is in {old}"
                    ) from exc
            self._fall_back(f"the new site cannot be moved there: {exc.strerror or exc}")
            self._copy_in_place()
            return
        if old is None:
            return
        try:
            before: os.stat_result | None = old.stat()
        except OSError:
            before = None
        kept = _carry_hidden(old, self.target)
        if before is not None:  # after the carry: the mode may forbid writing
            _copy_folder_mode(before, self.target)
        # ``old`` stays for the next build to remove while it renders (see the top); but
        # one still holding a superseded dot entry would look kept for it: it goes now
        if kept and _hidden(old):
            with contextlib.suppress(OSError):
                remove_tree(old)

    def _copy_in_place(self) -> None:
        """The fallback: replace the folder's content (not the folder) with the build."""
        target = self.target
        try:
            target.mkdir(exist_ok=True)
            for entry in sorted(target.iterdir()):
                if not entry.name.startswith("."):  # kept, as `mkdocs build` keeps them
                    _remove_entry(entry)
            for entry in sorted(self.building.iterdir()):
                dest = target / entry.name
                if os.path.lexists(dest):  # a dot entry the new build makes too: the new one wins
                    _remove_entry(dest)
                if entry.is_dir() and not entry.is_symlink():
                    shutil.copytree(entry, dest, symlinks=True)
                else:
                    shutil.copy2(entry, dest, follow_symlinks=False)
        except OSError as exc:
            raise SiteDirError(
                f"writing the site into {self.final} failed part-way ({exc}); build again"
            ) from exc


class PageWriter:
    """Writes pages on a few threads while the next page is made: thousands of small
    writes wait mostly on the disk. At most ``pending`` pages are held in memory.

    With ``reuse`` (:meth:`StagedSiteDir.reusable`), a page whose bytes are those of
    the live site's file at the same place becomes a hard link to that file instead:
    most of a large site's pages are the same from one build to the next, and a link
    spares the disk a new file's blocks now and the old one's removal after the swap
    (a claim page written afresh cost twice as much on this project's benchmark disk).
    The link keeps the old file's date, which is right: its content is that old. Only
    a plain file this user owns, with the mode a new file gets, is linked to; after
    one link fails (another device, a file system without them) none is tried again.
    """

    def __init__(
        self,
        reuse: tuple[Path, Path] | None = None,
        threads: int = 4,
        pending: int = 64,
        kept: set[str] | None = None,
        known: dict[str, list[Any]] | None = None,
        batch: int = 1,
    ) -> None:
        #: what the pages the previous build left hold, by place in the site
        #: (:attr:`records` of its writer): a live file with the recorded inode, date and
        #: size whose recorded digest is the page's is not read to be compared; None:
        #: nothing recorded, nothing to record
        self.known = known
        #: what each page this build wrote, linked or kept holds: ``[inode, mtime_ns,
        #: size, digest, inputs]`` (kept with the build's cache for the next build;
        #: ``inputs``: what the page was made from, as the caller named it, see :meth:`keep`)
        self.records: dict[str, list[Any]] = {}
        #: ``threads=0``: each page is written by :meth:`write` itself, on the caller's thread
        self.pool = ThreadPoolExecutor(max_workers=threads) if threads else None
        #: pages handed to a thread at once (:meth:`_submit`)
        self.batch = batch
        self._batch: list[tuple[Path, str, str]] = []
        self.futures: deque[Future[None]] = deque()
        self.pending = pending
        self.reuse = reuse
        #: files already at their place (a reused skeleton's, :meth:`StagedSiteDir.place_skeleton`):
        #: each is kept if it is the live site's file with the page's bytes, else removed
        #: and the page written or linked anew; :meth:`close` removes those not written
        self.kept = kept or set()
        self._handled: set[str] = set()
        self.mode = 0o666 & ~_umask() if reuse is not None else 0
        self.uid = os.geteuid() if hasattr(os, "geteuid") else None  # None: Windows

    def write(self, dest: Path, html: str, inputs: str = "") -> None:
        """Write ``html`` at ``dest`` (or keep or link the same bytes); ``inputs``: a
        digest of everything the page was made from, recorded for :meth:`keep`."""
        if self.pool is None:
            self._write(dest, html, inputs)
            return
        self._batch.append((dest, html, inputs))
        if len(self._batch) >= self.batch:
            self._submit()

    def _submit(self) -> None:
        """Hand the pages gathered to a thread: one task (one wake-up of a thread, one
        hand-over of the interpreter's lock) per ``batch`` pages, not per page."""
        batch, self._batch = self._batch, []
        self.futures.append(self.pool.submit(self._write_all, batch))  # type: ignore[union-attr]
        while len(self.futures) * self.batch > self.pending:
            self.futures.popleft().result()

    def _write_all(self, batch: list[tuple[Path, str, str]]) -> None:
        for dest, html, inputs in batch:
            self._write(dest, html, inputs)

    def keep(self, dest: Path, inputs: str) -> bool:
        """Whether the file already at ``dest`` (one of :attr:`kept`) stays as it is,
        without the page being made: it is the live site's file, unchanged since the
        build that recorded it wrote it from the same ``inputs`` (a digest of everything
        the page is made from). Checked on the caller's thread with two ``lstat``; in a
        build where nothing changed no page is made, and no thread is woken."""
        reuse, name = self.reuse, str(dest)
        if not inputs or self.known is None or reuse is None:
            return False
        building, live = reuse
        place = _place(name, building)
        known = self.known.get(place) if place is not None else None
        old = self._live_path(name, building, live)
        if known is None or place is None or known[4] != inputs or old is None:
            return False
        if name not in self.kept:  # no reused tree: the first rebuild into this site folder
            return self._keep_by_link(dest, old, place, known)
        try:
            here, there = os.lstat(name), os.lstat(old)
        except OSError:
            return False
        if (
            (here.st_ino, here.st_dev) != (there.st_ino, there.st_dev)
            or not self._plain(there)
            or not _as_recorded(there, known)
        ):
            return False
        self._handled.add(name)
        self.records[place] = list(known)
        return True

    def _keep_by_link(self, dest: Path, old: str, place: str, known: list[Any]) -> bool:
        """:meth:`keep` where no reused tree put the live file at ``dest`` already (the
        build after the first into a site folder: ``atomic_build`` reuses the tree of
        two builds back): the live file, still as recorded, is linked there on the
        caller's thread (``lstat`` and ``link``, against the page made and handed to a
        writer; its folder, which the :class:`FolderMaker` made while the pages
        rendered, is made only where missing). Anything unexpected: False, and the page is made as always."""
        try:
            there = os.lstat(old)
        except OSError:
            return False
        if not self._plain(there) or not _as_recorded(there, known):
            return False
        try:
            # the folder is there already (the FolderMaker made it while the pages
            # rendered): a mkdir first would be two more system calls and an exception
            # a page, on the page loop's thread; only where it is not, it is made
            try:
                os.link(old, dest)
            except FileNotFoundError:
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.link(old, dest)
        except FileExistsError:
            return False
        except OSError:  # another device, a file system without links: write them all
            self.reuse = None
            return False
        self.records[place] = list(known)
        return True

    def close(self) -> None:
        try:
            if self._batch:
                self._submit()
            while self.futures:
                self.futures.popleft().result()
        finally:
            if self.pool is not None:
                self.pool.shutdown()
        for stale in sorted(self.kept - self._handled):  # a page this build did not write
            with contextlib.suppress(FileNotFoundError):
                os.unlink(stale)
        self.kept.clear()  # ten thousand paths: not held through the rest of the build
        self._handled.clear()

    def _write(self, dest: Path, html: str, inputs: str = "") -> None:
        data = html.encode("utf-8", errors="xmlcharrefreplace")
        reuse = self.reuse  # read once: another thread may give up linking meanwhile
        name = str(dest)
        digest = _digest(data) if self.known is not None else ""
        if name in self.kept:
            self._handled.add(name)
            # never written into: it may be a link to the live site's file
            if reuse is not None and self._same_file(name, data, digest, inputs, *reuse):
                return
            os.unlink(dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
        if reuse is None or not self._link(dest, data, digest, inputs, *reuse):
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _CLOEXEC, 0o666)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                if self.known is not None:
                    self._record(name, os.fstat(fd), digest, inputs, reuse)
            finally:
                os.close(fd)

    def _record(
        self,
        name: str,
        info: os.stat_result,
        digest: str,
        inputs: str,
        reuse: tuple[Path, Path] | None,
    ) -> None:
        """Note what the file at ``name`` (in the staging folder) holds, for the next build."""
        if self.known is None or reuse is None:
            return
        place = _place(name, reuse[0])
        if place is not None:
            self.records[place] = [info.st_ino, info.st_mtime_ns, info.st_size, digest, inputs]

    @staticmethod
    def _live_path(name: str, building: Path, live: Path) -> str | None:
        """The live site's file at the place of ``name`` (a path in ``building``)."""
        tail = _tail(name, building)
        return None if tail is None else str(live) + tail

    def _same_file(
        self, name: str, data: bytes, digest: str, inputs: str, building: Path, live: Path
    ) -> bool:
        """Whether ``name`` is the live site's same file and that holds ``data``."""
        old = self._live_path(name, building, live)
        try:
            if old is None:
                return False
            here, there = os.lstat(name), os.lstat(old)
        except OSError:
            return False
        if (here.st_ino, here.st_dev) != (there.st_ino, there.st_dev):
            return False
        try:
            same = self._holds(old, there, data, digest, building, name)
        except OSError:
            return False
        if same:
            self._record(name, there, digest, inputs, (building, live))
        return same

    def _live_with(
        self, dest: Path, data: bytes, digest: str, building: Path, live: Path
    ) -> tuple[str, os.stat_result] | None:
        """The live site's file at ``dest``'s place (and its lstat) if it is ours and
        holds ``data``."""
        name = str(dest)
        old = self._live_path(name, building, live)
        try:
            if old is None:
                return None
            info = os.lstat(old)
            if not self._holds(old, info, data, digest, building, name):
                return None
        except OSError:  # none there: write it
            return None
        return old, info

    def _holds(
        self, old: str, info: os.stat_result, data: bytes, digest: str, building: Path, name: str
    ) -> bool:
        """Whether ``old`` (``info``: its lstat) is a plain file of ours holding ``data``:
        by the previous build's record of it (:attr:`known`) when its inode, date and size
        are the recorded ones, else read with three calls (open, one read, close)."""
        if not (self._plain(info) and info.st_size == len(data)):
            return False
        if self.known is not None:
            place = _place(name, building)
            known = self.known.get(place) if place is not None else None
            if known is not None and _as_recorded(info, known):
                return bool(known[3] == digest)
        fd = os.open(old, os.O_RDONLY | _CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
        try:
            return os.read(fd, len(data) + 1) == data
        finally:
            os.close(fd)

    def _plain(self, info: os.stat_result) -> bool:
        """A plain file of ours with the mode a new file gets."""
        return (
            stat.S_ISREG(info.st_mode)
            and stat.S_IMODE(info.st_mode) == self.mode
            and (self.uid is None or info.st_uid == self.uid)
        )

    def _link(
        self, dest: Path, data: bytes, digest: str, inputs: str, building: Path, live: Path
    ) -> bool:
        """Link ``dest`` to the live site's same file if it holds ``data``; else False."""
        found = self._live_with(dest, data, digest, building, live)
        if found is None:
            return False
        try:
            os.link(found[0], dest)
        except OSError:  # another device, a file system without links: write them all
            self.reuse = None
            return False
        self._record(str(dest), found[1], digest, inputs, (building, live))  # keeps the date
        return True


def _as_recorded(info: os.stat_result, known: list[Any]) -> bool:
    """Whether a file (``info``: its lstat) is the one a record describes: the same
    inode, date and size (:attr:`PageWriter.records`)."""
    return bool(known[:3] == [info.st_ino, info.st_mtime_ns, info.st_size])


class FolderMaker:
    """Makes the folders a build's many pages go in (one per claim page) on a thread
    while the build renders its pages: each new folder is a wait on the disk (0.04-0.8
    ms on this project's benchmark machine), and the page loop leaves the disk idle.
    ``files`` are paths relative to ``root``; every folder above one is made, parents
    first. Whatever is not made by :meth:`close` the writer makes.

    With a ``skeleton`` (:class:`Skeleton`), the thread first prepares it and makes
    the folders under its place in it, only those it lacks."""

    def __init__(self, root: Path, files: Iterable[str], skeleton: Skeleton | None = None) -> None:
        files = list(files)
        folders: set[str] = set()
        for file in files:  # string steps: ten thousand paths' parents as path objects cost more
            folder = posixpath.dirname(file)
            while folder and folder not in folders:  # a folder's parents are in already
                folders.add(folder)
                folder = posixpath.dirname(folder)
        inside: tuple[set[str], set[str]] = (set(), set())
        if skeleton is not None:
            under = skeleton.place + "/"
            inside = (
                {f[len(under) :] for f in files if f.startswith(under)},
                {f[len(under) :] for f in folders if f.startswith(under)},
            )
            folders = {f for f in folders if f != skeleton.place and not f.startswith(under)}
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._make,
            args=(root, sorted(folders), skeleton, *inside),  # parents sort first
            name="explainers-folders",
            daemon=True,
        )
        self._thread.start()

    def _make(
        self,
        root: Path,
        folders: list[str],
        skeleton: Skeleton | None,
        inside_files: set[str],
        inside_folders: set[str],
    ) -> None:
        if skeleton is not None and skeleton.prepare(inside_files, inside_folders):
            self._make_in(skeleton.holding, sorted(inside_folders - skeleton.folders))
        self._make_in(root, folders)

    def _make_in(self, root: Path, folders: list[str]) -> None:
        for folder in folders:
            if self._stop.is_set():
                return
            try:
                os.mkdir(root / folder)
            except FileExistsError:
                continue
            except OSError:  # the staging folder is gone or unwritable: the writer says why
                return

    def close(self) -> None:
        """Stop and wait: nothing is made in the staging folder after this returns."""
        self._stop.set()
        self._thread.join()

    def done(self) -> bool:
        """Whether the thread has finished (its skeleton prepared, its folders made)."""
        return not self._thread.is_alive()


class Skeleton:
    """A folder of the previous build's old site (``claims``: a folder per claim page)
    taken out of it, before it is removed, to be this build's same folder: making ten
    thousand folders and removing ten thousand others cost more than the pages in them.

    Its files are hard links to the live site's (see :class:`PageWriter`): nothing is
    ever written into one. :meth:`prepare` removes every entry this build does not
    write (a removed claim's folder, a folder or file of another mode or owner, anything
    but plain folders and files) and notes the files left; :meth:`put_in` moves it into
    the staging folder; there the :class:`PageWriter` keeps each file that is the live
    site's with the page's bytes, replaces the others and removes those it did not write.
    """

    def __init__(self, holding: Path, place: str, mode: int, ident: str = "") -> None:
        self.holding = holding  # beside the site folder, while the build renders
        self.place = place  # where it goes in the site (``claims``)
        self.mode = mode  # a new folder's: a folder of another is not reused
        self.uid = os.geteuid() if hasattr(os, "geteuid") else None
        self.files: set[str] = set()  # files in it after :meth:`prepare`, relative to it
        self.folders: set[str] = set()  # its folders after :meth:`prepare`, the same
        self.prepared = False
        #: this tree's device and inode: the folders of a site folder's builds alternate
        #: between two trees (each build reuses the tree of two builds back), and what
        #: :meth:`prepare` found in one is kept for that tree (see :attr:`seen`)
        self.ident = ident
        #: what the build that last prepared this tree found in each of its folders
        #: (:attr:`listed` then), by place: a folder with the recorded inode and change
        #: time holds what was recorded (any entry made, removed or renamed in a folder
        #: changes its change time), so it is not listed again
        self.seen: dict[str, list[Any]] = {}
        #: what :meth:`prepare` found in each folder it left unchanged, by place:
        #: ``[inode, ctime_ns, [[name, kind], ...]]`` (kind: "d" a folder, "f" a plain
        #: file, "o" anything else); only folders last changed :data:`SETTLED` seconds
        #: before it began (a change within the same tick of the clock could keep the time)
        self.listed: dict[str, list[Any]] = {}

    @classmethod
    def take(cls, target: Path, stale: list[Path], place: str) -> Skeleton | None:
        """``place`` moved out of an old site among ``stale`` (:func:`stale_entries`),
        if one has it as a folder of ours; None otherwise."""
        pattern = stale_pattern(target.name)
        mode = 0o777 & ~_umask()
        for entry in stale:
            found = pattern.fullmatch(entry.name)
            if not found or found.group(1) != "old" or _hidden(entry):
                continue  # an old site kept for its dot entries is left as it is
            folder = entry / place
            try:
                info = os.lstat(folder)
                if not _ours(info, mode):
                    continue
                holding = _fresh(target.parent, f".{target.name}.reuse-", make=False)
                os.rename(folder, holding)
            except OSError:
                continue
            return cls(holding, place, mode, f"{info.st_dev}-{info.st_ino}")
        return None

    def prepare(self, files: set[str], folders: set[str]) -> bool:
        """Keep only the ``folders`` and ``files`` (relative to it) the build writes;
        False (and not to be used) if that failed part-way. A folder :attr:`seen` as it
        is now is not listed again: its own ``lstat`` (asked of every reused folder for
        its mode and owner anyway) is then its only system call, against six (each a
        hand-over of the interpreter's lock the page loop pays for)."""
        kept_files: set[str] = set()
        kept_folders: set[str] = set()
        listed: dict[str, list[Any]] = {}
        settled = time.time_ns() - int(SETTLED * 1e9)
        todo: list[tuple[str, os.stat_result | None]] = [("", None)]
        try:
            while todo:
                here, info = todo.pop()
                folder = os.path.join(self.holding, here)
                entries = self._entries(here, folder, info)
                changed = False
                for name, kind, entry in entries:
                    rel = f"{here}/{name}" if here else name
                    path = os.path.join(folder, name)
                    # the listing's own file type: no system call (where the file system
                    # gives none, DirEntry asks for it); a folder the build writes is
                    # asked for its mode and owner, nothing else is
                    if kind == "d":
                        sub = None
                        if rel in folders:
                            sub = entry.stat(follow_symlinks=False) if entry else os.lstat(path)
                        if sub is not None and _ours(sub, self.mode):
                            kept_folders.add(rel)
                            todo.append((rel, sub))
                        else:
                            shutil.rmtree(path)
                            changed = True
                    elif kind == "f" and rel in files:
                        kept_files.add(rel)  # the writer checks it is the live file
                    else:
                        os.unlink(path)
                        changed = True
                if info is not None and not changed and info.st_ctime_ns < settled:
                    found = [[name, kind] for name, kind, _ in entries]
                    listed[here] = [info.st_ino, info.st_ctime_ns, found]
        except OSError as exc:
            log.info(f"explainers: not reusing the old site's folders ({exc})")
            return False
        self.files, self.folders, self.prepared = kept_files, kept_folders, True
        self.listed, self.seen = listed, {}
        return True

    def _entries(
        self, here: str, folder: str, info: os.stat_result | None
    ) -> list[tuple[str, str, os.DirEntry[str] | None]]:
        """The names in ``folder``, their kinds and, when listed, their entries: as
        :attr:`seen` if the folder is the one recorded, unchanged since (``info``: its
        ``lstat``), else listed."""
        seen = self.seen.get(here) if info is not None else None
        if info is not None and seen is not None and seen[:2] == [info.st_ino, info.st_ctime_ns]:
            return [(str(name), str(kind), None) for name, kind in seen[2]]
        with os.scandir(folder) as listing:
            return [(entry.name, _kind(entry), entry) for entry in listing]

    def put_in(self, building: Path) -> set[str]:
        """Moved to its place in ``building``, with what the build wrote there taken in
        (that wins over a folder or file of the same name); the files in it to keep or
        replace, as full paths. Raises OSError."""
        dest = building / self.place
        if os.path.lexists(dest):
            with os.scandir(dest) as listing:
                entries = sorted(entry.name for entry in listing)
            for name in entries:
                there = self.holding / name
                if os.path.lexists(there):
                    _remove_entry(there)
                    self.files = {
                        f for f in self.files if f != name and not f.startswith(name + "/")
                    }
                os.rename(dest / name, there)
            os.rmdir(dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.holding, dest)
        return {str(dest / name) for name in self.files}

    def drop(self) -> None:
        """Not used: removed (an unprepared or unplaced skeleton)."""
        if os.path.lexists(self.holding):
            try:
                remove_tree(self.holding)
            except OSError as exc:  # the next build removes it
                log.info(f"explainers: could not remove {self.holding} ({exc})")


#: seconds a folder must be unchanged before :meth:`Skeleton.prepare` records it
SETTLED = 2.0


def _kind(entry: os.DirEntry[str]) -> str:
    """A listed entry's kind, by the listing's own file type: "d" a folder, "f" a plain
    file, "o" anything else (a link, a socket...)."""
    if entry.is_dir(follow_symlinks=False):
        return "d"
    return "f" if entry.is_file(follow_symlinks=False) else "o"


def seen_folders(value: Any) -> dict[str, list[Any]]:
    """A stored :attr:`Skeleton.listed`, checked: ValueError when damaged."""
    if not isinstance(value, dict):
        raise _NotListed("not a record of folders")
    for entry in value.values():
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and all(isinstance(n, int) for n in entry[:2])
            and isinstance(entry[2], list)
            and all(
                isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e)
                for e in entry[2]
            )
        ):
            raise _NotListed("not a record of folders")
    return value


class _NotListed(ValueError):
    """A stored record of folders that is damaged (an internal signal, not a message)."""


def _ours(info: os.stat_result, mode: int) -> bool:
    """A plain folder this user owns with the mode a new folder gets."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    return (
        stat.S_ISDIR(info.st_mode)
        and stat.S_IMODE(info.st_mode) == mode
        and (uid is None or info.st_uid == uid)
    )


def _umask() -> int:
    """The process's umask. Only a build reuses files, and only before its writer threads
    start: no other thread makes files while it is briefly 0."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _FolderLock:
    """An exclusive lock on the folder the swap happens in, held until released.

    ``flock`` on the folder itself needs no lock file (so it works in a read-only
    folder and leaves nothing behind) and the system drops it when a build dies.
    """

    def __init__(self, folder: Path, site: Path) -> None:
        self.fd: int | None = None
        if fcntl is None:
            return
        try:
            self.fd = os.open(folder, os.O_RDONLY)
        except OSError as exc:
            log.info(f"explainers: cannot lock {folder} ({exc}); builds at once are not kept apart")
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info(f"explainers: another build is writing {site}; waiting for it to finish")
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError as exc:  # e.g. a network file system without locks
            log.info(f"explainers: cannot lock {folder} ({exc}); builds at once are not kept apart")
            self.release()

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the lock
            self.fd = None


def stale_pattern(name: str) -> re.Pattern[str]:
    """Names of staging and old folders of the site folder ``name`` (old fixed names too)."""
    return re.compile(rf"\.{re.escape(name)}\.(building|old|reuse)(?:-[0-9]+-[0-9a-f]+)?")


def stale_entries(target: Path) -> list[Path]:
    """The staging folders killed builds left and the old sites earlier builds left beside
    ``target``, in name order (the same notes in the same order)."""
    pattern = stale_pattern(target.name)
    try:
        entries = sorted(target.parent.iterdir())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if pattern.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink()
    ]


def remove_stale(target: Path) -> None:
    """Remove what earlier builds left beside ``target`` (:func:`stale_entries`) and say
    so; call only while holding the lock."""
    for note in _remove_stale(target, stale_entries(target)):
        log.info(note)


def _remove_stale(target: Path, entries: list[Path]) -> list[str]:
    """Remove ``entries``; the notes to say. An old site goes quietly: every build leaves
    one (see the top); a staging folder is said (a build was killed), and so is an old
    site kept for the dot entries in it."""
    notes: list[str] = []
    pattern = stale_pattern(target.name)
    for entry in entries:
        old = pattern.fullmatch(entry.name)
        if old and old.group(1) == "old" and _hidden(entry):
            notes.append(f"explainers: kept {entry}: it holds files whose names start with a dot")
            continue
        try:
            remove_tree(entry)
            if not (old and old.group(1) == "old"):
                notes.append(f"explainers: removed {entry.name}, left by an earlier build")
        except OSError as exc:
            if os.path.lexists(entry):  # gone meanwhile: another build without the lock
                notes.append(f"explainers: could not remove {entry} ({exc})")
    return notes


class _Sweeper:
    """:func:`remove_stale` of the ``entries`` a build listed beside ``target``, on a
    thread while the build runs: :meth:`join` waits for it and says its notes."""

    def __init__(self, target: Path, entries: list[Path]) -> None:
        self.notes: list[str] = []
        self._thread: threading.Thread | None = None
        if entries:
            self._thread = threading.Thread(
                target=self._sweep, args=(target, entries), name="explainers-sweeper", daemon=True
            )
            self._thread.start()

    def _sweep(self, target: Path, entries: list[Path]) -> None:
        self.notes = _remove_stale(target, entries)

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            for note in self.notes:
                log.info(note)


#: threads that remove an old site's files at once
REMOVERS = 16
#: a folder with more subfolders than this has them moved into :data:`REMOVERS` folders
#: of its own before they are removed (see :func:`_remove_at_once`)
SPREAD_OVER = 2 * REMOVERS


def remove_tree(path: Path) -> None:
    """``rmtree`` that also removes a tree whose folders were made read-only (by its owner)."""
    try:
        _remove_at_once(path)
    except OSError:
        for folder, _dirs, _files in os.walk(path):
            with contextlib.suppress(OSError):
                mode = os.lstat(folder).st_mode
                os.chmod(folder, stat.S_IMODE(mode) | stat.S_IRWXU)
        shutil.rmtree(path)


def _remove_at_once(path: Path) -> None:
    """Remove a tree with many removals in flight at once: on a disk that discards freed
    blocks (ext4 mounted with ``discard``, many cloud volumes) each removal waits for
    the device, one after another; an old site of thousands of pages then takes
    seconds to delete, which overlapping waits cut twentyfold. Links are removed,
    never followed; folders go deepest first, once their contents are gone.

    Removals in one folder wait for each other (the system locks the folder they leave):
    the ten thousand claim pages' folders in ``claims/`` went one at a time, 0.35 ms
    each on this project's benchmark disk. So a folder with more than
    :data:`SPREAD_OVER` subfolders first has them moved (a rename: 0.02 ms) into
    :data:`REMOVERS` new folders inside it, whose contents then go at once."""
    if path.is_symlink():
        raise OSError(f"{path} is a symbolic link, not a folder to remove")
    files: list[str] = []
    levels: list[list[str]] = []
    # a folder os.walk cannot list is skipped, and then cannot be removed: an OSError
    for folder, subdirs, names in os.walk(path):
        depth = folder.count(os.sep)
        while len(levels) <= depth:
            levels.append([])
        levels[depth].append(folder)
        files.extend(os.path.join(folder, name) for name in names)
        files.extend(  # a link to a folder is listed as a folder, but is removed as a file
            os.path.join(folder, name)
            for name in subdirs
            if os.path.islink(os.path.join(folder, name))
        )
    with ThreadPoolExecutor(REMOVERS) as pool:
        # a share of the files per task: ten thousand tasks cost the thread handing
        # them out more than the removals they wait for
        shares = [files[i :: REMOVERS * 4] for i in range(min(len(files), REMOVERS * 4))]
        list(pool.map(_unlink_all, shares))
        for level in reversed(levels):
            list(pool.map(_rmdir_all, _spread(level)))


def _unlink_all(paths: list[str]) -> None:
    for path in paths:
        os.unlink(path)


def _rmdir_all(paths: list[str]) -> None:
    for path in paths:
        os.rmdir(path)


def _spread(folders: list[str]) -> list[list[str]]:
    """Empty folders to remove, as lists each removed in turn by one thread: those of one
    parent together (they would wait for each other anyway), except where a parent has
    more than :data:`SPREAD_OVER`: those are moved into new folders of their own, one
    list each (ending with that folder)."""
    by_parent: dict[str, list[str]] = {}
    for folder in folders:
        by_parent.setdefault(os.path.dirname(folder), []).append(folder)
    lists: list[list[str]] = []
    for parent, group in by_parent.items():
        if len(group) <= SPREAD_OVER:
            lists.append(group)
            continue
        buckets = [
            str(_fresh(Path(parent), ".explainers-removing-", make=True)) for _ in range(REMOVERS)
        ]
        moved: list[list[str]] = [[] for _ in buckets]
        for n, folder in enumerate(group):
            bucket = n % REMOVERS
            dest = os.path.join(buckets[bucket], str(n))
            os.rename(folder, dest)
            moved[bucket].append(dest)
        lists += [[*names, bucket] for names, bucket in zip(moved, buckets, strict=True)]
    return lists


def _remove_entry(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        remove_tree(path)
    else:
        path.unlink()


def _fresh(parent: Path, prefix: str, *, make: bool) -> Path:
    """A name nobody uses: prefix, process id, random part; created as a folder if ``make``."""
    while True:
        path = parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
        if not make:
            if not os.path.lexists(path):
                return path
            continue
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path


def _copy_folder_mode(info: os.stat_result, dest: Path) -> None:
    """The new site folder keeps the old one's permissions (and owner, where allowed):
    a web server must read it as before."""
    try:
        mine = dest.stat()
        os.chmod(dest, stat.S_IMODE(info.st_mode))
        if (info.st_uid, info.st_gid) != (mine.st_uid, mine.st_gid):
            with contextlib.suppress(OSError):  # only root may give a folder away
                os.chown(dest, info.st_uid, info.st_gid)
    except OSError as exc:
        log.info(f"explainers: could not copy the permissions to {dest} ({exc})")


def _hidden(folder: Path) -> list[Path]:
    try:
        return sorted(e for e in folder.iterdir() if e.name.startswith("."))
    except OSError:
        return []


def _carry_hidden(old: Path, new: Path) -> bool:
    """Move ``.git``, ``.well-known`` and the like from the old site into the new one;
    False (and the old site kept) if one could not be moved."""
    kept = True
    entries = _hidden(old)
    if entries:  # a read-only old site of ours gives its entries up all the same
        with contextlib.suppress(OSError):
            os.chmod(old, stat.S_IMODE(old.stat().st_mode) | stat.S_IRWXU)
    for entry in entries:
        dest = new / entry.name
        if os.path.lexists(dest):  # the new build made its own: the old one is superseded,
            with contextlib.suppress(OSError):  # and must not keep an old site that
                _remove_entry(entry)  # could not be removed from going with the next build
            continue
        try:
            os.rename(entry, dest)
        except OSError as exc:
            log.warning(
                f"explainers: could not keep {entry.name} of the old site ({exc}); it is in {old}"
            )
            kept = False
    return kept


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _digest(data: bytes) -> str:
    """What a page's bytes are recorded as (:attr:`PageWriter.records`)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _tail(name: str, root: Path) -> str | None:
    """``name`` past ``root``, from its separator on (``/claims/c1/index.html`` in the
    system's separators), or None when ``name`` is not inside ``root``."""
    inside = str(root) + os.sep
    return name[len(inside) - 1 :] if name.startswith(inside) else None


def _place(name: str, root: Path) -> str | None:
    """``name``'s place in the site at ``root`` (``/claims/c1/index.html``), or None."""
    tail = _tail(name, root)
    return None if tail is None else tail.replace(os.sep, "/")
