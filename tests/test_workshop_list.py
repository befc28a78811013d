"""The workshop list and the shown workshop's header: engine views, read without Qt."""

from datetime import date, timedelta

from sqlalchemy import event

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.snapshot import plan_snapshot
from okrdesk.engine.workshop_list import (
    ShownWorkshop,
    SignoffStatus,
    shown_workshop,
    workshop_list,
)
from okrdesk.models import Decision, Phase, UnitLevel
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock


def _count_statements(plan):
    seen = []
    event.listen(plan.engine, "before_cursor_execute", lambda *_args: seen.append(1))
    return seen


def test_the_list_has_the_snapshots_order_cycles_by_start_then_units_in_tree_order(tmp_path):
    path = tmp_path / "plan.okrdesk"
    with PlanFile.create(path, "Northstar") as plan:
        editor = PlanEditor(plan, clock=StepClock())
        do = lambda operation: editor.apply(operation).result  # noqa: E731
        later = do(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)))
        first = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = do(ops.CreateUnit("Northstar"))
        sales = do(ops.CreateUnit("Sales", company))
        tech = do(ops.CreateUnit("Tech", company))
        team = do(ops.CreateUnit("Platform", tech))
        person = do(ops.CreateUnit("陈静", team))
        # Created out of order on purpose: the list sorts, not the ids.
        made = [
            do(ops.CreateWorkshop(person, first, "陈静's OKRs")),
            do(ops.CreateWorkshop(sales, later, "Sales Q2")),
            do(ops.CreateWorkshop(tech, first, "Tech Q1")),
            do(ops.CreateWorkshop(company, later, "Company Q2")),
            do(ops.CreateWorkshop(sales, first, "Sales Q1")),
        ]
        listed = editor.view(workshop_list)
        with plan.reader() as session:
            snapshot = plan_snapshot(session, StepClock())
    assert [w.title for w in listed.workshops] == [
        "Sales Q1",
        "Tech Q1",
        "陈静's OKRs",
        "Company Q2",
        "Sales Q2",
    ]
    assert listed.ids == tuple(w.id for w in snapshot.workshops)
    assert sorted(listed.ids) == sorted(made)
    assert [c.name for c in listed.cycles] == ["2027-Q1", "2027-Q2"]
    assert [u.name for u in listed.units] == ["Northstar", "Sales", "Tech", "Platform", "陈静"]
    own = listed.find(made[0])
    assert own is not None and own.unit.level is UnitLevel.PERSON and own.light
    assert own.cycle.id == first and own.phase is Phase.SETUP
    assert own.signoff is SignoffStatus.PENDING and not listed.find(made[1]).light
    assert listed.find(12345) is None


def _plan_with_workshops(path, count):
    with PlanFile.create(path, "Northstar") as plan:
        editor = PlanEditor(plan, clock=StepClock())
        do = lambda operation: editor.apply(operation).result  # noqa: E731
        cycle = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = do(ops.CreateUnit("Northstar"))
        for n in range(count):
            unit = do(ops.CreateUnit(f"Department {n}", company))
            workshop = do(ops.CreateWorkshop(unit, cycle, f"Workshop {n}"))
            if n % 2:
                do(ops.ChangePhase(workshop, Phase.BRAINSTORM))


def test_the_list_reads_a_bounded_number_of_queries_whatever_the_plan(tmp_path):
    counts = []
    for count in (1, 30):
        path = tmp_path / f"{count}.okrdesk"
        _plan_with_workshops(path, count)
        with PlanFile.open(path) as plan:
            seen = _count_statements(plan)
            listed = PlanEditor(plan).view(workshop_list)
            counts.append(len(seen))
        assert len(listed.workshops) == count
        assert {w.phase for w in listed.workshops} <= {Phase.SETUP, Phase.BRAINSTORM}
    assert counts[0] == counts[1] and counts[1] <= 6, counts


def test_sign_off_states_and_the_return_note_of_the_shown_workshop(room):
    at = room.to_voting(["A", "B", "C"])
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.ApplySelection(room.workshop))
    room.go(Phase.SIGNOFF)
    room.do(
        ops.SignOffWorkshop(
            room.workshop,
            Decision.RETURN,
            "陈志远",
            "KR 与公司目标不一致",
            notes=((at[0], "太空泛"),),
        )
    )
    listed = room.editor.view(workshop_list)
    assert listed.workshops[0].signoff is SignoffStatus.RETURNED
    shown = room.editor.view(shown_workshop, room.workshop)
    assert isinstance(shown, ShownWorkshop)
    assert shown.phase is Phase.SELECT and not shown.light  # a return sends the room back
    assert shown.returned is not None
    assert (shown.returned.signer, shown.returned.round) == ("陈志远", 1)
    assert shown.returned.comment == "KR 与公司目标不一致"
    assert shown.returned.notes == (("A", "太空泛"),)
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "陈志远"))
    assert room.editor.view(workshop_list).workshops[0].signoff is SignoffStatus.APPROVED
    assert room.editor.view(shown_workshop, room.workshop).returned is None


def test_the_shown_workshop_counts_the_phase_visits_and_its_timebox(room):
    room.do(ops.SetTimebox(room.workshop, Phase.BRAINSTORM, 25))
    room.go(Phase.BRAINSTORM)
    room.go(Phase.SETUP)
    room.go(Phase.BRAINSTORM)  # a second visit: the first one's time counts as spent
    shown = room.editor.view(shown_workshop, room.workshop)
    assert shown.phase is Phase.BRAINSTORM and shown.planned_minutes == 25
    assert shown.visit_id is not None and shown.started_at is not None
    assert shown.spent_before > timedelta(0)
    assert room.editor.view(shown_workshop, 999) is None
