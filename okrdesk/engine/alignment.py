"""Alignment rules: an objective links up to an objective or KR of an ancestor unit."""

from __future__ import annotations

from okrdesk.engine.context import OperationContext
from okrdesk.errors import RuleError
from okrdesk.models import KeyResult, Objective, OrgUnit, Workshop


def ancestor_ids(unit: OrgUnit) -> list[int]:
    """The ids of the unit's parent, grandparent, ... up to the company."""
    ids: list[int] = []
    current = unit.parent
    while current is not None:
        ids.append(current.id)
        current = current.parent
    return ids


def check_parent(
    ctx: OperationContext,
    objective: Objective,
    parent_objective_id: int | None,
    parent_key_result_id: int | None,
) -> None:
    """Refuse a parent that is not in an ancestor unit's workshop of the same cycle."""
    if parent_key_result_id is not None:
        parent_objective = ctx.get(KeyResult, parent_key_result_id).objective
    else:
        assert parent_objective_id is not None
        parent_objective = ctx.get(Objective, parent_objective_id)
    child_workshop: Workshop = objective.workshop
    parent_workshop: Workshop = parent_objective.workshop
    if parent_workshop.cycle_id != child_workshop.cycle_id:
        raise RuleError("rule.align_other_cycle")
    if parent_workshop.unit_id not in ancestor_ids(child_workshop.unit):
        raise RuleError("rule.align_not_ancestor")
