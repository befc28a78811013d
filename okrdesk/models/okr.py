"""What a workshop produces: idea cards, objectives, key results and their alignment."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from okrdesk.models.base import Base
from okrdesk.models.enums import Commitment, KeyResultKind
from okrdesk.models.org import enum_column
from okrdesk.models.publish import new_uuid
from okrdesk.models.types import ExactDecimal, UtcDateTime

if TYPE_CHECKING:
    from okrdesk.models.workshop import Participant, Workshop


class Idea(Base):
    """A candidate-objective card from brainstorming."""

    __tablename__ = "idea"
    # A wall in order, a group in order, a new card's position (migration 0006).
    __table_args__ = (
        Index("ix_idea_workshop_position", "workshop_id", "position"),
        Index("ix_idea_objective_position", "objective_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(String(500))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objective.id", ondelete="SET NULL"), index=True
    )
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    workshop: Mapped[Workshop] = relationship(back_populates="ideas")
    author: Mapped[Participant | None] = relationship()
    objective: Mapped[Objective | None] = relationship(back_populates="ideas")


class Objective(Base):
    """A qualitative objective (a group of idea cards), candidate until selected."""

    __tablename__ = "objective"
    __table_args__ = (Index("ix_objective_workshop_position", "workshop_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    selected: Mapped[bool] = mapped_column(default=False)
    # Marked to carry into the unit's next cycle whatever its score (migration 0011).
    carry: Mapped[bool] = mapped_column(default=False, server_default="0")
    # Why the room chose it, said at the all-hands; empty until written (migration 0012).
    rationale: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    # Shown at the all-hands as a worked breakdown: its KRs and their first initiatives.
    breakdown: Mapped[bool] = mapped_column(default=False, server_default="0")
    # A stable identity for the organisation store (migration 0013).
    uuid: Mapped[str] = mapped_column(
        String(36), default=new_uuid, server_default="", unique=True, index=True
    )

    workshop: Mapped[Workshop] = relationship(back_populates="objectives")
    # Deleting a group puts its cards back on the wall (the column is ON DELETE SET NULL).
    ideas: Mapped[list[Idea]] = relationship(
        back_populates="objective", order_by="Idea.position", passive_deletes=True
    )
    key_results: Mapped[list[KeyResult]] = relationship(
        back_populates="objective",
        order_by="KeyResult.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    alignment: Mapped[Alignment | None] = relationship(
        foreign_keys="Alignment.objective_id", viewonly=True
    )


class KeyResult(Base):
    """A measurable result under an objective: start -> target, or a milestone."""

    __tablename__ = "key_result"
    __table_args__ = (Index("ix_key_result_objective_position", "objective_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[KeyResultKind] = mapped_column(
        enum_column(KeyResultKind), default=KeyResultKind.METRIC
    )
    start_value: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    target_value: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    unit: Mapped[str | None] = mapped_column(String(40))
    deadline: Mapped[date | None]
    owner: Mapped[str | None] = mapped_column(String(100))
    commitment: Mapped[Commitment] = mapped_column(
        enum_column(Commitment), default=Commitment.COMMITTED
    )
    position: Mapped[int] = mapped_column(default=0)
    # A stable identity for the organisation store (migration 0013).
    uuid: Mapped[str] = mapped_column(
        String(36), default=new_uuid, server_default="", unique=True, index=True
    )

    objective: Mapped[Objective] = relationship(back_populates="key_results")
    initiatives: Mapped[list[Initiative]] = relationship(
        back_populates="key_result",
        order_by="Initiative.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Initiative(Base):
    """A first step toward a key result: a line of text in the KR's short list."""

    __tablename__ = "initiative"
    __table_args__ = (Index("ix_initiative_key_result_position", "key_result_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_result_id: Mapped[int] = mapped_column(ForeignKey("key_result.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)

    key_result: Mapped[KeyResult] = relationship(back_populates="initiatives")


class Alignment(Base):
    """An objective's link up to a parent objective or a parent key result."""

    __tablename__ = "alignment"
    __table_args__ = (
        CheckConstraint(
            "(parent_objective_id IS NULL) <> (parent_key_result_id IS NULL)", name="one_parent"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), unique=True
    )
    parent_objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), index=True
    )
    parent_key_result_id: Mapped[int | None] = mapped_column(
        ForeignKey("key_result.id", ondelete="CASCADE"), index=True
    )

    parent_objective: Mapped[Objective | None] = relationship(foreign_keys=[parent_objective_id])
    parent_key_result: Mapped[KeyResult | None] = relationship()
