"""The idea cards of one workshop as the walls show them: rows read whole or only those changed.

A wall is every card not merged into another (the Brainstorm page), or only those in no group
(the Group page's left column). A change names the cards it touched (``touched_cards``); the
screen re-reads only those (``card_patch``) and moves, inserts or removes just their rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.models import CarriedCard, CarriedKind, Idea, Participant, Workshop


@dataclass(frozen=True)
class CardRow:
    """One card on a wall."""

    id: int
    text: str
    # Who wrote it: None when nobody is named or the workshop is anonymous (never shown then).
    author: str | None
    objective_id: int | None  # the objective it is grouped under, if any
    merged_into_id: int | None  # a wall shows no merged card; a duplicate keeps its target
    position: int  # its place among the cards of its group (or of the loose wall)
    duplicates: int  # cards merged into this one
    department: str | None = None  # the author's, as a survey gave it (None when anonymous)
    carried: CarriedKind | None = None  # carried over from the unit's last cycle, as what


@dataclass(frozen=True)
class CardWall:
    """Every card of a wall, in the order they were written."""

    workshop_id: int | None
    anonymous: bool
    loose_only: bool
    cards: tuple[CardRow, ...]


@dataclass(frozen=True)
class CardPatch:
    """The cards a change named, as they are now: on the wall, or gone from it."""

    rows: tuple[CardRow, ...]  # named cards on the wall now, in wall order
    gone: frozenset[int]  # named cards not on the wall (deleted, merged, grouped)


@cache
def _rows(*, loose_only: bool, named: bool) -> Select[Any]:
    """The query for a wall's rows (bound: ``workshop``; ``ids`` when ``named``), built once:
    a patch runs on every change, and building a query costs more than running it."""
    duplicate = aliased(Idea)
    # Counted per card through the index on merged_into_id: a patch of one card costs one look.
    duplicates = (
        select(func.count(duplicate.id))
        .where(duplicate.merged_into_id == Idea.id)
        .correlate(Idea)
        .scalar_subquery()
    )
    query = (
        select(
            Idea.id,
            Idea.text,
            Participant.name,
            Idea.objective_id,
            Idea.merged_into_id,
            Idea.position,
            duplicates,
            Participant.department,
            Workshop.anonymous,  # a patch learns it with its rows: no statement of its own
            CarriedCard.kind,  # in the same statement: the mark costs no query of its own
        )
        .join(Workshop, Workshop.id == Idea.workshop_id)
        .outerjoin(Participant, Participant.id == Idea.author_id)
        .outerjoin(CarriedCard, CarriedCard.idea_id == Idea.id)
        .where(Idea.workshop_id == bindparam("workshop"), Idea.merged_into_id.is_(None))
        .order_by(Idea.id)
    )
    if loose_only:
        query = query.where(Idea.objective_id.is_(None))
    if named:
        query = query.where(Idea.id.in_(bindparam("ids", expanding=True)))
    return query


_ANONYMOUS = select(Workshop.anonymous).where(Workshop.id == bindparam("workshop"))


def _anonymous(session: Session, workshop_id: int) -> bool | None:
    """Whether the workshop hides authors (None: there is no such workshop)."""
    return session.connection().scalar(_ANONYMOUS, {"workshop": workshop_id})


def _card(row: Any, anonymous: bool) -> CardRow:
    card_id, text, author, objective_id, merged_into_id, position, duplicates, department = row[:8]
    return CardRow(
        id=card_id,
        text=text,
        author=None if anonymous else author,
        objective_id=objective_id,
        merged_into_id=merged_into_id,
        position=position,
        duplicates=duplicates,
        department=None if anonymous else department,
        carried=row[9],
    )


def card_wall(session: Session, workshop_id: int | None, *, loose_only: bool = False) -> CardWall:
    """The wall of one workshop (empty without a workshop): two queries, whatever its size."""
    anonymous = None if workshop_id is None else _anonymous(session, workshop_id)
    if workshop_id is None or anonymous is None:
        return CardWall(workshop_id, False, loose_only, ())
    query = _rows(loose_only=loose_only, named=False)
    cards = tuple(
        _card(row, anonymous)
        for row in session.connection().execute(query, {"workshop": workshop_id})
    )
    return CardWall(workshop_id, anonymous, loose_only, cards)


def card_patch(
    session: Session, workshop_id: int, ids: Collection[int], *, loose_only: bool = False
) -> CardPatch:
    """Only the named cards, re-read: those on the wall now, and those no longer on it."""
    if not ids:
        return CardPatch((), frozenset())
    query = _rows(loose_only=loose_only, named=True)
    found_rows = session.connection().execute(query, {"workshop": workshop_id, "ids": sorted(ids)})
    rows = tuple(_card(row, bool(row.anonymous)) for row in found_rows)
    found = {row.id for row in rows}
    return CardPatch(rows, frozenset(ids) - found)


def touched_cards(change: Change) -> frozenset[int]:
    """The cards a change may show differently: those it changed, and those merged into or
    out of (their count of duplicates changed)."""
    if not change.touches(Aspect.IDEAS):
        return frozenset()
    ids = set(change.ids(Aspect.IDEAS))
    for row in change.rows:
        if row.table == "idea":
            for image in (row.before, row.after):
                if image and image.get("merged_into_id") is not None:
                    ids.add(int(image["merged_into_id"]))
        elif row.table == "carried_card":  # a card's mark (it changes with its card today)
            for image in (row.before, row.after):
                if image and image.get("idea_id") is not None:
                    ids.add(int(image["idea_id"]))
    return frozenset(ids)


def rereads_whole_wall(change: Change) -> bool:
    """Whether a change alters every card's looks: an author renamed or anonymity switched."""
    return change.touches(Aspect.PARTICIPANTS, Aspect.WORKSHOPS)


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True)
class Authors:
    """Who may be named as a card's author (or a key result's owner), in list order."""

    anonymous: bool  # the workshop records no authors
    people: tuple[Person, ...]


def authors(session: Session, workshop_id: int | None) -> Authors:
    """The workshop's participants, and whether it is anonymous."""
    anonymous = None if workshop_id is None else _anonymous(session, workshop_id)
    if workshop_id is None or anonymous is None:
        return Authors(False, ())
    people = session.execute(
        select(Participant.id, Participant.name)
        .where(Participant.workshop_id == workshop_id)
        .order_by(Participant.position, Participant.id)
    )
    return Authors(anonymous, tuple(Person(i, name) for i, name in people))
