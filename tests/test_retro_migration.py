"""Schema revision 0011: plans from before the retrospective are upgraded and then hold one."""

from pathlib import Path

from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.retro_ops import AddRetroAnswer, StartRetrospective
from okrdesk.engine.retro_view import retrospective_view
from okrdesk.models import Objective, RetroQuestion, migrate
from okrdesk.models.fileformat import read_schema_revision
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock, copy_template
from tests.test_checkin_migration import downgrade, tables

NEW_TABLES = {"retrospective", "retro_group", "retro_answer", "carried_card"}


def test_an_approved_plan_from_revision_0010_is_upgraded_and_holds_a_retrospective(
    tmp_path: Path, approved_template
):
    path = tmp_path / "approved.okrdesk"
    workshop, objectives, _krs = copy_template(approved_template, path)
    downgrade(path, "0010")  # as 0010 wrote it: no retrospective, no mark to carry
    assert read_schema_revision(path) == "0010"
    assert not NEW_TABLES & tables(path)
    with PlanFile.open(path) as plan:
        assert plan.backup_path is not None
        editor = PlanEditor(plan, clock=StepClock())
        with plan.reader() as session:
            assert {o.carry for o in session.query(Objective)} == {False}
        editor.apply(StartRetrospective(workshop))
        editor.apply(
            AddRetroAnswer(
                workshop,
                RetroQuestion.WHY_MISSED,
                "太多优先级",
                objective_id=objectives["更多客户"],
            )
        )
        view = editor.view(retrospective_view, workshop)
        assert view is not None and view.questions[0].loose[0].objective == "更多客户"
    assert read_schema_revision(path) == migrate.head_revision()
    assert tables(path) >= NEW_TABLES
    assert NEW_TABLES.isdisjoint(tables(plan.backup_path))
