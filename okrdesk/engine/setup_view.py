"""What the setup page shows of a workshop: its settings, its people and its agenda."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.participants import ParticipantRow, participant_list
from okrdesk.models import Cycle, OrgUnit, Phase, PhasePlan, PlanInfo, UnitLevel, Workshop


@dataclass(frozen=True)
class WorkshopSettings:
    """The settings the facilitator edits on the setup page, as stored."""

    title: str
    facilitator: str | None
    anonymous: bool
    dot_budget: int
    dot_cap: int
    selection_size: int


@dataclass(frozen=True)
class SetupView:
    """One workshop's setup: where it is held, its settings, its people and its timeboxes."""

    workshop_id: int
    organisation: str  # whose plan this is
    unit: str
    level: UnitLevel
    cycle: str
    settings: WorkshopSettings
    participants: tuple[ParticipantRow, ...]
    timeboxes: tuple[tuple[Phase, int], ...]  # the phases with planned minutes, in order

    def planned_minutes(self, phase: Phase) -> int | None:
        return dict(self.timeboxes).get(phase)


def workshop_settings(session: Session, workshop_id: int) -> WorkshopSettings | None:
    """The workshop's editable settings (one query); None if it is gone."""
    row = session.execute(
        select(
            Workshop.title,
            Workshop.facilitator,
            Workshop.anonymous,
            Workshop.dot_budget,
            Workshop.dot_cap,
            Workshop.selection_size,
        ).where(Workshop.id == workshop_id)
    ).first()
    if row is None:
        return None
    title, facilitator, anonymous, budget, cap, seats = row
    return WorkshopSettings(title, facilitator, bool(anonymous), budget, cap, seats)


def timeboxes(session: Session, workshop_id: int) -> tuple[tuple[Phase, int], ...]:
    """The planned minutes of each phase that has them, in the phases' order (one query)."""
    planned: dict[Phase, int] = {
        phase: minutes
        for phase, minutes in session.execute(
            select(PhasePlan.phase, PhasePlan.planned_minutes).where(
                PhasePlan.workshop_id == workshop_id
            )
        )
    }
    return tuple((phase, int(planned[phase])) for phase in Phase if phase in planned)


def setup_view(session: Session, workshop_id: int) -> SetupView | None:
    """Everything the setup page shows (five queries); None if the workshop is gone."""
    settings = workshop_settings(session, workshop_id)
    place = session.execute(
        select(OrgUnit.name, OrgUnit.level, Cycle.name)
        .join(Workshop, Workshop.unit_id == OrgUnit.id)
        .join(Cycle, Workshop.cycle_id == Cycle.id)
        .where(Workshop.id == workshop_id)
    ).first()
    if settings is None or place is None:
        return None
    unit, level, cycle = place
    organisation = session.scalar(select(PlanInfo.organisation).order_by(PlanInfo.id).limit(1))
    return SetupView(
        workshop_id=workshop_id,
        organisation=organisation or "",
        unit=unit,
        level=level,
        cycle=cycle,
        settings=settings,
        participants=participant_list(session, workshop_id),
        timeboxes=timeboxes(session, workshop_id),
    )
