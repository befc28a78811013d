"""Reading one workshop checks what it reads (PlanFile.open's Checks.PART), and a damaged or
garbled plan is still refused by info and export, with the cause named as before.

`info --workshop` and `export --workshop` open the plan read-only with SQLite's quick_check
(every page read) instead of integrity_check, and decode the texts and numbers of the rows
they read rather than of the whole plan: a one-workshop read costs that workshop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from okrdesk import cli
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.operation import Operation
from okrdesk.errors import PlanFileError
from okrdesk.models import Phase
from okrdesk.models.fileformat import check_openable
from okrdesk.models.planfile import Checks, PlanFile
from tests.test_planfile import BAD_FILES, digest

NOON = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)


def _newer_schema(path: Path, plan_bytes: bytes) -> None:
    path.write_bytes(plan_bytes)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")


def _index_page_garbled(path: Path, plan_bytes: bytes) -> None:
    """One page in the middle of the file overwritten (an index or a table, whichever)."""
    damaged = bytearray(plan_bytes)
    middle = (len(damaged) // 4096 // 2) * 4096
    damaged[middle : middle + 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(damaged))


TABLE: dict[str, tuple[Callable[[Path, bytes], None], str]] = {
    **BAD_FILES,
    "newer schema": (_newer_schema, "file.too_new"),
    "a page overwritten": (_index_page_garbled, "file.damaged"),
}
# Every one-workshop read of the command line.
ONE_WORKSHOP = ["info", "info --json", "check", "export pdf", "export md", "export json"]


def _arguments(entry: str, path: Path, workshop: int) -> list[str]:
    command, *rest = entry.split(" ")
    if command == "export":
        out = path.parent / "out" / f"handout.{rest[0]}"
        out.parent.mkdir(exist_ok=True)
        return ["export", str(path), str(out), "--workshop", str(workshop)]
    return [command, str(path), *rest, "--workshop", str(workshop)]


@pytest.fixture(scope="module")
def two_workshops(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int, int]:
    """A plan of two workshops with ideas, objectives and key results (bytes, their ids)."""
    path = tmp_path_factory.mktemp("two") / "two.okrdesk"
    PlanFile.create(path, "Northstar").close()
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)

        def apply(op: Operation) -> int:
            return int(editor.apply(op).result or 0)

        cycle = apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = apply(ops.CreateUnit("Northstar"))
        ids = []
        for title in ("Management meeting", "Sales meeting"):
            workshop = apply(ops.CreateWorkshop(company, cycle, title))
            person = apply(ops.AddParticipant(workshop, "Ana"))
            apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
            apply(ops.AddIdea(workshop, f"{title}: shorten onboarding", person))
            apply(ops.ChangePhase(workshop, Phase.GROUP))
            objective = apply(ops.CreateObjective(workshop, f"{title}: win the mid-market"))
            fields = ops.KeyResultFields("NPS from 30 to 45", start=30, target=45, unit="pts")
            apply(ops.AddKeyResult(objective, fields))
            ids.append(workshop)
    return path.read_bytes(), ids[0], ids[1]


def _spoil(path: Path, sql: str, workshop: int) -> int:
    """Run an UPDATE on the first matching row of the workshop; the row's id."""
    with closing(sqlite3.connect(path)) as db, db:
        table = sql.split()[1]
        if table == "key_result":
            where = "objective_id IN (SELECT id FROM objective WHERE workshop_id = ?)"
        else:
            where = "workshop_id = ?"
        (row,) = db.execute(f"SELECT min(id) FROM {table} WHERE {where}", (workshop,)).fetchone()
        db.execute(f"{sql} WHERE id = ?", (row,))
    return int(row)


def _run(capsys: pytest.CaptureFixture[str], arguments: list[str], language: str = "en") -> str:
    """The one line a refused command says (it must refuse, exit 2, print nothing else)."""
    assert cli.main([*arguments, "--lang", language], clock=lambda: NOON) == 2, arguments
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err.count("\n") == 1, printed
    return printed.err


@pytest.mark.parametrize("kind", sorted(TABLE))
def test_a_bad_file_is_refused_by_every_one_workshop_read_alike(
    tmp_path, two_workshops, capsys, kind
):
    plan_bytes, first, _second = two_workshops
    make, message_id = TABLE[kind]
    path = tmp_path / "bad.okrdesk"
    make(path, plan_bytes)
    before = digest(path)
    with pytest.raises(PlanFileError) as refused:
        check_openable(path)
    assert refused.value.message_id == message_id
    for entry in ONE_WORKSHOP:
        for language in ("en", "zh_CN"):
            said = _run(capsys, _arguments(entry, path, first), language)
            assert said == f"okrdesk: {refused.value.message(language)}\n", (entry, language)
        assert digest(path) == before, entry
        assert not list((tmp_path / "out").glob("*")), entry


@pytest.mark.parametrize("entry", ONE_WORKSHOP)
def test_text_that_is_not_utf8_in_the_workshop_read_is_named(
    tmp_path, two_workshops, capsys, entry
):
    plan_bytes, first, _second = two_workshops
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(plan_bytes)
    idea = _spoil(path, "UPDATE idea SET text = CAST(x'4372e86d65' AS TEXT)", first)
    said = _run(capsys, _arguments(entry, path, first))
    assert f"row {idea} in the idea table" in said and "text" in said, said
    chinese = _run(capsys, _arguments(entry, path, first), "zh_CN")
    assert "idea" in chinese and str(idea) in chinese and "UTF-8" in chinese, chinese


@pytest.mark.parametrize("entry", ["info --json", "export pdf", "check"])
def test_a_number_that_is_none_in_the_workshop_read_is_named(
    tmp_path, two_workshops, capsys, entry
):
    plan_bytes, first, _second = two_workshops
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(plan_bytes)
    row = _spoil(path, "UPDATE key_result SET target_value = '12,5'", first)
    said = _run(capsys, _arguments(entry, path, first))
    assert f"the target_value of row {row} in the key_result table is “12,5”" in said, said


def test_damage_in_another_workshop_leaves_this_one_readable_and_the_whole_plan_refused(
    tmp_path, two_workshops, capsys
):
    """The read shows only rows it could read whole; reading all of it still refuses."""
    plan_bytes, first, second = two_workshops
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(plan_bytes)
    idea = _spoil(path, "UPDATE idea SET text = CAST(x'4372e86d65' AS TEXT)", second)
    assert (
        cli.main(["info", str(path), "--json", "--workshop", str(first)], clock=lambda: NOON) == 0
    )
    shown = capsys.readouterr().out
    assert "Management meeting: shorten onboarding" in shown and "Sales" not in shown
    for whole in (["info", str(path)], ["export", str(path), str(tmp_path / "all.md")]):
        assert f"row {idea} in the idea table" in _run(capsys, whole)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(path, read_only=True)
    assert refused.value.message_id == "file.damaged_text"


def test_only_a_read_only_opening_checks_part_of_the_plan(tmp_path, two_workshops):
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(two_workshops[0])
    with pytest.raises(ValueError, match="read-only"):
        PlanFile.open(path, checks=Checks.PART)
    with PlanFile.open(path, read_only=True, checks=Checks.PART) as plan:
        assert plan.read_only
