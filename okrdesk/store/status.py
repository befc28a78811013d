"""What the plan has published to the organisation store: each workshop published, out of
date (changed since) or never published, and the publishes queued for a store.

Comparing digests reads every workshop's content (``plan_outbox``), so it is only done
for a plan that has published something; a plan that never published costs two small
queries.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from okrdesk.models import Publication, PublishQueue
from okrdesk.store.outbox import plan_outbox


class PublishState(StrEnum):
    PUBLISHED = "published"  # the store holds what the plan holds
    OUT_OF_DATE = "out_of_date"  # changed in the plan since it was last published
    NOT_PUBLISHED = "not_published"


@dataclass(frozen=True)
class StoreCopy:
    """A workshop as last published to one store."""

    store: str
    version: int
    published_at: datetime
    current: bool  # the plan still says what was published


@dataclass(frozen=True)
class WorkshopPublishing:
    workshop_id: int
    title: str
    unit: str  # the unit's names from the company down, " / " between them
    cycle: str
    draft: bool
    copies: tuple[StoreCopy, ...]
    digest: str = field(default="", compare=False)  # of what the workshop says now

    @property
    def state(self) -> PublishState:
        if not self.copies:
            return PublishState.NOT_PUBLISHED
        if all(copy.current for copy in self.copies):
            return PublishState.PUBLISHED
        return PublishState.OUT_OF_DATE


@dataclass(frozen=True)
class QueuedPublish:
    """A publish waiting for a store that could not be reached."""

    store: str
    queued_at: datetime
    attempts: int
    last_tried_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class PublishStatus:
    workshops: tuple[WorkshopPublishing, ...]
    queued: tuple[QueuedPublish, ...]

    @property
    def ever_published(self) -> bool:
        return any(w.copies for w in self.workshops) or bool(self.queued)

    def count(self, state: PublishState) -> int:
        return sum(w.state == state for w in self.workshops)

    @property
    def stores(self) -> tuple[str, ...]:
        """Every store the plan published or queued to, in the order first met."""
        found = [q.store for q in self.queued]
        found += [c.store for w in self.workshops for c in w.copies]
        return tuple(dict.fromkeys(found))


NOTHING = PublishStatus((), ())


def publish_status(
    session: Session,
    previous: PublishStatus | None = None,
    changed: Collection[int] | None = None,
) -> PublishStatus:
    """The plan's publishing as it is now (see the module's note on cost).

    ``previous`` and ``changed``: the status read before, and the workshops changed since
    (None: anything may have changed: the units, the cycles); only those are digested again.
    """
    queued = tuple(
        QueuedPublish(q.store, q.queued_at, q.attempts, q.last_tried_at, q.last_error)
        for q in session.scalars(select(PublishQueue).order_by(PublishQueue.id))
    )
    if not queued and not session.scalar(select(exists().where(Publication.workshop_id > 0))):
        return NOTHING
    copies: dict[int, list[Publication]] = {}
    for publication in session.scalars(
        select(Publication).order_by(Publication.store, Publication.workshop_id)
    ):
        copies.setdefault(publication.workshop_id, []).append(publication)
    if previous is None or not previous.workshops or changed is None:
        fresh = _read(session, None)
    else:
        fresh = {w.workshop_id: w for w in previous.workshops if w.workshop_id not in changed}
        if changed:
            fresh.update(_read(session, changed))
    workshops = tuple(
        replace(
            w,
            copies=tuple(
                StoreCopy(p.store, p.version, p.published_at, p.digest == w.digest)
                for p in copies.get(w.workshop_id, ())
            ),
        )
        for _id, w in sorted(fresh.items())
    )
    return PublishStatus(workshops, queued)


def _read(session: Session, only: Iterable[int] | None) -> dict[int, WorkshopPublishing]:
    """The workshops (all, or only these) with the digest of what each says now."""
    outbox = plan_outbox(session, "", "", None if only is None else set(only))
    return {
        w.id: WorkshopPublishing(
            workshop_id=w.id,
            title=w.title,
            unit=" / ".join(name for _level, name in w.unit_path),
            cycle=w.cycle,
            draft=w.draft,
            copies=(),
            digest=w.digest,
        )
        for w in outbox.workshops
    }


# How often (in SQLite's steps) a status read looks whether it is to stop.
STATUS_STOP_STEPS = 1_000


def publish_status_unless_stopped(
    session: Session,
    stop: threading.Event,
    previous: PublishStatus,
    changed: Collection[int] | None,
) -> PublishStatus:
    """publish_status, given up once ``stop`` is set: SQLite's progress handler makes the
    statement running (and any after it) fail as interrupted, so the read's transaction
    ends at once. A closing plan needs no status, and a read left open when it closes would
    leave its write-ahead log behind (a recovery at the next open)."""
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    raw.set_progress_handler(stop.is_set, STATUS_STOP_STEPS)
    try:
        return publish_status(session, previous, changed)
    finally:
        raw.set_progress_handler(None, 0)
