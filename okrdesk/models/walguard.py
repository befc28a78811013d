"""Checking a write-ahead log left beside a plan before SQLite is allowed to replay it.

SQLite replays any ``-wal`` file that sits beside a database under the right name, and
stops silently at the first damaged frame. A log left by another plan, or by a session
on a copy that has since been replaced (a backup restored with a file manager, which
does not copy the ``-wal``), would be applied to the wrong plan with no word. So before
a plan is opened, a leftover log is replayed on temporary copies and judged:

- it *belongs* when its first transaction was written on top of exactly the file as it
  is: the plan stamp (the plan's UUID and a chain of commit tokens, see
  :mod:`okrdesk.models.stamp`) read after that transaction names the file's own token as
  the one before it (or the file already holds all of it, when a checkpoint was cut short);
- its commits that SQLite cannot read (after a damaged frame) are counted as lost.

The plan and its log as they were are kept in a folder beside the plan before anything
is recovered or set aside, and the caller tells the user what happened.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from okrdesk.errors import PlanFileError
from okrdesk.messages import translate
from okrdesk.models.durable import sync_file, sync_folder
from okrdesk.models.stamp import STAMP_TABLE
from okrdesk.models.storage_errors import storage_error

_HEADER_SIZE = 32
_FRAME_HEADER_SIZE = 24
# The magic number's last bit says in which byte order the checksums read the log.
_MAGIC_LITTLE, _MAGIC_BIG = 0x377F0682, 0x377F0683


@dataclass(frozen=True)
class WalFrames:
    """What the log's frame headers say, read without SQLite."""

    page_size: int
    # The 1-based frame numbers of the commits written with the log's salts.
    commits: tuple[int, ...]


@dataclass(frozen=True)
class WalVerdict:
    """Whether a leftover log may be replayed onto the plan, and what it holds."""

    belongs: bool
    # "other_plan", "other_copy" or "damaged" when it does not belong.
    reason: str | None = None
    recovered: int = 0
    lost: int = 0

    @property
    def news(self) -> bool:
        """Whether replaying it changes anything the user should hear about."""
        return not self.belongs or self.recovered > 0 or self.lost > 0


@dataclass(frozen=True)
class WalRecovery:
    """What was done with a leftover log when the plan was opened, to tell the user."""

    verdict: WalVerdict
    kept_in: Path
    plan: Path

    @property
    def message_id(self) -> str:
        if not self.verdict.belongs:
            return f"file.wal_set_aside_{self.verdict.reason}"
        return "file.wal_recovered_lost" if self.verdict.lost else "file.wal_recovered"

    def message(self, language: str) -> str:
        return translate(
            self.message_id,
            language,
            path=str(self.plan),
            folder=str(self.kept_in),
            count=self.verdict.recovered,
            lost=self.verdict.lost,
        )


def wal_path(plan: Path) -> Path:
    """Where SQLite keeps the plan's log: beside the file its links lead to."""
    return Path(f"{plan.resolve()}-wal")


def has_leftover_wal(plan: Path) -> bool:
    """Whether a non-empty log lies beside the plan (call only when nobody writes it)."""
    try:
        return wal_path(plan).stat().st_size > 0
    except OSError:
        return False


def _checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    """SQLite's log checksum of data (the header's first 24 bytes)."""
    order: Literal["big", "little"] = "big" if big_endian else "little"
    s0 = s1 = 0
    for offset in range(0, len(data), 8):
        s0 = (s0 + int.from_bytes(data[offset : offset + 4], order) + s1) & 0xFFFFFFFF
        s1 = (s1 + int.from_bytes(data[offset + 4 : offset + 8], order) + s0) & 0xFFFFFFFF
    return s0, s1


def read_wal_frames(wal: Path) -> WalFrames | None:
    """The log's page size and commit frames; None if it is not a SQLite log at all."""
    with wal.open("rb") as handle:
        header = handle.read(_HEADER_SIZE)
        if len(header) < _HEADER_SIZE:
            return None
        magic = int.from_bytes(header[0:4], "big")
        if magic not in (_MAGIC_LITTLE, _MAGIC_BIG):
            return None
        page_size = int.from_bytes(header[8:12], "big")
        page_size = 65536 if page_size == 1 else page_size
        if page_size < 512 or page_size & (page_size - 1):
            return None
        header_sum = _checksum(header[:24], magic == _MAGIC_BIG)
        stored_sum = (int.from_bytes(header[24:28], "big"), int.from_bytes(header[28:32], "big"))
        salts: bytes | None = header[16:24] if header_sum == stored_sum else None
        commits: list[int] = []
        number = 0
        while True:
            frame = handle.read(_FRAME_HEADER_SIZE)
            if len(frame) < _FRAME_HEADER_SIZE:
                break
            number += 1
            if salts is None:
                salts = frame[8:16]  # a damaged header: judge the frames by the first one
            if frame[8:16] == salts and int.from_bytes(frame[4:8], "big") != 0:
                commits.append(number)
            handle.seek(page_size, os.SEEK_CUR)
    return WalFrames(page_size, tuple(commits))


