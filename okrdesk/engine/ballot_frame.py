"""A phone's ballot in two parts: the frame every phone shares, and one person's marks on it.

While the vote runs, two hundred phones read their ballots after every dot they place. What
is on the ballot (the round, its budget and cap, the candidates with their key results)
changes only when the round or the candidates do, never with a dot or a ballot handed in;
what is the person's own (their dots, whether their ballot is in) is two small reads. The
room server keeps the frame until a change can alter it and reads only the marks per phone;
``phones.phone_ballot`` joins the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.queries import latest_round, round_candidates
from okrdesk.engine.room_view import RoomResult, room_view
from okrdesk.engine.vote_ops import round_limits
from okrdesk.errors import RuleError
from okrdesk.models import (
    Ballot,
    Dot,
    KeyResult,
    Objective,
    Phase,
    RoundKind,
    RoundStatus,
    Workshop,
)

__all__ = [
    "FRAME_KEEPS_THROUGH",
    "NO_MARKS",
    "BallotFrame",
    "FrameCandidate",
    "PersonMarks",
    "ballot_frame",
    "frame_outlives",
    "person_marks",
]

# What a change may touch and leave every ballot's frame as it was: dots and paper counts,
# ballots handed in or taken back, phones joining or released.
FRAME_KEEPS_THROUGH = frozenset({Aspect.DOTS, Aspect.BALLOTS, Aspect.PHONES})


@dataclass(frozen=True)
class FrameCandidate:
    """A candidate as every ballot shows it."""

    objective_id: int
    title: str
    key_results: tuple[str, ...]


@dataclass(frozen=True)
class BallotFrame:
    """What every phone's ballot shows alike at one moment of the workshop."""

    phase: Phase
    round_id: int | None  # the newest round while the workshop votes; None otherwise
    round_number: int | None
    runoff: bool
    voting: bool  # the round takes ballots now
    budget: int
    cap: int
    candidates: tuple[FrameCandidate, ...]
    result: RoomResult | None  # the newest round, once revealed, as the room sees it

    @property
    def accepting(self) -> bool:
        """Whether the round takes dots from a person whose ballot is not yet in."""
        return self.voting and self.phase == Phase.VOTE


@dataclass(frozen=True)
class PersonMarks:
    """One person's part of the newest round: their dots and whether their ballot is in."""

    handed_in: bool
    dots: tuple[tuple[int, int], ...]  # (objective id, dots), in no particular order

    def on(self, objective_id: int) -> int:
        return next((count for oid, count in self.dots if oid == objective_id), 0)

    @property
    def placed(self) -> int:
        return sum(count for _oid, count in self.dots)


NO_MARKS: PersonMarks = PersonMarks(handed_in=False, dots=())


def frame_outlives(change: Change) -> bool:
    """Whether every ballot frame kept before this change still holds after it."""
    return change.aspects <= FRAME_KEEPS_THROUGH


def ballot_frame(session: Session, workshop_id: int, now: datetime) -> BallotFrame:
    """The frame of the workshop's ballots now; refused for a workshop that is not there."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise RuleError("rule.room_token_unknown")
    current = latest_round(session, workshop_id) if workshop.phase == Phase.VOTE else None
    if current is None:
        return BallotFrame(workshop.phase, None, None, False, False, 0, 0, (), None)
    runoff = current.kind == RoundKind.RUNOFF
    if current.revealed:
        view = room_view(session, workshop_id, now)
        result = None if view is None else view.result
        if result is None:
            return BallotFrame(workshop.phase, None, None, False, False, 0, 0, (), None)
        return BallotFrame(
            workshop.phase, None, result.round_number, result.runoff, False, 0, 0, (), result
        )
    limits = round_limits(workshop, current)
    candidates = round_candidates(session, current)
    titles: dict[int, str] = {
        oid: title
        for oid, title in session.execute(
            select(Objective.id, Objective.title).where(Objective.id.in_(candidates))
        )
    }
    key_results: dict[int, list[str]] = {}
    for objective_id, title in session.execute(
        select(KeyResult.objective_id, KeyResult.title)
        .where(KeyResult.objective_id.in_(candidates))
        .order_by(KeyResult.objective_id, KeyResult.position, KeyResult.id)
    ):
        key_results.setdefault(objective_id, []).append(title)
    return BallotFrame(
        phase=workshop.phase,
        round_id=current.id,
        round_number=current.number,
        runoff=runoff,
        voting=current.status == RoundStatus.OPEN,
        budget=limits.budget,
        cap=limits.cap,
        candidates=tuple(
            FrameCandidate(oid, titles.get(oid, "?"), tuple(key_results.get(oid, ())))
            for oid in candidates
        ),
        result=None,
    )


def person_marks(session: Session, round_id: int | None, participant_id: int) -> PersonMarks:
    """The person's dots in the round and whether their ballot is in (nothing without a round)."""
    if round_id is None:
        return NO_MARKS
    handed_in = (
        session.scalar(
            select(Ballot.id).where(
                Ballot.round_id == round_id, Ballot.participant_id == participant_id
            )
        )
        is not None
    )
    dots = session.execute(
        select(Dot.objective_id, Dot.count).where(
            Dot.round_id == round_id, Dot.participant_id == participant_id
        )
    )
    return PersonMarks(handed_in, tuple((oid, count) for oid, count in dots))
