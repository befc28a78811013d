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

    def acquire(self) -> bool:
        """Take both locks; False if another process holds either.

        Raises OSError when no lock file can be made beside the plan (a read-only folder).
        """
        self.held_elsewhere = False
        holder = f"{os.getpid()} {socket.gethostname()}"
        identity = self.identity_lock
        if identity is not None:
            try:
                if not identity.acquire(f"{holder} {self.plan_path}"):
                    self.held_elsewhere = not self.name_lock.held_elsewhere()
                    return False
            except OSError:
                identity = None  # the temporary folder is not ours to use: the name lock only
        try:
            taken = self.name_lock.acquire(holder)
        except BaseException:
            if identity is not None:
                identity.release()
            raise
        if not taken:
            if identity is not None:
                identity.release()
            return False
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

    def other_name(self) -> str:
        """The name the plan's writer opened it by, as its identity lock says ("?" if unsaid)."""
        if self.identity_lock is None:
            return "?"
        parts = self.identity_lock.holder().split(" ", 2)  # pid, host, name
        return parts[2] if len(parts) == 3 else "?"

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