@dataclass(frozen=True)
class _Stamp:
    plan_uuid: str
    generation: int
    token: str
    previous: str


def _stamp(database: Path) -> _Stamp | None:
    """The plan stamp of a database file (its log applied), or None if it has none."""
    try:
        with closing(sqlite3.connect(database)) as db:
            row = db.execute(
                f"SELECT plan_uuid, generation, commit_token, previous_token FROM {STAMP_TABLE}"
            ).fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else _Stamp(str(row[0]), int(row[1]), str(row[2]), str(row[3]))


def _replay(folder: Path, name: str, plan: Path, wal: Path | None, length: int | None) -> Path:
    """A copy of the plan in folder, with (a prefix of) the log beside it."""
    copy = folder / name
    shutil.copyfile(plan, copy)
    if wal is not None:
        with wal.open("rb") as source, open(f"{copy}-wal", "wb") as target:
            if length is None:
                shutil.copyfileobj(source, target)
            else:
                target.write(source.read(length))
    return copy


def inspect_wal(plan: Path) -> WalVerdict:
    """Judge the log beside the plan on temporary copies; the plan and log stay untouched."""
    wal = wal_path(plan)
    frames = read_wal_frames(wal)
    if frames is None:
        return WalVerdict(belongs=False, reason="damaged")
    # Beside the plan: the room it needs is the plan's disk's, and a full disk is said so
    # (in a folder okrdesk cannot write to, such as a share, the system's temporary folder).
    beside = plan.parent if os.access(plan.parent, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix=".okrdesk-wal-", dir=beside) as scratch:
        folder = Path(scratch)
        before = _stamp(_replay(folder, "before.okrdesk", plan, None, None))
        after_copy = _replay(folder, "after.okrdesk", plan, wal, None)
        try:
            with closing(sqlite3.connect(after_copy)) as db:
                _busy, replayed_frames, _done = db.execute("PRAGMA wal_checkpoint").fetchone()
                intact = db.execute("PRAGMA integrity_check(1)").fetchone()[0] == "ok"
        except sqlite3.Error:
            return WalVerdict(belongs=False, reason="damaged")
        if not intact:
            return WalVerdict(belongs=False, reason="damaged")
        after = _stamp(after_copy)
        accepted = [n for n in frames.commits if n <= max(replayed_frames, 0)]
        lost = len(frames.commits) - len(accepted)
        if not accepted:
            return WalVerdict(belongs=True, lost=lost)
        first_length = _HEADER_SIZE + accepted[0] * (_FRAME_HEADER_SIZE + frames.page_size)
        first = _stamp(_replay(folder, "first.okrdesk", plan, wal, first_length))
    if before is None or after is None or first is None:
        # A plan older than its stamp, or a file cut short by an interrupted checkpoint:
        # nothing to compare, and SQLite found the result intact.
        if before is not None and after is None:
            return WalVerdict(belongs=False, reason="other_plan")
        return WalVerdict(belongs=True, recovered=len(accepted), lost=lost)
    if after.plan_uuid != before.plan_uuid or first.plan_uuid != before.plan_uuid:
        return WalVerdict(belongs=False, reason="other_plan")
    if before.token == first.previous:
        # Written on top of exactly this file (a checkpoint cut short before it reached
        # the stamp's page leaves the file here too).
        return WalVerdict(belongs=True, recovered=after.generation - before.generation, lost=lost)
    if before.token == after.token:
        return WalVerdict(belongs=True, lost=lost)  # already in the file: nothing new
    # The file went its own way since the log's first transaction: restored from a
    # backup, or written through another name while this log waited.
    return WalVerdict(belongs=False, reason="other_copy")


