"""The room view: everything the projector shows of a workshop, per phase, as plain data.

The projector paints it; the phones will render the same object through the room server
(which has no Qt), so it is complete (nothing more to read), frozen, and JSON-friendly:
str, int, float, bool, None, tuples and StrEnums only (``dataclasses.asdict`` then
``json.dumps`` gives the whole of it). Nothing the room may not see is in it: no one's
ballot, no dot count before the reveal, no author on an anonymous wall.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from okrdesk.engine.phases import light_form
from okrdesk.engine.room_meeting import (
    RoomAgendaItem,
    RoomApproval,
    RoomClosing,
    RoomQuestion,
    RoomWelcome,
    room_approval,
    room_closing,
    room_welcome,
)
from okrdesk.engine.vote_result import RoundState, SeatStatus, TieState, VoteResult, vote_state
from okrdesk.models import (
    CarriedCard,
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
    RunoffCandidate,
    SignOff,
    SignoffStatus,
    VoteRound,
    Workshop,
)

__all__ = [
    "RoomAgendaItem",
    "RoomApproval",
    "RoomBallots",
    "RoomCard",
    "RoomClosing",
    "RoomDecision",
    "RoomObjective",
    "RoomQuestion",
    "RoomResult",
    "RoomShows",
    "RoomStanding",
    "RoomTimer",
    "RoomView",
    "RoomWelcome",
    "SeatStatus",
    "SignoffStatus",
    "TieState",
    "room_result",
    "room_timer",
    "room_view",
]


class RoomShows(StrEnum):
    """What fills the screen below the title: one picture a moment of the meeting."""

    WELCOME = "welcome"  # setup: who meets, when, the agenda, the question the room answers
    CARDS = "cards"  # the brainstorm wall
    OBJECTIVES = "objectives"  # objectives with their key results
    BALLOTS = "ballots"  # a vote under way: ballots in, who has not voted
    RESULT = "result"  # a revealed round: ranks, dots, the cut-off, the tie's outcome
    APPROVED = "approved"  # sign-off: the approval confirmed (signer, time, signature)
    CLOSING = "closing"  # export: what was agreed, and the next steps


@dataclass(frozen=True)
class RoomCard:
    """An idea on the wall; its author only when the wall is not anonymous."""

    id: int
    text: str
    author: str | None
    carried: bool = False  # carried over from the unit's last cycle (the wall marks it)


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
    """The round the room looks at once revealed, from VoteResult: the round that tied while a
    tie is open, else the main vote with each seat as it ended."""

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
    welcome: RoomWelcome | None = None  # setup
    approval: RoomApproval | None = None  # sign-off and export, once approved
    closing: RoomClosing | None = None  # export


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
        timer=room_timer(session, workshop_id, phase, now),
    )
    if phase == Phase.BRAINSTORM:
        cards = _cards(session, workshop_id, anonymous)
        newest = max((card.id for card in cards), default=None)
        return replace(view, shows=RoomShows.CARDS, cards=cards, newest_card_id=newest)
    if phase == Phase.SETUP:
        return replace(
            view, shows=RoomShows.WELCOME, welcome=room_welcome(session, workshop_id, now)
        )
    if phase == Phase.GROUP:
        return replace(view, objectives=_objectives(session, workshop_id))
    if phase == Phase.VOTE:
        return _vote(session, view)
    objectives = _objectives(session, workshop_id, selected_only=True)
    focus = None
    if phase == Phase.SIGNOFF and presented is not None:
        focus = next((n for n, o in enumerate(objectives) if o.id == presented), None)
    signoff = None if phase == Phase.SELECT else _signoff(session, workshop_id, locked)
    view = replace(view, objectives=objectives, signoff=signoff, focus=focus)
    approval = room_approval(session, workshop_id) if locked else None
    if phase == Phase.EXPORT:
        closing = room_closing(session, workshop_id, now, approval)
        return replace(view, shows=RoomShows.CLOSING, approval=approval, closing=closing)
    if phase == Phase.SIGNOFF and approval is not None and focus is None:
        return replace(view, shows=RoomShows.APPROVED, approval=approval)
    return view


_PLANNED = select(PhasePlan.planned_minutes).where(
    PhasePlan.workshop_id == bindparam("workshop"), PhasePlan.phase == bindparam("phase")
)
_VISITS = select(PhaseVisit.started_at, PhaseVisit.ended_at).where(
    PhaseVisit.workshop_id == bindparam("workshop"), PhaseVisit.phase == bindparam("phase")
)


def room_timer(session: Session, workshop_id: int, phase: Phase, now: datetime) -> RoomTimer:
    """The phase's timebox and the minutes the room has spent in it by ``now``."""
    # Plain columns through the connection, statements built once: read on every change.
    connection = session.connection()
    params = {"workshop": workshop_id, "phase": phase}
    planned = connection.scalar(_PLANNED, params)
    visits = connection.execute(_VISITS, params).all()
    seconds = sum(max(0.0, ((end or now) - start).total_seconds()) for start, end in visits)
    running = any(end is None for _start, end in visits)
    return RoomTimer(planned, seconds / 60, running)


def _cards(session: Session, workshop_id: int, anonymous: bool) -> tuple[RoomCard, ...]:
    rows = session.execute(
        select(Idea.id, Idea.text, Participant.name, CarriedCard.id)
        .outerjoin(Participant, Participant.id == Idea.author_id)
        .outerjoin(CarriedCard, CarriedCard.idea_id == Idea.id)
        .where(Idea.workshop_id == workshop_id, Idea.merged_into_id.is_(None))
        .order_by(Idea.id)
    )
    return tuple(
        RoomCard(card_id, text, None if anonymous else author, carried is not None)
        for card_id, text, author, carried in rows
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


def room_result(session: Session, workshop_id: int) -> RoomResult | None:
    """The vote's result as the room saw it revealed (None until a round is revealed): what
    the phones keep showing after the vote."""
    state = vote_state(session, workshop_id)
    current = None if state is None else state.round
    if current is None or not current.revealed or state is None or state.result is None:
        return None
    return _result(state.result)


def _vote(session: Session, view: RoomView) -> RoomView:
    """Before any round: the candidates; a round under way: the ballots; revealed: the result."""
    state = vote_state(session, view.workshop_id)
    current = None if state is None else state.round
    if current is None:
        return replace(view, objectives=_objectives(session, view.workshop_id))
    if current.revealed and state is not None and state.result is not None:
        return replace(view, shows=RoomShows.RESULT, result=_result(state.result))
    # The room votes on what it can read: the candidates stay in view (never their dots).
    candidates = _objectives(session, view.workshop_id)
    if current.kind == RoundKind.RUNOFF:
        on_ballot = set(
            session.scalars(
                select(RunoffCandidate.objective_id)
                .join(VoteRound, VoteRound.id == RunoffCandidate.round_id)
                .where(
                    VoteRound.workshop_id == view.workshop_id,
                    VoteRound.number == current.number,
                )
            )
        )
        candidates = tuple(o for o in candidates if o.id in on_ballot)
    return replace(view, shows=RoomShows.BALLOTS, ballots=_ballots(current), objectives=candidates)


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
    # While a tie is open the room looks at the round that tied; once settled (by a run-off
    # or a decision), at the main vote with every seat as it ended, as the vote page shows.
    shown = result.latest if result.tie.open else result.main
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
