"""The room server's phones: which phone holds which participant, and what each one sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from okrdesk.models.base import Base
from okrdesk.models.types import UtcDateTime


class RoomPhone(Base):
    """A phone that joined a workshop's room, bound to one participant by its token.

    Only the token's SHA-256 is kept: the plan file never holds what would let someone
    act as the phone. A phone that claimed a name another phone holds waits with no
    participant (``participant_id`` None, ``claimed_id`` the name) until the facilitator
    approves it; a released phone's token works no more.
    """

    __tablename__ = "room_phone"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    claimed_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class RoomRequest(Base):
    """A phone's write, remembered by its idempotency key: a retry gets the first answer."""

    __tablename__ = "room_request"
    __table_args__ = (UniqueConstraint("phone_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    phone_id: Mapped[int] = mapped_column(ForeignKey("room_phone.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    result: Mapped[str] = mapped_column(String(200))
