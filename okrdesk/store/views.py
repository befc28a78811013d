"""The organisation's views read from the store: the cascade board and the alignment tree
of a cycle across every published plan, in the engine's own frozen view types.

Each unit and cycle speaks through the plan that owns it (a workshop left behind by a plan
that handed it over is not shown). A draft (published before sign-off) is marked as such.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, tzinfo
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Engine, Text, and_, cast, select
from sqlalchemy.orm import Session

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import AlignmentTree, TreeNode
from okrdesk.engine.cascade import (
    CascadeBoard,
    CycleRow,
    UnitRow,
    WorkshopRow,
    cascade_from_rows,
)
from okrdesk.engine.context import Clock
from okrdesk.messages import translate
from okrdesk.models import Decision, UnitLevel
from okrdesk.store.connect import StoreAddress
from okrdesk.store.errors import StoreError
from okrdesk.store.publish import in_transaction
from okrdesk.store.schema import (
    StoreAlignment,
    StoreCycle,
    StoreKeyResult,
    StoreObjective,
    StoreSignOff,
    StoreUnit,
    StoreWorkshop,
    UnitCycleOwner,
)


@dataclass(frozen=True)
class StoreBoard:
    """The cascade board of a cycle across every published plan."""

    board: CascadeBoard
    drafts: frozenset[int]  # units whose workshop speaking for them is a draft
    workshop_uuids: tuple[str, ...]  # the board's workshop ids are indexes into this


@dataclass(frozen=True)
class StoreTree:
    """The alignment tree of a cycle across every published plan."""

    cycle: str
    tree: AlignmentTree
    drafts: frozenset[int]  # nodes (objectives, key results) of draft workshops
    uuids: tuple[str, ...]  # the tree's node ids are indexes into this


def _owned(cycle_id: int) -> Any:
    """The cycle's workshops of the plans that own their unit (the ones that speak)."""
    return (
        select(
            StoreWorkshop.uuid,
            StoreWorkshop.unit_id,
            StoreWorkshop.phase,
            StoreWorkshop.locked,
            StoreWorkshop.draft,
        )
        .join(
            UnitCycleOwner,
            and_(
                UnitCycleOwner.unit_id == StoreWorkshop.unit_id,
                UnitCycleOwner.cycle_id == StoreWorkshop.cycle_id,
                UnitCycleOwner.plan_uuid == StoreWorkshop.plan_uuid,
            ),
        )
        .where(StoreWorkshop.cycle_id == cycle_id)
        .order_by(StoreWorkshop.published_at, StoreWorkshop.uuid)
    )


def _text(column: Any) -> Any:
    """A UUID column read as its text (thousands of them: no UUID objects made and undone)."""
    return cast(column, Text).label(column.key)


def _cycle(session: Session, name: str) -> StoreCycle | None:
    return session.scalars(select(StoreCycle).where(StoreCycle.name == name)).first()


def store_board(session: Session, cycle: str, today: date, zone: tzinfo = UTC) -> StoreBoard | None:
    """The cycle's board on ``today`` (four queries); None if the store has no such cycle."""
    found = _cycle(session, cycle)
    if found is None:
        return None
    units = [
        UnitRow(*row)
        for row in session.execute(
            select(
                StoreUnit.id,
                StoreUnit.name,
                StoreUnit.level,
                StoreUnit.parent_id,
                StoreUnit.position,
            )
        )
    ]
    workshops = session.execute(_owned(found.id)).all()
    index = {str(row.uuid): number for number, row in enumerate(workshops)}
    decisions: defaultdict[int, list[tuple[Decision, datetime]]] = defaultdict(list)
    for workshop_uuid, decision, decided_at in session.execute(
        select(StoreSignOff.workshop_uuid, StoreSignOff.decision, StoreSignOff.decided_at)
        .join(StoreWorkshop, StoreWorkshop.uuid == StoreSignOff.workshop_uuid)
        .where(StoreWorkshop.cycle_id == found.id)
        .order_by(StoreSignOff.round, StoreSignOff.id)
    ):
        if str(workshop_uuid) in index:
            decisions[index[str(workshop_uuid)]].append((decision, decided_at))
    board = cascade_from_rows(
        CycleRow(found.id, found.name, found.starts_on, found.ends_on),
        units,
        [WorkshopRow(index[str(w.uuid)], w.unit_id, w.phase, w.locked) for w in workshops],
        decisions,
        today,
        zone,
    )
    draft = {index[str(w.uuid)] for w in workshops if w.draft}
    return StoreBoard(
        board,
        frozenset(
            u.unit_id for u in board.units if u.workshop_id is not None and u.workshop_id in draft
        ),
        tuple(str(w.uuid) for w in workshops),
    )


