"""The vote result as everyone sees it: ranks, seats, the cut-off, and how any tie ended.

One read model for the vote page, the projector (and the phones after it), ``info --json``,
the handout and the minutes. It follows the main vote through run-offs and the facilitator's
tie decision with ``voting.settle``, so a tie decided reads as decided everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from okrdesk.engine.queries import (
    BallotProgress,
    RoundBallots,
    RoundRecord,
    VoteRecord,
    round_progress,
    vote_record,
)
from okrdesk.engine.voting import SeatStatus, Settlement, rank, settle
from okrdesk.messages import translate
from okrdesk.models import RoundKind

__all__ = [
    "ResultRow",
    "RoundRanking",
    "RoundState",
    "SeatStatus",
    "TieDecisionView",
    "TieState",
    "VoteResult",
    "VoteState",
    "outcome_lines",
    "seat_words",
    "vote_result",
    "vote_state",
    "vote_state_with",
]


class TieState(StrEnum):
    """Where the vote stands with a tie at the cut-off."""

    NONE = "none"  # no tie: the dots alone filled the seats
    TIED = "tied"  # tied at the cut-off: a run-off or the facilitator's decision will follow
    RUNOFF_OPEN = "runoff_open"  # a run-off among the tied items is under way (not revealed)
    RESOLVED_BY_RUNOFF = "resolved_by_runoff"  # the run-off(s) filled the seats
    DECIDED = "decided"  # the facilitator chose among the tied items, with a reason

    @property
    def open(self) -> bool:
        """Whether seats are still to be filled."""
        return self in (TieState.TIED, TieState.RUNOFF_OPEN)


@dataclass(frozen=True)
class ResultRow:
    """One objective in a round's ranking; status is its seat status after everything since."""

    rank: int
    objective_id: int
    title: str
    dots: int
    status: SeatStatus


@dataclass(frozen=True)
class RoundRanking:
    """One revealed round that counts: the main vote, or a run-off among tied items."""

    number: int
    kind: RoundKind
    seats: int
    rows: tuple[ResultRow, ...]
    # The cut-off line falls after this many rows (rows[:cutoff] are above it).
    cutoff: int


@dataclass(frozen=True)
class TieDecisionView:
    """The facilitator's recorded decision on a tie at the cut-off."""

    round_number: int  # the round whose tie it settled (the main vote or a run-off)
    chosen: tuple[int, ...]
    chosen_titles: tuple[str, ...]
    passed_over: tuple[int, ...]
    passed_over_titles: tuple[str, ...]
    reason: str
    decided_by: str | None
    decided_at: datetime


@dataclass(frozen=True)
class VoteResult:
    """The revealed vote of a workshop, followed through run-offs and any tie decision."""

    workshop_id: int
    seats: int  # the seats of the main vote (the workshop's selection size)
    # The main vote's ranking (statuses after run-offs and decisions), then each run-off.
    rounds: tuple[RoundRanking, ...]
    tie: TieState
    # The objectives with a seat so far, in the order they took it.
    selected: tuple[int, ...]
    # While a tie is open: the tied objectives and the seats they compete for.
    tied: tuple[int, ...] = ()
    open_seats: int = 0
    decision: TieDecisionView | None = None

    @property
    def main(self) -> RoundRanking:
        return self.rounds[0]

    @property
    def rows(self) -> tuple[ResultRow, ...]:
        """The main vote's rows (every candidate, ranked by dots)."""
        return self.rounds[0].rows

    @property
    def cutoff(self) -> int:
        """Where the main vote's cut-off line falls (rows above it)."""
        return self.rounds[0].cutoff

    @property
    def latest(self) -> RoundRanking:
        """The last revealed round that counts: what the room looks at now."""
        return self.rounds[-1]

    @property
    def settled(self) -> bool:
        return not self.tie.open

    def status_of(self, objective_id: int) -> SeatStatus | None:
        return next((r.status for r in self.rows if r.objective_id == objective_id), None)


@dataclass(frozen=True)
class RoundState:
    """The newest round: which, whether it takes dots, and how many ballots are in."""

    number: int
    kind: RoundKind
    open: bool
    revealed: bool
    seats: int
    ballots: BallotProgress


@dataclass(frozen=True)
class VoteState:
    """What the vote page shows: the newest round and the result (None before a reveal)."""

    workshop_id: int
    round: RoundState | None
    result: VoteResult | None


def _ranking(
    record: RoundRecord, seats: int, titles: dict[int, str], settlement: Settlement
) -> RoundRanking:
    ranking = rank(record.result.dots, record.result.candidates, seats)
    rows = tuple(
        ResultRow(
            rank=s.rank,
            objective_id=s.item,
            title=titles.get(s.item, "?"),
            dots=s.dots,
            status=settlement.statuses.get(s.item, s.status),
        )
        for s in ranking.standings
    )
    if settlement.settled:
        # Once every seat is filled the line is true to the outcome: those with a seat
        # (run-off winners, the decision's choice) above it, those without below, each
        # side still in rank order.
        rows = tuple(sorted(rows, key=lambda row: not row.status.seated))
    return RoundRanking(record.number, record.kind, seats, rows, min(seats, len(rows)))


def _tie_state(record: VoteRecord, settlement: Settlement) -> TieState:
    if settlement.decided_round_id is not None:
        return TieState.DECIDED
    if settlement.settled:
        return TieState.RESOLVED_BY_RUNOFF if settlement.runoff_ids else TieState.NONE
    latest = record.rounds[-1]
    pending = (
        latest.kind == RoundKind.RUNOFF
        and not latest.result.revealed
        and set(latest.result.candidates) == set(settlement.tied)
    )
    return TieState.RUNOFF_OPEN if pending else TieState.TIED


