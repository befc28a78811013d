"""The locks that give a plan file one writer, whatever name, link or mount reaches it."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
import tempfile
from pathlib import Path
from typing import IO

# Where the identity locks live: one per plan file, named by its device and inode.
IDENTITY_FOLDER = "okrdesk-locks"
# What a lock that another process holds looks like (flock: EWOULDBLOCK; msvcrt: EACCES).
_BUSY = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES})


class LockFile:
    """An OS-level lock on one small file; the OS releases it if the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self, holder: str) -> bool:
        """Take the lock and write who holds it; False if another process holds it.

        Raises OSError when the file cannot be made or written (a read-only folder, a full
        disk); nothing is left behind then.
        """
        for _attempt in range(3):
            handle = self.path.open("a+", encoding="utf-8")
            try:
                if not _lock(handle):
                    handle.close()
                    return False
            except OSError:
                handle.close()
                raise
            if _same_file(handle, self.path):
                break
            # The holder removed the lock file while we waited: lock the new one instead.
            _unlock(handle)
            handle.close()
        else:
            return False
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(holder + "\n")
            handle.flush()
        except OSError:
            # A full disk: no lock file is left behind to say a writer is here.
            with contextlib.suppress(OSError):
                self.path.unlink()
            _unlock(handle)
            handle.close()
            raise
        self._handle = handle
        return True

    def held_elsewhere(self) -> bool:
        """Whether another process holds the lock (only looks: holds nothing after)."""
        try:
            handle = self.path.open("r", encoding="utf-8")
        except OSError:
            return False
        try:
            return not _lock(handle)
        except OSError:
            return False
        finally:
            handle.close()  # closing also releases the look's lock

    def holder(self) -> str:
        """Who holds the lock, as written in the lock file."""
        try:
            return self.path.read_text(encoding="utf-8").strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        """Give the lock up and remove its file."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        _unlock(self._handle)
        self._handle.close()
        self._handle = None


class PlanLock:
    """The two locks a writer holds on a plan.

    The *identity* lock is keyed by the plan file's device and inode, in a folder of the
    system's temporary folder, so every name for the file — a hard link, a symbolic link,
    a bind mount — meets the same lock; no descriptor of the plan itself is ever opened
    for it (closing one would drop SQLite's own locks on the plan). The *name* lock,
    ``<plan>.lock`` beside the plan, says who holds it and guards a plan on a share that
    several computers reach. Without a usable temporary folder only the name lock is kept.
    """

    def __init__(self, plan_path: Path) -> None:
        real = plan_path.resolve()
        self.plan_path = real
        self.name_lock = LockFile(real.with_name(real.name + ".lock"))
        self.identity_lock = _identity_lock(real)
        self._held: list[LockFile] = []
        # Set when acquiring failed because a writer holds the plan under another name.
        self.held_elsewhere = False
        # The name the last writer used, as its identity lock said before we took it.
        self.previous_name: str | None = None

    def acquire(self) -> bool:
        """Take both locks; False if another process holds either.

        The name lock comes first, so a look at the plan while this writer is between its
        two locks sees a writer by this name, never one by another name. Raises OSError
        when no lock file can be made beside the plan (a read-only folder).
        """
        self.held_elsewhere = False
        holder = f"{os.getpid()} {socket.gethostname()}"
        if not self.name_lock.acquire(holder):
            return False
        identity = self.identity_lock
        if identity is not None:
            # Who wrote the plan last, by which name: a writer that died leaves its word.
            self.previous_name = self.writers_name()
            try:
                if not identity.acquire(f"{holder} {self.plan_path}"):
                    self.name_lock.release()
                    self.held_elsewhere = True
                    return False
            except OSError:
                identity = None  # the temporary folder is not ours to use: the name lock only
        self._held = [lock for lock in (identity, self.name_lock) if lock is not None]
        return True

    def writer_elsewhere(self) -> bool | None:
        """Whether another process writes this plan: False, True (by this name), or None
        when it writes it under another name (whose write-ahead log this name cannot see)."""
        if self.name_lock.held_elsewhere():
            return True
        if self.identity_lock is not None and self.identity_lock.held_elsewhere():
            return None
        return False

    def holder(self) -> str:
        """Who holds the plan, as written in its lock file (pid and host)."""
        return self.name_lock.holder()

    def writers_name(self) -> str | None:
        """The name the plan's writer (or last writer, if it died) opened it by, as its
        identity lock says; None if it says nothing."""
        if self.identity_lock is None:
            return None
        return _name_in(self.identity_lock.holder())

    def release(self) -> None:
        """Give both locks up (call after SQLite let go of the plan).

        The identity lock goes first: an opener racing this close then finds the name
        lock still held and waits as for any writer, rather than suspecting another name.
        """
        for lock in self._held:
            lock.release()
        self._held = []


def _identity_lock(plan: Path) -> LockFile | None:
    """The lock file for this plan file's identity, or None if it cannot be placed."""
    try:
        status = plan.stat()
        folder = Path(tempfile.gettempdir()) / IDENTITY_FOLDER
        if not folder.is_dir():
            folder.mkdir(exist_ok=True)
            # Every user's okrdesk meets in it; the sticky bit keeps their files their own.
            with contextlib.suppress(OSError):
                folder.chmod(0o1777)
    except OSError:
        return None
    return LockFile(folder / f"{status.st_dev}-{status.st_ino}.lock")


def _name_in(holder: str) -> str | None:
    """The plan's name in an identity lock's "pid host name" line, if it has one."""
    parts = holder.split(" ", 2)
    return parts[2] if len(parts) == 3 else None


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def _is_busy(error: OSError) -> bool:
    return error.errno in _BUSY


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if _is_busy(error):
                return False
            raise
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> bool:
        """Lock without waiting: True if locked, False if another process holds it."""
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if _is_busy(error):
                return False
            raise
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
