"""Phase rules as plain Python: which phase may follow which, and what each one needs."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.errors import RuleError
from okrdesk.models.enums import Phase

PHASES = tuple(Phase)


@dataclass(frozen=True)
class PhaseFacts:
    """What the guards need to know about a workshop."""

    ideas: int
    candidates: int
    voting_open: bool
    vote_revealed: bool
    selected: int
    locked: bool


def check_phase_change(current: Phase, target: Phase, facts: PhaseFacts) -> None:
    """Refuse a move the room is not ready for; going back is always allowed (unless locked)."""
    if target == current:
        raise RuleError("phase.already_there")
    if facts.locked and {current, target} != {Phase.SIGNOFF, Phase.EXPORT}:
        raise RuleError("phase.locked")
    if target.index < current.index:
        return
    if target.index > current.index + 1:
        raise RuleError("phase.one_step", phase=PHASES[current.index + 1].value)
    if target == Phase.GROUP and facts.ideas < 1:
        raise RuleError("phase.needs_ideas")
    if target == Phase.VOTE and facts.candidates < 2:
        raise RuleError("phase.needs_candidates", count=facts.candidates)
    if target == Phase.SELECT and (facts.voting_open or not facts.vote_revealed):
        raise RuleError("phase.needs_revealed_vote")
    if target == Phase.SIGNOFF and facts.selected < 1:
        raise RuleError("phase.needs_selection")
    if target == Phase.EXPORT and not facts.locked:
        raise RuleError("phase.needs_approval")
