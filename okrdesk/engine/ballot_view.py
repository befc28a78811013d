"""The ballot booth's views: who is voting, one person's ballot, and the paper tally.

The limits a ballot shows (budget, cap, dots left, what a run-off allows) are the ones the
vote operations enforce: both come from ``voting.ballot_limits`` and ``voting.dot_refusal``,
so the booth never offers a dot the engine refuses, nor hides one it would take.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.queries import (
    RoundBallots,
    latest_round,
    round_ballots,
    round_candidates,
    round_voters,
)
from okrdesk.engine.vote_ops import round_limits
from okrdesk.engine.voting import dot_refusal
from okrdesk.models import (
    Ballot,
    Dot,
    KeyResult,
    Objective,
    PaperTally,
    Participant,
    Phase,
    RoundKind,
    RoundStatus,
    Workshop,
)

__all__ = [
    "BallotLine",
    "BallotView",
    "BoothPerson",
    "BoothView",
    "PaperTallyRow",
    "PaperTallyView",
    "ballot_view",
    "booth_of",
    "booth_view",
    "paper_tally_view",
]


@dataclass(frozen=True)
class BoothPerson:
    """A name in the booth's list: whether their ballot is in, never what they chose."""

    participant_id: int
    name: str
    voted: bool


@dataclass(frozen=True)
class BoothView:
    """Step one at the booth: the newest round and who has handed a ballot in."""

    workshop_id: int
    round_number: int | None  # None: voting has not started
    open: bool  # the round takes ballots now
    people: tuple[BoothPerson, ...]


@dataclass(frozen=True)
class BallotLine:
    """One objective on a ballot, the dots this person put on it, and what they may do."""

    objective_id: int
    title: str
    key_results: tuple[str, ...]  # the objective's key results' titles, in order
    dots: int
    can_add: bool  # one more dot would be taken
    can_take_back: bool  # one of these dots can be taken back


@dataclass(frozen=True)
class BallotView:
    """One participant's ballot in the newest round, as the booth shows it to them alone."""

    workshop_id: int
    participant_id: int
    name: str
    round_number: int
    runoff: bool
    # The round takes dots from this person now (open, in the vote phase, not handed in).
    accepting: bool
    handed_in: bool
    budget: int
    cap: int
    lines: tuple[BallotLine, ...]

    @property
    def placed(self) -> int:
        return sum(line.dots for line in self.lines)

    @property
    def dots_left(self) -> int:
        return max(0, self.budget - self.placed)

    def line(self, objective_id: int) -> BallotLine | None:
        return next((x for x in self.lines if x.objective_id == objective_id), None)


@dataclass(frozen=True)
class PaperTallyRow:
    objective_id: int
    title: str
    count: int


@dataclass(frozen=True)
class PaperTallyView:
    """Tally mode: the dots counted on paper for each objective of the open round."""

    workshop_id: int
    round_number: int
    rows: tuple[PaperTallyRow, ...]


def booth_view(session: Session, workshop_id: int) -> BoothView:
    """The names at the booth, ticked once their ballot is in the newest round."""
    ballots = round_ballots(session, workshop_id)
    if ballots is None:  # voting has not started: nobody has voted
        people = tuple(
            BoothPerson(person.participant_id, person.name, False)
            for person in round_voters(session, workshop_id, None)
        )
        return BoothView(workshop_id=workshop_id, round_number=None, open=False, people=people)
    return booth_of(workshop_id, ballots)


def booth_of(workshop_id: int, ballots: RoundBallots) -> BoothView:
    """The booth's names as the newest round's ballots read them (``round_ballots``): a page
    that read those for a ballot handed in gives its booth this, with no second read."""
    return BoothView(
        workshop_id=workshop_id,
        round_number=ballots.number,
        open=ballots.open,
        people=tuple(
            BoothPerson(person.participant_id, person.name, person.voted)
            for person in ballots.people
        ),
    )


def _titles(session: Session, candidates: list[int]) -> dict[int, str]:
    rows = session.execute(
        select(Objective.id, Objective.title).where(Objective.id.in_(candidates))
    )
    return {objective_id: title for objective_id, title in rows}


def _key_results(session: Session, candidates: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for objective_id, title in session.execute(
        select(KeyResult.objective_id, KeyResult.title)
        .where(KeyResult.objective_id.in_(candidates))
        .order_by(KeyResult.objective_id, KeyResult.position, KeyResult.id)
    ):
        found.setdefault(objective_id, []).append(title)
    return {objective_id: tuple(titles) for objective_id, titles in found.items()}


def ballot_view(session: Session, workshop_id: int, participant_id: int) -> BallotView | None:
    """The participant's ballot in the workshop's newest round; None without a round, or if
    the participant is not one of the workshop's."""
    workshop = session.get(Workshop, workshop_id)
    person = session.get(Participant, participant_id)
    current = latest_round(session, workshop_id)
    if workshop is None or person is None or person.workshop_id != workshop_id or current is None:
        return None
    handed_in = (
        session.scalar(
            select(Ballot.id).where(
                Ballot.round_id == current.id, Ballot.participant_id == participant_id
            )
        )
        is not None
    )
    mine = {
        objective_id: count
        for objective_id, count in session.execute(
            select(Dot.objective_id, Dot.count).where(
                Dot.round_id == current.id, Dot.participant_id == participant_id
            )
        )
    }
    limits = round_limits(workshop, current)
    accepting = (
        current.status == RoundStatus.OPEN and workshop.phase == Phase.VOTE and not handed_in
    )
    candidates = round_candidates(session, current)
    titles = _titles(session, candidates)
    key_results = _key_results(session, candidates)
    spent = sum(mine.values())
    lines = tuple(
        BallotLine(
            objective_id=objective_id,
            title=titles.get(objective_id, "?"),
            key_results=key_results.get(objective_id, ()),
            dots=mine.get(objective_id, 0),
            can_add=accepting
            and dot_refusal(spent, mine.get(objective_id, 0), limits.budget, limits.cap) is None,
            can_take_back=accepting and mine.get(objective_id, 0) > 0,
        )
        for objective_id in candidates
    )
    return BallotView(
        workshop_id=workshop_id,
        participant_id=participant_id,
        name=person.name,
        round_number=current.number,
        runoff=current.kind == RoundKind.RUNOFF,
        accepting=accepting,
        handed_in=handed_in,
        budget=limits.budget,
        cap=limits.cap,
        lines=lines,
    )


def paper_tally_view(session: Session, workshop_id: int) -> PaperTallyView | None:
    """The paper counts of the open round, by objective; None unless a round is open."""
    current = latest_round(session, workshop_id)
    if current is None or current.status != RoundStatus.OPEN:
        return None
    counts = {
        objective_id: count
        for objective_id, count in session.execute(
            select(PaperTally.objective_id, PaperTally.count).where(
                PaperTally.round_id == current.id
            )
        )
    }
    candidates = round_candidates(session, current)
    titles = _titles(session, candidates)
    return PaperTallyView(
        workshop_id=workshop_id,
        round_number=current.number,
        rows=tuple(
            PaperTallyRow(oid, titles.get(oid, "?"), counts.get(oid, 0)) for oid in candidates
        ),
    )
