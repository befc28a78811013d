"""The organisation's views read from the store: the cascade board and the alignment tree
of a cycle across every published plan, in the engine's own frozen view types.

Each unit and cycle speaks through the plan that owns it. A unit handed over to a plan that
has not published it since speaks through the plan that published it last (the approved
workshop the store holds does not vanish from the board until the new owner republishes),
and the board says so; a workshop left behind by a plan that handed it over is not shown
once the new owner has published. A draft (published before sign-off) is marked as such.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, tzinfo
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Engine, Text, and_, cast, func, select, text
from sqlalchemy.orm import Session

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import (
    AlignmentTree,
    TreeNode,
    TreeObjective,
    collection_paused,
    grow_tree,
)
from okrdesk.engine.cascade import (
    CascadeBoard,
    CycleRow,
    UnitRow,
    WorkshopRow,
    cascade_from_rows,
)
from okrdesk.engine.cascade_words import day_text
from okrdesk.engine.context import Clock
from okrdesk.messages import translate
from okrdesk.models import Decision, UnitLevel
from okrdesk.store.connect import StoreAddress
from okrdesk.store.errors import StoreError
from okrdesk.store.publish import in_transaction
from okrdesk.store.schema import (
    StoreCycle,
    StorePlan,
    StoreSignOff,
    StoreUnit,
    StoreWorkshop,
    UnitCycleOwner,
)


@dataclass(frozen=True)
class HandedOver:
    """A unit handed over to a plan that has not published it since."""

    to: str  # the new owner as the store names it (its file's name, else its UUID)
    since: datetime
    shown_from: str  # the plan whose published workshop the board shows meanwhile


@dataclass(frozen=True)
class StoreBoard:
    """The cascade board of a cycle across every published plan."""

    board: CascadeBoard
    drafts: frozenset[int]  # units whose workshop speaking for them is a draft
    workshop_uuids: tuple[str, ...]  # the board's workshop ids are indexes into this
    # Units handed over and not republished by their new owner (speaking through the plan
    # that published them last), by unit id.
    handed_over: Mapping[int, HandedOver] = field(default_factory=dict)


@dataclass(frozen=True)
class StoreTree:
    """The alignment tree of a cycle across every published plan."""

    cycle: str
    tree: AlignmentTree
    drafts: frozenset[int]  # nodes (objectives, key results) of draft workshops
    uuids: tuple[str, ...]  # the tree's node ids are indexes into this


def _ranked(cycle_id: int) -> Any:
    """The cycle's workshops, each with its unit's owner (since when) and ``speaker``, the
    plan that speaks for the unit: the owner once it has published the unit's workshop; until
    then (a hand-over not yet republished) the plan that published it last. A workshop speaks
    when its plan is the speaker. One pass over the cycle's workshops: no join of the
    workshops to themselves (which PostgreSQL, before it has statistics, runs as a loop)."""
    return (
        select(
            StoreWorkshop.uuid,
            StoreWorkshop.unit_id,
            StoreWorkshop.phase,
            StoreWorkshop.locked,
            StoreWorkshop.draft,
            StoreWorkshop.plan_uuid,
            StoreWorkshop.published_at,
            UnitCycleOwner.plan_uuid.label("owner"),
            UnitCycleOwner.since,
            func.first_value(StoreWorkshop.plan_uuid)
            .over(
                partition_by=StoreWorkshop.unit_id,
                order_by=(
                    (StoreWorkshop.plan_uuid == UnitCycleOwner.plan_uuid).desc(),
                    StoreWorkshop.published_at.desc(),
                    StoreWorkshop.plan_uuid,
                ),
            )
            .label("speaker"),
        )
        .join(
            UnitCycleOwner,
            and_(
                UnitCycleOwner.unit_id == StoreWorkshop.unit_id,
                UnitCycleOwner.cycle_id == StoreWorkshop.cycle_id,
            ),
        )
        .where(StoreWorkshop.cycle_id == cycle_id)
        .subquery("ranked")
    )


def _text(column: Any) -> Any:
    """A UUID column read as its text (thousands of them: no UUID objects made and undone)."""
    return cast(column, Text).label(column.key)


def _cycle(connection: Connection, name: str) -> Any:
    return connection.execute(
        select(StoreCycle.id, StoreCycle.name, StoreCycle.starts_on, StoreCycle.ends_on).where(
            StoreCycle.name == name
        )
    ).first()


def store_board(session: Session, cycle: str, today: date, zone: tzinfo = UTC) -> StoreBoard | None:
    """The cycle's board on ``today`` (four queries, five while a hand-over is not yet
    republished); None if the store has no such cycle."""
    # Plain rows through the session's connection: no ORM work for hundreds of rows.
    connection = session.connection()
    found = _cycle(connection, cycle)
    if found is None:
        return None
    units = [
        UnitRow(*row)
        for row in connection.execute(
            select(
                StoreUnit.id,
                StoreUnit.name,
                StoreUnit.level,
                StoreUnit.parent_id,
                StoreUnit.position,
            )
        )
    ]
    ranked = _ranked(found.id)
    workshops = connection.execute(
        select(
            _text(ranked.c.uuid),
            ranked.c.unit_id,
            ranked.c.phase,
            ranked.c.locked,
            ranked.c.draft,
            (ranked.c.plan_uuid != ranked.c.owner).label("handed"),
        )
        .where(ranked.c.plan_uuid == ranked.c.speaker)
        .order_by(ranked.c.published_at, ranked.c.uuid)
    ).all()
    index = {row.uuid: number for number, row in enumerate(workshops)}
    decisions: defaultdict[int, list[tuple[Decision, datetime]]] = defaultdict(list)
    for workshop_uuid, decision, decided_at in connection.execute(
        select(_text(StoreSignOff.workshop_uuid), StoreSignOff.decision, StoreSignOff.decided_at)
        .join(ranked, ranked.c.uuid == StoreSignOff.workshop_uuid)
        .where(ranked.c.plan_uuid == ranked.c.speaker)
        .order_by(StoreSignOff.round, StoreSignOff.id)
    ):
        decisions[index[workshop_uuid]].append((decision, decided_at))
    board = cascade_from_rows(
        CycleRow(found.id, found.name, found.starts_on, found.ends_on),
        units,
        [WorkshopRow(number, w.unit_id, w.phase, w.locked) for number, w in enumerate(workshops)],
        decisions,
        today,
        zone,
    )
    draft = {number for number, w in enumerate(workshops) if w.draft}
    return StoreBoard(
        board,
        frozenset(
            u.unit_id for u in board.units if u.workshop_id is not None and u.workshop_id in draft
        ),
        tuple(w.uuid for w in workshops),
        _handed_over(connection, found.id, {w.unit_id for w in workshops if w.handed}),
    )


def _handed_over(connection: Connection, cycle_id: int, units: set[int]) -> dict[int, HandedOver]:
    """The units speaking through a plan other than their owner: the owner's name and since
    when, and the speaking plan's name (a query only when there are such units)."""
    if not units:
        return {}
    ranked = _ranked(cycle_id)
    owner, speaker = StorePlan.__table__.alias("owner"), StorePlan.__table__.alias("speaker")
    rows = connection.execute(
        select(ranked.c.unit_id, owner.c.label, ranked.c.since, speaker.c.label)
        .distinct()
        .join(owner, owner.c.uuid == ranked.c.owner)
        .join(speaker, speaker.c.uuid == ranked.c.speaker)
        .where(ranked.c.unit_id.in_(units))
    )
    return {unit_id: HandedOver(to, since, shown) for unit_id, to, since, shown in rows}


