"""The room's engine operations on a real plan file: codes, phones, their ideas (no server)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.history import History
from okrdesk.engine.phones import identify_phone, phone_state, room_code_of, token_hash
from okrdesk.engine.room_ops import (
    ROOM_CODE_ALPHABET,
    ApprovePhone,
    JoinRoom,
    OpenRoom,
    PhoneAddIdea,
    PhoneWithdrawIdea,
    ReleasePhone,
)
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import AuditEvent, AuditKind, Idea, Phase, RoomPhone, RoomRequest


def opened(room):
    room.go(Phase.BRAINSTORM)
    return room.editor.apply(OpenRoom(room.workshop)).result


def join(room, code, person, token):
    return room.editor.apply(
        JoinRoom(room.workshop, code, room.people[person], token_hash(token)), Actor.PHONE
    ).result


def test_a_room_gets_one_unambiguous_code_and_keeps_it(room):
    code = opened(room)
    assert len(code) == 8 and set(code) <= set(ROOM_CODE_ALPHABET)
    assert not set(code) & set("01OIL")
    assert room.editor.apply(OpenRoom(room.workshop)).result == code
    assert room.editor.view(room_code_of, room.workshop) == code


def test_joining_needs_the_rooms_code_and_one_of_its_people(room):
    code = opened(room)
    with pytest.raises(RuleError) as wrong:
        room.editor.apply(JoinRoom(room.workshop, "ABCDEFGH", room.people[0], "h" * 64))
    assert wrong.value.message_id == "rule.room_wrong_code"
    other = room.do(ops.CreateWorkshop(room.company, room.cycle, "Other"))
    stranger = room.do(ops.AddParticipant(other, "Stranger"))
    with pytest.raises(RuleError) as foreign:
        room.editor.apply(JoinRoom(room.workshop, code, stranger, "h" * 64))
    assert foreign.value.message_id == "rule.room_unknown_person"


def test_a_join_is_a_phones_change_the_window_can_see_and_not_undo(room):
    code = opened(room)
    change = room.editor.apply(
        JoinRoom(room.workshop, code, room.people[0], token_hash("t")), Actor.PHONE
    )
    assert change.touches(Aspect.PHONES) and change.ids(Aspect.PHONES) == {change.result}
    assert change.about(room.workshop)
    assert History(room.editor).record(change) is False


def test_a_claimed_name_waits_for_approval_then_moves_to_the_new_phone(room):
    code = opened(room)
    first = join(room, code, 1, "first")
    second = join(room, code, 1, "second")
    with room.editor.plan.reader() as session:
        phones = {
            p.id: (p.participant_id, p.claimed_id) for p in session.scalars(select(RoomPhone))
        }
    assert phones == {first: (room.people[1], None), second: (None, room.people[1])}
    assert room.editor.view(identify_phone, room.workshop, token_hash("second")).name == "Bo"
    with pytest.raises(RuleError) as waiting:
        room.editor.apply(PhoneAddIdea(room.workshop, token_hash("second"), "k", "idea"))
    assert waiting.value.message_id == "rule.room_phone_pending"
    with pytest.raises(RuleError):
        room.editor.apply(ApprovePhone(first))  # not waiting
    room.editor.apply(ApprovePhone(second))
    with pytest.raises(RuleError) as released:
        room.editor.view(identify_phone, room.workshop, token_hash("first"))
    assert released.value.message_id == "rule.room_phone_released"
    room.editor.apply(PhoneAddIdea(room.workshop, token_hash("second"), "k", "idea"))
    with room.editor.plan.reader() as session:
        kinds = list(session.scalars(select(AuditEvent.kind).order_by(AuditEvent.id)))
    assert kinds[-1] == AuditKind.PHONE_APPROVED


def test_a_released_phone_cannot_write_and_the_release_is_audited(room):
    code = opened(room)
    phone = join(room, code, 0, "mine")
    room.editor.apply(ReleasePhone(phone))
    with pytest.raises(RuleError) as refused:
        room.editor.apply(PhoneAddIdea(room.workshop, token_hash("mine"), "k", "idea"))
    assert refused.value.message_id == "rule.room_phone_released"
    with pytest.raises(RuleError):
        room.editor.apply(ReleasePhone(phone))  # already released
    with room.editor.plan.reader() as session:
        events = list(session.execute(select(AuditEvent.kind, AuditEvent.detail)))
    assert (AuditKind.PHONE_RELEASED, '{"name": "Ana"}') in events


def test_a_phones_idea_and_its_key_commit_together_and_a_retry_adds_nothing(room):
    code = opened(room)
    join(room, code, 2, "chen")
    add = PhoneAddIdea(room.workshop, token_hash("chen"), "key-1", "  更多线索  ")
    first = room.editor.apply(add, Actor.PHONE)
    assert first.touches(Aspect.IDEAS) and first.actor is Actor.PHONE
    again = room.editor.apply(add, Actor.PHONE)
    assert again.result == first.result and not again.touches(Aspect.IDEAS)
    with room.editor.plan.reader() as session:
        texts = list(session.execute(select(Idea.text, Idea.author_id)))
        requests = list(session.execute(select(RoomRequest.key, RoomRequest.result)))
    assert texts == [("更多线索", room.people[2])]
    assert requests == [("key-1", str(first.result))]


def test_a_refused_idea_leaves_no_key_behind(room):
    code = opened(room)
    join(room, code, 0, "ana")
    with pytest.raises(ValidationError):
        room.editor.apply(PhoneAddIdea(room.workshop, token_hash("ana"), "k", "x" * 501))
    with room.editor.plan.reader() as session:
        assert list(session.scalars(select(RoomRequest))) == []
    # The same key then works for the corrected text.
    assert room.editor.apply(PhoneAddIdea(room.workshop, token_hash("ana"), "k", "ok")).result


def test_a_phone_withdraws_its_own_idea_only_before_grouping(room):
    code = opened(room)
    join(room, code, 0, "ana")
    mine = room.editor.apply(PhoneAddIdea(room.workshop, token_hash("ana"), "a", "mine")).result
    theirs = room.idea("theirs", room.people[1])
    with pytest.raises(RuleError) as foreign:
        room.editor.apply(PhoneWithdrawIdea(room.workshop, token_hash("ana"), "b", theirs))
    assert foreign.value.message_id == "rule.room_not_your_idea"
    room.go(Phase.GROUP)
    with pytest.raises(RuleError) as late:
        room.editor.apply(PhoneWithdrawIdea(room.workshop, token_hash("ana"), "c", mine))
    assert late.value.message_id == "rule.room_brainstorm_over"


def test_the_phones_state_marks_its_own_cards_and_hides_authors_of_an_anonymous_wall(room):
    code = opened(room)
    join(room, code, 0, "ana")
    room.editor.apply(PhoneAddIdea(room.workshop, token_hash("ana"), "a", "mine"))
    room.idea("theirs", room.people[1])
    room.do(ops.UpdateWorkshopSettings(room.workshop, anonymous=True))
    state = room.editor.view(phone_state, room.workshop, token_hash("ana"), room.editor.clock())
    assert [(c.text, c.own, c.author) for c in state.cards] == [
        ("mine", True, None),
        ("theirs", False, None),
    ]
    assert (state.name, state.pending, state.can_write_ideas) == ("Ana", False, True)


def test_the_facilitator_removing_a_phones_card_is_audited_its_own_withdrawal_not(room):
    code = opened(room)
    join(room, code, 0, "mine")
    phone = token_hash("mine")
    taken = room.editor.apply(PhoneAddIdea(room.workshop, phone, "k1", "Win Shanghai")).result
    withdrawn = room.editor.apply(PhoneAddIdea(room.workshop, phone, "k2", "Oops")).result
    typed = room.do(ops.AddIdea(room.workshop, "Typed in the window", room.people[1]))
    room.editor.apply(PhoneWithdrawIdea(room.workshop, phone, "k3", withdrawn), Actor.PHONE)
    room.do(ops.DeleteIdea(taken))  # the facilitator's Delete on the phone's card
    room.do(ops.DeleteIdea(typed))  # a card of someone not on a phone: the wall's own editing
    with room.editor.plan.reader() as session:
        events = list(
            session.execute(
                select(AuditEvent.detail).where(AuditEvent.kind == AuditKind.IDEA_REMOVED)
            ).scalars()
        )
    assert events == ['{"name": "Ana", "text": "Win Shanghai"}']
