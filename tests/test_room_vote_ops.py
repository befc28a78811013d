"""Phones vote by the booth's own operations: the engine side, on a real plan (no server)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.history import History
from okrdesk.engine.phones import phone_ballot, token_hash
from okrdesk.engine.room_ops import (
    ApprovePhone,
    JoinRoom,
    OpenRoom,
    PhoneCastDot,
    PhoneHandIn,
    PhoneTakeBack,
    PhoneWithdrawDot,
)
from okrdesk.engine.room_view import room_view
from okrdesk.errors import RuleError
from okrdesk.models import Ballot, Dot, Phase, RoomPhone, RoomRequest

ANA = token_hash("ana")


def voting(room: Any, titles: tuple[str, ...] = ("A", "B", "C")) -> list[int]:
    """The room's vote open, Ana's phone joined (bound) and Bo's joined twice (one pending)."""
    code = room.do(OpenRoom(room.workshop))
    for person, token in ((0, "ana"), (1, "bo"), (1, "bo-again")):
        room.editor.apply(
            JoinRoom(room.workshop, code, room.people[person], token_hash(token)), Actor.PHONE
        )
    return room.to_voting(list(titles), krs=1)


def phone(room: Any, operation: Any) -> Any:
    return room.editor.apply(operation, Actor.PHONE).result


def refused(room: Any, operation: Any) -> RuleError:
    with pytest.raises(RuleError) as caught:
        room.editor.apply(operation, Actor.PHONE)
    return caught.value


def dots_of(room: Any, person: int) -> dict[int, int]:
    with room.editor.plan.reader() as session:
        rows = session.execute(
            select(Dot.objective_id, Dot.count).where(Dot.participant_id == person)
        )
        return {objective: count for objective, count in rows}


def ballots(room: Any) -> int:
    with room.editor.plan.reader() as session:
        return int(session.scalar(select(func.count()).select_from(Ballot)) or 0)


def view(room: Any, token: str = ANA) -> Any:
    return room.editor.view(phone_ballot, room.workshop, token, room.editor.clock())


def test_a_phone_casts_withdraws_hands_in_and_takes_back(room: Any) -> None:
    a, b, _c = voting(room)
    ana = room.people[0]
    assert phone(room, PhoneCastDot(room.workshop, ANA, "k1", a)) == a
    phone(room, PhoneCastDot(room.workshop, ANA, "k2", a))
    phone(room, PhoneCastDot(room.workshop, ANA, "k3", b))
    phone(room, PhoneWithdrawDot(room.workshop, ANA, "k4", a))
    assert dots_of(room, ana) == {a: 1, b: 1}
    ballot_id = phone(room, PhoneHandIn(room.workshop, ANA, "k5"))
    assert ballot_id > 0 and ballots(room) == 1
    # Handed in: frozen until taken back.
    assert refused(room, PhoneCastDot(room.workshop, ANA, "k6", a)).message_id == (
        "voting.ballot_confirmed"
    )
    assert refused(room, PhoneWithdrawDot(room.workshop, ANA, "k7", a)).message_id == (
        "voting.ballot_confirmed"
    )
    assert phone(room, PhoneTakeBack(room.workshop, ANA, "k8")) == 0
    assert ballots(room) == 0 and dots_of(room, ana) == {}  # cleared, as at the booth


def test_a_phones_vote_is_never_in_the_windows_undo(room: Any) -> None:
    a, _b, _c = voting(room)
    change = room.editor.apply(PhoneCastDot(room.workshop, ANA, "k", a), Actor.PHONE)
    assert History(room.editor).record(change) is False


def test_budget_and_cap_are_refused_with_the_engines_messages(room: Any) -> None:
    a, b, c = voting(room)
    for n in range(3):
        phone(room, PhoneCastDot(room.workshop, ANA, f"a{n}", a))
    cap = refused(room, PhoneCastDot(room.workshop, ANA, "a3", a))
    assert cap.message_id == "voting.item_cap" and cap.message("en") == "At most 3 dots per item."
    phone(room, PhoneCastDot(room.workshop, ANA, "b0", b))
    phone(room, PhoneCastDot(room.workshop, ANA, "b1", b))
    budget = refused(room, PhoneCastDot(room.workshop, ANA, "c0", c))
    assert budget.message_id == "voting.budget_spent"
    assert dots_of(room, room.people[0]) == {a: 3, b: 2}
    # A refused write leaves no record: the same key works once a dot is free.
    phone(room, PhoneWithdrawDot(room.workshop, ANA, "free", a))
    assert phone(room, PhoneCastDot(room.workshop, ANA, "c0", c)) == c