def store_tree(session: Session, cycle: str) -> StoreTree | None:
    """The cycle's alignment tree (three queries); None if the store has no such cycle.

    As in a plan (the same grow_tree): a workshop's selected objectives (all of them before
    a selection), nested under the objective or key result they align to; objectives below
    the company that align to nothing are listed apart, and a key result of a unit with
    units below it in the cycle that nothing supports is flagged.
    """
    connection = session.connection()
    found = _cycle(connection, cycle)
    if found is None:
        return None
    expected = {parent_id for (parent_id,) in connection.execute(_PARENTS, {"cycle": found.id})}
    # Thousands of rows and nodes, no cycles among them: the cycle collector waits.
    with collection_paused():
        return _tree(connection, found.name, found.id, expected)


# The cycle's workshops that speak for their units, as _ranked says (the owner's once it has
# published, until then those of the plan that published last), in one pass.
_SPEAKING = """
    WITH ranked AS (
        SELECT workshops.uuid, workshops.unit_id, workshops.plan_uuid, workshops.draft,
            workshops.published_at,
            first_value(workshops.plan_uuid) OVER (
                PARTITION BY workshops.unit_id
                ORDER BY workshops.plan_uuid = owners.plan_uuid DESC,
                    workshops.published_at DESC, workshops.plan_uuid
            ) AS speaker
        FROM workshops
        JOIN unit_cycle_owners owners ON owners.unit_id = workshops.unit_id
            AND owners.cycle_id = workshops.cycle_id
        WHERE workshops.cycle_id = :cycle
    ), speaking AS (SELECT * FROM ranked WHERE plan_uuid = speaker)
"""
# Units with units below them in the cycle: the parents of the speaking workshops' units.
_PARENTS = text(
    _SPEAKING
    + """
    SELECT DISTINCT units.parent_id
    FROM speaking AS workshops
    JOIN units ON units.id = workshops.unit_id
    WHERE units.parent_id IS NOT NULL
    """
)
# The objectives the tree shows, in its order, one row each: the speaking workshops' selected
# objectives (all of them before a selection), with their unit, draft mark, parent and key
# results (in order, as two arrays). Only what the tree shows; UUIDs as text (thousands of
# them: no UUID objects made and undone); PostgreSQL joins, sorts and gathers.
_SHOWN = text(
    _SPEAKING
    + """
    SELECT CAST(objectives.uuid AS TEXT), objectives.title, units.name, workshops.unit_id,
        units.level = :company, workshops.draft,
        CAST(alignments.parent_objective_uuid AS TEXT),
        CAST(alignments.parent_key_result_uuid AS TEXT),
        key_results.uuids, key_results.titles
    FROM speaking AS workshops
    JOIN units ON units.id = workshops.unit_id
    JOIN objectives ON objectives.workshop_uuid = workshops.uuid
    LEFT JOIN alignments ON alignments.objective_uuid = objectives.uuid
    LEFT JOIN LATERAL (
        SELECT array_agg(CAST(uuid AS TEXT) ORDER BY position, uuid) AS uuids,
            array_agg(title ORDER BY position, uuid) AS titles
        FROM key_results WHERE key_results.objective_uuid = objectives.uuid
    ) AS key_results ON true
    WHERE (
        objectives.selected OR NOT EXISTS (
            SELECT FROM objectives AS chosen
            WHERE chosen.workshop_uuid = objectives.workshop_uuid AND chosen.selected
        )
    )
    ORDER BY workshops.published_at, workshops.uuid, objectives.position, objectives.uuid
    """
)


