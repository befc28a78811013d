"""What a failed read or write of a plan means: a full disk, the file system, or real damage."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from okrdesk.errors import PlanFileError, StorageError

# SQLite's primary result codes (the low byte of the extended code Python reports).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_AUTH = 23
SQLITE_NOTADB = 26

_BY_CODE = {
    SQLITE_FULL: "file.disk_full",
    SQLITE_IOERR: "file.io_error",
    SQLITE_BUSY: "file.locked",
    SQLITE_LOCKED: "file.locked",
    SQLITE_READONLY: "file.now_read_only",
    SQLITE_PERM: "file.permission_denied",
    SQLITE_AUTH: "file.permission_denied",
    SQLITE_CANTOPEN: "file.cannot_open",
}
# No room, or no quota left (not every platform's errno has EDQUOT).
_DISK_FULL_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code is not None
)
_BY_ERRNO = {
    **dict.fromkeys(_DISK_FULL_ERRNOS, "file.disk_full"),
    errno.EIO: "file.io_error",
    errno.EROFS: "file.now_read_only",
    errno.EACCES: "file.permission_denied",
    errno.EPERM: "file.permission_denied",
}
# An I/O error (or a file SQLite cannot create) with less room than this left on the disk
# is the disk running out: SQLite reports a -shm it cannot grow as an I/O error, not as full.
NEARLY_FULL = 1 << 20


def storage_error(error: BaseException, path: Path) -> PlanFileError | None:
    """The refusal that names why a database or file operation on the plan at path failed.

    Real damage (SQLite's CORRUPT and NOTADB) is ``file.damaged``; a full disk, an I/O error,
    a file that became read-only, no permission or a lock held elsewhere is a StorageError
    with its own message. None if the error is neither (a bug, or content okrdesk did not
    write): the caller decides what that means.
    """
    if isinstance(error, DBAPIError) and isinstance(error.orig, BaseException):
        error = error.orig
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is None:
            return None  # raised by Python's driver itself (e.g. text that is not UTF-8)
        primary = code & 0xFF
        if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return PlanFileError("file.damaged", path=str(path))
        message_id = _BY_CODE.get(primary)
        if message_id in ("file.io_error", "file.cannot_open") and disk_is_full(path):
            message_id = "file.disk_full"
        return None if message_id is None else StorageError(message_id, path=str(path))
    if isinstance(error, OSError) and error.errno in _BY_ERRNO:
        named = error.filename if isinstance(error.filename, str | os.PathLike) else path
        return StorageError(_BY_ERRNO[error.errno], path=str(named))
    return None


def disk_is_full(path: Path) -> bool:
    """Whether the disk holding path has (almost) no room, or no file entries, left."""
    folder = Path(os.path.realpath(path)).parent
    try:
        if shutil.disk_usage(folder).free < NEARLY_FULL:
            return True
        if hasattr(os, "statvfs"):
            usage = os.statvfs(folder)
            return usage.f_files > 0 and usage.f_favail == 0
    except OSError:
        return False
    return False


def is_disk_full(error: BaseException) -> bool:
    """Whether an operation failed for lack of space or of quota, by the error alone."""
    if isinstance(error, DBAPIError) and isinstance(error.orig, BaseException):
        error = error.orig
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return code is not None and (code & 0xFF) == SQLITE_FULL
    return isinstance(error, OSError) and error.errno in _DISK_FULL_ERRNOS


def reason(error: BaseException) -> str:
    """The cause of a failed write in a few words (the system's own, without the file name)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def write_refusal(error: BaseException, path: Path, *, full: str, failed: str) -> PlanFileError:
    """The refusal of a write to path (a backup, an export, a copy): message `full` when the
    disk is full, else message `failed` with the cause (its `reason`)."""
    if is_disk_full(error):
        return PlanFileError(full, path=str(path))
    return PlanFileError(failed, path=str(path), reason=reason(error))