def test_a_retried_request_does_not_double_a_dot(room: Any) -> None:
    a, _b, _c = voting(room)
    for _ in range(3):
        phone(room, PhoneCastDot(room.workshop, ANA, "same", a))
    assert dots_of(room, room.people[0]) == {a: 1}
    first = phone(room, PhoneHandIn(room.workshop, ANA, "in"))
    assert phone(room, PhoneHandIn(room.workshop, ANA, "in")) == first
    assert ballots(room) == 1
    with room.editor.plan.reader() as session:
        assert session.scalar(select(func.count()).select_from(RoomRequest)) == 2


def test_the_booth_and_a_phone_cannot_both_hand_in_for_one_person(room: Any) -> None:
    a, _b, _c = voting(room)
    ana = room.people[0]
    room.do(ops.ConfirmBallot(room.workshop, ana))
    assert refused(room, PhoneHandIn(room.workshop, ANA, "in")).message_id == (
        "voting.ballot_confirmed"
    )
    assert refused(room, PhoneCastDot(room.workshop, ANA, "dot", a)).message_id == (
        "voting.ballot_confirmed"
    )
    room.do(ops.RedoBallot(room.workshop, ana))
    phone(room, PhoneHandIn(room.workshop, ANA, "in"))
    with pytest.raises(RuleError) as booth:
        room.do(ops.ConfirmBallot(room.workshop, ana))
    assert booth.value.message_id == "voting.ballot_confirmed"
    assert ballots(room) == 1


def test_a_pending_or_unknown_phone_cannot_vote(room: Any) -> None:
    a, _b, _c = voting(room)
    pending = token_hash("bo-again")
    assert refused(room, PhoneCastDot(room.workshop, pending, "k", a)).message_id == (
        "rule.room_phone_pending"
    )
    assert refused(room, PhoneHandIn(room.workshop, pending, "k")).message_id == (
        "rule.room_phone_pending"
    )
    with pytest.raises(RuleError) as seeing:
        view(room, pending)
    assert seeing.value.message_id == "rule.room_phone_pending"
    unknown = refused(room, PhoneCastDot(room.workshop, token_hash("nobody"), "k", a))
    assert unknown.message_id == "rule.room_token_unknown"
    assert dots_of(room, room.people[1]) == {}


def test_a_phone_sees_its_own_dots_never_anothers_nor_a_count(room: Any) -> None:
    a, b, c = voting(room)
    bo, chen = room.people[1], room.people[2]
    room.dots(bo, a, 3)
    room.dots(chen, b, 2)
    room.do(ops.ConfirmBallot(room.workshop, chen))
    phone(room, PhoneCastDot(room.workshop, ANA, "k", c))
    seen = view(room)
    assert seen.voting and seen.accepting and not seen.handed_in and seen.result is None
    assert (seen.budget, seen.cap, seen.placed, seen.dots_left) == (5, 3, 1, 4)
    assert [(x.number, x.objective_id, x.dots) for x in seen.candidates] == [
        (1, a, 0),
        (2, b, 0),
        (3, c, 1),
    ]
    assert seen.candidates[0].key_results == ("A: KR 1 reaches 10",)
    assert seen.candidates[2].can_take_back and not seen.candidates[0].can_take_back
    # Closed but not revealed: still only Ana's own dots, no count of anyone's.
    room.do(ops.CloseVoting(room.workshop))
    closed = view(room)
    assert not closed.voting and not closed.accepting and closed.result is None
    assert [x.dots for x in closed.candidates] == [0, 0, 1]


def test_after_the_reveal_a_phone_sees_the_rooms_result_and_nothing_more(room: Any) -> None:
    a, b, c = voting(room)
    room.dots(room.people[1], a, 3)
    phone(room, PhoneCastDot(room.workshop, ANA, "k", b))
    room.close_and_reveal()
    seen = view(room)
    assert seen.result is not None and seen.candidates == () and not seen.voting
    assert [(s.title, s.dots) for s in seen.result.standings][:2] == [("A", 3), ("B", 1)]
    assert {s.objective_id for s in seen.result.standings} == {a, b, c}


def test_outside_the_vote_a_phone_has_no_ballot(room: Any) -> None:
    voting(room)
    room.go(Phase.GROUP)
    seen = view(room)
    assert seen.phase == Phase.GROUP and seen.round_number is None and seen.candidates == ()


def test_the_projector_counts_a_phones_ballot_as_in_never_its_dots(room: Any) -> None:
    a, _b, _c = voting(room)
    phone(room, PhoneCastDot(room.workshop, ANA, "dot", a))
    phone(room, PhoneHandIn(room.workshop, ANA, "in"))
    shown = room.editor.view(room_view, room.workshop, room.editor.clock())
    assert shown.ballots is not None and shown.ballots.ballots_in == 1
    assert "Ana" not in shown.ballots.not_voted and "Bo" in shown.ballots.not_voted
    assert shown.result is None


