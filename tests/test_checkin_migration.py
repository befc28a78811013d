"""Schema revision 0010: plans from before check-ins are upgraded and then take them."""

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from okrdesk.engine.checkin_ops import RecordCheckIn
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.review_view import review_view
from okrdesk.models import migrate
from okrdesk.models.fileformat import read_schema_revision
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock, copy_template
from tests.test_planfile import first_schema_plan


def tables(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    finally:
        db.close()


def downgrade(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_an_approved_plan_from_revision_0009_is_upgraded_and_takes_check_ins(
    tmp_path, approved_template
):
    path = tmp_path / "approved.okrdesk"
    workshop, _objectives, krs = copy_template(approved_template, path)
    downgrade(path, "0009")  # as 0009 wrote it: no check-in tables
    assert read_schema_revision(path) == "0009"
    assert not {"check_in", "key_result_score"} & tables(path)
    with PlanFile.open(path) as plan:
        assert plan.backup_path is not None and plan.backup_path.exists()
        editor = PlanEditor(plan, clock=StepClock())
        view = editor.view(review_view, workshop, StepClock()())
        assert view.approved and [len(o.key_results) for o in view.objectives] == [2, 3]
        editor.apply(RecordCheckIn(krs["delivery"], value=14, confidence=7))
        (delivery, *_others) = editor.view(review_view, workshop, StepClock()()).objectives
        assert delivery.key_results[0].latest.value == 14
    assert read_schema_revision(path) == migrate.head_revision()
    assert {"check_in", "key_result_score"} <= tables(path)
    assert {"check_in", "key_result_score"}.isdisjoint(tables(plan.backup_path))


def test_the_first_schema_upgrades_through_0010(tmp_path):
    path = tmp_path / "first.okrdesk"
    first_schema_plan(path)
    with PlanFile.open(path) as plan, plan.reader() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM check_in").scalar() == 0
    assert read_schema_revision(path) == migrate.head_revision()
