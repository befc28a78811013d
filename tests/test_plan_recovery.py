"""One writer per plan file whatever its name, and leftover change logs never replayed silently."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from okrdesk.cli import main
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.errors import PlanFileError
from okrdesk.models import Idea, PlanInfo
from okrdesk.models.planfile import PlanFile
from okrdesk.models.walguard import inspect_wal, read_wal_frames
from tests.conftest import StepClock
from tests.test_planfile import digest, hold_open, kill


def ideas(path: Path) -> list[str]:
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        return list(session.scalars(select(Idea.text).order_by(Idea.id)))


def crashed_copy(source: Path, target: Path, texts: list[str]) -> None:
    """target and its log exactly as a session killed after committing texts would leave them."""
    with PlanFile.open(source) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        for text in texts:
            editor.apply(ops.AddIdea(1, text))
        shutil.copyfile(source, target)
        shutil.copyfile(f"{source}-wal", f"{target}-wal")


@pytest.fixture
def workshop_plan(room, plan_path) -> Path:
    """A plan with one workshop (id 1) and two ideas, closed."""
    room.idea("first idea")
    room.idea("second idea")
    room.editor.plan.close()
    return plan_path


# One plan, one writer -------------------------------------------------------------------


def test_a_hard_link_to_an_open_plan_is_refused_not_a_second_writer(
    workshop_plan, tmp_path, capsys
):
    link = tmp_path / "link.okrdesk"
    os.link(workshop_plan, link)
    other, _ = hold_open(workshop_plan)
    try:
        for read_only in (False, True):
            with pytest.raises(PlanFileError) as refused:
                PlanFile.open(link, read_only=read_only)
            assert refused.value.message_id == "file.open_under_other_name"
            assert str(workshop_plan.resolve()) in refused.value.message("en")
        source = tmp_path / "ideas.csv"
        source.write_text("idea\nthrough the link\n", encoding="utf-8")
        assert main(["import", str(link), str(source), "--workshop", "1"]) == 2
        assert "another name" in capsys.readouterr().err
        with PlanFile.open(workshop_plan, read_only=True) as same_name:
            assert same_name.read_only  # the writer's own name may still be read
    finally:
        kill(other)
    assert not (tmp_path / "link.okrdesk-wal").exists()
    with PlanFile.open(link) as alone:
        assert not alone.read_only  # with nobody else writing, any name may write
        PlanEditor(alone).apply(ops.AddIdea(1, "written through the link"))
    assert ideas(workshop_plan)[-1] == "written through the link"


def test_two_writers_through_two_names_lose_nothing(workshop_plan, tmp_path):
    """The attack that lost 400 of 800 changes: two processes, one through a hard link."""
    link = tmp_path / "link.okrdesk"
    os.link(workshop_plan, link)
    script = (
        "import sys\n"
        "from okrdesk.engine import ops\n"
        "from okrdesk.engine.editor import PlanEditor\n"
        "from okrdesk.errors import PlanFileError\n"
        "from okrdesk.models.planfile import PlanFile\n"
        "written = 0\n"
        "for n in range(40):\n"
        "    try:\n"
        "        plan = PlanFile.open(sys.argv[1])\n"
        "    except PlanFileError:\n"
        "        continue\n"
        "    with plan:\n"
        "        if not plan.read_only:\n"
        "            PlanEditor(plan).apply(ops.AddIdea(1, f'{sys.argv[2]} {n}'))\n"
        "            written += 1\n"
        "print(written)\n"
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(name), tag], stdout=subprocess.PIPE, text=True
        )
        for name, tag in ((workshop_plan, "first"), (link, "second"))
    ]
    acknowledged = sum(int(writer.communicate(timeout=120)[0]) for writer in writers)
    texts = ideas(workshop_plan)
    assert len(texts) == 2 + acknowledged
    assert ideas(link) == texts


# Leftover logs ---------------------------------------------------------------------------


def test_a_crashed_sessions_log_is_recovered_with_a_copy_kept_and_said(workshop_plan, tmp_path):
    crashed = tmp_path / "crashed.okrdesk"
    crashed_copy(workshop_plan, crashed, ["after the crash 1", "after the crash 2"])
    plan_bytes, log_bytes = crashed.read_bytes(), Path(f"{crashed}-wal").read_bytes()
    with PlanFile.open(crashed) as plan:
        recovery = plan.recovery
        assert recovery is not None and recovery.verdict.belongs
        assert recovery.verdict.recovered == 2 and recovery.verdict.lost == 0
        assert "recovered 2 saved changes" in recovery.message("en")
        assert "恢复 2 项" in recovery.message("zh_CN")
        kept = recovery.kept_in
        assert (kept / crashed.name).read_bytes() == plan_bytes
        assert (kept / f"{crashed.name}-wal").read_bytes() == log_bytes
        # Folded into the file at once: a later unclean exit recovers nothing twice.
        assert Path(f"{crashed}-wal").stat().st_size == 0
    assert ideas(crashed)[-2:] == ["after the crash 1", "after the crash 2"]
    with PlanFile.open(crashed) as again:
        assert again.recovery is None  # said once: the log is part of the plan now


def test_a_log_left_before_an_older_copy_was_restored_is_set_aside(workshop_plan, tmp_path):
    older = tmp_path / "older.okrdesk"
    shutil.copyfile(workshop_plan, older)
    with PlanFile.open(workshop_plan) as plan:
        PlanEditor(plan).apply(ops.AddIdea(1, "checkpointed before the crash"))
    crashed = tmp_path / "crashed.okrdesk"
    crashed_copy(workshop_plan, crashed, ["in the crashed session's log"])
    shutil.copyfile(older, crashed)  # a file manager restores the plan, not its -wal
    with PlanFile.open(crashed) as plan:
        assert plan.recovery is not None
        assert plan.recovery.message_id == "file.wal_set_aside_other_copy"
        assert (plan.recovery.kept_in / f"{crashed.name}-wal").exists()
    assert ideas(crashed) == ["first idea", "second idea"]
    assert not Path(f"{crashed}-wal").exists() or Path(f"{crashed}-wal").stat().st_size == 0


def test_another_plans_log_is_never_applied(workshop_plan, tmp_path):
    other = tmp_path / "other.okrdesk"
    with PlanFile.create(other, "Someone Else Ltd") as plan:
        with plan.transaction() as session:
            session.get(PlanInfo, 1).organisation = "Someone Else Ltd"
        shutil.copyfile(f"{other}-wal", f"{workshop_plan}-wal")
    before = digest(workshop_plan)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(workshop_plan, read_only=True)
    assert refused.value.message_id == "file.wal_foreign_read_only"
    assert digest(workshop_plan) == before
    with PlanFile.open(workshop_plan) as plan:
        assert plan.recovery is not None
        assert plan.recovery.message_id == "file.wal_set_aside_other_plan"
        with plan.reader() as session:
            assert session.scalar(select(PlanInfo.organisation)) == "Northstar"
    assert len(ideas(workshop_plan)) == 2


@pytest.mark.parametrize("damaged_commit", [0, 2])
def test_a_damaged_log_recovers_what_it_can_and_counts_what_it_cannot(
    workshop_plan, tmp_path, damaged_commit
):
    crashed = tmp_path / "crashed.okrdesk"
    texts = [f"change {n}" for n in range(5)]
    crashed_copy(workshop_plan, crashed, texts)
    log = Path(f"{crashed}-wal")
    frames = read_wal_frames(log)
    assert frames is not None and len(frames.commits) == 5
    # Flip one byte inside the first frame after the last intact commit.
    first_bad = 1 if damaged_commit == 0 else frames.commits[damaged_commit - 1] + 1
    data = bytearray(log.read_bytes())
    data[32 + (first_bad - 1) * (24 + frames.page_size) + 24 + 7] ^= 0xFF
    log.write_bytes(bytes(data))
    verdict = inspect_wal(crashed)
    assert (verdict.belongs, verdict.recovered, verdict.lost) == (
        True,
        damaged_commit,
        5 - damaged_commit,
    )
    with PlanFile.open(crashed) as plan:
        assert plan.recovery is not None
        message = plan.recovery.message("en")
        assert f"{5 - damaged_commit} later ones could not be read" in message
    assert ideas(crashed)[2:] == texts[:damaged_commit]


def test_a_log_that_is_not_a_log_is_set_aside(workshop_plan):
    Path(f"{workshop_plan}-wal").write_bytes(b"not a write-ahead log at all" * 100)
    with PlanFile.open(workshop_plan) as plan:
        assert plan.recovery is not None
        assert plan.recovery.message_id == "file.wal_set_aside_damaged"
    assert len(ideas(workshop_plan)) == 2


def test_a_cleanly_closed_plan_leaves_no_log_even_with_a_reader_open(workshop_plan):
    with PlanFile.open(workshop_plan, read_only=True) as reader:
        with PlanFile.open(workshop_plan) as writer:
            PlanEditor(writer).apply(ops.AddIdea(1, "while someone reads"))
        with reader.reader() as session:
            assert session.scalar(select(func.count()).select_from(Idea)) == 3
    with PlanFile.open(workshop_plan) as plan:
        assert plan.recovery is None


def test_every_commit_is_chained_in_the_stamp_and_undo_does_not_rewind_it(workshop_plan):
    def stamp() -> tuple[int, str, str]:
        with closing(sqlite3.connect(workshop_plan)) as db:
            return db.execute(
                "SELECT generation, commit_token, previous_token FROM plan_stamp"
            ).fetchone()

    start = stamp()
    with PlanFile.open(workshop_plan) as plan:
        editor = PlanEditor(plan)
        change = editor.apply(ops.AddIdea(1, "counted"))
        with plan.reader() as session:
            assert session.scalar(select(Idea.id).where(Idea.text == "counted"))
        middle = stamp()
        editor.revert(change)
    end = stamp()
    assert (middle[0], middle[2]) == (start[0] + 1, start[1])
    assert (end[0], end[2]) == (start[0] + 2, middle[1])
    assert len({start[1], middle[1], end[1]}) == 3


def test_a_killed_session_is_recovered_and_said_by_the_cli(workshop_plan, capsys):
    other, _ = hold_open(workshop_plan, "written just before the kill")
    kill(other)
    assert (
        main(["import", str(workshop_plan), str(_csv(workshop_plan.parent)), "--workshop", "1"])
        == 0
    )
    err = capsys.readouterr().err
    assert "not closed properly" in err and "recovered 1 saved change" in err
    assert "written just before the kill" in ideas(workshop_plan)


def _csv(folder: Path) -> Path:
    source = folder / "more.csv"
    source.write_text("idea\nimported after the crash\n", encoding="utf-8")
    return source


def test_no_room_for_the_kept_copy_means_no_recovery_and_nothing_left(
    workshop_plan, tmp_path, monkeypatch
):
    import errno

    from okrdesk.models import walguard

    crashed = tmp_path / "crashed.okrdesk"
    crashed_copy(workshop_plan, crashed, ["waiting for space"])
    plan_bytes, log_bytes = crashed.read_bytes(), Path(f"{crashed}-wal").read_bytes()

    def full(_source, _copy):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(walguard, "_copy_to_disk", full)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(crashed)
    assert refused.value.message_id == "file.disk_full"
    assert crashed.read_bytes() == plan_bytes
    assert Path(f"{crashed}-wal").read_bytes() == log_bytes
    assert not list(tmp_path.glob("crashed.okrdesk.recovery-*"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nor half of one
    assert not Path(f"{crashed}.lock").exists()


def test_a_full_disk_when_taking_the_lock_says_so_and_leaves_no_lock_file(
    workshop_plan, monkeypatch
):
    import errno

    from okrdesk.models import filelock

    real_open = Path.open

    def open_full(self, mode="r", *args, **kwargs):
        handle = real_open(self, mode, *args, **kwargs)
        if self.name.endswith(".lock") and "a" in mode:
            original = handle.flush

            def flush():
                original()
                raise OSError(errno.ENOSPC, "No space left on device")

            handle.flush = flush
        return handle

    monkeypatch.setattr(filelock.Path, "open", open_full)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(workshop_plan)
    assert refused.value.message_id == "file.disk_full"
    assert sorted(p.name for p in workshop_plan.parent.iterdir()) == [workshop_plan.name]


def test_a_log_waiting_while_the_plan_was_written_through_another_name_is_set_aside(
    workshop_plan, tmp_path
):
    crashed = tmp_path / "crashed.okrdesk"
    crashed_copy(workshop_plan, crashed, ["in the waiting log 1", "in the waiting log 2"])
    other_name = tmp_path / "other-name.okrdesk"
    os.link(crashed, other_name)
    with PlanFile.open(other_name) as plan:  # its log is under the other name: unseen here
        assert plan.recovery is None
        PlanEditor(plan).apply(ops.AddIdea(1, "written through the other name"))
    with PlanFile.open(crashed) as plan:
        assert plan.recovery is not None
        assert plan.recovery.message_id == "file.wal_set_aside_other_copy"
    assert ideas(crashed) == ["first idea", "second idea", "written through the other name"]


def test_a_symbolic_link_leads_to_the_log_beside_the_real_file(workshop_plan, tmp_path):
    other = tmp_path / "other.okrdesk"
    with PlanFile.create(other, "Someone Else Ltd") as plan:
        with plan.transaction() as session:
            session.get(PlanInfo, 1).organisation = "Someone Else Ltd, renamed"
        shutil.copyfile(f"{other}-wal", f"{workshop_plan}-wal")
    link = tmp_path / "link.okrdesk"
    link.symlink_to(workshop_plan)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(link, read_only=True)
    assert refused.value.message_id == "file.wal_foreign_read_only"
    with PlanFile.open(link) as plan:
        assert plan.recovery is not None
        assert plan.recovery.message_id == "file.wal_set_aside_other_plan"
        with plan.reader() as session:
            assert session.scalar(select(PlanInfo.organisation)) == "Northstar"


def test_the_kept_folder_is_named_in_full_even_for_a_plan_opened_by_a_relative_name(
    workshop_plan, tmp_path, monkeypatch
):
    crashed = tmp_path / "crashed.okrdesk"
    crashed_copy(workshop_plan, crashed, ["one more"])
    monkeypatch.chdir(tmp_path)
    with PlanFile.open(Path("crashed.okrdesk")) as plan:
        assert plan.recovery is not None and plan.recovery.kept_in.is_absolute()
        assert str(plan.recovery.kept_in) in plan.recovery.message("en")


def test_a_log_left_under_another_name_is_recovered_through_this_one(
    workshop_plan, tmp_path, capsys
):
    """The attack: a writer on h died; the plan was then read and written through a link."""
    other_name = tmp_path / "other-name.okrdesk"
    os.link(workshop_plan, other_name)
    writer, _ = hold_open(workshop_plan, "written before the crash")
    kill(writer)
    assert Path(f"{workshop_plan}-wal").stat().st_size > 0
    # A reader through the other name would see the file without the log: refused.
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(other_name, read_only=True)
    assert refused.value.message_id == "file.wal_under_other_name"
    assert str(workshop_plan.resolve()) in refused.value.message("en")
    # A writer through the other name takes the log over and recovers it first.
    with PlanFile.open(other_name) as plan:
        assert plan.recovery is not None and plan.recovery.verdict.recovered == 1
        PlanEditor(plan).apply(ops.AddIdea(1, "written through the other name"))
    assert ideas(workshop_plan)[-2:] == [
        "written before the crash",
        "written through the other name",
    ]
    assert not Path(f"{workshop_plan}-wal").exists()


def test_a_plan_renamed_while_open_keeps_its_changes_after_a_crash(workshop_plan, tmp_path):
    script = (
        "import os, sys\n"
        "from okrdesk.engine import ops\n"
        "from okrdesk.engine.editor import PlanEditor\n"
        "from okrdesk.models.planfile import PlanFile\n"
        "plan = PlanFile.open(sys.argv[1])\n"
        "editor = PlanEditor(plan)\n"
        "editor.apply(ops.AddIdea(1, 'before the rename'))\n"
        "os.rename(sys.argv[1], sys.argv[2])\n"
        "editor.apply(ops.AddIdea(1, 'after the rename'))\n"
        "os.kill(os.getpid(), 9)\n"
    )
    renamed = tmp_path / "renamed.okrdesk"
    subprocess.run([sys.executable, "-c", script, str(workshop_plan), str(renamed)], timeout=120)
    with PlanFile.open(renamed) as plan:
        assert plan.recovery is not None
    assert ideas(renamed)[-2:] == ["before the rename", "after the rename"]


def test_a_copy_never_replaces_a_plan_another_okrdesk_is_writing(
    workshop_plan, tmp_path, empty_plan_bytes
):
    target = tmp_path / "theirs.okrdesk"
    target.write_bytes(empty_plan_bytes)
    writer, _ = hold_open(target)
    try:
        before = digest(target)
        with PlanFile.open(workshop_plan) as plan, pytest.raises(PlanFileError) as refused:
            plan.save_copy(target)
        assert refused.value.message_id == "file.copy_onto_open_plan"
        assert digest(target) == before
    finally:
        kill(writer)


def test_a_log_beside_a_plan_in_a_folder_okrdesk_cannot_write_is_judged_elsewhere(
    workshop_plan, tmp_path, monkeypatch
):
    import tempfile

    from okrdesk.models import walguard

    crashed = tmp_path / "crashed.okrdesk"
    crashed_copy(workshop_plan, crashed, ["on a share"])
    places: list[object] = []
    real_scratch = tempfile.TemporaryDirectory

    def scratch(*args, **kwargs):
        places.append(kwargs.get("dir"))
        return real_scratch(*args, **kwargs)

    monkeypatch.setattr(walguard.tempfile, "TemporaryDirectory", scratch)
    assert inspect_wal(crashed).belongs
    real_access = walguard.os.access
    monkeypatch.setattr(
        walguard.os,
        "access",
        lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode),
    )
    assert inspect_wal(crashed).belongs
    assert places == [tmp_path, None]  # beside the plan, else the system's temporary folder