def test_a_ballot_cannot_be_taken_back_once_the_vote_closes(room: Any) -> None:
    a, _b, _c = voting(room)
    phone(room, PhoneCastDot(room.workshop, ANA, "dot", a))
    phone(room, PhoneHandIn(room.workshop, ANA, "in"))
    room.do(ops.CloseVoting(room.workshop))
    assert refused(room, PhoneTakeBack(room.workshop, ANA, "back")).message_id == (
        "voting.not_open"
    )
    assert ballots(room) == 1 and dots_of(room, room.people[0]) == {a: 1}


def test_a_run_off_on_a_phone_offers_the_tied_items_only(room: Any) -> None:
    a, b, c, d = voting(room, ("A", "B", "C", "D"))
    ana, bo, chen, _dee = room.people
    room.dots(ana, a, 3)
    room.dots(bo, b, 2)
    room.dots(chen, c, 2)
    room.dots(chen, d, 2)
    room.close_and_reveal()  # A in, B C D tied for two seats
    tied = view(room)
    assert tied.result is not None and tied.candidates == ()
    room.do(ops.StartRunoff(room.workshop))
    seen = view(room)
    assert seen.runoff and seen.voting and seen.result is None
    assert (seen.budget, seen.cap, seen.dots_left) == (2, 1, 2)
    assert [(x.number, x.objective_id) for x in seen.candidates] == [(1, b), (2, c), (3, d)]
    assert refused(room, PhoneCastDot(room.workshop, ANA, "a", a)).message_id == (
        "voting.not_on_ballot"
    )
    phone(room, PhoneCastDot(room.workshop, ANA, "b", b))
    assert refused(room, PhoneCastDot(room.workshop, ANA, "b2", b)).message_id == (
        "voting.item_cap"
    )


def test_a_phone_still_waiting_for_its_name_votes_as_nobody():
    from okrdesk.engine.phones import PhoneIdentity
    from okrdesk.engine.room_ops import PhoneWrite
    from okrdesk.errors import RuleError

    with pytest.raises(RuleError) as refused:
        PhoneWrite._voter(PhoneIdentity(phone_id=1, workshop_id=1, participant_id=None, name="Ana"))
    assert refused.value.message_id == "rule.room_phone_pending"
    assert PhoneWrite._voter(PhoneIdentity(1, 1, 7, "Ana")) == 7


@pytest.mark.unit
def test_a_phones_dot_is_written_in_a_handful_of_statements(room: Any) -> None:
    """A dot is the room's busiest write (a thousand in a minute, each answered only once
    committed): its checks are read in two statements, not one per row through the ORM."""
    from sqlalchemy import event

    a, _b, _c = voting(room)
    phone(room, PhoneCastDot(room.workshop, ANA, "warm", a))  # the first: caches warm
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    engine = room.editor.plan.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        phone(room, PhoneCastDot(room.workshop, ANA, "second", a))
        cast = list(seen)
        seen.clear()
        phone(room, PhoneWithdrawDot(room.workshop, ANA, "back", a))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # phone and key, 2 facts, the write, its key remembered, the change log read and cleared,
    # the round's workshop, the transaction's own bookkeeping
    assert len(cast) <= 12, cast
    assert len(seen) <= 12, seen
    assert room.editor.view(lambda s: s.scalar(select(func.sum(Dot.count)))) == 1


def test_a_phone_taking_the_name_of_someone_who_voted_at_the_booth_waits_for_approval(
    room: Any,
) -> None:
    """Nobody takes back, or changes, a ballot given at the booth by picking its person's
    name on a phone: the phone waits for the facilitator, who sees who holds it."""
    a, b, _c = voting(room)
    chen, dee = room.people[2], room.people[3]
    room.do(ops.CastDot(room.workshop, chen, a))
    room.do(ops.ConfirmBallot(room.workshop, chen))
    room.do(ops.CastDot(room.workshop, dee, b))  # at the booth, not yet handed in
    code = room.do(OpenRoom(room.workshop))
    for person, token in ((chen, "chen"), (dee, "dee")):
        room.editor.apply(JoinRoom(room.workshop, code, person, token_hash(token)), Actor.PHONE)
    for token in ("chen", "dee"):
        assert refused(room, PhoneTakeBack(room.workshop, token_hash(token), "k")).message_id == (
            "rule.room_phone_pending"
        )
        assert refused(
            room, PhoneWithdrawDot(room.workshop, token_hash(token), "w", b)
        ).message_id == ("rule.room_phone_pending")
    assert dots_of(room, chen) == {a: 1} and dots_of(room, dee) == {b: 1}
    assert ballots(room) == 1
    # Approved by the facilitator (who sees the person holding the phone), it is theirs.
    (waiting,) = room.editor.view(
        lambda session: [
            phone_id
            for (phone_id,) in session.execute(
                select(RoomPhone.id).where(RoomPhone.claimed_id == chen)
            )
        ]
    )
    room.do(ApprovePhone(waiting))
    assert phone(room, PhoneTakeBack(room.workshop, token_hash("chen"), "k2")) == 0
    assert ballots(room) == 0
