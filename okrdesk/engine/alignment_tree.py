"""The cycle's alignment tree: company OKRs with the objectives that support them, nested.

It points out what the all-hands should hear about: objectives below the company that
align to nothing, and key results that nothing supports yet.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.context import Clock
from okrdesk.engine.snapshot import ObjectiveView, PlanSnapshot, WorkshopView, plan_snapshot
from okrdesk.models import UnitLevel, Workshop


@dataclass(frozen=True, slots=True)
class TreeNode:
    kind: ParentKind  # an objective, or a key result (under its objective)
    id: int
    title: str
    unit: str
    unit_id: int = 0
    children: tuple[TreeNode, ...] = ()
    # An objective below company level with no parent; a key result nothing aligns to.
    flagged: bool = False


@dataclass(frozen=True)
class AlignmentTree:
    roots: tuple[TreeNode, ...]  # the company's objectives, their supporters nested
    unaligned: tuple[TreeNode, ...]  # objectives below the company that align to nothing


_OBJECTIVE, _KEY_RESULT = ParentKind.OBJECTIVE, ParentKind.KEY_RESULT
# Each field's slot, set directly (a frozen dataclass's __init__ goes through
# object.__setattr__ field by field).
_NEW = object.__new__
_KIND, _ID, _TITLE, _UNIT, _UNIT_ID, _CHILDREN, _FLAGGED = (
    getattr(TreeNode, name).__set__
    for name in ("kind", "id", "title", "unit", "unit_id", "children", "flagged")
)


def _node(
    kind: ParentKind,
    id: int,
    title: str,
    unit: str,
    unit_id: int,
    children: tuple[TreeNode, ...],
    flagged: bool,
) -> TreeNode:
    """A TreeNode made without the frozen dataclass's __init__ (3 µs a node; a company's
    tree has thousands): the same object, equal to one made the usual way
    (tests/test_alignment_tree.py checks). Slots, not a __dict__ each: half the objects,
    so Python's cycle collector has half as many to walk once the tree is kept."""
    node = _NEW(TreeNode)
    _KIND(node, kind)
    _ID(node, id)
    _TITLE(node, title)
    _UNIT(node, unit)
    _UNIT_ID(node, unit_id)
    _CHILDREN(node, children)
    _FLAGGED(node, flagged)
    return node


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector held off while a big tree is made: the nodes form no
    cycles, but thousands of new objects set it off again and again, each time walking
    every object the process holds (a third of a 6,000-node tree's time). It runs as usual
    afterwards; if it was already held off, it stays so."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class TreeObjective(NamedTuple):
    """An objective as the tree is grown from it: a plan's, or the store's across plans.

    ``key`` is what alignments name it by (a plan's row id, the store's UUID); the key
    results are (node id, key, title). Only the objectives the tree shows are given, so an
    alignment to anything else (another cycle, an unselected objective) counts as none.
    """

    id: int  # the node's id
    key: Hashable
    title: str
    unit: str
    unit_id: int
    top: bool  # at the company's level (or a parent's imported copy): a root if unaligned
    parent_kind: ParentKind | None
    parent_key: Hashable | None
    key_results: Sequence[tuple[int, Hashable, str]]


def grow_tree(objectives: Sequence[TreeObjective], expected: Collection[int]) -> AlignmentTree:
    """The tree of the objectives given in order: each nested under the objective or key
    result it aligns to (after that objective's key results), the others at the roots (the
    company's) or listed as unaligned. A key result of a unit in ``expected`` (units with
    units below them in the cycle) that no objective supports is flagged.

    Every node is made once, frozen, from the leaves up (thousands of them for a company).
    """
    with collection_paused():
        return _grown(objectives, expected)


def _grown(objectives: Sequence[TreeObjective], expected: Collection[int]) -> AlignmentTree:
    objective_keys = {o.key for o in objectives}
    kr_keys = {kr_key for o in objectives for _id, kr_key, _title in o.key_results}
    below_objective: dict[Hashable, list[TreeObjective]] = {}
    below_kr: dict[Hashable, list[TreeObjective]] = {}
    roots: list[TreeObjective] = []
    unaligned: list[TreeObjective] = []
    for o in objectives:
        parent = o.parent_key
        if (
            parent is not None
            and o.parent_kind is ParentKind.OBJECTIVE
            and parent in objective_keys
        ):
            below_objective.setdefault(parent, []).append(o)
        elif parent is not None and o.parent_kind is ParentKind.KEY_RESULT and parent in kr_keys:
            below_kr.setdefault(parent, []).append(o)
        elif o.top:
            roots.append(o)
        else:
            unaligned.append(o)
    grower = _Grower(below_objective, below_kr, expected)
    return AlignmentTree(
        tuple([grower.made(o, False) for o in roots]),
        tuple([grower.made(o, True) for o in unaligned]),
    )


class _Grower:
    """Makes an objective's node and those below it. A class, not a closure calling itself:
    such a closure is a reference cycle, which kept the objectives and their lists
    (thousands of objects) for the cycle collector to find and walk after every tree."""

    __slots__ = ("below_kr", "below_objective", "expected")

    def __init__(
        self,
        below_objective: dict[Hashable, list[TreeObjective]],
        below_kr: dict[Hashable, list[TreeObjective]],
        expected: Collection[int],
    ) -> None:
        self.below_objective = below_objective
        self.below_kr = below_kr
        self.expected = expected

    def made(self, o: TreeObjective, flagged: bool) -> TreeNode:
        unit, unit_id = o.unit, o.unit_id
        expects = unit_id in self.expected
        below_kr = self.below_kr
        children: list[TreeNode] = []
        for kr_id, kr_key, kr_title in o.key_results:
            supporters = below_kr.get(kr_key)
            # _node's work in line: most of a tree's nodes are these.
            node = _NEW(TreeNode)
            _KIND(node, _KEY_RESULT)
            _ID(node, kr_id)
            _TITLE(node, kr_title)
            _UNIT(node, unit)
            _UNIT_ID(node, unit_id)
            _CHILDREN(node, tuple([self.made(s, False) for s in supporters]) if supporters else ())
            _FLAGGED(node, expects and not supporters)
            children.append(node)
        for supporter in self.below_objective.get(o.key, ()):
            children.append(self.made(supporter, False))
        return _node(_OBJECTIVE, o.id, o.title, unit, unit_id, tuple(children), flagged)


def _considered(workshop: WorkshopView) -> list[ObjectiveView]:
    return [o for o in workshop.objectives if o.selected] or list(workshop.objectives)


def alignment_tree(snapshot: PlanSnapshot, cycle_id: int) -> AlignmentTree:
    """The tree of one cycle, units in tree order."""
    units = {unit.id: unit for unit in snapshot.units}
    objectives: list[TreeObjective] = []
    for workshop in snapshot.workshops:
        if workshop.cycle_id != cycle_id:
            continue
        unit = units.get(workshop.unit_id)
        name = unit.name if unit else ""
        # A parent's OKRs imported from another plan align there, not here.
        top = bool(workshop.imported_from) or unit is None or unit.level == UnitLevel.COMPANY
        for o in _considered(workshop):
            parent = o.parent
            objectives.append(
                TreeObjective(
                    o.id,
                    o.id,
                    o.title,
                    name,
                    workshop.unit_id,
                    top,
                    None if parent is None else parent.kind,
                    None if parent is None else parent.id,
                    [(kr.id, kr.id, kr.title) for kr in o.key_results],
                )
            )
    # Only a unit with units below it in this cycle is expected to be supported.
    expected = {
        units[w.unit_id].parent_id
        for w in snapshot.workshops
        if w.cycle_id == cycle_id and w.unit_id in units
    }
    return grow_tree(objectives, {u for u in expected if u is not None})


def workshop_cycle_tree(session: Session, workshop_id: int, clock: Clock) -> AlignmentTree | None:
    """The tree of the cycle the workshop belongs to (None if the workshop is gone)."""
    cycle_id = session.scalar(select(Workshop.cycle_id).where(Workshop.id == workshop_id))
    if cycle_id is None:
        return None
    return alignment_tree(plan_snapshot(session, clock, cycle_id), cycle_id)
