"""The bad-file table through every entry point: one message, the file untouched, nothing left.

Each kind of bad plan file goes through info, info --json, check, export (PDF and
Markdown), import, the window's pre-check and the window itself. Every one of them must
refuse it with the same one-line message, leave its bytes as they were, and leave
nothing beside it (no -wal, -shm, lock file or export temporary).
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from okrdesk import cli
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.errors import PlanFileError
from okrdesk.models.fileformat import check_openable
from okrdesk.models.planfile import PlanFile
from okrdesk.ui import main_window
from tests.test_planfile import BAD_FILES, digest
from tests.test_ui_storage_errors import bare_window


def newer_schema(path: Path, plan_bytes: bytes) -> None:
    path.write_bytes(plan_bytes)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")


def no_schema_version(path: Path, plan_bytes: bytes) -> None:
    path.write_bytes(plan_bytes)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("DROP TABLE alembic_version")


def another_plans_log(path: Path, plan_bytes: bytes) -> None:
    path.write_bytes(plan_bytes)
    other = path.with_name("other-plan.okrdesk")
    with PlanFile.create(other, "Someone Else") as plan:
        PlanEditor(plan).apply(ops.CreateUnit("Someone Else"))
        shutil.copyfile(f"{other}-wal", f"{path}-wal")
    other.unlink()


TABLE = {
    **BAD_FILES,
    "newer schema": (newer_schema, "file.too_new"),
    "no schema version": (no_schema_version, "file.damaged"),
}
ENTRY_POINTS = ["info", "info --json", "check", "export pdf", "export md", "import"]


def arguments(entry: str, path: Path) -> list[str]:
    folder = path.parent / "elsewhere"
    folder.mkdir(exist_ok=True)
    if entry == "import":
        source = folder / "ideas.csv"
        source.write_text("idea\none more\n", encoding="utf-8")
        return ["import", str(path), str(source), "--workshop", "1"]
    if entry.startswith("export"):
        return ["export", str(path), str(folder / f"out.{entry.split()[1]}")]
    return [*entry.split(" ")[:1], str(path), *entry.split(" ")[1:]]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "elsewhere")


@pytest.mark.parametrize("kind", sorted(TABLE))
def test_every_command_refuses_a_bad_file_alike_and_leaves_nothing(
    tmp_path, empty_plan_bytes, capsys, kind
):
    make, message_id = TABLE[kind]
    path = tmp_path / "bad.okrdesk"
    make(path, empty_plan_bytes)
    before, files = digest(path), listing(tmp_path)
    with pytest.raises(PlanFileError) as refused:
        check_openable(path)
    assert refused.value.message_id == message_id
    expected = f"okrdesk: {refused.value.message('en')}\n"
    for entry in ENTRY_POINTS:
        assert cli.main([*arguments(entry, path), "--lang", "en"]) == 2, entry
        captured = capsys.readouterr()
        assert (captured.err, captured.out) == (expected, ""), entry
        assert digest(path) == before, entry
        assert listing(tmp_path) == files, entry
        assert list((tmp_path / "elsewhere").glob("out.*")) == [], entry


@pytest.mark.parametrize("kind", sorted(TABLE))
def test_the_window_refuses_a_bad_file_with_the_same_words(
    qtbot, tmp_path, empty_plan_bytes, monkeypatch, kind
):
    make, message_id = TABLE[kind]
    path = tmp_path / "bad.okrdesk"
    make(path, empty_plan_bytes)
    before, files = digest(path), listing(tmp_path)
    said: list[str] = []
    monkeypatch.setattr(
        main_window.QMessageBox, "warning", lambda _parent, _title, text: said.append(text)
    )
    with pytest.raises(PlanFileError) as refused:
        check_openable(path)
    window = bare_window(qtbot)
    assert not window.open_plan(path)
    assert said == [refused.value.message("en")]
    assert refused.value.message_id == message_id
    assert window.session is None
    assert digest(path) == before and listing(tmp_path) == files


def test_a_log_of_another_plan_is_refused_by_every_reader_and_set_aside_by_a_writer(
    tmp_path, empty_plan_bytes, capsys
):
    path = tmp_path / "plan.okrdesk"
    another_plans_log(path, empty_plan_bytes)
    before = digest(path), digest(Path(f"{path}-wal"))
    for entry in ["info", "info --json", "check", "export pdf"]:
        assert cli.main([*arguments(entry, path), "--lang", "en"]) == 2, entry
        assert "does not belong to this plan" in capsys.readouterr().err
        assert (digest(path), digest(Path(f"{path}-wal"))) == before
    # A writer sets it aside, says so, and keeps it with the plan as it was.
    assert cli.main([*arguments("import", path), "--lang", "en"]) == 2  # no workshop 1 here
    said = capsys.readouterr().err
    assert "belongs to another plan" in said
    kept = next(tmp_path.glob("plan.okrdesk.recovery-*"))
    assert digest(kept / f"{path.name}-wal") == before[1]
    assert cli.main([*arguments("info", path), "--lang", "en"]) == 0


def test_the_window_launch_leaves_a_leftover_log_to_the_opening_that_judges_it(
    tmp_path, empty_plan_bytes, qtbot, monkeypatch
):
    from okrdesk.models import fileformat

    path = tmp_path / "plan.okrdesk"
    another_plans_log(path, empty_plan_bytes)
    before = sorted(p.name for p in tmp_path.iterdir())
    fileformat.check_openable(path)  # the pre-check before any window: not "damaged"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # and nothing made beside it
    said: list[str] = []
    monkeypatch.setattr(
        main_window.QMessageBox, "warning", lambda _parent, _title, text: said.append(text)
    )
    window = bare_window(qtbot)
    window.show()
    assert window.open_plan(path) and said == []
    assert "belongs to another plan" in window.view.messages.text()
