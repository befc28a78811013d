"""Default timeboxes per phase, following the seed's meeting lengths for each level."""

from __future__ import annotations

from okrdesk.models.enums import Phase, UnitLevel

# The seed: management meets for half a day, a department for about two hours (a team,
# the same method one level down, too), and an individual's OKRs are confirmed one-to-one
# (an hour at most).
MEETING_MINUTES = {
    UnitLevel.COMPANY: 240,
    UnitLevel.DEPARTMENT: 120,
    UnitLevel.TEAM: 120,
    UnitLevel.PERSON: 60,
}
# Round numbers a facilitator would write on the agenda, adding up to the meeting: a quarter
# each for listing and grouping, the rest to voting, choosing and signing (setting the room
# up and exporting are short).
_HALF_DAY = {
    Phase.SETUP: 10,
    Phase.BRAINSTORM: 60,
    Phase.GROUP: 60,
    Phase.VOTE: 30,
    Phase.SELECT: 40,
    Phase.SIGNOFF: 30,
    Phase.EXPORT: 10,
}
_TWO_HOURS = {
    Phase.SETUP: 5,
    Phase.BRAINSTORM: 30,
    Phase.GROUP: 30,
    Phase.VOTE: 15,
    Phase.SELECT: 20,
    Phase.SIGNOFF: 15,
    Phase.EXPORT: 5,
}
_ONE_HOUR = {
    Phase.SETUP: 5,
    Phase.BRAINSTORM: 10,
    Phase.GROUP: 15,
    Phase.VOTE: 5,
    Phase.SELECT: 10,
    Phase.SIGNOFF: 10,
    Phase.EXPORT: 5,
}
_AGENDAS = {
    UnitLevel.COMPANY: _HALF_DAY,
    UnitLevel.DEPARTMENT: _TWO_HOURS,
    UnitLevel.TEAM: _TWO_HOURS,
    UnitLevel.PERSON: _ONE_HOUR,
}


def default_timeboxes(level: UnitLevel) -> dict[Phase, int]:
    """Minutes per phase for a workshop of a unit at this level: multiples of five that
    add up to the meeting's length."""
    return dict(_AGENDAS[level])
