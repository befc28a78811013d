"""Default timeboxes per phase, following the seed's meeting lengths for each level."""

from __future__ import annotations

from okrdesk.models.enums import Phase, UnitLevel

# Share of the meeting each phase gets, in percent (sums to 100).
_SHARES = {
    Phase.SETUP: 4,
    Phase.BRAINSTORM: 25,
    Phase.GROUP: 25,
    Phase.VOTE: 12,
    Phase.SELECT: 16,
    Phase.SIGNOFF: 14,
    Phase.EXPORT: 4,
}
# The seed: management meets for half a day, a department for about two hours,
# and an individual's OKRs are confirmed one-to-one (an hour at most).
MEETING_MINUTES = {
    UnitLevel.COMPANY: 240,
    UnitLevel.DEPARTMENT: 120,
    UnitLevel.TEAM: 120,
    UnitLevel.PERSON: 60,
}


def default_timeboxes(level: UnitLevel) -> dict[Phase, int]:
    """Minutes per phase for a workshop of a unit at this level; they add up to the meeting."""
    total = MEETING_MINUTES[level]
    minutes = {phase: total * share // 100 for phase, share in _SHARES.items()}
    minutes[Phase.BRAINSTORM] += total - sum(minutes.values())
    return minutes
