"""Recognising a plan file from its bytes alone, before SQLite is allowed to touch it."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

from okrdesk.errors import PlanFileError, StorageError
from okrdesk.models.storage_errors import storage_error

SQLITE_MAGIC = b"SQLite format 3\x00"
# "OKRD": stamped into the SQLite header's application_id field of every plan file.
APPLICATION_ID = 0x4F4B5244
PLAN_SUFFIX = ".okrdesk"
# Causes that are said as they are, even in a folder okrdesk cannot write to.
_NOT_THE_FOLDER = frozenset({"file.disk_full", "file.io_error", "file.locked"})


def _header_int(header: bytes, offset: int, size: int) -> int:
    return int.from_bytes(header[offset : offset + size], "big")


def check_plan_bytes(path: Path) -> None:
    """Refuse anything that is not a readable, complete plan file; never writes to it."""
    size = regular_file_size(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise PlanFileError("file.unreadable", path=str(path), reason=error.strerror) from error
    if size == 0:
        raise PlanFileError("file.empty", path=str(path))
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise PlanFileError("file.not_a_plan", path=str(path))
    if _header_int(header, 68, 4) != APPLICATION_ID:
        raise PlanFileError("file.foreign_database", path=str(path))
    page_size = _header_int(header, 16, 2)
    page_size = 65536 if page_size == 1 else page_size
    page_count = _header_int(header, 28, 4)
    header_size_valid = _header_int(header, 24, 4) == _header_int(header, 92, 4)
    if page_size < 512 or size % page_size != 0:
        raise PlanFileError("file.damaged", path=str(path))
    if header_size_valid and size < page_count * page_size:
        raise PlanFileError("file.damaged", path=str(path))


def regular_file_size(path: Path) -> int:
    """The size of the regular file at path; refuse a folder, device, pipe or broken link.

    Only the file's type is looked at (a pipe is never opened: reading it would block).
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise PlanFileError(
                "file.broken_link", path=str(path), target=os.readlink(path)
            ) from None
        raise PlanFileError("file.not_found", path=str(path)) from None
    except NotADirectoryError:
        raise PlanFileError("file.not_found", path=str(path)) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise PlanFileError("file.link_loop", path=str(path)) from error
        raise PlanFileError("file.unreadable", path=str(path), reason=error.strerror) from error
    if stat.S_ISDIR(status.st_mode):
        raise PlanFileError("file.not_a_file", path=str(path))
    if not stat.S_ISREG(status.st_mode):
        raise PlanFileError("file.not_regular", path=str(path))
    return status.st_size


def read_only_uri(path: Path, *, lasting: bool = False) -> str:
    """A URI that opens the plan without writing anything, even beside it.

    A WAL database normally needs its -wal and -shm files, which SQLite creates when it
    reads and leaves behind when a read-only connection closes. With no -wal beside the
    plan nobody has it open for writing (a writer's connection keeps one), so a one-shot
    read (a check, info, export, a copy) may read it as immutable: nothing is created
    beside a refused or merely read plan. A *lasting* reader (a read-only window) must
    see a writer that starts later, so it reads as immutable only where it has to: in a
    folder SQLite cannot write its -shm to (a mounted share, a USB stick).
    """
    real = path.resolve()
    uri = f"{real.as_uri()}?mode=ro"
    no_log = not Path(f"{real}-wal").exists()
    if no_log and (not lasting or not os.access(real.parent, os.W_OK)):
        uri += "&immutable=1"
    return uri


def check_plan_integrity(path: Path, *, quick: bool = False) -> None:
    """Let SQLite read the whole file read-only and confirm it is intact.

    quick: SQLite's quick_check, which reads every page as integrity_check does (structure,
    records, free list) but does not compare each index with its table (about a third of
    the time); see PlanFile.open for who may rely on it.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as db:
            result = db.execute(f"PRAGMA {pragma}(1)").fetchone()
    except sqlite3.Error as error:
        raise _reading_refused(error, path) from error
    if result is None or result[0] != "ok":
        raise PlanFileError("file.damaged", path=str(path))


def read_schema_revision(path: Path) -> str | None:
    """The plan file's schema revision, read without writing; None if it has none."""
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as db:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as error:
        refusal = storage_error(error, path)
        if isinstance(refusal, StorageError):
            raise refusal from error
        if isinstance(error, sqlite3.OperationalError):
            return None  # no alembic_version table: not a plan okrdesk wrote
        raise PlanFileError("file.damaged", path=str(path)) from error
    return None if row is None else str(row[0])


def _reading_refused(error: sqlite3.Error, path: Path) -> PlanFileError:
    """Why SQLite could not read the plan: the disk, the folder, or real damage.

    A full disk, an I/O error or a lock is said as such, whatever the folder; what else
    fails in a folder okrdesk cannot write to is the folder (SQLite needs its -shm there).
    """
    refusal = storage_error(error, path)
    if refusal is not None and refusal.message_id in _NOT_THE_FOLDER:
        return refusal
    folder_writable = os.access(path.resolve().parent, os.W_OK)
    if isinstance(error, sqlite3.OperationalError) and not folder_writable:
        return PlanFileError("file.folder_read_only", path=str(path))
    return refusal or PlanFileError("file.damaged", path=str(path))


def check_openable(path: Path) -> None:
    """Refuse what PlanFile.open would refuse, without opening it for writing."""
    from okrdesk.models.migrate import known_revisions
    from okrdesk.models.plantext import check_plan_text

    check_plan_bytes(path)
    if Path(f"{path.resolve()}-wal").exists() and Path(f"{path.resolve()}-wal").stat().st_size:
        # A log is beside it (a writer at work, or one that died): SQLite would read the
        # log with the file, and only the opening itself may judge a log first
        # (okrdesk.models.walguard). The opening refuses what is left to refuse.
        return
    check_plan_integrity(path)
    check_plan_text(path)
    revision = read_schema_revision(path)
    if revision is None:
        raise PlanFileError("file.damaged", path=str(path))
    if revision not in known_revisions():
        raise PlanFileError("file.too_new", path=str(path), revision=revision)
