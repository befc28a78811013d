"""The window's list of a room's phones: who joined, who waits for approval (no tokens)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from okrdesk.models import Participant
from okrdesk.models.room import RoomPhone


@dataclass(frozen=True)
class RoomPhoneRow:
    """A phone in the room: the name it holds, or (pending) the name it claims."""

    id: int
    name: str
    joined_at: datetime
    pending: bool
    token_sha256: str  # how the room server knows it (the plan keeps only this hash)


def room_phones(session: Session, workshop_id: int) -> tuple[RoomPhoneRow, ...]:
    """The workshop's phones not released, the waiting ones first, then by name."""
    holder, claimed = aliased(Participant), aliased(Participant)
    rows = session.execute(
        select(RoomPhone.id, RoomPhone.joined_at, holder.name, claimed.name, RoomPhone.token_sha256)
        .outerjoin(holder, holder.id == RoomPhone.participant_id)
        .outerjoin(claimed, claimed.id == RoomPhone.claimed_id)
        .where(RoomPhone.workshop_id == workshop_id, RoomPhone.released_at.is_(None))
    ).all()
    phones = [
        RoomPhoneRow(phone_id, held or waiting or "", joined_at, held is None, token)
        for phone_id, joined_at, held, waiting, token in rows
    ]
    return tuple(sorted(phones, key=lambda phone: (not phone.pending, phone.name, phone.id)))
