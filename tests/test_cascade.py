"""The two-week rule: 14 calendar days from the company's approval (weekends included, never
past the cycle's end), every unit's state, people's OKRs confirmed, and who is overdue."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from okrdesk.engine import ops
from okrdesk.engine.cascade import (
    CascadeBoard,
    CascadeState,
    cascade_board,
    cascade_deadline,
    days_left,
    is_overdue,
    on_weekend,
    unit_state,
    workshop_state,
)
from okrdesk.engine.editor import PlanEditor
from okrdesk.messages import translate
from okrdesk.models import Decision, Phase, UnitLevel
from okrdesk.models.planfile import PlanFile
from tests.conftest import copy_template, counting

NOT_STARTED, IN_PROGRESS, RETURNED, APPROVED = CascadeState
SHANGHAI = timezone(timedelta(hours=8))


# --- The count, as pure functions -------------------------------------------------------------


def test_two_weeks_are_fourteen_calendar_days_weekends_included():
    friday = date(2027, 1, 8)
    assert cascade_deadline(friday, date(2027, 3, 31)) == date(2027, 1, 22)  # a Friday again
    saturday = date(2027, 1, 9)
    deadline = cascade_deadline(saturday, date(2027, 3, 31))
    assert deadline == date(2027, 1, 23) and on_weekend(deadline)  # not moved to Monday
    assert not on_weekend(date(2027, 1, 22))


def test_the_count_runs_from_an_approval_before_the_cycle_and_stops_at_its_end():
    # The management meeting is usually held the cycle before: the count crosses into it.
    assert cascade_deadline(date(2026, 12, 28), date(2027, 3, 31)) == date(2027, 1, 11)
    # An approval late in the cycle gets no deadline beyond the cycle's last day.
    assert cascade_deadline(date(2027, 3, 25), date(2027, 3, 31)) == date(2027, 3, 31)


def test_days_left_are_zero_on_the_deadline_and_negative_after_it():
    deadline = date(2027, 1, 11)  # a Monday
    assert days_left(deadline, date(2027, 1, 8)) == 3  # Friday: the weekend counts
    assert days_left(deadline, deadline) == 0
    assert days_left(deadline, date(2027, 1, 13)) == -2
    assert not is_overdue(IN_PROGRESS, deadline, deadline)
    assert is_overdue(IN_PROGRESS, deadline, date(2027, 1, 12))
    assert is_overdue(NOT_STARTED, deadline, date(2027, 1, 12))
    assert not is_overdue(APPROVED, deadline, date(2027, 1, 12))
    assert not is_overdue(NOT_STARTED, None, date(2027, 1, 12))  # the company has not approved


def test_a_workshops_state_comes_from_its_sign_off_and_phase():
    assert workshop_state(Phase.SETUP, False, None) == NOT_STARTED
    assert workshop_state(Phase.BRAINSTORM, False, None) == IN_PROGRESS
    assert workshop_state(Phase.SIGNOFF, False, None) == IN_PROGRESS
    assert workshop_state(Phase.SELECT, False, Decision.RETURN) == RETURNED
    assert workshop_state(Phase.SIGNOFF, True, Decision.APPROVE) == APPROVED
    # Reopened after approval: unlocked, in progress again until approved again.
    assert workshop_state(Phase.SELECT, False, Decision.APPROVE) == IN_PROGRESS
    assert unit_state([]) == NOT_STARTED
    assert unit_state([IN_PROGRESS, APPROVED, RETURNED]) == APPROVED
    assert unit_state([NOT_STARTED, RETURNED]) == RETURNED


def test_the_states_read_in_both_languages():
    assert [translate(s.message_id, "zh_CN") for s in CascadeState] == [
        "未开始",
        "进行中",
        "已退回",
        "已批准",
    ]
    assert translate(APPROVED.message_id, "en") == "Approved"


# --- The board, from a plan -------------------------------------------------------------------


class Clock:
    """A clock the test sets; one second later on every call."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def to_signoff(do: Any, workshop: int, light: bool = False) -> None:
    """Take a workshop to Sign-off with one selected objective and key result."""
    if light:
        do(ops.ChangePhase(workshop, Phase.GROUP))
        objective = do(ops.CreateObjective(workshop, "Mine"))
        do(ops.AddKeyResult(objective, ops.KeyResultFields("Ship it", target=1)))
        do(ops.ChangePhase(workshop, Phase.SIGNOFF))
        return
    do(ops.UpdateWorkshopSettings(workshop, selection_size=1))
    person = do(ops.AddParticipant(workshop, "Ana"))
    do(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    do(ops.AddIdea(workshop, "card"))
    do(ops.ChangePhase(workshop, Phase.GROUP))
    objective = do(ops.CreateObjective(workshop, "Grow"))
    do(ops.AddKeyResult(objective, ops.KeyResultFields("Leads from 0 to 150", target=150)))
    other = do(ops.CreateObjective(workshop, "Also ran"))
    do(ops.AddKeyResult(other, ops.KeyResultFields("Something", target=1)))
    do(ops.ChangePhase(workshop, Phase.VOTE))
    do(ops.OpenVoting(workshop))
    do(ops.CastDot(workshop, person, objective))
    do(ops.CloseVoting(workshop))
    do(ops.RevealTally(workshop))
    do(ops.ChangePhase(workshop, Phase.SELECT))
    do(ops.ApplySelection(workshop))
    do(ops.ChangePhase(workshop, Phase.SIGNOFF))


def build(path: Path) -> dict[str, int]:
    """Q1 2027; the company approved on Friday 18 December 2026 at 23:30 UTC (Saturday in
    Shanghai); departments in every state; people under Sales."""
    ids: dict[str, int] = {}
    clock = Clock()
    with PlanFile.create(path, "Northstar") as plan:
        editor = PlanEditor(plan, clock=clock)

        def do(operation: Any) -> Any:
            return editor.apply(operation).result

        def at(moment: datetime) -> None:
            clock.now = moment

        cycle = ids["cycle"] = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = ids["company"] = do(ops.CreateUnit("Northstar"))
        units = {
            name: do(ops.CreateUnit(name, parent_id=company))
            for name in ("Sales", "Ops", "Design", "Legal", "Marketing")
        }
        ids.update(units)
        ids["Platform"] = do(ops.CreateUnit("Platform", parent_id=units["Ops"]))
        people = {
            name: do(ops.CreateUnit(name, parent_id=units["Sales"], level=UnitLevel.PERSON))
            for name in ("Ana", "Bo", "Cy")
        }
        ids.update(people)
        board = do(ops.CreateWorkshop(company, cycle, "Management meeting"))
        to_signoff(do, board)
        at(datetime(2026, 12, 18, 23, 30, tzinfo=UTC))
        do(ops.SignOffWorkshop(board, Decision.APPROVE, "CEO"))
        sales = do(ops.CreateWorkshop(units["Sales"], cycle, "Sales"))
        to_signoff(do, sales)
        at(datetime(2026, 12, 28, 10, 0, tzinfo=UTC))
        do(ops.SignOffWorkshop(sales, Decision.APPROVE, "CEO"))
        ops_meeting = do(ops.CreateWorkshop(units["Ops"], cycle, "Ops"))
        do(ops.ChangePhase(ops_meeting, Phase.BRAINSTORM))
        design = do(ops.CreateWorkshop(units["Design"], cycle, "Design"))
        to_signoff(do, design)
        do(ops.SignOffWorkshop(design, Decision.RETURN, "CEO", comment="Align to the company"))
        do(ops.CreateWorkshop(ids["Platform"], cycle, "Platform"))  # still being set up
        marketing = do(ops.CreateWorkshop(units["Marketing"], cycle, "Marketing"))
        to_signoff(do, marketing)
        at(datetime(2027, 1, 5, 10, 0, tzinfo=UTC))
        do(ops.SignOffWorkshop(marketing, Decision.APPROVE, "CEO"))  # after the two weeks
        ana = do(ops.CreateWorkshop(people["Ana"], cycle, "Ana's OKRs"))
        to_signoff(do, ana, light=True)
        do(ops.SignOffWorkshop(ana, Decision.APPROVE, "Sales lead"))
        bo = do(ops.CreateWorkshop(people["Bo"], cycle, "Bo's OKRs"))
        do(ops.ChangePhase(bo, Phase.GROUP))
        ids["q2"] = do(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)))
    return ids


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, cascade_template: tuple[Path, dict[str, int]]
) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("cascade") / "cascade.okrdesk"
    return path, copy_template(cascade_template, path)  # this build, copied (conftest)


