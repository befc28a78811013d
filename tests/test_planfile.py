"""The plan file on real disk: creation, round trips, refusals, migrations, two processes."""

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.errors import PlanFileError, ReadOnlyPlanError
from okrdesk.models import Base, Idea, PlanInfo, Workshop, migrate
from okrdesk.models.fileformat import APPLICATION_ID, read_schema_revision
from okrdesk.models.planfile import PlanFile


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_plan_is_a_stamped_wal_sqlite_file_at_the_newest_schema(tmp_path):
    path = tmp_path / "新计划.okrdesk"
    with PlanFile.create(path, "北辰软件") as plan:
        assert not plan.read_only
        with plan.reader() as session:
            assert session.scalar(select(PlanInfo.organisation)) == "北辰软件"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (
        db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        == migrate.head_revision()
    )
    db.close()
    assert not list(tmp_path.glob("*.creating*"))


def test_create_never_overwrites(tmp_path):
    path = tmp_path / "taken.okrdesk"
    path.write_text("precious notes")
    with pytest.raises(PlanFileError) as refused:
        PlanFile.create(path, "x")
    assert refused.value.message_id == "file.exists"
    assert path.read_text() == "precious notes"


def test_foreign_keys_are_enforced_on_every_connection(plan):
    with plan.reader() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_everything_written_is_read_back_after_reopening(room, plan_path):
    card = room.idea("Grow MRR 📈 by 20% — 提升 20%", room.people[2])
    room.editor.plan.close()
    with PlanFile.open(plan_path) as reopened, reopened.reader() as session:
        idea = session.get(Idea, card)
        assert (idea.text, idea.author.name) == ("Grow MRR 📈 by 20% — 提升 20%", "陈")
        assert session.get(Workshop, room.workshop).title == "Management meeting"


def other_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('not ours')")
    db.commit()
    db.close()