@dataclass
class _Growing:
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


def store_tree(session: Session, cycle: str) -> StoreTree | None:
    """The cycle's alignment tree (five queries); None if the store has no such cycle.

    As in a plan: a workshop's selected objectives (all of them before a selection), nested
    under the objective or key result they align to; objectives below the company that
    align to nothing are listed apart, and a key result of a unit with units below it in the
    cycle that nothing supports is flagged.
    """
    found = _cycle(session, cycle)
    if found is None:
        return None
    units = {
        row.id: row
        for row in session.execute(
            select(StoreUnit.id, StoreUnit.name, StoreUnit.level, StoreUnit.parent_id)
        )
    }
    workshops = {str(w.uuid): w for w in session.execute(_owned(found.id)).all()}
    objectives: defaultdict[str, list[Any]] = defaultdict(list)
    for o in session.execute(
        select(
            _text(StoreObjective.uuid),
            _text(StoreObjective.workshop_uuid),
            StoreObjective.title,
            StoreObjective.selected,
        )
        .join(StoreWorkshop, StoreWorkshop.uuid == StoreObjective.workshop_uuid)
        .where(StoreWorkshop.cycle_id == found.id)
        .order_by(StoreObjective.position, StoreObjective.uuid)
    ):
        if str(o.workshop_uuid) in workshops:
            objectives[str(o.workshop_uuid)].append(o)
    considered = {key: [o for o in rows if o.selected] or rows for key, rows in objectives.items()}
    # The cycle's key results and alignments by a join, not by a list of thousands of keys.
    in_cycle = (
        select(StoreObjective.uuid)
        .join(StoreWorkshop, StoreWorkshop.uuid == StoreObjective.workshop_uuid)
        .where(StoreWorkshop.cycle_id == found.id)
        .scalar_subquery()
    )
    key_results: defaultdict[str, list[Any]] = defaultdict(list)
    for kr in session.execute(
        select(
            _text(StoreKeyResult.uuid), _text(StoreKeyResult.objective_uuid), StoreKeyResult.title
        )
        .where(StoreKeyResult.objective_uuid.in_(in_cycle))
        .order_by(StoreKeyResult.position, StoreKeyResult.uuid)
    ):
        key_results[str(kr.objective_uuid)].append(kr)
    parents = {
        str(a.objective_uuid): a
        for a in session.execute(
            select(
                _text(StoreAlignment.objective_uuid),
                _text(StoreAlignment.parent_objective_uuid),
                _text(StoreAlignment.parent_key_result_uuid),
            ).where(StoreAlignment.objective_uuid.in_(in_cycle))
        )
    }
    uuids: list[str] = []
    drafts: set[int] = set()

    def node(kind: ParentKind, key: str, title: str, unit_id: int, draft: bool) -> _Growing:
        uuids.append(key)
        if draft:
            drafts.add(len(uuids) - 1)
        name = units[unit_id].name if unit_id in units else ""
        return _Growing(kind, len(uuids) - 1, title, name, unit_id)

    objective_nodes: dict[str, _Growing] = {}
    kr_nodes: dict[str, _Growing] = {}
    placed: list[tuple[str, _Growing, UnitLevel]] = []
    for workshop_uuid, workshop in workshops.items():
        unit = units.get(workshop.unit_id)
        for o in considered.get(workshop_uuid, []):
            grown = node(
                ParentKind.OBJECTIVE, str(o.uuid), o.title, workshop.unit_id, workshop.draft
            )
            for kr in key_results[str(o.uuid)]:
                kr_node = node(
                    ParentKind.KEY_RESULT, str(kr.uuid), kr.title, workshop.unit_id, workshop.draft
                )
                kr_nodes[str(kr.uuid)] = kr_node
                grown.children.append(kr_node)
            objective_nodes[str(o.uuid)] = grown
            level = UnitLevel.COMPANY if unit is None else UnitLevel(unit.level)
            placed.append((str(o.uuid), grown, level))
    roots: list[_Growing] = []
    unaligned: list[_Growing] = []
    for objective_uuid, grown, level in placed:
        parent = parents.get(objective_uuid)
        holder = None
        if parent is not None:
            holder = (
                objective_nodes.get(str(parent.parent_objective_uuid))
                if parent.parent_objective_uuid is not None
                else kr_nodes.get(str(parent.parent_key_result_uuid))
            )
        if holder is not None:
            holder.children.append(grown)
        elif level is UnitLevel.COMPANY:
            roots.append(grown)
        else:
            grown.flagged = True
            unaligned.append(grown)
    with_units_below = {
        units[w.unit_id].parent_id for w in workshops.values() if w.unit_id in units
    }
    for kr_node in kr_nodes.values():
        supported = any(child.kind is ParentKind.OBJECTIVE for child in kr_node.children)
        kr_node.flagged = kr_node.unit_id in with_units_below and not supported
    tree = AlignmentTree(tuple(n.frozen() for n in roots), tuple(n.frozen() for n in unaligned))
    return StoreTree(found.name, tree, frozenset(drafts), tuple(uuids))


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def board_json(view: StoreBoard) -> dict[str, Any]:
    document: dict[str, Any] = _plain(asdict(view.board))
    for row in document["units"]:
        row["draft"] = row["unit_id"] in view.drafts
        number = row.pop("workshop_id")
        row["workshop"] = None if number is None else view.workshop_uuids[number]
    return document


