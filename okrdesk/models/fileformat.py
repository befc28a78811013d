"""Recognising a plan file from its bytes alone, before SQLite is allowed to touch it."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from okrdesk.errors import PlanFileError

SQLITE_MAGIC = b"SQLite format 3\x00"
# "OKRD": stamped into the SQLite header's application_id field of every plan file.
APPLICATION_ID = 0x4F4B5244
PLAN_SUFFIX = ".okrdesk"


def _header_int(header: bytes, offset: int, size: int) -> int:
    return int.from_bytes(header[offset : offset + size], "big")


def check_plan_bytes(path: Path) -> None:
    """Refuse anything that is not a readable, complete plan file; never writes to it."""
    if not path.exists():
        raise PlanFileError("file.not_found", path=str(path))
    if not path.is_file():
        raise PlanFileError("file.not_a_file", path=str(path))
    try:
        size = path.stat().st_size
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


def read_only_uri(path: Path) -> str:
    """A URI that opens the plan without writing, even in a folder SQLite cannot write to.

    A WAL database normally needs its -shm file; in a read-only folder (a mounted share,
    a USB stick) with no -wal left over, SQLite may read it as immutable instead.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    folder_writable = os.access(path.resolve().parent, os.W_OK)
    if not folder_writable and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def check_plan_integrity(path: Path) -> None:
    """Let SQLite read the whole file read-only and confirm it is intact."""
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as db:
            result = db.execute("PRAGMA integrity_check(1)").fetchone()
    except sqlite3.OperationalError as error:
        if not os.access(path.resolve().parent, os.W_OK):
            raise PlanFileError("file.folder_read_only", path=str(path)) from error
        raise PlanFileError("file.damaged", path=str(path)) from error
    except sqlite3.DatabaseError as error:
        raise PlanFileError("file.damaged", path=str(path)) from error
    if result is None or result[0] != "ok":
        raise PlanFileError("file.damaged", path=str(path))


def read_schema_revision(path: Path) -> str | None:
    """The plan file's schema revision, read without writing; None if it has none."""
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as db:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    except sqlite3.DatabaseError as error:
        raise PlanFileError("file.damaged", path=str(path)) from error
    return None if row is None else str(row[0])


def check_openable(path: Path) -> None:
    """Refuse what PlanFile.open would refuse, without opening it for writing."""
    from okrdesk.models.migrate import known_revisions

    check_plan_bytes(path)
    check_plan_integrity(path)
    revision = read_schema_revision(path)
    if revision is None:
        raise PlanFileError("file.damaged", path=str(path))
    if revision not in known_revisions():
        raise PlanFileError("file.too_new", path=str(path), revision=revision)
