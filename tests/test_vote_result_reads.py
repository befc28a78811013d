"""The vote read as plain rows: a few statements, fewer while nothing needs more (no round,
an open round), and the same number however many rounds (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from okrdesk.engine import ops
from okrdesk.engine.vote_result import vote_result, vote_state
from tests.test_vote_result import tied_main_vote


def statements(room: Any, read: Callable[..., Any]) -> list[str]:
    counted: list[str] = []
    with room.editor.plan.reader() as session:
        engine = session.get_bind()

        def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            counted.append(statement)

        event.listen(engine, "before_cursor_execute", seen)
        try:
            read(session, room.workshop)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
    return [s for s in counted if s.lstrip().upper().startswith("SELECT")]


def test_an_open_vote_is_four_statements_and_none_before_it_two(room: Any) -> None:
    assert len(statements(room, vote_state)) == 2  # the workshop's seats, its rounds
    room.to_voting(["A", "B", "C"], krs=0)
    room.do(ops.ConfirmBallot(room.workshop, room.people[0]))
    # The seats, the rounds (with any decision), the titles, who has voted.
    assert len(statements(room, vote_state)) == 4
    state = room.editor.view(vote_state, room.workshop)
    assert state is not None and state.round is not None and state.result is None
    assert (state.round.ballots.cast, state.round.ballots.expected) == (1, 4)


def test_more_rounds_read_no_more_statements(room: Any) -> None:
    tied_main_vote(room)
    room.do(ops.StartRunoff(room.workshop))
    room.close_and_reveal()  # tied again
    once = statements(room, vote_result)
    view = room.editor.view(vote_result, room.workshop)
    assert view is not None and len(view.rounds) == 2
    tied = list(view.tied)
    room.do(ops.StartRunoff(room.workshop))
    room.dots(room.people[0], tied[0], 1)
    room.close_and_reveal()
    again = room.editor.view(vote_result, room.workshop)
    assert again is not None and len(again.rounds) == 3
    assert len(statements(room, vote_result)) == len(once) <= 7
