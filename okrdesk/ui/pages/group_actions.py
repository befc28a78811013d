"""Turning the Group page's selection into operations: move, delete, merge, split, align.

Plain functions over the selected items (no widgets), so what a keypress does is testable
without a window; the page asks, confirms, and runs what these return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from okrdesk.engine import ops
from okrdesk.engine.alignment import AlignmentChoice, ParentKind
from okrdesk.engine.operation import Operation
from okrdesk.ui.models.roles import ItemKind


@dataclass(frozen=True)
class Selected:
    """One selected row: what it is, its id, and the objective it is under (itself, for one)."""

    kind: ItemKind
    id: int
    objective_id: int | None


def move_steps(
    kind: ItemKind, ids: Sequence[int], objective_id: int | None, index: int
) -> list[Operation]:
    """Moves of cards (None: back to the wall) or key results to an objective, at ``index``
    (negative: at the end). A key result always has an objective."""
    position = None if index < 0 else index
    if kind is ItemKind.KEY_RESULT:
        if objective_id is None:
            return []
        return [ops.MoveKeyResult(i, objective_id, position) for i in ids]
    if kind is ItemKind.IDEA:
        return [ops.MoveIdea(i, objective_id, position) for i in ids]
    return []


def delete_steps(items: Sequence[Selected], *, confirmed: bool = False) -> list[Operation]:
    """Deletions of the selected rows; ``confirmed``: objectives with content go too."""
    steps: list[Operation] = []
    for item in items:
        if item.kind is ItemKind.IDEA:
            steps.append(ops.DeleteIdea(item.id))
        elif item.kind is ItemKind.KEY_RESULT:
            steps.append(ops.DeleteKeyResult(item.id))
        elif item.kind is ItemKind.OBJECTIVE:
            steps.append(ops.DeleteObjective(item.id, confirm=confirmed))
    return steps


def merge_operation(items: Sequence[Selected], current: int | None) -> ops.MergeObjectives | None:
    """Merge the selected objectives into the current one (else the first); None under two."""
    objectives = [item.id for item in items if item.kind is ItemKind.OBJECTIVE]
    if current in objectives:
        objectives.remove(current)
        objectives.insert(0, current)
    if len(objectives) < 2:
        return None
    return ops.MergeObjectives(objectives[0], tuple(objectives[1:]))


def split_operation(items: Sequence[Selected]) -> ops.SplitObjective | None:
    """Split the selected cards and key results of one objective off into a new one."""
    parts = [item for item in items if item.kind is not ItemKind.OBJECTIVE]
    parents = {item.objective_id for item in parts}
    if not parts or len(parents) != 1 or None in parents:
        return None
    (parent,) = parents
    assert parent is not None
    return ops.SplitObjective(
        parent,
        idea_ids=tuple(i.id for i in parts if i.kind is ItemKind.IDEA),
        key_result_ids=tuple(i.id for i in parts if i.kind is ItemKind.KEY_RESULT),
    )


def align_operation(objective_id: int, parent: AlignmentChoice | None) -> ops.AlignObjective:
    """Align the objective to the chosen parent (None: not aligned)."""
    return ops.AlignObjective(
        objective_id,
        parent_objective_id=parent.id
        if parent is not None and parent.kind is ParentKind.OBJECTIVE
        else None,
        parent_key_result_id=parent.id
        if parent is not None and parent.kind is ParentKind.KEY_RESULT
        else None,
    )
