"""Following the meeting from a phone, and walk-ins, in the engine (no server, no Qt)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.history import History
from okrdesk.engine.phone_follow import phone_follow
from okrdesk.engine.phones import (
    identify_phone,
    room_join_list,
    room_settings,
    token_hash,
    walk_in_token,
)
from okrdesk.engine.room_ops import AllowWalkIns, JoinRoom, OpenRoom, WalkIn
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import Decision, Participant, Phase, RoomPhone, SignoffStatus
from okrdesk.models.types import utc_now

KEY = "0123456789abcdef0123456789abcdef"


def opened(room) -> str:
    """The room's code (the workshop still in Setup)."""
    return str(room.editor.apply(OpenRoom(room.workshop)).result)


def selected(room, titles: list[str]) -> list[int]:
    """Vote on the titles (Ana: 3 dots on the first, 2 on the second), reveal, select two."""
    objectives = room.to_voting(titles)
    room.do(ops.UpdateWorkshopSettings(room.workshop, selection_size=2))
    room.dots(room.people[0], objectives[0], 3)
    room.dots(room.people[0], objectives[1], 2)
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.ApplySelection(room.workshop))
    return objectives


def join(room, code: str, person: int, token: str) -> int:
    return int(
        room.editor.apply(
            JoinRoom(room.workshop, code, room.people[person], token_hash(token)), Actor.PHONE
        ).result
    )


def follow(room, token: str):
    return room.editor.view(phone_follow, room.workshop, token_hash(token), utc_now())


def walk_in(room, code: str, name: str, key: str = KEY) -> int:
    return int(room.editor.apply(WalkIn(room.workshop, code, name, key), Actor.PHONE).result)


# -- walk-ins --------------------------------------------------------------------------------


def test_walk_ins_are_off_until_the_facilitator_allows_them_and_undo_takes_it_back(room):
    code = opened(room)
    assert room.editor.view(room_settings, room.workshop).walk_ins is False
    assert room.editor.view(room_join_list, room.workshop).walk_ins is False
    with pytest.raises(RuleError) as off:
        walk_in(room, code, "Eve")
    assert off.value.message_id == "rule.room_walk_ins_off"
    history = History(room.editor)
    change = room.editor.apply(AllowWalkIns(room.workshop, True))
    assert change.about(room.workshop) and change.touches(Aspect.WORKSHOPS)
    assert history.record(change) is True
    settings = room.editor.view(room_settings, room.workshop)
    assert (settings.code, settings.walk_ins) == (code, True)
    history.undo()
    assert room.editor.view(room_settings, room.workshop).walk_ins is False


def test_a_walk_in_becomes_a_participant_with_the_phone_bound_to_it_once(room):
    code = opened(room)
    room.do(AllowWalkIns(room.workshop, True))
    phone = walk_in(room, code, "  Eve Example  ")
    again = walk_in(room, code, "Eve Example")  # the retry of a reply that was lost
    assert again == phone
    token, hashed = walk_in_token(KEY)
    assert hashed == token_hash(token)
    me = room.editor.view(identify_phone, room.workshop, hashed)
    assert (me.phone_id, me.name) == (phone, "Eve Example")
    with room.editor.plan.reader() as session:
        names = list(
            session.scalars(
                select(Participant.name)
                .where(Participant.workshop_id == room.workshop)
                .order_by(Participant.position)
            )
        )
        stored = session.scalars(select(RoomPhone.token_sha256)).all()
    assert names == ["Ana", "Bo", "陈", "Dee", "Eve Example"]  # one person, at the end
    assert token not in stored and hashed in stored  # the token itself is never kept
    people = room.editor.view(room_join_list, room.workshop).people
    assert [p.name for p in people][-1] == "Eve Example"


@pytest.mark.parametrize("name", ["ana", " BO ", "陈"])
def test_a_name_on_the_list_is_refused_whatever_its_case(room, name):
    code = opened(room)
    room.do(AllowWalkIns(room.workshop, True))
    with pytest.raises(RuleError) as listed:
        walk_in(room, code, name)
    assert listed.value.message_id == "rule.room_walk_in_listed"
    assert listed.value.params["name"] in ("Ana", "Bo", "陈")
    assert "pick it from the list" in listed.value.message("en")
    assert "名单" in listed.value.message("zh_CN")


