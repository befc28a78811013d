"""The cascade board: the two-week rule, every unit's state in a cycle and who is overdue.

The seed: "如果团队在两周之内还没有完成OKR制定…其他的事情就要放一放了" (if a team has not
finished setting its OKRs within two weeks, everything else waits). It says two weeks, not
ten working days, so the count is in calendar days: 14 days from the day the company's OKRs
were first approved, weekends included; a deadline on a Saturday or Sunday stays there (the
board says so, it does not move it). The count runs from the approval even when that came
before the cycle started (the usual case: the management meeting is held the cycle before);
it never runs past the cycle's last day, the latest a cycle's OKRs can still be set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.models import Cycle, Decision, OrgUnit, Phase, SignOff, UnitLevel, Workshop

TWO_WEEKS = timedelta(days=14)  # "两周": calendar days, weekends included


class CascadeState(StrEnum):
    """Where a unit stands with its OKRs for the cycle (ordered from least to most done)."""

    NOT_STARTED = "not_started"  # no workshop yet, or one still being set up
    IN_PROGRESS = "in_progress"  # a workshop under way, or waiting for sign-off
    RETURNED = "returned"  # the signer sent its OKRs back for another round
    APPROVED = "approved"  # signed off (and locked)

    @property
    def message_id(self) -> str:
        return f"summary.cascade_{self.value}"


# When a unit has more than one workshop in the cycle, the furthest along speaks for it.
_ORDER = {
    CascadeState.NOT_STARTED: 0,
    CascadeState.IN_PROGRESS: 1,
    CascadeState.RETURNED: 2,
    CascadeState.APPROVED: 3,
}


def cascade_deadline(approved_on: date, cycle_ends_on: date) -> date:
    """The last day of the two weeks: 14 calendar days after the company's approval, but no
    later than the cycle's last day."""
    return min(approved_on + TWO_WEEKS, cycle_ends_on)


def days_left(deadline: date, today: date) -> int:
    """Days from today to the deadline: 0 on the deadline itself, negative once past it."""
    return (deadline - today).days


def is_overdue(state: CascadeState, deadline: date | None, today: date) -> bool:
    """Past the deadline without approved OKRs (no deadline before the company approves)."""
    return deadline is not None and state != CascadeState.APPROVED and today > deadline


def on_weekend(day: date) -> bool:
    return day.weekday() >= 5


def workshop_state(phase: Phase, locked: bool, latest_decision: Decision | None) -> CascadeState:
    """One workshop's state, as its sign-off and phase say (a reopened workshop is in
    progress again until it is approved again)."""
    if locked:
        return CascadeState.APPROVED
    if latest_decision == Decision.RETURN:
        return CascadeState.RETURNED
    if phase == Phase.SETUP and latest_decision is None:
        return CascadeState.NOT_STARTED
    return CascadeState.IN_PROGRESS


def unit_state(states: Iterable[CascadeState]) -> CascadeState:
    """A unit's state from its workshops' (none: not started)."""
    return max(states, key=_ORDER.__getitem__, default=CascadeState.NOT_STARTED)


@dataclass(frozen=True)
class CascadeUnit:
    """One unit's row on the board."""

    unit_id: int
    name: str
    level: UnitLevel
    depth: int  # 0 for the company, 1 for its departments...
    state: CascadeState
    workshop_id: int | None  # the workshop that speaks for it (None: none yet)
    approved_on: date | None  # when its OKRs were approved (the latest approval standing)
    overdue: bool  # past the two weeks without approved OKRs
    late: bool  # approved, but after the two weeks (the company, which starts them, never)
    people: int  # people directly in the unit (person units beneath it)
    people_confirmed: int  # of them, with individual OKRs approved


@dataclass(frozen=True)
class CascadeBoard:
    """A cycle's cascade on ``today``: the two weeks' count and every unit's row.

    ``units`` are the organisation's units except people, in tree order (the company first);
    people are counted on their unit's row and in ``people``/``people_confirmed``.
    """

    cycle_id: int
    cycle: str
    starts_on: date
    ends_on: date
    today: date
    company_approved_on: date | None  # None: the company's OKRs are not approved yet
    deadline: date | None
    days_left: int | None  # None before the company approves; negative: days overdue
    units: tuple[CascadeUnit, ...]
    people: int
    people_confirmed: int

    @property
    def started(self) -> bool:
        """The two weeks are running (or have run): the company approved."""
        return self.company_approved_on is not None

    @property
    def deadline_on_weekend(self) -> bool:
        return self.deadline is not None and on_weekend(self.deadline)

    @property
    def cycle_ended(self) -> bool:
        return self.today > self.ends_on

    @property
    def overdue(self) -> tuple[CascadeUnit, ...]:
        return tuple(u for u in self.units if u.overdue)

    @property
    def approved(self) -> int:
        """Units (not people) with approved OKRs."""
        return sum(u.state == CascadeState.APPROVED for u in self.units)


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    level: UnitLevel
    parent_id: int | None
    position: int


