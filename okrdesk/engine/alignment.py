"""Alignment rules: an objective links up to an objective or KR of an ancestor unit.

The rule lives here once: the operations check a parent with it, and the screens offer the
parents it allows (``alignment_choices``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.context import OperationContext
from okrdesk.errors import RuleError
from okrdesk.models import Alignment, KeyResult, Objective, OrgUnit, Workshop


class ParentKind(StrEnum):
    """What an objective aligns to: a parent unit's objective, or one of its key results."""

    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"


@dataclass(frozen=True)
class AlignmentChoice:
    """A parent an objective of the workshop may align to."""

    kind: ParentKind
    id: int
    title: str
    unit: str  # the parent unit's name
    approved: bool  # its workshop is signed off (a draft may still change)


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


def alignment_choices(session: Session, workshop_id: int) -> tuple[AlignmentChoice, ...]:
    """Objectives and key results of ancestor units' workshops in the same cycle.

    Approved workshops first, then nearer units first; a workshop's selected objectives
    first, each followed by its key results. One query per table.
    """
    workshop = session.execute(
        select(Workshop.unit_id, Workshop.cycle_id).where(Workshop.id == workshop_id)
    ).first()
    if workshop is None:
        return ()
    units = {
        unit_id: (parent_id, name)
        for unit_id, parent_id, name in session.execute(
            select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name)
        )
    }
    ancestors: list[int] = []
    current = units[workshop.unit_id][0] if workshop.unit_id in units else None
    while current is not None and current not in ancestors:
        ancestors.append(current)
        current = units[current][0] if current in units else None
    parents = sorted(
        session.execute(
            select(Workshop.id, Workshop.unit_id, Workshop.locked).where(
                Workshop.cycle_id == workshop.cycle_id, Workshop.unit_id.in_(ancestors)
            )
        ),
        key=lambda w: (not w.locked, ancestors.index(w.unit_id), w.id),
    )
    if not parents:
        return ()
    objectives = session.execute(
        select(Objective.id, Objective.workshop_id, Objective.title, Objective.selected)
        .where(Objective.workshop_id.in_([w.id for w in parents]))
        .order_by(Objective.position, Objective.id)
    ).all()
    key_results: dict[int, list[tuple[int, str]]] = {o.id: [] for o in objectives}
    for kr_id, objective_id, title in session.execute(
        select(KeyResult.id, KeyResult.objective_id, KeyResult.title)
        .where(KeyResult.objective_id.in_(list(key_results)))
        .order_by(KeyResult.position, KeyResult.id)
    ):
        key_results[objective_id].append((kr_id, title))
    choices: list[AlignmentChoice] = []
    for parent in parents:
        unit = units[parent.unit_id][1]
        mine = [o for o in objectives if o.workshop_id == parent.id]
        for objective in sorted(mine, key=lambda o: not o.selected):
            choices.append(
                AlignmentChoice(
                    ParentKind.OBJECTIVE, objective.id, objective.title, unit, parent.locked
                )
            )
            choices.extend(
                AlignmentChoice(ParentKind.KEY_RESULT, kr_id, title, unit, parent.locked)
                for kr_id, title in key_results[objective.id]
            )
    return tuple(choices)
