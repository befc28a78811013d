"""Carry-over: the next cycle's wall is offered last cycle's unfinished objectives (below 0.7,
or marked to carry) and the retrospective's lessons, added once as cards marked carried over."""

from datetime import date
from decimal import Decimal

import pytest

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.card_rows import card_wall
from okrdesk.engine.carry_over import (
    CarryOver,
    CarryOverOffer,
    MarkToCarry,
    UnmarkToCarry,
    carried_cards,
    carry_over_offer,
)
from okrdesk.engine.checkin_ops import RecordCheckIn
from okrdesk.engine.retro_ops import AddRetroAnswer, StartRetrospective
from okrdesk.errors import RuleError
from okrdesk.messages import translate
from okrdesk.models import CarriedKind, RetroQuestion, Workshop
from tests.checkin_plan import CANDIDATE, Approved
from tests.quarter_fixtures import approved_plan  # noqa: F401 (the fixture)

WHY, IMPROVE, RESOURCES, STOP = RetroQuestion


def unit_and_cycle(plan: Approved, workshop: int) -> tuple[int, int]:
    with plan.editor.plan.reader() as session:
        found = session.get(Workshop, workshop)
        return found.unit_id, found.cycle_id


@pytest.fixture
def next_cycle(plan: Approved) -> int:
    """The unit's workshop of the next cycle (2027-Q2), just created."""
    unit, _cycle = unit_and_cycle(plan, plan.workshop)
    q2 = plan.do(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)))
    return plan.do(ops.CreateWorkshop(unit, q2, "Q2 management meeting"))


def offer(plan: Approved, workshop: int) -> CarryOverOffer:
    found = plan.editor.view(carry_over_offer, workshop)
    assert found is not None
    return found


def offered(plan: Approved, workshop: int) -> list[tuple[str, Decimal | None, bool, bool, bool]]:
    return [
        (o.title, o.score, o.unfinished, o.marked, o.carried)
        for o in offer(plan, workshop).objectives
    ]


def wall(plan: Approved, workshop: int) -> list[tuple[str, CarriedKind | None]]:
    with plan.editor.plan.reader() as session:
        cards = card_wall(session, workshop).cards
        marks = carried_cards(session, workshop)
    return [(c.text, marks.kind_of(c.id)) for c in cards]


def score_last_cycle(plan: Approved) -> None:
    """Faster delivery done (1.0); 更多客户 at 0.6 (leads 0.2, uptime held 1.0)."""
    plan.do(RecordCheckIn(plan.krs["delivery"], value=7))
    plan.do(RecordCheckIn(plan.krs["site"], done=True))
    plan.do(RecordCheckIn(plan.krs["leads"], value=30))
    plan.do(RecordCheckIn(plan.krs["uptime"], value="99.9"))


def test_objectives_below_0_7_are_offered_and_finished_ones_are_not(plan, next_cycle):
    score_last_cycle(plan)
    shown = offer(plan, next_cycle)
    assert (shown.unit, shown.cycle, shown.previous_cycle) == ("Northstar", "2027-Q2", "2027-Q1")
    assert shown.previous_workshops == (plan.workshop,)
    assert offered(plan, next_cycle) == [("更多客户", Decimal("0.6"), True, False, False)]
    assert shown.lessons == () and shown.pending == 1


def test_0_7_is_finished_and_just_below_it_is_not(plan, next_cycle):
    plan.do(RecordCheckIn(plan.krs["delivery"], value=7))
    plan.do(RecordCheckIn(plan.krs["leads"], value=105))  # 105 of 150: 0.7 exactly
    assert offered(plan, next_cycle) == []
    plan.do(RecordCheckIn(plan.krs["leads"], value=104))
    ((title, score, unfinished, _marked, _carried),) = offered(plan, next_cycle)
    assert title == "更多客户" and score < Decimal("0.7") and unfinished


def test_an_objective_never_scored_is_unfinished(plan, next_cycle):
    assert offered(plan, next_cycle) == [
        ("Faster delivery", None, True, False, False),
        ("更多客户", None, True, False, False),
    ]


def test_an_objective_marked_to_carry_is_offered_whatever_its_score(plan, next_cycle):
    score_last_cycle(plan)
    change = plan.editor.apply(MarkToCarry(plan.objectives["Faster delivery"]))
    assert change.aspects == {Aspect.OBJECTIVES} and change.workshops == {plan.workshop}
    plan.do(MarkToCarry(plan.objectives[CANDIDATE]))  # not chosen last time: the room wants it
    assert offered(plan, next_cycle) == [
        ("Faster delivery", Decimal("1"), False, True, False),
        ("更多客户", Decimal("0.6"), True, False, False),
        (CANDIDATE, None, False, True, False),
    ]
    before = plan.state()
    unmark = plan.editor.apply(UnmarkToCarry(plan.objectives[CANDIDATE]))
    assert [o[0] for o in offered(plan, next_cycle)] == ["Faster delivery", "更多客户"]
    plan.editor.revert(unmark)
    assert plan.state() == before


