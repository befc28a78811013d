"""Individual OKRs: the light form, written straight down and confirmed 1:1 by the manager."""

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.phases import LIGHT_PHASES, PhaseFacts, check_phase_change, phases_for
from okrdesk.errors import RuleError
from okrdesk.models import Decision, Objective, Phase, Workshop


@pytest.fixture
def person(room):
    """A person's workshop (company -> department -> team -> person)."""
    department = room.do(ops.CreateUnit("Sales", room.company))
    team = room.do(ops.CreateUnit("East", department))
    person = room.do(ops.CreateUnit("王芳", team))
    return room.do(ops.CreateWorkshop(person, room.cycle, "王芳 2027-Q1"))


def phase_of(room, workshop_id):
    with room.editor.plan.reader() as session:
        return session.get(Workshop, workshop_id).phase


def facts(**overrides):
    values = dict(
        ideas=0,
        candidates=1,
        voting_open=False,
        vote_revealed=False,
        selected=0,
        locked=False,
        light=True,
    )
    return PhaseFacts(**{**values, **overrides})


def test_the_light_form_has_no_wall_and_no_vote():
    assert (
        phases_for(True) == LIGHT_PHASES == (Phase.SETUP, Phase.GROUP, Phase.SIGNOFF, Phase.EXPORT)
    )
    check_phase_change(Phase.SETUP, Phase.GROUP, facts(candidates=0))
    check_phase_change(Phase.GROUP, Phase.SIGNOFF, facts())
    for skipped in (Phase.BRAINSTORM, Phase.VOTE, Phase.SELECT):
        with pytest.raises(RuleError) as refused:
            check_phase_change(Phase.GROUP, skipped, facts())
        assert refused.value.message_id == "phase.not_in_light_form"
    with pytest.raises(RuleError) as refused:
        check_phase_change(Phase.GROUP, Phase.SIGNOFF, facts(candidates=0))
    assert "at least one objective" in refused.value.message("en")


def test_a_persons_okrs_go_from_writing_to_the_managers_confirmation(room, person):
    room.do(ops.ChangePhase(person, Phase.GROUP))
    first = room.do(ops.CreateObjective(person, "Open three key accounts"))
    room.do(ops.AddKeyResult(first, ops.KeyResultFields("Sign 3 contracts by June", target=3)))
    second = room.do(ops.CreateObjective(person, "Grow as a presenter"))
    with pytest.raises(RuleError):
        room.do(ops.ChangePhase(person, Phase.VOTE))
    room.do(ops.ChangePhase(person, Phase.SIGNOFF))
    with room.editor.plan.reader() as session:
        selected = session.scalars(
            select(Objective.selected).where(Objective.workshop_id == person)
        ).all()
    assert selected == [True, True]
    room.do(
        ops.SignOffWorkshop(person, Decision.RETURN, "Manager Li", notes=((second, "Add a KR"),))
    )
    assert phase_of(room, person) == Phase.GROUP
    room.do(ops.AddKeyResult(second, ops.KeyResultFields("Give 2 talks by May", target=2)))
    room.do(ops.ChangePhase(person, Phase.SIGNOFF))
    room.do(ops.SignOffWorkshop(person, Decision.APPROVE, "Manager Li"))
    room.do(ops.ChangePhase(person, Phase.EXPORT))
    room.do(ops.ReopenWorkshop(person, "New territory"))
    assert phase_of(room, person) == Phase.GROUP


def test_a_person_workshop_cannot_open_a_vote(room, person):
    room.do(ops.ChangePhase(person, Phase.GROUP))
    room.do(ops.CreateObjective(person, "A"))
    room.do(ops.CreateObjective(person, "B"))
    with pytest.raises(RuleError):
        room.do(ops.OpenVoting(person))


def test_undoing_the_step_to_confirmation_unselects_again(room, person):
    room.do(ops.ChangePhase(person, Phase.GROUP))
    room.do(ops.CreateObjective(person, "A"))
    before = room.state()
    change = room.editor.apply(ops.ChangePhase(person, Phase.SIGNOFF))
    room.editor.revert(change)
    assert room.state() == before


def test_a_workshop_in_a_phase_the_form_skips_moves_to_the_next_one_it_has():
    check_phase_change(Phase.BRAINSTORM, Phase.GROUP, facts())
    check_phase_change(Phase.SELECT, Phase.SIGNOFF, facts())
    with pytest.raises(RuleError) as refused:
        check_phase_change(Phase.BRAINSTORM, Phase.SIGNOFF, facts())
    assert refused.value.params["phase"] == "group"
