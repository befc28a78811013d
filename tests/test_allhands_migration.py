"""Schema revision 0012: plans from before the all-hands keep their data and gain its fields."""

import sqlite3
from pathlib import Path

from okrdesk.models import Initiative, KeyResult, Objective, migrate
from okrdesk.models.fileformat import read_schema_revision
from okrdesk.models.planfile import PlanFile
from tests.conftest import copy_template
from tests.test_checkin_migration import downgrade, tables


def objective_columns(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {row[1] for row in db.execute("PRAGMA table_info(objective)")}
    finally:
        db.close()


def test_an_approved_plan_from_revision_0011_keeps_its_okrs_and_gains_empty_fields(
    tmp_path: Path, approved_template
):
    path = tmp_path / "approved.okrdesk"
    workshop, objectives, krs = copy_template(approved_template, path)
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        before = sorted((o.id, o.title, o.selected, o.carry) for o in session.query(Objective))
        kr_before = sorted((k.id, k.title, k.objective_id) for k in session.query(KeyResult))
    downgrade(path, "0011")  # as 0011 wrote it: no rationale, no breakdown, no initiatives
    assert read_schema_revision(path) == "0011"
    assert "initiative" not in tables(path)
    assert not {"rationale", "breakdown"} & objective_columns(path)
    with PlanFile.open(path) as plan:
        assert plan.backup_path is not None
        with plan.reader() as session:
            found = session.query(Objective).all()
            assert sorted((o.id, o.title, o.selected, o.carry) for o in found) == before
            assert {(o.rationale, o.breakdown) for o in found} == {("", False)}
            assert sorted((k.id, k.title, k.objective_id) for k in session.query(KeyResult)) == (
                kr_before
            )
            assert session.query(Initiative).count() == 0
    assert read_schema_revision(path) == migrate.head_revision()
    assert "initiative" in tables(path)
    assert {"rationale", "breakdown"} <= objective_columns(path)
    assert "initiative" not in tables(plan.backup_path)
    assert workshop and objectives and krs


def test_a_key_result_deleted_in_sql_takes_its_initiatives(tmp_path: Path, approved_template):
    path = tmp_path / "approved.okrdesk"
    _workshop, _objectives, krs = copy_template(approved_template, path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(
        "INSERT INTO initiative (key_result_id, text, position) VALUES (?, 'Call ten shops', 0)",
        (krs["leads"],),
    )
    db.execute("DELETE FROM key_result WHERE id = ?", (krs["leads"],))
    db.commit()
    assert db.execute("SELECT count(*) FROM initiative").fetchone() == (0,)
    db.close()
