"""The people in a workshop's room, as the setup page and the booth list them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.models import Participant


@dataclass(frozen=True)
class ParticipantRow:
    """One person in the room."""

    id: int
    name: str


def participant_list(session: Session, workshop_id: int) -> tuple[ParticipantRow, ...]:
    """The workshop's participants in their order (one query)."""
    return tuple(
        ParticipantRow(int(pid), name)
        for pid, name in session.execute(
            select(Participant.id, Participant.name)
            .where(Participant.workshop_id == workshop_id)
            .order_by(Participant.position, Participant.id)
        )
    )
