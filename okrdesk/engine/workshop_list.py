"""The plan's workshops in the engine's order, and the one on screen: what the window's
workshop picker, navigator, timer and return banner show (frozen views, few queries)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from okrdesk.engine.phases import light_form
from okrdesk.models import (
    Cycle,
    Decision,
    OrgUnit,
    Phase,
    PhasePlan,
    PhaseVisit,
    SignOff,
    SignoffStatus,
    UnitLevel,
    Workshop,
)

__all__ = [
    "CycleEntry",
    "ReturnNote",
    "ShownWorkshop",
    "SignoffStatus",
    "UnitEntry",
    "WorkshopEntry",
    "WorkshopList",
    "shown_workshop",
    "units_in_tree_order",
    "workshop_list",
    "workshops_in_order",
]


def units_in_tree_order(session: Session) -> list[OrgUnit]:
    """Units depth-first from the company, siblings by position (one query)."""
    return tree_order(session.scalars(select(OrgUnit).order_by(OrgUnit.position, OrgUnit.id)).all())


def tree_order(units: Sequence[OrgUnit]) -> list[OrgUnit]:
    """Units (given siblings by position) depth-first from the top."""
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[OrgUnit] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit = stack.pop()
        ordered.append(unit)
        stack.extend(reversed(children.get(unit.id, [])))
    return ordered


def workshops_in_order(
    session: Session, units: Sequence[OrgUnit], cycle_id: int | None = None
) -> list[Workshop]:
    """Every workshop (or the cycle's) in the plan's order: cycles by start, then units in
    tree order.

    The one place this order is decided (the window's picker, the snapshot, the exports).
    ``units`` are the plan's units in tree order (``units_in_tree_order``). Two queries.
    """
    unit_order = {unit.id: index for index, unit in enumerate(units)}
    query = select(Workshop).options(selectinload(Workshop.cycle))
    if cycle_id is not None:
        query = query.where(Workshop.cycle_id == cycle_id)
    workshops = session.scalars(query).all()
    return sorted(workshops, key=lambda w: (w.cycle.starts_on, unit_order.get(w.unit_id, 0), w.id))


@dataclass(frozen=True)
class CycleEntry:
    id: int
    name: str


@dataclass(frozen=True)
class UnitEntry:
    id: int
    name: str
    level: UnitLevel


@dataclass(frozen=True)
class WorkshopEntry:
    """One workshop as the picker lists it."""

    id: int
    title: str
    cycle: CycleEntry
    unit: UnitEntry
    phase: Phase
    signoff: SignoffStatus

    @property
    def light(self) -> bool:
        """A person's OKRs: the light form of the workshop."""
        return light_form(self.unit.level)


@dataclass(frozen=True)
class WorkshopList:
    """The plan's workshops in order, with the cycles (by start) and units (in tree order)
    a new workshop can be held for."""

    workshops: tuple[WorkshopEntry, ...]
    cycles: tuple[CycleEntry, ...]
    units: tuple[UnitEntry, ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(w.id for w in self.workshops)

    def find(self, workshop_id: int | None) -> WorkshopEntry | None:
        return next((w for w in self.workshops if w.id == workshop_id), None)


def _latest_decisions(session: Session) -> dict[int, Decision]:
    """Each workshop's latest sign-off decision (one query)."""
    rows = session.execute(
        select(SignOff.workshop_id, SignOff.decision).order_by(
            SignOff.workshop_id, SignOff.round, SignOff.id
        )
    )
    return {workshop_id: decision for workshop_id, decision in rows}


def _status(locked: bool, latest: Decision | None) -> SignoffStatus:
    if locked:
        return SignoffStatus.APPROVED
    return SignoffStatus.RETURNED if latest == Decision.RETURN else SignoffStatus.PENDING


def workshop_list(session: Session) -> WorkshopList:
    """The workshop list: four queries, whatever the size of the plan."""
    units = units_in_tree_order(session)
    unit_entries = {u.id: UnitEntry(u.id, u.name, u.level) for u in units}
    cycles = session.scalars(select(Cycle).order_by(Cycle.starts_on, Cycle.id)).all()
    cycle_entries = {c.id: CycleEntry(c.id, c.name) for c in cycles}
    latest = _latest_decisions(session)
    return WorkshopList(
        workshops=tuple(
            WorkshopEntry(
                id=w.id,
                title=w.title,
                cycle=cycle_entries[w.cycle_id],
                unit=unit_entries[w.unit_id],
                phase=w.phase,
                signoff=_status(w.locked, latest.get(w.id)),
            )
            for w in workshops_in_order(session, units)
        ),
        cycles=tuple(cycle_entries.values()),
        units=tuple(unit_entries.values()),
    )


@dataclass(frozen=True)
class ReturnNote:
    """The latest return's comments, kept in view while the room refines its OKRs."""

    signer: str
    round: int
    comment: str | None
    # (objective title, comment) for each objective the signer commented on.
    notes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ShownWorkshop:
    """The workshop on screen: its phase and the timebox and time of the phase's visits."""

    id: int
    title: str
    phase: Phase
    light: bool
    planned_minutes: int
    # The visit of the current phase under way (None: the room has not started it).
    visit_id: int | None
    started_at: datetime | None
    # Time spent in this phase on earlier visits.
    spent_before: timedelta
    returned: ReturnNote | None
    locked: bool = False  # signed off: the phase's timebox no longer counts


def _returned(session: Session, workshop: Workshop) -> ReturnNote | None:
    if workshop.locked:
        return None
    latest = session.scalars(
        select(SignOff)
        .where(SignOff.workshop_id == workshop.id)
        .options(selectinload(SignOff.notes))
        .order_by(SignOff.round.desc(), SignOff.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.decision != Decision.RETURN:
        return None
    return ReturnNote(
        signer=latest.signer,
        round=latest.round,
        comment=latest.comment,
        notes=tuple((note.objective_title, note.comment) for note in latest.notes),
    )


def shown_workshop(session: Session, workshop_id: int) -> ShownWorkshop | None:
    """One workshop's header (that workshop only; None if it is gone)."""
    workshop = session.get(Workshop, workshop_id, options=[selectinload(Workshop.unit)])
    if workshop is None:
        return None
    phase = workshop.phase
    plan = session.get(PhasePlan, (workshop.id, phase))
    visits = session.scalars(
        select(PhaseVisit).where(PhaseVisit.workshop_id == workshop.id, PhaseVisit.phase == phase)
    ).all()
    running = next((v for v in visits if v.ended_at is None), None)
    before = sum(((v.ended_at - v.started_at) for v in visits if v.ended_at), timedelta(0))
    return ShownWorkshop(
        id=workshop.id,
        title=workshop.title,
        phase=phase,
        light=light_form(workshop.unit.level),
        planned_minutes=plan.planned_minutes if plan is not None else 0,
        visit_id=None if running is None else running.id,
        started_at=None if running is None else running.started_at,
        spent_before=before,
        returned=_returned(session, workshop),
        locked=workshop.locked,
    )
