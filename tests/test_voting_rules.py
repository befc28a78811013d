"""Dot-voting rules as plain Python: budget, cap, ranking, ties at the cut-off, run-offs."""

import pytest

from okrdesk.engine.voting import (
    BallotLimits,
    RoundResult,
    SeatStatus,
    ballot_limits,
    check_dot_allowed,
    dot_refusal,
    rank,
    settle,
)
from okrdesk.errors import RuleError


def test_a_dot_within_budget_and_cap_is_allowed():
    check_dot_allowed(spent=4, on_item=2, budget=5, cap=3)


def test_the_budget_is_enforced():
    with pytest.raises(RuleError) as refused:
        check_dot_allowed(spent=5, on_item=0, budget=5, cap=3)
    assert refused.value.message("en") == "All 5 dots are placed; take one back to move it."


def test_the_per_item_cap_is_enforced():
    with pytest.raises(RuleError) as refused:
        check_dot_allowed(spent=3, on_item=3, budget=5, cap=3)
    assert refused.value.message("zh_CN") == "每项最多 3 票。"


def test_ranking_orders_by_dots_and_shares_ranks():
    ranking = rank({1: 3, 2: 9, 3: 3, 4: 1}, order=[1, 2, 3, 4], seats=3)
    assert [(s.item, s.dots, s.rank) for s in ranking.standings] == [
        (2, 9, 1),
        (1, 3, 2),
        (3, 3, 2),
        (4, 1, 4),
    ]
    assert ranking.selected == (2, 1, 3)
    assert not ranking.has_tie


def test_a_tie_across_the_cut_off_is_reported_not_broken():
    ranking = rank({1: 8, 2: 5, 3: 5, 4: 5, 5: 1}, order=[1, 2, 3, 4, 5], seats=3)
    assert ranking.selected == (1,)
    assert set(ranking.tied) == {2, 3, 4}
    assert ranking.open_seats == 2
    assert {s.item: s.status for s in ranking.standings} == {
        1: SeatStatus.IN,
        2: SeatStatus.TIED,
        3: SeatStatus.TIED,
        4: SeatStatus.TIED,
        5: SeatStatus.OUT,
    }


def test_listing_order_never_decides_a_tie():
    forward = rank({1: 4, 2: 4}, order=[1, 2], seats=1)
    backward = rank({1: 4, 2: 4}, order=[2, 1], seats=1)
    assert forward.selected == backward.selected == ()
    assert set(forward.tied) == set(backward.tied) == {1, 2}


def test_items_without_dots_count_as_zero():
    ranking = rank({}, order=[1, 2, 3], seats=2)
    assert set(ranking.tied) == {1, 2, 3}
    assert ranking.open_seats == 2


def test_fewer_items_than_seats_selects_all():
    assert rank({1: 0, 2: 2}, order=[1, 2], seats=5).selected == (2, 1)


def main(dots, seats_order=None, decision=None):
    order = seats_order or sorted(dots)
    return RoundResult(1, tuple(order), dots, revealed=True, decision=decision)


def test_settle_without_tie_selects_the_top():
    outcome = settle(main({1: 5, 2: 3, 3: 1}), [], seats=2)
    assert outcome.settled and outcome.selected == (1, 2)


def test_settle_reports_the_tie_and_its_round():
    outcome = settle(main({1: 5, 2: 3, 3: 3}), [], seats=2)
    assert not outcome.settled
    assert set(outcome.tied) == {2, 3} and outcome.open_seats == 1
    assert outcome.tied_round_id == 1


def test_a_revealed_runoff_among_exactly_the_tied_items_breaks_the_tie():
    runoff = RoundResult(2, (2, 3), {3: 4, 2: 1}, revealed=True)
    outcome = settle(main({1: 5, 2: 3, 3: 3}), [runoff], seats=2)
    assert outcome.settled and outcome.selected == (1, 3)


def test_an_unrevealed_runoff_does_not_count():
    runoff = RoundResult(2, (2, 3), {3: 4}, revealed=False)
    assert not settle(main({1: 5, 2: 3, 3: 3}), [runoff], seats=2).settled


def test_a_tied_runoff_leaves_a_tie_on_the_runoff_round():
    runoff = RoundResult(2, (2, 3), {3: 2, 2: 2}, revealed=True)
    outcome = settle(main({1: 5, 2: 3, 3: 3}), [runoff], seats=2)
    assert set(outcome.tied) == {2, 3}
    assert outcome.tied_round_id == 2


def test_a_recorded_decision_settles_the_tie():
    outcome = settle(main({1: 5, 2: 3, 3: 3}, decision=(3,)), [], seats=2)
    assert outcome.settled and outcome.selected == (1, 3)


def test_settle_says_how_each_item_ended():
    """Followed through a run-off that tied again and a decision on that run-off's tie."""
    first = RoundResult(2, (2, 3, 4), {2: 2, 3: 2, 4: 1}, revealed=True)
    again = RoundResult(3, (2, 3), {2: 1, 3: 1}, revealed=True, decision=(3,))
    outcome = settle(main({1: 5, 2: 3, 3: 3, 4: 3, 5: 0}), [first, again], seats=2)
    assert outcome.settled and outcome.selected == (1, 3)
    assert outcome.runoff_ids == (2, 3) and outcome.decided_round_id == 3
    assert dict(outcome.statuses) == {
        1: SeatStatus.IN,
        2: SeatStatus.PASSED_OVER,
        3: SeatStatus.CHOSEN_BY_DECISION,
        4: SeatStatus.LOST_RUNOFF,
        5: SeatStatus.OUT,
    }
    assert [s for s in SeatStatus if s.seated] == [
        SeatStatus.IN,
        SeatStatus.WON_RUNOFF,
        SeatStatus.CHOSEN_BY_DECISION,
    ]


def test_a_runoff_winner_is_said_to_have_won_it():
    runoff = RoundResult(2, (2, 3), {3: 4, 2: 1}, revealed=True)
    outcome = settle(main({1: 5, 2: 3, 3: 3}), [runoff], seats=2)
    assert outcome.statuses[3] == SeatStatus.WON_RUNOFF
    assert outcome.statuses[2] == SeatStatus.LOST_RUNOFF
    assert outcome.decided_round_id is None


def test_a_run_off_ballot_holds_a_dot_per_open_seat_and_one_per_item():
    assert ballot_limits(runoff=True, seats=2, dot_budget=5, dot_cap=3) == BallotLimits(2, 1)
    assert ballot_limits(runoff=False, seats=2, dot_budget=5, dot_cap=3) == BallotLimits(5, 3)
    assert dot_refusal(spent=1, on_item=0, budget=2, cap=1) is None
    assert dot_refusal(spent=1, on_item=1, budget=2, cap=1).message_id == "voting.item_cap"
