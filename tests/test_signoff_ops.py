"""Sign-off: approve locks, return needs a reason and counts rounds, reopen is logged."""

import json

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.queries import signoff_state
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import AuditEvent, Decision, Phase, Workshop


def at_signoff(room):
    a, b, c = room.to_voting(["A", "B", "C"])
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.ApplySelection(room.workshop))
    room.go(Phase.SIGNOFF)
    return a, b, c


def workshop(room):
    with room.editor.plan.reader() as session:
        w = session.get(Workshop, room.workshop)
        return w.phase, w.locked, signoff_state(w)


def audit(room):
    with room.editor.plan.reader() as session:
        return [(e.kind, json.loads(e.detail)) for e in session.scalars(select(AuditEvent))]


def test_sign_off_only_in_its_phase(room):
    with pytest.raises(RuleError):
        room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))


def test_return_needs_a_reason_and_sends_the_room_back_to_select(room):
    at_signoff(room)
    with pytest.raises(ValidationError):
        room.do(ops.SignOffWorkshop(room.workshop, Decision.RETURN, "陈志远", "  "))
    room.do(ops.SignOffWorkshop(room.workshop, Decision.RETURN, "陈志远", "KR 与公司目标不一致"))
    phase, locked, state = workshop(room)
    assert (phase, locked, state.status, state.rounds) == (Phase.SELECT, False, "returned", 1)
    assert state.latest.comment == "KR 与公司目标不一致"


def test_approval_locks_and_counts_the_round(room):
    a, _b, _c = at_signoff(room)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", "Sharpen KR2"))
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO", signature="[[[0,0],[1,1]]]"))
    phase, locked, state = workshop(room)
    assert (phase, locked, state.status, state.rounds) == (Phase.SIGNOFF, True, "approved", 2)
    assert state.latest.signature == "[[[0,0],[1,1]]]"
    before = room.state()
    for locked_edit in (
        ops.RenameObjective(a, "sneaky"),
        ops.AddIdea(room.workshop, "late idea"),
        ops.AddKeyResult(a, ops.KeyResultFields("late KR")),
        ops.ChangePhase(room.workshop, Phase.SELECT),
    ):
        with pytest.raises(RuleError):
            room.do(locked_edit)
    assert room.state() == before
    room.go(Phase.EXPORT)


def test_reopen_needs_a_reason_is_logged_and_unlocks(room):
    a, _b, _c = at_signoff(room)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    with pytest.raises(ValidationError):
        room.do(ops.ReopenWorkshop(room.workshop, ""))
    room.do(ops.ReopenWorkshop(room.workshop, "Budget changed", "Lin"))
    phase, locked, state = workshop(room)
    assert (phase, locked, state.status) == (Phase.SELECT, False, "pending")
    assert ("reopened", {"by": "Lin", "reason": "Budget changed"}) in audit(room)
    room.do(ops.RenameObjective(a, "now editable"))
    with pytest.raises(RuleError):
        room.do(ops.ReopenWorkshop(room.workshop, "not locked any more"))


def test_undoing_a_decision_is_recorded_in_the_audit_log_not_erased(room):
    at_signoff(room)
    change = room.editor.apply(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    room.editor.revert(change)
    kinds = [kind for kind, _ in audit(room)]
    assert kinds[-2:] == ["signoff_approve", "undo"]
    assert workshop(room)[1] is False


def test_approval_warns_about_objectives_without_enough_key_results(room):
    a, b, c = room.to_voting(["A", "B", "C"], krs=1)
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.ApplySelection(room.workshop))
    room.go(Phase.SIGNOFF)
    change = room.editor.apply(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    assert [n.message_id for n in change.notices].count("notice.key_result_count") == 3


def test_a_missing_signer_is_named_as_such(room):
    at_signoff(room)
    with pytest.raises(ValidationError) as refused:
        room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, " "))
    assert refused.value.message("en") == "The signer's name cannot be empty."
