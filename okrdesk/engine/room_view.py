"""The room view: everything the projector shows of a workshop, per phase, as plain data.

The projector paints it; the phones will render the same object through the room server
(which has no Qt), so it is complete (nothing more to read), frozen, and JSON-friendly:
str, int, float, bool, None, tuples and StrEnums only (``dataclasses.asdict`` then
``json.dumps`` gives the whole of it). Nothing the room may not see is in it: no one's
ballot, no dot count before the reveal, no author on an anonymous wall.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.aspects import ASPECT_TABLES, Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.phases import light_form
from okrdesk.engine.queries import ballot_progress
from okrdesk.engine.vote_result import RoundState, SeatStatus, TieState, VoteResult, vote_state
from okrdesk.models import (
    Decision,
    Idea,
    KeyResult,
    Objective,
    OrgUnit,
    Participant,
    Phase,
    PhasePlan,
    PhaseVisit,
    RoundKind,
    SignOff,
    SignoffStatus,
    VoteRound,
    Workshop,
)

__all__ = [
    "RoomBallots",
    "RoomCard",
    "RoomDecision",
    "RoomObjective",
    "RoomResult",
    "RoomShows",
    "RoomStanding",
    "RoomTimer",
    "RoomView",
    "SeatStatus",
    "SignoffStatus",
    "TieState",
    "room_view",
    "room_view_after",
    "room_view_changed_by",
]


class RoomShows(StrEnum):
    """What fills the screen below the title: one of four pictures."""

    CARDS = "cards"  # the brainstorm wall
    OBJECTIVES = "objectives"  # objectives with their key results
    BALLOTS = "ballots"  # a vote under way: ballots in, who has not voted
    RESULT = "result"  # a revealed round: ranks, dots, the cut-off, the tie's outcome


@dataclass(frozen=True)
class RoomCard:
    """An idea on the wall; its author only when the wall is not anonymous."""

    id: int
    text: str
    author: str | None


@dataclass(frozen=True)
class RoomObjective:
    """An objective as the room sees it: its title and its key results' titles, in order."""

    id: int
    title: str
    key_results: tuple[str, ...]


@dataclass(frozen=True)
class RoomBallots:
    """A round under way or closed but not revealed: how many ballots are in, never dots."""

    round_number: int
    runoff: bool
    open: bool
    ballots_in: int
    ballots_expected: int
    # Names only, and only while the round takes ballots.
    not_voted: tuple[str, ...]


@dataclass(frozen=True)
class RoomStanding:
    """One objective's line in a revealed round."""

    objective_id: int
    title: str
    rank: int
    dots: int
    status: SeatStatus  # after every run-off and decision since


@dataclass(frozen=True)
class RoomDecision:
    """The facilitator's decision on a tie at the cut-off, and why."""

    chosen: tuple[str, ...]  # titles
    passed_over: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class RoomResult:
    """The round the room looks at once revealed (the latest that counts), from VoteResult."""

    round_number: int
    runoff: bool
    seats: int
    standings: tuple[RoomStanding, ...]
    cutoff: int  # the line falls after this many standings
    tie: TieState
    decision: RoomDecision | None


@dataclass(frozen=True)
class RoomTimer:
    """The current phase's timebox and the minutes the room has spent in it so far."""

    planned_minutes: int | None
    elapsed_minutes: float
    running: bool  # the room is in this phase now (the minutes go on counting)


@dataclass(frozen=True)
class RoomView:
    """Everything the projector shows for one workshop, and nothing more."""

    workshop_id: int
    title: str
    phase: Phase
    light: bool  # a person's OKRs: phases and statuses named for the 1:1
    shows: RoomShows
    timer: RoomTimer
    cards: tuple[RoomCard, ...] = ()
    newest_card_id: int | None = None
    objectives: tuple[RoomObjective, ...] = ()
    ballots: RoomBallots | None = None
    result: RoomResult | None = None
    signoff: SignoffStatus | None = None
    # At sign-off the OKRs may be presented one objective at a time: its place in objectives.
    focus: int | None = None