def _tree(units: Sequence[UnitRow]) -> list[tuple[UnitRow, int]]:
    """The units depth first in their order, each with its depth."""
    children: defaultdict[int | None, list[UnitRow]] = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)
    ordered: list[tuple[UnitRow, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children[parent], key=lambda u: (u.position, u.id)):
            ordered.append((unit, depth))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return ordered


def cascade_board(
    session: Session, cycle_id: int, today: date, zone: tzinfo = UTC
) -> CascadeBoard | None:
    """The cycle's cascade board on ``today`` (four queries, whatever the number of units);
    None if the cycle is gone. Approval times are read as dates in ``zone`` (the window
    passes the laptop's own)."""
    cycle = session.execute(
        select(Cycle.id, Cycle.name, Cycle.starts_on, Cycle.ends_on).where(Cycle.id == cycle_id)
    ).first()
    if cycle is None:
        return None
    # Plain rows, not ORM objects: the board is read for hundreds of units and people.
    units = [
        UnitRow(*row)
        for row in session.execute(
            select(OrgUnit.id, OrgUnit.name, OrgUnit.level, OrgUnit.parent_id, OrgUnit.position)
        )
    ]
    workshops = session.execute(
        select(Workshop.id, Workshop.unit_id, Workshop.phase, Workshop.locked)
        .where(Workshop.cycle_id == cycle_id)
        .order_by(Workshop.id)
    ).all()
    decisions: defaultdict[int, list[tuple[Decision, datetime]]] = defaultdict(list)
    for workshop_id, decision, decided_at in session.execute(
        select(SignOff.workshop_id, SignOff.decision, SignOff.decided_at)
        .join(Workshop, Workshop.id == SignOff.workshop_id)
        .where(Workshop.cycle_id == cycle_id)
        .order_by(SignOff.round, SignOff.id)
    ):
        decisions[workshop_id].append((decision, decided_at))

    return cascade_from_rows(
        CycleRow(*cycle), units, [WorkshopRow(*row) for row in workshops], decisions, today, zone
    )


@dataclass(frozen=True)
class CycleRow:
    id: int
    name: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class WorkshopRow:
    id: int
    unit_id: int
    phase: Phase
    locked: bool


def cascade_from_rows(
    cycle: CycleRow,
    units: Sequence[UnitRow],
    workshops: Sequence[WorkshopRow],
    decisions: Mapping[int, Sequence[tuple[Decision, datetime]]],
    today: date,
    zone: tzinfo = UTC,
) -> CascadeBoard:
    """The board from plain rows: a plan's (cascade_board), or the organisation store's
    across every published plan (okrdesk.store.views). ``decisions``: each workshop's
    sign-off decisions in order."""

    def day(moment: datetime) -> date:
        return moment.astimezone(zone).date()

    by_unit: defaultdict[int, list[tuple[CascadeState, int, date | None, date | None]]]
    by_unit = defaultdict(list)
    for workshop_id, unit_id, phase, locked in (
        (w.id, w.unit_id, w.phase, w.locked) for w in workshops
    ):
        history = decisions.get(workshop_id, ())
        approvals = [day(at) for decision, at in history if decision == Decision.APPROVE]
        state = workshop_state(phase, locked, history[-1][0] if history else None)
        first = approvals[0] if approvals else None
        latest = approvals[-1] if approvals and state == CascadeState.APPROVED else None
        by_unit[unit_id].append((state, workshop_id, first, latest))

    def speaks_for(unit_id: int) -> tuple[CascadeState, int | None, date | None, date | None]:
        found = by_unit.get(unit_id)
        if not found:
            return CascadeState.NOT_STARTED, None, None, None
        return max(found, key=lambda w: _ORDER[w[0]])

    tree = _tree(units)
    company_starts = [
        speaks_for(unit.id)[2] for unit, _depth in tree if unit.level == UnitLevel.COMPANY
    ]
    company_approved_on = min((d for d in company_starts if d is not None), default=None)
    deadline = (
        None
        if company_approved_on is None
        else cascade_deadline(company_approved_on, cycle.ends_on)
    )
    people: defaultdict[int | None, list[bool]] = defaultdict(list)
    for unit, _depth in tree:
        if unit.level == UnitLevel.PERSON:
            people[unit.parent_id].append(speaks_for(unit.id)[0] == CascadeState.APPROVED)
    rows = []
    for unit, depth in tree:
        if unit.level == UnitLevel.PERSON:
            continue
        state, speaker, _first, approved_on = speaks_for(unit.id)
        rows.append(
            CascadeUnit(
                unit_id=unit.id,
                name=unit.name,
                level=unit.level,
                depth=depth,
                state=state,
                workshop_id=speaker,
                approved_on=approved_on,
                overdue=is_overdue(state, deadline, today),
                late=unit.level != UnitLevel.COMPANY
                and deadline is not None
                and approved_on is not None
                and approved_on > deadline,
                people=len(people[unit.id]),
                people_confirmed=sum(people[unit.id]),
            )
        )
    everyone = [confirmed for group in people.values() for confirmed in group]
    return CascadeBoard(
        cycle_id=cycle.id,
        cycle=cycle.name,
        starts_on=cycle.starts_on,
        ends_on=cycle.ends_on,
        today=today,
        company_approved_on=company_approved_on,
        deadline=deadline,
        days_left=None if deadline is None else days_left(deadline, today),
        units=tuple(rows),
        people=len(everyone),
        people_confirmed=sum(everyone),
    )
