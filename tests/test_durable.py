"""Files written whole: flushed to disk before their rename, never onto what is being read,
never half a backup under a backup's name, and the true cause when the disk is full."""

import errno
import hashlib
import io
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from okrdesk import cli
from okrdesk.errors import PlanFileError
from okrdesk.export.exporter import check_target, export
from okrdesk.models import durable, migrate
from okrdesk.models.planfile import PlanFile
from tests.test_planfile import first_schema_plan

FAR_FUTURE = 4_000_000_000  # 2096: a temporary "written then" is never stale


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_of(plan: Path):
    from okrdesk.engine.sources import read_snapshot

    return read_snapshot(plan)


class FullDisk(io.FileIO):
    """A file on a disk with room for `room` bytes: then ENOSPC, as the kernel says it."""

    room = 16

    def write(self, data):
        free = self.room - self.tell()
        if len(data) > free:
            super().write(bytes(data[: max(free, 0)]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


def beside(folder: Path) -> list[str]:
    """The files in a folder, but for the -wal and -shm SQLite keeps beside a database it
    reads (empty ones are left by any read-only reader of a WAL plan; not ours to judge)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def fill_the_disk(monkeypatch):
    monkeypatch.setattr(durable, "_open_stream", lambda descriptor: FullDisk(descriptor, "wb"))


def deny(monkeypatch):
    def refused(descriptor):
        os.close(descriptor)
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(durable, "_open_stream", refused)


# Power cuts: the data is on disk before the new name, and the new name before we go on.


def record_syncs(monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor):
        events.append("sync folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "sync file")
        real_fsync(descriptor)

    def replace(source, target, **kwargs):
        events.append(f"rename to {Path(target).name}")
        real_replace(source, target, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events


@pytest.mark.parametrize("writer", ["export", "save copy", "backup"])
def test_a_file_is_on_disk_before_its_rename_and_the_rename_before_we_go_on(
    writer, plan_path, tmp_path, monkeypatch
):
    if writer == "export":
        snapshot = snapshot_of(plan_path)
        events = record_syncs(monkeypatch)
        export(snapshot, tmp_path / "okrs.md", language="en")
        name = "okrs.md"
    elif writer == "save copy":
        with PlanFile.open(plan_path) as opened:
            recorded = record_syncs(monkeypatch)
            opened.save_copy(tmp_path / "copy.okrdesk")
            events = list(recorded)  # before closing the plan, which syncs its own files
        name = "copy.okrdesk"
    else:
        events = record_syncs(monkeypatch)
        name = migrate.backup_copy(plan_path, "0004").name
    assert events == ["sync file", f"rename to {name}", "sync folder"]


# A kill during the backup before an upgrade: no backup at all, never an empty one.

CHILD = r"""
import io, os, sqlite3, sys, threading
from pathlib import Path

plan, point = Path(sys.argv[1]), sys.argv[2]


def stop():
    print("stopped", flush=True)
    threading.Event().wait()  # until the test kills us


if point == "copying":
    class Stepping(sqlite3.Connection):
        def backup(self, target, **kwargs):
            def progress(_status, remaining, _total):
                if remaining:
                    stop()
            super().backup(target, pages=1, progress=progress)

    real_connect = sqlite3.connect
    sqlite3.connect = lambda *args, **kwargs: real_connect(*args, factory=Stepping, **kwargs)

from okrdesk.models import migrate

if point == "writing":
    from okrdesk.models import durable

    real_write = durable.write_atomically

    def halfway(target, write):
        buffer = io.BytesIO()
        write(buffer)
        data = buffer.getvalue()

        def half(stream):
            stream.write(data[: len(data) // 2])
            stream.flush()
            os.fsync(stream.fileno())
            stop()

        real_write(target, half)

    durable.write_atomically = halfway

migrate.backup_copy(plan, "0001")
print("finished", flush=True)
"""


@pytest.mark.parametrize("point", ["copying", "writing"])
def test_a_kill_during_the_backup_leaves_no_backup_and_the_next_opening_makes_one(point, tmp_path):
    plan = tmp_path / "old.okrdesk"
    first_schema_plan(plan)
    before = digest(plan)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(plan), point],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = child.stdout.readline()  # blocks until the child stops half-way (or dies)
    finally:
        child.kill()
        _out, errors = child.communicate()
    assert said == "stopped\n", errors
    assert [p.name for p in tmp_path.iterdir() if ".bak" in p.name] == []
    assert digest(plan) == before
    left = [p for p in tmp_path.iterdir() if p.name.startswith(durable.TEMPORARY_PREFIX)]
    assert len(left) == (1 if point == "writing" else 0)
    for temporary in left:  # hidden, and taken for stale from now on
        assert temporary.name.endswith(".partial")
        os.utime(temporary, (0, 0))
    with PlanFile.open(plan) as opened:
        backup = opened.backup_path
    assert backup is not None and backup.name.startswith("old.okrdesk.schema-0001-")
    with closing(sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT text FROM idea").fetchall() == [("旧想法",)]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(durable.TEMPORARY_PREFIX)]


# A full disk: nothing left behind, and the message says the disk is full.


def test_a_full_disk_during_the_backup_leaves_nothing_and_says_the_disk_is_full(
    tmp_path, monkeypatch
):
    plan = tmp_path / "old.okrdesk"
    first_schema_plan(plan)
    before, names = digest(plan), beside(tmp_path)
    fill_the_disk(monkeypatch)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(plan)
    assert refused.value.message_id == "file.backup_disk_full"
    assert "disk" in refused.value.message("en") and "full" in refused.value.message("en")
    assert "磁盘已满" in refused.value.message("zh_CN")
    assert beside(tmp_path) == names
    assert digest(plan) == before


def test_a_backup_refused_for_another_cause_names_that_cause(tmp_path, monkeypatch):
    plan = tmp_path / "old.okrdesk"
    first_schema_plan(plan)
    names = beside(tmp_path)
    deny(monkeypatch)
    with pytest.raises(PlanFileError) as refused:
        migrate.backup_copy(plan, "0001")
    message = refused.value.message("en")
    assert refused.value.message_id == "file.backup_failed"
    assert os.strerror(errno.EACCES) in message and "full" not in message
    assert beside(tmp_path) == names


@pytest.mark.parametrize("writer", ["export", "save copy"])
def test_a_full_disk_leaves_the_old_file_as_it_was_and_says_the_disk_is_full(
    writer, plan_path, tmp_path, monkeypatch
):
    out = tmp_path / ("okrs.md" if writer == "export" else "copy.okrdesk")
    out.write_bytes(b"yesterday's")
    snapshot = snapshot_of(plan_path)
    with PlanFile.open(plan_path) as opened:
        fill_the_disk(monkeypatch)
        with pytest.raises(PlanFileError) as refused:
            if writer == "export":
                export(snapshot, out, language="en")
            else:
                opened.save_copy(out)
    assert refused.value.message_id == "file.write_disk_full"
    assert out.read_bytes() == b"yesterday's"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(durable.TEMPORARY_PREFIX)]


# Never onto what is being read, by any name.


def test_an_export_never_replaces_the_plan_it_reads(tmp_path, empty_plan_bytes, capsys):
    plan = tmp_path / "plan.md"  # a plan whose name happens to end in an export's suffix
    plan.write_bytes(empty_plan_bytes)
    before = digest(plan)
    (tmp_path / "sub").mkdir()
    os.link(plan, tmp_path / "hard.md")
    (tmp_path / "soft.md").symlink_to(plan)
    for out in ("plan.md", "sub/../plan.md", "hard.md", "soft.md"):
        assert cli.main(["export", str(plan), str(tmp_path / out), "--lang", "en"]) == 2
        assert "is the plan being exported" in capsys.readouterr().err, out
    # Reached through a link, the plan is still the plan.
    assert cli.main(["export", str(tmp_path / "soft.md"), str(plan), "--lang", "zh_CN"]) == 2
    assert "正在导出的计划" in capsys.readouterr().err
    assert digest(plan) == before and (tmp_path / "soft.md").is_symlink()
    # Plan JSON too.
    assert cli.main(["export", str(plan), str(tmp_path / "plan.json"), "--lang", "en"]) == 0
    json_before = digest(tmp_path / "plan.json")
    assert cli.main(["export", str(tmp_path / "plan.json"), str(tmp_path / "plan.json")]) == 2
    assert digest(tmp_path / "plan.json") == json_before
    # Another output is fine.
    assert cli.main(["export", str(plan), str(tmp_path / "okrs.md"), "--lang", "en"]) == 0


def test_an_export_never_writes_a_backup_in_use_or_a_file_kept_beside_the_plan(plan_path, tmp_path):
    snapshot = snapshot_of(plan_path)
    backup = tmp_path / "backup.md"  # whatever its name, a backup in use is not a target
    backup.write_text("the backup")
    with pytest.raises(PlanFileError) as refused:
        export(snapshot, backup, language="en", protect=(plan_path, backup))
    assert refused.value.message_id == "file.export_onto_source"
    # A plan named x.md keeps x.md-wal and x.md.lock beside it, existing or not.
    for own in ("x.md-wal", "x.md-shm", "x.md.lock"):
        with pytest.raises(PlanFileError) as refused:
            check_target(tmp_path / own, protect=(tmp_path / "x.md",))
        assert refused.value.message_id == "file.onto_plan_file"
    assert backup.read_text() == "the backup"


def test_a_copy_is_never_saved_onto_the_plans_own_files(plan_path, tmp_path):
    backup = tmp_path / "plan.okrdesk.schema-0003-20260101T000000.bak"
    backup.write_bytes(b"the backup taken on opening")
    os.link(plan_path, tmp_path / "hard.okrdesk")
    (tmp_path / "soft.okrdesk").symlink_to(plan_path)
    with PlanFile.open(plan_path) as opened:
        opened.backup_path = backup
        before = digest(plan_path)
        for name in ("plan.okrdesk", "hard.okrdesk", "soft.okrdesk"):
            with pytest.raises(PlanFileError) as refused:
                opened.save_copy(tmp_path / name)
            assert refused.value.message_id == "file.copy_onto_itself", name
        for name in ("plan.okrdesk-wal", "plan.okrdesk-shm", "plan.okrdesk.lock", backup.name):
            with pytest.raises(PlanFileError) as refused:
                opened.save_copy(tmp_path / name)
            assert refused.value.message_id == "file.onto_plan_file", name
        assert digest(plan_path) == before and backup.read_bytes() == b"the backup taken on opening"
        opened.save_copy(tmp_path / "copy.okrdesk")
    assert (tmp_path / "copy.okrdesk").stat().st_size > 0


# A read-only target is refused, not silently replaced.


def test_a_read_only_target_is_refused_by_export_and_save_copy(plan_path, tmp_path, capsys):
    for name in ("okrs.csv", "copy.okrdesk"):
        (tmp_path / name).write_bytes(b"kept")
        (tmp_path / name).chmod(0o444)
    assert cli.main(["export", str(plan_path), str(tmp_path / "okrs.csv"), "--lang", "en"]) == 2
    assert "is a read-only file" in capsys.readouterr().err
    with PlanFile.open(plan_path) as opened, pytest.raises(PlanFileError) as refused:
        opened.save_copy(tmp_path / "copy.okrdesk")
    assert refused.value.message_id == "file.read_only_target"
    assert [(tmp_path / n).read_bytes() for n in ("okrs.csv", "copy.okrdesk")] == [b"kept"] * 2


# Temporaries left by a kill are cleaned by the next write to the folder, and only those.


def make_temporary(folder: Path, name: str, mtime: float) -> Path:
    path = folder / name
    path.write_bytes(b"half")
    os.utime(path, (mtime, mtime))
    return path


@pytest.mark.skipif(os.name != "posix", reason="a writer at work is marked with fcntl's lock")
def test_the_next_export_removes_stale_temporaries_and_only_those(plan_path, tmp_path):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    stale = make_temporary(out, ".okrdesk-abcd1234.partial", 0)
    locked = make_temporary(out, ".okrdesk-efgh5678.partial", 0)
    fresh = make_temporary(out, ".okrdesk-ijkl9012.partial", FAR_FUTURE)
    others = [
        make_temporary(out, name, 0)
        for name in (".okrdesk-notes.partial", "okrdesk-abcd1234.partial", "report.partial")
    ]
    with locked.open("rb") as writer_at_work:
        fcntl.flock(writer_at_work.fileno(), fcntl.LOCK_EX)
        export(snapshot_of(plan_path), out / "okrs.md", language="en")
    assert not stale.exists()
    assert locked.exists() and fresh.exists() and all(p.exists() for p in others)


def test_staleness_is_by_age_and_lock_never_by_the_clock_of_the_test(tmp_path):
    written = 1_000_000.0
    temporary = make_temporary(tmp_path, ".okrdesk-abcd1234.partial", written)
    minutes = durable.STALE_AFTER_SECONDS
    assert durable.remove_stale_temporaries(tmp_path, now=written + minutes - 1) == []
    assert durable.remove_stale_temporaries(tmp_path, now=written + minutes) == [temporary]
    assert not temporary.exists()


def test_an_export_over_the_plan_is_said_as_such_whatever_its_extension(tmp_path, capsys):
    from okrdesk import cli

    plan = tmp_path / "plan.okrdesk"
    assert cli.main(["demo", str(plan), "--stage", "brainstorm"]) == 0
    capsys.readouterr()
    assert cli.main(["export", str(plan), str(plan), "--lang", "en"]) == 2
    assert "is the plan being exported" in capsys.readouterr().err


def test_a_read_only_disk_under_an_export_is_said_in_the_users_language(tmp_path, monkeypatch):
    import errno as codes

    from okrdesk.errors import PlanFileError
    from okrdesk.export import exporter

    def read_only_disk(_target, _write):
        raise OSError(codes.EROFS, "Read-only file system", str(tmp_path / ".okrdesk-x.partial"))

    monkeypatch.setattr(exporter.durable, "write_atomically", read_only_disk)
    out = tmp_path / "out.md"
    with pytest.raises(PlanFileError) as refused:
        exporter.write_atomically(out, lambda stream: stream.write(b"x"))
    assert refused.value.message_id == "file.now_read_only"
    assert refused.value.params["path"] == str(out)
    assert "Read-only file system" not in refused.value.message("zh_CN")


@pytest.mark.skipif(os.name != "posix", reason="fcntl is POSIX")
def test_on_macos_a_file_is_flushed_past_the_drives_cache(monkeypatch):
    from okrdesk.models import durable

    calls = []
    monkeypatch.setattr(durable.fcntl, "F_FULLFSYNC", 51, raising=False)
    monkeypatch.setattr(durable.fcntl, "fcntl", lambda fd, op: calls.append(("fcntl", op)))
    monkeypatch.setattr(durable.os, "fsync", lambda fd: calls.append(("fsync", fd)))
    durable.sync_file(7)
    assert calls == [("fcntl", 51)]


# A link is written through; a pipe or a device is never replaced.


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and pipes as POSIX has them")
def test_an_export_onto_a_symbolic_link_updates_the_file_it_leads_to(plan_path, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real.md"
    real.write_text("old")
    link = tmp_path / "out.md"
    link.symlink_to(Path("elsewhere") / "real.md")  # relative, as ln -s makes it
    # The file is there: replacing it is asked for (export never replaces unasked).
    assert cli.main(["export", str(plan_path), str(link), "--lang", "en"]) == 2
    assert real.read_text() == "old"
    assert cli.main(["export", str(plan_path), str(link), "--lang", "en", "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("elsewhere") / "real.md")
    assert real.read_text() != "old" and real.read_text() == link.read_text()
    # A link to a file not yet there makes that file; the temporaries went beside it, and none stay.
    fresh = tmp_path / "fresh.md"
    fresh.symlink_to(elsewhere / "new.md")
    assert cli.main(["export", str(plan_path), str(fresh), "--lang", "en"]) == 0
    assert fresh.is_symlink() and (elsewhere / "new.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert sorted(p.name for p in elsewhere.iterdir()) == ["new.md", "real.md"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and pipes as POSIX has them")
def test_a_copy_saved_through_a_link_is_written_where_it_leads(plan_path, tmp_path):
    (tmp_path / "kept").mkdir()
    link = tmp_path / "copy.okrdesk"
    link.symlink_to(tmp_path / "kept" / "copy.okrdesk")
    with PlanFile.open(plan_path) as opened:
        opened.save_copy(link)
    assert link.is_symlink() and (tmp_path / "kept" / "copy.okrdesk").stat().st_size > 0


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and pipes as POSIX has them")
def test_an_export_onto_a_pipe_is_refused_and_leaves_it(plan_path, tmp_path, capsys):
    """(No device here: as root, a regression would replace /dev/null itself.)"""
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    link = tmp_path / "to-pipe.csv"
    link.symlink_to(pipe)
    for target, language, said in [
        (pipe, "en", "is not a regular file"),
        (link, "zh_CN", "不是普通文件"),
    ]:
        assert cli.main(["export", str(plan_path), str(target), "--lang", language]) == 2
        err = capsys.readouterr().err
        assert said in err and str(target) in err and err.count("\n") == 1
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir() if p != plan_path) == [
        "pipe.md",
        "to-pipe.csv",
    ]
    with pytest.raises(PlanFileError) as refused:
        check_target(Path(os.devnull))
    assert refused.value.message_id == "file.target_not_regular"
