"""The locks that give a plan file one writer, whatever name, link or mount reaches it."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from pathlib import Path
from typing import IO


class PlanLock:
    """Two OS-level locks, both released by the OS if the process dies.

    The *identity* lock is taken on the plan file itself, so every name for it — a hard
    link, a symbolic link, a bind mount — meets the same lock. It is a BSD ``flock``, which
    SQLite's own POSIX record locks never see, and its descriptor stays open until the
    plan is closed (closing a descriptor of the plan would drop SQLite's record locks).
    The *name* lock on ``<plan>.lock`` records who holds the plan (pid and host) and is all
    there is on Windows.
    """

    def __init__(self, plan_path: Path) -> None:
        real = plan_path.resolve()
        self.plan_path = real
        self.path = real.with_name(real.name + ".lock")
        self._handle: IO[str] | None = None
        self._identity: int | None = None
        # Set when acquiring failed because a writer holds the plan under another name.
        self.held_elsewhere = False

    def acquire(self) -> bool:
        """Take both locks; False if another process holds either.

        Raises OSError when no lock file can be made (a read-only folder).
        """
        self.held_elsewhere = False
        identity = _lock_identity(self.plan_path)
        if identity is None:
            self.held_elsewhere = not self._name_lock_held_elsewhere()
            return False
        try:
            handle = self._take_name_lock()
        except BaseException:
            _release_identity(identity)
            raise
        if handle is None:
            _release_identity(identity)
            return False
        self._handle, self._identity = handle, identity
        return True

    def writer_elsewhere(self) -> bool | None:
        """Whether another process writes this plan: False, True (same name), or None
        when it writes it under another name (whose write-ahead log this name cannot see).

        Only looks: takes no lock for longer than the look.
        """
        if self._name_lock_held_elsewhere():
            return True
        identity = _lock_identity(self.plan_path)
        if identity is None:
            return None
        _release_identity(identity)
        return False

    def holder(self) -> str:
        """Who holds the lock, as written in the lock file (pid and host)."""
        try:
            return self.path.read_text(encoding="utf-8").strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        """Give both locks up and remove the lock file (call after SQLite let go)."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            _unlock(self._handle)
            self._handle.close()
            self._handle = None
        if self._identity is not None:
            _release_identity(self._identity)
            self._identity = None

    def _take_name_lock(self) -> IO[str] | None:
        for _attempt in range(3):
            handle = self.path.open("a+", encoding="utf-8")
            try:
                _lock(handle)
            except OSError:
                handle.close()
                return None
            if _same_file(handle, self.path):
                break
            # The holder removed the lock file while we waited: lock the new one instead.
            _unlock(handle)
            handle.close()
        else:
            return None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()} {socket.gethostname()}\n")
            handle.flush()
        except OSError:
            # A full disk: no lock file is left behind to say a writer is here.
            with contextlib.suppress(OSError):
                self.path.unlink()
            _unlock(handle)
            handle.close()
            raise
        return handle

    def _name_lock_held_elsewhere(self) -> bool:
        try:
            handle = self.path.open("r", encoding="utf-8")
        except OSError:
            return False
        try:
            _lock(handle)
        except OSError:
            return True
        finally:
            handle.close()  # closing also releases the look's lock
        return False


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

    def _lock_identity(_plan: Path) -> int | None:
        # Windows locks are mandatory byte-range locks that would block SQLite's reads;
        # the name lock alone guards the plan there.
        return -1

    def _release_identity(_descriptor: int) -> None:
        return None

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_identity(plan: Path) -> int | None:
        """An exclusive flock on the plan file itself; None if another process has one."""
        descriptor = os.open(plan, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            return None
        return descriptor

    def _release_identity(descriptor: int) -> None:
        os.close(descriptor)
