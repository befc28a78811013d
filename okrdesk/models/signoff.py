"""Sign-off decisions and the audit log of significant events."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from okrdesk.models.base import Base
from okrdesk.models.enums import Decision
from okrdesk.models.org import enum_column
from okrdesk.models.types import UtcDateTime

if TYPE_CHECKING:
    from okrdesk.models.workshop import Workshop


class SignOff(Base):
    """A signer's decision on a workshop's OKRs: approve, or return with a reason."""

    __tablename__ = "sign_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    decision: Mapped[Decision] = mapped_column(enum_column(Decision))
    signer: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str | None] = mapped_column(String(2000))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # A hand-drawn signature as JSON strokes ([[x, y], ...] per stroke), if one was drawn.
    signature: Mapped[str | None] = mapped_column(Text())

    workshop: Mapped[Workshop] = relationship(back_populates="signoffs")
    notes: Mapped[list[SignOffNote]] = relationship(
        order_by="SignOffNote.id", cascade="all, delete-orphan", passive_deletes=True
    )


class SignOffNote(Base):
    """The signer's comment on one objective, given with a decision (usually a return).

    The objective's title is kept, so the note still reads right if the objective is later
    renamed or deleted while the room refines its OKRs.
    """

    __tablename__ = "sign_off_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    sign_off_id: Mapped[int] = mapped_column(
        ForeignKey("sign_off.id", ondelete="CASCADE"), index=True
    )
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objective.id", ondelete="SET NULL"), index=True
    )
    objective_title: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(String(2000))


class AuditEvent(Base):
    """A significant event kept for the record; undo appends to it, never erases it."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text(), default="{}")
