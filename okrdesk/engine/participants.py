"""The people in a workshop's room, as the setup page and the booth list them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.models import Participant


@dataclass(frozen=True)
class ParticipantRow:
    """One person in the room, and the department a survey of ideas gave for them."""

    id: int
    name: str
    department: str | None = None

    @property
    def label(self) -> str:
        """The person as a list shows them: "王丽 · 市场部", or the name alone."""
        return f"{self.name} · {self.department}" if self.department else self.name


def participant_list(session: Session, workshop_id: int) -> tuple[ParticipantRow, ...]:
    """The workshop's participants in their order (one query)."""
    return tuple(
        ParticipantRow(int(pid), name, department)
        for pid, name, department in session.execute(
            select(Participant.id, Participant.name, Participant.department)
            .where(Participant.workshop_id == workshop_id)
            .order_by(Participant.position, Participant.id)
        )
    )
