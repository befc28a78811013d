"""The window's list of a room's phones (okrdesk/engine/room_phones.py)."""

from __future__ import annotations

from okrdesk.engine.aspects import Actor
from okrdesk.engine.history import History
from okrdesk.engine.phones import token_hash
from okrdesk.engine.room_ops import ApprovePhone, JoinRoom, OpenRoom, ReleasePhone
from okrdesk.engine.room_phones import room_phones
from okrdesk.models import Phase


def test_the_list_shows_joined_and_waiting_phones_never_released_ones_or_another_room(room):
    room.go(Phase.BRAINSTORM)
    code = room.editor.apply(OpenRoom(room.workshop), Actor.ROOM).result
    ana, bo, chen, _dee = room.people

    def join(person: int, token: str) -> int:
        operation = JoinRoom(room.workshop, code, person, token_hash(token))
        return room.editor.apply(operation, Actor.PHONE).result

    first_bo = join(bo, "bo-1")
    join(chen, "chen")
    anas = join(ana, "ana")
    second_bo = join(bo, "bo-2")  # waits: the first phone holds Bo
    phones = room.editor.view(room_phones, room.workshop)
    assert [(phone.id, phone.name, phone.pending) for phone in phones] == [
        (second_bo, "Bo", True),  # the waiting first
        (anas, "Ana", False),
        (first_bo, "Bo", False),
        (phones[3].id, "陈", False),
    ]
    room.editor.apply(ApprovePhone(second_bo))
    room.editor.apply(ReleasePhone(anas))
    phones = room.editor.view(room_phones, room.workshop)
    assert [(phone.id, phone.pending) for phone in phones] == [
        (second_bo, False),
        (phones[1].id, False),
    ]
    assert all(phone.joined_at is not None for phone in phones)
    assert room.editor.view(room_phones, room.workshop + 1) == ()


def test_opening_the_room_is_no_step_the_facilitator_could_undo(room):
    room.go(Phase.BRAINSTORM)
    change = room.editor.apply(OpenRoom(room.workshop), Actor.ROOM)
    assert change.result and change.actor is Actor.ROOM
    history = History(room.editor)
    assert not history.record(change)