@pytest.fixture(scope="module")
def board(built) -> Iterator[Any]:
    path, ids = built

    def read(today: date, zone: Any = UTC, cycle: str = "cycle") -> CascadeBoard:
        with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
            found = cascade_board(session, ids[cycle], today, zone)
        assert found is not None
        return found

    yield read


def test_every_units_state_in_tree_order_with_people_counted(board):
    shown = board(date(2026, 12, 30))
    assert (shown.company_approved_on, shown.deadline, shown.days_left) == (
        date(2026, 12, 18),
        date(2027, 1, 1),
        2,
    )
    by_name = {u.name: u for u in shown.units}
    assert [(u.name, u.depth) for u in shown.units] == [
        ("Northstar", 0),
        ("Sales", 1),
        ("Ops", 1),
        ("Platform", 2),
        ("Design", 1),
        ("Legal", 1),
        ("Marketing", 1),
    ]
    assert all(u.level != UnitLevel.PERSON for u in shown.units)
    sales = by_name["Sales"]
    assert (sales.state, sales.approved_on, sales.people, sales.people_confirmed) == (
        APPROVED,
        date(2026, 12, 28),
        3,
        1,
    )
    assert (shown.people, shown.people_confirmed) == (3, 1)
    assert by_name["Ops"].workshop_id is not None and by_name["Legal"].workshop_id is None
    assert shown.overdue == () and shown.started and not shown.cycle_ended


