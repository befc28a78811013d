"""After sign-off: check-ins on key results during the cycle, and score adjustments at its end.

Both tables only ever grow: a correction is a new check-in, a changed score is a new entry,
so the history of a key result is read back exactly as the room said it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from okrdesk.models.base import Base
from okrdesk.models.types import ExactDecimal, UtcDateTime


class CheckIn(Base):
    """A key result's progress as the room reported it once: a value, or a milestone's state.

    A metric key result's check-in holds ``value``; a milestone's holds ``done`` and
    ``percent`` (100 when done). Confidence is the room's 0-10 (None: not said).
    """

    __tablename__ = "check_in"
    __table_args__ = (
        # A key result's history in order, and its latest check-in (migration 0010).
        Index("ix_check_in_key_result_recorded", "key_result_id", "recorded_at", "id"),
        CheckConstraint("confidence IS NULL OR confidence BETWEEN 0 AND 10", name="confidence"),
        CheckConstraint("percent IS NULL OR percent BETWEEN 0 AND 100", name="percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key_result_id: Mapped[int] = mapped_column(ForeignKey("key_result.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    done: Mapped[bool | None]
    percent: Mapped[int | None]
    confidence: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(String(2000))


class KeyResultScore(Base):
    """One entry of a key result's end-of-cycle score: an adjustment, or its clearing.

    The latest entry of a key result stands: with a score it wins over the computed one,
    without (``score`` None) the computed score stands again. ``computed`` is what the
    check-ins gave when the entry was made, kept for the record ("0.45 adjusted to 0.7").
    """

    __tablename__ = "key_result_score"
    __table_args__ = (
        Index("ix_key_result_score_key_result_id", "key_result_id", "id"),
        CheckConstraint("score IS NULL OR reason IS NOT NULL", name="reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key_result_id: Mapped[int] = mapped_column(ForeignKey("key_result.id", ondelete="CASCADE"))
    score: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    computed: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    reason: Mapped[str | None] = mapped_column(String(2000))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime())