def test_a_walk_in_is_checked_like_a_name_a_join_code_and_a_key(room):
    code = opened(room)
    room.do(AllowWalkIns(room.workshop, True))
    with pytest.raises(ValidationError):
        walk_in(room, code, "   ")
    with pytest.raises(ValidationError):
        walk_in(room, code, "x" * 101)
    with pytest.raises(RuleError) as wrong:
        walk_in(room, "ABCDEFGH", "Eve")
    assert wrong.value.message_id == "rule.room_wrong_code"
    with pytest.raises(RuleError) as short:
        walk_in(room, code, "Eve", key="short")
    assert short.value.message_id == "rule.room_walk_in_key"
    with room.editor.plan.reader() as session:
        assert session.scalars(select(RoomPhone)).all() == []


def test_no_walk_in_into_a_signed_off_workshop(room):
    code = opened(room)
    room.do(AllowWalkIns(room.workshop, True))
    selected(room, ["Grow", "Keep"])
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "Signer"))
    with pytest.raises(RuleError) as locked:
        walk_in(room, code, "Eve")
    assert locked.value.message_id == "rule.locked"


# -- following along -------------------------------------------------------------------------


def test_before_select_a_phone_follows_nothing_but_the_phase(room):
    code = opened(room)
    join(room, code, 0, "ana")
    room.to_voting(["Grow", "Keep"])
    seen = follow(room, "ana")
    assert (seen.phase, seen.result, seen.objectives, seen.signoff, seen.handout) == (
        Phase.VOTE,
        None,
        (),
        None,
        False,
    )


def test_a_pending_phone_follows_nothing(room):
    code = opened(room)
    join(room, code, 0, "first")
    join(room, code, 0, "second")
    with pytest.raises(RuleError) as pending:
        follow(room, "second")
    assert pending.value.message_id == "rule.room_phone_pending"


def test_a_phone_follows_the_result_the_selection_and_the_signoff_to_the_handout(room):
    code = opened(room)
    join(room, code, 0, "ana")
    keep = selected(room, ["Grow", "Keep", "Drop"])[1]

    chosen = follow(room, "ana")
    assert chosen.phase == Phase.SELECT and chosen.signoff is None
    assert [(s.title, s.dots) for s in chosen.result.standings][:2] == [("Grow", 3), ("Keep", 2)]
    assert [o.title for o in chosen.objectives] == ["Grow", "Keep"]  # Drop was not chosen
    assert chosen.objectives[0].key_results == ("Grow: KR 1 reaches 10", "Grow: KR 2 reaches 20")
    assert chosen.handout is False

    room.go(Phase.SIGNOFF)
    waiting = follow(room, "ana").signoff
    assert (waiting.status, waiting.signer, waiting.reason) == (SignoffStatus.PENDING, None, None)

    room.do(
        ops.SignOffWorkshop(
            room.workshop,
            Decision.RETURN,
            "Mia",
            "Make Keep measurable",
            notes=((keep, "Which number?"),),
        )
    )
    returned = follow(room, "ana")  # back at Select to refine the OKRs
    assert returned.phase == Phase.SELECT
    assert returned.signoff.status == SignoffStatus.RETURNED
    assert returned.signoff.reason == "Make Keep measurable"
    assert [(n.objective, n.comment) for n in returned.signoff.notes] == [("Keep", "Which number?")]
    assert returned.handout is False

    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "Mia"))
    approved = follow(room, "ana")
    assert approved.signoff.status == SignoffStatus.APPROVED
    assert approved.signoff.signer == "Mia" and approved.signoff.at is not None
    assert approved.signoff.reason is None and approved.handout is True
    room.go(Phase.EXPORT)
    assert follow(room, "ana").handout is True
    assert [o.title for o in follow(room, "ana").objectives] == ["Grow", "Keep"]
