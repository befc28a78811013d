"""Dot-voting rules as plain Python: budgets, caps, ranking, ties at the cut-off, run-offs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from okrdesk.errors import RuleError

MAIN_BUDGET_RANGE = (1, 20)


def check_dot_allowed(spent: int, on_item: int, budget: int, cap: int) -> None:
    """Refuse one more dot if the voter's budget is spent or the item is at the cap."""
    if spent >= budget:
        raise RuleError("voting.budget_spent", budget=budget)
    if on_item >= cap:
        raise RuleError("voting.item_cap", cap=cap)


@dataclass(frozen=True)
class Standing:
    """An item's place in a ranking."""

    item: int
    dots: int
    rank: int
    # "in" (above the cut-off), "tied" (tied across it) or "out".
    status: str


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
    status = {item: "in" for item in selected} | {item: "tied" for item in tied}
    standings = tuple(
        Standing(item, count, place, status.get(item, "out"))
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

    @property
    def settled(self) -> bool:
        return not self.tied


def settle(main: RoundResult, runoffs: Sequence[RoundResult], seats: int) -> Settlement:
    """Follow the main vote through run-offs and tie decisions to the selected items.

    A run-off counts only for exactly the items that were tied and only once revealed.
    """
    ranking = rank(main.dots, main.candidates, seats)
    chosen = list(ranking.selected)
    tied, open_seats, current = ranking.tied, ranking.open_seats, main
    remaining = list(runoffs)
    while tied:
        decision = current.decision
        # A decision settles only the tie it was taken on (same items, same seats).
        if decision is not None and set(decision) <= set(tied) and len(decision) == open_seats:
            return Settlement(tuple(chosen) + tuple(decision))
        follow_up = next(
            (r for r in remaining if set(r.candidates) == set(tied) and r.revealed), None
        )
        if follow_up is None:
            return Settlement(tuple(chosen), tied, open_seats, current.round_id)
        remaining.remove(follow_up)
        ranking = rank(follow_up.dots, tied, open_seats)
        chosen.extend(ranking.selected)
        tied, open_seats, current = ranking.tied, ranking.open_seats, follow_up
    return Settlement(tuple(chosen))
