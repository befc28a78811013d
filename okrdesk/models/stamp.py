"""The plan's identity and commit count, which tell where a leftover write-ahead log belongs."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from okrdesk.models.base import Base

STAMP_TABLE = "plan_stamp"


class PlanStamp(Base):
    """The single row holding the plan's UUID and how many commits it has seen.

    Every write transaction adds one to ``generation`` just before it commits, so the
    first transaction of a write-ahead log names the plan state it was written on top of.
    Undo never touches this row (it is not captured).
    """

    __tablename__ = STAMP_TABLE

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_uuid: Mapped[str] = mapped_column(String(36))
    generation: Mapped[int] = mapped_column(Integer)
