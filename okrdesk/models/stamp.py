"""The plan's identity and commit count, which tell where a leftover write-ahead log belongs."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from okrdesk.models.base import Base

STAMP_TABLE = "plan_stamp"
# Inside every write transaction, just before COMMIT (okrdesk.models.planfile).
NEXT_COMMIT = (
    f"UPDATE {STAMP_TABLE} SET generation = generation + 1, previous_token = commit_token,"
    " commit_token = lower(hex(randomblob(8)))"
)


class PlanStamp(Base):
    """The single row holding the plan's UUID and a chain of its commits.

    Every write transaction, just before it commits, adds one to ``generation`` and draws
    a new random ``commit_token``, keeping the one it replaces in ``previous_token``. So
    the first transaction of a write-ahead log names exactly the plan state it was written
    on top of: a copy that went its own way since (restored from a backup, written through
    another name) has another token, even with the same count. Undo never touches this
    row (it is not captured).
    """

    __tablename__ = STAMP_TABLE

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_uuid: Mapped[str] = mapped_column(String(36))
    generation: Mapped[int] = mapped_column(Integer)
    commit_token: Mapped[str] = mapped_column(String(16))
    previous_token: Mapped[str] = mapped_column(String(16))
