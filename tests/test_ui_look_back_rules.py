"""Looking back never moves the room: the engine's side (no Qt).

The navigator reads a PhaseMap (which phases open, and why the others do not yet); moving
the room back is its own, audited and undoable operation; after a return, Group goes on to
Select.
"""

from __future__ import annotations

from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.history import History
from okrdesk.engine.phase_ops import MoveRoomBack, phase_map
from okrdesk.engine.phases import PhaseFacts, forward_phase
from okrdesk.errors import RuleError
from okrdesk.models import AuditEvent, AuditKind, Phase, Workshop
from tests.conftest import Room


def test_the_map_opens_done_phases_and_the_next_and_says_why_the_others_are_closed(
    room: Room,
) -> None:
    room.go(Phase.BRAINSTORM)
    with room.editor.plan.reader() as session:
        shown = phase_map(session, room.workshop)
    assert shown is not None and shown.room == Phase.BRAINSTORM
    by_phase = {stop.phase: stop for stop in shown.stops}
    assert by_phase[Phase.SETUP].done and by_phase[Phase.SETUP].reachable
    assert by_phase[Phase.BRAINSTORM].room and by_phase[Phase.BRAINSTORM].reachable
    group = by_phase[Phase.GROUP]
    assert not group.reachable and group.why_not("en") == "Add at least one idea before grouping."
    assert group.why_not("zh_CN") != group.why_not("en") != ""
    vote = by_phase[Phase.VOTE]
    assert not vote.reachable
    assert vote.why_not("en") == "Go forward one phase at a time; next is Group."
    assert [stop.number for stop in shown.stops] == list(range(1, 8))
    room.idea("a card")
    with room.editor.plan.reader() as session:
        again = phase_map(session, room.workshop)
    assert again is not None and again.stop(Phase.GROUP) is not None
    assert again.stop(Phase.GROUP).reachable  # type: ignore[union-attr]
    assert again.forward == Phase.GROUP


def test_moving_the_room_back_is_audited_as_such_and_undone_exactly(room: Room) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("a card")
    room.go(Phase.GROUP)
    history = History(room.editor)
    history.record(room.editor.apply(MoveRoomBack(room.workshop, Phase.BRAINSTORM)))
    with room.editor.plan.reader() as session:
        assert session.get(Workshop, room.workshop).phase == Phase.BRAINSTORM  # type: ignore[union-attr]
        kinds = list(session.scalars(select(AuditEvent.kind).order_by(AuditEvent.id)))
    assert kinds[-1] == AuditKind.ROOM_MOVED_BACK
    history.undo()
    with room.editor.plan.reader() as session:
        assert session.get(Workshop, room.workshop).phase == Phase.GROUP  # type: ignore[union-attr]


def test_moving_the_room_back_never_goes_forward(room: Room) -> None:
    room.go(Phase.BRAINSTORM)
    try:
        room.do(MoveRoomBack(room.workshop, Phase.GROUP))
    except RuleError as error:
        assert error.message_id == "phase.not_back"
    else:
        raise AssertionError("moving 'back' forward was accepted")


def test_after_the_vote_group_goes_on_to_select() -> None:
    revealed = PhaseFacts(
        ideas=3, candidates=3, voting_open=False, vote_revealed=True, selected=2, locked=False
    )
    fresh = PhaseFacts(
        ideas=3, candidates=3, voting_open=False, vote_revealed=False, selected=0, locked=False
    )
    assert forward_phase(Phase.GROUP, revealed) == Phase.SELECT
    assert forward_phase(Phase.GROUP, fresh) == Phase.VOTE
    assert forward_phase(Phase.SELECT, revealed) == Phase.SIGNOFF


def test_after_a_return_the_map_goes_on_from_group_to_select(room: Room) -> None:
    objectives = room.to_voting(["Win", "Keep", "Grow"])
    room.dots(room.people[0], objectives[0], 2)
    room.do(ops.ConfirmBallot(room.workshop, room.people[0]))
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(MoveRoomBack(room.workshop, Phase.GROUP))
    with room.editor.plan.reader() as session:
        shown = phase_map(session, room.workshop)
    assert shown is not None and shown.forward == Phase.SELECT
    assert shown.stop(Phase.SELECT).reachable  # type: ignore[union-attr]