def tree_json(view: StoreTree) -> dict[str, Any]:
    def plain(node: TreeNode) -> dict[str, Any]:
        return {
            "kind": node.kind.value,
            "uuid": view.uuids[node.id],
            "title": node.title,
            "unit": node.unit,
            "flagged": node.flagged,
            "draft": node.id in view.drafts,
            "children": [plain(child) for child in node.children],
        }

    return {
        "cycle": view.cycle,
        "roots": [plain(n) for n in view.tree.roots],
        "unaligned": [plain(n) for n in view.tree.unaligned],
    }


def board_text(view: StoreBoard, language: str) -> str:
    board = view.board
    lines = [translate("store.board_title", language, cycle=board.cycle)]
    if board.deadline is not None and board.company_approved_on is not None:
        lines.append(
            translate(
                "summary.cascade_deadline",
                language,
                approved=board.company_approved_on.isoformat(),
                deadline=board.deadline.isoformat(),
            )
        )
    draft = translate("store.draft", language)
    for unit in board.units:
        marks = [translate(unit.state.message_id, language)]
        if unit.unit_id in view.drafts:
            marks.append(draft)
        if unit.overdue and board.days_left is not None:
            late = -board.days_left
            marks.append(
                translate("summary.cascade_row_overdue_one", language)
                if late == 1
                else translate("summary.cascade_row_overdue", language, days=late)
            )
        lines.append(f"{'  ' * unit.depth}{unit.name}: {', '.join(marks)}")
    return "\n".join(lines)


def tree_text(view: StoreTree, language: str) -> str:
    lines = [translate("store.tree_title", language, cycle=view.cycle)]
    draft = f" [{translate('store.draft', language)}]"
    unsupported = f" — {translate('store.unsupported', language)}"

    def walk(node: TreeNode, depth: int) -> None:
        mark = "O" if node.kind is ParentKind.OBJECTIVE else "KR"
        text = f"{'  ' * depth}{mark} {node.title} ({node.unit})"
        if node.id in view.drafts:
            text += draft
        if node.kind is ParentKind.KEY_RESULT and node.flagged:
            text += unsupported
        lines.append(text)
        for child in node.children:
            walk(child, depth + 1)

    for root in view.tree.roots:
        walk(root, 0)
    if view.tree.unaligned:
        lines.append(translate("store.unaligned", language))
        for node in view.tree.unaligned:
            walk(node, 1)
    return "\n".join(lines)


def print_view(
    engine: Engine,
    address: StoreAddress,
    args: argparse.Namespace,
    language: str,
    clock: Clock,
) -> int:
    """``okrdesk store board|tree URL --cycle NAME [--json]``."""
    today = getattr(args, "today", None) or clock().astimezone().date()

    def read(connection: Connection) -> StoreBoard | StoreTree | None:
        session = Session(bind=connection)
        if args.action == "board":
            return store_board(session, args.cycle, today, clock().astimezone().tzinfo or UTC)
        return store_tree(session, args.cycle)

    view, _retries = in_transaction(engine, address, read)
    if view is None:
        raise StoreError("store.no_cycle", cycle=args.cycle)
    if isinstance(view, StoreBoard):
        text = (
            json.dumps(board_json(view), ensure_ascii=False, indent=2)
            if args.json
            else (board_text(view, language))
        )
    else:
        text = (
            json.dumps(tree_json(view), ensure_ascii=False, indent=2)
            if args.json
            else (tree_text(view, language))
        )
    print(text)
    return 0
