"""Sign-off: approve locks, return needs a reason and counts rounds, reopen is logged."""

import json

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.queries import signoff_state
from okrdesk.engine.signature import parse_signature
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import AuditEvent, Decision, Phase, SignOff, Workshop

SIGNATURE = (
    '{"width": 300, "height": 100, "strokes": [[[10, 80], [40, 20], [90, 70]], [[120, 50]]]}'
)


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
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO", signature=SIGNATURE))
    phase, locked, state = workshop(room)
    assert (phase, locked, state.status, state.rounds) == (Phase.SIGNOFF, True, "approved", 2)
    assert parse_signature(state.latest.signature) == parse_signature(SIGNATURE)
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
    _a, _b, _c = room.to_voting(["A", "B", "C"], krs=1)
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


def notes_of(room):
    with room.editor.plan.reader() as session:
        return [
            [(n.objective_title, n.comment) for n in record.notes]
            for record in session.scalars(select(SignOff).order_by(SignOff.round))
        ]


def test_a_return_may_give_its_reason_per_objective(room):
    a, b, _c = at_signoff(room)
    room.do(
        ops.SignOffWorkshop(
            room.workshop, Decision.RETURN, "陈志远", "", notes=((a, "目标太空泛"), (b, "  "))
        )
    )
    phase, _locked, state = workshop(room)
    assert (phase, state.status, state.latest.comment) == (Phase.SELECT, "returned", None)
    assert notes_of(room) == [[("A", "目标太空泛")]]
    kind, detail = audit(room)[-1]
    assert kind == "signoff_return" and detail["notes"] == [["A", "目标太空泛"]]


def test_a_return_with_only_blank_notes_still_needs_a_reason(room):
    a, _b, _c = at_signoff(room)
    before = room.state()
    with pytest.raises(ValidationError):
        room.do(ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", " ", notes=((a, " "),)))
    assert room.state() == before


def test_a_note_keeps_its_objective_title_after_the_objective_goes(room):
    a, _b, _c = at_signoff(room)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", notes=((a, "Too vague"),)))
    room.do(ops.DeleteObjective(a, confirm=True))
    assert notes_of(room) == [[("A", "Too vague")]]


def test_a_note_on_another_workshops_objective_is_refused(room):
    at_signoff(room)
    other = room.do(ops.CreateWorkshop(room.company, room.cycle, "Other"))
    room.editor.apply(ops.ChangePhase(other, Phase.BRAINSTORM))
    room.do(ops.AddIdea(other, "x"))
    room.editor.apply(ops.ChangePhase(other, Phase.GROUP))
    foreign = room.do(ops.CreateObjective(other, "Foreign"))
    with pytest.raises(RuleError):
        room.do(
            ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", notes=((foreign, "no"),))
        )


def test_return_approve_loop_counts_rounds_and_keeps_every_comment(room):
    a, b, _c = at_signoff(room)
    room.do(
        ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", "Round one", notes=((a, "A?"),))
    )
    room.go(Phase.SIGNOFF)
    room.do(
        ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", "Round two", notes=((b, "B?"),))
    )
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO", signature=SIGNATURE))
    with room.editor.plan.reader() as session:
        rows = [
            (s.round, s.decision, s.comment, s.signature is not None)
            for s in session.scalars(select(SignOff).order_by(SignOff.round))
        ]
    assert rows == [
        (1, Decision.RETURN, "Round one", False),
        (2, Decision.RETURN, "Round two", False),
        (3, Decision.APPROVE, None, True),
    ]
    assert notes_of(room) == [[("A", "A?")], [("B", "B?")], []]
    kinds = [kind for kind, _ in audit(room) if kind.startswith("signoff")]
    assert kinds == ["signoff_return", "signoff_return", "signoff_approve"]


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        "[[[0, 0]]]",
        '{"width": 0, "height": 10, "strokes": []}',
        '{"width": 10, "height": 10, "strokes": [[[1]]]}',
        '{"width": 10, "height": 10, "strokes": [[["a", 1]]]}',
        '{"width": 10, "height": 10, "strokes": [[[NaN, 1]]]}',
        '{"width": 10, "height": 10, "strokes": [[[1, 1]]] }'.replace(
            "[[[1, 1]]]", str([[[1, 1]] * 20001])
        ),
    ],
)
def test_a_malformed_signature_is_refused_and_nothing_is_recorded(room, bad):
    at_signoff(room)
    before = room.state()
    with pytest.raises(ValidationError) as refused:
        room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO", signature=bad))
    assert "签名" in refused.value.message("zh_CN")
    assert room.state() == before


def test_an_empty_signature_is_stored_as_none(room):
    at_signoff(room)
    room.do(
        ops.SignOffWorkshop(
            room.workshop,
            Decision.APPROVE,
            "CEO",
            signature='{"width":5,"height":5,"strokes":[[]]}',
        )
    )
    assert workshop(room)[2].latest.signature is None


def test_after_a_return_the_room_refines_on_group_and_comes_straight_back_to_select(room):
    a, _b, _c = at_signoff(room)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", "Sharper KRs"))
    room.go(Phase.GROUP)
    room.do(ops.AddKeyResult(a, ops.KeyResultFields("A: KR 3 reaches 30 by March", target=30)))
    room.go(Phase.SELECT)  # no second pass through the vote
    room.go(Phase.SIGNOFF)
    assert workshop(room)[0] == Phase.SIGNOFF


def test_before_the_vote_group_still_goes_to_vote_first(room):
    room.go(Phase.BRAINSTORM)
    room.idea("card")
    room.go(Phase.GROUP)
    room.objective("A")
    room.objective("B")
    with pytest.raises(RuleError):
        room.go(Phase.SELECT)


def test_reopenings_stand_in_the_history_with_their_reason_and_undo_takes_them_back(room):
    from okrdesk.engine.snapshot import plan_snapshot

    at_signoff(room)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    change = room.editor.apply(ops.ReopenWorkshop(room.workshop, "Budget changed", "Lin"))

    def history():
        with room.editor.plan.reader() as session:
            return [
                (d.decision, d.signer, d.comment)
                for d in plan_snapshot(session, room.editor.clock).workshops[0].signoff.history
            ]

    assert history() == [("approve", "CEO", None), ("reopen", "Lin", "Budget changed")]
    undo = room.editor.revert(change)
    assert history() == [("approve", "CEO", None)]
    room.editor.revert(undo, kind="redo")
    assert history()[-1] == ("reopen", "Lin", "Budget changed")
