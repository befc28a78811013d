"""The sign-off view names the approval the OKRs stand on, and only while they stand."""

from __future__ import annotations

from pathlib import Path

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.signoff_view import signoff_view
from okrdesk.models import Decision, DecisionKind, Phase
from okrdesk.models.planfile import PlanFile
from tests.demo_plans import copy_demo


def test_the_standing_approval_is_the_latest_and_goes_with_a_reopening(tmp_path: Path) -> None:
    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "selected")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        editor.apply(ops.ChangePhase(1, Phase.SIGNOFF))
        before = editor.view(signoff_view, 1, editor.clock())
        editor.apply(ops.SignOffWorkshop(1, Decision.RETURN, "CEO", "One objective too many"))
        editor.apply(ops.ChangePhase(1, Phase.SIGNOFF))
        editor.apply(ops.SignOffWorkshop(1, Decision.APPROVE, "陈志远"))
        approved = editor.view(signoff_view, 1, editor.clock())
        editor.apply(ops.ReopenWorkshop(1, "A KR changed", "陈志远"))
        reopened = editor.view(signoff_view, 1, editor.clock())
    assert before is not None and before.approval is None
    assert approved is not None and approved.approval is not None
    assert approved.approval.signer == "陈志远"
    assert approved.approval.decision == DecisionKind.APPROVE
    assert approved.approval == approved.history[-1]
    assert reopened is not None and reopened.approval is None
