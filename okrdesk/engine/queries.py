"""Read-only questions about a workshop that rules, views and exports all ask."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BindParameter, and_, bindparam, func, select
from sqlalchemy.orm import Session

from okrdesk.engine.voting import RoundResult, Settlement, settle
from okrdesk.models import (
    AuditEvent,
    AuditKind,
    Ballot,
    Decision,
    Dot,
    Objective,
    PaperTally,
    Participant,
    Phase,
    RoundKind,
    RoundStatus,
    RunoffCandidate,
    SignOff,
    SignoffStatus,
    TieDecision,
    TieDecisionChoice,
    VoteRound,
    Workshop,
)


def latest_round(session: Session, workshop_id: int) -> VoteRound | None:
    """The workshop's newest vote round, open or closed."""
    return session.scalar(
        select(VoteRound)
        .where(VoteRound.workshop_id == workshop_id)
        .order_by(VoteRound.number.desc())
        .limit(1)
    )


def open_round(session: Session, workshop_id: int) -> VoteRound | None:
    """The round that is taking dots now, if any."""
    current = latest_round(session, workshop_id)
    return current if current is not None and current.status == RoundStatus.OPEN else None


def main_round(session: Session, workshop_id: int) -> VoteRound | None:
    return session.scalar(
        select(VoteRound).where(
            VoteRound.workshop_id == workshop_id, VoteRound.kind == RoundKind.MAIN
        )
    )


def round_candidates(session: Session, vote_round: VoteRound) -> list[int]:
    """The objectives on the round's ballot, in the workshop's order."""
    query = select(Objective.id).where(Objective.workshop_id == vote_round.workshop_id)
    if vote_round.kind == RoundKind.RUNOFF:
        query = query.where(Objective.id.in_([c.objective_id for c in vote_round.candidates]))
    return list(session.scalars(query.order_by(Objective.position, Objective.id)))


def round_tally(session: Session, round_id: int) -> dict[int, int]:
    """Dots per objective in a round, ballots and paper counts together (no dots: absent)."""
    tally: dict[int, int] = {}
    rows = session.execute(
        select(Dot.objective_id, func.sum(Dot.count))
        .where(Dot.round_id == round_id)
        .group_by(Dot.objective_id)
    )
    for objective_id, total in rows:
        tally[objective_id] = int(total)
    paper = session.execute(
        select(PaperTally.objective_id, PaperTally.count).where(PaperTally.round_id == round_id)
    )
    for objective_id, count in paper:
        tally[objective_id] = tally.get(objective_id, 0) + int(count)
    return tally


def voters(session: Session, round_id: int) -> set[int]:
    """Participants whose ballot is in (confirmed) for the round."""
    return set(session.scalars(select(Ballot.participant_id).where(Ballot.round_id == round_id)))


@dataclass(frozen=True)
class BallotProgress:
    """What the room may see during a vote: how many ballots are in, and who is missing."""

    cast: int
    expected: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Voter:
    """A participant of the workshop and whether their ballot is in for a round."""

    participant_id: int
    name: str
    voted: bool


# Plain rows through the session's connection, statements built once: these run on every
# ballot handed in while the room watches (the ORM's execute would cost more than the read).
_PEOPLE_VOTED = (
    select(Participant.id, Participant.name, Ballot.id.is_not(None))
    .outerjoin(
        Ballot,
        and_(Ballot.participant_id == Participant.id, Ballot.round_id == bindparam("round")),
    )
    .where(Participant.workshop_id == bindparam("workshop"))
    .order_by(Participant.position, Participant.id)
)
_ROUND_COLUMNS = (VoteRound.id, VoteRound.number, VoteRound.kind, VoteRound.status)
_NEWEST_ROUND = (
    select(*_ROUND_COLUMNS)
    .where(VoteRound.workshop_id == bindparam("workshop"))
    .order_by(VoteRound.number.desc())
    .limit(1)
)
_ROUND_NUMBERED = select(*_ROUND_COLUMNS).where(
    VoteRound.workshop_id == bindparam("workshop"), VoteRound.number == bindparam("number")
)


