"""The cycle's alignment tree: company OKRs with the objectives that support them, nested.

It points out what the all-hands should hear about: objectives below the company that
align to nothing, and key results that nothing supports yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.context import Clock
from okrdesk.engine.snapshot import ObjectiveView, PlanSnapshot, WorkshopView, plan_snapshot
from okrdesk.models import UnitLevel, Workshop


@dataclass(frozen=True)
class TreeNode:
    kind: ParentKind  # an objective, or a key result (under its objective)
    id: int
    title: str
    unit: str
    unit_id: int = 0
    children: tuple[TreeNode, ...] = ()
    # An objective below company level with no parent; a key result nothing aligns to.
    flagged: bool = False


@dataclass
class _Growing:
    """A node while the tree is being put together: its children still arriving."""

    kind: ParentKind
    id: int
    title: str
    unit: str
    unit_id: int
    children: list[_Growing] = field(default_factory=list)
    flagged: bool = False

    def frozen(self) -> TreeNode:
        return TreeNode(
            self.kind,
            self.id,
            self.title,
            self.unit,
            self.unit_id,
            tuple(child.frozen() for child in self.children),
            self.flagged,
        )


@dataclass(frozen=True)
class AlignmentTree:
    roots: tuple[TreeNode, ...]  # the company's objectives, their supporters nested
    unaligned: tuple[TreeNode, ...]  # objectives below the company that align to nothing


def _considered(workshop: WorkshopView) -> list[ObjectiveView]:
    return [o for o in workshop.objectives if o.selected] or list(workshop.objectives)


def alignment_tree(snapshot: PlanSnapshot, cycle_id: int) -> AlignmentTree:
    """The tree of one cycle, units in tree order."""
    units = {unit.id: unit for unit in snapshot.units}
    objective_nodes: dict[int, _Growing] = {}
    kr_nodes: dict[int, _Growing] = {}
    placed: list[tuple[ObjectiveView, _Growing, UnitLevel]] = []
    for workshop in snapshot.workshops:
        if workshop.cycle_id != cycle_id:
            continue
        unit = units.get(workshop.unit_id)
        for objective in _considered(workshop):
            name = unit.name if unit else ""
            node = _Growing(
                ParentKind.OBJECTIVE, objective.id, objective.title, name, workshop.unit_id
            )
            for kr in objective.key_results:
                kr_node = _Growing(ParentKind.KEY_RESULT, kr.id, kr.title, name, workshop.unit_id)
                kr_nodes[kr.id] = kr_node
                node.children.append(kr_node)
            objective_nodes[objective.id] = node
            # A parent's OKRs imported from another plan align there, not here.
            level = (
                UnitLevel.COMPANY
                if workshop.imported_from or unit is None
                else UnitLevel(unit.level)
            )
            placed.append((objective, node, level))
    roots: list[_Growing] = []
    unaligned: list[_Growing] = []
    for objective, node, level in placed:
        parent = objective.parent
        holder = None
        if parent is not None:
            holder = (objective_nodes if parent.kind == ParentKind.OBJECTIVE else kr_nodes).get(
                parent.id
            )
        if holder is not None:
            holder.children.append(node)
        elif level is UnitLevel.COMPANY:
            roots.append(node)
        else:
            node.flagged = True
            unaligned.append(node)
    # Only a unit with units below it in this cycle is expected to be supported.
    parents = {
        units[w.unit_id].parent_id
        for w in snapshot.workshops
        if w.cycle_id == cycle_id and w.unit_id in units
    }
    for kr_node in kr_nodes.values():
        supported = any(child.kind is ParentKind.OBJECTIVE for child in kr_node.children)
        kr_node.flagged = kr_node.unit_id in parents and not supported
    return AlignmentTree(
        tuple(node.frozen() for node in roots), tuple(node.frozen() for node in unaligned)
    )


def workshop_cycle_tree(session: Session, workshop_id: int, clock: Clock) -> AlignmentTree | None:
    """The tree of the cycle the workshop belongs to (None if the workshop is gone)."""
    cycle_id = session.scalar(select(Workshop.cycle_id).where(Workshop.id == workshop_id))
    if cycle_id is None:
        return None
    return alignment_tree(plan_snapshot(session, clock, cycle_id), cycle_id)
