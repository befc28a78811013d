"""Opening, creating and holding a plan file: one SQLite database per organisation."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry

from okrdesk.errors import PlanFileError
from okrdesk.models import migrate
from okrdesk.models.changelog import captured_tables, install_change_capture
from okrdesk.models.fileformat import (
    APPLICATION_ID,
    check_plan_bytes,
    check_plan_integrity,
    read_only_uri,
    read_schema_revision,
)
from okrdesk.models.filelock import PlanLock
from okrdesk.models.org import PlanInfo
from okrdesk.models.plantext import check_plan_text
from okrdesk.models.stamp import NEXT_COMMIT
from okrdesk.models.storage_errors import storage_error, write_refusal
from okrdesk.models.types import utc_now
from okrdesk.models.walguard import WalRecovery, recover_leftover_wal, refuse_foreign_wal


class ReadOnly(StrEnum):
    """Why a plan is open read-only, when no other okrdesk holds it (then its holder is said)."""

    REQUESTED = "requested"
    FILE = "read-only file"
    FOLDER = "read-only folder"


class Checks(StrEnum):
    """How much of the file is checked when it is opened.

    WHOLE: SQLite's integrity_check (every page, and every index against its table), then
    every stored text decoded and every stored number parsed (plantext): for anything that
    may write, for the window (which shows every part of the plan in time), and for reads
    of the whole plan.

    PART: for a one-shot, read-only read of part of the plan (one workshop), whose cost
    must follow the part, not the plan. SQLite's quick_check still reads every page of the
    file (a truncated, garbled or overwritten page is refused as before); what it leaves
    out, comparing every index with its table, guards the writes that keep them in step,
    and nothing is written here. Texts and numbers are checked as they are read: a value
    that is not UTF-8 or not a number fails the read of its row, and the reader then runs
    the whole text check to name the table, row and column (engine.sources). Damage in a
    row the read does not touch cannot change what it shows; opening the plan to work on
    it, or reading all of it, still refuses it.
    """

    WHOLE = "whole"
    PART = "part"


# Why an older plan that cannot be written here cannot be upgraded, by read-only reason
# (any other reason names the okrdesk window that has it).
NEEDS_UPGRADE_BUT: dict[str, str] = {
    ReadOnly.REQUESTED: "file.needs_upgrade",
    ReadOnly.FILE: "file.needs_upgrade_read_only_file",
    ReadOnly.FOLDER: "file.folder_read_only",
}


class PlanFile:
    """An open plan file: its engine, its lock, and whether it may be changed."""

    def __init__(self, path: Path, engine: Engine, lock: PlanLock | None, note: str | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        # Why the plan is read-only (another process has it), or None if writable.
        self.read_only_reason = note
        self.backup_path: Path | None = None
        # What was done with a log left by a session that ended without closing.
        self.recovery: WalRecovery | None = None

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @classmethod
    def open(
        cls, path: Path | str, *, read_only: bool = False, checks: Checks = Checks.WHOLE
    ) -> PlanFile:
        """Open an existing plan; refuse anything else and leave it byte-for-byte unchanged.

        If another okrdesk process has the plan open, this one gets it read-only; if that
        process reached the same file by another name (a link), it is refused here. A log
        left by a session that ended without closing is judged before SQLite replays it
        (see :mod:`okrdesk.models.walguard`); what was done is in ``recovery``. An older
        schema is backed up and upgraded in place; a newer one is refused. ``checks``: how
        much of the file is checked first (see :class:`Checks`; PART only read-only).
        """
        if checks == Checks.PART and not read_only:
            raise ValueError("only a read-only opening may check part of the plan")
        path = Path(path)
        check_plan_bytes(path)
        lock: PlanLock | None = None
        note: str | None = ReadOnly.REQUESTED
        if not read_only and not os.access(path, os.W_OK):
            # A file without write permission (0444): SQLite could read it but not write it.
            # On a read-only file system (a write-protected stick) it is the place, not
            # the file: the words for a folder okrdesk cannot write to fit that.
            read_only, note = (
                True,
                ReadOnly.FOLDER if _on_read_only_disk(path) else ReadOnly.FILE,
            )
        if read_only:
            probe = PlanLock(path)
            writer = probe.writer_elsewhere()
            if writer is None:
                raise _open_under_other_name(path, probe)
            if not writer:
                refuse_foreign_wal(path, probe.writers_name())
        else:
            lock, note = _take_lock(path, PlanLock(path))
        try:
            recovery = (
                None if lock is None else recover_leftover_wal(path, utc_now(), lock.previous_name)
            )
            plan = cls._open_checked(path, lock, note, checks)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        plan.recovery = recovery
        if recovery is not None and recovery.verdict.belongs:
            # Fold the recovered log into the file now: a later unclean exit must not
            # recover (and report, and keep) the same changes again.
            _checkpoint(plan.engine)
        return plan

    @classmethod
    def _open_checked(
        cls, path: Path, lock: PlanLock | None, note: str | None, checks: Checks
    ) -> PlanFile:
        check_plan_integrity(path, quick=checks == Checks.PART)
        if checks == Checks.WHOLE:
            check_plan_text(path)
        revision = read_schema_revision(path)
        if revision is None:
            raise PlanFileError("file.damaged", path=str(path))
        if revision not in migrate.known_revisions():
            raise PlanFileError("file.too_new", path=str(path), revision=revision)
        backup: Path | None = None
        if revision != migrate.head_revision():
            if lock is None:
                # Upgrading writes the file, which a read-only opening must not do.
                message = NEEDS_UPGRADE_BUT.get(note or "", "file.needs_upgrade_read_only")
                raise PlanFileError(message, path=str(path))
            backup = migrate.backup_copy(path, revision)
            upgrader = _writer_engine(path, capture=False)
            try:
                migrate.upgrade(upgrader)
            except Exception as error:
                # The upgrade is one transaction, so the plan is as it was: a backup of it
                # would only be left behind. Say why (a full disk is not a damaged plan).
                backup.unlink(missing_ok=True)
                refusal = storage_error(error, path)
                if refusal is None:
                    raise
                raise refusal from error
            finally:
                upgrader.dispose()
        if lock is not None:
            engine = _writer_engine(path)
        else:
            engine = _reader_engine(path, lasting=note != ReadOnly.REQUESTED)
        plan = cls(path, engine, lock, note)
        plan.backup_path = backup
        return plan

    @classmethod
    def create(cls, path: Path | str, organisation: str) -> PlanFile:
        """Create a new plan file at a path where nothing exists yet."""
        path = Path(path)
        if path.exists():
            raise PlanFileError("file.exists", path=str(path))
        if not path.parent.is_dir():
            raise PlanFileError("file.no_folder", path=str(path.parent))
        draft = path.with_name(f".{path.name}.{os.getpid()}.creating")
        try:
            with closing(sqlite3.connect(draft)) as db:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute("PRAGMA journal_mode = WAL")
            engine = _writer_engine(draft, capture=False)
            migrate.upgrade(engine)
            with Session(engine) as session, session.begin():
                session.add(PlanInfo(organisation=organisation, created_at=utc_now()))
            engine.dispose()
            if path.exists():
                raise PlanFileError("file.exists", path=str(path))
            os.replace(draft, path)
        except OSError as error:
            raise PlanFileError("file.unwritable", path=str(path), reason=str(error)) from error
        finally:
            for leftover in (draft, Path(f"{draft}-wal"), Path(f"{draft}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        return cls.open(path)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: a fresh session whose changes commit together or not at all."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def reader(self) -> Session:
        """A session for reading (the caller closes it); it never takes the write lock."""
        return Session(self.engine.execution_options(okrdesk_reader=True), expire_on_commit=False)

    def save_copy(self, target: Path) -> None:
        """A consistent copy of the plan at target, written whole or not at all.

        SQLite's online backup reads every committed change (the write-ahead log included);
        the copy is written beside the target, flushed to disk and moved into place. Copying
        onto the plan or its own files (by any name or link), or over a read-only file, is
        refused, and a failure leaves any existing target as it was.
        """
        from okrdesk.models import durable

        if durable.overwrites(target, [self.path]) is not None:
            raise PlanFileError("file.copy_onto_itself", path=str(target))
        # Its journals and lock, the backup taken on opening, a leftover log's kept copy.
        own = [*durable.database_files(self.path), self.backup_path]
        if self.recovery is not None:
            own += durable.database_files(self.recovery.kept_in / self.path.name)
        if durable.overwrites(target, own) is not None:
            raise PlanFileError("file.onto_plan_file", path=str(target))
        if durable.is_read_only(target):
            raise PlanFileError("file.read_only_target", path=str(target))
        if target.exists() and PlanLock(target).writer_elsewhere() is not False:
            # Replacing a plan another okrdesk is writing would drop that session's work.
            raise PlanFileError("file.copy_onto_open_plan", path=str(target))
        try:
            durable.copy_database(self.path, target)
        except (OSError, sqlite3.Error) as error:
            raise write_refusal(
                error, target, full="file.write_disk_full", failed="file.copy_failed"
            ) from error

    def close(self) -> None:
        """Close the database and give up the lock."""
        if self._lock is not None:
            _checkpoint(self.engine)
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> PlanFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _on_read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _open_under_other_name(path: Path, lock: PlanLock) -> PlanFileError:
    return PlanFileError(
        "file.open_under_other_name", path=str(path), other=lock.writers_name() or "?"
    )


def _take_lock(path: Path, lock: PlanLock) -> tuple[PlanLock | None, str | None]:
    """The lock if this process may write the plan, else None and why not."""
    try:
        acquired = lock.acquire()
    except OSError as error:
        refusal = storage_error(error, path)
        if refusal is not None and refusal.message_id in ("file.disk_full", "file.io_error"):
            raise refusal from error  # the disk, not the folder's permissions
        # No lock file can be made (a read-only folder): nobody may write, us included.
        return None, ReadOnly.FOLDER
    if acquired:
        return lock, None
    if lock.held_elsewhere:
        # Its writer keeps its log under the other name: reading here would show stale data.
        raise _open_under_other_name(path, lock)
    return None, lock.holder()


def _writer_engine(path: Path, *, capture: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Take over transaction control so writers can BEGIN IMMEDIATE (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives a power cut, not only a killed process.
        cursor.execute("PRAGMA synchronous = FULL")
        if sys.platform == "darwin":
            # macOS's fsync stops at the drive's cache; F_FULLFSYNC reaches the platter.
            cursor.execute("PRAGMA fullfsync = ON")
            cursor.execute("PRAGMA checkpoint_fullfsync = ON")
        cursor.close()
        if capture:
            install_change_capture(dbapi_connection, captured_tables())

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        reader = connection.get_execution_options().get("okrdesk_reader", False)
        connection.exec_driver_sql("BEGIN" if reader else "BEGIN IMMEDIATE")

    if capture:

        @event.listens_for(engine, "commit")
        def _on_commit(connection: Connection) -> None:
            # Chain the commit inside it: a leftover log's first transaction then names
            # the plan state it was written on top of (okrdesk.models.walguard).
            if not connection.get_execution_options().get("okrdesk_reader", False):
                connection.connection.cursor().execute(NEXT_COMMIT)

    return engine


def _checkpoint(engine: Engine) -> None:
    """Fold the log into the file, so a reader still open elsewhere leaves no log behind
    that would look like a crashed session's. Best effort: SQLite retries on next open."""
    raw = engine.raw_connection()
    try:
        with contextlib.suppress(sqlite3.Error):
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def _reader_engine(path: Path, *, lasting: bool) -> Engine:
    uri = read_only_uri(path, lasting=lasting)
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
