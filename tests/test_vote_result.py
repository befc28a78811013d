"""The vote result read model: ranks, seats, the cut-off, run-offs and decided ties (no Qt)."""

from __future__ import annotations

from typing import Any

from okrdesk.engine import ops
from okrdesk.engine.queries import settlement
from okrdesk.engine.vote_result import SeatStatus, TieState, vote_result, vote_state
from okrdesk.models import RoundKind, Workshop


def result(room: Any) -> Any:
    return room.editor.view(vote_result, room.workshop)


def tied_main_vote(room: Any) -> list[int]:
    """A: 4 dots, B, C and D 2 each, E none: three seats, A in, two seats tied among B, C, D."""
    a, b, c, d, e = room.to_voting(["A", "B", "C", "D", "E"], krs=0)
    ana, bo, chen, _dee = room.people
    room.dots(ana, a, 3)
    room.dots(bo, a, 1)
    room.dots(ana, b, 2)
    room.dots(bo, c, 2)
    room.dots(chen, d, 2)
    room.close_and_reveal()
    return [a, b, c, d, e]


def statuses(view: Any) -> dict[str, SeatStatus]:
    return {row.title: row.status for row in view.rows}


def test_nothing_before_the_main_vote_is_revealed(room: Any) -> None:
    a, _b = room.to_voting(["A", "B"], krs=0)
    room.dots(room.people[0], a, 2)
    assert result(room) is None
    room.do(ops.CloseVoting(room.workshop))
    assert result(room) is None
    state = room.editor.view(vote_state, room.workshop)
    assert state.result is None
    assert state.round is not None and (state.round.open, state.round.revealed) == (False, False)
    assert state.round.kind == RoundKind.MAIN


def test_no_such_workshop_has_no_result(room: Any) -> None:
    assert room.editor.view(vote_result, 999_999) is None
    assert room.editor.view(vote_state, 999_999) is None


def test_a_clear_vote_has_no_tie(room: Any) -> None:
    a, b, c, d = room.to_voting(["A", "B", "C", "D"], krs=0)
    ana = room.people[0]
    room.dots(ana, c, 3)
    room.dots(ana, a, 2)
    room.dots(room.people[1], b, 1)
    room.close_and_reveal()
    view = result(room)
    assert view.tie == TieState.NONE and view.settled
    assert [(r.rank, r.title, r.dots, r.status) for r in view.rows] == [
        (1, "C", 3, SeatStatus.IN),
        (2, "A", 2, SeatStatus.IN),
        (3, "B", 1, SeatStatus.IN),
        (4, "D", 0, SeatStatus.OUT),
    ]
    assert view.seats == 3 and view.cutoff == 3
    assert view.selected == (c, a, b)
    assert view.decision is None and view.latest is view.main
    assert view.status_of(d) == SeatStatus.OUT


def test_a_tie_at_the_cut_off_awaits_a_run_off_or_decision(room: Any) -> None:
    a, b, c, d, _e = tied_main_vote(room)
    view = result(room)
    assert view.tie == TieState.TIED and not view.settled
    assert statuses(view) == {
        "A": SeatStatus.IN,
        "B": SeatStatus.TIED,
        "C": SeatStatus.TIED,
        "D": SeatStatus.TIED,
        "E": SeatStatus.OUT,
    }
    assert set(view.tied) == {b, c, d} and view.open_seats == 2
    assert view.selected == (a,)
    assert view.cutoff == 3  # the line cuts through the tied ones


def test_a_decided_tie_reads_as_decided_with_its_reason(room: Any) -> None:
    a, b, c, d, _e = tied_main_vote(room)
    room.do(ops.DecideTie(room.workshop, (d, b), "Closest to the company objectives", "Lin"))
    view = result(room)
    assert view.tie == TieState.DECIDED and view.settled
    assert statuses(view) == {
        "A": SeatStatus.IN,
        "B": SeatStatus.CHOSEN_BY_DECISION,
        "C": SeatStatus.PASSED_OVER,
        "D": SeatStatus.CHOSEN_BY_DECISION,
        "E": SeatStatus.OUT,
    }
    decision = view.decision
    assert decision is not None
    assert (decision.chosen, decision.chosen_titles) == ((b, d), ("B", "D"))  # listing order
    assert (decision.passed_over, decision.passed_over_titles) == ((c,), ("C",))
    assert (decision.reason, decision.decided_by, decision.round_number) == (
        "Closest to the company objectives",
        "Lin",
        1,
    )
    assert decision.decided_at is not None
    assert set(view.selected) == {a, b, d} and view.tied == ()


