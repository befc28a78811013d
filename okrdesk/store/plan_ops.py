"""The plan's operations for the store: a publish recorded, a publish queued.

They run through the PlanEditor like every change (one transaction each), as the STORE
actor: the store's bookkeeping, never on the facilitator's undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.models import Publication, PublishQueue

ERROR_LENGTH = 500


@dataclass(frozen=True)
class RecordPublication(OperationBase):
    """The store took the plan's publish: each workshop's store version and digest are kept,
    and the store's queued publish, if any, is done."""

    store: str
    versions: tuple[tuple[int, int, str], ...]  # (workshop id, store version, digest)
    label = "op.record_publication"

    def apply(self, ctx: OperationContext) -> None:
        kept = {
            p.workshop_id: p
            for p in ctx.session.scalars(select(Publication).where(Publication.store == self.store))
        }
        for workshop_id, version, digest in self.versions:
            publication = kept.get(workshop_id)
            if publication is None:
                ctx.session.add(
                    Publication(
                        workshop_id=workshop_id,
                        store=self.store,
                        version=version,
                        digest=digest,
                        published_at=ctx.now,
                    )
                )
            elif (publication.version, publication.digest) != (version, digest):
                publication.version, publication.digest = version, digest
                publication.published_at = ctx.now
        ctx.session.execute(delete(PublishQueue).where(PublishQueue.store == self.store))


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
