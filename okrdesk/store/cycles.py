"""The store's cycles, and one cycle's board or tree read in one go (for the window and PDF).

Each read opens its own engine and closes it: the window reads on a worker thread, seldom,
and a store that cannot be reached must not leave a pool behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from typing import TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from okrdesk.store.connect import SessionLimits, StoreAddress, store_engine
from okrdesk.store.errors import StoreError
from okrdesk.store.schema import StoreCycle
from okrdesk.store.views import StoreBoard, StoreTree, store_board, store_tree

T = TypeVar("T")


@dataclass(frozen=True)
class StoreCycleEntry:
    name: str
    starts_on: date
    ends_on: date


def store_cycles(session: Session) -> tuple[StoreCycleEntry, ...]:
    """Every cycle the store knows, the latest first (one query)."""
    return tuple(
        StoreCycleEntry(row.name, row.starts_on, row.ends_on)
        for row in session.execute(
            select(StoreCycle.name, StoreCycle.starts_on, StoreCycle.ends_on).order_by(
                StoreCycle.starts_on.desc(), StoreCycle.name
            )
        )
    )


def current_cycle(cycles: tuple[StoreCycleEntry, ...], today: date) -> str | None:
    """The cycle under way today, else the latest one (None: the store has no cycle)."""
    running = [c for c in cycles if c.starts_on <= today <= c.ends_on]
    if running:
        return running[0].name
    return cycles[0].name if cycles else None


def read_store(
    address: StoreAddress,
    work: Callable[[Session], T],
    password: str | None = None,
    limits: SessionLimits | None = None,
) -> T:
    """``work`` on a session of one checked, read-only use of the store (retried on a
    serialisation failure); unreachable or refused stores raise StoreError. ``password``:
    one typed in the window for this run, else the keyring's or PGPASSWORD's;
    ``limits``: see SessionLimits."""
    from okrdesk.store.publish import in_transaction

    engine = store_engine(address, password=password, limits=limits)
    try:

        def run(connection: Connection) -> T:
            return work(Session(bind=connection))

        result, _retried = in_transaction(engine, address, run)
        return result
    finally:
        engine.dispose()


def read_board(
    address: StoreAddress,
    cycle: str,
    today: date,
    zone: tzinfo = UTC,
    password: str | None = None,
    limits: SessionLimits | None = None,
) -> StoreBoard:
    """The cycle's board from the store; StoreError if it has no such cycle."""
    board = read_store(
        address,
        lambda session: store_board(session, cycle, today, zone),
        password,
        limits,
    )
    if board is None:
        raise StoreError("store.no_cycle", cycle=cycle)
    return board


def read_tree(
    address: StoreAddress,
    cycle: str,
    password: str | None = None,
    limits: SessionLimits | None = None,
) -> StoreTree:
    """The cycle's alignment tree from the store; StoreError if it has no such cycle."""
    tree = read_store(address, lambda session: store_tree(session, cycle), password, limits)
    if tree is None:
        raise StoreError("store.no_cycle", cycle=cycle)
    return tree
