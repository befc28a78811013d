"""The quarter's big cycle (benchmarks/quarter_plan.py): the sizes the issue names, approved
OKRs, thirteen weekly check-ins inside the cycle, and the cached copy other figures start from."""

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from benchmarks.quarter_plan import CYCLE, quarter_plan_copy
from okrdesk.engine.cascade import CascadeState, cascade_board
from okrdesk.engine.review_view import review_view
from okrdesk.models import CheckIn, KeyResult, Objective, OrgUnit, Workshop
from okrdesk.models.planfile import PlanFile


def test_the_big_cycle_has_the_issues_sizes_and_every_unit_approved(tmp_path):
    plan = quarter_plan_copy(tmp_path / "quarter.okrdesk")
    again = quarter_plan_copy(tmp_path / "again.okrdesk")  # the cached build, same ids
    assert again.workshops == plan.workshops and again.path != plan.path
    with PlanFile.open(plan.path, read_only=True) as opened, opened.reader() as session:
        counts = [
            session.scalar(select(func.count()).select_from(table))
            for table in (OrgUnit, Objective, KeyResult, CheckIn)
        ]
        assert counts == [60, 250, 1000, 13000]
        assert (plan.key_results, plan.check_ins, len(plan.workshops)) == (1000, 13000, 60)
        assert session.scalar(select(func.count()).where(Workshop.locked.is_(False))) == 0
        first, last = session.execute(
            select(func.min(CheckIn.recorded_at), func.max(CheckIn.recorded_at))
        ).one()
        assert CYCLE[1] <= first.date() and last.date() <= CYCLE[2]
        board = cascade_board(session, plan.cycle_id, date(2027, 1, 10))
        assert board is not None and len(board.units) == 60
        assert {unit.state for unit in board.units} == {CascadeState.APPROVED}
        review = review_view(session, plan.department_workshop, datetime(2027, 3, 31, tzinfo=UTC))
        assert review is not None and review.approved
        assert all(len(kr.history) == 13 for o in review.objectives for kr in o.key_results)