@dataclass(frozen=True)
class RoundBallots:
    """A round (the newest, or one by its number) and who of the workshop has voted in it."""

    round_id: int
    number: int
    kind: RoundKind
    open: bool
    people: tuple[Voter, ...]  # in the workshop's order

    @property
    def progress(self) -> BallotProgress:
        return _progress(self.people)


def round_ballots(
    session: Session, workshop_id: int, number: int | None = None
) -> RoundBallots | None:
    """The workshop's newest round (or the round with this number) and who has voted in it,
    in two queries; None without such a round."""
    connection = session.connection()
    if number is None:
        found = connection.execute(_NEWEST_ROUND, {"workshop": workshop_id}).first()
    else:
        found = connection.execute(
            _ROUND_NUMBERED, {"workshop": workshop_id, "number": number}
        ).first()
    if found is None:
        return None
    round_id, number, kind, status = found
    people = round_voters(session, workshop_id, round_id)
    return RoundBallots(round_id, number, kind, status == RoundStatus.OPEN, people)


def round_voters(session: Session, workshop_id: int, round_id: int | None) -> tuple[Voter, ...]:
    """The workshop's participants in order, each with whether their ballot is in for the
    round (None: no round yet, nobody has voted)."""
    rows = session.connection().execute(_PEOPLE_VOTED, {"workshop": workshop_id, "round": round_id})
    return tuple(Voter(pid, name, bool(voted)) for pid, name, voted in rows)


def ballot_progress(session: Session, vote_round: VoteRound) -> BallotProgress:
    return round_progress(session, vote_round.workshop_id, vote_round.id)


def round_progress(session: Session, workshop_id: int, round_id: int) -> BallotProgress:
    """How many of the workshop's participants have handed a ballot in for the round, and
    who has not."""
    return _progress(round_voters(session, workshop_id, round_id))


def _progress(people: tuple[Voter, ...]) -> BallotProgress:
    missing = tuple(person.name for person in people if not person.voted)
    return BallotProgress(len(people) - len(missing), len(people), missing)


@dataclass(frozen=True)
class DecisionRecord:
    """The facilitator's recorded decision on a round's tie: why, by whom, when."""

    reason: str
    decided_by: str | None
    decided_at: datetime


@dataclass(frozen=True)
class RoundRecord:
    """One vote round as the rules see it, read as plain values."""

    round_id: int
    number: int
    kind: RoundKind
    seats: int
    closed: bool
    result: RoundResult  # dots only once revealed (a hidden tally is never read)
    decision: DecisionRecord | None


@dataclass(frozen=True)
class VoteRecord:
    """Everything a workshop's vote says so far, read in a fixed number of queries."""

    workshop_id: int
    selection_size: int
    rounds: tuple[RoundRecord, ...]  # by number
    titles: dict[int, str]  # objective id -> title, for the workshop's objectives

    @property
    def main(self) -> RoundRecord | None:
        return next((r for r in self.rounds if r.kind == RoundKind.MAIN), None)

    @property
    def runoffs(self) -> tuple[RoundRecord, ...]:
        return tuple(r for r in self.rounds if r.kind == RoundKind.RUNOFF)


