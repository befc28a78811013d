"""Dot voting through the engine: budget and cap, hidden tally, reveal, ties and run-offs."""

import pytest
from sqlalchemy import select, update

from okrdesk.engine import ops
from okrdesk.engine.queries import ballot_progress, open_round, round_tally, settlement
from okrdesk.errors import ConfirmationNeededError, RuleError, ValidationError
from okrdesk.models import Objective, Phase, Workshop


def outcome(room):
    with room.editor.plan.reader() as session:
        return settlement(session, session.get(Workshop, room.workshop))


def selected(room):
    with room.editor.plan.reader() as session:
        return {
            o.title
            for o in session.scalars(
                select(Objective).where(Objective.workshop_id == room.workshop, Objective.selected)
            )
        }


def test_voting_needs_the_vote_phase_and_two_candidates(room):
    room.go(Phase.BRAINSTORM)
    with pytest.raises(RuleError):
        room.do(ops.OpenVoting(room.workshop))


def test_the_budget_and_the_cap_apply_per_participant(room):
    a, b, c = room.to_voting(["A", "B", "C"])
    ana = room.people[0]
    room.dots(ana, a, 3)
    with pytest.raises(RuleError) as capped:
        room.do(ops.CastDot(room.workshop, ana, a))
    assert capped.value.message_id == "voting.item_cap"
    room.dots(ana, b, 2)
    before = room.state()
    with pytest.raises(RuleError) as spent:
        room.do(ops.CastDot(room.workshop, ana, c))
    assert spent.value.message_id == "voting.budget_spent"
    assert room.state() == before
    room.dots(room.people[1], a, 3)  # another voter has their own budget


def test_budget_and_cap_follow_the_workshop_settings(room):
    room.do(ops.UpdateWorkshopSettings(room.workshop, dot_budget=2, dot_cap=1))
    a, b, c = room.to_voting(["A", "B", "C"])
    room.dots(room.people[0], a, 1)
    with pytest.raises(RuleError):
        room.dots(room.people[0], a, 1)
    room.dots(room.people[0], b, 1)
    with pytest.raises(RuleError):
        room.dots(room.people[0], c, 1)


@pytest.mark.parametrize(("budget", "cap"), [(0, 3), (21, 3), (5, 0)])
def test_budget_and_cap_ranges(room, budget, cap):
    with pytest.raises(ValidationError):
        room.do(ops.UpdateWorkshopSettings(room.workshop, dot_budget=budget, dot_cap=cap))


def test_voting_rules_cannot_change_once_dots_are_cast(room):
    a, _b = room.to_voting(["A", "B"])
    room.dots(room.people[0], a, 1)
    with pytest.raises(RuleError) as refused:
        room.do(ops.UpdateWorkshopSettings(room.workshop, dot_budget=10))
    assert refused.value.message_id == "rule.voting_rules_frozen"


def test_withdraw_gives_the_dot_back(room):
    a, b = room.to_voting(["A", "B"])
    ana = room.people[0]
    room.dots(ana, a, 3)
    room.dots(ana, b, 2)
    room.do(ops.WithdrawDot(room.workshop, ana, a))
    room.dots(ana, b, 1)
    with pytest.raises(RuleError):
        room.do(ops.WithdrawDot(room.workshop, room.people[1], a))


def test_dots_only_in_the_vote_phase(room):
    a, _b = room.to_voting(["A", "B"])
    room.go(Phase.GROUP)  # the room went back to regroup; the round stays open
    with pytest.raises(RuleError) as refused:
        room.dots(room.people[0], a, 1)
    assert refused.value.message_id == "rule.wrong_phase"
    room.go(Phase.VOTE)
    room.dots(room.people[0], a, 1)


def test_dots_only_while_the_vote_is_open(room):
    a, _b = room.to_voting(["A", "B"])
    room.do(ops.CloseVoting(room.workshop))
    with pytest.raises(RuleError) as refused:
        room.dots(room.people[0], a, 1)
    assert refused.value.message_id == "voting.not_open"


def test_ballot_progress_counts_handed_in_ballots_and_names_who_is_missing(room):
    a, _b = room.to_voting(["A", "B"])
    room.dots(room.people[0], a, 1)
    room.do(ops.ConfirmBallot(room.workshop, room.people[0]))
    room.dots(room.people[2], a, 2)  # still choosing: not in yet
    with room.editor.plan.reader() as session:
        progress = ballot_progress(session, open_round(session, room.workshop))
    assert (progress.cast, progress.expected) == (1, 4)
    assert progress.missing == ("Bo", "陈", "Dee")


