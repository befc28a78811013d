"""A ballot handed in is read once and shared: the newest round's ballots (``round_ballots``,
two plain queries) give the booth its names and the vote page its state, the same as each
read on its own (no Qt)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from okrdesk.engine import ops
from okrdesk.engine.ballot_view import booth_of, booth_view
from okrdesk.engine.queries import round_ballots
from okrdesk.engine.vote_result import vote_state, vote_state_with


def test_the_booth_and_the_vote_state_from_one_read_are_those_read_anew(room: Any) -> None:
    a, _b = room.to_voting(["A", "B"], krs=0)
    ana, bo, chen, _dee = room.people
    state = room.editor.view(vote_state, room.workshop)
    steps = [
        ops.CastDot(room.workshop, ana, a),
        ops.ConfirmBallot(room.workshop, ana),
        ops.ConfirmBallot(room.workshop, chen),
        ops.RedoBallot(room.workshop, ana),
        ops.ConfirmBallot(room.workshop, bo),
    ]
    for step in steps:
        room.do(step)
        ballots = room.editor.view(round_ballots, room.workshop)
        assert ballots is not None
        assert booth_of(room.workshop, ballots) == room.editor.view(booth_view, room.workshop)
        state = vote_state_with(state, ballots)
        assert state == room.editor.view(vote_state, room.workshop), step
    assert state is not None and state.round is not None
    assert state.round.ballots.missing == ("Ana", "Dee")
    assert (state.round.ballots.cast, state.round.ballots.expected) == (2, 4)


def test_another_round_or_a_closed_one_means_reading_the_vote_again(room: Any) -> None:
    room.to_voting(["A", "B"], krs=0)
    state = room.editor.view(vote_state, room.workshop)
    room.do(ops.CloseVoting(room.workshop))
    closed = room.editor.view(round_ballots, room.workshop)
    assert closed is not None and not closed.open
    assert vote_state_with(state, closed) is None  # the round closed: not a ballot alone
    assert vote_state_with(None, closed) is None
    assert vote_state_with(state, None) is None


def test_before_any_round_the_booth_lists_everyone_not_voted(room: Any) -> None:
    booth = room.editor.view(booth_view, room.workshop)
    assert booth.round_number is None and not booth.open
    assert [(p.name, p.voted) for p in booth.people] == [
        ("Ana", False),
        ("Bo", False),
        ("陈", False),
        ("Dee", False),
    ]
    assert room.editor.view(round_ballots, room.workshop) is None


def test_the_ballots_of_a_round_are_two_statements_whatever_the_room(room: Any) -> None:
    room.to_voting(["A", "B"], krs=0)
    for name in ("Eve", "Fay", "Gus"):
        room.do(ops.AddParticipant(room.workshop, name))
    statements: list[str] = []
    engine = room.editor.plan.engine

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        ballots = room.editor.view(round_ballots, room.workshop)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert ballots is not None and len(ballots.people) == 7
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
