"""A phone's ballot in two parts: the frame every phone shares holds through every dot and
ballot (so the room keeps it), and the frame with a person's marks is their whole ballot."""

from __future__ import annotations

from typing import Any

import pytest

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.ballot_frame import ballot_frame, frame_outlives, person_marks
from okrdesk.engine.phones import ballot_of, phone_ballot, token_hash
from okrdesk.engine.room_ops import JoinRoom, OpenRoom, PhoneCastDot, PhoneHandIn, PhoneTakeBack

pytestmark = pytest.mark.unit

ANA = token_hash("ana")


def frame(room: Any) -> Any:
    return room.editor.view(ballot_frame, room.workshop, room.editor.clock())


def test_dots_and_ballots_leave_the_frame_as_it_was_and_say_so(room: Any) -> None:
    code = room.do(OpenRoom(room.workshop))
    room.editor.apply(JoinRoom(room.workshop, code, room.people[0], ANA), Actor.PHONE)
    a, b = room.to_voting(["A", "B"], krs=2)
    before = frame(room)
    assert [c.objective_id for c in before.candidates] == [a, b]
    assert before.voting and before.budget > 0 and before.candidates[0].key_results
    for operation in (
        PhoneCastDot(room.workshop, ANA, "k1", a),
        PhoneCastDot(room.workshop, ANA, "k2", b),
        PhoneHandIn(room.workshop, ANA, "k3"),
        PhoneTakeBack(room.workshop, ANA, "k4"),
        PhoneCastDot(room.workshop, ANA, "k5", a),
    ):
        change = room.editor.apply(operation, Actor.PHONE)
        assert frame_outlives(change), operation
        assert frame(room) == before
    room.dots(room.people[1], b, 2)  # the booth's dots too
    assert frame(room) == before
    change = room.editor.apply(ops.CloseVoting(room.workshop))
    assert not frame_outlives(change) and frame(room) != before


def test_the_frame_with_a_persons_marks_is_their_ballot(room: Any) -> None:
    code = room.do(OpenRoom(room.workshop))
    room.editor.apply(JoinRoom(room.workshop, code, room.people[0], ANA), Actor.PHONE)
    a, b, c = room.to_voting(["A", "B", "C"], krs=1)
    room.dots(room.people[0], a, 2)
    room.dots(room.people[0], c, 1)
    room.dots(room.people[1], b, 3)  # someone else's dots are not Ana's
    whole = room.editor.view(phone_ballot, room.workshop, ANA, room.editor.clock())
    kept = frame(room)
    marks = room.editor.view(person_marks, kept.round_id, room.people[0])
    assert ballot_of(kept, marks) == whole
    assert [x.dots for x in whole.candidates] == [2, 0, 1] and whole.placed == 3
    assert whole.accepting and not whole.handed_in
    room.editor.apply(PhoneHandIn(room.workshop, ANA, "k1"), Actor.PHONE)
    marks = room.editor.view(person_marks, kept.round_id, room.people[0])
    handed = ballot_of(frame(room), marks)
    assert handed.handed_in and not handed.accepting
    assert not any(x.can_add or x.can_take_back for x in handed.candidates)


def test_before_the_vote_the_frame_has_no_round_and_nobody_has_marks(room: Any) -> None:
    before = frame(room)
    assert before.round_id is None and before.candidates == ()
    assert room.editor.view(person_marks, None, room.people[0]).dots == ()
