"""A workshop's objectives with their key results and cards, as the Group page shows them.

Read whole (``objective_tree``: one query per table) or only the objectives a change touched
(``objective_patch``), so a card moved between two groups re-reads those two groups only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Executable, bindparam, func, select
from sqlalchemy.orm import Session

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.card_rows import CardPatch, CardRow, card_patch
from okrdesk.engine.changes import Change
from okrdesk.engine.phases import light_form
from okrdesk.engine.snapshot import plain_number
from okrdesk.engine.vote_result import vote_result
from okrdesk.engine.voting import SeatStatus
from okrdesk.models import (
    Alignment,
    Commitment,
    Cycle,
    Idea,
    KeyResult,
    KeyResultKind,
    Objective,
    OrgUnit,
    UnitLevel,
    Workshop,
)


@dataclass(frozen=True)
class AlignmentParent:
    kind: ParentKind
    id: int


@dataclass(frozen=True)
class KeyResultRow:
    """A key result under its objective, with everything its form shows."""

    id: int
    objective_id: int
    title: str
    kind: KeyResultKind
    start: Decimal | None
    target: Decimal | None
    unit: str | None
    deadline: date | None
    owner: str | None
    commitment: Commitment
    position: int

    @property
    def summary(self) -> str:
        """'0 → 150 leads · 2027-03-31 · owner' (the measurable part)."""
        parts: list[str] = []
        if self.start is not None or self.target is not None:
            span = f"{plain_number(self.start) or '?'} → {plain_number(self.target) or '?'}"
            parts.append(f"{span} {self.unit}".strip() if self.unit else span)
        if self.deadline is not None:
            parts.append(self.deadline.isoformat())
        if self.owner:
            parts.append(self.owner)
        return " · ".join(parts)


@dataclass(frozen=True)
class ObjectiveRow:
    """An objective (a group), its key results and its cards, each in order."""

    id: int
    title: str
    position: int
    selected: bool
    parent: AlignmentParent | None
    key_results: tuple[KeyResultRow, ...]
    cards: tuple[CardRow, ...]

    @property
    def aligned(self) -> bool:
        return self.parent is not None


@dataclass(frozen=True)
class ObjectiveTree:
    """Every objective of a workshop, in order, and what the page needs around them."""

    workshop_id: int | None
    level: UnitLevel  # a person's workshop uses the light form
    default_deadline: date | None  # the cycle's end: a new key result's deadline
    objectives: tuple[ObjectiveRow, ...]

    @property
    def light_form(self) -> bool:
        return light_form(self.level)


@dataclass(frozen=True)
class ObjectivePatch:
    """The objectives a change named, as they are now (in order), and those gone."""

    rows: tuple[ObjectiveRow, ...]
    gone: frozenset[int]


def order_key(row: ObjectiveRow | KeyResultRow | CardRow) -> tuple[int, int]:
    """Where a row sits among its siblings."""
    return (row.position, row.id)


@dataclass(frozen=True)
class _Queries:
    heads: Executable
    key_results: Executable
    cards: Executable
    links: Executable


@cache
def _queries(*, named: bool) -> _Queries:
    """The tree's four queries (bound: ``workshop``, and ``ids`` when ``named``), built once:
    a patch runs on every change, and building a query costs more than running it.

    A whole tree filters by workshop (one index range), a patch by the objectives named.
    """
    in_workshop = select(Objective.id).where(Objective.workshop_id == bindparam("workshop"))
    named_ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
    heads = select(Objective.id, Objective.title, Objective.position, Objective.selected).where(
        Objective.workshop_id == bindparam("workshop")
    )
    if named:
        heads = heads.where(Objective.id.in_(named_ids))
    key_results = (
        select(
            KeyResult.id,
            KeyResult.objective_id,
            KeyResult.title,
            KeyResult.kind,
            KeyResult.start_value,
            KeyResult.target_value,
            KeyResult.unit,
            KeyResult.deadline,
            KeyResult.owner,
            KeyResult.commitment,
            KeyResult.position,
        )
        .where(KeyResult.objective_id.in_(named_ids if named else in_workshop))
        .order_by(KeyResult.position, KeyResult.id)
    )
    cards = (
        select(Idea.id, Idea.text, Idea.objective_id, Idea.merged_into_id, Idea.position)
        .where(Idea.workshop_id == bindparam("workshop"), Idea.merged_into_id.is_(None))
        .where(Idea.objective_id.in_(named_ids) if named else Idea.objective_id.is_not(None))
        .order_by(Idea.position, Idea.id)
    )
    links = select(
        Alignment.objective_id, Alignment.parent_objective_id, Alignment.parent_key_result_id
    ).where(Alignment.objective_id.in_(named_ids if named else in_workshop))
    return _Queries(heads.order_by(Objective.position, Objective.id), key_results, cards, links)


def _rows(session: Session, workshop_id: int, ids: Collection[int] | None) -> list[ObjectiveRow]:
    """The objectives (all, or these), four queries: objectives, key results, cards, links.

    Plain columns, read through the session's connection: the ORM's layer would add nothing
    here but its cost, twice a statement's own (this runs on every change the page shows).
    """
    queries = _queries(named=ids is not None)
    connection = session.connection()
    params: dict[str, Any] = {"workshop": workshop_id}
    if ids is not None:
        params["ids"] = sorted(ids)
    heads = list(connection.execute(queries.heads, params))
    if not heads:
        return []
    if ids is not None:
        params["ids"] = [head.id for head in heads]
    key_results: dict[int, list[KeyResultRow]] = {head.id: [] for head in heads}
    for row in connection.execute(queries.key_results, params):
        if row.objective_id in key_results:
            key_results[row.objective_id].append(KeyResultRow(*row))
    cards: dict[int, list[CardRow]] = {head.id: [] for head in heads}
    for card_id, text, objective_id, merged_into_id, position in connection.execute(
        queries.cards, params
    ):
        if objective_id in cards:
            cards[objective_id].append(
                CardRow(card_id, text, None, objective_id, merged_into_id, position, 0)
            )
    parents: dict[int, AlignmentParent] = {}
    for objective_id, parent_objective_id, parent_key_result_id in connection.execute(
        queries.links, params
    ):
        # The table's check allows exactly one of the two parents.
        if parent_objective_id is not None:
            parents[objective_id] = AlignmentParent(ParentKind.OBJECTIVE, parent_objective_id)
        elif parent_key_result_id is not None:
            parents[objective_id] = AlignmentParent(ParentKind.KEY_RESULT, parent_key_result_id)
    return [
        ObjectiveRow(
            id=head.id,
            title=head.title,
            position=head.position,
            selected=head.selected,
            parent=parents.get(head.id),
            key_results=tuple(key_results[head.id]),
            cards=tuple(cards[head.id]),
        )
        for head in heads
    ]


def objective_tree(session: Session, workshop_id: int | None) -> ObjectiveTree:
    """The whole tree of one workshop (empty without a workshop)."""
    found = (
        None
        if workshop_id is None
        else session.execute(
            select(OrgUnit.level, Cycle.ends_on)
            .select_from(Workshop)
            .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
            .join(Cycle, Cycle.id == Workshop.cycle_id)
            .where(Workshop.id == workshop_id)
        ).first()
    )
    if workshop_id is None or found is None:
        return ObjectiveTree(workshop_id, UnitLevel.COMPANY, None, ())
    level, ends_on = found
    return ObjectiveTree(workshop_id, level, ends_on, tuple(_rows(session, workshop_id, None)))


def objective_patch(session: Session, workshop_id: int, ids: Collection[int]) -> ObjectivePatch:
    """Only the named objectives, re-read: as they are now, or gone."""
    if not ids:
        return ObjectivePatch((), frozenset())
    rows = tuple(_rows(session, workshop_id, ids))
    return ObjectivePatch(rows, frozenset(ids) - {row.id for row in rows})


def touched_objectives(change: Change) -> frozenset[int]:
    """The objectives a change may show differently: those changed, and those whose key
    results, cards or alignment changed (where they were and where they are now)."""
    ids = set(change.ids(Aspect.OBJECTIVES))
    for table in ("key_result", "idea", "alignment"):
        ids.update(_column_values(change, table, "objective_id"))
    return frozenset(ids)


def rereads_whole_tree(change: Change) -> bool:
    """Whether the tree's frame changed: the workshop's unit or cycle (level, deadline)."""
    return change.touches(Aspect.WORKSHOPS, Aspect.UNITS, Aspect.CYCLES)


def _column_values(change: Change, table: str, column: str) -> Iterable[int]:
    for row in change.rows:
        if row.table == table:
            for image in (row.before, row.after):
                if image and image.get(column) is not None:
                    yield int(image[column])


def find_key_result(tree: Iterable[ObjectiveRow], key_result_id: int) -> KeyResultRow | None:
    """A key result of the tree by its id."""
    for objective in tree:
        for kr in objective.key_results:
            if kr.id == key_result_id:
                return kr
    return None


@dataclass(frozen=True)
class SelectionRow:
    """A candidate objective on the Select page."""

    id: int
    title: str
    selected: bool
    dots: int | None  # main-vote dots; None until the main vote is revealed
    key_results: int
    # Where the vote left it, after run-offs and any tie decision (None until revealed).
    seat: SeatStatus | None = None


def selection_rows(session: Session, workshop_id: int) -> tuple[SelectionRow, ...]:
    """The workshop's objectives in the vote's order once it is revealed (else the workshop's).

    The order and each seat come from the vote result, so a tie settled by a run-off or by
    the facilitator's decision reads as settled here as on the vote page.
    """
    result = vote_result(session, workshop_id)
    counts: dict[int, int] = {
        objective_id: count
        for objective_id, count in session.execute(
            select(KeyResult.objective_id, func.count(KeyResult.id))
            .join(Objective, Objective.id == KeyResult.objective_id)
            .where(Objective.workshop_id == workshop_id)
            .group_by(KeyResult.objective_id)
        )
    }
    ranked = {} if result is None else {r.objective_id: r for r in result.rows}
    rows = []
    for objective_id, title, selected in session.execute(
        select(Objective.id, Objective.title, Objective.selected)
        .where(Objective.workshop_id == workshop_id)
        .order_by(Objective.position, Objective.id)
    ):
        standing = ranked.get(objective_id)
        rows.append(
            SelectionRow(
                id=objective_id,
                title=title,
                selected=selected,
                dots=None if result is None else (0 if standing is None else standing.dots),
                key_results=counts.get(objective_id, 0),
                seat=None if standing is None else standing.status,
            )
        )
    order = {objective_id: at for at, objective_id in enumerate(ranked)}
    return tuple(sorted(rows, key=lambda row: order.get(row.id, len(order))))


@dataclass(frozen=True)
class GroupPatch:
    """What the Group page re-reads after a change: its loose cards and its objectives."""

    cards: CardPatch
    objectives: ObjectivePatch


def group_patch(
    session: Session, workshop_id: int, card_ids: Collection[int], objective_ids: Collection[int]
) -> GroupPatch:
    """The named loose cards and the named objectives, re-read in one look at the plan."""
    return GroupPatch(
        card_patch(session, workshop_id, card_ids, loose_only=True),
        objective_patch(session, workshop_id, objective_ids),
    )
