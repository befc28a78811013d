"""Initiatives under a key result: added, edited, moved and removed in order, checked, capped,
deleted with their key result, undone exactly, told to the screens of their workshop."""

import sqlite3

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.initiative_ops import (
    MAX_INITIATIVES,
    AddInitiative,
    EditInitiative,
    MoveInitiative,
    RemoveInitiative,
)
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import Initiative
from tests.checkin_plan import Approved
from tests.quarter_fixtures import approved_plan  # noqa: F401 (the fixture)


def listed(plan: Approved, kr: str) -> list[tuple[int, str]]:
    with plan.editor.plan.reader() as session:
        rows = session.scalars(
            select(Initiative)
            .where(Initiative.key_result_id == plan.krs[kr])
            .order_by(Initiative.position)
        )
        return [(i.position, i.text) for i in rows]


def test_initiatives_are_listed_in_order_under_a_signed_off_key_result(plan):
    change = plan.editor.apply(AddInitiative(plan.krs["leads"], "  Call the ten biggest shops "))
    assert change.touches(Aspect.INITIATIVES) and change.ids(Aspect.INITIATIVES) == {change.result}
    assert change.about(plan.workshop)
    assert change.label("en") == "Add initiative" and change.label("zh_CN") == "添加举措"
    plan.do(AddInitiative(plan.krs["leads"], "参加上海的两个展会"))
    plan.do(AddInitiative(plan.krs["leads"], "A partner page", index=0))
    assert [t for _p, t in listed(plan, "leads")] == [
        "A partner page",
        "Call the ten biggest shops",
        "参加上海的两个展会",
    ]
    assert [p for p, _t in listed(plan, "leads")] == [0, 1, 2]
    assert listed(plan, "delivery") == []


def test_initiatives_are_edited_moved_and_removed(plan):
    kr = plan.krs["delivery"]
    one, two, three = (plan.do(AddInitiative(kr, text)) for text in ("one", "two", "three"))
    plan.do(EditInitiative(two, "二"))
    plan.do(MoveInitiative(three, 0))
    assert listed(plan, "delivery") == [(0, "three"), (1, "one"), (2, "二")]
    plan.do(MoveInitiative(three, None))
    assert [t for _p, t in listed(plan, "delivery")] == ["one", "二", "three"]
    plan.do(MoveInitiative(three, -5))
    assert [t for _p, t in listed(plan, "delivery")] == ["three", "one", "二"]
    plan.do(RemoveInitiative(one))
    assert listed(plan, "delivery") == [(0, "three"), (1, "二")]


def test_initiative_texts_are_checked_in_both_languages(plan):
    kr = plan.krs["site"]
    for bad, message in (
        (AddInitiative(kr, "   "), "validation.empty"),
        (AddInitiative(kr, "举" * 201), "validation.too_long"),
    ):
        with pytest.raises(ValidationError) as refused:
            plan.do(bad)
        assert refused.value.message_id == message
        assert "举措" in refused.value.message("zh_CN")
        assert "initiative" in refused.value.message("en")
    kept = plan.do(AddInitiative(kr, "举" * 200))
    with pytest.raises(ValidationError):
        plan.do(EditInitiative(kept, ""))
    assert listed(plan, "site") == [(0, "举" * 200)]


def test_a_key_result_takes_a_few_first_steps_not_a_project_plan(plan):
    kr = plan.krs["uptime"]
    for number in range(MAX_INITIATIVES):
        plan.do(AddInitiative(kr, f"step {number}"))
    with pytest.raises(RuleError) as refused:
        plan.do(AddInitiative(kr, "one too many"))
    assert refused.value.message_id == "rule.initiatives_full"
    assert str(MAX_INITIATIVES) in refused.value.message("zh_CN")
    assert len(listed(plan, "uptime")) == MAX_INITIATIVES


def test_every_step_is_undone_exactly_and_a_deleted_key_result_takes_its_initiatives(plan):
    kr = plan.krs["leads"]
    states = [plan.state()]
    changes = []

    def step(operation) -> int:
        change = plan.editor.apply(operation)
        changes.append(change)
        states.append(plan.state())
        return change.result

    one = step(AddInitiative(kr, "one"))
    two = step(AddInitiative(kr, "two", index=0))
    step(EditInitiative(one, "uno"))
    step(MoveInitiative(two, 1))
    step(RemoveInitiative(one))
    step(ops.ReopenWorkshop(plan.workshop, "the CEO wants fewer KRs"))
    step(ops.DeleteKeyResult(kr))
    assert listed(plan, "leads") == []
    assert changes[-1].touches(Aspect.INITIATIVES) and changes[-1].about(plan.workshop)
    for change, before in zip(reversed(changes), reversed(states[:-1]), strict=True):
        plan.editor.revert(change)
        assert plan.state() == before


def test_an_imported_copy_takes_no_initiatives_here(plan):
    kept = plan.do(AddInitiative(plan.krs["leads"], "kept"))
    db = sqlite3.connect(plan.path)
    db.execute("UPDATE workshop SET imported_from = 'company.okrdesk'")
    db.commit()
    db.close()
    for operation in (
        AddInitiative(plan.krs["leads"], "new"),
        EditInitiative(kept, "changed"),
        RemoveInitiative(kept),
        MoveInitiative(kept, 0),
    ):
        with pytest.raises(RuleError) as refused:
            plan.do(operation)
        assert refused.value.message_id == "rule.imported_read_only"
    with pytest.raises(RuleError) as refused:
        plan.do(EditInitiative(9999, "gone"))
    assert refused.value.message_id == "rule.not_found"