def test_a_run_off_under_way_then_resolving_the_tie(room: Any) -> None:
    a, b, c, d, _e = tied_main_vote(room)
    room.do(ops.StartRunoff(room.workshop))
    view = result(room)
    assert view.tie == TieState.RUNOFF_OPEN and view.latest is view.main
    ana, bo, chen, dee = room.people
    room.dots(ana, b, 1)
    room.dots(ana, c, 1)
    room.dots(bo, b, 1)
    room.dots(chen, c, 1)
    room.dots(dee, d, 1)
    room.do(ops.CloseVoting(room.workshop))
    assert result(room).tie == TieState.RUNOFF_OPEN  # closed but not yet revealed
    room.do(ops.RevealTally(room.workshop))
    view = result(room)
    assert view.tie == TieState.RESOLVED_BY_RUNOFF and view.settled
    assert statuses(view)["B"] == SeatStatus.WON_RUNOFF
    assert statuses(view)["C"] == SeatStatus.WON_RUNOFF
    assert statuses(view)["D"] == SeatStatus.LOST_RUNOFF
    runoff = view.latest
    assert (runoff.number, runoff.kind, runoff.seats, runoff.cutoff) == (2, RoundKind.RUNOFF, 2, 2)
    assert [(r.title, r.dots, r.status) for r in runoff.rows] == [
        ("B", 2, SeatStatus.WON_RUNOFF),
        ("C", 2, SeatStatus.WON_RUNOFF),
        ("D", 1, SeatStatus.LOST_RUNOFF),
    ]
    assert view.selected == (a, b, c)


def test_a_run_off_tied_again_then_decided(room: Any) -> None:
    a, b, c, d, _e = tied_main_vote(room)
    room.do(ops.StartRunoff(room.workshop))
    ana, bo, chen, _dee = room.people
    room.dots(ana, b, 1)
    room.dots(bo, c, 1)
    room.dots(chen, d, 1)
    room.close_and_reveal()
    view = result(room)
    assert view.tie == TieState.TIED  # tied again: all three have one dot
    assert view.latest.kind == RoundKind.RUNOFF
    assert {r.status for r in view.latest.rows} == {SeatStatus.TIED}
    room.do(ops.DecideTie(room.workshop, (b, c), "B and C carry the quarter's theme"))
    view = result(room)
    assert view.tie == TieState.DECIDED
    assert view.decision is not None and view.decision.round_number == 2
    assert view.decision.reason == "B and C carry the quarter's theme"
    assert view.decision.decided_by is None
    assert [(r.title, r.status) for r in view.latest.rows] == [
        ("B", SeatStatus.CHOSEN_BY_DECISION),
        ("C", SeatStatus.CHOSEN_BY_DECISION),
        ("D", SeatStatus.PASSED_OVER),
    ]
    assert statuses(view)["D"] == SeatStatus.PASSED_OVER
    assert view.selected == (a, b, c)


def test_the_result_agrees_with_the_settlement_the_operations_use(room: Any) -> None:
    tied_main_vote(room)
    room.do(ops.StartRunoff(room.workshop))
    room.close_and_reveal()  # nobody voted: all tied again
    with room.editor.plan.reader() as session:
        outcome = settlement(session, session.get(Workshop, room.workshop))
    view = result(room)
    assert outcome is not None
    assert (view.selected, view.tied, view.open_seats) == (
        outcome.selected,
        outcome.tied,
        outcome.open_seats,
    )
    assert {r.objective_id: r.status for r in view.rows} == dict(outcome.statuses)


def test_reopening_the_main_vote_hides_the_result_again(room: Any) -> None:
    tied_main_vote(room)
    room.do(ops.OpenVoting(room.workshop))
    assert result(room) is None


def test_a_view_reads_a_fixed_number_of_statements(room: Any) -> None:
    """However many objectives and rounds, the result costs the same few queries."""
    from sqlalchemy import event

    tied_main_vote(room)
    room.do(ops.StartRunoff(room.workshop))
    room.close_and_reveal()
    counted: list[str] = []
    with room.editor.plan.reader() as session:
        engine = session.get_bind()
        listener = lambda *args: counted.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            vote_result(session, room.workshop)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(counted) <= 8
