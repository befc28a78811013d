"""Alignment rules: an objective links up to an objective or KR of an ancestor unit."""

from __future__ import annotations

from sqlalchemy import select

from okrdesk.engine.context import OperationContext
from okrdesk.errors import RuleError
from okrdesk.models import Alignment, KeyResult, Objective, OrgUnit, Workshop


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


def aligned_children(
    ctx: OperationContext, objective_ids: list[int], key_result_ids: list[int]
) -> list[Alignment]:
    """Alignments of other objectives that point at these objectives or key results.

    Deleting a parent deletes these links; a link from a locked (signed-off) workshop must
    not change, so that refuses the deletion.
    """
    links = list(
        ctx.session.scalars(
            select(Alignment).where(
                Alignment.parent_objective_id.in_(objective_ids)
                | Alignment.parent_key_result_id.in_(key_result_ids)
            )
        )
    )
    for link in links:
        child = ctx.get(Objective, link.objective_id).workshop
        if child.locked:
            raise RuleError("rule.parent_of_locked", title=child.title)
    return links