def truncated(path: Path, plan_bytes: bytes) -> None:
    path.write_bytes(plan_bytes[: len(plan_bytes) // 2])


def garbled(path: Path, plan_bytes: bytes) -> None:
    damaged = bytearray(plan_bytes)
    for offset in range(4096 * 2, len(damaged) - 4096, 4096):  # every page's header
        damaged[offset : offset + 16] = b"\xff" * 16
    path.write_bytes(bytes(damaged))


BAD_FILES = {
    "empty": (lambda p, _b: p.write_bytes(b""), "file.empty"),
    "plain text": (
        lambda p, _b: p.write_text("O1: win the market\nKR1: 40 customers\n"),
        "file.not_a_plan",
    ),
    "pdf": (
        lambda p, _b: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 40),
        "file.not_a_plan",
    ),
    "another app's sqlite": (lambda p, _b: other_sqlite(p), "file.foreign_database"),
    "truncated plan": (truncated, "file.damaged"),
    "corrupt plan": (garbled, "file.damaged"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_files_are_refused_with_a_clear_message_and_left_unchanged(
    tmp_path, empty_plan_bytes, kind
):
    make, message_id = BAD_FILES[kind]
    path = tmp_path / "bad.okrdesk"
    make(path, empty_plan_bytes)
    before = digest(path)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(path)
    assert refused.value.message_id == message_id
    assert "\n" not in refused.value.message("en") and refused.value.message("zh_CN")
    assert digest(path) == before
    assert not Path(f"{path}.lock").exists()


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    with pytest.raises(PlanFileError) as missing:
        PlanFile.open(tmp_path / "nowhere.okrdesk")
    assert missing.value.message_id == "file.not_found"
    with pytest.raises(PlanFileError) as folder:
        PlanFile.open(tmp_path)
    assert folder.value.message_id == "file.not_a_file"


def test_a_plan_from_a_newer_okrdesk_is_refused_unchanged(plan_path):
    db = sqlite3.connect(plan_path)
    db.execute("UPDATE alembic_version SET version_num = '9999_future'")
    db.commit()
    db.close()
    before = digest(plan_path)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(plan_path)
    assert refused.value.message_id == "file.too_new"
    assert "newer version" in refused.value.message("en")
    assert digest(plan_path) == before


def first_schema_plan(path: Path) -> None:
    """A plan file as the first released schema (revision 0001) wrote it, with content."""
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO plan_info VALUES (1, 'Old Co', '2026-01-01T00:00:00.000000+00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO cycle VALUES (1, '2026-Q1', '2026-01-01', '2026-03-31')"
        )
        connection.exec_driver_sql("INSERT INTO org_unit VALUES (1, 'Old Co', 'company', NULL, 0)")
        connection.exec_driver_sql(
            "INSERT INTO workshop VALUES (1, 'Old workshop', 1, 1, 'brainstorm', NULL, 0,"
            " '2026-01-01T00:00:00.000000+00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO idea VALUES (1, 1, '旧想法', NULL, NULL, NULL, 0,"
            " '2026-01-01T00:00:00.000000+00:00')"
        )
    engine.dispose()


def test_an_older_plan_is_backed_up_and_upgraded_in_place(tmp_path):
    path = tmp_path / "old.okrdesk"
    first_schema_plan(path)
    original = digest(path)
    with PlanFile.open(path) as plan:
        assert plan.backup_path is not None and plan.backup_path.exists()
        with plan.reader() as session:
            workshop = session.get(Workshop, 1)
            assert (workshop.title, workshop.dot_budget, workshop.dot_cap, workshop.locked) == (
                "Old workshop",
                5,
                3,
                False,
            )
            assert session.get(Idea, 1).text == "旧想法"
        # The upgraded plan works with today's operations.
        PlanEditor(plan).apply(ops.AddIdea(1, "新想法"))
    backup = sqlite3.connect(plan.backup_path)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert backup.execute("SELECT text FROM idea").fetchall() == [("旧想法",)]
    backup.close()
    assert read_schema_revision(path) == migrate.head_revision()
    assert digest(path) != original


def test_an_older_plan_opened_read_only_is_not_upgraded_and_says_how(tmp_path):
    path = tmp_path / "old.okrdesk"
    first_schema_plan(path)
    before = digest(path)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(path, read_only=True)
    assert refused.value.message_id == "file.needs_upgrade"
    assert digest(path) == before and not list(tmp_path.glob("*.bak"))


def test_the_shipped_revision_list_matches_alembic():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    ordered = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(ordered) == migrate.REVISIONS
    assert script.get_current_head() == migrate.head_revision()


def test_the_models_match_the_migrations_exactly(plan_path):
    engine = create_engine(f"sqlite:///{plan_path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


HOLD_OPEN = textwrap.dedent(
    """
    import sys, time
    from okrdesk.engine import ops
    from okrdesk.engine.editor import PlanEditor
    from okrdesk.models.planfile import PlanFile
    plan = PlanFile.open(sys.argv[1])
    if len(sys.argv) > 2:
        print(PlanEditor(plan).apply(ops.AddIdea(1, sys.argv[2])).result, flush=True)
    print("ready", flush=True)
    time.sleep(120)
    """
)


def hold_open(path: Path, *extra: str) -> tuple[subprocess.Popen, list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(path), *extra], stdout=subprocess.PIPE, text=True
    )
    lines = []
    while (line := process.stdout.readline().strip()) != "ready":
        assert line, "the other process ended early"
        lines.append(line)
    return process, lines


def kill(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()
    process.stdout.close()


def test_a_plan_open_in_another_process_opens_read_only_here(room, plan_path):
    room.editor.plan.close()
    other, _ = hold_open(plan_path)
    try:
        before = digest(plan_path)
        with PlanFile.open(plan_path) as second:
            assert second.read_only
            assert str(other.pid) in second.read_only_reason
            with second.reader() as session:
                assert session.get(Workshop, room.workshop) is not None
            with pytest.raises(ReadOnlyPlanError) as refused:
                PlanEditor(second).apply(ops.AddIdea(room.workshop, "from the second window"))
            assert "read-only" in refused.value.message("en")
        assert digest(plan_path) == before
    finally:
        kill(other)
    with PlanFile.open(plan_path) as after_the_other_died:
        assert not after_the_other_died.read_only  # the OS released the dead process's lock


def test_a_killed_process_loses_no_committed_change(room, plan_path):
    room.editor.plan.close()
    other, lines = hold_open(plan_path, "written just before the crash")
    kill(other)  # SIGKILL: no clean shutdown, no checkpoint
    with PlanFile.open(plan_path) as reopened, reopened.reader() as session:
        assert session.get(Idea, int(lines[0])).text == "written just before the crash"


def test_two_names_for_one_plan_share_one_lock(plan_path):
    alias = plan_path.with_name("alias.okrdesk")
    alias.symlink_to(plan_path)
    with PlanFile.open(plan_path) as first, PlanFile.open(alias) as second:
        assert not first.read_only and second.read_only


def test_a_plan_in_a_folder_without_write_access_opens_read_only(
    tmp_path, empty_plan_bytes, monkeypatch
):
    import errno

    from okrdesk.models import fileformat
    from okrdesk.models.filelock import PlanLock

    path = tmp_path / "plan.okrdesk"
    path.write_bytes(empty_plan_bytes)
    before = digest(path)
    # As on a read-only share: no lock file can be created and the folder is not writable.
    real_access = fileformat.os.access
    monkeypatch.setattr(
        fileformat.os,
        "access",
        lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode),
    )

    def refuse(self):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(PlanLock, "acquire", refuse)
    assert "immutable=1" in fileformat.read_only_uri(path)
    with PlanFile.open(path) as plan:
        assert plan.read_only and plan.read_only_reason == "read-only folder"
        with plan.reader() as session:
            assert session.scalar(select(PlanInfo.organisation)) == "Northstar"
    assert digest(path) == before


def test_a_copy_has_every_committed_change_and_never_replaces_the_plan(room, plan_path, tmp_path):
    room.idea("in the write-ahead log only")  # WAL not yet checkpointed into the main file
    copy = tmp_path / "copy.okrdesk"
    room.editor.plan.save_copy(copy)
    with PlanFile.open(copy, read_only=True) as opened, opened.reader() as session:
        from okrdesk.models import Idea

        assert session.scalars(select(Idea.text)).all() == ["in the write-ahead log only"]
    before = plan_path.read_bytes()
    with pytest.raises(PlanFileError) as refused:
        room.editor.plan.save_copy(plan_path)
    assert "another name" in refused.value.message("en") and plan_path.read_bytes() == before
    old = tmp_path / "existing.okrdesk"
    old.write_bytes(b"keep me")
    with pytest.raises(PlanFileError):
        room.editor.plan.save_copy(tmp_path / "no-such-folder" / "copy.okrdesk")
    assert old.read_bytes() == b"keep me" and not list(tmp_path.glob("**/*.partial"))


def test_an_upgrade_that_fails_for_lack_of_space_says_so_and_leaves_nothing(tmp_path, monkeypatch):
    import errno

    path = tmp_path / "old.okrdesk"
    first_schema_plan(path)
    before = digest(path)

    def no_space(_engine):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(migrate, "upgrade", no_space)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(path)
    assert refused.value.message_id == "file.disk_full"
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.okrdesk"]


def test_only_one_shot_reads_take_a_plan_as_immutable(plan_path, monkeypatch):
    from okrdesk.models import fileformat

    assert "immutable=1" in fileformat.read_only_uri(plan_path)
    # A read-only window must see a writer that starts later.
    assert "immutable=1" not in fileformat.read_only_uri(plan_path, lasting=True)
    real_access = fileformat.os.access
    monkeypatch.setattr(
        fileformat.os,
        "access",
        lambda p, mode: False if Path(p) == plan_path.parent.resolve() else real_access(p, mode),
    )
    # Where SQLite cannot write its -shm, immutable is the only way to read at all.
    assert "immutable=1" in fileformat.read_only_uri(plan_path, lasting=True)
    with PlanFile.open(plan_path) as writer:
        PlanEditor(writer).apply(ops.CreateUnit("Northstar"))
        assert "immutable=1" not in fileformat.read_only_uri(plan_path)  # a writer's log is there


def test_on_macos_commits_reach_the_disk_past_its_cache(plan_path, monkeypatch):
    import sys as system

    monkeypatch.setattr(system, "platform", "darwin")
    with PlanFile.open(plan_path) as plan, plan.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA fullfsync").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA checkpoint_fullfsync").scalar() == 1


def test_a_plan_on_a_read_only_file_system_is_said_to_be_in_a_place_okrdesk_cannot_write(
    plan_path, monkeypatch
):
    import os as system
    from types import SimpleNamespace

    from okrdesk.models import planfile

    real_access = planfile.os.access
    monkeypatch.setattr(
        planfile.os,
        "access",
        lambda p, mode: False if Path(p) == plan_path else real_access(p, mode),
    )
    monkeypatch.setattr(planfile.os, "statvfs", lambda _p: SimpleNamespace(f_flag=system.ST_RDONLY))
    with PlanFile.open(plan_path) as plan:
        assert plan.read_only and plan.read_only_reason == "read-only folder"
