"""The room view after a change: what can change each picture, and a view patched from the
rows a change names (a card, an objective's title, a key result, a ballot) instead of built
again. The projector, and later the room server, keep their view current this way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from okrdesk.engine.aspects import ASPECT_TABLES, Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.queries import round_ballots
from okrdesk.engine.room_view import (
    RoomBallots,
    RoomCard,
    RoomObjective,
    RoomShows,
    RoomView,
    room_timer,
    room_view,
)
from okrdesk.models import (
    CarriedCard,
    Idea,
    KeyResult,
    Objective,
    Participant,
    Phase,
    Workshop,
)

__all__ = ["room_view_after", "room_view_changed_by"]

# What can change each picture, besides the workshop itself (title, settings, phase, timer)
# and the plan around it (the unit's level names a person's phases).
ANY_PICTURE = frozenset(
    {
        Aspect.PLAN,
        Aspect.CYCLES,
        Aspect.UNITS,
        Aspect.WORKSHOPS,
        Aspect.PHASE,
        Aspect.AGENDA,
    }
)
CHANGED_BY: Mapping[RoomShows, frozenset[Aspect]] = {
    # The welcome reads the unit, its parent and the cycle (ANY_PICTURE) and the agenda.
    RoomShows.WELCOME: frozenset(),
    RoomShows.CARDS: frozenset({Aspect.IDEAS, Aspect.PARTICIPANTS}),
    # Opening the vote turns the candidates into ballots (ROUNDS); sign-off shows its status.
    RoomShows.OBJECTIVES: frozenset(
        {Aspect.OBJECTIVES, Aspect.KEY_RESULTS, Aspect.ROUNDS, Aspect.SIGNOFF}
    ),
    # Dots are never seen before the reveal: only ballots handed in count.
    RoomShows.BALLOTS: frozenset(
        {Aspect.ROUNDS, Aspect.BALLOTS, Aspect.PARTICIPANTS, Aspect.OBJECTIVES, Aspect.KEY_RESULTS}
    ),
    RoomShows.RESULT: frozenset(
        {Aspect.ROUNDS, Aspect.DOTS, Aspect.TIE_DECISION, Aspect.OBJECTIVES}
    ),
    # The approval names the objectives approved; reopening ends the moment.
    RoomShows.APPROVED: frozenset({Aspect.OBJECTIVES, Aspect.KEY_RESULTS, Aspect.SIGNOFF}),
    RoomShows.CLOSING: frozenset({Aspect.OBJECTIVES, Aspect.KEY_RESULTS, Aspect.SIGNOFF}),
}


def room_view_changed_by(view: RoomView, aspects: Collection[Aspect]) -> bool:
    """Whether a change to these aspects of its workshop can change what this view shows."""
    return not (ANY_PICTURE | CHANGED_BY[view.shows]).isdisjoint(aspects)


def room_view_after(
    session: Session, view: RoomView, change: Change, now: datetime, presented: int | None = None
) -> RoomView | None:
    """The room view after a change: what the change names read again where that is enough
    (a card, an objective's title, a key result, a ballot handed in), else the whole view
    built again. Equal to ``room_view`` at ``now`` either way.
    """
    cards = _patched_cards(session, view, change)
    if cards is not None:
        timer = room_timer(session, view.workshop_id, view.phase, now)
        newest = cards[-1].id if cards else None  # the wall lists cards by id
        return replace(view, cards=cards, newest_card_id=newest, timer=timer)
    ballots = _patched_ballots(session, view, change)
    if ballots is not None:
        timer = room_timer(session, view.workshop_id, view.phase, now)
        return replace(view, ballots=ballots, timer=timer)
    patched = _patched_objectives(session, view, change)
    if patched is None:
        return room_view(session, view.workshop_id, now, presented)
    return replace(
        view, objectives=patched, timer=room_timer(session, view.workshop_id, view.phase, now)
    )


def room_view_after_all(
    session: Session,
    view: RoomView,
    changes: tuple[Change, ...],
    now: datetime,
    presented: int | None = None,
) -> RoomView | None:
    """The room view after several changes, in the order they were made (the phones' changes
    committed together): each read as ``room_view_after`` reads it, in one session."""
    after: RoomView | None = view
    for change in changes:
        if after is None:
            return None
        if room_view_changed_by(after, change.aspects):
            after = room_view_after(session, after, change, now, presented)
    return after


_ANONYMOUS = select(Workshop.anonymous).where(Workshop.id == bindparam("workshop"))
_ROOM_CARDS = (
    select(Idea.id, Idea.text, Participant.name, CarriedCard.id)
    .outerjoin(Participant, Participant.id == Idea.author_id)
    .outerjoin(CarriedCard, CarriedCard.idea_id == Idea.id)
    .where(
        Idea.id.in_(bindparam("ids", expanding=True)),
        Idea.workshop_id == bindparam("workshop"),
        Idea.merged_into_id.is_(None),
    )
)


def _patched_cards(session: Session, view: RoomView, change: Change) -> tuple[RoomCard, ...] | None:
    """Cards added, edited, merged or removed: those cards read again, the others kept."""
    if view.shows != RoomShows.CARDS or not change.aspects <= {Aspect.IDEAS}:
        return None
    touched = change.ids(Aspect.IDEAS)
    # Plain columns through the connection, statements built once: the ORM's execute and
    # building the statement would each cost more than the read itself.
    connection = session.connection()
    anonymous = connection.scalar(_ANONYMOUS, {"workshop": view.workshop_id})
    rows = connection.execute(_ROOM_CARDS, {"workshop": view.workshop_id, "ids": sorted(touched)})
    fresh = {
        card_id: RoomCard(card_id, text, None if anonymous else author, carried is not None)
        for card_id, text, author, carried in rows
    }
    kept = _without(view.cards, touched)
    added = tuple(sorted(fresh.values(), key=lambda card: card.id))
    if not added or not kept or added[0].id > kept[-1].id:
        return kept + added  # new cards at the end, the usual case
    # The wall lists cards by id, as room_view does.
    return tuple(sorted(kept + added, key=lambda card: card.id))


def _without(cards: tuple[RoomCard, ...], ids: Collection[int]) -> tuple[RoomCard, ...]:
    """The cards (listed by id) but those with these ids, found by bisection: a change to
    one card of a wall of thousands costs no walk along the wall."""
    places = []
    for card_id in ids:
        place = bisect_left(cards, card_id, key=lambda card: card.id)
        if place < len(cards) and cards[place].id == card_id:
            places.append(place)
    if not places:
        return cards
    kept: tuple[RoomCard, ...] = ()
    start = 0
    for place in sorted(places):
        kept += cards[start:place]
        start = place + 1
    return kept + cards[start:]


def _patched_ballots(session: Session, view: RoomView, change: Change) -> RoomBallots | None:
    """A ballot handed in or taken back (or a dot, unseen): the round's count read again."""
    ballots = view.ballots
    if ballots is None or not change.aspects <= {Aspect.BALLOTS, Aspect.DOTS}:
        return None
    current = round_ballots(session, view.workshop_id, ballots.round_number)
    if current is None:
        return None
    progress = current.progress
    return replace(
        ballots,
        ballots_in=progress.cast,
        ballots_expected=progress.expected,
        not_voted=progress.missing if ballots.open else (),
    )


def _patched_objectives(
    session: Session, view: RoomView, change: Change
) -> tuple[RoomObjective, ...] | None:
    """The full list of objectives, only the changed ones read; None: build it all again."""
    if view.shows != RoomShows.OBJECTIVES or view.phase not in (Phase.GROUP, Phase.VOTE):
        return None  # selection, sign-off: a few objectives, filtered; not worth patching
    if not change.aspects <= {Aspect.OBJECTIVES, Aspect.KEY_RESULTS}:
        return None
    if change.ids(Aspect.OBJECTIVES, "insert") or change.ids(Aspect.OBJECTIVES, "delete"):
        return None
    touched = change.ids(Aspect.OBJECTIVES) | _key_result_parents(change)
    listed = [objective.id for objective in view.objectives]
    if not touched <= set(listed):
        return None  # not an objective the room sees (another workshop's, or a new one)
    if not _order_kept(change):
        order = session.scalars(
            select(Objective.id)
            .where(Objective.workshop_id == view.workshop_id)
            .order_by(Objective.position, Objective.id)
        )
        if list(order) != listed:
            return None  # moved: the order itself changed
    titles = {
        objective_id: title
        for objective_id, title in session.execute(
            select(Objective.id, Objective.title).where(Objective.id.in_(touched))
        )
    }
    key_results: dict[int, list[str]] = {objective_id: [] for objective_id in touched}
    for objective_id, title in session.execute(
        select(KeyResult.objective_id, KeyResult.title)
        .where(KeyResult.objective_id.in_(touched))
        .order_by(KeyResult.objective_id, KeyResult.position, KeyResult.id)
    ):
        key_results[objective_id].append(title)
    return tuple(
        RoomObjective(o.id, titles[o.id], tuple(key_results[o.id])) if o.id in touched else o
        for o in view.objectives
    )


def _order_kept(change: Change) -> bool:
    """Whether every changed objective kept its place (its position and its workshop)."""
    table = ASPECT_TABLES[Aspect.OBJECTIVES]
    for row in change.rows:
        if row.table == table:
            if row.before is None or row.after is None:
                return False
            for column in ("position", "workshop_id"):
                if row.before.get(column) != row.after.get(column):
                    return False
    return True


def _key_result_parents(change: Change) -> set[int]:
    """The objectives the changed key results were under, before and after the change."""
    table = ASPECT_TABLES[Aspect.KEY_RESULTS]
    parents = set()
    for row in change.rows:
        if row.table == table:
            for image in (row.before, row.after):
                if image is not None and image.get("objective_id") is not None:
                    parents.add(int(image["objective_id"]))
    return parents
