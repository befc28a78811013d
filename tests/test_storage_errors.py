"""A full disk, a read-only file, odd paths and bad text: each named by its cause, everywhere."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from okrdesk import cli
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.errors import PlanFileError, ReadOnlyPlanError, StorageError
from okrdesk.messages import translate
from okrdesk.models import Phase, fileformat, storage_errors
from okrdesk.models.filelock import PlanLock
from okrdesk.models.planfile import PlanFile
from okrdesk.models.storage_errors import storage_error
from tests.conftest import Room

LONG = "a long idea that needs room on the disk " * 5  # 199 characters: a card holds 200


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def every_connection(plan: PlanFile, setup: Callable[[sqlite3.Connection], None]) -> Iterator[None]:
    """Run setup on each of the plan's database connections while inside (new ones made)."""

    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        setup(dbapi_connection)

    plan.engine.dispose()
    event.listen(plan.engine, "connect", _on_connect)
    try:
        yield
    finally:
        event.remove(plan.engine, "connect", _on_connect)
        plan.engine.dispose()


def no_room_to_grow(connection: sqlite3.Connection) -> None:
    """SQLite's own SQLITE_FULL ("database or disk is full"), as on a disk with no space."""
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")


def refuses_writes(connection: sqlite3.Connection) -> None:
    """SQLite's own SQLITE_READONLY, as when the file's permission was taken away."""
    connection.execute("PRAGMA query_only = ON")


def fill_until_full(apply: Callable[[str], Any], attempts: int = 200) -> tuple[int, StorageError]:
    """Add long ideas until the disk is full: how many went in, and the refusal."""
    for added in range(attempts):
        try:
            apply(LONG)
        except StorageError as refusal:
            return added, refusal
    raise AssertionError("the disk never filled")


def sqlite_error(code: int, name: str, text: str) -> sqlite3.OperationalError:
    """An error as Python's sqlite3 raises it (with SQLite's extended result code)."""
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = cli.main([*map(str, args), "--lang", "en"])
    return code, capsys.readouterr().err


# Editing: the refusal says why, and nothing was changed.


def test_a_full_disk_refuses_the_edit_with_its_cause_and_changes_nothing(room: Room) -> None:
    plan = room.editor.plan
    room.go(Phase.BRAINSTORM)
    with every_connection(plan, no_room_to_grow):
        added, refusal = fill_until_full(room.idea)
        assert refusal.message_id == "file.disk_full"
        assert "is full" in refusal.message("en") and "磁盘已满" in refusal.message("zh_CN")
        # The same class of error a full disk gives: SQLite's SQLITE_FULL, not a guess from text.
        assert refusal.__cause__.orig.sqlite_errorname == "SQLITE_FULL"
        before = room.state()
        with pytest.raises(StorageError):
            room.idea(LONG)
        with pytest.raises(StorageError), room.editor.batch("op.add_idea"):
            room.idea(LONG)
        assert room.state() == before
    room.idea(LONG)  # space again: work goes on in the same session
    assert len(room.state()["idea"]) == added + 1


def test_a_file_that_became_read_only_refuses_edits_undo_and_redo(room: Room) -> None:
    room.go(Phase.BRAINSTORM)
    change = room.editor.apply(ops.AddIdea(room.workshop, "kept"))
    before = room.state()
    with every_connection(room.editor.plan, refuses_writes):
        for attempt in (
            lambda: room.idea("refused"),
            lambda: room.editor.revert(change),
            lambda: room.go(Phase.GROUP),
        ):
            with pytest.raises(StorageError) as refused:
                attempt()
            assert refused.value.message_id == "file.now_read_only"
        assert room.state() == before


