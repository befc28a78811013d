"""The meeting around the OKRs as the room sees it: the welcome (who meets, when, the agenda,
the question the room answers), the approval moment and the closing's next steps.

Parts of the room view (okrdesk.engine.room_view), plain and JSON-friendly like it: times
are ISO 8601 strings in UTC (the projector and the phones show them in local time), the
drawn signature its stored JSON (okrdesk.engine.signature).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from okrdesk.models import (
    Cycle,
    Decision,
    OrgUnit,
    Phase,
    PhasePlan,
    PhaseVisit,
    SignOff,
    UnitLevel,
    Workshop,
)

__all__ = [
    "CASCADE_DAYS",
    "RoomAgendaItem",
    "RoomApproval",
    "RoomClosing",
    "RoomQuestion",
    "RoomWelcome",
    "room_approval",
    "room_closing",
    "room_welcome",
]

# The seed: the units below set their own OKRs the same way, and a team that has not
# finished within two weeks puts everything else aside until it has.
CASCADE_DAYS = 14


class RoomQuestion(StrEnum):
    """The question the room answers, by where the unit sits (the renderer words it)."""

    COMPANY = "company"  # What must {unit} achieve in {cycle}?
    ALIGNED = "aligned"  # To reach {parent}'s objectives, what should {unit} focus on?
    PERSONAL = "personal"  # What will {unit} contribute to {parent}'s objectives?


@dataclass(frozen=True)
class RoomAgendaItem:
    """One phase of the meeting and its timebox (None: no time planned)."""

    phase: Phase
    minutes: int | None


@dataclass(frozen=True)
class RoomWelcome:
    """The setup phase's welcome slide."""

    unit: str
    level: UnitLevel
    parent_unit: str | None  # the unit above, whose objectives this one aligns to
    cycle: str
    cycle_starts: str  # ISO date
    cycle_ends: str  # ISO date
    meeting_at: str  # ISO datetime (UTC): when the meeting began, or now before it has
    facilitator: str | None
    agenda: tuple[RoomAgendaItem, ...]  # in the meeting's order
    question: RoomQuestion

    @property
    def agenda_minutes(self) -> int:
        return sum(item.minutes or 0 for item in self.agenda)


@dataclass(frozen=True)
class RoomApproval:
    """The signer's approval the room sees confirmed."""

    signer: str
    at: str  # ISO datetime (UTC)
    signature: str | None  # the drawn strokes as stored (engine.signature), if drawn


@dataclass(frozen=True)
class RoomClosing:
    """The closing slide's next steps (what was agreed is the view's objectives)."""

    unit: str
    cycle: str
    approval: RoomApproval | None  # None: agreed in the room, not (yet) signed off
    cascade_to: tuple[str, ...]  # the units below that set their OKRs next
    cascade_by: str  # ISO date: by when they have (two weeks, within the cycle)
    cycle_ends: str  # ISO date


def _question(level: UnitLevel, parent: str | None) -> RoomQuestion:
    if level == UnitLevel.PERSON and parent is not None:
        return RoomQuestion.PERSONAL
    if level == UnitLevel.COMPANY or parent is None:
        return RoomQuestion.COMPANY
    return RoomQuestion.ALIGNED


def _meeting_start(session: Session, workshop_id: int) -> datetime | None:
    """When the work began: the first step past setup (None: the room is still setting up)."""
    return session.scalar(
        select(PhaseVisit.started_at)
        .where(PhaseVisit.workshop_id == workshop_id, PhaseVisit.phase != Phase.SETUP)
        .order_by(PhaseVisit.started_at, PhaseVisit.id)
        .limit(1)
    )


def room_welcome(session: Session, workshop_id: int, now: datetime) -> RoomWelcome | None:
    """The welcome slide's content (three queries); None if there is no such workshop."""
    parent = aliased(OrgUnit)
    found = session.execute(
        select(
            OrgUnit.name,
            OrgUnit.level,
            parent.name,
            Cycle.name,
            Cycle.starts_on,
            Cycle.ends_on,
            Workshop.facilitator,
        )
        .select_from(Workshop)
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .outerjoin(parent, parent.id == OrgUnit.parent_id)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .where(Workshop.id == workshop_id)
    ).one_or_none()
    if found is None:
        return None
    unit, level, parent_name, cycle, starts, ends, facilitator = found
    planned: dict[Phase, int] = {
        phase: minutes
        for phase, minutes in session.execute(
            select(PhasePlan.phase, PhasePlan.planned_minutes).where(
                PhasePlan.workshop_id == workshop_id
            )
        )
    }
    agenda = tuple(
        RoomAgendaItem(phase, planned.get(phase))
        for phase in sorted(planned, key=lambda phase: phase.order)
    )
    started = _meeting_start(session, workshop_id) or now
    return RoomWelcome(
        unit=unit,
        level=level,
        parent_unit=parent_name,
        cycle=cycle,
        cycle_starts=starts.isoformat(),
        cycle_ends=ends.isoformat(),
        meeting_at=started.isoformat(),
        facilitator=facilitator,
        agenda=agenda,
        question=_question(level, parent_name),
    )


def room_approval(session: Session, workshop_id: int) -> RoomApproval | None:
    """The approval that locked the workshop (its latest), None if there is none."""
    found = session.execute(
        select(SignOff.signer, SignOff.decided_at, SignOff.signature)
        .where(SignOff.workshop_id == workshop_id, SignOff.decision == Decision.APPROVE)
        .order_by(SignOff.round.desc(), SignOff.id.desc())
        .limit(1)
    ).one_or_none()
    if found is None:
        return None
    signer, at, signature = found
    return RoomApproval(signer, at.isoformat(), signature)


def room_closing(
    session: Session, workshop_id: int, now: datetime, approval: RoomApproval | None
) -> RoomClosing | None:
    """The closing slide's next steps, with the approval that locked the workshop if any."""
    found = session.execute(
        select(OrgUnit.id, OrgUnit.name, Cycle.name, Cycle.ends_on)
        .select_from(Workshop)
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .where(Workshop.id == workshop_id)
    ).one_or_none()
    if found is None:
        return None
    unit_id, unit, cycle, ends = found
    below = tuple(
        session.scalars(
            select(OrgUnit.name)
            .where(OrgUnit.parent_id == unit_id)
            .order_by(OrgUnit.position, OrgUnit.id)
        )
    )
    started = _meeting_start(session, workshop_id) or now
    return RoomClosing(
        unit=unit,
        cycle=cycle,
        approval=approval,
        cascade_to=below,
        cascade_by=cascade_date(started, ends).isoformat(),
        cycle_ends=ends.isoformat(),
    )


def cascade_date(meeting: datetime, cycle_ends: date) -> date:
    """By when the units below set their OKRs: two weeks after the meeting, within the cycle
    (and never before the meeting itself)."""
    day = meeting.date()
    due = day + timedelta(days=CASCADE_DAYS)
    return max(day, min(due, cycle_ends))
