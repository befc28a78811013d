"""Writing files so that a crash or power cut leaves the old file or the new, never half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path
from typing import BinaryIO

from okrdesk.models.fileformat import read_only_uri

# A temporary is hidden (a leading dot); one a killed writer left behind is removed by a
# later write to the same folder once stale: older than a few minutes and not locked.
TEMPORARY_PREFIX = ".okrdesk-"
TEMPORARY_SUFFIX = ".partial"
# What tempfile.mkstemp makes of the prefix and suffix above, and nothing else.
_TEMPORARY_NAME = re.compile(r"\.okrdesk-[a-z0-9_]{8}\.partial")
# A temporary younger than this may belong to a writer that has not locked it yet.
STALE_AFTER_SECONDS = 10 * 60
# Beside a SQLite database: its journals and shared memory, and okrdesk's lock file.
_COMPANIONS = ("-wal", "-shm", "-journal", ".lock")

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be removed there, which is lock enough
    fcntl = None  # type: ignore[assignment]  # a module or None: callers check


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so a rename or a new file in it survives a power cut.

    POSIX only: Windows has no way to open a folder for this (NTFS orders it itself).
    """
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    except OSError as error:
        # Some file systems (and some network shares) cannot flush a folder at all.
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(descriptor)


def sync_file(descriptor: int) -> None:
    """Flush an open file's content to the disk itself.

    On macOS fsync stops at the drive's cache; F_FULLFSYNC goes through it (as SQLite's
    fullfsync does for the plan's own commits).
    """
    full_sync = getattr(fcntl, "F_FULLFSYNC", None) if fcntl is not None else None
    if full_sync is not None:
        with contextlib.suppress(OSError):  # not every file system offers it
            fcntl.fcntl(descriptor, full_sync)
            return
    os.fsync(descriptor)


def _open_stream(descriptor: int) -> BinaryIO:
    """The stream a temporary file is written through (tests replace it with a full disk)."""
    return os.fdopen(descriptor, "wb")


def _new_file_mode() -> int:
    """The permissions of a new file under the current umask (mkstemp's are 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _lock(descriptor: int) -> None:
    """Mark a temporary as in use for as long as this process holds it open."""
    if fcntl is not None:
        with contextlib.suppress(OSError):  # no locks on this file system: age alone decides
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def write_atomically(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write target whole or not at all: the old file or the new one, even after a power cut.

    The content goes to a hidden temporary beside target, is flushed to disk, renamed onto
    target, and then the folder is flushed. On any failure before the rename the temporary
    is removed and target is left as it was; the OSError (or the writer's own exception)
    is raised. (Should flushing the folder fail after the rename, the new file is already
    in place; the error is still raised, since its name may not survive a power cut.)
    Stale temporaries of earlier, killed writes to the folder are removed first. Through a
    symbolic link, the file it leads to is written (the temporary goes beside that file).
    """
    target = real_target(target)  # a symbolic link stays one; the file it leads to is written
    folder = target.parent
    remove_stale_temporaries(folder)
    descriptor, name = tempfile.mkstemp(
        prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=folder
    )
    temporary = Path(name)
    try:
        _lock(descriptor)
        with _open_stream(descriptor) as stream:
            write(stream)
            stream.flush()
            os.chmod(temporary, _new_file_mode())
            sync_file(stream.fileno())
        # Just written, so far from stale: no cleaner takes it before the rename.
        os.replace(temporary, target)
        sync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def real_target(target: Path) -> Path:
    """The path a write to target lands on: symbolic links (target's own and its folders')
    followed to where they lead, so replacing it updates the linked file, not the link."""
    return Path(os.path.realpath(target))


def is_special(target: Path) -> bool:
    """Whether target (followed through links) exists and is neither a regular file nor a
    folder: a pipe, a device or a socket, which a write must never replace."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database (its write-ahead log included) written whole.

    SQLite's online backup reads every committed change into memory; the bytes are then
    written with write_atomically. Raises sqlite3.Error or OSError.
    """
    uri = read_only_uri(source)  # leaves no -wal/-shm beside a plan nobody has open
    with (
        closing(sqlite3.connect(uri, uri=True)) as database,
        closing(sqlite3.connect(":memory:")) as memory,
    ):
        database.backup(memory)
        data = memory.serialize()
    write_atomically(target, lambda stream: stream.write(data))


def remove_stale_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporaries that killed okrdesk writes left in folder; those removed.

    Only okrdesk's own (by name), only plain files, only those older than
    STALE_AFTER_SECONDS, and only those no live writer holds locked.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMPORARY_NAME.fullmatch(entry.name):
            continue
        path = Path(entry.path)
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode) or now - status.st_mtime < STALE_AFTER_SECONDS:
                continue
            if _remove_unless_locked(path):
                removed.append(path)
        except OSError:
            continue
    return removed


def _remove_unless_locked(path: Path) -> bool:
    if fcntl is None:
        path.unlink()  # fails while the writer still has it open
        return True
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a writer at work
        except OSError:
            pass  # no locks on this file system: age alone decides
        path.unlink()
        return True
    finally:
        os.close(descriptor)


def database_files(path: Path) -> list[Path]:
    """A database and the files SQLite and okrdesk keep beside it, under its name and its
    real name (SQLite names its journals after the file that links resolve to)."""
    names = [path]
    with contextlib.suppress(OSError, RuntimeError):
        real = path.resolve()
        if real != path:
            names.append(real)
    return [*names, *(Path(f"{name}{suffix}") for name in names for suffix in _COMPANIONS)]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _real(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def overwrites(target: Path, protected: Iterable[Path | None]) -> Path | None:
    """The first protected file that writing target would replace, or None.

    The same file by identity (device and inode: a hard link or a symbolic link to it
    counts), or, for a file that does not exist yet, the same name once links are resolved.
    """
    identity = _identity(target)
    real = _real(target)
    for candidate in protected:
        if candidate is None:
            continue
        if identity is not None and identity == _identity(candidate):
            return candidate
        if real is not None and real == _real(candidate):
            return candidate
    return None


def is_read_only(target: Path) -> bool:
    """Whether target is an existing file its owner has marked read-only (0444, or the
    Windows read-only attribute), which a rename would otherwise replace silently."""
    try:
        status = target.stat()
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    return stat.S_IMODE(status.st_mode) & 0o222 == 0 or not os.access(target, os.W_OK)
