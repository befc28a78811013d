"""Which cycle's cascade board to show: a workshop's own, else the one under way today."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.models import Cycle, Workshop


def board_cycle_id(session: Session, workshop_id: int | None, today: date) -> int | None:
    """The workshop's cycle; without one (or one not found), the cycle running today, else
    the latest that has started, else the first to come; None in a plan with no cycle."""
    if workshop_id is not None:
        found = session.scalar(select(Workshop.cycle_id).where(Workshop.id == workshop_id))
        if found is not None:
            return found
    cycles = session.execute(
        select(Cycle.id, Cycle.starts_on, Cycle.ends_on).order_by(Cycle.starts_on, Cycle.id)
    ).all()
    running = [int(c.id) for c in cycles if c.starts_on <= today <= c.ends_on]
    started = [int(c.id) for c in cycles if c.starts_on <= today]
    coming = [int(c.id) for c in cycles]
    for choice in (running, started):
        if choice:
            return choice[-1]
    return coming[0] if coming else None
