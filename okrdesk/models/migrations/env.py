"""Alembic environment for plan files: runs on the connection okrdesk hands it."""

from __future__ import annotations

from alembic import context

from okrdesk.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
