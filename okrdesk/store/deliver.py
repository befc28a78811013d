"""Delivering a plan's publish: sent to the store now, or queued in the plan when the store
cannot be reached (offline-first: the room never waits on the network)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from okrdesk.engine.aspects import Actor
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.operation import Operation
from okrdesk.models import PublishQueue
from okrdesk.store.connect import SessionLimits, StoreAddress, store_engine
from okrdesk.store.errors import StoreError, StoreUnreachableError
from okrdesk.store.outbox import Outbox, plan_outbox
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


def send(
    address: StoreAddress,
    outbox: Outbox,
    now: datetime,
    engine: Engine | None = None,
    password: str | None = None,
    limits: SessionLimits | None = None,
) -> Delivery:
    """The network half of a publish (no plan access: the window runs it off its thread).

    Unreachable: the delivery says why, to be queued. A refusal is raised.
    ``limits``: for an engine made here (see SessionLimits).
    """
    if not outbox.workshops:
        raise StoreError("store.nothing_to_publish")
    own = engine is None
    if engine is None:
        engine = store_engine(address, password=password, limits=limits)
    try:
        published = publish(engine, address, outbox, now)
    except StoreUnreachableError as error:
        return Delivery(address.shown, None, str(error.params.get("reason", "")))
    finally:
        if own:
            engine.dispose()
    return Delivery(address.shown, published)


def recorded(delivery: Delivery) -> Operation:
    """The plan half: the publish recorded, or queued (apply it as Actor.STORE)."""
    if delivery.published is None:
        return QueuePublish(delivery.address, delivery.queued_because or "")
    return RecordPublication(delivery.address, delivery.published.versions)


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
    delivery = send(address, outbox, editor.clock(), engine)
    editor.apply(recorded(delivery), actor=Actor.STORE)
    return delivery
