"""The audit log's kinds are one enum: every event a plan holds is one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from okrdesk.demo import write_demo
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.history import History
from okrdesk.models import AuditEvent, AuditKind, Decision, Phase
from okrdesk.models.planfile import PlanFile
from tests.demo_plans import copy_demo


def test_every_event_in_a_demo_plan_is_a_known_kind(tmp_path: Path) -> None:
    path = tmp_path / "demo.okrdesk"
    write_demo(path, "signed")
    with PlanFile.open(path) as plan, plan.reader() as session:
        kinds = set(session.scalars(select(AuditEvent.kind)))
    assert kinds, "the demo records its meeting"
    assert kinds <= set(AuditKind)
    assert {
        AuditKind.SIGNOFF_APPROVE,
        AuditKind.PHASE,
        AuditKind.VOTING_OPENED,
        AuditKind.TALLY_REVEALED,
    } <= kinds


@pytest.mark.parametrize(
    ("decision", "kind"),
    [(Decision.APPROVE, AuditKind.SIGNOFF_APPROVE), (Decision.RETURN, AuditKind.SIGNOFF_RETURN)],
)
def test_an_undone_decision_is_kept_with_an_undo_event(
    tmp_path: Path, decision: Decision, kind: AuditKind
) -> None:
    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "selected")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        history = History(editor)
        editor.apply(ops.ChangePhase(1, Phase.SIGNOFF))
        history.record(editor.apply(ops.SignOffWorkshop(1, decision, "CEO", "Fewer objectives")))
        history.undo()
        history.redo()
        with plan.reader() as session:
            kinds = list(session.scalars(select(AuditEvent.kind).order_by(AuditEvent.id)))
    assert kinds[-3:] == [kind, AuditKind.UNDO, AuditKind.REDO]