def room_view(
    session: Session, workshop_id: int, now: datetime, presented: int | None = None
) -> RoomView | None:
    """The room's view of the workshop at ``now``; None if there is no such workshop.

    ``presented`` is the objective the sign-off page puts on the projector on its own.
    Reads this workshop only, a fixed number of queries whatever its size.
    """
    found = session.execute(
        select(Workshop.title, Workshop.phase, Workshop.anonymous, Workshop.locked, OrgUnit.level)
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .where(Workshop.id == workshop_id)
    ).one_or_none()
    if found is None:
        return None
    title, phase, anonymous, locked, level = found
    view = RoomView(
        workshop_id=workshop_id,
        title=title,
        phase=phase,
        light=light_form(level),
        shows=RoomShows.OBJECTIVES,
        timer=_timer(session, workshop_id, phase, now),
    )
    if phase == Phase.BRAINSTORM:
        cards = _cards(session, workshop_id, anonymous)
        newest = max((card.id for card in cards), default=None)
        return replace(view, shows=RoomShows.CARDS, cards=cards, newest_card_id=newest)
    if phase == Phase.SETUP:
        return view  # nothing on the wall yet
    if phase == Phase.GROUP:
        return replace(view, objectives=_objectives(session, workshop_id))
    if phase == Phase.VOTE:
        return _vote(session, view)
    objectives = _objectives(session, workshop_id, selected_only=True)
    focus = None
    if phase == Phase.SIGNOFF and presented is not None:
        focus = next((n for n, o in enumerate(objectives) if o.id == presented), None)
    signoff = None if phase == Phase.SELECT else _signoff(session, workshop_id, locked)
    return replace(view, objectives=objectives, signoff=signoff, focus=focus)


def _timer(session: Session, workshop_id: int, phase: Phase, now: datetime) -> RoomTimer:
    planned = session.scalar(
        select(PhasePlan.planned_minutes).where(
            PhasePlan.workshop_id == workshop_id, PhasePlan.phase == phase
        )
    )
    visits = session.execute(
        select(PhaseVisit.started_at, PhaseVisit.ended_at).where(
            PhaseVisit.workshop_id == workshop_id, PhaseVisit.phase == phase
        )
    ).all()
    seconds = sum(max(0.0, ((end or now) - start).total_seconds()) for start, end in visits)
    running = any(end is None for _start, end in visits)
    return RoomTimer(planned, seconds / 60, running)


def _cards(session: Session, workshop_id: int, anonymous: bool) -> tuple[RoomCard, ...]:
    rows = session.execute(
        select(Idea.id, Idea.text, Participant.name)
        .outerjoin(Participant, Participant.id == Idea.author_id)
        .where(Idea.workshop_id == workshop_id, Idea.merged_into_id.is_(None))
        .order_by(Idea.id)
    )
    return tuple(
        RoomCard(card_id, text, None if anonymous else author) for card_id, text, author in rows
    )


def _objectives(
    session: Session, workshop_id: int, *, selected_only: bool = False
) -> tuple[RoomObjective, ...]:
    """The objectives in order; selected_only: the selected ones (all if none is selected)."""
    rows = session.execute(
        select(Objective.id, Objective.title, Objective.selected)
        .where(Objective.workshop_id == workshop_id)
        .order_by(Objective.position, Objective.id)
    ).all()
    if selected_only and any(selected for _id, _title, selected in rows):
        rows = [row for row in rows if row.selected]
    key_results: dict[int, list[str]] = {objective_id: [] for objective_id, _t, _s in rows}
    for objective_id, kr_title in session.execute(
        select(KeyResult.objective_id, KeyResult.title)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(Objective.workshop_id == workshop_id)
        .order_by(KeyResult.objective_id, KeyResult.position, KeyResult.id)
    ):
        if objective_id in key_results:
            key_results[objective_id].append(kr_title)
    return tuple(
        RoomObjective(objective_id, title, tuple(key_results[objective_id]))
        for objective_id, title, _selected in rows
    )


def _signoff(session: Session, workshop_id: int, locked: bool) -> SignoffStatus:
    if locked:
        return SignoffStatus.APPROVED
    latest = session.scalar(
        select(SignOff.decision)
        .where(SignOff.workshop_id == workshop_id)
        .order_by(SignOff.round.desc(), SignOff.id.desc())
        .limit(1)
    )
    return SignoffStatus.RETURNED if latest == Decision.RETURN else SignoffStatus.PENDING


def _vote(session: Session, view: RoomView) -> RoomView:
    """Before any round: the candidates; a round under way: the ballots; revealed: the result."""
    state = vote_state(session, view.workshop_id)
    current = None if state is None else state.round
    if current is None:
        return replace(view, objectives=_objectives(session, view.workshop_id))
    if current.revealed and state is not None and state.result is not None:
        return replace(view, shows=RoomShows.RESULT, result=_result(state.result))
    return replace(view, shows=RoomShows.BALLOTS, ballots=_ballots(current))