def test_a_handed_in_ballot_is_frozen_until_taken_back(room):
    a, b = room.to_voting(["A", "B"])
    ana = room.people[0]
    room.dots(ana, a, 2)
    room.do(ops.ConfirmBallot(room.workshop, ana))
    for change in (ops.CastDot(room.workshop, ana, b), ops.WithdrawDot(room.workshop, ana, a)):
        with pytest.raises(RuleError) as refused:
            room.do(change)
        assert refused.value.message_id == "voting.ballot_confirmed"
    with pytest.raises(RuleError):
        room.do(ops.ConfirmBallot(room.workshop, ana))
    room.do(ops.RedoBallot(room.workshop, ana))
    with room.editor.plan.reader() as session:  # taken back: the old dots are gone
        assert round_tally(session, open_round(session, room.workshop).id) == {}
    room.dots(ana, b, 1)
    room.do(ops.ConfirmBallot(room.workshop, ana))
    with pytest.raises(RuleError):
        room.do(ops.RedoBallot(room.workshop, room.people[1]))
    room.do(ops.CloseVoting(room.workshop))
    with pytest.raises(RuleError):
        room.do(ops.RedoBallot(room.workshop, ana))  # not once the vote is closed


def test_paper_tallies_add_to_the_dots(room):
    a, b = room.to_voting(["A", "B"])
    room.dots(room.people[0], a, 1)
    room.do(ops.SetPaperTally(room.workshop, a, 7))
    room.do(ops.SetPaperTally(room.workshop, b, 9))
    room.do(ops.SetPaperTally(room.workshop, b, 3))
    with pytest.raises(ValidationError):
        room.do(ops.SetPaperTally(room.workshop, b, -1))
    with room.editor.plan.reader() as session:
        assert round_tally(session, open_round(session, room.workshop).id) == {a: 8, b: 3}
    room.do(ops.SetPaperTally(room.workshop, b, 0))
    with room.editor.plan.reader() as session:
        assert round_tally(session, open_round(session, room.workshop).id) == {a: 8}


def test_the_tally_is_hidden_until_revealed_after_closing(room):
    a, b = room.to_voting(["A", "B"])
    room.dots(room.people[0], a, 2)
    assert outcome(room) is None
    with pytest.raises(RuleError) as refused:
        room.do(ops.RevealTally(room.workshop))
    assert refused.value.message_id == "voting.close_before_reveal"
    room.close_and_reveal()
    assert outcome(room).selected == (a, b)
    with pytest.raises(RuleError):
        room.do(ops.RevealTally(room.workshop))


def test_reopening_the_vote_hides_the_tally_again_and_keeps_the_dots(room):
    a, _b = room.to_voting(["A", "B"])
    room.dots(room.people[0], a, 2)
    room.close_and_reveal()
    room.do(ops.OpenVoting(room.workshop))
    assert outcome(room) is None
    with room.editor.plan.reader() as session:
        assert round_tally(session, open_round(session, room.workshop).id) == {a: 2}


def tie_room(room):
    """Four candidates, three seats: A clearly in, B, C, D tied for two seats."""
    a, b, c, d = room.to_voting(["A", "B", "C", "D"])
    ana, bo, chen, _dee = room.people
    room.dots(ana, a, 3)
    room.dots(bo, a, 2)
    room.dots(ana, b, 2)
    room.dots(bo, c, 2)
    room.dots(chen, d, 2)
    room.close_and_reveal()
    return a, b, c, d


def test_a_tie_at_the_cut_off_blocks_selection_until_resolved(room):
    a, b, c, d = tie_room(room)
    tie = outcome(room)
    assert tie.selected == (a,) and set(tie.tied) == {b, c, d} and tie.open_seats == 2
    room.go(Phase.SELECT)
    with pytest.raises(RuleError) as refused:
        room.do(ops.ApplySelection(room.workshop))
    assert refused.value.message("en").startswith("3 objectives are tied at the cut-off")


def test_runoff_among_the_tied_items_resolves_the_tie(room):
    a, b, c, d = tie_room(room)
    room.go(Phase.SELECT)
    room.do(ops.StartRunoff(room.workshop))
    with pytest.raises(RuleError) as refused:
        room.dots(room.people[0], a, 1)
    assert refused.value.message_id == "voting.not_on_ballot"
    ana, bo, chen, dee = room.people
    room.dots(ana, c, 1)
    room.dots(ana, d, 1)
    with pytest.raises(RuleError):  # a run-off gives one dot per open seat
        room.dots(ana, b, 1)
    room.dots(bo, c, 1)
    with pytest.raises(RuleError):  # at most one per item
        room.dots(bo, c, 1)
    room.dots(chen, d, 1)
    room.dots(dee, b, 1)
    room.close_and_reveal()
    assert outcome(room).settled and set(outcome(room).selected) == {a, c, d}
    room.go(Phase.SELECT)
    room.do(ops.ApplySelection(room.workshop))
    assert selected(room) == {"A", "C", "D"}


