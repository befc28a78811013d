"""The facilitator's next step in a dot vote, read from the vote's state (one rule for all)."""

from __future__ import annotations

from enum import StrEnum

from okrdesk.engine.vote_result import TieState, VoteState


class VoteStep(StrEnum):
    """What the vote page's primary button does next."""

    OPEN = "open"  # no round yet: open the vote
    CLOSE = "close"  # a round takes dots: close it
    REVEAL = "reveal"  # a round is closed, its tally hidden: reveal it
    RUNOFF = "runoff"  # a tie at the cut-off: a run-off among the tied (or a decision)
    CONTINUE = "continue"  # every seat is filled: on to Select


def vote_step(state: VoteState | None) -> VoteStep:
    """The next step, by the newest round and the result's tie state (never re-derived)."""
    current = None if state is None else state.round
    if state is None or current is None:
        return VoteStep.OPEN
    if current.open:
        return VoteStep.CLOSE
    if not current.revealed:
        return VoteStep.REVEAL
    result = state.result
    if result is None:
        # The newest round is revealed but the main vote is not: cannot happen in order.
        return VoteStep.REVEAL
    if result.tie == TieState.TIED:
        return VoteStep.RUNOFF
    if result.tie == TieState.RUNOFF_OPEN:
        # The run-off's round is the newest: closed and revealed means it was counted.
        return VoteStep.REVEAL
    return VoteStep.CONTINUE


def can_decide(state: VoteState | None) -> bool:
    """Whether the facilitator may decide the tie now (open seats, no round taking dots)."""
    if state is None or state.result is None:
        return False
    return state.result.tie.open and not (state.round is not None and state.round.open)