@pytest.mark.parametrize(
    ("code", "name", "full", "message_id"),
    [
        (13, "SQLITE_FULL", False, "file.disk_full"),
        (4874, "SQLITE_IOERR_SHMSIZE", True, "file.disk_full"),  # a -shm that cannot grow
        (4874, "SQLITE_IOERR_SHMSIZE", False, "file.io_error"),
        (778, "SQLITE_IOERR_WRITE", False, "file.io_error"),
        (5, "SQLITE_BUSY", False, "file.locked"),
        (8, "SQLITE_READONLY", False, "file.now_read_only"),
        (14, "SQLITE_CANTOPEN", True, "file.disk_full"),
        (14, "SQLITE_CANTOPEN", False, "file.cannot_open"),
        (11, "SQLITE_CORRUPT", False, "file.damaged"),
        (26, "SQLITE_NOTADB", False, "file.damaged"),
    ],
)
def test_each_database_error_has_its_cause(tmp_path, monkeypatch, code, name, full, message_id):
    monkeypatch.setattr(storage_errors, "disk_is_full", lambda _path: full)
    error = sqlite_error(code, name, "whatever SQLite said")
    for raised in (error, OperationalError("INSERT ...", {}, error)):  # raw, or SQLAlchemy's
        refusal = storage_error(raised, tmp_path / "plan.okrdesk")
        assert refusal is not None and refusal.message_id == message_id
        assert isinstance(refusal, StorageError) == (message_id != "file.damaged")


def test_errors_that_are_no_storage_error_are_left_to_the_caller(tmp_path):
    path = tmp_path / "plan.okrdesk"
    assert storage_error(sqlite3.OperationalError("Could not decode to UTF-8"), path) is None
    assert storage_error(sqlite_error(1, "SQLITE_ERROR", "no such table: x"), path) is None
    assert storage_error(TypeError("'int' object is not iterable"), path) is None
    full = storage_error(OSError(errno.ENOSPC, "No space left on device", "out.pdf"), path)
    assert full.message_id == "file.disk_full" and full.params["path"] == "out.pdf"


@pytest.mark.parametrize(
    ("error", "message_id"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "file.write_disk_full"),
        (
            OSError(getattr(errno, "EDQUOT", errno.ENOSPC), "Disk quota exceeded"),
            "file.write_disk_full",
        ),
        (sqlite_error(13, "SQLITE_FULL", "database or disk is full"), "file.write_disk_full"),
        (OSError(errno.EACCES, "Permission denied"), "cli.cannot_write"),
        (sqlite_error(778, "SQLITE_IOERR_WRITE", "disk I/O error"), "cli.cannot_write"),
    ],
)
def test_a_failed_write_says_the_disk_is_full_or_else_its_cause(tmp_path, error, message_id):
    """The one mapping a backup and an export use: a full disk, else the cause."""
    out = tmp_path / "okrs.pdf"
    refusal = storage_errors.write_refusal(
        error, out, full="file.write_disk_full", failed="cli.cannot_write"
    )
    assert refusal.message_id == message_id and refusal.params["path"] == str(out)
    if message_id == "cli.cannot_write":
        assert refusal.params["reason"] == (
            error.strerror if isinstance(error, OSError) else str(error)
        )