def test_a_facilitator_decision_is_recorded_with_its_reason(room):
    a, b, c, d = tie_room(room)
    with pytest.raises(ValidationError):
        room.do(ops.DecideTie(room.workshop, (b, c), "  "))
    with pytest.raises(RuleError):
        room.do(ops.DecideTie(room.workshop, (a,), "A is not tied"))
    room.do(ops.DecideTie(room.workshop, (b, d), "Closest to the company objectives", "Lin"))
    assert set(outcome(room).selected) == {a, b, d}
    with pytest.raises(RuleError) as refused:
        room.do(ops.DecideTie(room.workshop, (c,), "again"))
    assert refused.value.message_id == "voting.no_tie"


def test_selection_follows_the_vote_and_warns_outside_three_to_five(room):
    a, _b = room.to_voting(["A", "B"])
    room.dots(room.people[0], a, 1)
    room.close_and_reveal()
    room.go(Phase.SELECT)
    change = room.editor.apply(ops.ApplySelection(room.workshop))
    assert selected(room) == {"A", "B"}
    assert [n.message_id for n in change.notices] == ["notice.objective_count"]
    assert "Objectives selected: 2" in change.notices[0].message("en")


def test_selection_can_be_changed_by_hand_and_warns_about_key_results(room):
    a, b = room.to_voting(["A", "B"], krs=1)
    room.close_and_reveal()
    room.go(Phase.SELECT)
    change = room.editor.apply(ops.SetObjectiveSelected(a, True))
    assert selected(room) == {"A"}
    kinds = [n.message_id for n in change.notices]
    assert kinds == ["notice.objective_count", "notice.key_result_count"]
    assert b


def test_a_decision_must_fill_exactly_the_open_seats(room):
    _a, b, c, d = tie_room(room)
    for wrong in ((b,), (b, c, d)):
        with pytest.raises(RuleError) as refused:
            room.do(ops.DecideTie(room.workshop, wrong, "reason"))
        assert refused.value.message_id == "voting.choose_open_seats"


def test_reopening_a_decided_vote_withdraws_the_decision_after_asking(room):
    a, b, c, d = tie_room(room)
    room.do(ops.DecideTie(room.workshop, (b, c), "closest to strategy"))
    with pytest.raises(ConfirmationNeededError):
        room.do(ops.OpenVoting(room.workshop))
    room.do(ops.OpenVoting(room.workshop, confirm=True))
    room.dots(room.people[3], c, 1)
    room.close_and_reveal()
    tie = outcome(room)
    # A=5, C=3, B=2, D=2: B and D now tie for the last seat; the old decision is gone.
    assert tie.selected == (a, c) and set(tie.tied) == {b, d}


def test_a_decision_no_longer_matching_the_tie_is_ignored(room):
    _a, b, c, _d = tie_room(room)
    room.do(ops.DecideTie(room.workshop, (b, c), "closest to strategy"))
    assert outcome(room).settled
    room.go(Phase.SELECT)
    room.do(ops.UpdateWorkshopSettings(room.workshop, selection_size=2))
    assert not outcome(room).settled  # one seat left among B, C, D: decide again


def test_handing_in_and_taking_back_name_what_is_wrong_and_change_nothing(room):
    a, _b = room.to_voting(["A", "B"])
    ana, bo = room.people[0], room.people[1]
    room.dots(ana, a, 1)
    room.do(ops.ConfirmBallot(room.workshop, ana))
    other = room.do(ops.CreateWorkshop(room.company, room.cycle, "Elsewhere"))
    stranger = room.do(ops.AddParticipant(other, "Eve"))

    def refused(operation, message_id):
        before = room.state()
        with pytest.raises(RuleError) as refusal:
            room.do(operation)
        assert refusal.value.message_id == message_id
        assert room.state() == before

    refused(ops.ConfirmBallot(9999, bo), "rule.not_found")
    refused(ops.ConfirmBallot(room.workshop, 9999), "rule.not_found")
    refused(ops.ConfirmBallot(room.workshop, stranger), "rule.wrong_workshop")
    refused(ops.ConfirmBallot(room.workshop, ana), "voting.ballot_confirmed")
    refused(ops.RedoBallot(room.workshop, bo), "voting.no_ballot")
    room.go(Phase.GROUP)  # the room went back: no ballot is handed in or taken back
    refused(ops.ConfirmBallot(room.workshop, bo), "rule.wrong_phase")
    refused(ops.RedoBallot(room.workshop, ana), "rule.wrong_phase")
    room.go(Phase.VOTE)
    room.do(ops.CloseVoting(room.workshop))
    refused(ops.ConfirmBallot(room.workshop, bo), "voting.not_open")
    refused(ops.RedoBallot(room.workshop, ana), "voting.not_open")
    with room.editor.plan.transaction() as session:  # signed off: locked, whatever the phase
        session.execute(update(Workshop).values(locked=True))
    refused(ops.ConfirmBallot(room.workshop, bo), "rule.locked")
