"""Delivering a plan's publish: sent to the store now, or queued in the plan when the store
cannot be reached (offline-first: the room never waits on the network)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from okrdesk.engine.aspects import Actor
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import PublishQueue
from okrdesk.store.connect import StoreAddress, store_engine
from okrdesk.store.errors import StoreError, StoreUnreachableError
from okrdesk.store.outbox import plan_outbox
from okrdesk.store.plan_ops import QueuePublish, RecordPublication
from okrdesk.store.publish import Published, publish


@dataclass(frozen=True)
class Delivery:
    """A publish's outcome: what the store took, or why it was queued."""

    address: str
    published: Published | None
    queued_because: str | None = None


def queued_stores(editor: PlanEditor) -> tuple[str, ...]:
    """The stores the plan's queue waits for, oldest first."""
    with editor.reading() as session:
        return tuple(session.scalars(select(PublishQueue.store).order_by(PublishQueue.id)))


def deliver(
    editor: PlanEditor, address: StoreAddress, label: str, engine: Engine | None = None
) -> Delivery:
    """Publish the plan's workshops to the store; queue the publish if it cannot be reached.

    A refusal (owned elsewhere, a conflict, a store too old or new, a wrong password) is
    raised: queueing would only repeat it. ``engine``: one kept on the store by the caller
    (its connections and compiled statements are reused), else one for this publish.
    """
    with editor.reading() as session:
        outbox = plan_outbox(session, address.shown, label)
    if not outbox.workshops:
        raise StoreError("store.nothing_to_publish")
    own = engine is None
    engine = store_engine(address) if engine is None else engine
    try:
        published = publish(engine, address, outbox, editor.clock())
    except StoreUnreachableError as error:
        reason = str(error.params.get("reason", ""))
        editor.apply(QueuePublish(address.shown, reason), actor=Actor.STORE)
        return Delivery(address.shown, None, reason)
    finally:
        if own:
            engine.dispose()
    editor.apply(RecordPublication(address.shown, published.versions), actor=Actor.STORE)
    return Delivery(address.shown, published)