def test_a_system_without_a_quota_error_still_knows_a_full_disk():
    """Not every platform's errno has EDQUOT: the module loads without it, ENOSPC is full."""
    code = (
        "import errno; vars(errno).pop('EDQUOT', None)\n"
        "from okrdesk.models import storage_errors\n"
        "print(storage_errors.is_disk_full(OSError(errno.ENOSPC, 'full')),"
        " storage_errors.is_disk_full(OSError(errno.EACCES, 'denied')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout) == (0, "True False\n"), result.stderr


# Opening on a full disk: SQLite cannot make its -shm, and that is not damage.


def full_disk_for(monkeypatch: pytest.MonkeyPatch, path: Path, *, free: int = 0) -> None:
    """Reading the plan fails as it does on a full disk: its -shm file cannot grow.

    (SQLite reports that as SQLITE_IOERR_SHMSIZE, "disk I/O error", as seen on a full tmpfs.)
    """
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if str(database).startswith(path.resolve().as_uri()):
            raise sqlite_error(4874, "SQLITE_IOERR_SHMSIZE", "disk I/O error")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    usage = SimpleNamespace(total=10**9, used=10**9 - free, free=free)
    monkeypatch.setattr(storage_errors.shutil, "disk_usage", lambda _folder: usage)


def test_a_plan_on_a_full_disk_is_not_called_damaged(plan_path, monkeypatch, capsys, tmp_path):
    full_disk_for(monkeypatch, plan_path)
    before = digest(plan_path)
    for attempt in (lambda: PlanFile.open(plan_path), lambda: fileformat.check_openable(plan_path)):
        with pytest.raises(StorageError) as refused:
            attempt()
        assert refused.value.message_id == "file.disk_full"
    source = tmp_path / "ideas.csv"
    source.write_text("idea\nOne more\n", encoding="utf-8")
    expected = translate("file.disk_full", "en", path=str(plan_path))
    for args in (
        ("info", plan_path),
        ("check", plan_path),
        ("export", plan_path, tmp_path / "out.md"),
        ("import", plan_path, source, "--workshop", "1"),
    ):
        assert run_cli(capsys, *args) == (2, f"okrdesk: {expected}\n"), args
    assert digest(plan_path) == before and not (tmp_path / "out.md").exists()


def test_an_io_error_with_room_on_the_disk_is_an_io_error(plan_path, monkeypatch, capsys):
    full_disk_for(monkeypatch, plan_path, free=10**9)
    code, error = run_cli(capsys, "info", plan_path)
    assert code == 2 and "disk reported an error" in error and "damaged" not in error


def test_the_cli_says_a_storage_cause_however_late_it_comes(plan_path, monkeypatch, capsys):
    def fails(error: BaseException) -> Callable[..., Any]:
        def read(*_args: Any) -> None:
            raise error

        return read

    full = OperationalError(
        "SELECT ...", {}, sqlite_error(13, "SQLITE_FULL", "database or disk is full")
    )
    monkeypatch.setattr(cli, "read_snapshot", fails(full))
    assert "is full" in run_cli(capsys, "check", plan_path)[1]
    monkeypatch.setattr(cli, "read_snapshot", fails(OSError(errno.EIO, "Input/output error")))
    assert "disk reported an error" in run_cli(capsys, "check", plan_path)[1]
    monkeypatch.setattr(cli, "read_snapshot", fails(sqlite3.DatabaseError("malformed")))
    assert "damaged" in run_cli(capsys, "check", plan_path)[1]


# A plan that may not be written: opened read-only, and the refusal says why.


@pytest.fixture
def read_only_file(monkeypatch, plan_path):
    """The plan file has no write permission (as after chmod 0444; root would ignore it)."""
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK and Path(path) == plan_path:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return plan_path


def test_a_read_only_file_opens_read_only_and_edits_say_why(read_only_file, capsys, tmp_path):
    before = digest(read_only_file)
    with PlanFile.open(read_only_file) as plan:
        assert plan.read_only and plan.read_only_reason == "read-only file"
        with pytest.raises(ReadOnlyPlanError) as refused:
            PlanEditor(plan).apply(ops.CreateUnit("Northstar"))
        assert refused.value.message_id == "rule.read_only_file"
    source = tmp_path / "ideas.csv"
    source.write_text("idea\nOne more\n", encoding="utf-8")
    code, error = run_cli(capsys, "import", read_only_file, source, "--workshop", "1")
    expected = translate("file.import_file_read_only", "en", path=str(read_only_file))
    assert (code, error) == (2, f"okrdesk: {expected}\n")
    assert digest(read_only_file) == before


def test_an_older_read_only_file_says_it_cannot_be_upgraded_because_of_that(tmp_path, monkeypatch):
    from tests.test_planfile import first_schema_plan

    path = tmp_path / "old.okrdesk"
    first_schema_plan(path)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **k: False if Path(p) == path else real_access(p, mode, **k)
    )
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(path)
    assert refused.value.message_id == "file.needs_upgrade_read_only_file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes 0444 files")
def test_a_real_0444_file_opens_read_only(plan_path):
    plan_path.chmod(0o444)
    with PlanFile.open(plan_path) as plan:
        assert plan.read_only_reason == "read-only file"


def test_import_into_a_plan_in_a_read_only_folder_says_so(plan_path, monkeypatch, capsys, tmp_path):
    real_access = os.access
    folder = plan_path.parent
    monkeypatch.setattr(
        os, "access", lambda p, mode, **k: False if Path(p) == folder else real_access(p, mode, **k)
    )

    def refuse(self: PlanLock) -> bool:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(PlanLock, "acquire", refuse)
    source = tmp_path / "ideas.csv"
    source.write_text("idea\nOne more\n", encoding="utf-8")
    code, error = run_cli(capsys, "import", plan_path, source, "--workshop", "1")
    assert code == 2 and "folder okrdesk cannot write to" in error
    assert "nothing can be imported" in error and "another okrdesk window" not in error