def _decision(
    record: VoteRecord, settlement: Settlement, titles: dict[int, str]
) -> TieDecisionView | None:
    decided = next(
        (r for r in record.rounds if r.result.round_id == settlement.decided_round_id), None
    )
    if decided is None or decided.decision is None:
        return None
    # In the order the tied round listed them (the rows store no order of their own).
    listing = decided.result.candidates
    chosen = tuple(i for i in listing if i in set(decided.result.decision or ()))
    passed = tuple(i for i in listing if settlement.statuses.get(i) == SeatStatus.PASSED_OVER)
    return TieDecisionView(
        round_number=decided.number,
        chosen=chosen,
        chosen_titles=tuple(titles.get(i, "?") for i in chosen),
        passed_over=passed,
        passed_over_titles=tuple(titles.get(i, "?") for i in passed),
        reason=decided.decision.reason,
        decided_by=decided.decision.decided_by,
        decided_at=decided.decision.decided_at,
    )


def result_of(record: VoteRecord) -> VoteResult | None:
    """The result a workshop's vote record gives (None until the main vote is revealed)."""
    main = record.main
    if main is None or not main.result.revealed:
        return None
    runoffs = [r.result for r in record.runoffs if r.closed]
    settlement = settle(main.result, runoffs, record.selection_size)
    by_id = {r.result.round_id: r for r in record.rounds}
    rounds = [_ranking(main, record.selection_size, record.titles, settlement)]
    rounds.extend(
        _ranking(by_id[rid], by_id[rid].seats, record.titles, settlement)
        for rid in settlement.runoff_ids
    )
    # The main rows list the selected ones in rank order, run-off winners after.
    return VoteResult(
        workshop_id=record.workshop_id,
        seats=record.selection_size,
        rounds=tuple(rounds),
        tie=_tie_state(record, settlement),
        selected=settlement.selected,
        tied=settlement.tied,
        open_seats=settlement.open_seats,
        decision=_decision(record, settlement, record.titles),
    )


def vote_result(session: Session, workshop_id: int) -> VoteResult | None:
    """The workshop's vote result; None until the main vote is revealed (or no workshop).

    Before the reveal there is nothing the room may see; consumers show the round's state
    (see ``vote_state``) instead. Once revealed, the result stays until the main vote is
    re-opened. Reads only this workshop, a fixed number of queries whatever its size.
    """
    record = vote_record(session, workshop_id)
    return None if record is None else result_of(record)


def vote_state(session: Session, workshop_id: int) -> VoteState | None:
    """The newest round's state and the vote result; None if there is no such workshop."""
    record = vote_record(session, workshop_id)
    if record is None:
        return None
    state = None
    if record.rounds:
        latest = record.rounds[-1]
        state = RoundState(
            number=latest.number,
            kind=latest.kind,
            open=not latest.closed,
            revealed=latest.result.revealed,
            seats=latest.seats,
            ballots=round_progress(session, workshop_id, latest.round_id),
        )
    return VoteState(workshop_id, state, result_of(record))


def vote_state_with(state: VoteState | None, ballots: RoundBallots | None) -> VoteState | None:
    """The vote state after a ballot was handed in or taken back, from the newest round's
    ballots as ``round_ballots`` reads them now: the count and the names missing change,
    nothing else can (dots are counted only once a round is closed and revealed). None when
    the newest round is not the one the state shows (read the state again)."""
    current = None if state is None else state.round
    if (
        state is None
        or current is None
        or ballots is None
        or (ballots.number, ballots.open) != (current.number, current.open)
    ):
        return None
    return replace(state, round=replace(current, ballots=ballots.progress))


# What each seat status is called, wherever the vote is shown (page, handout, minutes).
SEAT_WORDS: Mapping[SeatStatus, str] = {
    SeatStatus.IN: "voting.seat_in",
    SeatStatus.TIED: "voting.seat_tied",
    SeatStatus.OUT: "voting.seat_out",
    SeatStatus.WON_RUNOFF: "voting.seat_won_runoff",
    SeatStatus.LOST_RUNOFF: "voting.seat_lost_runoff",
    SeatStatus.CHOSEN_BY_DECISION: "voting.seat_chosen_by_decision",
    SeatStatus.PASSED_OVER: "voting.seat_passed_over",
}


def seat_words(status: SeatStatus, language: str) -> str:
    return translate(SEAT_WORDS[status], language)


def _titles(titles: tuple[str, ...], language: str) -> str:
    return ("、" if language == "zh_CN" else ", ").join(titles)


def outcome_lines(result: VoteResult, language: str) -> tuple[str, ...]:
    """How the vote stands with a tie at the cut-off, in words; a decision with its reason."""
    count, seats = len(result.tied), result.open_seats
    if result.tie == TieState.TIED:
        again = len(result.rounds) > 1  # a run-off counted and tied again
        key = "voting.tie_tied_again" if again else "voting.tie_tied"
        return (translate(key, language, count=count, seats=seats),)
    if result.tie == TieState.RUNOFF_OPEN:
        return (translate("voting.tie_runoff_open", language, count=count, seats=seats),)
    decision = result.decision
    if result.tie == TieState.DECIDED and decision is not None:
        chosen = _titles(decision.chosen_titles, language)
        if decision.decided_by:
            line = translate(
                "voting.tie_decided_by", language, name=decision.decided_by, chosen=chosen
            )
        else:
            line = translate("voting.tie_decided", language, chosen=chosen)
        return (line, translate("voting.decision_reason", language, reason=decision.reason))
    if result.tie == TieState.RESOLVED_BY_RUNOFF:
        return (translate("voting.tie_resolved_by_runoff", language),)
    return (translate("voting.tie_none", language),)
