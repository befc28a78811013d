"""The store's tables (SQLAlchemy 2.0, PostgreSQL), with a declarative base of their own.

Identities: plans, workshops, objectives and key results keep the UUIDs their plan gave
them, so publishing again updates in place. Units and cycles are the organisation's, met by
several plans (a department's laptop holds a copy of the company unit): a unit is known by
its path of names from the company down, a cycle by its name.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from okrdesk.models.base import NAMING_CONVENTION
from okrdesk.models.enums import Commitment, Decision, KeyResultKind, Phase, UnitLevel
from okrdesk.models.org import enum_column

# A unit's path is its names from the company down, joined by this (a character no name
# typed in okrdesk holds: validation refuses control characters).
PATH_SEPARATOR = "\x1f"


def Moment() -> DateTime:  # noqa: N802 - reads as a column type
    return DateTime(timezone=True)


def Key() -> Uuid[str]:  # noqa: N802 - reads as a column type
    return Uuid(as_uuid=False)


class StoreBase(DeclarativeBase):
    """Base class of the store's tables (not the plan file's)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StorePlan(StoreBase):
    """A plan file that published: its UUID, its organisation's name, when it published."""

    __tablename__ = "plans"

    uuid: Mapped[str] = mapped_column(Key(), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200))
    # How a refusal names the plan to people: its file's name (never its folder).
    label: Mapped[str] = mapped_column(String(300))
    first_published_at: Mapped[datetime] = mapped_column(Moment())
    last_published_at: Mapped[datetime] = mapped_column(Moment())


class StoreCycle(StoreBase):
    """An OKR period, shared by every plan that publishes for it (by name)."""

    __tablename__ = "cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]


class StoreUnit(StoreBase):
    """A unit of the organisation's tree, known by its path of names from the company down."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(2000), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[UnitLevel] = mapped_column(enum_column(UnitLevel))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)


class UnitCycleOwner(StoreBase):
    """Which plan owns a unit's workshops for a cycle: the first to publish them, until it
    hands them over."""

    __tablename__ = "unit_cycle_owners"

    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True
    )
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("cycles.id", ondelete="CASCADE"), primary_key=True
    )
    plan_uuid: Mapped[str] = mapped_column(Key(), ForeignKey("plans.uuid"), index=True)
    since: Mapped[datetime] = mapped_column(Moment())


class HandOver(StoreBase):
    """A unit's cycle handed from one plan to another (kept for the record)."""

    __tablename__ = "hand_overs"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    from_plan: Mapped[str | None] = mapped_column(Key())
    to_plan: Mapped[str] = mapped_column(Key())
    handed_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(String(2000))
    at: Mapped[datetime] = mapped_column(Moment())


class StoreWorkshop(StoreBase):
    """A published workshop; ``version`` grows by one at each publish (optimistic checks)."""

    __tablename__ = "workshops"
    __table_args__ = (Index("ix_workshops_cycle_unit", "cycle_id", "unit_id"),)

    uuid: Mapped[str] = mapped_column(Key(), primary_key=True)
    plan_uuid: Mapped[str] = mapped_column(Key(), ForeignKey("plans.uuid"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    phase: Mapped[Phase] = mapped_column(enum_column(Phase))
    locked: Mapped[bool]
    # Published before sign-off: shown everywhere as a draft.
    draft: Mapped[bool]
    facilitator: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(Moment())


class StoreObjective(StoreBase):
    __tablename__ = "objectives"

    uuid: Mapped[str] = mapped_column(Key(), primary_key=True)
    workshop_uuid: Mapped[str] = mapped_column(
        Key(), ForeignKey("workshops.uuid", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    selected: Mapped[bool]


class StoreKeyResult(StoreBase):
    __tablename__ = "key_results"

    uuid: Mapped[str] = mapped_column(Key(), primary_key=True)
    objective_uuid: Mapped[str] = mapped_column(
        Key(), ForeignKey("objectives.uuid", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[KeyResultKind] = mapped_column(enum_column(KeyResultKind))
    start_value: Mapped[Decimal | None] = mapped_column(Numeric())
    target_value: Mapped[Decimal | None] = mapped_column(Numeric())
    unit: Mapped[str | None] = mapped_column(String(40))
    deadline: Mapped[date | None]
    owner: Mapped[str | None] = mapped_column(String(100))
    commitment: Mapped[Commitment] = mapped_column(enum_column(Commitment))
    position: Mapped[int]


class StoreAlignment(StoreBase):
    """An objective's parent, by UUID: the parent may be another plan's, published later."""

    __tablename__ = "alignments"
    __table_args__ = (
        CheckConstraint(
            "(parent_objective_uuid IS NULL) <> (parent_key_result_uuid IS NULL)",
            name="one_parent",
        ),
    )

    objective_uuid: Mapped[str] = mapped_column(
        Key(), ForeignKey("objectives.uuid", ondelete="CASCADE"), primary_key=True
    )
    parent_objective_uuid: Mapped[str | None] = mapped_column(Key(), index=True)
    parent_key_result_uuid: Mapped[str | None] = mapped_column(Key(), index=True)


class StoreSignOff(StoreBase):
    """One entry of a workshop's sign-off history, with the signature drawn, if any."""

    __tablename__ = "sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_uuid: Mapped[str] = mapped_column(
        Key(), ForeignKey("workshops.uuid", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    decision: Mapped[Decision] = mapped_column(enum_column(Decision))
    signer: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str | None] = mapped_column(String(2000))
    decided_at: Mapped[datetime] = mapped_column(Moment())
    signature: Mapped[str | None] = mapped_column(Text())


class StoreCheckIn(StoreBase):
    """A key result's check-in, from its plan or entered elsewhere; kept once (by its time)."""

    __tablename__ = "check_ins"
    __table_args__ = (UniqueConstraint("key_result_uuid", "recorded_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_result_uuid: Mapped[str] = mapped_column(
        Key(), ForeignKey("key_results.uuid", ondelete="CASCADE")
    )
    recorded_at: Mapped[datetime] = mapped_column(Moment())
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[Decimal | None] = mapped_column(Numeric())
    done: Mapped[bool | None]
    percent: Mapped[int | None]
    confidence: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(String(2000))


class StoreScore(StoreBase):
    """An entry of a key result's end-of-cycle score (the latest stands)."""

    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("key_result_uuid", "decided_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_result_uuid: Mapped[str] = mapped_column(
        Key(), ForeignKey("key_results.uuid", ondelete="CASCADE")
    )
    score: Mapped[Decimal | None] = mapped_column(Numeric())
    computed: Mapped[Decimal | None] = mapped_column(Numeric())
    reason: Mapped[str | None] = mapped_column(String(2000))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(Moment())
