"""The plan's operations for the store: a publish recorded, a publish queued.

They run through the PlanEditor like every change (one transaction each), as the STORE
actor: the store's bookkeeping, never on the facilitator's undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, or_, select
from sqlalchemy.dialects.sqlite import insert

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.models import Publication, PublishQueue
from okrdesk.models.types import UtcDateTime
from okrdesk.store.compiled import PlanStatement

ERROR_LENGTH = 500


_PUBLICATION = Publication.__table__.c
_PUBLISHED = insert(Publication).values(
    workshop_id=bindparam("workshop_id"),
    store=bindparam("store"),
    version=bindparam("version"),
    digest=bindparam("digest"),
    published_at=bindparam("now", type_=UtcDateTime()),
)
# A workshop published again unchanged keeps its row as it was (no write, no row change).
_RECORD = PlanStatement(
    _PUBLISHED.on_conflict_do_update(
        index_elements=[_PUBLICATION.workshop_id, _PUBLICATION.store],
        set_={
            "version": _PUBLISHED.excluded.version,
            "digest": _PUBLISHED.excluded.digest,
            "published_at": _PUBLISHED.excluded.published_at,
        },
        where=or_(
            _PUBLICATION.version != _PUBLISHED.excluded.version,
            _PUBLICATION.digest != _PUBLISHED.excluded.digest,
        ),
    )
)
_DEQUEUE = PlanStatement(delete(PublishQueue).where(PublishQueue.store == bindparam("store")))


@dataclass(frozen=True)
class RecordPublication(OperationBase):
    """The store took the plan's publish: each workshop's store version and digest are kept,
    and the store's queued publish, if any, is done.

    Two statements compiled once (one upsert a workshop, one delete), no ORM objects: the
    bookkeeping after a publish was a tenth of a publishing laptop's own time."""

    store: str
    versions: tuple[tuple[int, int, str], ...]  # (workshop id, store version, digest)
    label = "op.record_publication"

    def apply(self, ctx: OperationContext) -> None:
        connection = ctx.session.connection()
        for workshop_id, version, digest in self.versions:
            _RECORD.run(
                connection,
                {
                    "workshop_id": workshop_id,
                    "store": self.store,
                    "version": version,
                    "digest": digest,
                    "now": ctx.now,
                },
            )
        _DEQUEUE.run(connection, {"store": self.store})


@dataclass(frozen=True)
class QueuePublish(OperationBase):
    """The store could not be reached: the publish waits in the plan (one entry per store),
    with how often it was tried and why it failed last (never a password: the store's
    address is kept as shown, and the reason is the driver's words about the network)."""

    store: str
    reason: str
    label = "op.queue_publish"

    def apply(self, ctx: OperationContext) -> None:
        entry = ctx.session.scalar(select(PublishQueue).where(PublishQueue.store == self.store))
        if entry is None:
            entry = PublishQueue(store=self.store, queued_at=ctx.now, attempts=0)
            ctx.session.add(entry)
        entry.attempts += 1
        entry.last_tried_at = ctx.now
        entry.last_error = self.reason[:ERROR_LENGTH]
