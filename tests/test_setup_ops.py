"""Setting up: cycles, the unit tree, workshops with default timeboxes, participants."""

from datetime import date

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.agenda import MEETING_MINUTES, default_timeboxes
from okrdesk.errors import ConfirmationNeededError, RuleError, ValidationError
from okrdesk.models import Idea, OrgUnit, Participant, Phase, PhasePlan, UnitLevel


def test_default_timeboxes_follow_the_seed_meeting_lengths():
    assert sum(default_timeboxes(UnitLevel.COMPANY).values()) == 240  # half a day
    assert sum(default_timeboxes(UnitLevel.DEPARTMENT).values()) == 120  # about two hours
    for level in UnitLevel:
        minutes = default_timeboxes(level)
        assert set(minutes) == set(Phase) and all(m > 0 for m in minutes.values())
        assert sum(minutes.values()) == MEETING_MINUTES[level]


def test_a_new_workshop_gets_the_timeboxes_of_its_level(room):
    with room.editor.plan.reader() as session:
        plans = {p.phase: p.planned_minutes for p in session.scalars(select(PhasePlan))}
    assert plans == default_timeboxes(UnitLevel.COMPANY)
    room.do(ops.SetTimebox(room.workshop, Phase.BRAINSTORM, 45))
    with room.editor.plan.reader() as session:
        assert session.get(PhasePlan, (room.workshop, Phase.BRAINSTORM)).planned_minutes == 45


def test_the_unit_tree_has_one_company_and_levels_below_it(room):
    department = room.do(ops.CreateUnit("市场部", room.company))
    team = room.do(ops.CreateUnit("内容营销组", department))
    person = room.do(ops.CreateUnit("宋宇", team))
    with room.editor.plan.reader() as session:
        levels = [session.get(OrgUnit, i).level for i in (room.company, department, team, person)]
    assert levels == [UnitLevel.COMPANY, UnitLevel.DEPARTMENT, UnitLevel.TEAM, UnitLevel.PERSON]
    with pytest.raises(RuleError):
        room.do(ops.CreateUnit("Second company"))
    with pytest.raises(RuleError):
        room.do(ops.CreateUnit("Below a person", person))


def test_cycle_names_are_unique_and_dates_ordered(room):
    with pytest.raises(ValidationError):
        room.do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
    with pytest.raises(ValidationError):
        room.do(ops.CreateCycle("2027-Q2", date(2027, 6, 30), date(2027, 4, 1)))


def test_participant_names_are_unique_per_workshop(room):
    with pytest.raises(ValidationError) as refused:
        room.do(ops.AddParticipant(room.workshop, " Ana "))
    assert refused.value.message("zh_CN") == "Ana 已经是参与者。"
    room.do(ops.RenameParticipant(room.people[0], "Ana Lima"))
    with pytest.raises(ValidationError):
        room.do(ops.RenameParticipant(room.people[1], "Ana Lima"))


def test_removing_a_participant_with_ideas_or_dots_needs_confirmation(room):
    card = room.idea("idea by Bo", room.people[1])
    with pytest.raises(ConfirmationNeededError) as asked:
        room.do(ops.RemoveParticipant(room.people[1]))
    assert asked.value.params == {"name": "Bo", "dots": 0, "ideas": 1}
    room.do(ops.RemoveParticipant(room.people[1], confirm=True))
    with room.editor.plan.reader() as session:
        assert session.get(Idea, card).author_id is None  # the idea stays, anonymous
        names = [p.name for p in session.scalars(select(Participant))]
    assert "Bo" not in names
    room.do(ops.RemoveParticipant(room.people[3]))  # nothing to lose: no question


def test_settings_change_title_facilitator_and_anonymity(room):
    room.do(
        ops.UpdateWorkshopSettings(
            room.workshop,
            title="管理层会议",
            facilitator="林晓晴",
            anonymous=True,
            selection_size=4,
        )
    )
    with pytest.raises(ValidationError):
        room.do(ops.UpdateWorkshopSettings(room.workshop, title=""))


def test_phase_history_records_actual_time_and_going_back(room):
    from datetime import timedelta

    from okrdesk.engine.queries import phase_times
    from okrdesk.models import PhaseVisit, Workshop

    clock = room.editor.clock
    room.go(Phase.BRAINSTORM)
    clock.now += timedelta(minutes=30)
    room.idea("card")
    room.go(Phase.GROUP)
    clock.now += timedelta(minutes=10)
    room.go(Phase.BRAINSTORM)  # back for more ideas: a second brainstorm visit
    clock.now += timedelta(minutes=5)
    room.go(Phase.GROUP)
    with room.editor.plan.reader() as session:
        workshop = session.get(Workshop, room.workshop)
        visits = [v.phase for v in session.scalars(select(PhaseVisit).order_by(PhaseVisit.id))]
        times = {t.phase: t for t in phase_times(workshop, clock.now)}
    assert visits == [Phase.SETUP, Phase.BRAINSTORM, Phase.GROUP, Phase.BRAINSTORM, Phase.GROUP]
    assert round(times[Phase.BRAINSTORM].actual_minutes) == 35
    assert round(times[Phase.GROUP].actual_minutes) == 10
    assert (
        times[Phase.BRAINSTORM].planned_minutes
        == default_timeboxes(UnitLevel.COMPANY)[Phase.BRAINSTORM]
    )


def test_moving_to_the_vote_with_cards_outside_groups_warns(room):
    room.go(Phase.BRAINSTORM)
    cards = [room.idea(text) for text in ("a", "b", "c")]
    room.go(Phase.GROUP)
    room.do(ops.MakeObjectiveFromIdea(cards[0]))
    room.do(ops.MakeObjectiveFromIdea(cards[1]))
    change = room.editor.apply(ops.ChangePhase(room.workshop, Phase.VOTE))
    assert [n.message_id for n in change.notices] == ["notice.loose_cards"]
    assert "Cards not in any group: 1" in change.notices[0].message("en")
