"""Dot voting: rounds, the dots participants place, and recorded tie decisions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from okrdesk.models.base import Base
from okrdesk.models.enums import RoundKind, RoundStatus
from okrdesk.models.org import enum_column
from okrdesk.models.types import UtcDateTime

if TYPE_CHECKING:
    from okrdesk.models.workshop import Workshop


class VoteRound(Base):
    """One dot vote: the main vote, or a run-off among items tied at the cut-off."""

    __tablename__ = "vote_round"
    __table_args__ = (UniqueConstraint("workshop_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    number: Mapped[int]
    kind: Mapped[RoundKind] = mapped_column(enum_column(RoundKind))
    status: Mapped[RoundStatus] = mapped_column(enum_column(RoundStatus))
    revealed: Mapped[bool] = mapped_column(default=False)
    # A run-off fills the seats left at the cut-off; the main vote fills them all.
    seats: Mapped[int]
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    workshop: Mapped[Workshop] = relationship(back_populates="rounds")
    candidates: Mapped[list[RunoffCandidate]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    dots: Mapped[list[Dot]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    decision: Mapped[TieDecision | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class RunoffCandidate(Base):
    """An objective on a run-off ballot."""

    __tablename__ = "runoff_candidate"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("vote_round.id", ondelete="CASCADE"), primary_key=True
    )
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True
    )


class Dot(Base):
    """How many dots one participant placed on one objective in one round."""

    __tablename__ = "dot"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id", "objective_id"),
        CheckConstraint("count > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("vote_round.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), index=True
    )
    count: Mapped[int]


class TieDecision(Base):
    """The facilitator's recorded choice among items tied at the cut-off, with a reason."""

    __tablename__ = "tie_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("vote_round.id", ondelete="CASCADE"), unique=True
    )
    reason: Mapped[str] = mapped_column(String(2000))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime())

    chosen: Mapped[list[TieDecisionChoice]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class TieDecisionChoice(Base):
    """An objective the facilitator chose to take through the cut-off."""

    __tablename__ = "tie_decision_choice"

    decision_id: Mapped[int] = mapped_column(
        ForeignKey("tie_decision.id", ondelete="CASCADE"), primary_key=True
    )
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True
    )


class Ballot(Base):
    """A participant's confirmed ballot in a round (the dots themselves are Dot rows)."""

    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("round_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("vote_round.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    cast_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PaperTally(Base):
    """Dots counted from paper stickers for one objective, typed in by the facilitator."""

    __tablename__ = "paper_tally"
    __table_args__ = (CheckConstraint("count > 0", name="positive"),)

    round_id: Mapped[int] = mapped_column(
        ForeignKey("vote_round.id", ondelete="CASCADE"), primary_key=True
    )
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True
    )
    count: Mapped[int]
