"""Dot-voting rules as plain Python: budgets, caps, ranking, ties at the cut-off, run-offs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from okrdesk.errors import RuleError

MAIN_BUDGET_RANGE = (1, 20)


@dataclass(frozen=True)
class BallotLimits:
    """How many dots one ballot holds, and how many of them may go on one item."""

    budget: int
    cap: int


def ballot_limits(runoff: bool, seats: int, dot_budget: int, dot_cap: int) -> BallotLimits:
    """The main vote uses the workshop's budget and cap; a run-off gives one dot per open
    seat, at most one per item."""
    return BallotLimits(seats, 1) if runoff else BallotLimits(dot_budget, dot_cap)


def dot_refusal(spent: int, on_item: int, budget: int, cap: int) -> RuleError | None:
    """Why one more dot is refused (the budget spent, the item at the cap), or None."""
    if spent >= budget:
        return RuleError("voting.budget_spent", budget=budget)
    if on_item >= cap:
        return RuleError("voting.item_cap", cap=cap)
    return None


def check_dot_allowed(spent: int, on_item: int, budget: int, cap: int) -> None:
    """Refuse one more dot if the voter's budget is spent or the item is at the cap."""
    refusal = dot_refusal(spent, on_item, budget, cap)
    if refusal is not None:
        raise refusal


class SeatStatus(StrEnum):
    """Where an item stands against the cut-off.

    One round's ranking says only IN, TIED or OUT; followed through run-offs and tie
    decisions (settle), an item that was tied ends as one of the others.
    """

    IN = "in"  # above the cut-off on dots
    TIED = "tied"  # tied across the cut-off: a run-off or a decision is still to come
    OUT = "out"  # below the cut-off
    WON_RUNOFF = "won_runoff"  # was tied, took a seat in a run-off
    LOST_RUNOFF = "lost_runoff"  # was tied, lost the run-off
    CHOSEN_BY_DECISION = "chosen_by_decision"  # was tied, the facilitator chose it
    PASSED_OVER = "passed_over"  # was tied, the facilitator chose others

    @property
    def seated(self) -> bool:
        """Whether the item has a seat (is selected by the vote)."""
        return self in (SeatStatus.IN, SeatStatus.WON_RUNOFF, SeatStatus.CHOSEN_BY_DECISION)


@dataclass(frozen=True)
class Standing:
    """An item's place in one round's ranking (status: IN, TIED or OUT)."""

    item: int
    dots: int
    rank: int
    status: SeatStatus


@dataclass(frozen=True)
class Ranking:
    """Items by dots, with who is clearly in, who is tied at the cut-off, and seats left."""

    standings: tuple[Standing, ...]
    selected: tuple[int, ...]
    tied: tuple[int, ...]
    open_seats: int

    @property
    def has_tie(self) -> bool:
        return bool(self.tied)


def rank(dots: Mapping[int, int], order: Sequence[int], seats: int) -> Ranking:
    """Rank the items in ``order`` by dots for ``seats`` places.

    Equal dots share a rank (1, 2, 2, 4). When the items with the dots of the last seat do
    not all fit, they are reported as tied: a tie is never broken by the listing order,
    which only orders equal items for display.
    """
    listing = {item: index for index, item in enumerate(order)}
    items = sorted(order, key=lambda item: (-dots.get(item, 0), listing[item]))
    counts = [dots.get(item, 0) for item in items]
    ranks = [counts.index(count) + 1 for count in counts]
    selected: list[int]
    tied: list[int]
    if len(items) <= seats:
        selected, tied, open_seats = list(items), [], 0
    elif seats <= 0:
        selected, tied, open_seats = [], [], 0
    else:
        threshold = counts[seats - 1]
        above = [item for item, count in zip(items, counts, strict=True) if count > threshold]
        level = [item for item, count in zip(items, counts, strict=True) if count == threshold]
        open_seats = seats - len(above)
        if len(level) <= open_seats:
            selected, tied, open_seats = above + level, [], 0
        else:
            selected, tied = above, level
    status = {item: SeatStatus.IN for item in selected} | {item: SeatStatus.TIED for item in tied}
    standings = tuple(
        Standing(item, count, place, status.get(item, SeatStatus.OUT))
        for item, count, place in zip(items, counts, ranks, strict=True)
    )
    return Ranking(standings, tuple(selected), tuple(tied), open_seats)


@dataclass(frozen=True)
class RoundResult:
    """What one closed round says: its dots, candidates, and any tie decision taken on it."""

    round_id: int
    candidates: tuple[int, ...]
    dots: Mapping[int, int]
    revealed: bool
    decision: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Settlement:
    """The outcome of a workshop's vote so far."""

    selected: tuple[int, ...]
    # Items still tied at the cut-off, the seats they compete for, and the round that tied.
    tied: tuple[int, ...] = ()
    open_seats: int = 0
    tied_round_id: int | None = None
    # Every main-vote item's seat status, run-offs and any decision followed.
    statuses: Mapping[int, SeatStatus] = field(default_factory=dict)
    # The run-offs that counted, in the order they were followed.
    runoff_ids: tuple[int, ...] = ()
    # The round whose tie the facilitator's decision settled, if one did.
    decided_round_id: int | None = None

    @property
    def settled(self) -> bool:
        return not self.tied


def settle(main: RoundResult, runoffs: Sequence[RoundResult], seats: int) -> Settlement:
    """Follow the main vote through run-offs and tie decisions to the selected items.

    A run-off counts only for exactly the items that were tied and only once revealed; a
    decision settles only the tie it was taken on (the same items, the same seats).
    """
    ranking = rank(main.dots, main.candidates, seats)
    statuses = {s.item: s.status for s in ranking.standings}
    chosen = list(ranking.selected)
    tied, open_seats, current = ranking.tied, ranking.open_seats, main
    remaining = list(runoffs)
    counted: list[int] = []
    while tied:
        decision = current.decision
        if decision is not None and set(decision) <= set(tied) and len(decision) == open_seats:
            for item in tied:
                statuses[item] = (
                    SeatStatus.CHOSEN_BY_DECISION if item in decision else SeatStatus.PASSED_OVER
                )
            return Settlement(
                tuple(chosen) + tuple(decision),
                statuses=statuses,
                runoff_ids=tuple(counted),
                decided_round_id=current.round_id,
            )
        follow_up = next(
            (r for r in remaining if set(r.candidates) == set(tied) and r.revealed), None
        )
        if follow_up is None:
            return Settlement(
                tuple(chosen),
                tied,
                open_seats,
                current.round_id,
                statuses=statuses,
                runoff_ids=tuple(counted),
            )
        remaining.remove(follow_up)
        counted.append(follow_up.round_id)
        ranking = rank(follow_up.dots, tied, open_seats)
        for standing in ranking.standings:
            statuses[standing.item] = {
                SeatStatus.IN: SeatStatus.WON_RUNOFF,
                SeatStatus.OUT: SeatStatus.LOST_RUNOFF,
            }.get(standing.status, SeatStatus.TIED)
        chosen.extend(ranking.selected)
        tied, open_seats, current = ranking.tied, ranking.open_seats, follow_up
    return Settlement(tuple(chosen), statuses=statuses, runoff_ids=tuple(counted))
