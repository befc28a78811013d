"""Alembic environment for the store: runs on the connection okrdesk hands it."""

from __future__ import annotations

from alembic import context

from okrdesk.store.schema import StoreBase
from okrdesk.store.version import VERSION_TABLE

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=StoreBase.metadata,
    version_table=VERSION_TABLE,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
