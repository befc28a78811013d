"""What the room may see of a workshop, read from the plan: never a ballot, no tally early."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.phases import light_form
from okrdesk.engine.queries import (
    ballot_progress,
    latest_round,
    round_candidates,
    round_tally,
    signoff_state,
)
from okrdesk.engine.voting import rank
from okrdesk.models import Idea, Objective, Participant, Phase, RoundKind, RoundStatus, Workshop


@dataclass(frozen=True)
class RoomCard:
    text: str
    author: str | None


@dataclass(frozen=True)
class RoomObjective:
    title: str
    key_results: tuple[str, ...]


@dataclass(frozen=True)
class RoomStanding:
    title: str
    dots: int
    status: str  # "in", "tied" or "out"


@dataclass(frozen=True)
class RoomView:
    """Everything the projector shows for one workshop, and nothing more."""

    title: str
    phase: Phase
    cards: tuple[RoomCard, ...] = ()
    objectives: tuple[RoomObjective, ...] = ()
    ballots_in: int = 0
    ballots_expected: int = 0
    not_voted: tuple[str, ...] = ()
    voting_open: bool = False
    runoff: bool = False
    # Only once the tally is revealed: the ranking, where the cut-off falls, any tie.
    standings: tuple[RoomStanding, ...] | None = None
    cutoff: int = 0
    tie: bool = False
    signoff_status: str | None = None
    # At sign-off the OKRs may be presented one objective at a time: its place in objectives.
    focus: int | None = None
    light: bool = False  # a person's OKRs: phases and statuses named for the 1:1


def room_view(session: Session, workshop_id: int, presented: int | None = None) -> RoomView | None:
    """The room's view of the workshop; presented: the objective shown alone at sign-off."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        return None
    phase = workshop.phase
    view: dict[str, object] = {
        "title": workshop.title,
        "phase": phase,
        # Only these phases are named differently for a person's OKRs (saves a query
        # on every ballot during the vote).
        "light": phase in (Phase.GROUP, Phase.SIGNOFF, Phase.EXPORT)
        and light_form(workshop.unit.level),
    }
    if phase == Phase.BRAINSTORM:
        rows = session.execute(
            select(Idea.text, Participant.name)
            .outerjoin(Participant, Participant.id == Idea.author_id)
            .where(Idea.workshop_id == workshop.id, Idea.merged_into_id.is_(None))
            .order_by(Idea.id)
        )
        view["cards"] = tuple(
            RoomCard(text, None if workshop.anonymous else author) for text, author in rows
        )

    def objectives() -> list[Objective]:
        return list(
            session.scalars(
                select(Objective)
                .where(Objective.workshop_id == workshop.id)
                .order_by(Objective.position)
            )
        )

    if phase == Phase.GROUP:
        view["objectives"] = tuple(_objective(o) for o in objectives())
    if phase in (Phase.SELECT, Phase.SIGNOFF, Phase.EXPORT):
        listed = objectives()
        chosen = [o for o in listed if o.selected] or listed
        view["objectives"] = tuple(_objective(o) for o in chosen)
        ids = [o.id for o in chosen]
        if phase == Phase.SIGNOFF and presented in ids:
            view["focus"] = ids.index(presented)
        state = signoff_state(workshop)
        view["signoff_status"] = state.status if phase != Phase.SELECT else None
    if phase == Phase.VOTE:
        current = latest_round(session, workshop.id)
        if current is None:
            view["objectives"] = tuple(_objective(o) for o in objectives())
        else:
            progress = ballot_progress(session, current)
            view["ballots_in"] = progress.cast
            view["ballots_expected"] = progress.expected
            view["voting_open"] = current.status == RoundStatus.OPEN
            view["runoff"] = current.kind == RoundKind.RUNOFF
            if current.status == RoundStatus.OPEN:
                view["not_voted"] = progress.missing
            if current.revealed:
                candidates = round_candidates(session, current)
                seats = (
                    current.seats if current.kind == RoundKind.RUNOFF else workshop.selection_size
                )
                ranking = rank(round_tally(session, current.id), candidates, seats)
                titles = dict(
                    session.execute(
                        select(Objective.id, Objective.title).where(Objective.id.in_(candidates))
                    ).all()
                )
                view["standings"] = tuple(
                    RoomStanding(titles.get(s.item, "?"), s.dots, s.status)
                    for s in ranking.standings
                )
                view["cutoff"] = len(ranking.selected) + (
                    ranking.open_seats if ranking.has_tie else 0
                )
                view["tie"] = ranking.has_tie
    return RoomView(**view)  # type: ignore[arg-type]


def _objective(objective: Objective) -> RoomObjective:
    return RoomObjective(objective.title, tuple(kr.title for kr in objective.key_results))
