"""An objective's rationale and its breakdown mark: written after sign-off too, checked,
refused on an imported copy, undone exactly, told to the screens as objectives changed."""

import sqlite3

import pytest

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.rationale_ops import MarkBreakdown, SetRationale, UnmarkBreakdown
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import Objective
from tests.checkin_plan import Approved
from tests.quarter_fixtures import approved_plan  # noqa: F401 (the fixture)


def explained(plan: Approved, title: str) -> tuple[str, bool]:
    with plan.editor.plan.reader() as session:
        objective = session.get(Objective, plan.objectives[title])
        assert objective is not None
        return objective.rationale, objective.breakdown


def test_a_rationale_is_written_on_signed_off_okrs_and_cleared_by_blank_text(plan):
    why = "  客户抱怨交付太慢：三周里有两周在等仓库。\nCustomers wait three weeks.  "
    change = plan.editor.apply(SetRationale(plan.objectives["Faster delivery"], why))
    assert explained(plan, "Faster delivery") == (why.strip(), False)
    assert change.touches(Aspect.OBJECTIVES)
    assert change.about(plan.workshop)
    assert change.label("en") == "Write the objective's rationale"
    assert change.label("zh_CN") == "填写目标缘由"
    plan.do(SetRationale(plan.objectives["Faster delivery"], "   "))
    assert explained(plan, "Faster delivery") == ("", False)


def test_a_rationale_is_checked_in_both_languages(plan):
    for bad, message in (
        (SetRationale(plan.objectives["更多客户"], "为" * 501), "validation.too_long"),
        (SetRationale(plan.objectives["更多客户"], "bell \x07"), "validation.control_character"),
    ):
        with pytest.raises(ValidationError) as refused:
            plan.do(bad)
        assert refused.value.message_id == message
        assert "目标缘由" in refused.value.message("zh_CN")
        assert "rationale" in refused.value.message("en")
    plan.do(SetRationale(plan.objectives["更多客户"], "为" * 500))
    assert explained(plan, "更多客户") == ("为" * 500, False)


def test_objectives_are_marked_for_a_worked_breakdown_and_unmarked(plan):
    objective = plan.objectives["更多客户"]
    change = plan.editor.apply(MarkBreakdown(objective))
    assert change.touches(Aspect.OBJECTIVES) and change.label("zh_CN") == "标记为分解示例"
    assert explained(plan, "更多客户") == ("", True)
    plan.do(MarkBreakdown(objective))  # marking twice keeps one mark
    plan.do(UnmarkBreakdown(objective))
    assert explained(plan, "更多客户") == ("", False)


def test_every_step_is_undone_exactly(plan):
    objective = plan.objectives["Faster delivery"]
    states = [plan.state()]
    changes = []
    for operation in (
        SetRationale(objective, "Because"),
        MarkBreakdown(objective),
        SetRationale(objective, "因为"),
        UnmarkBreakdown(objective),
        SetRationale(objective, ""),
    ):
        changes.append(plan.editor.apply(operation))
        states.append(plan.state())
    for change, before in zip(reversed(changes), reversed(states[:-1]), strict=True):
        plan.editor.revert(change)
        assert plan.state() == before


def test_an_imported_copy_is_explained_where_it_lives(plan):
    db = sqlite3.connect(plan.path)
    db.execute("UPDATE workshop SET imported_from = 'company.okrdesk'")
    db.commit()
    db.close()
    objective = plan.objectives["更多客户"]
    for operation in (SetRationale(objective, "why"), MarkBreakdown(objective)):
        with pytest.raises(RuleError) as refused:
            plan.do(operation)
        assert refused.value.message_id == "rule.imported_read_only"
        assert "company.okrdesk" in refused.value.message("zh_CN")


def test_a_gone_objective_is_refused(plan):
    with pytest.raises(RuleError) as refused:
        plan.do(SetRationale(9999, "why"))
    assert refused.value.message_id == "rule.not_found"