# Paths that lead to no plan file: each says what it is, and nothing blocks.


@contextmanager
def a_fifo(path: Path) -> Iterator[Path]:
    """A named pipe holding bytes, with both ends open here: whoever wrongly opens and
    reads it gets those bytes (and a wrong answer), never a hang."""
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    writer = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    try:
        os.write(writer, b"not a plan, " * 400)
        yield path
    finally:
        os.close(writer)
        os.close(reader)


@contextmanager
def odd_path(kind: str, folder: Path) -> Iterator[tuple[Path, str]]:
    """A path of the kind, and the message id that names it."""
    if kind == "fifo":
        with a_fifo(folder / "pipe.okrdesk") as path:
            yield path, "file.not_regular"
    elif kind == "device":
        yield Path("/dev/zero"), "file.not_regular"
    elif kind == "link loop":
        (folder / "a.okrdesk").symlink_to(folder / "b.okrdesk")
        (folder / "b.okrdesk").symlink_to(folder / "a.okrdesk")
        yield folder / "a.okrdesk", "file.link_loop"
    elif kind == "broken link":
        (folder / "gone.okrdesk").symlink_to(folder / "moved.okrdesk")
        yield folder / "gone.okrdesk", "file.broken_link"
    else:
        yield folder, "file.not_a_file"


ODD_PATHS = ["fifo", "device", "link loop", "broken link", "folder"]
COMMANDS = ["info", "check", "export", "import"]


def command_args(command: str, path: Path, folder: Path) -> list[object]:
    if command == "export":
        return ["export", path, folder / "out.md"]
    if command == "import":
        source = folder / "ideas.csv"
        source.write_text("idea\nOne more\n", encoding="utf-8")
        return ["import", path, source, "--workshop", "1"]
    return [command, path]


@pytest.mark.skipif(os.name != "posix", reason="pipes, devices and links as on Linux and macOS")
@pytest.mark.parametrize("kind", ODD_PATHS)
def test_an_odd_path_is_named_for_what_it_is(kind, tmp_path, capsys):
    with odd_path(kind, tmp_path) as (path, message_id):
        for attempt in (lambda: PlanFile.open(path), lambda: fileformat.check_openable(path)):
            with pytest.raises(PlanFileError) as refused:
                attempt()
            assert refused.value.message_id == message_id
        expected = refused.value.message("en")
        for command in COMMANDS:
            result = run_cli(capsys, *command_args(command, path, tmp_path))
            assert result == (2, f"okrdesk: {expected}\n"), command
    assert not (tmp_path / "out.md").exists()


def test_odd_paths_are_said_plainly():
    assert "not a regular file" in translate("file.not_regular", "en", path="/dev/zero")
    assert "loops" in translate("file.link_loop", "en", path="a.okrdesk")


# Text that is not UTF-8: refused the same way by every entry point.


def bad_text_plan(room: Room) -> tuple[Path, int]:
    """A plan whose idea's text holds bytes that are not UTF-8 (cp1252's "è")."""
    room.go(Phase.BRAINSTORM)
    idea = room.idea("Crème brûlée")
    room.editor.plan.close()
    db = sqlite3.connect(room.path)
    db.execute("UPDATE idea SET text = CAST(x'4372e86d65' AS TEXT) WHERE id = ?", (idea,))
    db.commit()
    db.close()
    return room.path, idea


def test_text_that_is_not_utf8_is_refused_everywhere_naming_the_row(room, capsys, tmp_path):
    path, idea = bad_text_plan(room)
    before = digest(path)
    opened: list[Callable[[], Any]] = [
        lambda: PlanFile.open(path),
        lambda: PlanFile.open(path, read_only=True),
        lambda: fileformat.check_openable(path),
    ]
    for attempt in opened:
        with pytest.raises(PlanFileError) as refused:
            attempt()
        assert refused.value.message_id == "file.damaged_text"
        assert refused.value.params | {"path": ""} == {
            "path": "",
            "table": "idea",
            "row": idea,
            "column": "text",
        }
    expected = refused.value.message("en")
    assert f"row {idea} in the idea table" in expected
    for command in COMMANDS:
        assert run_cli(capsys, *command_args(command, path, tmp_path)) == (
            2,
            f"okrdesk: {expected}\n",
        )
    assert digest(path) == before
