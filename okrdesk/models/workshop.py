"""A workshop, its participants and its timeline of phases."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from okrdesk.models.base import Base
from okrdesk.models.enums import Phase
from okrdesk.models.org import Cycle, OrgUnit, enum_column
from okrdesk.models.publish import new_uuid
from okrdesk.models.types import UtcDateTime

if TYPE_CHECKING:
    from okrdesk.models.okr import Idea, Objective
    from okrdesk.models.signoff import SignOff
    from okrdesk.models.voting import VoteRound


class Workshop(Base):
    """One meeting of one org unit in one cycle."""

    __tablename__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id", ondelete="RESTRICT"), index=True)
    phase: Mapped[Phase] = mapped_column(enum_column(Phase), default=Phase.SETUP)
    facilitator: Mapped[str | None] = mapped_column(String(100))
    anonymous: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Added by schema revision 0002 (voting and sign-off).
    dot_budget: Mapped[int] = mapped_column(default=5, server_default="5")
    dot_cap: Mapped[int] = mapped_column(default=3, server_default="3")
    selection_size: Mapped[int] = mapped_column(default=3, server_default="3")
    locked: Mapped[bool] = mapped_column(default=False, server_default="0")
    # Added by schema revision 0004: where a parent unit's approved OKRs were imported from
    # (a plan file or JSON export); such a workshop is a read-only copy.
    imported_from: Mapped[str | None] = mapped_column(String(300))
    # Added by schema revision 0008: the room's join code in the phones' address, made when
    # the room is first opened (None: never opened).
    room_code: Mapped[str | None] = mapped_column(String(8))
    # Added by schema revision 0009: a phone may join under a name not on the list (it
    # becomes a participant); off until the facilitator allows it.
    walk_ins: Mapped[bool] = mapped_column(default=False, server_default="0")
    # A stable identity for the organisation store (migration 0013).
    uuid: Mapped[str] = mapped_column(
        String(36), default=new_uuid, server_default="", unique=True, index=True
    )

    unit: Mapped[OrgUnit] = relationship()
    cycle: Mapped[Cycle] = relationship()
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop",
        order_by="Participant.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    ideas: Mapped[list[Idea]] = relationship(
        back_populates="workshop",
        order_by="Idea.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    objectives: Mapped[list[Objective]] = relationship(
        back_populates="workshop",
        order_by="Objective.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    rounds: Mapped[list[VoteRound]] = relationship(
        back_populates="workshop",
        order_by="VoteRound.number",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    signoffs: Mapped[list[SignOff]] = relationship(
        back_populates="workshop",
        order_by="SignOff.round",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    phase_plans: Mapped[list[PhasePlan]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    phase_visits: Mapped[list[PhaseVisit]] = relationship(
        order_by="PhaseVisit.id", cascade="all, delete-orphan", passive_deletes=True
    )


class Participant(Base):
    """A person in the room who brings ideas and casts dots."""

    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("workshop_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)
    # The department the person gave in a survey of ideas (migration 0007); None: not said.
    department: Mapped[str | None] = mapped_column(String(100))

    workshop: Mapped[Workshop] = relationship(back_populates="participants")


class PhasePlan(Base):
    """How many minutes the agenda gives a phase of a workshop (its timebox)."""

    __tablename__ = "phase_plan"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[Phase] = mapped_column(enum_column(Phase), primary_key=True)
    planned_minutes: Mapped[int]


class PhaseVisit(Base):
    """One stretch of time the room spent in a phase; going back starts a new visit."""

    __tablename__ = "phase_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    phase: Mapped[Phase] = mapped_column(enum_column(Phase))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