# A workshop's vote as plain rows, statements built once (the pages, the projector and the
# rules read it on every change to the vote): joined through the workshop's rounds, so each
# is one statement whatever the number of rounds.
_WORKSHOP: BindParameter[int] = bindparam("workshop")
_SELECTION_SIZE = select(Workshop.selection_size).where(Workshop.id == _WORKSHOP)
_ROUNDS = (
    select(
        VoteRound.id,
        VoteRound.number,
        VoteRound.kind,
        VoteRound.seats,
        VoteRound.status,
        VoteRound.revealed,
        TieDecision.id,
        TieDecision.reason,
        TieDecision.decided_by,
        TieDecision.decided_at,
    )
    .outerjoin(TieDecision, TieDecision.round_id == VoteRound.id)
    .where(VoteRound.workshop_id == _WORKSHOP)
    .order_by(VoteRound.number)
)
_RUNOFF_CANDIDATES = (
    select(RunoffCandidate.round_id, RunoffCandidate.objective_id)
    .join(VoteRound, VoteRound.id == RunoffCandidate.round_id)
    .where(VoteRound.workshop_id == _WORKSHOP)
)
_CHOSEN = (
    select(TieDecision.round_id, TieDecisionChoice.objective_id)
    .join(TieDecision, TieDecision.id == TieDecisionChoice.decision_id)
    .join(VoteRound, VoteRound.id == TieDecision.round_id)
    .where(VoteRound.workshop_id == _WORKSHOP)
)
_TITLES = (
    select(Objective.id, Objective.title)
    .where(Objective.workshop_id == _WORKSHOP)
    .order_by(Objective.position, Objective.id)
)
_REVEALED = and_(VoteRound.workshop_id == _WORKSHOP, VoteRound.revealed.is_(True))
_DOT_TALLIES = (
    select(Dot.round_id, Dot.objective_id, func.sum(Dot.count))
    .join(VoteRound, VoteRound.id == Dot.round_id)
    .where(_REVEALED)
    .group_by(Dot.round_id, Dot.objective_id)
)
_PAPER_TALLIES = (
    select(PaperTally.round_id, PaperTally.objective_id, PaperTally.count)
    .join(VoteRound, VoteRound.id == PaperTally.round_id)
    .where(_REVEALED)
)


def vote_record(session: Session, workshop_id: int) -> VoteRecord | None:
    """The workshop's rounds, their candidates, revealed tallies and decisions; None if none.

    Plain rows through the session's connection: two statements before a vote opens, three
    while it runs, more only for what there is (run-offs, decisions, a revealed tally)."""
    session.flush()  # inside an operation: what it has changed so far (as autoflush would)
    connection = session.connection()
    params = {"workshop": workshop_id}
    selection_size = connection.scalar(_SELECTION_SIZE, params)
    if selection_size is None:
        return None
    rounds = connection.execute(_ROUNDS, params).all()
    titles: dict[int, str] = {}
    if rounds:
        titles = dict(connection.execute(_TITLES, params).all())
    order = tuple(titles)  # the workshop's order (the rows came in it)
    on_ballot: dict[int, set[int]] = {}
    if any(row.kind == RoundKind.RUNOFF for row in rounds):
        for round_id, objective_id in connection.execute(_RUNOFF_CANDIDATES, params):
            on_ballot.setdefault(round_id, set()).add(objective_id)
    chosen: dict[int, list[int]] = {}
    if any(row[6] is not None for row in rounds):  # a decision
        for round_id, objective_id in connection.execute(_CHOSEN, params):
            chosen.setdefault(round_id, []).append(objective_id)
    tallies: dict[int, dict[int, int]] = {}
    if any(row.revealed for row in rounds):
        for query in (_DOT_TALLIES, _PAPER_TALLIES):
            for round_id, objective_id, count in connection.execute(query, params):
                tally = tallies.setdefault(round_id, {})
                tally[objective_id] = tally.get(objective_id, 0) + int(count)
    records = []
    for (
        round_id,
        number,
        kind,
        seats,
        status,
        revealed,
        decision_id,
        reason,
        decided_by,
        decided_at,
    ) in rounds:
        listed = on_ballot.get(round_id, set())
        candidates = tuple(i for i in order if i in listed) if kind == RoundKind.RUNOFF else order
        decided = decision_id is not None
        records.append(
            RoundRecord(
                round_id=round_id,
                number=number,
                kind=kind,
                seats=seats,
                closed=status == RoundStatus.CLOSED,
                result=RoundResult(
                    round_id=round_id,
                    candidates=candidates,
                    dots=tallies.get(round_id, {}),
                    revealed=revealed,
                    decision=tuple(chosen.get(round_id, ())) if decided else None,
                ),
                decision=DecisionRecord(reason, decided_by, decided_at) if decided else None,
            )
        )
    return VoteRecord(workshop_id, selection_size, tuple(records), titles)


