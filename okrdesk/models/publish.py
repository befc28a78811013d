"""A plan's side of the organisation store: stable identities, what it published, its queue.

Every plan, unit, workshop, objective and key result has a UUID (migration 0013), so a
publish updates the store in place, however the rows' numbers in this file change. What a
workshop was last published as (its store version, a digest of what was sent) tells the
next publish what the store should still hold, and the window what is out of date; a
publish the store could not take waits in the queue until it is delivered.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from okrdesk.models.base import Base
from okrdesk.models.types import UtcDateTime

UUID_LENGTH = 36


def new_uuid() -> str:
    """A new random identity, as the plan stores it (text, lowercase, with hyphens)."""
    return str(uuid.uuid4())


class Publication(Base):
    """A workshop as last published to a store: the store's version of it then, and a
    digest of what was sent (compared with what the plan holds now: out of date or not)."""

    __tablename__ = "publication"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    store: Mapped[str] = mapped_column(String(500), primary_key=True)
    version: Mapped[int]
    digest: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PublishQueue(Base):
    """A publish waiting for its store (it could not be reached); at most one per store.

    ``store`` is the store's address as shown: it never holds a password.
    """

    __tablename__ = "publish_queue"

    id: Mapped[int] = mapped_column(primary_key=True)
    store: Mapped[str] = mapped_column(String(500), unique=True)
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    last_tried_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))
