"""The organisation side of a plan: the plan itself, its cycles and its unit tree."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from okrdesk.models.base import Base
from okrdesk.models.enums import UnitLevel
from okrdesk.models.publish import new_uuid
from okrdesk.models.types import UtcDateTime


def enum_column(enum: type) -> Enum:
    """A portable enum column: text plus a CHECK constraint, stored by value."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [m.value for m in members],
        name=enum.__name__.lower(),
    )


class PlanInfo(Base):
    """The single row naming whose plan this file is."""

    __tablename__ = "plan_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # A stable identity for the organisation store (migration 0013); one row: no index.
    uuid: Mapped[str] = mapped_column(String(36), default=new_uuid, server_default="")


class Cycle(Base):
    """An OKR period such as 2027-Q1."""

    __tablename__ = "cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]


class OrgUnit(Base):
    """A node of the company tree: company, department, team or person."""

    __tablename__ = "org_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[UnitLevel] = mapped_column(enum_column(UnitLevel))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # A stable identity for the organisation store (migration 0013).
    uuid: Mapped[str] = mapped_column(
        String(36), default=new_uuid, server_default="", unique=True, index=True
    )

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[OrgUnit]] = relationship(
        back_populates="parent", order_by="OrgUnit.position"
    )