def test_states_of_the_departments(board):
    states = {u.name: u.state for u in board(date(2027, 3, 1)).units}
    assert states == {
        "Northstar": APPROVED,
        "Sales": APPROVED,
        "Ops": IN_PROGRESS,
        "Platform": NOT_STARTED,
        "Design": RETURNED,
        "Legal": NOT_STARTED,
        "Marketing": APPROVED,
    }


def test_on_the_deadline_nobody_is_overdue_and_the_day_after_the_unapproved_are(board):
    on_the_day = board(date(2027, 1, 1))
    assert on_the_day.days_left == 0 and on_the_day.overdue == ()
    after = board(date(2027, 1, 2))
    assert after.days_left == -1
    assert [u.name for u in after.overdue] == ["Ops", "Platform", "Design", "Legal"]
    # Marketing was approved on 5 January: not overdue (the board reads the plan as it is),
    # but late.
    later = {u.name: u for u in board(date(2027, 1, 6)).units}
    assert not later["Marketing"].overdue and later["Marketing"].late
    assert later["Marketing"].approved_on == date(2027, 1, 5)
    assert not later["Sales"].late and not later["Northstar"].late


def test_the_approval_day_is_the_laptops_so_the_deadline_can_fall_on_a_weekend(board):
    # 23:30 UTC on Friday is Saturday morning in Shanghai: two weeks end on a Saturday.
    shown = board(date(2027, 1, 2), SHANGHAI)
    assert shown.company_approved_on == date(2026, 12, 19)
    assert shown.deadline == date(2027, 1, 2) and shown.deadline_on_weekend
    assert shown.days_left == 0 and shown.overdue == ()
    assert not board(date(2027, 1, 2)).deadline_on_weekend  # Friday 1 January in UTC


def test_after_the_cycle_the_board_says_it_ended(board):
    shown = board(date(2027, 4, 2))
    assert (
        shown.cycle_ended
        and shown.days_left == date(2027, 1, 1).toordinal() - date(2027, 4, 2).toordinal()
    )


def test_a_cycle_the_company_has_not_approved_has_no_count(board):
    shown = board(date(2027, 4, 2), cycle="q2")
    assert (shown.started, shown.deadline, shown.days_left, shown.overdue) == (
        False,
        None,
        None,
        (),
    )
    assert {u.state for u in shown.units} == {NOT_STARTED}


def test_the_board_reads_the_plan_in_four_queries(built):
    path, ids = built
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session, counting() as seen:
        cascade_board(session, ids["cycle"], date(2027, 1, 2))
    assert len([s for s in seen if s.startswith("SELECT")]) == 4
