"""A lock beside a plan file, held while one okrdesk process has it open for writing."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from pathlib import Path
from typing import IO


class PlanLock:
    """An OS-level lock on ``<plan>.lock``; the OS releases it if the process dies."""

    def __init__(self, plan_path: Path) -> None:
        # Resolve links so two names for one plan share one lock.
        real = plan_path.resolve()
        self.path = real.with_name(real.name + ".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False if another process holds it."""
        for _attempt in range(3):
            handle = self.path.open("a+", encoding="utf-8")
            try:
                _lock(handle)
            except OSError:
                handle.close()
                return False
            if _same_file(handle, self.path):
                break
            # The holder removed the lock file while we waited: lock the new one instead.
            _unlock(handle)
            handle.close()
        else:
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {socket.gethostname()}\n")
        handle.flush()
        self._handle = handle
        return True

    def holder(self) -> str:
        """Who holds the lock, as written in the lock file (pid and host)."""
        try:
            return self.path.read_text(encoding="utf-8").strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        """Give the lock up and remove the lock file."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        _unlock(self._handle)
        self._handle.close()
        self._handle = None


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

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
