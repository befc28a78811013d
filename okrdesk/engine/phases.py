"""Phase rules as plain Python: which phase may follow which, and what each one needs."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.errors import RuleError
from okrdesk.models.enums import Phase, UnitLevel

PHASES = tuple(Phase)
# A person's OKRs use the light form: written straight down and confirmed 1:1 by the manager,
# with no brainstorm wall and no dot vote.
LIGHT_PHASES = (Phase.SETUP, Phase.GROUP, Phase.SIGNOFF, Phase.EXPORT)


def light_form(level: UnitLevel) -> bool:
    """Whether a unit's workshop uses the light form (individual OKRs)."""
    return level == UnitLevel.PERSON


def phases_for(light: bool) -> tuple[Phase, ...]:
    """The phases a workshop goes through, in order."""
    return LIGHT_PHASES if light else PHASES


def next_phase(current: Phase, light: bool) -> Phase | None:
    """The phase after this one (a phase the form skips still has a next one), if any."""
    return next((p for p in phases_for(light) if p.order > current.order), None)


def previous_phase(current: Phase, light: bool) -> Phase | None:
    return next((p for p in reversed(phases_for(light)) if p.order < current.order), None)


def refine_phase(light: bool) -> Phase:
    """Where a returned or reopened workshop goes back to for refining."""
    return Phase.GROUP if light else Phase.SELECT


@dataclass(frozen=True)
class PhaseFacts:
    """What the guards need to know about a workshop."""

    ideas: int
    candidates: int
    voting_open: bool
    vote_revealed: bool
    selected: int
    locked: bool
    light: bool = False


def forward_phase(current: Phase, facts: PhaseFacts) -> Phase | None:
    """Where the room goes on from here: the next phase, or Select when refining after a vote.

    After a return (or any look back at the wall once the vote is revealed and closed), the
    vote is not run again: Group goes straight on to Select, as the README says.
    """
    vote_done = facts.vote_revealed and not facts.voting_open
    if current == Phase.GROUP and vote_done and not facts.light:
        return Phase.SELECT
    return next_phase(current, facts.light)


def check_phase_change(current: Phase, target: Phase, facts: PhaseFacts) -> None:
    """Refuse a move the room is not ready for; going back is always allowed (unless locked)."""
    if target == current:
        raise RuleError("phase.already_there")
    if facts.locked and {current, target} != {Phase.SIGNOFF, Phase.EXPORT}:
        raise RuleError("phase.locked")
    sequence = phases_for(facts.light)
    if target not in sequence:
        raise RuleError("phase.not_in_light_form", phase=target.value)
    if target.order < current.order:
        return
    following = forward_phase(current, facts)
    # The vote may still be run again from Group (the next phase in order) on purpose.
    if target not in (following, next_phase(current, facts.light)):
        raise RuleError("phase.one_step", phase=(following or target).value)
    if target == Phase.GROUP and facts.ideas < 1 and not facts.light:
        raise RuleError("phase.needs_ideas")
    if target == Phase.VOTE and facts.candidates < 2:
        raise RuleError("phase.needs_candidates", count=facts.candidates)
    if target == Phase.SELECT and (facts.voting_open or not facts.vote_revealed):
        raise RuleError("phase.needs_revealed_vote")
    if target == Phase.SIGNOFF and facts.light and facts.candidates < 1:
        raise RuleError("phase.needs_objective")
    if target == Phase.SIGNOFF and not facts.light and facts.selected < 1:
        raise RuleError("phase.needs_selection")
    if target == Phase.EXPORT and not facts.locked:
        raise RuleError("phase.needs_approval")