def test_the_retrospectives_lessons_are_offered_but_not_why_it_was_missed(plan, next_cycle):
    score_last_cycle(plan)
    plan.do(StartRetrospective(plan.workshop))
    about = plan.objectives["更多客户"]
    for question, text in (
        (STOP, "少开周会"),
        (WHY, "Too many priorities"),
        (IMPROVE, "Check in every Monday"),
        (RESOURCES, "A data analyst"),
    ):
        plan.do(AddRetroAnswer(plan.workshop, question, text, objective_id=about))
    lessons = offer(plan, next_cycle).lessons
    assert [(lesson.question, lesson.text, lesson.objective) for lesson in lessons] == [
        (IMPROVE, "Check in every Monday", "更多客户"),
        (RESOURCES, "A data analyst", "更多客户"),
        (STOP, "少开周会", "更多客户"),
    ]


def test_carrying_over_adds_marked_cards_once_and_is_undone_exactly(plan, next_cycle):
    score_last_cycle(plan)
    plan.do(StartRetrospective(plan.workshop))
    plan.do(AddRetroAnswer(plan.workshop, IMPROVE, "Check in every Monday"))
    plan.do(ops.AddIdea(next_cycle, "A new idea"))
    before = plan.state()
    change = plan.editor.apply(CarryOver(next_cycle))
    assert change.result == 2 and change.workshops == {next_cycle}
    assert Aspect.IDEAS in change.aspects
    assert wall(plan, next_cycle) == [
        ("A new idea", None),
        ("更多客户", CarriedKind.OBJECTIVE),
        ("Check in every Monday", CarriedKind.LESSON),
    ]
    assert offer(plan, next_cycle).pending == 0
    again = plan.editor.apply(CarryOver(next_cycle))
    assert again.result == 0 and [n.message_id for n in again.notices] == ["notice.carry_nothing"]
    assert len(wall(plan, next_cycle)) == 3
    plan.editor.revert(change)
    assert plan.state() == before
    assert wall(plan, next_cycle) == [("A new idea", None)]


def test_a_carried_card_the_room_deleted_is_not_brought_back(plan, next_cycle):
    score_last_cycle(plan)
    plan.do(CarryOver(next_cycle))
    with plan.editor.plan.reader() as session:
        (card,) = [c.id for c in card_wall(session, next_cycle).cards]
    plan.do(ops.DeleteIdea(card))
    assert offered(plan, next_cycle) == [("更多客户", Decimal("0.6"), True, False, True)]
    assert plan.do(CarryOver(next_cycle)) == 0 and wall(plan, next_cycle) == []


def test_the_plans_first_cycle_has_nothing_to_carry(plan):
    shown = offer(plan, plan.workshop)
    assert (shown.previous_cycle, shown.objectives, shown.lessons) == (None, (), ())
    unit, cycle = unit_and_cycle(plan, plan.workshop)
    other = plan.do(ops.CreateWorkshop(unit, cycle, "Another Q1 meeting"))
    change = plan.editor.apply(CarryOver(other))
    assert change.result == 0 and change.rows == ()
    assert change.notices[0].message("zh_CN") == translate("notice.carry_nothing", "zh_CN")


def test_another_units_last_cycle_is_not_offered(plan, next_cycle):
    score_last_cycle(plan)
    _unit, q2 = unit_and_cycle(plan, next_cycle)
    sales = plan.do(ops.CreateUnit("Sales", parent_id=1))
    sales_q2 = plan.do(ops.CreateWorkshop(sales, q2, "Sales Q2"))
    assert offer(plan, sales_q2).objectives == ()


def test_a_signed_off_wall_takes_no_carried_cards(plan):
    with pytest.raises(RuleError) as refused:
        plan.do(CarryOver(plan.workshop))
    assert refused.value.message_id == "rule.locked"


def test_the_cards_mark_says_carried_over_in_both_languages():
    assert translate(CarriedKind.OBJECTIVE.message_id, "zh_CN") == "结转：上个周期的目标"
    assert translate(CarriedKind.LESSON.message_id, "en").startswith("Carried over")


def test_deleting_a_carried_card_and_undoing_it_restores_its_mark(plan, next_cycle):
    score_last_cycle(plan)
    plan.do(CarryOver(next_cycle))
    with plan.editor.plan.reader() as session:
        (card,) = [c.id for c in card_wall(session, next_cycle).cards]
    before = plan.state()
    change = plan.editor.apply(ops.DeleteIdea(card))
    assert wall(plan, next_cycle) == []
    plan.editor.revert(change)
    assert plan.state() == before
    assert wall(plan, next_cycle) == [("更多客户", CarriedKind.OBJECTIVE)]
