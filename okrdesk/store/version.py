"""The store's schema version: created and upgraded on purpose, checked on every use.

The store's revisions are its own Alembic line (okrdesk/store/migrations), recorded in
``okrdesk_store_version``. A client uses only a store at exactly the newest revision it
knows: an older store must be upgraded first (``okrdesk store upgrade``, by whoever runs
it), a newer one needs a newer okrdesk. Either is refused, with what to do, before anything
is read or written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from okrdesk.store.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "okrdesk_store_version"
# PostgreSQL's code for "no such table".
UNDEFINED_TABLE = "42P01"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The store revisions this okrdesk knows, oldest first (tests check them against Alembic's).
STORE_REVISIONS = ("s0001",)


def head_revision() -> str:
    return STORE_REVISIONS[-1]


def store_revision(connection: Connection) -> str | None:
    """The store's revision; None if the database holds no okrdesk store."""
    exists = connection.execute(text("SELECT to_regclass(:name)"), {"name": VERSION_TABLE})
    if exists.scalar() is None:
        return None
    found = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return None if found is None else str(found)


def check_store(connection: Connection, address: str) -> None:
    """Refuse a database that is no store, or a store older or newer than this okrdesk.

    The first statement of every transaction on the store, so one round trip: the version
    is read at once, and a missing table (which aborts the transaction) means no store.
    """
    try:
        found = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != UNDEFINED_TABLE:
            raise
        raise StoreError("store.not_a_store", address=address) from error
    revision = None if found is None else str(found)
    if revision is None:
        raise StoreError("store.not_a_store", address=address)
    if revision not in STORE_REVISIONS:
        raise StoreError("store.too_new", address=address, revision=revision)
    if revision != head_revision():
        raise StoreError("store.too_old", address=address, revision=revision, head=head_revision())


def _config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def init_store(engine: Engine, address: str) -> str:
    """Create the store's tables in an empty database; its revision. A store already there
    is refused (``store upgrade`` brings it up to date)."""
    from alembic import command

    with engine.begin() as connection:
        if store_revision(connection) is not None:
            raise StoreError("store.already_there", address=address)
        command.upgrade(_config(connection), "head")
    return head_revision()


def upgrade_store(engine: Engine, address: str) -> tuple[str, str]:
    """Bring the store up to this okrdesk's revision, in one transaction: (from, to)."""
    from alembic import command

    with engine.begin() as connection:
        revision = store_revision(connection)
        if revision is None:
            raise StoreError("store.not_a_store", address=address)
        if revision not in STORE_REVISIONS:
            raise StoreError("store.too_new", address=address, revision=revision)
        command.upgrade(_config(connection), "head")
    return revision, head_revision()