def round_tallies(session: Session, round_ids: list[int]) -> dict[int, dict[int, int]]:
    """Dots per objective for each of the rounds (ballots and paper together), two queries."""
    tallies: dict[int, dict[int, int]] = {}
    if not round_ids:
        return tallies
    dots = session.execute(
        select(Dot.round_id, Dot.objective_id, func.sum(Dot.count))
        .where(Dot.round_id.in_(round_ids))
        .group_by(Dot.round_id, Dot.objective_id)
    )
    paper = session.execute(
        select(PaperTally.round_id, PaperTally.objective_id, PaperTally.count).where(
            PaperTally.round_id.in_(round_ids)
        )
    )
    for rows in (dots, paper):
        for round_id, objective_id, count in rows:
            tally = tallies.setdefault(round_id, {})
            tally[objective_id] = tally.get(objective_id, 0) + int(count)
    return tallies


def settlement(session: Session, workshop: Workshop) -> Settlement | None:
    """Who the vote selected, or which tie is open; None until the main vote is revealed."""
    record = vote_record(session, workshop.id)
    main = None if record is None else record.main
    if record is None or main is None or not main.result.revealed:
        return None
    runoffs = [r.result for r in record.runoffs if r.closed]
    return settle(main.result, runoffs, record.selection_size)


@dataclass(frozen=True)
class SignoffState:
    status: SignoffStatus
    latest: SignOff | None
    rounds: int


def signoff_state(workshop: Workshop) -> SignoffState:
    """Where the workshop stands with its signer."""
    decisions = list(workshop.signoffs)
    latest = decisions[-1] if decisions else None
    if workshop.locked:
        status = SignoffStatus.APPROVED
    elif latest is not None and latest.decision == Decision.RETURN:
        status = SignoffStatus.RETURNED
    else:
        status = SignoffStatus.PENDING
    return SignoffState(status, latest, len(decisions))


@dataclass(frozen=True)
class PhaseTime:
    """A phase's timebox on the agenda and the time the room really spent in it."""

    phase: Phase
    planned_minutes: int | None
    actual_minutes: float


def phase_times(workshop: Workshop, now: datetime) -> list[PhaseTime]:
    """Planned against actual minutes for every phase (a running phase counts up to now)."""
    planned = {plan.phase: plan.planned_minutes for plan in workshop.phase_plans}
    actual = dict.fromkeys(Phase, 0.0)
    for visit in workshop.phase_visits:
        end = visit.ended_at or now
        actual[visit.phase] += max(0.0, (end - visit.started_at).total_seconds() / 60)
    return [PhaseTime(phase, planned.get(phase), actual[phase]) for phase in Phase]


@dataclass(frozen=True)
class Reopening:
    """Approved OKRs unlocked again, with the reason given."""

    at: datetime
    reason: str
    by: str | None


def reopenings(session: Session, workshop_id: int) -> list[Reopening]:
    """Every reopening that stands, read from the audit log (undo and redo accounted for)."""
    return reopenings_by_workshop(session, (workshop_id,)).get(workshop_id, [])


def reopenings_by_workshop(
    session: Session, workshop_ids: Collection[int] | None = None
) -> dict[int, list[Reopening]]:
    """The standing reopenings of each of the workshops (None: every workshop), one query."""
    query = select(AuditEvent).where(
        AuditEvent.kind.in_((AuditKind.REOPENED, AuditKind.UNDO, AuditKind.REDO))
    )
    if workshop_ids is not None:
        query = query.where(AuditEvent.workshop_id.in_(workshop_ids))
    standing: dict[int, list[tuple[Reopening, bool]]] = {}  # (reopening, still in effect)
    for event in session.scalars(query.order_by(AuditEvent.id)):
        if event.workshop_id is None:
            continue
        detail = json.loads(event.detail or "{}")
        own = standing.setdefault(event.workshop_id, [])
        if event.kind == AuditKind.REOPENED:
            own.append((Reopening(event.at, detail.get("reason", ""), detail.get("by")), True))
        elif detail.get("label") == "op.reopen":
            wanted = event.kind == AuditKind.REDO  # a redo brings back the latest undone one
            for index in range(len(own) - 1, -1, -1):
                if own[index][1] != wanted:
                    own[index] = (own[index][0], wanted)
                    break
    return {
        workshop_id: [reopening for reopening, active in own if active]
        for workshop_id, own in standing.items()
    }