def _ballots(current: RoundState) -> RoomBallots:
    progress = current.ballots
    return RoomBallots(
        round_number=current.number,
        runoff=current.kind == RoundKind.RUNOFF,
        open=current.open,
        ballots_in=progress.cast,
        ballots_expected=progress.expected,
        not_voted=progress.missing if current.open else (),
    )


def _result(result: VoteResult) -> RoomResult:
    shown = result.latest
    decision = result.decision
    return RoomResult(
        round_number=shown.number,
        runoff=shown.kind == RoundKind.RUNOFF,
        seats=shown.seats,
        standings=tuple(
            RoomStanding(row.objective_id, row.title, row.rank, row.dots, row.status)
            for row in shown.rows
        ),
        cutoff=shown.cutoff,
        tie=result.tie,
        decision=None
        if decision is None
        else RoomDecision(decision.chosen_titles, decision.passed_over_titles, decision.reason),
    )


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
    RoomShows.CARDS: frozenset({Aspect.IDEAS, Aspect.PARTICIPANTS}),
    # Opening the vote turns the candidates into ballots (ROUNDS); sign-off shows its status.
    RoomShows.OBJECTIVES: frozenset(
        {Aspect.OBJECTIVES, Aspect.KEY_RESULTS, Aspect.ROUNDS, Aspect.SIGNOFF}
    ),
    # Dots are never seen before the reveal: only ballots handed in count.
    RoomShows.BALLOTS: frozenset({Aspect.ROUNDS, Aspect.BALLOTS, Aspect.PARTICIPANTS}),
    RoomShows.RESULT: frozenset(
        {Aspect.ROUNDS, Aspect.DOTS, Aspect.TIE_DECISION, Aspect.OBJECTIVES}
    ),
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
        timer = _timer(session, view.workshop_id, view.phase, now)
        newest = max((card.id for card in cards), default=None)
        return replace(view, cards=cards, newest_card_id=newest, timer=timer)
    ballots = _patched_ballots(session, view, change)
    if ballots is not None:
        timer = _timer(session, view.workshop_id, view.phase, now)
        return replace(view, ballots=ballots, timer=timer)
    patched = _patched_objectives(session, view, change)
    if patched is None:
        return room_view(session, view.workshop_id, now, presented)
    return replace(
        view, objectives=patched, timer=_timer(session, view.workshop_id, view.phase, now)
    )


def _patched_cards(session: Session, view: RoomView, change: Change) -> tuple[RoomCard, ...] | None:
    """Cards added, edited, merged or removed: those cards read again, the others kept."""
    if view.shows != RoomShows.CARDS or not change.aspects <= {Aspect.IDEAS}:
        return None
    touched = change.ids(Aspect.IDEAS)
    anonymous = session.scalar(select(Workshop.anonymous).where(Workshop.id == view.workshop_id))
    rows = session.execute(
        select(Idea.id, Idea.text, Participant.name)
        .outerjoin(Participant, Participant.id == Idea.author_id)
        .where(
            Idea.id.in_(touched),
            Idea.workshop_id == view.workshop_id,
            Idea.merged_into_id.is_(None),
        )
    )
    fresh = {
        card_id: RoomCard(card_id, text, None if anonymous else author)
        for card_id, text, author in rows
    }
    kept = tuple(card for card in view.cards if card.id not in touched)
    added = tuple(sorted(fresh.values(), key=lambda card: card.id))
    if not added or not kept or added[0].id > kept[-1].id:
        return kept + added  # new cards at the end, the usual case
    # The wall lists cards by id, as room_view does.
    return tuple(sorted(kept + added, key=lambda card: card.id))


def _patched_ballots(session: Session, view: RoomView, change: Change) -> RoomBallots | None:
    """A ballot handed in or taken back (or a dot, unseen): the round's count read again."""
    ballots = view.ballots
    if ballots is None or not change.aspects <= {Aspect.BALLOTS, Aspect.DOTS}:
        return None
    current = session.scalar(
        select(VoteRound).where(
            VoteRound.workshop_id == view.workshop_id, VoteRound.number == ballots.round_number
        )
    )
    if current is None:
        return None
    progress = ballot_progress(session, current)
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