def _tree(connection: Connection, cycle_name: str, cycle_id: int, expected: set[int]) -> StoreTree:
    """The tree of the objectives it shows (one row each, in the tree's order): each
    objective's node id, then its key results' in order, as in a plan's tree."""
    uuids: list[str] = []
    drafts: list[int] = []
    objectives: list[TreeObjective] = []
    aligned_to_objective, aligned_to_key_result = ParentKind.OBJECTIVE, ParentKind.KEY_RESULT
    # Fetched at once (iterating the result fetches a row at a time).
    rows = connection.execute(_SHOWN, {"cycle": cycle_id, "company": UnitLevel.COMPANY.value})
    for (
        o_uuid,
        title,
        name,
        unit_id,
        top,
        draft,
        parent_o,
        parent_kr,
        kr_uuids,
        kr_titles,
    ) in rows.all():
        node = len(uuids)
        uuids.append(o_uuid)
        if kr_uuids:
            uuids += kr_uuids
            key_results: Sequence[tuple[int, Hashable, str]] = list(
                zip(range(node + 1, len(uuids)), kr_uuids, kr_titles, strict=True)
            )
        else:
            key_results = ()
        if draft:
            drafts += range(node, len(uuids))
        if parent_o is not None:
            kind, parent = aligned_to_objective, parent_o
        elif parent_kr is not None:
            kind, parent = aligned_to_key_result, parent_kr
        else:
            kind, parent = None, None
        objectives.append(
            TreeObjective(node, o_uuid, title, name, unit_id, top, kind, parent, key_results)
        )
    tree = grow_tree(objectives, expected)
    return StoreTree(cycle_name, tree, frozenset(drafts), tuple(uuids))


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
        handed = view.handed_over.get(row["unit_id"])
        row["handed_over"] = None if handed is None else _plain(asdict(handed))
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
        handed = view.handed_over.get(unit.unit_id)
        if handed is not None:
            marks.append(translate("store.handed_row", language, plan=handed.to))
        if unit.overdue and board.days_left is not None:
            late = -board.days_left
            marks.append(
                translate("summary.cascade_row_overdue_one", language)
                if late == 1
                else translate("summary.cascade_row_overdue", language, days=late)
            )
        lines.append(f"{'  ' * unit.depth}{unit.name}: {', '.join(marks)}")
    return "\n".join(lines)


def handed_over_line(view: StoreBoard, unit_id: int, language: str) -> str:
    """A unit handed over and not yet republished: to whom, since when, and whose publish
    the board shows meanwhile."""
    handed = view.handed_over[unit_id]
    return translate(
        "store.handed_line",
        language,
        unit=next((unit.name for unit in view.board.units if unit.unit_id == unit_id), ""),
        plan=handed.to,
        date=day_text(handed.since.astimezone().date(), language),
        previous=handed.shown_from,
    )


def handed_over_lines(view: StoreBoard, language: str, most: int | None = None) -> list[str]:
    """Each unit handed over and not yet republished, in the board's order (``most``: that
    many, then how many more)."""
    lines = [
        handed_over_line(view, unit.unit_id, language)
        for unit in view.board.units
        if unit.unit_id in view.handed_over
    ]
    if most is not None and len(lines) > most:
        lines[most:] = [translate("store.handed_more", language, count=len(lines) - most)]
    return lines


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