def _recovery_folder(plan: Path, now: datetime) -> Path:
    """A free name for the kept copy beside the plan (the folder is made under another)."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    for attempt in range(100):
        suffix = "" if attempt == 0 else f"-{attempt}"
        candidate = plan.with_name(f"{plan.name}.recovery-{stamp}{suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(str(plan))


def _copy_to_disk(source: Path, copy: Path) -> None:
    with source.open("rb") as reader, copy.open("xb") as writer:
        shutil.copyfileobj(reader, writer)
        writer.flush()
        sync_file(writer.fileno())


def _keep_as_they_were(plan: Path, now: datetime) -> Path:
    """Copy the plan and its log, byte for byte and flushed to disk, into a new folder.

    The copies are made in a hidden folder that gets the kept folder's name only when both
    are on disk: a kill or a full disk never leaves half a copy under that name.
    """
    folder = _recovery_folder(plan, now)
    making = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=plan.parent))
    try:
        for source in (plan, wal_path(plan)):
            _copy_to_disk(source, making / source.name)
        sync_folder(making)
        making.rename(folder)
        sync_folder(folder.parent)
    except BaseException:
        shutil.rmtree(making, ignore_errors=True)  # half a copy is no copy: leave nothing
        raise
    return folder


@contextlib.contextmanager
def _refused_as_plan_errors(plan: Path) -> Iterator[None]:
    """A file error while judging or keeping the log becomes a refusal naming its cause."""
    try:
        yield
    except OSError as error:
        refusal = storage_error(error, plan)
        if refusal is not None:
            raise refusal from error
        raise PlanFileError(
            "file.recovery_copy_failed", path=str(plan), reason=error.strerror or str(error)
        ) from error


def _orphaned_log(real: Path, previous_name: str | None) -> Path | None:
    """The log a writer that died left under another name for this same file, if any.

    SQLite names a log after the name the plan was opened by; reached later by another
    name (a hard link, or the plan renamed while open), the file alone would be read and
    the log's committed changes left behind.
    """
    if previous_name is None or Path(previous_name) == real:
        return None
    orphan = Path(f"{previous_name}-wal")
    return orphan if has_leftover_wal(Path(previous_name)) else None


def _adopt(orphan: Path, real: Path) -> None:
    """Move the other name's log beside this name, where SQLite will look for it."""
    wal_path(real).unlink(missing_ok=True)  # an empty log of this name's own, if any
    try:
        os.replace(orphan, wal_path(real))
    except OSError as error:
        if error.errno != errno.EXDEV:  # another mount of the same file: copy across
            raise
        _copy_to_disk(orphan, wal_path(real))
        orphan.unlink()
    Path(f"{str(orphan)[: -len('-wal')]}-shm").unlink(missing_ok=True)
    Path(f"{real}-shm").unlink(missing_ok=True)
    sync_folder(real.parent)


def recover_leftover_wal(
    plan: Path, now: datetime, previous_name: str | None = None
) -> WalRecovery | None:
    """Before a writer opens the plan: keep, judge and (if it belongs) let SQLite replay.

    Call only while holding the plan's lock. A log that does not belong is moved into the
    kept folder (with its index) so SQLite never sees it; the plan opens as its file is.
    Links are followed: SQLite keeps the log beside the file a link leads to. A log left
    under the name the last writer used (previous_name, when it was another) is taken
    over first, unless this name has a log of its own.
    """
    real = plan.resolve()
    with _refused_as_plan_errors(plan):
        orphan = _orphaned_log(real, previous_name)
        if orphan is not None and not has_leftover_wal(real):
            _adopt(orphan, real)
        if not has_leftover_wal(real):
            return None
        verdict = inspect_wal(real)
        if not verdict.news:
            return None
        folder = _keep_as_they_were(real, now)
        if not verdict.belongs:
            wal_path(real).unlink()
            Path(f"{real}-shm").unlink(missing_ok=True)
    return WalRecovery(verdict, folder, plan)


def refuse_foreign_wal(plan: Path, previous_name: str | None = None) -> None:
    """For a read-only opening: refuse a leftover log that must not be read as the plan's,
    and a plan whose last writer died leaving its log under another name."""
    real = plan.resolve()
    with _refused_as_plan_errors(plan):
        if _orphaned_log(real, previous_name) is not None:
            raise PlanFileError("file.wal_under_other_name", path=str(plan), other=previous_name)
        if has_leftover_wal(real) and not inspect_wal(real).belongs:
            raise PlanFileError("file.wal_foreign_read_only", path=str(plan))
