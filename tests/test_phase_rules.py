"""Phase guards as plain Python."""

import pytest

from okrdesk.engine.phases import PhaseFacts, check_phase_change
from okrdesk.errors import RuleError
from okrdesk.models import Phase

READY = PhaseFacts(
    ideas=5, candidates=4, voting_open=False, vote_revealed=True, selected=3, locked=False
)


def facts(**changes):
    return PhaseFacts(**{**READY.__dict__, **changes})


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Phase.SETUP, Phase.BRAINSTORM),
        (Phase.BRAINSTORM, Phase.GROUP),
        (Phase.GROUP, Phase.VOTE),
        (Phase.VOTE, Phase.SELECT),
        (Phase.SELECT, Phase.SIGNOFF),
    ],
)
def test_a_ready_workshop_moves_one_phase_on(current, target):
    check_phase_change(current, target, READY)


@pytest.mark.parametrize(
    ("current", "target", "changed", "message_id"),
    [
        (Phase.BRAINSTORM, Phase.GROUP, {"ideas": 0}, "phase.needs_ideas"),
        (Phase.GROUP, Phase.VOTE, {"candidates": 1}, "phase.needs_candidates"),
        (Phase.VOTE, Phase.SELECT, {"voting_open": True}, "phase.needs_revealed_vote"),
        (Phase.VOTE, Phase.SELECT, {"vote_revealed": False}, "phase.needs_revealed_vote"),
        (Phase.SELECT, Phase.SIGNOFF, {"selected": 0}, "phase.needs_selection"),
        (Phase.SIGNOFF, Phase.EXPORT, {}, "phase.needs_approval"),
        (Phase.SETUP, Phase.GROUP, {}, "phase.one_step"),
        (Phase.VOTE, Phase.VOTE, {}, "phase.already_there"),
    ],
)
def test_guards_refuse_with_a_reason(current, target, changed, message_id):
    with pytest.raises(RuleError) as refused:
        check_phase_change(current, target, facts(**changed))
    assert refused.value.message_id == message_id


def test_voting_needs_two_candidates_and_says_how_many_there_are():
    with pytest.raises(RuleError) as refused:
        check_phase_change(Phase.GROUP, Phase.VOTE, facts(candidates=1))
    assert "there are 1" in refused.value.message("en")


@pytest.mark.parametrize("target", [Phase.SETUP, Phase.BRAINSTORM, Phase.GROUP, Phase.VOTE])
def test_going_back_is_always_allowed(target):
    check_phase_change(Phase.SELECT, target, facts(ideas=0, candidates=0, selected=0))


def test_a_locked_workshop_moves_only_between_signoff_and_export():
    locked = facts(locked=True)
    check_phase_change(Phase.SIGNOFF, Phase.EXPORT, locked)
    check_phase_change(Phase.EXPORT, Phase.SIGNOFF, locked)
    with pytest.raises(RuleError) as refused:
        check_phase_change(Phase.SIGNOFF, Phase.SELECT, locked)
    assert refused.value.message_id == "phase.locked"
